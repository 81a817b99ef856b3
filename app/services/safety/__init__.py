"""Data safety: backups, restore, integrity checks, the password lock, opening at start."""
