"""The terminal UI (Textual): a client of the analysis library, never imported by it."""
