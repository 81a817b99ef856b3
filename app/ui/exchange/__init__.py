"""Window side of township ↔ county exchange (设置 → 本单位, 导入数据包… preview: not built yet)."""
