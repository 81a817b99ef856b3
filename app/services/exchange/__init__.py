"""Township ↔ county data exchange (issue 15): who this database is, and packages."""
