"""The house stays easy to grow: the shared core knows no app, and the languages are
spelled out in one table only (see ../shared/architecture.md)."""

import ast
import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# The composition root may name the apps; everything else in the core asks for them.
CORE_ROOTS = {"citymined/settings.py", "citymined/urls.py"}


def tracked(*patterns):
    """The repository's files (and new ones not yet committed) matching `patterns`."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *patterns],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).exists()]


def core_modules():
    return [
        path
        for path in tracked("citymined/*.py")
        if str(path.relative_to(ROOT)) not in CORE_ROOTS and "/migrations/" not in str(path)
    ]


def own_apps():
    """The site's own apps (a folder of this repository), a new one included."""
    return {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (ROOT / app.split(".")[0] / "__init__.py").exists() and app != "citymined"
    }


def names_an_app(node, apps):
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in apps for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] in apps
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.fullmatch(rf"({'|'.join(apps)})([.:].*)?", node.value) is not None
    return False


def test_the_core_imports_no_app_and_names_none():
    offences = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in core_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if names_an_app(node, own_apps())
    ]
    assert core_modules(), "no core module found"
    assert offences == []


def language_literal():
    codes = "|".join(code for code, _name in settings.LANGUAGES)
    # A quoted code, a translated column (title_nl), a URL prefix, a lang attribute.
    return re.compile(rf"""["']({codes})["']|[a-z]_({codes})\b|/({codes})/|lang=({codes})\b""")


def is_allowed_to_spell_languages(path):
    name = str(path.relative_to(ROOT))
    return (
        name == "citymined/settings.py"
        or "/migrations/" in name
        or "initial_content" in name
        or name.startswith(("locale/", "tests/", "bench/"))
    )


def test_languages_are_spelled_out_in_settings_only():
    pattern = language_literal()
    files = tracked("*.py", "*.html", "*.txt", "*.js", "Makefile")
    offences = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        if not is_allowed_to_spell_languages(path) and "/vendor/" not in str(path)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert len(files) > 50
    assert offences == []


def checked_by_the_import_contracts(pyproject):
    """The packages `manage.py lint_imports` checks, and those in its layers."""
    from importlinter.application.use_cases import read_user_options

    from operations.management.commands.lint_imports import configure_linter

    configure_linter()
    options = read_user_options(str(pyproject))
    layers = [
        {name.strip() for name in layer.split("|")}
        for contract in options.contracts_options
        if contract["type"] == "layers"
        for layer in contract["layers"]
    ]
    return set(options.session_options["root_packages"]), layers


def test_every_app_of_the_site_has_its_imports_checked():
    checked, layers = checked_by_the_import_contracts(ROOT / "pyproject.toml")
    assert own_apps() <= checked
    assert own_apps() <= set().union(*layers)


def test_an_app_the_contracts_do_not_name_is_checked_beside_the_top_apps(tmp_path):
    """A new app (here news/, taken out of the contracts) needs no line in pyproject.toml."""
    written = (ROOT / "pyproject.toml").read_text()
    without_news = re.sub(r'\n\s*"news",', "", written).replace("news | events", "events")
    (tmp_path / "pyproject.toml").write_text(without_news)
    assert '"news"' not in without_news
    checked, layers = checked_by_the_import_contracts(tmp_path / "pyproject.toml")
    assert "news" in checked
    assert {"pages", "news"} <= layers[1]
