"""Accessibility: axe-core finds no violation on any page type, in light and dark mode.

axe-core comes from npm (`npm ci` at the repository root) and is injected into each page served
by the local static server; Chromium is Debian's. Every rule axe runs by default is checked
(WCAG 2.x A and AA, including colour contrast, plus best practices).
"""

from __future__ import annotations

import json

import pytest
from browser import PAGE_KINDS as KINDS


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:5]]
        summary = v["nodes"][0].get("failureSummary", "").replace("\n", " ") if v["nodes"] else ""
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}: {summary}")
    return "\n".join(lines)


def run_axe(page, axe_script) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request, chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, color_scheme=request.param
    )
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(scheme_page, site_server, page_types, axe_script, kind):
    scheme, page = scheme_page
    target = page_types.paths[kind]
    if kind == "search":
        target += "?q=inflation"  # check Pagefind's results too, not only an empty box
    page.goto(site_server.url(target))
    if kind == "search":
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
    violations = run_axe(page, axe_script)
    assert not violations, f"{kind} page, {scheme} mode:\n{describe(violations)}"


def test_axe_catches_a_violation(chromium, site_server, page_types, axe_script):
    """The check can fail: a contrast and a label problem injected into a page are reported."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_server.url(page_types.paths["briefing"]))
        page.evaluate(
            """() => {
              const p = document.createElement('p');
              p.textContent = 'Barely visible';
              p.style.color = '#eeeeee';
              document.querySelector('main').append(p);
              const input = document.createElement('input');
              document.querySelector('main').append(input);
            }"""
        )
        ids = {v["id"] for v in run_axe(page, axe_script)}
    finally:
        context.close()
    assert {"color-contrast", "label"} <= ids, json.dumps(sorted(ids))
