"""联络室: the registry, 驻室委员, convenors, targets and the checklist."""
