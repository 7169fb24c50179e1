"""Article import quality and speed: our importer against trafilatura alone, in one run.

Over benchmarks/data/import/*.html (fictional pages with gold *.json): body-text token F1,
headline exact (case and punctuation aside), date (the day), author (set, any case). Then the
time of `briefings add` for a saved page, and of a pull of 100 entries from a local server.

    PYTHONPATH=. python benchmarks/import.py
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import trafilatura

from generator.importing.extract import extract_page

DATA = Path(__file__).parent / "data" / "import"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(found: str, gold: str) -> float:
    a, b = Counter(tokens(found)), Counter(tokens(gold))
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def plain(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[#>*_`]+", " ", text)


def scores(found: list[tuple[str, str | None, str | None, set[str]]], gold: list[dict]) -> dict:
    total = Counter()
    for (body, title, day, authors), g in zip(found, gold, strict=True):
        total["body F1"] += f1(body, " ".join(g["body"]))
        total["headline"] += tokens(title or "") == tokens(g["title"])
        total["date"] += day == g["date"]
        total["author"] += authors == {a.lower() for a in g["author"]}
    return {k: v / len(gold) for k, v in total.items()}


def main() -> None:
    pages = sorted(DATA.glob("*.html"))
    gold = [json.loads(p.with_suffix(".json").read_text("utf-8")) for p in pages]
    raws = [p.read_text("utf-8") for p in pages]
    alone, ours = [], []
    for raw, g in zip(raws, gold, strict=True):
        url = g.get("fetched_url") or g["url"]
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False)
        names = {a.strip().lower() for a in (doc.author or "").split(";") if a.strip()}
        alone.append((doc.text or "", doc.title, (doc.date or "")[:10] or None, names))
        page = extract_page(raw, url)
        m = page.meta
        day = m.date.date().isoformat() if m.date else None
        ours.append((plain(page.body), m.title, day, {a.lower() for a in m.authors}))
    print(f"{len(pages)} pages")
    print(f"{'':22}{'body F1':>9}{'headline':>10}{'date':>7}{'author':>8}")
    for name, found in (("trafilatura alone", alone), ("briefings add", ours)):
        s = scores(found, gold)
        print(
            f"{name:22}{s['body F1']:9.3f}{s['headline']:10.3f}{s['date']:7.3f}{s['author']:8.3f}"
        )
    speed(pages)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def speed(pages: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        (site / "content" / "articles").mkdir(parents=True)
        (site / "site.yaml").write_text("title: Bench\nbase_url: https://example.org/\n")
        cli = [sys.executable, "-m", "generator"]
        start = time.perf_counter()
        subprocess.run(
            [*cli, "add", *map(str, pages), "--config", str(site / "site.yaml")],
            check=True,
            capture_output=True,
        )
        per_page = (time.perf_counter() - start) / len(pages)
        print(f"add of a saved page: {per_page * 1000:.0f} ms a page ({len(pages)} in one run)")
        served = Path(tmp) / "www"
        served.mkdir()
        items = []
        for n in range(100):
            raw = pages[n % len(pages)].read_text("utf-8")
            raw = re.sub(r'(rel="canonical" href=")[^"]*', rf"\g<1>https://bench.example/{n}/", raw)
            raw = raw.replace("</h1>", f" ({n})</h1>", 1)
            (served / f"{n}.html").write_text(raw, "utf-8")
            items.append(n)
        handler = lambda *a, **k: _Quiet(*a, directory=str(served), **k)  # noqa: E731
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        entries = "".join(
            f"<item><title>{n}</title><link>{base}/{n}.html</link></item>" for n in items
        )
        (served / "feed.xml").write_text(
            f'<rss version="2.0"><channel><title>B</title>{entries}</channel></rss>'
        )
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        pull_site = Path(tmp) / "pull"
        pull_site.mkdir()
        (pull_site / "site.yaml").write_text(
            f"title: B\nbase_url: https://example.org/\nfeeds:\n  - url: {base}/feed.xml\n"
        )
        start = time.perf_counter()
        done = subprocess.run(
            [*cli, "pull", "--config", str(pull_site / "site.yaml")],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        httpd.shutdown()
        last = done.stdout.splitlines()[-1] if done.stdout else done.stderr
        print(f"pull of 100 entries from a local server: {seconds:.1f} s ({last})")


if __name__ == "__main__":
    main()
