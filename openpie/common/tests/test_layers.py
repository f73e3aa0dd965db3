"""Dependencies run one way: the import-linter contracts in pyproject.toml hold (docs/architecture.md, "Layers").

The contracts count every import, those inside functions and under ``TYPE_CHECKING`` too, so a cycle
cannot hide in a function body. ``make lint`` runs the same check as ``lint-imports``.
"""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]


def test_apps_import_only_the_layers_below_them_and_no_module_cycles(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out
