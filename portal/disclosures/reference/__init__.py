"""Loaders for the reference registers. Every loader is idempotent: running it twice changes nothing."""
