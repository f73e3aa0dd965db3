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
