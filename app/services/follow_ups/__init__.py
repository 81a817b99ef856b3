"""督办: follow-ups of consultation results across rooms."""
