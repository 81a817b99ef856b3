"""委员: the registry, field checks, 界别, 姓氏笔画 order and pinyin."""
