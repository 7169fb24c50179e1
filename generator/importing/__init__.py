"""Bringing articles in: fetch pages and feeds, extract the article, write an article file.

Only `briefings add` and `briefings pull` import this package (it loads trafilatura, htmldate
and feedparser), so `build` and `serve` start as fast as without it. It may import the build
(to suggest topics), `site`, `source` and the leaf modules; nothing else imports it.
"""
