"""docs/openapi.json is the schema the API serves (regenerate it with `make openapi`)."""

from openpie.api.api import api
from openpie.api.openapi import PUBLISHED, openapi_text


def test_the_published_openapi_is_the_served_one():
    assert PUBLISHED.read_text(encoding="utf-8") == openapi_text(api.get_openapi_schema()), "run `make openapi`"
