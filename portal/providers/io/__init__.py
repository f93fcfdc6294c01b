"""Import and export of the provider register."""
