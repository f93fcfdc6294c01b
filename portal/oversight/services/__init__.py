"""Service functions of the oversight channel (one module per concept)."""
