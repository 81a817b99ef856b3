"""Use cases. One session and one transaction per user action; plain data out. No Qt."""
