"""Memory of a build over time, process by process: where the peak comes from.

    python benchmarks/memory_timeline.py [--every 0.5] -- briefings build --clean --no-search

Runs the command and samples the PSS (proportional set size) of it and each of its descendants
every 20 ms, as `build_speed.py` does for its peak. Prints one line per `--every` seconds: the
tree's total, then each process as name:PSS/private-dirty (MiB); and at the end the peak with
its processes. Private-dirty memory of a forked worker is what it copied from its parent, plus
what it allocated itself.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import POLL_SECONDS, children  # a sibling script, not a package

MIB = 1024 * 1024


def _process(pid: int) -> tuple[str, int, int]:
    """Name, PSS and private dirty bytes."""
    with open(f"/proc/{pid}/comm") as handle:
        name = handle.read().strip()
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Private_Dirty"):
                fields[key] = int(rest.split()[0]) * 1024
    return name, fields.get("Pss", 0), fields.get("Private_Dirty", 0)


def snapshot(root: int) -> list[tuple[str, int, int]]:
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        try:
            found.append(_process(pid))
            stack += children(pid)
        except (FileNotFoundError, ProcessLookupError):  # exited between two reads
            continue
    return found


def _line(at: float, processes: list[tuple[str, int, int]]) -> str:
    total = sum(p for _, p, _ in processes) // MIB
    each = " ".join(f"{name}:{p // MIB}/{d // MIB}" for name, p, d in processes)
    return f"{at:7.2f} s  {total:5d} MiB  {each}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=0.5, help="seconds between printed lines")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    process = subprocess.Popen(command)
    started = time.perf_counter()
    printed = -args.every
    peak: tuple[float, list[tuple[str, int, int]]] = (0.0, [])
    while process.poll() is None:
        at = time.perf_counter() - started
        processes = snapshot(process.pid)
        if sum(p for _, p, _ in processes) > sum(p for _, p, _ in peak[1]):
            peak = (at, processes)
        if at - printed >= args.every:
            print(_line(at, processes), flush=True)
            printed = at
        time.sleep(POLL_SECONDS)
    print("peak", _line(*peak))
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
