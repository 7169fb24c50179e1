"""Dates as pages write them: ISO 8601 in markup, "March 3, 2025" in text."""

from __future__ import annotations

import re
from datetime import datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def parse_date(value: str) -> datetime | None:
    """An ISO date or datetime (offset kept; `Z` is UTC); None for anything else."""
    text = value.strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    text = re.sub(r"(\.\d+)?Z$", "+00:00", text) if text.endswith("Z") else text
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0200 -> +02:00
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TEXT_DATES = (
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),  # March 3, 2025
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}"),  # 3 March 2025
)
_PUBLISHED = re.compile(
    r"\b(?:first\s+published|published(?:\s+on)?|posted(?:\s+on)?)\s*:?\s*(?:\w+day,?\s+)?",
    re.IGNORECASE,
)


def text_date(text: str) -> datetime | None:
    """A date written out with a month name at the start of `text`."""
    for pattern in _TEXT_DATES:
        found = pattern.match(text)
        if found and found.group("month").lower() in MONTHS:
            try:
                return datetime(
                    int(found.group("year")),
                    MONTHS[found.group("month").lower()],
                    int(found.group("day")),
                )
            except ValueError:
                return None
    return None


def published_in_text(text: str) -> datetime | None:
    """The date after a visible "Published" or "Posted", which beats an "Updated" one."""
    for found in _PUBLISHED.finditer(text):
        date = text_date(text[found.end() : found.end() + 40])
        if date:
            return date
    return None
