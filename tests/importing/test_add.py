"""`briefings add` end to end: web pages from a local server, saved pages, text, flags."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from localserver import Server, serving
from pages import PASTED, PASTED_KEPT, article_page

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def server() -> Iterator[Server]:
    with serving() as running:
        yield running


def front(path: Path) -> tuple[dict[str, object], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def test_web_page_becomes_an_article(site, run: Run, server: Server) -> None:
    root = site()
    url = server.page("/tram", article_page())
    code, out, err = run("add", url, "--config", root / "site.yaml")
    assert (code, err) == (0, "")
    assert (
        out
        == "content/articles/2024-06-02-tramway-to-lindqvist-heights-opens-two-months-early.md\n"
    )
    fields, body = front(root / out.strip())
    assert fields["title"] == "Tramway to Lindqvist Heights opens two months early"
    assert fields["source"] == "The Fjord Post"
    assert fields["url"] == "https://www.fjordpost.example/2024/06/02/tramway-opens/"
    assert fields["author"] == "Astrid Mellor"
    assert str(fields["date"]) == "2024-06-02 08:45:00+02:00"
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    assert paragraphs[0].startswith("The new tramway to Lindqvist Heights")
    assert len(paragraphs) == 4
    for furniture in ("Share on", "newsletter", "Related", "Photo:", "Great news", "©", "By "):
        assert furniture not in body


def test_rerun_skips_what_is_already_there(site, run: Run, server: Server) -> None:
    root = site()
    url = server.page("/tram", article_page())
    assert run("add", url, "--config", root / "site.yaml")[0] == 0
    before = sorted(p.name for p in (root / "content/articles").iterdir())
    code, out, err = run("add", url, "--config", root / "site.yaml")
    assert code == 0 and out == ""
    assert err == f"{url}: already in content/articles/{before[0]}\n"
    assert sorted(p.name for p in (root / "content/articles").iterdir()) == before


def test_slug_clash_gets_a_number_and_nothing_is_overwritten(
    site, run: Run, server: Server
) -> None:
    root = site()
    mine = "content/articles/2024-06-02-tramway-to-lindqvist-heights-opens-two-months-early.md"
    (root / mine).parent.mkdir(parents=True)
    (root / mine).write_text("---\ntitle: Mine\ndate: 2024-06-02\n---\nMy own words.\n")
    url = server.page("/tram", article_page())
    code, out, _ = run("add", url, "--config", root / "site.yaml")
    assert code == 0
    assert out.strip() == mine.replace(".md", "-2.md")
    assert (root / mine).read_text() == "---\ntitle: Mine\ndate: 2024-06-02\n---\nMy own words.\n"


def test_dry_run_writes_nothing_and_json_tells_what_was_found(
    site, run: Run, server: Server
) -> None:
    root = site()
    url = server.page("/tram", article_page())
    code, out, _ = run("add", url, "--dry-run", "--json", "--config", root / "site.yaml")
    assert code == 0
    found = json.loads(out)
    assert found["written"] is False
    assert found["title"] == "Tramway to Lindqvist Heights opens two months early"
    assert found["author"] == ["Astrid Mellor"]
    assert found["date"] == "2024-06-02T08:45:00+02:00"
    assert found["path"].startswith("content/articles/2024-06-02-tramway")
    assert not (root / "content" / "articles").exists()


def test_flags_override_what_the_page_says(site, run: Run, server: Server) -> None:
    root = site()
    url = server.page("/tram", article_page())
    code, out, _ = run(
        "add",
        url,
        "--topics",
        "transport, Lindqvist",
        "--source",
        "City Desk Digest",
        "--date",
        "2024-06-05",
        "--author",
        "Mara Quill",
        "--draft",
        "--config",
        root / "site.yaml",
    )
    assert code == 0
    assert out.startswith("content/articles/2024-06-05-")
    fields, _ = front(root / out.strip())
    assert fields["source"] == "City Desk Digest"
    assert fields["author"] == "Mara Quill"
    assert fields["topics"] == ["transport", "Lindqvist"]
    assert fields["draft"] is True
    assert str(fields["date"]) == "2024-06-05"


def test_failures_are_reported_and_the_rest_still_added(site, run: Run, server: Server) -> None:
    root = site()
    good = server.page("/tram", article_page())
    server.page("/empty", "<html><body><nav>Home</nav></body></html>")
    server.page("/bin", "x", content_type="application/pdf")
    server.redirect("/loop", "/loop")
    missing = server.url("/gone")
    code, out, err = run(
        "add",
        missing,
        server.url("/empty"),
        server.url("/bin"),
        server.url("/loop"),
        good,
        "--config",
        root / "site.yaml",
    )
    assert code == 1
    assert out.count("\n") == 1 and out.startswith("content/articles/2024-06-02-")
    lines = err.splitlines()
    assert f"{missing}: HTTP 404 Not Found" in lines
    assert f"{server.url('/empty')}: no article text found" in lines
    assert f"{server.url('/bin')}: not an HTML page but application/pdf" in lines
    assert any(line.startswith(f"{server.url('/loop')}: redirect loop") for line in lines)


def test_saved_page_and_plain_text_files(site, run: Run, tmp_path: Path) -> None:
    root = site()
    saved = tmp_path / "tram.html"
    saved.write_text(article_page(), encoding="utf-8")
    pasted = tmp_path / "harbor.txt"
    pasted.write_text(PASTED, encoding="utf-8")
    code, out, err = run("add", saved, pasted, "--config", root / "site.yaml")
    assert code == 0, err
    first, second = out.splitlines()
    assert (
        front(root / first)[0]["url"] == "https://www.fjordpost.example/2024/06/02/tramway-opens/"
    )
    fields, body = front(root / second)
    assert fields["title"] == 'Harbor council\'s "green port" plan - and its critics - face a vote'
    assert [p.strip() for p in body.split("\n\n") if p.strip()] == PASTED_KEPT
    assert f"{pasted}: note: dated " in err and "modification time" in err


def test_markdown_with_front_matter_is_refused(site, run: Run, tmp_path: Path) -> None:
    root = site()
    done = tmp_path / "done.md"
    done.write_text("---\ntitle: Done\n---\nText.\n")
    code, _, err = run("add", done, "--config", root / "site.yaml")
    assert code == 1
    assert err == f"{done}: already has front matter: it is an article file as it is\n"


def test_imported_articles_build(site, run: Run, server: Server) -> None:
    root = site()
    url = server.page("/tram", article_page())
    assert run("add", url, "--topics", "transport", "--config", root / "site.yaml")[0] == 0
    code, _, err = run("build", "--config", root / "site.yaml", "--strict", "--no-search", "-q")
    assert code == 0, err
    assert (
        root / "build/articles/tramway-to-lindqvist-heights-opens-two-months-early/index.html"
    ).exists()


def test_untagged_imports_get_the_topics_grouping_suggests(site, run: Run, tmp_path: Path) -> None:
    root = site(copy="stories")
    report = tmp_path / "count.txt"
    report.write_text(
        "Valmora's Civic Alliance majority confirmed as Solberg prepares to govern\n\n"
        "Valmora's Central Electoral Commission confirmed on Wednesday that Adrienne Solberg's "
        "Civic Alliance won 78 of the 150 seats in the Chamber of Deputies in Sunday's election, "
        "ending Gregor Hallan's twelve years in power.\n\n"
        "Turnout was 67.3 percent. National Unity finished with 51 seats, its worst election "
        "result, and Hallan said he would step down as party leader.\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "add", report, "--date", "2024-04-17", "--json", "--config", root / "site.yaml"
    )
    assert code == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["topics"] == ["elections"]
    fields, _ = front(root / record["path"])
    assert fields["topics"] == ["elections"]
    # Flags win: --topics is written as given, with no suggestion beside it.
    again = tmp_path / "again.txt"
    again.write_text(report.read_text().replace("confirmed as", "certified as"), encoding="utf-8")
    code, out, _ = run("add", again, "--topics", "Valmora", "--config", root / "site.yaml")
    assert code == 0
    assert front(root / out.strip())[0]["topics"] == ["Valmora"]
