"""Word and Excel writers fed by service data. No Qt."""
