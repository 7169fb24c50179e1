# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Who said a quotation: the phrases that name a speaker, parsed.

`extract` finds the quotation and the words that attribute it ("Varriale added", "said the
minister", "according to Kim"); this module parses those words into a phrase: a name, a
pronoun or a description, with the role and gender they reveal. Resolving a phrase to a person
takes what the article has told the reader so far: `memory` holds it, `reading`
walks the article.
Pure Python and `re` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from generator.text.lexicon import (
    AUX,
    CONNECTORS,
    DETERMINERS,
    GENDER_WORDS,
    HONORIFICS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PERSON,
    PRONOUNS,
    STOP_CAPS,
    TITLE_WORDS,
    VERBS,
    wordlist,
)

# Patterns used inside the functions below, compiled once.
_CLEAN_RE = re.compile(r"(?:[A-Z]\.)+")
_IS_ORG_NAME_RE = re.compile(r"[A-Z]{2,6}")
_ROLE_TEXT_RE = re.compile(r"\s+([,’'])")
_CLEAN_ROLE_RE = re.compile(r"^(?:a|an|the|his|her|their|its|our)\s+", re.IGNORECASE)
_CLEAN_ROLE_1_RE = re.compile(r"^\d{1,3},\s*")
_PHRASE_RE = re.compile(r"^The\s+")
_PARSE_SUBJECT_RE = re.compile(r"\s+")
_PARSE_AFTER_VERB_RE = re.compile(r"[^,;:.!?—–()]+")
_PARSE_AFTER_VERB_1_RE = re.compile(r"\s*,\s*([^,.;:!?—–]+)")
# Where a role's head ends: "director at ...", "spokesperson for ...".
ROLE_SPLIT_RE = re.compile(r"\s+(?:at|of|for|with|in|from)\s+")


_WORD_RE = re.compile(r"[^\W_](?:[\w’'\-&]|\.(?=\w))*\.?|[,;:—–()]")
_AGE_RE = re.compile(r"^\d{1,3}$")
_CLAUSE_CUT_RE = re.compile(
    r"\s+(?:who|whom|whose|which|that|where|when|while|because|after|before|as|in an?|in his|"
    r"in her|in a|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at a|during|"
    r"speaking|adding|saying|told|said|wrote)\b.*$",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def _clean(word: str) -> str:
    """A token without a sentence-final period (keeps 'Dr.' and 'U.S.')."""
    low = word.lower()
    keep = low in HONORIFICS or low in TITLE_WORDS or _CLEAN_RE.fullmatch(word)
    return word[:-1] if word.endswith(".") and not keep else word


@dataclass(frozen=True)
class Phrase:
    """An attribution's subject as written: a name, a pronoun or a description."""

    kind: str  # "name", "pronoun", "desc"
    text: str
    role: str | None = None
    org: bool = False
    gender: str = ""


def _is_org_name(tokens: list[str]) -> bool:
    if any(
        t.lower().rstrip("’'s") in ORG_NAME_WORDS or t.lower() in ORG_NAME_WORDS for t in tokens
    ):
        return True
    return len(tokens) == 1 and bool(_IS_ORG_NAME_RE.fullmatch(tokens[0]))


def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """['Foreign', 'Minister', 'Chung', 'Eui-yong'] -> (['Foreign', 'Minister'], name)."""
    last = -1
    for i, tok in enumerate(tokens[:-1]):
        low = tok.lower()
        if low in TITLE_WORDS or low in HONORIFICS or (low in PERSON_NOUNS and i == 0):
            last = i
    return tokens[: last + 1], tokens[last + 1 :]


def _role_text(tokens: Iterable[str]) -> str | None:
    text = " ".join(t for t in tokens if t.lower() not in HONORIFICS)
    text = _ROLE_TEXT_RE.sub(r"\1", text).strip(" ,")
    return text or None


def _gender_of(tokens: Iterable[str]) -> str:
    for tok in tokens:
        low = tok.lower()
        if HONORIFICS.get(low):
            return HONORIFICS[low]
        if low in GENDER_WORDS:
            return GENDER_WORDS[low]
    return ""


# Adverbs that may follow a role ("a former Fed economist now at a Boston firm").
_ROLE_ADVERBS = frozenset({"now", "currently", "formerly", "later", "previously", "then"})


def clean_role(text: str) -> str | None:
    """An appositive as a role: no leading article, no trailing relative clause."""
    text = text.strip(" ,.;:—–-")
    text = _CLEAN_ROLE_RE.sub("", text)
    text = _CLEAN_ROLE_1_RE.sub("", text)  # "34, a home health aide"
    text = _CLAUSE_CUT_RE.sub("", text).strip(" ,")
    toks = text.split()
    while toks and toks[-1].lower() in _ROLE_ADVERBS:
        toks.pop()
    if toks and toks[0].lower() in PRONOUNS:
        return None  # "he said …" is a clause, not a role
    text = " ".join(toks)
    if not text or _AGE_RE.match(text) or len(toks) > 14:
        return None
    return text


_RELATIVE = frozenset({"who", "whom", "whose", "which", "that", "where", "what"})
_ROLE_LIKE = PERSON_NOUNS | TITLE_WORDS


def phrase_from_tokens(tokens: Sequence[str]) -> Phrase | None:
    """Parse a noun phrase that stands on its own ('union president Maureen Doyle')."""
    return _phrase(tuple(tokens))


@lru_cache(maxsize=4096)
def _phrase(raw: tuple[str, ...]) -> Phrase | None:
    tokens = [_clean(t) for t in raw if t not in ",;:()"]
    cut = next((i for i, t in enumerate(tokens) if i > 0 and t in _RELATIVE), None)
    tokens = tokens[:cut] if cut is not None else tokens
    while tokens and tokens[-1].lower() in AUX:
        tokens.pop()
    if not tokens or len(tokens) > 12:
        return None
    low = [t.lower() for t in tokens]
    if len(tokens) == 1 and low[0] in PRONOUNS:
        return Phrase("pronoun", low[0])
    if len(tokens) == 1 and low[0] in PLURAL_PERSON:
        return Phrase("desc", tokens[0])  # "Organisers said": people, but nobody named
    if any(t in VERBS or t in {"was", "were", "is", "are"} for t in low):
        return None
    preps = {"of", "at", "for", "from", "with", "in"}
    if low[0] == "the" and len(tokens) == 2 and is_cap(tokens[1]) and low[1] not in _ROLE_LIKE:
        # "the Fed", "the Treasury", "the Kremlin": an institution, never a person.
        return Phrase("name", tokens[1], org=True)
    if (
        low[0] in DETERMINERS
        and len(tokens) > 2
        and is_cap(tokens[-1])
        and low[-1] not in PERSON_NOUNS  # "a Romanian liberal MEP" is a description
        and not preps & set(low)
    ):
        tokens, low = tokens[1:], low[1:]  # "her rival Ivo Grant": the name decides
    elif low[0] in DETERMINERS or low[0].endswith(("’s", "'s", "’", "'")):
        return _description(tokens)
    if any(t.endswith(("’s", "'s")) and not is_cap(n) for t, n in pairwise(tokens)):
        return _description(tokens)  # "Kofi Mensah's sister"
    # An affiliation after the name: "Dana Whitfield of Brookline Partners".
    prep = next((i for i, t in enumerate(low) if t in {"of", "at", "for", "from", "with"}), None)
    if prep is not None and prep > 0 and is_cap(tokens[prep - 1]):
        tokens, low = tokens[:prep], low[:prep]
    if not any(is_cap(t) for t in tokens):
        if any(t in PERSON_NOUNS or t in ORG_NOUNS for t in low):
            return _description(tokens)
        return None
    # The name is the last capitalised run; what precedes it is a role ("retired trucker",
    # "Council member", "Norvanian Foreign Minister").
    end = len(tokens)
    if not is_cap(tokens[-1]):
        if low[-1] in PERSON_NOUNS or low[-1] in ORG_NOUNS or low[-1] in PLURAL_PERSON:
            # "Veltrix chief executive", "Greenline campaign group": a description.
            org = low[-1] in ORG_NOUNS
            return Phrase("desc", " ".join(tokens), org=org, gender=_gender_of(tokens))
        return None
    start = end
    while start > 0:
        if is_cap(tokens[start - 1]):
            start -= 1
            continue
        # "Frans van der Berg": particles count when a capitalised word comes before them.
        k = start - 1
        while k > 0 and tokens[k] in CONNECTORS:
            k -= 1
        if k < start - 1 and tokens[k + 1] in CONNECTORS and is_cap(tokens[k]) and k >= 0:
            start = k
            continue
        break
    lead, run = tokens[:start], tokens[start:end]
    while run and run[0].lower() in STOP_CAPS:
        run = run[1:]
    # Words before the name may be a role ("retired trucker", "Union steward") but not a
    # clause ("met with").
    bad_lead = [t for t in lead if t.lower() in STOP_CAPS and t.lower() not in DETERMINERS]
    while lead and lead[0].lower() in DETERMINERS:
        lead = lead[1:]  # "her rival Ivo Grant"
    if bad_lead or len(lead) > 5:
        return None
    if not run:
        return None
    if any(t.lower() in VERBS for t in lead):
        return None
    if _is_org_name(run) and not any(t.lower() in TITLE_WORDS for t in run[:-1]):
        name = _PHRASE_RE.sub("", " ".join(run))
        return Phrase("name", name, role=_role_text(lead), org=True)
    title, name = _split_title(run)
    if not name:
        return Phrase("desc", " ".join(lead + run), gender=_gender_of(run))
    if len(name) > 5:
        return None
    role = _role_text(lead + [t for t in title if t.lower() not in HONORIFICS])
    return Phrase("name", " ".join(name), role=role, gender=_gender_of(lead + title))


def _description(tokens: list[str]) -> Phrase | None:
    """'a spokesperson for the Digital Industry Association', 'the researcher', 'officials'."""
    low = [t.lower() for t in tokens]
    text = " ".join(tokens)
    # Head noun: the last word before a preposition or the end.
    head_end = next(
        (
            i
            for i, t in enumerate(low)
            if i > 0
            and (
                t in {"for", "of", "at", "with", "from", "in", "involved", "who"}
                or t in _ROLE_ADVERBS
                or (t.endswith("ing") and len(t) > 5 and low[i - 1] not in DETERMINERS)
            )
        ),
        len(low),
    )
    head = low[head_end - 1] if head_end else ""
    affiliation = tokens[head_end + 1 :] if head_end < len(tokens) else []
    while affiliation and affiliation[0].lower() in DETERMINERS:
        affiliation = affiliation[1:]
    org_name = None
    caps = [t for t in affiliation if is_cap(t) or t in CONNECTORS]
    if affiliation and len(caps) == len(affiliation):
        org_name = " ".join(affiliation)
    gender = _gender_of(tokens[:head_end])
    if head in ORG_NOUNS or head.rstrip("’'s") in ORG_NOUNS:
        return Phrase("desc", text, org=True)
    if head in PERSON_NOUNS or head in PLURAL_PERSON or head.endswith("-old"):
        return Phrase("desc", text, role=org_name, gender=gender)
    if len(tokens) < 2 or len(tokens) > 6 or head in DETERMINERS or head in STOP_CAPS:
        return None
    return Phrase("desc", text, gender=gender)


# Words before which a subject cannot extend ("… because Kim said").
_SUBJECT_STOPS = frozenset(
    wordlist(
        """
        and but while that as because when after before to by according than if whether
        """
    )
)
_TIME_LEAD = frozenset(wordlist("last this next earlier later on in"))
_TIME_WORDS = frozenset(
    wordlist(
        """
        week month year weekend morning afternoon evening night spring summer autumn fall
        winter monday tuesday wednesday thursday friday saturday sunday january february
        march april may june july august september october november december
        """
    )
)


def parse_subject(text: str, strict: bool = False) -> Phrase | None:
    """The subject at the end of `text`, which stands just before a reporting verb.

    Handles appositives in both orders ("Alan Pryce, the budget director," and "the budget
    director, Alan Pryce,"), relative clauses ("Whitlock, who represents the north,"), and
    leading adverbials ("On Tuesday, Kim"). `strict` requires the whole text to be the subject.
    """
    text = _PARSE_SUBJECT_RE.sub(" ", text).strip()
    toks = words(text)
    while toks and toks[-1].lower() in AUX:
        toks.pop()
    if not toks:
        return None
    if toks[-1] in {",", "—", "–"}:
        return _appositive_subject(toks, strict)
    start = len(toks)
    while start > 0 and toks[start - 1] not in {",", ";", ":", "—", "–", "(", ")"}:
        prev = toks[start - 1].lower()
        if prev in _SUBJECT_STOPS:
            break
        if prev in VERBS or prev in {"was", "were", "is", "are"}:
            break
        start -= 1
        if len(toks) - start > 10:
            return None
    if strict and start > 0:
        return None
    subj = toks[start:]
    if [t.lower() for t in subj] == ["who"] and start > 1 and toks[start - 1] == ",":
        # "… adviser Jake Sullivan, who had described it as …": the relative's antecedent.
        antecedent = parse_subject(" ".join(toks[: start - 1]))
        return (
            antecedent if antecedent and antecedent.kind == "name" and not antecedent.org else None
        )
    # "Last month Governor Ada Pike told …": a time phrase without a comma.
    while len(subj) > 2 and subj[0].lower() in _TIME_LEAD and subj[1].lower() in _TIME_WORDS:
        subj = subj[2:]
    return phrase_from_tokens(subj)


def _appositive_subject(toks: list[str], strict: bool = False) -> Phrase | None:
    """Subject followed by comma-delimited appositives, ending with a comma before the verb."""
    segments: list[list[str]] = [[]]
    for tok in toks[:-1]:
        if tok in {",", "—", "–"}:
            segments.append([])
        else:
            segments[-1].append(tok)
    chain: list[Phrase] = []  # parsed appositives, right to left
    head: Phrase | None = None
    for i in range(len(segments) - 1, -1, -1):
        seg = segments[i]
        first = seg[0].lower() if seg else ""
        participle = first.endswith("ing") and first not in {"according", "during"}
        if not seg or first in {"who", "which", "whose", "where", "whom"} or participle:
            continue  # relative or participle clause: ", who represents the north,"
        if first in {"asked", "speaking"}:
            continue
        if _AGE_RE.match(first) and len(seg) == 1:
            continue
        whole = phrase_from_tokens(seg)
        if whole is not None and i > 0:
            chain.append(whole)
            continue
        if whole is not None and i == 0:
            head = whole
        elif strict:
            return None
        elif not any(p.kind in {"name", "pronoun"} for p in chain):
            head = parse_subject(" ".join(seg))
        break
    chain.reverse()
    if head is None and chain:
        head, chain = chain[0], chain[1:]
    if head is None:
        return None
    if head.kind == "pronoun":
        return head
    apps = chain
    if head.kind == "desc":
        named = next((p for p in apps if p.kind == "name"), None)
        if named is None:
            return head
        role = named.role or clean_role(head.text)
        return Phrase(
            "name", named.text, role=role, org=named.org, gender=named.gender or head.gender
        )
    desc = next((p for p in apps if p.kind == "desc"), None)
    if desc is not None and not head.role:
        role = clean_role(desc.text)
        return Phrase(
            head.kind, head.text, role=role, org=head.org, gender=head.gender or desc.gender
        )
    return head


_ABBREV_RE = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr|[A-Z])\."
)
_STOP_AFTER_RE = re.compile(
    r"\s+(?:on|in|at|during|after|before|to|from|with|when|while|as|outside|inside|about|"
    r"of|who|which|whose|speaking|adding|addressing|standing|wearing|referring|using|said)\s"
)


