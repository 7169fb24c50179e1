# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001, RUF002, RUF003
"""Attribution clauses: the words beside a quotation that say who spoke it.

"…," she said / "…," said Jonah Feld, director of Riders First / according to the agency, Kim
said "…" / Smith was blunt: "…". Each function takes narrative text (quotations replaced by
placeholders, see `marks`) and returns the speaker's phrase, as `speakers` parses it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.text.lexicon import AUX, LABEL_VERBS, ORG_NOUNS, VERB_RE
from generator.text.quotes.speakers import (
    Phrase,
    clean_role,
    parse_after_verb,
    parse_subject,
    phrase_from_tokens,
    words,
)

ABBREV_END_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Rev|Jr|Sr|Inc|Ltd|Co|Corp|No|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|vs|etc|approx|Fr|Mt|Ft|a\.m|p\.m|i\.e|e\.g)"
    r"|\b[A-Z]|(?:\b[A-Za-z]\.){2,}[A-Za-z]?)\.$"
)
VERB_WORD_RE = re.compile(r"\b" + VERB_RE + r"\b")
AUX_SEQ = r"(?:(?:" + "|".join(sorted(AUX, key=len, reverse=True)) + r")\s+){0,3}"

# "…," she said / "…," Varriale added / "…," the minister told reporters
_RIGHT_SUBJ_VERB_RE = re.compile(
    r"^[\s,]*(?P<subj>[^\x00!?;:“”\"]{1,140}?)\s+" + AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\b"
)

# "…," said Jonah Feld, director of Riders First.
_RIGHT_VERB_SUBJ_RE = re.compile(
    r"^[\s,]*" + AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\s+(?P<subj>[^\x00]{1,200})"
)
_DASH_RE = re.compile(r"^\s*[—–-]{1,2}\s*(?P<subj>[^\x00]{1,160})")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<subj>[^\x00]{1,160}?)[,:]?\s*$", re.IGNORECASE)

# "That was the message from Dr. Solberg" – a quotation at the head of the paragraph.
_MESSAGE_RE = re.compile(
    r"\b(?:message|words|verdict|view|warning|assessment|reaction|response|answer|advice)\s+"
    r"(?:of|from)\s+(?P<subj>[^\x00]{1,160})$"
)

# Patterns used inside the functions below, compiled once.
_ATTRIBUTION_FOLLOWS_RE = re.compile(r"[^\x00]*?(?:[.!?](?=\s|$)|(?=\x00)|$)")
_HAS_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s+\S)")
_IS_BARE_ATTRIBUTION_RE = re.compile(r"\s+[\w’'\-.]+")
_LEFT_ATTRIBUTION_RE = re.compile(r"\s+[A-Z]")
_MESSAGE_ATTRIBUTION_RE = re.compile(r"(?:So|Thus)\s+(?:said|says|wrote)\s+(?P<subj>.+)$")


def attribution_follows(text: str) -> bool:
    """Does `text` open with a bare attribution ('Smith asked.', 'said Smith, a lawyer.')?"""
    m = _ATTRIBUTION_FOLLOWS_RE.match(text)
    return bool(m) and is_bare_attribution(m.group(0))


def _has_sentence_break(text: str) -> bool:
    for m in _HAS_SENTENCE_BREAK_RE.finditer(text):
        if m.group(0) != "." or not ABBREV_END_RE.search(text[max(0, m.end() - 41) : m.end()]):
            return True
    return False


_BARE_TAIL_RE = re.compile(
    r"(?:\s+(?:in|at|on|after|during|to|from|when|while|as|before|outside|inside|with|by|"
    r"of|over|later|earlier|again|recently|yesterday|today|tonight|afterward|afterwards|"
    r"then|repeatedly|flatly|simply|quietly|bluntly)\b.*|\s*,.*|\s*[—–(].*|)$"
)


@lru_cache(maxsize=1024)
def is_bare_attribution(text: str) -> bool:
    """`, she said, ` / ` said Hendrik Bos, who farms potatoes. ` – one attribution clause and
    nothing a reader would take as a new statement ('Smith said the plan would fail')."""
    text = text.strip()
    if len(text) > 300 or not VERB_WORD_RE.search(text):
        return False
    body = text.strip(" ,.:;—–-")
    if not body or len(text.split()) > 40 or _has_sentence_break(body):
        return False
    m = _RIGHT_SUBJ_VERB_RE.match(body)
    if m and parse_subject(m.group("subj"), strict=True) is not None:
        tail = body[m.end() :]
        if _BARE_TAIL_RE.match(tail):
            return True
        if m.group("verb") in {"told", "tells", "tell", "asked", "asks", "urged", "warned"}:
            # "told reporters at a briefing": an object, then the usual circumstances.
            obj = _IS_BARE_ATTRIBUTION_RE.findall(tail)
            for n in range(1, min(4, len(obj)) + 1):
                if _BARE_TAIL_RE.match("".join(obj[n:]) + tail[len("".join(obj)) :]):
                    return True
        return False
    m = _RIGHT_VERB_SUBJ_RE.match(body)
    return bool(m and parse_after_verb(m.group("subj")) is not None)


def right_attribution(text: str, after_sentence: bool = False) -> tuple[Phrase, str, int] | None:
    """The attribution that opens the narrative after a quotation: (subject, verb, end).

    After a quotation that ended its sentence, only a bare attribution counts: in `"...
    model." Ridley's campaign called the figure...` the next sentence is about something else.
    """
    m = _DASH_RE.match(text)
    if m:
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase, "said", m.end()
    if after_sentence:
        clause = _ATTRIBUTION_FOLLOWS_RE.match(text)
        if not clause or not is_bare_attribution(clause.group(0)):
            return None
    m = _RIGHT_VERB_SUBJ_RE.match(text)
    if m and not m.group("verb").endswith("ing"):  # ", noting that …" is not "said Smith"
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None:
            return phrase, m.group("verb"), m.end("verb")
    m = _RIGHT_SUBJ_VERB_RE.match(text)
    if m and len(words(m.group("subj"))) <= 40:
        phrase = parse_subject(m.group("subj"), strict=True)
        if phrase is not None:
            return phrase, m.group("verb"), m.end()
    return None


_LEAD_SUBJ = (
    r"((?:[A-Z][\w’'\-.]*|(?:the|a|an)\b)(?:\s+(?:[A-Z][\w’'\-.]*|[a-z][\w\-]*(?=\s+[A-Z])|"
    r"(?:de|van|von|bin|al|da)\b))*"
    r"(?:\s+(?:" + "|".join(sorted(ORG_NOUNS, key=len, reverse=True)) + r")\b(?![’'\-]))?)"
)
_LEAD_SUBJ_RE = re.compile(r"^\s*" + _LEAD_SUBJ)
_LEAD_SUBJ_AFTER_RE = re.compile(r"^\s*(?:[A-Z][a-z]+\b[^,\x00]{0,60}),\s+" + _LEAD_SUBJ)


def _leading_subject(text: str) -> Phrase | None:
    """The subject that opens a sentence ('He declined…, saying' -> He; 'On Friday, the Harlan
    administration …' -> the Harlan administration)."""
    for pattern in (_LEAD_SUBJ_RE, _LEAD_SUBJ_AFTER_RE):
        m = pattern.match(text)
        if not m:
            continue
        phrase = phrase_from_tokens(words(m.group(1)))
        if phrase is not None and (phrase.kind in {"name", "pronoun"} or phrase.org):
            return phrase
    return None


def left_attribution(text: str) -> tuple[Phrase, str, int] | None:
    """The attribution in the narrative before a quotation, within its sentence: (subject,
    verb, offset of the verb)."""
    verbs = list(VERB_WORD_RE.finditer(text))
    m = _ACCORDING_RE.search(text)
    if m:
        # "According to the news agency, Kim said …": the source is the agency, the speaker
        # is the subject of the reporting verb that follows.
        got = _verb_attribution(text, [vm for vm in verbs if vm.start() > m.start()])
        if got is not None and got[1] != "saying":
            return got
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None:
            return phrase, "said", m.start()
    return _verb_attribution(text, verbs)


def _verb_attribution(text: str, verbs: list[re.Match[str]]) -> tuple[Phrase, str, int] | None:
    """The subject of the last reporting verb in `text` that has one."""
    participle = False
    for vm in reversed(verbs):
        verb = vm.group(0)
        before = text[: vm.start()]
        if verb.endswith("ing"):
            participle = participle or before.rstrip().endswith(",")
            continue  # "…, saying": the subject is the main clause's
        if verb in {"read", "reads"} and not re.search(
            r"\b(?:statement|note|letter|sign|post|message|tweet|banner)\s*$", before
        ):
            continue
        phrase = parse_subject(before)
        if phrase is None:
            after = text[vm.end() :]  # "said Smith:"
            if _LEFT_ATTRIBUTION_RE.match(after) and after.rstrip().endswith((":", ",")):
                phrase = parse_after_verb(after)
        if phrase is not None:
            return phrase, verb, vm.start()
    if participle:
        phrase = _leading_subject(text)
        if phrase is not None:
            return phrase, "saying", 0
    # "Smith was blunt: “…”" – a colon after a clause led by a person.
    if text.rstrip().endswith(":"):
        phrase = _leading_subject(text)
        if phrase is not None:
            return phrase, "said", 0
    return None


# A signature line under a quotation (vox pops, lists): "— Jane Doe, 34, Phoenix", "Jane Doe, a
# nurse from Tucson". Only capitalised name words before the first comma, and no verb anywhere.
_SIGNATURE_RE = re.compile(
    r"^\s*(?P<dash>[—–-]{1,2}\s*)?(?P<name>[A-Z][\w’'\-.]*(?:\s+(?:[A-Z][\w’'\-.]*|"
    r"(?:de|van|von|der|bin|al|da|del|la|le|di|du)(?=\s+[A-Z]))){0,3})"
    r"(?P<rest>(?:,\s*[^,\x00]{1,60}){0,3})\.?\s*$"
)
_AGE_SEGMENT_RE = re.compile(r"^\d{1,3}$")


def signature(text: str) -> Phrase | None:
    """The person a signature line names, with the role it gives ('a nurse from Tucson')."""
    m = _SIGNATURE_RE.match(text)
    if m is None or VERB_WORD_RE.search(text) or len(text.split()) > 16:
        return None
    if not m.group("dash") and (not m.group("rest") or len(m.group("name").split()) < 2):
        return None  # without a dash, "Name, details": a lone word could be anything
    phrase = phrase_from_tokens(words(m.group("name")))
    if phrase is None or phrase.kind != "name" or phrase.org:
        return None
    role = None
    for seg in m.group("rest").split(",")[1:]:
        seg = seg.strip(" .")
        if _AGE_SEGMENT_RE.match(seg):
            continue
        if seg[:1].islower() or seg.split()[0].lower() in {"a", "an", "the"}:
            role = clean_role(seg)  # "a nurse from Tucson", "retired dairy farmer"
        break  # a capitalised segment is a place
    return Phrase("name", phrase.text, role=phrase.role or role, gender=phrase.gender)


def message_attribution(text: str) -> Phrase | None:
    """'That was the message from X.' / 'So said X.' / 'Smith said in an interview.'"""
    body = text.strip().rstrip(".")
    m = _MESSAGE_RE.search(body)
    if m:
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase
    m = _MESSAGE_ATTRIBUTION_RE.match(body)
    if m:
        return parse_after_verb(m.group("subj"))
    m = _RIGHT_SUBJ_VERB_RE.match(body)
    if m and m.group("verb") not in LABEL_VERBS:
        phrase = parse_subject(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase
    return None
