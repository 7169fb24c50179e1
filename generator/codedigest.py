"""Hashes of the generator's own code, by what a cached result depends on.

A cached document is made by the parse and text-analysis modules; a memoised bottom line by
grouping and the text analysis. Each is keyed by the source of the module that makes it and of
every generator module that module imports, directly or not, so a new version of a template or
of the CLI keeps the cache warm, and a changed extractor never reuses an old result.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator import PACKAGE_DIR

# `from generator.x.y import a, b` (names may be submodules), or `import generator.x`.
_IMPORT_RE = re.compile(
    r"^\s*(?:from\s+(generator(?:\.\w+)*)\s+import\s+(\([^)]*\)|[^\n#]+)|import\s+(generator[\w.]*))",
    re.MULTILINE,
)


def _module_file(dotted: str, package_dir: Path) -> Path | None:
    """The source file of a generator module or package, if it has one."""
    parts = dotted.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(source: str, package_dir: Path) -> set[str]:
    found: set[str] = set()
    for module, names, plain in _IMPORT_RE.findall(source):
        if plain:
            found.add(plain)
            continue
        found.add(module)
        for item in names.strip("() \n").split(","):
            name = item.split(" as ")[0].strip()
            if name and _module_file(f"{module}.{name}", package_dir):
                found.add(f"{module}.{name}")  # `from generator.text import summaries`
    # A package's __init__ runs before any of its modules.
    for dotted in list(found):
        parts = dotted.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return found


def dependencies(module: str, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files of `module` and of every generator module it imports, transitively."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        dotted = todo.pop()
        if dotted in seen:
            continue
        path = _module_file(dotted, package_dir)
        if path is None:
            continue
        seen[dotted] = path
        todo.extend(_imports(path.read_text("utf-8"), package_dir) - seen.keys())
    return sorted(seen.values())


def code_digest(module: str, package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the code `module` runs: its source and that of everything it imports."""
    digest = hashlib.blake2b(digest_size=16)
    for path in dependencies(module, package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
