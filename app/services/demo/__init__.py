"""示例数据: the seeded generator and clearing it again."""
