"""What the filed documents (会议纪要, 签到表, 活动台账) are read from."""
