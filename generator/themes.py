"""Find a theme and the themes it extends; the default theme ships inside the package."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, error
from .frontmatter import utf8_text
from .schema import Field, text, validate
from .yamldoc import load_yaml

_PACKAGE = Path(__file__).resolve().parent


def builtin_theme(name: str) -> Path | None:
    """A wheel carries the default theme inside the package; a source checkout at the top level."""
    for base in (_PACKAGE / "themes", _PACKAGE.parent / "themes"):
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
            return chain, [error(_shown(shown, root), 1, 1, f"unknown theme '{current}'")]
        if folder in chain:
            return chain, [
                error(
                    _shown(folder / "theme.yaml", root), 1, 1, "themes extend each other in a loop"
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
    shown = _shown(manifest, root)
    source, problems = utf8_text(manifest.read_bytes(), shown)
    if source is None:
        return None, problems
    doc, problems = load_yaml(source, shown)
    if doc is None or problems:
        return None, problems
    values, problems = validate(doc, {"extends": Field(text), "name": Field(text)}, shown)
    return values.get("extends"), problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
