"""The application: start-up, main window, context, and pages of no one area (首页, 设置)."""
