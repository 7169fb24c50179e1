"""The package works from an installed wheel as well as from this checkout: the default theme
and the `init` scaffold are found from the package's own folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO, SITES, html


def _wheel_layout(target: Path) -> Path:
    """The package as the wheel lays it out: pyproject's packages plus its force-include map."""
    build = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]["build"]
    wheel = build["targets"]["wheel"]
    for package in wheel["packages"]:
        shutil.copytree(
            REPO / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    for source, destination in wheel.get("force-include", {}).items():
        shutil.copytree(REPO / source, target / destination)
    return target


def _run(args: list[str], cwd: Path, path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("layout", ["wheel", "checkout"])
def test_site_builds_with_the_builtin_theme(tmp_path: Path, layout: str) -> None:
    path = _wheel_layout(tmp_path / "site-packages") if layout == "wheel" else REPO
    where = _run(["-c", "import generator; print(generator.__file__)"], tmp_path, path)
    assert Path(where.stdout.strip()).is_relative_to(path), where.stderr
    site = tmp_path / "site"
    shutil.copytree(SITES / "minimal", site)
    done = _run(["-m", "generator", "build", "--no-search", "-q"], site, path)
    assert done.returncode == 0, done.stderr
    page = html(site / "build" / "index.html")
    assert page.css_first("link[rel=stylesheet]") is not None
    assert (site / "build" / "static" / "style.css").is_file()


def test_init_from_a_wheel_writes_a_site_that_builds(tmp_path: Path) -> None:
    path = _wheel_layout(tmp_path / "site-packages")
    made = _run(["-m", "generator", "init", "fresh"], tmp_path, path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "fresh" / ".github" / "workflows" / "pages.yml").is_file()
    done = _run(["-m", "generator", "build", "--no-search", "-q"], tmp_path / "fresh", path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fresh" / "build" / "index.html").is_file()
