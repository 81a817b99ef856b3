"""委员 page, dialog, roster import wizard, 界别 settings."""
