"""督办 page and its table model."""
