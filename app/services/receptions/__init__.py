"""接待来访: the reception log and its paged list."""
