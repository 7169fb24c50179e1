"""Find a theme and the themes it extends; the default theme ships inside the package."""

from __future__ import annotations

from pathlib import Path

from generator import PACKAGE_DIR
from generator.errors import Problem, error, shown_path
from generator.source.frontmatter import utf8_text
from generator.source.schema import Field, text, validate
from generator.source.yamldoc import load_yaml


def builtin_theme_bases() -> tuple[Path, Path]:
    """Where built-in themes are: a wheel carries them inside the package, a source checkout
    at the top level of the repository."""
    return PACKAGE_DIR / "themes", PACKAGE_DIR.parent / "themes"


def builtin_theme(name: str) -> Path | None:
    for base in builtin_theme_bases():
        if (base / name / "templates").is_dir():
            return base / name
    return None


def find_theme(root: Path, name: str) -> Path | None:
    local = root / "themes" / name
    if (local / "templates").is_dir() or (local / "theme.yaml").is_file():
        return local
    return builtin_theme(name)


def theme_chain(root: Path, name: str) -> tuple[list[Path], list[Problem]]:
    """The theme folder first, then each theme it extends: templates are looked up in order."""
    chain: list[Path] = []
    current: str | None = name
    while current is not None:
        folder = find_theme(root, current)
        if folder is None:
            shown = chain[-1] / "theme.yaml" if chain else Path("site.yaml")
            return chain, [error(shown_path(shown, root), 1, 1, f"unknown theme '{current}'")]
        if folder in chain:
            return chain, [
                error(
                    shown_path(folder / "theme.yaml", root),
                    1,
                    1,
                    "themes extend each other in a loop",
                )
            ]
        chain.append(folder)
        current, problems = _extends(folder, root)
        if problems:
            return chain, problems
    return chain, []


def _extends(folder: Path, root: Path) -> tuple[str | None, list[Problem]]:
    manifest = folder / "theme.yaml"
    if not manifest.is_file():
        return None, []
    shown = shown_path(manifest, root)
    source, problems = utf8_text(manifest.read_bytes(), shown)
    if source is None:
        return None, problems
    doc, problems = load_yaml(source, shown)
    if doc is None or problems:
        return None, problems
    values, problems = validate(doc, {"extends": Field(text), "name": Field(text)}, shown)
    return values.get("extends"), problems


def static_files(theme_dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Theme assets under static/; a theme's file wins over the one of the theme it extends."""
    found: dict[str, Path] = {}
    for theme in reversed(theme_dirs):
        base = theme / "static"
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found["static/" + path.relative_to(base).as_posix()] = path
    return found
