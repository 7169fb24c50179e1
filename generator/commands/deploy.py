"""`briefings deploy`: publish the built site to a gh-pages branch, as `mkdocs gh-deploy` does.

ghp_import writes the output folder as one new commit on the branch (on top of the remote's, so
history is kept) and pushes it. It runs git in the current directory, so we run it from the
site's folder. Every failure becomes one clear message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ghp_import

from generator import __version__
from generator.build import BuildOptions, build
from generator.commands.options import config_option
from generator.errors import BriefingsError, ContentError, print_problems, shown_path
from generator.output.guard import MARKER
from generator.source.config import load_config


class DeployError(BriefingsError):
    """A deploy that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class DeployOptions:
    site_root: Path  # the folder holding site.yaml: git runs here
    output: Path  # the built site
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str | None = None


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def check_repository(root: Path, remote: str) -> None:
    """Fail early, with advice, where ghp_import would fail late or obscurely."""
    try:
        inside = git(root, "rev-parse", "--git-dir")
    except FileNotFoundError:
        raise DeployError("git is not installed (or not on PATH)") from None
    if inside.returncode != 0:
        raise DeployError(
            f"{root} is not in a git repository: run `git init` and "
            f"`git remote add {remote} <url>` first"
        )
    if git(root, "remote", "get-url", remote).returncode != 0:
        raise DeployError(f"this repository has no remote named '{remote}' (see `git remote -v`)")


def check_output(output: Path) -> None:
    if not output.is_dir():
        raise DeployError(f"no built site at {output}: run `briefings build` first")
    if not (output / MARKER).exists():
        raise DeployError(f"{output} was not made by `briefings build`: refusing to publish it")


def default_message(root: Path) -> str:
    head = git(root, "rev-parse", "--short", "HEAD")
    source = head.stdout.strip() if head.returncode == 0 else "the site"
    return f"Deploy {source} with briefings {__version__}"


def staged_copy(output: Path, into: Path) -> Path:
    """The output without the build marker: it is ours, not the site's."""
    target = into / "site"
    shutil.copytree(output, target, ignore=shutil.ignore_patterns(MARKER), symlinks=True)
    return target


def publish(options: DeployOptions) -> str:
    """Commit the output to the branch and push it; returns the commit message used."""
    root = options.site_root.resolve()
    check_repository(root, options.remote)
    check_output(options.output)
    message = options.message or default_message(root)
    # Start from the remote's branch (another machine may have deployed since our last fetch);
    # a first deploy has no remote branch yet, which is fine.
    git(root, "fetch", "--quiet", options.remote, options.branch)
    with tempfile.TemporaryDirectory(prefix="briefings-deploy-") as temp:
        source = staged_copy(options.output.resolve(), Path(temp))
        try:
            with contextlib.chdir(root):
                ghp_import.ghp_import(
                    str(source),
                    mesg=message,
                    remote=options.remote,
                    branch=options.branch,
                    push=True,
                    # The build wrote .nojekyll (and CNAME, byte for byte as configured);
                    # asking ghp_import for .nojekyll too keeps it even in an older build.
                    nojekyll=True,
                )
        except ghp_import.GhpError as exc:
            raise DeployError(f"could not commit the site: {exc.message}") from None
        except TypeError:
            # ghp_import reports a failed `git fast-import` by writing bytes to sys.stdout,
            # which raises TypeError on Python 3: git's own message is already on stderr.
            raise DeployError(f"git could not commit the site to '{options.branch}'") from None
        except subprocess.CalledProcessError:
            raise DeployError(
                f"git push to '{options.remote}' failed (see git's message above); "
                f"the site was committed to the local branch '{options.branch}'"
            ) from None
    return message


def run(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    output = config.root / "build"
    check_repository(config.root, args.remote)  # before a build that would be wasted
    if not args.no_build:
        try:
            result = build(BuildOptions(config_file=Path(args.config)))
        except ContentError as exc:
            print_problems(exc.problems)
            raise DeployError("the site has errors: nothing was deployed") from None
        print_problems(result.warnings)
        output = result.output
        print(f"Built {result.pages} pages into {shown_path(output)}/")
    options = DeployOptions(
        site_root=config.root,
        output=output,
        remote=args.remote,
        branch=args.branch,
        message=args.message,
    )
    message = publish(options)
    print(f"Deployed to {args.remote}/{args.branch}: {message}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    d = commands.add_parser("deploy", help="build, then push build/ to the gh-pages branch")
    config_option(d)
    d.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    d.add_argument("--branch", default="gh-pages", help="branch to publish (default: gh-pages)")
    d.add_argument("--message", "-m", help="commit message on the branch")
    d.add_argument("--no-build", action="store_true", help="publish build/ as it is")
    d.set_defaults(run=run)
