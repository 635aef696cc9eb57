"""Record models of the pipeline's JSONL output and their JSON Schema files."""

from schemas.records import (
    RECORD_MODELS,
    SCHEMA_VERSION,
    Article,
    FaqItem,
    Framework,
    FrameworkStep,
    Reject,
    Takeaways,
)

__all__ = [
    "RECORD_MODELS",
    "SCHEMA_VERSION",
    "Article",
    "FaqItem",
    "Framework",
    "FrameworkStep",
    "Reject",
    "Takeaways",
]
