# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001, RUF003
"""Reading an article in order, as a reader does: who has been named so far, so that "he",
"the researcher" or "Varriale" resolve to the person a reader would name.

`memory.Memory` holds what the reader remembers; this module finds the names and
subjects in each sentence and resolves each attribution at the point of the text it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.text.lexicon import (
    AUX,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GENDER_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PERSON,
    STOP_CAPS,
    TITLE_WORDS,
    VERB_RE,
    wordlist,
)
from generator.text.quotes.clauses import AUX_SEQ
from generator.text.quotes.marks import Sentence, blank_placeholders
from generator.text.quotes.memory import Entity, Memory
from generator.text.quotes.speakers import (
    VERBS,
    Phrase,
    clean_role,
    is_cap,
    phrase_from_tokens,
    words,
)

_MENTIONS_RE = re.compile(r"[’']s?$")
_POSSESSIVE_RE = re.compile(r"[’']s?(?=\s)")
# Between two names said together: "X and Y", "X and board member Y".
_TOGETHER_RE = re.compile(r",?\s+and\s+(?:[a-z][\w\-]*\s+){0,3}")
_MENTIONS_1_RE = re.compile(r",\s+\d{1,3},")
_SUBJECT_RE = re.compile(r",\s+[A-Z]")
_SUBJECT_1_RE = re.compile(r"\s+(?:of|for)\b")
_RESOLVE_DESCRIPTION_RE = re.compile(r"\s+(?:for|of|at|with|from|in|involved|who)\s+")
_RESOLVE_DESCRIPTION_1_RE = re.compile(r"\s+(?:for|of|at|with|from)\s+")
_RESOLVE_DESCRIPTION_2_RE = re.compile(r"^(?:the|a|an)\s+")
_RESOLVE_DESCRIPTION_3_RE = re.compile(r"[A-Z][\w\-]*|[A-Z]{2,}")


@dataclass
class Attr:
    """A quotation's attribution: the phrase that names its speaker, and where a reader meets
    it, since what "he" or "the minister" means depends on what was read before."""

    phrase: Phrase
    sentence: int  # index of the sentence whose reader state resolves it
    offset: int  # position within that sentence, to interleave with narrative mentions
    label: bool = False  # introduced by "called"/"described as": a characterisation


_NAME_RUN_RE = re.compile(
    r"(?:(?<=\s)|^)((?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|bin|al|da|dos|del|la|le|di|du)"
    r"(?=\s+[A-Z]))(?:\s+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|bin|al|da|dos|del|la|le|di|du)"
    r"(?=\s+[A-Z])))*)"
)

# A leading adverbial before the subject: "On Tuesday, she …", "In a statement, the board …".
_ADVERBIAL_WORDS = frozenset(
    wordlist(
        """
        In On At After Before During Since Under Over For With Without Last Earlier Later But
        And Meanwhile However Still Yet Then Now Today Yesterday Asked Speaking Writing Outside
        Inside Back Once When While As By
        """
    )
)
_ADVERBIAL = r"(?:(?:" + "|".join(sorted(_ADVERBIAL_WORDS)) + r")\b[^,\x00]{0,60},\s+)?"
_ADVERBIAL_RE = re.compile(r"\s*" + _ADVERBIAL + r"\s*")

# The subject patterns below are matched where the adverbial ends (or, failing that, at 0).
_FIRST_WORD_RE = re.compile(r"\s*([\w’'\-]+)")
_SUBJ_PRONOUN_RE = re.compile(r"\s*(He|She)\b")
_INDEF_SUBJ_RE = re.compile(r"\s*((?:An?|Another|One)\s+(?:[\w\-’']+\s+){0,3}?[\w\-’']+)(?=[\s,])")
_GENDER_PRONOUN_RE = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b", re.IGNORECASE)
_REPORTS_AFTER_RE = re.compile(r"^(?:,[^,\x00]{0,100},)?\s*" + AUX_SEQ + r"(?:" + VERB_RE + r")\b")
_APPOSITIVE_RE = re.compile(
    r",\s+(?:(\d{1,3}),\s+)?((?:an?|the)\s+[^,.;\x00]{2,90}|[a-z][^,.;\x00]{2,90})"
)

# "The Danish climate envoy, Ida Holm,": a role in front of the name (not "His neighbour").
_ROLE_FIRST_RE = re.compile(
    r"(?:^|\s)(?:[Tt]he|[Aa]n?|[Aa]nother)\s+((?:[\w\-’']+\s+){0,4}[\w\-’']+)$"
)
_LEADING_STOPS = STOP_CAPS | {"according"}
_ROLE_HEAD_RE = re.compile(r"\s+(?:at|of|for|with|in|from)\s+")
_ROLE_MODIFIER_RE = re.compile(r"[a-z][a-z\-]+(?<!ed)(?<!ing)")
_NOT_MODIFIERS = frozenset(wordlist("met saw made took gave led ran won lost thanked"))
_WHO_AFTER_RE = re.compile(r",\s+who\s")
_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman"})
_OF_NAME_RE = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})")


def _mentions(text: str) -> list[tuple[int, str, Phrase]]:
    """Named people and organisations in narrative text, with the evidence a reader has that
    a name is a person: a title or role, an appositive, an age, or reporting speech."""
    out: list[tuple[int, str, Phrase]] = []
    for m in _NAME_RUN_RE.finditer(text):
        toks = m.group(1).split()
        start = m.start(1)
        while toks and toks[0].lower().rstrip(".") in _LEADING_STOPS:
            start += len(toks[0]) + 1
            toks = toks[1:]
        if not toks:
            continue
        if toks[-1].endswith(("’s", "'s", "’")):  # "Kim’s comments" mention Kim
            toks[-1] = _MENTIONS_RE.sub("", toks[-1])
        if not toks[-1].endswith(("Jr.", "Sr.")):
            toks[-1] = toks[-1].rstrip(".")
        before = text[max(0, start - 120) : start].rstrip()  # the words just before suffice
        prev_words = before.split()
        prev_word = prev_words[-1].lower() if prev_words else ""
        if len(toks) == 1 and toks[0].lower() in TITLE_WORDS:
            continue  # "former Secretary" of "former Secretary of State Eleanor Quist"
        if (
            prev_word == "of"
            and len(prev_words) >= 2
            and prev_words[-2].lower() in TITLE_WORDS
            and len(toks) >= 3
        ):
            # "Secretary of State Eleanor Quist": the role runs over "of" and one word.
            role = f"{prev_words[-2]} of {toks[0]}"
            out.append(
                (start + len(toks[0]) + 1, "person", Phrase("name", " ".join(toks[1:]), role=role))
            )
            continue
        lead: list[str] = []
        if prev_word in PERSON_NOUNS or prev_word in {"retired", "former"}:
            # "North Korean leader Kim Jong Un": the role runs back over its modifiers.
            for w in reversed(prev_words[-6:]):
                low = w.lower()
                if low in STOP_CAPS or w.endswith((",", ".", ";", ":")):
                    break
                if not (is_cap(w) or low in PERSON_NOUNS or low in {"retired", "former"}):
                    # "foreign minister", "national security adviser": a lowercase modifier
                    # of the role noun, but not a verb ("met minister …", "told …").
                    if not lead or not _ROLE_MODIFIER_RE.fullmatch(low) or low in AUX:
                        break
                    if low in VERBS or low in _NOT_MODIFIERS:
                        break
                lead.insert(0, w)
        after = text[m.end(1) : m.end(1) + 250]  # what follows the name, as far as matters
        last_low = toks[-1].lower()
        of = _OF_NAME_RE.match(after) if last_low in ORG_NAME_WORDS else None
        if of and not lead:
            # "the Bank of Canada", "the University of Bergen": one organisation.
            name = " ".join([*toks, "of", of.group(1)])
            out.append((start, "org", Phrase("name", name, org=True)))
            continue
        if len(toks) == 1 and not lead and after[:1] != ",":
            # The common case, a lone capitalised word: only a known name or a speaker matters.
            tok = toks[0]
            if len(tok) < 2 or tok.lower() in TITLE_WORDS or tok.lower() in PERSON_NOUNS:
                continue
            # "the Fed", "the Treasury": after the article a lone name is an institution.
            org = tok.isupper() or tok.lower() in ORG_NOUNS or prev_word == "the"
            evidence = "org" if org else "person" if _REPORTS_AFTER_RE.match(after) else "single"
            out.append((start, evidence, Phrase("name", tok, org=org)))
            continue
        phrase = phrase_from_tokens(lead + toks)
        if phrase is None or phrase.kind != "name":
            continue
        evidence = "weak"
        if phrase.org:
            evidence = "org"
        elif phrase.role or phrase.gender or any(t.lower() in TITLE_WORDS for t in toks[:-1]):
            evidence = "person"
        elif prev_word.rstrip(",") in PERSON_NOUNS and before.endswith(","):
            evidence = "person"  # "His neighbour, Rosa Ibarra,"
            gender = GENDER_WORDS.get(prev_word.rstrip(","), "")
            first = _ROLE_FIRST_RE.search(before[:-1])
            role = clean_role(first.group(1)) if first else None
            phrase = replace(phrase, role=role, gender=gender)
        elif _REPORTS_AFTER_RE.match(after) or _WHO_AFTER_RE.match(after):
            evidence = "person"  # "Mwangi said", "Mwangi, who runs a charity,"
        app = _APPOSITIVE_RE.match(after)
        if app and phrase.org and not phrase.role:
            phrase = replace(phrase, role=clean_role(app.group(2)))  # "…, the city’s newspaper,"
        elif app and not phrase.org:
            if not app.group(2).startswith(("a ", "an ", "the ")):
                # No article: "policy director at a Berlin group" only if it reads as a role.
                head = _ROLE_HEAD_RE.split(app.group(2), maxsplit=1)[0].split()
                desc = None
                if len(head) <= 6 and head[-1].lower() in PERSON_NOUNS:
                    desc = phrase_from_tokens(head)
            else:
                desc = phrase_from_tokens(words(app.group(2)))
            if desc is not None and desc.kind == "desc" and not desc.org:
                role = phrase.role or clean_role(app.group(2))
                phrase = Phrase("name", phrase.text, role=role, gender=phrase.gender or desc.gender)
                evidence = "person"
            elif app.group(1):
                evidence = "person"
        elif _MENTIONS_1_RE.match(after):
            evidence = "person"
        if evidence == "weak" and len(phrase.text.split()) < 2:
            evidence = "single"
        out.append((start, evidence, phrase))
    return out


_ORG_ALTERNATION = "|".join(sorted(ORG_NOUNS, key=len, reverse=True))
_ORG_SUBJ_RE = re.compile(
    r"\s*((?:The|the)\s+(?:[\w\-’']+\s+){0,4}?(?:" + _ORG_ALTERNATION + r"))\b"
)

# "Finland's transport ministry …"
_ORG_POSS_SUBJ_RE = re.compile(
    r"\s*"
    + r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}[’']s\s+(?:[\w\-’']+\s+){0,3}?(?:"
    + _ORG_ALTERNATION
    + r"))\b"
)

# "The accord has …": a thing as the subject, which a following "it" refers to.
_THING_SUBJ_RE = re.compile(r"\s*(?:The|This|That)\s+([a-z][\w\-]*)\s+[a-z]")


@dataclass
class _Reader:
    """The reader's state while going through the sentences in order."""

    memory: Memory = field(default_factory=Memory)

    def subject(self, text: str) -> None:
        """The subject that opens a sentence: 'He …', 'Another resident, …', 'The board …'."""
        first = _FIRST_WORD_RE.match(text)
        word = first.group(1) if first else ""
        if word in _ADVERBIAL_WORDS:
            # After a leading adverbial ("On Tuesday, she …"), or at the very start if nothing
            # is found there.
            lead = _ADVERBIAL_RE.match(text)
            at = lead.end() if lead else 0
            if at:
                first = _FIRST_WORD_RE.match(text, at)
                if self._subject_at(text, at, first.group(1) if first else ""):
                    return
        self._subject_at(text, 0, word)

    def _subject_at(self, text: str, pos: int, word: str) -> bool:
        if word in {"He", "She"}:
            m = _SUBJ_PRONOUN_RE.match(text, pos)
            if m and not _NAME_RUN_RE.match(text[m.end(1) :].strip()):
                self.memory.pronoun(m.group(1).lower())
                return True
        if word in {"A", "An", "Another", "One"}:
            m = _INDEF_SUBJ_RE.match(text, pos)
            if m and not _SUBJECT_RE.match(text[m.end(1) :]):
                phrase = phrase_from_tokens(words(m.group(1)))
                head = m.group(1).split()[-1].lower()
                if (
                    phrase is not None
                    and phrase.kind == "desc"
                    and not phrase.org
                    and head in PERSON_NOUNS
                ):
                    self.memory.note_unnamed(phrase)
                    return True
        m = None
        if word in {"The", "the"}:
            m = _ORG_SUBJ_RE.match(text, pos)
        elif word[:1].isupper() and ("’s" in text[pos : pos + 60] or "'s" in text[pos : pos + 60]):
            m = _ORG_POSS_SUBJ_RE.match(text, pos)
        if m and not _SUBJECT_1_RE.match(text[m.end(1) :]):
            # "The Irish government", "Finland's transport ministry": a named organisation
            # that "the government" / "the ministry" will refer to.
            toks = m.group(1).split()
            body = toks[1:] if toks[0] in {"The", "the"} else toks
            if len(body) >= 2 and not any(w[:1].isupper() for w in body[-1:]):
                name = " ".join(body)
                ent = self.memory.note_name(Phrase("name", name, org=True), person=False)
                ent.roles |= {w for w in name.casefold().split() if w in ORG_NOUNS}
                ent.salient = ent.last
            return True
        if word in {"The", "This", "That"}:
            m = _THING_SUBJ_RE.match(text, pos)
            if m:
                head = m.group(1).lower()
                if head not in ORG_NOUNS and head not in PERSON_NOUNS and head not in PLURAL_PERSON:
                    self.memory.note_thing()
                    return True
        return False

    def mention(self, text: str, found: list[tuple[int, str, Phrase]], lo: int, hi: int) -> None:
        """Update the memory with the names `found` in text[lo:hi]."""
        mentions = [m for m in found if lo <= m[0] < hi]
        first = True
        prev: tuple[int, Entity] | None = None  # where the last person's name ended, and who
        for i, (start, evidence, phrase) in enumerate(mentions):
            name_end = start + len(phrase.text)
            last_word = phrase.text.rsplit(maxsplit=1)[-1]
            at = text.find(last_word, start)
            if at >= 0:
                name_end = at + len(last_word)
            # "Okonkwo’s campaign chairman, Roy Delacroix, …": the owner is not the subject.
            possessive = bool(_POSSESSIVE_RE.match(text, name_end))
            subject = lo == 0 and first and start < 80 and not possessive
            if evidence == "single":
                ent = self.memory._by_name(phrase.text)
                if ent is None:
                    continue
                ent.last = self.memory.tick()
                if subject:
                    ent.salient = ent.last
                ent.mentions += 1
            else:
                ent = self.memory.note_name(phrase, evidence == "person", subject)
            if not ent.org and id(ent) not in self.memory.together:
                self.memory.together.clear()  # someone else named since the pair
            if (
                prev is not None
                and not ent.org
                and ent is not prev[1]
                and _TOGETHER_RE.fullmatch(text, prev[0], start)
            ):
                self.memory.together |= {id(ent), id(prev[1])}  # "Ferreira and Osgood"
            if not ent.org:
                prev = (name_end, ent)
            if possessive:
                continue
            was_first = first
            first = first and ent.org
            # "Smith said his …": a gendered pronoun before the next name is Smith's.
            if not ent.org and not ent.gender and was_first:
                end = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
                g = _GENDER_PRONOUN_RE.search(text, start + len(phrase.text), end)
                if g:
                    male = g.group(1).lower() in {"he", "his", "him", "himself"}
                    ent.gender = "he" if male else "she"
                    ent.person = True

    def resolve(self, phrase: Phrase) -> tuple[str | None, str | None]:
        memory = self.memory
        if phrase.kind == "pronoun":
            ent = memory.pronoun(phrase.text)
            if ent is None or ent.name is None:
                return None, None
            return ent.name, ent.role
        if phrase.kind == "name":
            ent = memory.note_name(phrase, not phrase.org, subject=True)
            return ent.name, ent.role
        return self._resolve_description(phrase)

    def _resolve_description(self, phrase: Phrase) -> tuple[str | None, str | None]:
        memory = self.memory
        text = phrase.text
        head = _RESOLVE_DESCRIPTION_RE.split(text)[0]
        head_noun = head.split()[-1].lower() if head.split() else ""
        affiliation = _RESOLVE_DESCRIPTION_1_RE.split(text, maxsplit=1)[1:]
        if not phrase.org and head_noun in PERSON_NOUNS and affiliation:
            # "a spokesperson for the Digital Industry Association": the organisation speaks.
            org = affiliation[0]
            if phrase.role:
                ent = memory.note_name(Phrase("name", phrase.role, org=True), person=False)
                return ent.name, head_noun
            aff = phrase_from_tokens(words("the " + _RESOLVE_DESCRIPTION_2_RE.sub("", org)))
            if aff is not None and aff.org:
                ent = memory.description(aff)
                if ent is not None and ent.name:
                    return ent.name, head_noun
        if not phrase.org and head_noun in _SPOKES and not affiliation:
            # "a Treasury spokesperson": the organisation in front of the noun speaks.
            caps = [t for t in head.split()[:-1] if is_cap(t) and t.lower() not in DETERMINERS]
            if caps:
                ent = memory.note_name(Phrase("name", " ".join(caps), org=True), person=False)
                return ent.name, head_noun
            org_word = head.split()[-2].lower() if len(head.split()) >= 2 else ""
            if org_word in ORG_NOUNS:  # "a company spokeswoman": the company named before
                orgs = [
                    e
                    for e in memory.entities
                    if e.org and e.name and org_word in e.roles | set(e.name.casefold().split())
                ]
                if orgs:
                    ent = max(orgs, key=lambda e: e.last)
                    ent.last = memory.tick()
                    return ent.name, head_noun
        ent = memory.description(phrase)
        if ent is not None:
            return (ent.name, ent.role) if ent.name else (None, None)
        if not phrase.org or text.split()[0].lower() in {"a", "an", "one", "another"}:
            return None, None  # "a Paris lobby group": an organisation the text does not name
        caps = [t for t in head.split()[1:] if _RESOLVE_DESCRIPTION_3_RE.fullmatch(t)]
        if caps:
            ent = memory.note_name(Phrase("name", " ".join(caps), org=True), person=False)
            ent.roles |= {w for w in head.casefold().split() if w in ORG_NOUNS}
            return ent.name, ent.role
        body = [w for w in head.split() if w.lower() not in DETERMINERS]
        if body and body[0].lower() in DOCUMENT_NOUNS:
            return None, None  # "the report by the fund's research department": not a name
        if len(body) >= 2 and body[-1].lower() not in PLURAL_PERSON:
            name = " ".join(body)
            ent = memory.note_name(Phrase("name", name, org=True), person=False)
            ent.roles |= {w for w in name.casefold().split() if w in ORG_NOUNS}
            return ent.name, None
        return None, None


def read_speakers(
    sentences: list[Sentence], attrs: dict[int, Attr]
) -> dict[int, tuple[str | None, str | None]]:
    """Resolve every attribution with what the reader knows at that point of the text."""
    reader = _Reader()
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for q, attr in attrs.items():
        by_sentence.setdefault(attr.sentence, []).append((attr.offset, q))
    resolved: dict[int, tuple[str | None, str | None]] = {}
    speakers: dict[int, tuple[str | None, str | None]] = {}
    for s, sent in enumerate(sentences):
        text = sent.text
        reader.memory.new_sentence()
        narrative = blank_placeholders(text)
        found = _mentions(narrative)
        reader.subject(narrative)
        at = 0
        for offset, q in sorted(by_sentence.get(s, [])):
            reader.mention(narrative, found, at, offset)
            at = max(at, offset)
            attr = attrs[q]
            if id(attr) not in resolved:
                resolved[id(attr)] = reader.resolve(attr.phrase)
            speakers[q] = resolved[id(attr)]
        reader.mention(narrative, found, at, len(narrative) + 1)
    return speakers
