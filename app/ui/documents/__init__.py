"""会议纪要 / 签到表 previews and printing, the 导出 page, 公文格式 settings."""
