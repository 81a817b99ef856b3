"""积分 page, rule editor, manual entries, points exports."""
