"""Reusable widgets: status line, fields, safe display of user text."""