def parse_after_verb(text: str) -> Phrase | None:
    """The subject of an inverted attribution: 'said Jonah Feld, director of Riders First.'"""
    text = _ABBREV_RE.sub("\\1\u2024", _PARSE_SUBJECT_RE.sub(" ", text).strip())
    m = _PARSE_AFTER_VERB_RE.match(text)
    if not m:
        return None
    head = m.group(0)
    stop = _STOP_AFTER_RE.search(head + " ")
    if stop and not (stop.group(0).strip() == "of" and is_cap(head[stop.end() :].strip()[:1])):
        head = head[: stop.start()]
    phrase = phrase_from_tokens(words(head.replace("\u2024", ".")))
    if phrase is None:
        return None
    after = text[m.end() :]
    app = _PARSE_AFTER_VERB_1_RE.match(after)
    if app is None:
        return phrase
    app_text = app.group(1).replace("\u2024", ".").strip()
    first = app_text.split()[0].lower() if app_text.split() else ""
    role_like = first in DETERMINERS or not is_cap(app_text) or _AGE_RE.match(first)
    if not role_like:
        # "US special representative for North Korea": a description led by a capital.
        desc = phrase_from_tokens(words(ROLE_SPLIT_RE.split(app_text, maxsplit=1)[0]))
        role_like = desc is not None and desc.kind == "desc" and not desc.org
    if phrase.kind == "name" and not phrase.role and role_like:
        if _AGE_RE.match(first):
            more = _PARSE_AFTER_VERB_1_RE.match(after[app.end() :])
            app_text = more.group(1) if more else ""
        role = clean_role(app_text)
        if role and not role.split()[0].endswith("ing") and role.split()[0] not in {"who", "which"}:
            gender = phrase.gender or _gender_of(role.split())
            return Phrase("name", phrase.text, role=role, org=phrase.org, gender=gender)
    if phrase.kind == "desc":
        named = phrase_from_tokens(words(app_text))
        if named and named.kind == "name":
            role = named.role or clean_role(phrase.text)
            return Phrase("name", named.text, role=role, org=named.org, gender=phrase.gender)
    return phrase
