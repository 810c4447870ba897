import jsonschema
import orjson

from rasd.pipeline import extract_text, to_record
from rasd.schema import SCHEMA_PATH, record_schema, render_schema


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA_PATH.read_text("utf-8") == render_schema(), (
        "the output schema is stale: run `python -m rasd.schema` and commit it"
    )


def test_records_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(record_schema())
    for text in ("قال مصدر عسكري إن نحو 150 مقاتلا استسلموا.", "An English line.", "   "):
        for tokens in (False, True):
            record = orjson.loads(
                orjson.dumps(to_record(extract_text(text), include_tokens=tokens))
            )
            validator.validate(record)
