"""议题库 page, dialogs and list model."""
