"""The app's look: a calm, readable navigation column and slightly larger type for clerks."""

STYLE_SHEET = """
QListWidget#nav_list { font-size: 15px; border: none; background: #f4f6f9; }
QListWidget#nav_list::item { padding: 10px 14px; border-left: 3px solid transparent; }
QListWidget#nav_list::item:selected { background: #dce6f5; color: #1a3d7c;
    border-left: 3px solid #b22222; }
QTableView { font-size: 13px; }
QLabel#title_label { padding: 4px 0; }
"""
