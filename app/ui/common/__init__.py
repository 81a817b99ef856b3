"""Widgets, table models, the task runner and error dialogs every area uses."""
