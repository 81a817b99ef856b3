"""接待来访 page, dialog and list model."""
