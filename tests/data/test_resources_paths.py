"""Paths the bundle depends on: resources under sys._MEIPASS, the portable folder beside the
executable, and every data file the app loads at run time present in the source tree (no Qt).

The PyInstaller build itself is checked by scripts/smoke-bundle, not here (too slow for pytest).
"""

from __future__ import annotations

import ast
import fnmatch
import sys
import tomllib
from pathlib import Path

import pytest

import alcoach
from alcoach import resources
from alcoach.data import migrations, paths
from alcoach.data.archive import checks as archive_checks

PACKAGE_DIR = Path(alcoach.__file__).resolve().parent
REPO = PACKAGE_DIR.parent


def _freeze(monkeypatch: pytest.MonkeyPatch, meipass: Path, executable: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))


def _literal_calls(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """(module, string arguments) of every call `name(...)` in alcoach with only literal args."""
    found = []
    for module in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called != name:
                continue
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if args and all(isinstance(a, str) for a in args):
                found.append((str(module.relative_to(REPO)), tuple(args)))
    return found


def test_resource_path_resolves_into_meipass_when_frozen(monkeypatch, tmp_path):
    bundle = tmp_path / "_internal"
    _freeze(monkeypatch, bundle, tmp_path / "alcoach")
    got = resources.resource_path("content", "questions.json")
    assert got == bundle / "resources" / "content" / "questions.json"
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_relative_to(bundle)


def test_resource_path_uses_the_checkout_when_not_frozen(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/nowhere", raising=False)  # ignored unless frozen
    assert resources.resource_path() == REPO / "resources"
    assert resources.resource_path("content").is_dir()


def test_program_dir_is_the_executables_folder_when_frozen(monkeypatch, tmp_path):
    stick = tmp_path / "usb stick" / "alcoach"
    stick.mkdir(parents=True)
    _freeze(monkeypatch, stick / "_internal", stick / "alcoach")
    assert paths.program_dir() == stick.resolve()


def test_program_dir_is_the_checkout_when_not_frozen(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.program_dir() == REPO


def test_portable_folder_beside_the_frozen_executable_holds_the_data(monkeypatch, tmp_path):
    stick = tmp_path / "stick"
    (stick / paths.PORTABLE_DIRNAME).mkdir(parents=True)
    _freeze(monkeypatch, stick / "_internal", stick / "alcoach")
    chosen = paths.resolve_data_dir(None, environ={})
    assert chosen == (stick / paths.PORTABLE_DIRNAME).resolve()
    # --data-dir still wins over the portable folder.
    elsewhere = tmp_path / "elsewhere"
    assert paths.resolve_data_dir(str(elsewhere), environ={}) == elsewhere.resolve()


def test_builtin_content_files_exist_and_load():
    for name in ("questions.json", "agenda_templates.json", "leadership_skills.json"):
        assert resources.resource_path("content", name).is_file(), name
    assert resources.load_builtin_questions()
    assert resources.load_builtin_templates()
    assert resources.load_leadership_skills()


def test_every_literal_resource_path_in_the_code_exists():
    calls = _literal_calls("resource_path")
    assert any(args[0] == "fonts" for _, args in calls), "the fonts are loaded by resource_path"
    missing = [
        f"{module}: {'/'.join(args)}"
        for module, args in calls
        if not resources.resource_path(*args).exists()
    ]
    assert not missing


def test_fonts_named_by_the_pdf_export_exist():
    fonts = {
        args[-1]
        for _, args in _literal_calls("resource_path")
        if args[0] == "fonts" and len(args) > 1
    }
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= fonts
    from alcoach.ui.kit.bundled_fonts import FONT_FILES

    fonts |= set(FONT_FILES)  # the fonts the window is given too
    for name in fonts:
        assert resources.resource_path("fonts", name).stat().st_size > 0, name


def test_every_schema_sql_file_the_migrations_run_exists():
    run = [args[-1] for _, args in _literal_calls("_run_sql_file")]
    assert "v001_initial.sql" in run
    for name in run:
        assert (migrations.SCHEMA_DIR / name).is_file(), name


def test_archive_schemas_exist_and_are_json():
    assert archive_checks.SCHEMA_PATHS[4] == archive_checks.SCHEMA_PATH
    for version, path in archive_checks.SCHEMA_PATHS.items():
        assert path.is_file()
        assert archive_checks.load_schema(version)["properties"]["version"] == {"const": version}


def test_package_data_sits_inside_the_package_and_is_declared():
    """collect_data_files('alcoach') (build.spec) and pip both need the files inside the package."""
    files = [*migrations.SCHEMA_DIR.glob("*.sql"), *archive_checks.SCHEMA_PATHS.values()]
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["alcoach"]
    for path in files:
        assert path.is_relative_to(PACKAGE_DIR), path
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        assert any(fnmatch.fnmatch(relative, g) for g in globs), relative
