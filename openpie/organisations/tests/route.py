"""A row of the page access table, and how the table is put together from every app.

Each app lists its pages in ``openpie/<app>/tests/routes.py``, in module-level dicts whose
names end in ``_ROUTES``: URL name → ``Route`` (who may open it, checked by the access matrix
and the security suites) or a sentence saying how the page is guarded and where that is tested.
A page the app serves that is in no such dict fails ``test_access_matrix`` and
``tests/security/test_authorisation_matrix.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# Namespaces that are not the apps' pages: Django's admin site, and the JSON API (its operations
# have their own table, tests/security/api_routes.py).
NOT_PAGES = ("admin:", "api:")


@dataclass(frozen=True)
class Route:
    action: str
    where: str  # "service" (the service unit) or "root" (organisation-wide: role needed at the top)
    url: Callable[[Any], str]  # given the `world` fixture: tree, framework, and a round with one of everything
    # Reachable by another organisation through an accepted sharing grant of this scope
    # ("overview" or "barriers"), for people with shared.view at the top of their organisation.
    shared: str | None = None
    needs: tuple[str, ...] = ()  # more actions the person must have as well (else 403)
    reach: str | None = None  # an action without which the object is not even found (404)


def all_routes() -> dict[str, Route | str]:
    """Every app's rows (``openpie.<app>.tests.routes``), merged."""
    table: dict[str, Route | str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("openpie."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.routes")
        except ModuleNotFoundError as missing:
            if missing.name not in {f"{config.name}.tests", f"{config.name}.tests.routes"}:
                raise
            continue
        for name, value in vars(module).items():
            if name.endswith("_ROUTES") and isinstance(value, dict):
                table.update(value)
    return table


def _named(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named(pattern, ns)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>")
    return names


def served_pages() -> set[str]:
    """The name of every page the project serves (an unnamed one shows as ``<unnamed ...>``)."""
    return {name for name in _named(get_resolver()) if not name.startswith(NOT_PAGES)}
