"""`briefings init` and `briefings new`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.commands.new import article_file, briefing_file, front_matter, yaml_value

Run = Callable[..., tuple[int, str, str]]


def front(path: Path) -> dict[str, object]:
    """The front matter of a content file, as YAML reads it."""
    _, yaml_text, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(yaml_text)


def test_init_makes_a_site_that_builds_without_a_warning(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "world-news"
    code, out, err = run("init", folder)
    assert code == 0, err
    assert "world-news" in out
    made = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    today = date.today().isoformat()
    assert made == {
        "site.yaml",
        f"content/articles/{today}-welcome.md",
        "content/briefings/getting-started.md",
        "content/pages/about.md",
        ".github/workflows/pages.yml",
        ".gitignore",
        "requirements.txt",
    }
    ignored = (folder / ".gitignore").read_text().splitlines()
    assert {"build/", ".briefings-cache/"} <= set(ignored)
    assert yaml.safe_load((folder / "site.yaml").read_text())["title"] == "World news"

    code, out, err = run("build", "--config", folder / "site.yaml")
    assert (code, err) == (0, "")
    assert "1 articles, 1 briefings" in out
    assert (folder / "build" / "briefings" / "getting-started" / "index.html").is_file()
    assert (folder / "build" / "about" / "index.html").is_file()

    code, out, _ = run("check", "--config", folder / "site.yaml")
    assert code == 0, out


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run: Run) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = run("init", tmp_path)
    assert code == 1
    assert "is not empty" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_accepts_a_fresh_git_repository(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    assert run("init", tmp_path)[0] == 0
    assert (tmp_path / "site.yaml").is_file()


@pytest.fixture
def new_site(site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = site(copy="minimal")
    monkeypatch.chdir(root)  # `briefings new` finds site.yaml in the current folder
    return root


def test_new_article_fills_in_the_front_matter(new_site: Path, run: Run) -> None:
    title = "Talks collapse: 'no deal' #2, says minister"
    code, out, err = run(
        "new", "article", title, "--topics", "Harbour talks, trade", "--source", "Reuters",
        "--url", "https://example.com/a", "--date", "2024-05-09",
    )  # fmt: skip
    assert code == 0, err
    rel = "content/articles/2024-05-09-talks-collapse-no-deal-2-says-minister.md"
    assert out.strip() == rel
    assert front(new_site / rel) == {
        "title": title,
        "date": date(2024, 5, 9),
        "source": "Reuters",
        "url": "https://example.com/a",
        "topics": ["Harbour talks", "trade"],
    }
    code, _, err = run("build")
    assert (code, err) == (0, "")
    assert (new_site / "build/articles/talks-collapse-no-deal-2-says-minister/index.html").exists()


def test_new_article_is_dated_today_by_default(new_site: Path, run: Run) -> None:
    code, out, _ = run("new", "article", "Yes")  # a title YAML would read as true
    assert code == 0
    path = new_site / out.strip()
    assert path.name.endswith("-yes.md")
    assert front(path)["title"] == "Yes"
    assert isinstance(front(path)["date"], date)


def test_new_never_overwrites(new_site: Path, run: Run) -> None:
    args = ("new", "article", "Same title", "--date", "2024-05-09")
    assert run(*args)[0] == 0
    path = new_site / "content/articles/2024-05-09-same-title.md"
    path.write_text("curated by hand")
    code, _, err = run(*args)
    assert code == 1
    assert "already exists" in err
    assert path.read_text() == "curated by hand"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("article", "!!!"), "cannot make a file name"),
        (("article", "Fine", "--url", "ftp://x"), "--url:"),
        (("article", "Fine", "--topics", "ok, ???"), "has no letters or digits"),
    ],
)
def test_new_rejects_bad_input(
    new_site: Path, run: Run, args: tuple[str, ...], message: str
) -> None:
    code, _, err = run("new", *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_new_article_rejects_a_bad_date(new_site: Path, run: Run) -> None:
    code, _, err = run("new", "article", "Fine", "--date", "2024-02-30")
    assert code == 2
    assert "not a date" in err


def test_new_briefing(new_site: Path, run: Run) -> None:
    code, out, _ = run("new", "briefing", "Ports & shipping")
    assert code == 0
    assert out.strip() == "content/briefings/ports-shipping.md"
    assert front(new_site / out.strip()) == {
        "title": "Ports & shipping",
        "topics": ["ports-shipping"],
    }
    code, out, _ = run("new", "briefing", "Trade", "--topics", "tariffs, trade")
    assert front(new_site / out.strip())["topics"] == ["tariffs", "trade"]
    assert run("build")[0] == 0


def test_new_needs_a_site(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("new", "article", "Orphan")
    assert code == 1
    assert "config file not found" in err
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    "value", ["Yes", "no", "a: b", "#1", "'quoted'", "2024-05-01", "null", "é"]
)
def test_yaml_value_reads_back_as_the_same_text(value: str) -> None:
    assert yaml.safe_load(f"title: {yaml_value(value)}") == {"title": value}


def test_front_matter_leaves_out_empty_fields() -> None:
    text = front_matter({"title": "T", "source": None, "topics": []}, "\nBody\n")
    assert text == "---\ntitle: T\n---\n\nBody\n"


def test_pure_file_builders() -> None:
    rel, _ = article_file("Hello, world", date(2024, 1, 2))
    assert rel == "content/articles/2024-01-02-hello-world.md"
    rel, text = briefing_file("AI rules", topics=["ai"])
    assert rel == "content/briefings/ai-rules.md"
    assert "topics: [ai]" in text
