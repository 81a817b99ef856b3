"""Readers of files from outside (rosters, rule tables). No Qt."""
