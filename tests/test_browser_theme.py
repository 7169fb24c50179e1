"""The default theme in a real browser: layout, keyboard use, search, no-JS, print.

Headless Debian Chromium via Playwright, against the example site built once and served under a
base path (tests/browser.py). Screenshots of every page type at 375 px and 1280 px wide go to
test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import pytest
from browser import PAGE_KINDS as KINDS

NO_HSCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(scope="module")
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(chromium):
    context = chromium.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


def visit(page, server, page_types, kind: str) -> None:
    target = page_types.paths[kind] + ("?q=inflation" if kind == "search" else "")
    response = page.goto(server.url(target))
    assert response is not None
    assert response.status == (404 if kind == "404" else 200)
    if kind == "search":
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)


@pytest.mark.parametrize("kind", KINDS)
def test_phone_layout_and_screenshot(phone, site_server, page_types, screenshot_dir, kind):
    visit(phone, site_server, page_types, kind)
    phone.screenshot(path=str(screenshot_dir / f"{kind}-375.png"), full_page=True)
    assert phone.evaluate(NO_HSCROLL), f"{kind} page scrolls sideways at 375 px"
    phone.set_viewport_size({"width": 320, "height": 640})
    try:
        assert phone.evaluate(NO_HSCROLL), f"{kind} page scrolls sideways at 320 px"
    finally:
        phone.set_viewport_size({"width": 375, "height": 740})


@pytest.mark.parametrize("kind", KINDS)
def test_desktop_screenshot(desktop, site_server, page_types, screenshot_dir, kind):
    visit(desktop, site_server, page_types, kind)
    desktop.screenshot(path=str(screenshot_dir / f"{kind}-1280.png"), full_page=True)
    assert desktop.evaluate(NO_HSCROLL)
    # The stylesheet loaded (relative links work under the base path, rooted ones on the 404).
    assert (
        desktop.evaluate(
            "() => getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
        )
        == "solid"
    )


def test_dark_mode_screenshot(chromium, site_server, page_types, screenshot_dir):
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    try:
        for kind in ("home", "briefing"):
            visit(page, site_server, page_types, kind)
            page.screenshot(path=str(screenshot_dir / f"{kind}-1280-dark.png"))
            background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            red, green, blue = (int(x) for x in background[4:-1].split(",")[:3])
            assert red + green + blue < 3 * 60, f"dark mode background is {background}"
    finally:
        context.close()


def test_bottom_line_is_above_the_fold(desktop, site_server, page_types):
    visit(desktop, site_server, page_types, "briefing")
    box = desktop.locator(".bottom-line-box")
    heading = box.locator("h2")
    assert heading.inner_text().strip().casefold() == "the bottom line"
    first_point = box.locator(".bottom-line").first.bounding_box()
    top = box.bounding_box()
    assert top is not None and first_point is not None
    assert 0 <= top["y"] < 800
    # The heading and the start of the first point are on screen without scrolling.
    assert first_point["y"] + 40 <= 800, f"bottom line starts at {first_point['y']} px"


def test_briefing_is_two_columns_on_desktop_and_one_on_phone(
    desktop, phone, site_server, page_types
):
    visit(desktop, site_server, page_types, "briefing")
    main = desktop.locator(".briefing-main").bounding_box()
    facts = desktop.locator(".facts").bounding_box()
    assert facts["x"] > main["x"] + main["width"] - 1, "sources should sit beside the briefing"
    assert facts["y"] < main["y"] + 200
    visit(phone, site_server, page_types, "briefing")
    main = phone.locator(".briefing-main").bounding_box()
    facts = phone.locator(".facts").bounding_box()
    assert facts["y"] >= main["y"] + main["height"] - 1, "sources should follow on a phone"


def test_skip_link_appears_on_focus_and_moves_focus_to_main(desktop, site_server, page_types):
    visit(desktop, site_server, page_types, "briefing")
    skip = desktop.locator(".skip-link")
    hidden_box = skip.bounding_box()
    assert hidden_box is None or hidden_box["y"] + hidden_box["height"] <= 0, "visible unfocused"
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("() => document.activeElement.className") == "skip-link"
    shown = skip.bounding_box()
    assert shown is not None and shown["y"] >= 0 and shown["height"] > 10
    assert desktop.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    desktop.keyboard.press("Enter")
    desktop.wait_for_function("() => document.activeElement.id === 'main'")
    assert desktop.evaluate("() => location.hash") == "#main"
    # The next Tab continues inside main, not back at the top of the page.
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_tab_order_reaches_nav_and_search_with_visible_focus(desktop, site_server, page_types):
    visit(desktop, site_server, page_types, "home")
    seen = []
    for _ in range(12):
        desktop.keyboard.press("Tab")
        info = desktop.evaluate(
            """() => {
              const el = document.activeElement, style = getComputedStyle(el);
              return {text: (el.textContent || el.name || '').trim(), tag: el.tagName,
                      inNav: !!el.closest('nav[aria-label=Main]'),
                      outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
            }"""
        )
        seen.append(info)
    names = [s["text"] for s in seen]
    assert names[:2] == ["Skip to content", "World Briefings"]
    nav = [s["text"] for s in seen if s["inNav"]]
    assert nav[:3] == ["Briefings", "Archive", "Sources"]
    assert any(s["tag"] == "INPUT" for s in seen), "Tab never reached the search box"
    for s in seen:
        assert s["outline"] != "none" and s["width"] >= 2, f"no visible focus on {s['text']}"


def test_header_search_form_leads_to_results(desktop, site_server, page_types):
    visit(desktop, site_server, page_types, "article")
    desktop.fill("#site-search", "Powell")
    desktop.press("#site-search", "Enter")
    desktop.wait_for_url("**/search/?q=Powell")
    desktop.wait_for_selector(".pagefind-ui__result", timeout=10_000)
    links = desktop.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links, "no results for a word in the example articles"
    assert all(
        link.startswith(("/news/articles/", "/news/briefings/", "/news/people/")) for link in links
    ), links
    # Articles and people are indexed in separate shards: both answer one query (the type
    # filter's counts show the briefings shard answers too).
    kinds = {link.split("/")[2] for link in links}
    assert kinds >= {"articles", "people"}, f"results from one shard only: {links}"
    assert desktop.input_value("#search-input") == "Powell"
    desktop.click(".pagefind-ui__result-link >> nth=0")
    desktop.wait_for_load_state()
    assert desktop.locator("h1").count() == 1
    assert "Powell" in desktop.content()


def test_search_type_filter_narrows_results_to_people(desktop, site_server, page_types):
    desktop.goto(site_server.url("search/?q=Powell"))
    desktop.wait_for_selector(".pagefind-ui__result", timeout=10_000)
    desktop.click(".pagefind-ui__filter-name:has-text('Type')")
    labels = desktop.locator(".pagefind-ui__filter-label").all_inner_texts()
    counts = {t.split(" (")[0]: int(t.split("(")[1].rstrip(")")) for t in labels if "(" in t}
    assert all(counts.get(kind, 0) > 0 for kind in ("Article", "Briefing", "Person")), labels
    desktop.click(".pagefind-ui__filter-label:has-text('Person')")
    # While the filter applies the list may be empty for a moment, and every() of nothing is
    # true: wait for results, all of them people.
    desktop.wait_for_function(
        "() => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
        " return links.length > 0"
        " && links.every(a => a.getAttribute('href').includes('/people/')); }",
        timeout=10_000,
    )
    links = desktop.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links[0] == "/news/people/jerome-powell/", links  # his own page first


def test_search_page_without_javascript_points_to_archive(chromium, site_server, page_types):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url("search/?q=inflation"))
        note = page.locator("#search-note")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        archive = note.locator("a", has_text="archive")
        assert archive.get_attribute("href") == "../articles/"
        # Reading needs no script: a briefing shows its bottom line with JavaScript off.
        page.goto(site_server.url(page_types.paths["briefing"]))
        assert page.locator(".bottom-line-box").is_visible()
    finally:
        context.close()


def test_search_page_without_index_says_so(chromium, site_server):
    context = chromium.new_context()
    page = context.new_page()
    page.route("**/pagefind/pagefind-ui.js", lambda route: route.fulfill(status=404))
    try:
        page.goto(site_server.url("search/"))
        text = page.locator("#search-note").inner_text()
        assert "not available" in text and "needs JavaScript" not in text
    finally:
        context.close()


def test_briefing_page_loads_only_html_and_css(chromium, site_server, page_types):
    context = chromium.new_context()
    page = context.new_page()
    requested: list[tuple[str, str]] = []
    page.on("request", lambda r: requested.append((r.resource_type, r.url.rsplit("/", 1)[-1])))
    try:
        page.goto(site_server.url(page_types.paths["briefing"]))
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    kinds = sorted(kind for kind, name in requested if name != "favicon.svg")
    assert kinds == ["document", "stylesheet"]


def test_print_hides_navigation_and_search(chromium, site_server, page_types):
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(site_server.url(page_types.paths["briefing"]))
        page.emulate_media(media="print")
        assert not page.locator(".site-nav").is_visible()
        assert not page.locator(".search-form").is_visible()
        assert page.locator(".bottom-line-box").is_visible()
        assert page.locator(".facts").is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["home", "article", "404"])
def test_pages_log_no_console_error_and_their_icon_loads(chromium, site_server, page_types, kind):
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    url = site_server.url(page_types.paths[kind])
    # The 404 page's own status is logged as an error; anything else is a fault.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and m.location.get("url") != url else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            failed.append(r.url)
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        icon = page.locator("link[rel=icon]")
        href = icon.evaluate("link => link.href")  # resolved against the page, as a browser does
        response = context.request.get(href)
        assert response.status == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in response.body()
    finally:
        context.close()
    assert errors == [] and failed == []
