"""depot-tui: the keyboard-driven terminal app for a freight-line depot's counter and dock."""

__version__ = "0.1.0"
