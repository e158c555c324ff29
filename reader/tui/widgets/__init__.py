"""The reader's widgets: each owns its keys and reports upward with messages."""
