"""`briefings deploy` against a local bare repository, and the GitHub Pages workflows."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from generator.output.guard import MARKER

Run = Callable[..., tuple[int, str, str]]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user or system git config, a fixed identity, and no repository above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Curator")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "curator@example.org")


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    return bare


@pytest.fixture
def repo_site(site: Callable[..., Path], remote: Path) -> Path:
    """The minimal site in a git repository whose origin is the bare `remote`."""
    root = site(copy="minimal")
    git(root, "init", "--quiet")
    git(root, "remote", "add", "origin", str(remote))
    return root


def branch_files(bare: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(bare, "ls-tree", "-r", "--name-only", branch).split())


def output_files(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


def test_deploy_publishes_exactly_the_built_site(repo_site: Path, remote: Path, run: Run) -> None:
    code, out, err = run("deploy", "--config", repo_site / "site.yaml")
    assert code == 0, err
    assert "Deployed to origin/gh-pages" in out
    published = branch_files(remote)
    assert published == output_files(repo_site / "build") - {MARKER}
    assert {".nojekyll", "index.html", "404.html", "feed.xml"} <= published


def test_deploying_twice_keeps_history(repo_site: Path, remote: Path, run: Run) -> None:
    assert run("deploy", "--config", repo_site / "site.yaml")[0] == 0
    code, _, err = run("deploy", "--config", repo_site / "site.yaml", "--no-build", "-m", "Again")
    assert code == 0, err
    assert git(remote, "log", "--format=%s", "gh-pages").splitlines()[0] == "Again"
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"


def test_deploy_builds_on_what_another_machine_deployed(
    repo_site: Path, remote: Path, tmp_path: Path, run: Run
) -> None:
    other = tmp_path / "other"
    shutil.copytree(repo_site, other)  # a second checkout with its own, stale, gh-pages
    assert run("deploy", "--config", repo_site / "site.yaml", "-m", "one")[0] == 0
    assert run("deploy", "--config", other / "site.yaml", "-m", "two")[0] == 0
    code, _, err = run("deploy", "--config", repo_site / "site.yaml", "--no-build", "-m", "three")
    assert code == 0, err
    assert git(remote, "log", "--format=%s", "gh-pages").split() == ["three", "two", "one"]


def test_deploy_keeps_the_custom_domain(site: Callable[..., Path], remote: Path, run: Run) -> None:
    config = "title: T\nbase_url: https://news.example.org/\ncname: news.example.org\n"
    root = site(copy="minimal", config=config)
    git(root, "init", "--quiet")
    git(root, "remote", "add", "origin", str(remote))
    code, _, err = run("deploy", "--config", root / "site.yaml", "--branch", "pages")
    assert code == 0, err
    assert git(remote, "show", "pages:CNAME") == "news.example.org\n"
    assert git(remote, "show", "pages:.nojekyll") == ""


def test_outside_a_git_repository(site: Callable[..., Path], run: Run) -> None:
    root = site(copy="minimal")
    code, _, err = run("deploy", "--config", root / "site.yaml")
    assert code == 1
    assert "is not in a git repository" in err
    assert "Traceback" not in err
    assert not (root / "build").exists()  # checked before building


def test_without_the_remote(site: Callable[..., Path], run: Run) -> None:
    root = site(copy="minimal")
    git(root, "init", "--quiet")
    code, _, err = run("deploy", "--config", root / "site.yaml", "--remote", "upstream")
    assert code == 1
    assert "no remote named 'upstream'" in err


def test_no_build_without_an_output_folder(repo_site: Path, run: Run) -> None:
    code, _, err = run("deploy", "--config", repo_site / "site.yaml", "--no-build")
    assert code == 1
    assert "no built site at" in err
    assert "Traceback" not in err


def test_a_failed_push_is_a_clear_error(repo_site: Path, tmp_path: Path, run: Run) -> None:
    git(repo_site, "remote", "set-url", "origin", str(tmp_path / "missing.git"))
    code, _, err = run("deploy", "--config", repo_site / "site.yaml")
    assert code == 1
    assert "git push to 'origin' failed" in err
    assert "Traceback" not in err


def test_content_errors_deploy_nothing(repo_site: Path, remote: Path, run: Run) -> None:
    (repo_site / "content" / "articles" / "bad.md").write_text("---\ntitle: [unclosed\n---\n")
    code, _, err = run("deploy", "--config", repo_site / "site.yaml")
    assert code == 1
    assert "nothing was deployed" in err
    assert git(remote, "branch", "--list") == ""


# The workflows cannot run here; their structure is what GitHub Pages requires.


def load_workflow(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def step_uses(steps: list[dict[str, Any]]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps if "uses" in step]


@pytest.mark.parametrize(
    ("path", "install"),
    [
        (REPO / ".github" / "workflows" / "pages.yml", "pip install ."),
        (
            REPO / "generator" / "commands" / "scaffold_files" / "pages.yml",
            "pip install -r requirements.txt",
        ),
    ],
)
def test_pages_workflow(path: Path, install: str) -> None:
    flow = load_workflow(path)
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"

    build = flow["jobs"]["build"]["steps"]
    assert step_uses(build) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    # Deploys are warm: the build cache is restored, keyed on the generator and the content.
    (cache,) = [step for step in build if step.get("uses", "").startswith("actions/cache")]
    assert cache["with"]["path"].split() == [".briefings-cache", "!.briefings-cache/spare-output"]
    assert "content/**" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    assert python["with"]["cache"] == "pip"
    runs = [s["run"] for s in build if "run" in s]
    assert runs[0] == install
    assert runs[1].startswith("briefings build")
    upload = build[-1]
    assert upload["with"]["path"] == "build"
    # The build runs after configure-pages, so it can take the real base URL from it.
    names = [s.get("uses", s.get("run", "")).split("@")[0] for s in build]
    assert names.index("actions/configure-pages") < names.index(runs[1])

    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"
