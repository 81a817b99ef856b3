"""联络室 page, editor and models."""
