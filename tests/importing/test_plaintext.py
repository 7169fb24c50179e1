# Typographic quotation marks and dashes are this test data's subject matter.
# ruff: noqa: RUF001
"""Plain text pasted from a page: headline, paragraphs, and none of the page's furniture."""

from __future__ import annotations

from pages import PASTED, PASTED_KEPT

from generator.importing.plaintext import folded, parse_plain, same_text


def test_pasted_article_keeps_headline_and_every_paragraph_in_order() -> None:
    article = parse_plain(PASTED)
    assert article is not None
    assert article.title == 'Harbor council\'s "green port" plan - and its critics - face a vote'
    assert list(article.paragraphs) == PASTED_KEPT


def test_repeated_headline_promo_caption_and_credit_are_gone() -> None:
    article = parse_plain(PASTED)
    assert article is not None
    text = "\n".join(article.paragraphs)
    assert "green port" not in text  # the repeated headline
    assert "app" not in text.split()  # the promotion
    assert "Norden Pictures" not in text and "Dock workers gathered" not in text  # the caption
    assert "contributed" not in text


def test_typographic_differences_are_ignored_when_comparing() -> None:
    assert same_text("Kim’s “plan” – again", 'Kim\'s "plan" - again')
    assert folded("A\u00a0B") == "a b"
    assert not same_text("Talks resume", "Talks collapse")


def test_text_without_blank_lines_has_a_paragraph_a_line() -> None:
    article = parse_plain("Storm closes the ferry\nThe ferry stopped.\nIt runs again on Monday.\n")
    assert article is not None
    assert article.paragraphs == ("The ferry stopped.", "It runs again on Monday.")


def test_empty_text_has_no_article() -> None:
    assert parse_plain("\n  \n") is None
