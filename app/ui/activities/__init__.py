"""履职活动 page and editor, one module per tab."""
