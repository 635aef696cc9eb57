from pathlib import Path

from pipeline.schema_files import schema_documents
from schemas.records import RECORD_MODELS, SCHEMA_VERSION

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_published_schema_files_match_the_record_models():
    for name, text in schema_documents().items():
        published = SCHEMAS / name
        assert published.exists(), f"{name} is missing: run `pipeline schema`"
        assert published.read_text(encoding="utf-8") == text, f"{name} drifted from the models: run `pipeline schema`"


def test_every_record_type_carries_its_type_and_schema_version():
    for name, model in RECORD_MODELS.items():
        fields = model.model_fields
        assert fields["record_type"].default == name
        assert fields["schema_version"].default == SCHEMA_VERSION
