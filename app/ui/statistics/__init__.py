"""Charts of the year (首页) and the 年度工作统计 export panel."""
