"""Article pipeline: fetch -> raw store -> parse -> records -> JSONL export."""

__version__ = "0.1.0"
