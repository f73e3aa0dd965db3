"""Settings from a ``.env`` file: ``NAME=value`` lines put into the environment, which wins.

The file is ``.env`` beside ``manage.py`` unless ``OPENPIE_ENV_FILE`` names another (empty: none).
Lines are ``NAME=value`` or ``export NAME=value``; blank lines and lines starting with ``#`` are
skipped; a value in matching single or double quotes loses them (no escapes, no ``${...}``). A
variable already in the environment is never replaced, so a deployment's own environment (systemd,
a container) overrides the file. ``.env.example`` lists every variable the settings read.

``python -m config.envfile NAME...`` prints the names, of those given, that neither the environment
nor the file sets (``scripts/serve.sh`` uses it to refuse to start with a clear message).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / ".env"
LINE = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in {"'", '"'}:
        return value[1:-1]
    return value


def env_file_read(path: Path) -> dict[str, str]:
    """The file's variables (nothing if it does not exist); a line that is not ``NAME=value`` is an error."""
    if not path.is_file():
        return {}
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        if match is None:
            raise ValueError(f"{path.name} line {number} is not NAME=value")
        found[match.group(1)] = _unquote(match.group(2))
    return found


def env_file_path() -> Path | None:
    chosen = os.environ.get("OPENPIE_ENV_FILE")
    if chosen is None:
        return DEFAULT
    return Path(chosen) if chosen else None


def env_file_load(path: Path | None = None) -> dict[str, str]:
    """Put the file's variables into the environment where they are not already set; return those set."""
    path = path if path is not None else env_file_path()
    if path is None:
        return {}
    added = {name: value for name, value in env_file_read(path).items() if name not in os.environ}
    os.environ.update(added)
    return added


if __name__ == "__main__":
    env_file_load()
    print(" ".join(name for name in sys.argv[1:] if not os.environ.get(name)))
