"""年度工作统计 and 季度汇总: the year in numbers, counted the way the pages count."""
