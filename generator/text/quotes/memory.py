# Typographic apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""What a reader remembers while reading an article: who has been named, with which role and
gender, and who was mentioned last, so that "he", "the researcher" or a bare surname resolve to
the person a reader would name. `reading` feeds it; `speakers` parses the phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.text.lexicon import (
    DETERMINERS,
    GIVEN_NAME_GENDER,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PERSON,
    TITLE_WORDS,
)
from generator.text.quotes.speakers import ROLE_SPLIT_RE, Phrase

_ROLE_WORD_RE = re.compile(r"[\w\-]+")


@dataclass
class Entity:
    """A person or organisation the reader has met (or an unnamed person, "a witness")."""

    name: str | None  # None for an unnamed person ("another resident")
    role: str | None = None
    org: bool = False
    gender: str = ""
    person: bool = False  # strong evidence this is a person (not a place)
    last: int = -1  # position of the most recent mention, for pronoun recency
    salient: int = -1  # the most recent mention as a subject or speaker
    mentions: int = 0
    roles: set[str] = field(default_factory=set)  # role words, for "the researcher"


def _role_words(role: str | None) -> set[str]:
    if not role:
        return set()
    head = ROLE_SPLIT_RE.split(role.lower())[0]
    return {
        w
        for w in _ROLE_WORD_RE.findall(head)
        if w in PERSON_NOUNS or w in ORG_NOUNS or w in TITLE_WORDS
    }


def _gender_fits(ent: Entity, gender: str) -> bool:
    return not gender or not ent.gender or ent.gender == gender


# "Two people fit": resolved to nobody, and not to a new unnamed person either.
_NOBODY = Entity(None)


