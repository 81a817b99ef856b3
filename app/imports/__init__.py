"""Readers of files people hand in (Excel rosters …). No Qt."""
