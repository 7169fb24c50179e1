"""The `briefings` command. Exit codes: 0 ok, 1 content or config errors, 2 usage.

Each command lives in its own module of `generator.commands`, which adds its arguments here.
A user's mistake is a `BriefingsError`: its problems are printed, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from generator import __version__
from generator.commands import add, build, check, deploy, inspect, new, pull, serve, topics
from generator.errors import BriefingsError, print_problems
from generator.workers import collect_rarely

COMMANDS = (build, serve, inspect, topics, check, deploy, new, add, pull)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefings", description="Static sites of curated news briefings."
    )
    top.add_argument("--version", action="version", version=f"briefings {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    collect_rarely()
    try:
        return int(args.run(args))
    except BriefingsError as exc:
        print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
