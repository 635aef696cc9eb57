"""JSON Schema files for the published record types, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.records import RECORD_MODELS


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, deterministic, for every record type."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for name, model in RECORD_MODELS.items()
    }


def write_schema_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
