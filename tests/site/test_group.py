"""Grouping in parallel: worker processes work out what the memo lacks, as one process would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator.build import BuildOptions, Loaded, configure, load
from generator.site import group

EXAMPLE = REPO  # the repository's example site


def _load(root: Path, workers: int) -> Loaded:
    options = BuildOptions(config_file=root / "site.yaml", use_cache=False, workers=workers)
    return load(configure(options), options)


def test_parallel_grouping_makes_the_briefings_and_memo_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    shutil.copytree(EXAMPLE / "content", root / "content")
    shutil.copy(EXAMPLE / "site.yaml", root)
    shared: list[int] = []
    made: dict[str, object] = {}
    share = group.share

    def spy(pool, work, tasks):  # type: ignore[no-untyped-def]
        shared.extend(tasks)
        for entries in share(pool, work, tasks):
            made.update(entries)
            yield entries

    monkeypatch.setattr(group, "share", spy)
    alone = _load(root, workers=1)
    assert shared == []
    together = _load(root, workers=2)
    assert sorted(shared) == list(range(len(alone.site.briefings)))  # all to work out
    assert together.site.briefings == alone.site.briefings
    assert together.memo == alone.memo == made  # every entry came from the shared work
    assert sum(1 for b in alone.site.briefings if b.bottom_line and b.key_quotes) >= 4
