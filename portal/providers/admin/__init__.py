"""Wagtail admin pieces of the provider registry."""
