"""Every page the project serves, as URL patterns, for the suites that visit them all."""

from __future__ import annotations

import re
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from openpie.organisations.tests.route import NOT_PAGES, Route, all_routes


def _patterns(resolver: URLResolver, prefix: str = "", ns: str = "") -> list[tuple[str, str, list[str]]]:
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ns + (f"{pattern.namespace}:" if pattern.namespace else "")
            found += _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            found.append((ns + (pattern.name or ""), route, re.findall(r"<(\w+):\w+>", route)))
    return found


def pages() -> list[tuple[str, str, list[str]]]:
    """(name, route with <converters>, the converters) of every page outside the admin site and the API."""
    return [p for p in _patterns(get_resolver()) if not p[0].startswith(NOT_PAGES)]


def fill(route: str, value: Any) -> str:
    """The route with every parameter set to ``value``."""
    return "/" + re.sub(r"<\w+:\w+>", str(value), route).lstrip("^").rstrip("$")


def every_page(world: Any) -> list[str]:
    """The URL of every page of the access table for ``world``, and of every page without parameters."""
    urls = [route.url(world) for route in all_routes().values() if isinstance(route, Route)]
    urls += [fill(route, "") for _, route, converters in pages() if not converters]
    return list(dict.fromkeys(urls))
