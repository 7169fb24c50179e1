"""Author names from bylines: no "By", no roles, no agencies or desks, one entry per person."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that mark a role, a desk or an organisation rather than a person's name.
NOT_A_PERSON = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors desk
    wire wires press news agency agencies service services newsroom bureau team contributor
    contributors photographer photographers updated published media group daily times reporting
    columnist chief senior political local democracy associated international online digital
    correspondence editorial board network channel radio tv television magazine journal herald
    post tribune gazette review our the by and from with in at for of report reports""".split()  # noqa: SIM905
)
_LABEL = re.compile(
    r"^\s*(?:(?:story|text|words|reporting|written|report|photos?)\s+by|by|text|words|"
    r"reporting|author|authors)\s*[:\-\u2013]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|&|\band\b|\||\u00b7|\u2022|\s[\u2013\u2014-]\s|\bwith\b)\s*", re.IGNORECASE
)
_NAME_WORD = re.compile(
    r"^[A-Z\u00c0-\u00de][\w'\u2019.\-]*$|^(?:de|da|van|von|der|den|del|la|le|bin|al)$"
)


def _person(part: str) -> str | None:
    words = part.strip(" .:").split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in part):
        return None
    if part.isupper():  # wire bylines in capitals
        words = [w.capitalize() if "-" not in w else w.title() for w in words]
    if any(w.lower().strip(".,") in NOT_A_PERSON for w in words):
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    return " ".join(words)


def author_names(texts: Iterable[str], site: str | None) -> tuple[str, ...]:
    """The people named in bylines like `By JANE DOE and Ali Khan, Example Wire`."""
    names: list[str] = []
    for text in texts:
        cleaned = " ".join(text.split())
        cleaned = re.split(r"\s+(?:in|for)\s+[A-Z]", cleaned)[0]  # "X in Vellmark"
        cleaned = _LABEL.sub("", cleaned)
        for part in _SPLIT.split(cleaned):
            name = _person(_LABEL.sub("", part))
            if name and name.lower() != (site or "").lower() and name not in names:
                names.append(name)
    return tuple(names)
