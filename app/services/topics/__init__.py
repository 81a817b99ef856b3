"""议题库: topics, their status trail and the paged list."""
