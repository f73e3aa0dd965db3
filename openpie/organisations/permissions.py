"""Loads the permission table (permissions.yaml): role × action."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from openpie.organisations.models import Role

TABLE_PATH = Path(__file__).with_name("permissions.yaml")


@cache
def permission_table() -> dict[str, frozenset[str]]:
    """Action → the roles allowed to do it. Fails loudly on an unknown role."""
    data = yaml.safe_load(TABLE_PATH.read_text())
    known = set(Role.values)
    declared = set(data["roles"])
    if declared != known:
        raise ValueError(f"permissions.yaml roles {sorted(declared)} differ from Role {sorted(known)}")
    table: dict[str, frozenset[str]] = {}
    for action, roles in data["actions"].items():
        unknown = set(roles) - known
        if unknown:
            raise ValueError(f"permissions.yaml: {action} names unknown roles {sorted(unknown)}")
        table[action] = frozenset(roles)
    return table


def roles_allowed(action: str) -> frozenset[str]:
    try:
        return permission_table()[action]
    except KeyError:
        raise KeyError(f"{action!r} is not in permissions.yaml") from None
