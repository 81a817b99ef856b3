"""履职活动: the record, its list, attachments, the seven steps and its checks."""
