"""Backups, restore, the data-safety and password-lock settings, the idle lock."""
