"""Fetching: sources, frontier, politeness, HTTP client."""
