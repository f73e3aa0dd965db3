"""Print the URL of the benchmark database, creating it if needed (beside the test database).

python -m bench.database postgres://openpie:…@127.0.0.1:5432/openpie openpie_bench
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def ensure(url: str, name: str) -> str:
    with psycopg.connect(url, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


if __name__ == "__main__":
    print(ensure(sys.argv[1], sys.argv[2]))
