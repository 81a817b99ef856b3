"""Qt windows, pages, dialogs and table models. Calls services only; never SQL."""
