"""The published OpenAPI: docs/openapi.json is the schema the API serves at /api/v1/openapi.json.

``python -m openpie.api.openapi`` (``make openapi``) writes it; openpie/api/tests/test_openapi_published.py
fails when it no longer matches, so a change to the API shows in review as a change to that file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def openapi_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    import django

    django.setup()
    from openpie.api.api import api

    PUBLISHED.write_text(openapi_text(api.get_openapi_schema()), encoding="utf-8")


if __name__ == "__main__":
    main()
