"""Public and admin views of the oversight channel."""