class Memory:
    """Entities the reader has met so far, in reading order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.clock = 0
        self._exact: dict[str, Entity] = {}  # casefolded name -> first entity with it
        self._named: list[tuple[list[str], Entity]] = []  # casefolded name tokens, entity
        self.sentence_starts: list[int] = [0]  # the clock as each sentence began
        self.together: set[int] = set()  # ids of people just named together ("X and Y said")

    def tick(self) -> int:
        self.clock += 1
        return self.clock

    def _by_name(self, name: str) -> Entity | None:
        low = name.casefold()
        ent = self._exact.get(low)
        if ent is not None:
            return ent
        toks = low.split()
        if len(toks) == 1:
            # A surname (or, for Korean/Chinese names, a family name first).
            last = [e for et, e in self._named if not e.org and et[-1] == low]
            first = [e for et, e in self._named if not e.org and len(et) > 1 and et[0] == low]
            cands = last + [e for e in first if e not in last]
            if cands:
                return max(cands, key=lambda e: (e.mentions, e.last))
            orgs = [e for et, e in self._named if e.org and low in et]
            if orgs:
                return max(orgs, key=lambda e: e.last)
        elif len(toks) >= 2:
            # "Pat Nakamura" for "Patricia Nakamura": same surname, same initial.
            for et, e in self._named:
                if not e.org and len(et) >= 2 and et[-1] == toks[-1] and et[0][0] == toks[0][0]:
                    return e
        return None

    def note_name(self, phrase: Phrase, person: bool, subject: bool = False) -> Entity:
        """Record a mention of a name; returns the entity it refers to."""
        ent = self._by_name(phrase.text)
        if ent is None:
            ent = Entity(phrase.text, org=phrase.org)
            self.entities.append(ent)
            key = phrase.text.casefold()
            if key.split():
                self._exact.setdefault(key, ent)
                self._named.append((key.split(), ent))
        if phrase.role and not ent.role:
            ent.role = phrase.role
        if phrase.role:
            ent.roles |= _role_words(phrase.role)
        if phrase.gender and not ent.gender:
            ent.gender = phrase.gender
        toks = phrase.text.casefold().split()
        if not ent.gender and not ent.org and len(toks) >= 2 and toks[0] in GIVEN_NAME_GENDER:
            ent.gender = GIVEN_NAME_GENDER[toks[0]]  # "Ruth Pengelly": she
            person = True
        ent.person = ent.person or (person and not ent.org)
        ent.last = self.tick()
        if subject:
            ent.salient = ent.last
        ent.mentions += 1
        return ent

    def note_unnamed(self, phrase: Phrase) -> Entity:
        ent = Entity(None, gender=phrase.gender, person=True)
        ent.roles = _role_words(phrase.text)
        ent.last = ent.salient = self.tick()
        self.entities.append(ent)
        return ent

    def note_thing(self) -> Entity:
        """A thing as a subject ("The accord …"): what "it" refers to next, with no name."""
        ent = Entity(None, org=True)
        ent.last = ent.salient = self.tick()
        self.entities.append(ent)
        return ent

    def pronoun(self, pronoun: str) -> Entity | None:
        if pronoun in {"he", "she"}:
            cands = [e for e in self.entities if e.person and e.gender in {"", pronoun}]
        elif pronoun == "it":
            cands = [e for e in self.entities if e.org]
        else:
            return None
        if not cands:
            return None

        # Salience as a reader feels it: recency, with subjects and speakers ahead of names
        # mentioned in passing, and a person already seen as "she" ahead of one not yet seen.
        def salience(e: Entity) -> float:
            return max(e.salient, e.last - 2) + (0.5 if e.gender == pronoun else 0.0)

        ent = max(cands, key=salience)
        if id(ent) in self.together and any(e is not ent and id(e) in self.together for e in cands):
            return None  # "Ferreira and Osgood said …" / "he said": either of them
        if not ent.gender and pronoun in {"he", "she"}:
            ent.gender = pronoun
        ent.last = ent.salient = self.tick()
        return ent

    def new_sentence(self) -> None:
        self.sentence_starts.append(self.clock)

    def _just_named(self, phrase: Phrase) -> list[Entity]:
        """'Tarrant said … “…,” the professor said': with no role to match, the one person
        of fitting gender named in this sentence or the one before (not an age: "the
        61-year-old" needs an age the text gave)."""
        head = phrase.text.casefold().split()[-1]
        if head.endswith("-old") or head not in PERSON_NOUNS:
            return []
        since = self.sentence_starts[-2] if len(self.sentence_starts) > 1 else 0
        recent = [e for e in self.entities if e.name and not e.org and e.person and e.last > since]
        if any(e.name is None and e.last > since for e in self.entities):
            return []  # "a witness" was just met: the description may be theirs
        fits = [e for e in recent if _gender_fits(e, phrase.gender)]
        return fits if len(fits) == 1 and len(recent) <= 2 else []

    def description(self, phrase: Phrase) -> Entity | None:
        """'the researcher' -> the person introduced as a researcher; 'the ministry' -> the
        named ministry. Indefinite descriptions ('a witness') are new, unnamed people."""
        low = phrase.text.casefold().split()
        definite = low[0] in {"the", "its", "his", "her", "their"} or low[0].endswith(("’s", "'s"))
        head_words = _role_words(" ".join(low[1:] if low[0] in DETERMINERS else low))
        if not head_words:
            return None
        if definite:
            fits = []
            for ent in sorted(self.entities, key=lambda e: -e.last):
                if ent.name is None or ent.org != phrase.org:
                    continue  # a person's role ("the fund's economist") is not the fund
                names = set(ent.name.casefold().split()) if ent.org else set()
                if head_words & (ent.roles | names) and _gender_fits(ent, phrase.gender):
                    fits.append(ent)
            if len(fits) > 1 and not phrase.org:
                return _NOBODY  # two people fit "the senator": nobody rather than a guess
            if not fits and not phrase.org:
                fits = self._just_named(phrase)
            if fits:
                ent = fits[0]
                ent.last = ent.salient = self.tick()
                return ent
        if phrase.org:
            return None
        if low[0] in PLURAL_PERSON or phrase.text.split()[-1].lower() in PLURAL_PERSON:
            return None
        return self.note_unnamed(phrase)
