"""履职积分: rule sets per year, the recalculation engine, ranking, 定稿 (locking), room 年评比."""
