"""示例数据 in the window."""
