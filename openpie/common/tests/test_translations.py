"""English and Welsh on equal terms: every word marked, the Welsh catalogue complete and current,
the language choice remembered (docs/translation.md)."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from openpie.common.tests.unmarked import unmarked_templates
from openpie.common.tests.unmarked_python import unmarked_modules

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
SOURCES = ["manage.py", "config", "openpie", "templates", "locale"]


def test_every_template_word_is_marked_for_translation() -> None:
    found = unmarked_templates()
    listing = "\n".join(f"{name}: {pieces[:3]}" for name, pieces in list(found.items())[:30])
    assert not found, f"{sum(map(len, found.values()))} unmarked pieces in {len(found)} templates:\n{listing}"


def test_every_python_message_is_marked_for_translation() -> None:
    found = unmarked_modules()
    listing = "\n".join(f"{name}:{line}: {text}" for name, pieces in list(found.items())[:30] for line, text in pieces)
    assert not found, f"{sum(map(len, found.values()))} unmarked strings in {len(found)} modules:\n{listing}"


def _gettext_tool(*arguments: str) -> subprocess.CompletedProcess[str]:
    """GNU gettext's own tools (Debian's gettext, installed by the test set-up) on our catalogues."""
    return subprocess.run(arguments, capture_output=True, text=True, check=False)  # noqa: S603


def _statistics(catalogue: Path) -> str:
    done = _gettext_tool("msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalogue))
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def test_welsh_catalogue_has_every_message_translated_and_none_fuzzy() -> None:
    statistics = _statistics(CATALOGUE)
    assert "untranslated" not in statistics, statistics
    assert "fuzzy" not in statistics, statistics


def _same_messages(one: Path, other: Path) -> str:
    done = _gettext_tool("msgcmp", "--use-untranslated", "--use-fuzzy", str(one), str(other))
    return "" if done.returncode == 0 else done.stderr[:3000]


def test_welsh_catalogue_holds_exactly_the_marked_strings(tmp_path: Path) -> None:
    """Collect the marked strings afresh (in a copy, so the working tree is untouched): the catalogue
    must hold each one (nothing marked but left out) and nothing else (nothing stale)."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "translations", "--no-compile"], cwd=tmp_path, env=environment, check=True
    )
    fresh = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    assert not _same_messages(CATALOGUE, fresh), "marked but not in the catalogue (make messages):\n" + _same_messages(
        CATALOGUE, fresh
    )
    assert not _same_messages(fresh, CATALOGUE), "in the catalogue but no longer marked (make messages):\n" + (
        _same_messages(fresh, CATALOGUE)
    )


def test_compiled_catalogue_is_the_catalogue(tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    assert _gettext_tool("msgfmt", "-o", str(compiled), str(CATALOGUE)).returncode == 0
    with compiled.open("rb") as fresh, COMPILED.open("rb") as committed:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed)._catalog, (  # type: ignore[attr-defined]
            "locale/cy/LC_MESSAGES/django.mo is out of date: make messages"
        )


@pytest.mark.django_db
def test_choosing_welsh_is_remembered_and_goes_back_to_the_page() -> None:
    client = Client()
    response = client.post("/language/", {"language": "cy", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert response.cookies["openpie_language"].value == "cy"
    page = client.get("/sign-in/")
    assert '<html lang="cy"' in page.content.decode()
    assert "Neidio i’r prif gynnwys" in page.content.decode()
    assert page["Content-Language"] == "cy"


@pytest.mark.django_db
def test_language_choice_refuses_another_site_and_unknown_languages() -> None:
    client = Client()
    response = client.post("/language/", {"language": "cy", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"
    client = Client()
    response = client.post("/language/", {"language": "xx", "next": "/sign-in/"})
    assert "openpie_language" not in response.cookies
    assert '<html lang="en-gb"' in client.get("/sign-in/").content.decode()
    assert client.get("/language/").status_code == 405


@pytest.mark.django_db
def test_a_browser_that_asks_for_welsh_gets_welsh() -> None:
    page = Client().get("/sign-in/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    assert '<html lang="cy"' in page.content.decode()


@pytest.mark.django_db
def test_a_signed_in_persons_language_follows_them_to_another_device(people, client_for) -> None:
    client = client_for(people.staff)
    client.post("/language/", {"language": "cy", "next": "/"})
    people.staff.refresh_from_db()
    assert people.staff.language == "cy"
    other_device = client_for(people.staff)
    other_device.cookies["openpie_language"] = "en-gb"
    assert '<html lang="cy"' in other_device.get("/account/").content.decode()
