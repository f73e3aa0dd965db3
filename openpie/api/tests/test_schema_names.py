"""The OpenAPI schema names each body and answer by its class name: two classes with one name
would share one description, and one of them would be described wrongly."""

from __future__ import annotations

from collections import Counter

from ninja import Schema

from openpie.api.api import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_no_two_api_schemas_share_a_name():
    api.get_openapi_schema()  # imports every router's schemas
    ours = [cls for cls in _subclasses(Schema) if cls.__module__.startswith("openpie.")]
    names = Counter(cls.__name__ for cls in ours)
    assert [name for name, n in names.items() if n > 1] == []


def _operations() -> list[tuple[str, str, dict]]:
    paths = api.get_openapi_schema()["paths"]
    return [(path, method, op) for path, item in paths.items() for method, op in item.items()]


def test_operation_ids_are_short_and_one_per_operation():
    ids = [op["operationId"] for _, _, op in _operations()]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all("_api_" not in i and not i.startswith("openpie") for i in ids), ids


def test_tags_are_written_one_way():
    tags = {tag for _, _, op in _operations() for tag in op.get("tags", [])}
    assert tags, "every operation has a tag"
    assert all(tag[:1].isupper() and tag[1:] == tag[1:].lower() for tag in tags), sorted(tags)
