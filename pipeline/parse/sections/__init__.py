"""Section detectors: each finds one kind of section in the article, DOM first, JSON-LD second."""
