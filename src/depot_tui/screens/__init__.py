"""One module per screen; screens call services, never build queries."""
