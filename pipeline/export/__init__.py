"""Export: atomic JSONL writers, rejects and the run summary."""
