# Typographic quotation marks and dashes are this test data's subject matter.
# ruff: noqa: RUF001
"""Invented article pages and texts for the import tests (all names and outlets fictional)."""

from __future__ import annotations

import json


def article_page(
    *,
    headline: str = "Tramway to Lindqvist Heights opens two months early",
    url: str = "https://www.fjordpost.example/2024/06/02/tramway-opens/",
    date: str = "2024-06-02T08:45:00+02:00",
    author: str = "Astrid Mellor",
    outlet: str = "The Fjord Post",
    paragraphs: tuple[str, ...] = (
        "The new tramway to Lindqvist Heights carried its first passengers on Sunday, two "
        "months ahead of the schedule the city transport office set last year.",
        "Trams will run every seven minutes at peak times, the office said, and the journey "
        "from the central station will take eleven minutes.",
        '"We promised the hill a proper connection and we kept that promise," said deputy '
        "mayor Joran Vestby at the opening.",
        "Residents had campaigned for the line for more than a decade, collecting signatures "
        "at the weekly market on the square.",
    ),
    extra_body: str = "",
) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": date,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": outlet},
    }
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html><head><meta charset="utf-8">
<title>{headline} | {outlet}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{outlet}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<nav class="main-nav"><a href="/">Home</a> <a href="/city/">City</a></nav>
<article>
<h1>{headline}</h1>
<p class="byline">By {author}</p>
<div class="share-bar"><a href="#">Share on Facebook</a></div>
<figure><img src="/img/tram.jpg" alt="A tram"><figcaption>The first tram leaves the depot.
Photo: Kari Lunde / The Fjord Post</figcaption></figure>
<div class="story-body">
{body}
{extra_body}
</div>
<div class="newsletter-box"><h3>Get the Fjord Post morning email</h3><p>Sign up for our
newsletter and get the news delivered to your inbox.</p></div>
<aside class="related"><h3>Related</h3><ul><li><a href="/x/">Bus fares frozen</a></li></ul></aside>
</article>
<section class="comments"><p>Great news for the hill!</p></section>
<footer>© 2024 The Fjord Post</footer>
</body></html>
"""


# The shape of text pasted out of a news page: the headline, the headline again with
# typographic quotes and dashes, an app promotion, a caption glued to a paragraph's end, and
# a contribution credit.
PASTED = """Harbor council's "green port" plan - and its critics - face a vote

Harbor council’s “green port” plan – and its critics – face a vote

The Wendmark harbor council will vote on Tuesday on a plan to power every crane in the port with electricity by 2030, ending decades of diesel operations.

Supporters say the plan would cut the port's emissions by almost half and make the air cleaner for the neighborhoods along the docks.

Download the Wendmark Ledger app for the latest local news and alerts

Critics on the council argue that the cost, estimated at 90 million crowns, would fall on shipping companies that are already moving cargo to rival ports.

Council member Ilse Brandvold, who leads the opposition, said the timetable was "wishful thinking" and asked for a delay of five years.

Dock workers gathered outside the council building on Monday.Tomas Egil via Norden Pictures / WL

The port authority said it would publish a full cost study before the vote, and that the first electric cranes could arrive within eighteen months.

The Norden Wire contributed to this report.
"""

PASTED_KEPT = [
    "The Wendmark harbor council will vote on Tuesday on a plan to power every crane in the "
    "port with electricity by 2030, ending decades of diesel operations.",
    "Supporters say the plan would cut the port's emissions by almost half and make the air "
    "cleaner for the neighborhoods along the docks.",
    "Critics on the council argue that the cost, estimated at 90 million crowns, would fall on "
    "shipping companies that are already moving cargo to rival ports.",
    'Council member Ilse Brandvold, who leads the opposition, said the timetable was "wishful '
    'thinking" and asked for a delay of five years.',
    "The port authority said it would publish a full cost study before the vote, and that the "
    "first electric cranes could arrive within eighteen months.",
]
