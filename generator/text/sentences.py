"""Sentence splitting and boilerplate detection for scraped news text.

Both work on shapes, not on lists of outlets: a period is a boundary unless the word before it
looks like an abbreviation, an initial or a list number; a line is boilerplate when it has the
form of a promotion, a credit, a byline or a dateline.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Sentence splitting ----------------------------------------------------------------------

# Titles are always followed by a name, so a period after them never ends a sentence.
_TITLES = _words(
    "mr mrs ms mx dr prof gov sen rep gen lt col sgt capt cmdr adm maj cpl pvt rev hon pres "
    "supt det insp messrs rt fr st mt ft atty asst dept"
)
# Abbreviations that introduce a number ("No. 1", "Aug. 15", "Fig. 3").
_BEFORE_NUMBER = _words(
    "no nos vol fig figs pp art sec ch op jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# Never a boundary, whatever follows.
_NEVER_END = _words("vs v cf approx e.g i.e viz")
# Can end a sentence ("... Apple Inc. The company ...") but usually does not.
_MAY_END = _words("inc corp co ltd plc bros jr sr al llp")
# Time zones and the like that follow "a.m."/"p.m." inside a sentence.
_AFTER_TIME = _words(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST UTC CET CEST JST KST IST AEST AEDT "
    "Eastern Central Mountain Pacific Greenwich"
)
# Capitalised words that commonly open a sentence; after an ambiguous abbreviation such as
# "U.S." or "Inc." they are the evidence that a new sentence has begun.
_STARTERS = _words(
    "The A An He She It They We I You His Her Its Their Our My This That These Those There In "
    "On At But And So Yet Or If When While After Before As For With Some Many Most All Both "
    "Each What Why How Who Where Meanwhile However Still Also Then Now Today Yesterday Last "
    "Next According Since Despite Although Though Officials Police Analysts"
)
_SPEECH_VERBS = (
    "said|says|asked|asks|shouted|told|wrote|writes|added|replied|yelled|cried|insisted|"
    "tweeted|posted|exclaimed|declared|continued|recalled|warned|joked|whispered"
)

_TERMINAL = re.compile(r"(?:\.\.\.|[.!?…])+[\"'”\u2019)\]»]*")
_CLOSERS = "\"'”\u2019)]»"
_OPENERS = "\"'“\u2018([«"
_PREV_TOKEN = re.compile(r"[\w.&'\u2019-]+$")
_NEXT_WORD = re.compile(r"[\"'“\u2018(\[«]*([\w'\u2019.-]+)")
_LIST_NUMBER = re.compile(r"(?:^|[:;]\s*|\n\s*)\(?\d{1,2}$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A quoted exclamation or question followed by its attribution stays one sentence:
# “Stop!” Smith shouted.
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w'\u2019.-]*\s+){{1,3}}(?:{_SPEECH_VERBS})\b|(?:he|she|they|I|we)\s+(?:{_SPEECH_VERBS})\b"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]'\u2019]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|uk|de|fr|info|ai|app|news|tv)\b(?:/\S*)?",
    re.IGNORECASE,
)
_MAYBE_URL = re.compile(r"@|://|www\.|[a-z]\.[a-z]{2}", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A line break matters only before a list item or bullet; elsewhere it is wrapping.
_LIST_LINE = re.compile(r"\n(?=\s*(?:\d{1,2}[.)]|[-*•▪\u2013])\s)")
_SPACE = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences, keeping their text (whitespace collapsed)."""
    sentences: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")):
        for line in _LIST_LINE.split(block):
            sentences.extend(_split_block(line))
    return sentences


def _split_block(text: str) -> list[str]:
    protected = [m.span() for m in _URL.finditer(text)] if _MAYBE_URL.search(text) else []
    pieces: list[str] = []
    start = 0
    for match in _TERMINAL.finditer(text):
        end = match.end()
        if any(a <= match.start() < b for a, b in protected):
            continue
        if _is_boundary(text, start, match):
            pieces.append(text[start:end])
            start = end
    pieces.append(text[start:])
    return [s for s in (_SPACE.sub(" ", p).strip() for p in pieces) if s]


def _is_boundary(text: str, sentence_start: int, match: re.Match[str]) -> bool:
    rest = text[match.end() :]
    after = rest.lstrip()
    if not after:
        return True
    punct = match.group().rstrip(_CLOSERS)
    prev = _prev_token(text, match.start())
    if len(after) == len(rest):
        return _is_glued_boundary(punct, prev, after)
    if not (after[0].isupper() or after[0].isdigit() or after[0] in _OPENERS):
        return False  # "“Why?” she asked", "a.m. local time"
    if after[0] in _OPENERS and not _opens_sentence(after):
        return False
    if "!" in punct or "?" in punct:
        quoted = len(match.group()) > len(punct)
        return not (quoted and _ATTRIBUTION.match(after))
    if punct != ".":
        return True  # ellipsis before a capital
    return _period_ends_sentence(text[sentence_start : match.start()], prev, after)


def _opens_sentence(after: str) -> bool:
    stripped = after.lstrip(_OPENERS)
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def _prev_token(text: str, end: int) -> str:
    found = _PREV_TOKEN.search(text, 0, end)
    return found.group().lstrip(".'\u2019-") if found else ""


def _next_word(after: str) -> str:
    found = _NEXT_WORD.match(after)
    return found.group(1).rstrip(".,;:") if found else ""


def _is_glued_boundary(punct: str, prev: str, after: str) -> bool:
    """Scraped text drops spaces: "reported.He said" is two sentences, "3.5" and "U.S." not."""
    if punct not in {".", "!", "?"} or not re.search(r"[a-z]{2}$", prev) or "." in prev:
        return False
    if prev.lower() in _TITLES or prev.lower() in _MAY_END or prev.lower() in _BEFORE_NUMBER:
        return False
    return bool(re.match(r"[\"“\u2018(]?[A-Z][A-Za-z]", after))


def _period_ends_sentence(sentence: str, prev: str, after: str) -> bool:
    word = _next_word(after)
    low = prev.lower()
    if _DOTTED.fullmatch(prev):
        if low in {"a.m", "p.m"}:
            return word not in _AFTER_TIME
        if low in _NEVER_END:
            return False
        return word in _STARTERS  # "the U.S. Army" vs "in the U.S. The"
    if len(prev) == 1 and prev.isalpha():
        return prev.islower() or word in _STARTERS  # "George W. Bush", "Plan B. The"
    if low in _NEVER_END:
        return False
    if low in _TITLES and prev[0].isupper():
        return False
    if low in _BEFORE_NUMBER and word[:1].isdigit():
        return False
    if low in _MONTHS:
        return word in _STARTERS
    if low in _MAY_END:
        return word in _STARTERS
    # "1. Wash hands.": a number alone at the start of a sentence is a list marker.
    return not (prev.isdigit() and _LIST_NUMBER.search(sentence.strip()))


# --- Boilerplate ------------------------------------------------------------------------------

_PLATFORMS = (
    r"(?i:twitter|x|facebook|instagram|tiktok|threads|linkedin|youtube|bluesky|mastodon|"
    r"telegram|whatsapp|snapchat|google news|apple news|flipboard)"
)
_NAME = r"[A-Z][\w.'\u2019&-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|van|von|der|da|di|al|bin|la|le))*"

# Forms that open the line (matched at its start).
_OPENING_FORMS = (
    # App, newsletter and social promotions: an imperative plus a promotional object.
    r"(?i:download|get|install|try|open)\b[^.!?]{0,80}?\b(?i:apps?)\b",
    r"(?i:sign up|subscribe|register|join|opt in)\b[^.!?]{0,100}?\b(?i:newsletters?|alerts?|"
    r"briefings?|podcasts?|emails?|inbox|updates|digest|channel|mailing list|for free)\b",
    rf"(?i:follow|like|find|join)\s+(?:(?i:us)|@\w+|{_NAMES})\s+(?i:on)\s+{_PLATFORMS}\b",
    r"(?i:(?:read|see|watch|listen|view|explore)\s+(?:more|also|next|now|the full|our full|"
    r"our|the latest|related)\b(?=\s*(?:[:|\-\u2013—]|$|\s+(?:about|at|on|from|in|here|stories|"
    r"coverage|news|articles?|videos?|podcasts?)\b)))",
    r"(?i:(?:read more|related|recommended|more on this|more from|also read|see also|"
    r"trending|latest|watch|listen|video|advertisement|sponsored|editor'?s picks?|"
    r"must read|don'?t miss)\s*[:|\u2013—-])",
    r"(?i:(?:read more|continue reading|advertisement|sponsored(?: content)?|story continues"
    r"(?: below)?(?: advertisement)?|scroll to continue(?: with content)?|skip advertisement|"
    r"share this (?:article|story)|share on \w+|comments?|print|email|listen to this article|"
    r"(?:show|hide|toggle|expand) caption|enlarge this image|image \d+ of \d+|\d+ of \d+|"
    r"\d+\s*min(?:ute)?s?\s+read)\W*$)",
    # Copyright notices.
    r"(?i:©|\(c\)\s|copyright\b)",
    # Photo captions and credits.
    r"(?i:(?:photo(?:graph)?s?|images?|pictures?|credits?|illustrations?|videos?|graphics?|"
    r"source|caption|image caption|media caption|photo credit|file photo|top image|main image|"
    r"pictured|above|below|left|right|top|bottom)\s*(?:credit)?\s*:)",
    r"(?i:(?:image|media|video) caption\b)",
    # Bylines and timestamps.
    rf"(?i:by)\s+{_NAMES}(?:(?:,\s*|\s+(?i:and)\s+|\s*&\s*){_NAMES})*\W*$",
    r"(?i:(?:updated|published|posted|last updated|first published|originally published)"
    r"(?::|\s+on|\s+at)?\s+(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec)\w*\b)(?!.*\b(?:the|an?|that|was|is|were|has|have|will)\s))",
    # Datelines standing alone: "SEOUL, South Korea —", "WASHINGTON (Reuters) -".
    r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s*[\w.'\u2019 ]{1,40})?"
    r"(?:\s*\([\w .]+\))?\s*[—\u2013-]{1,2}\s*$",
)
# Forms found anywhere in the line.
_INNER_FORMS = (
    r"(?i:\b(?:delivered|sent|straight|directly|right) to your inbox\b)",
    r"(?i:\bfollow us\b)",
    r"(?i:\b(?:click|tap) (?:here|this link|the link|below)\b)",
    r"(?i:\bthis (?:article|story|content) (?:is|was) (?:sponsored|brought to you|paid for)\b)",
    r"(?i:\ball rights reserved\b)",
    r"(?i:\bmay not be (?:published|reproduced|redistributed|rewritten)\b)",
    r"\b(?i:photos?)\s*/\s*[A-Z]",
    r"(?:^|[.;|]\s*)(?i:photo(?:graph)?s?|illustration|image)\s+(?i:by|courtesy of)\s+[A-Z]",
    # Contribution and wire credits.
    r"(?i:\b(?:contributed|added|additional)\s+(?:reporting|research)\s+(?:to|for) this\b)",
)
# Forms that close the line: checked on its tail only, which keeps long sentences cheap.
_CLOSING_FORMS = (
    r"\([^()]*\b(?i:photo|photograph|pool|file|handout|courtesy)\b[^()]*\)\W*$",
    r"(?i:\bcontributed\s+(?:additional\s+)?(?:reporting|research|to this (?:report|story|"
    r"article))\b[^.]{0,60}\.?\W*$)",
)
_OPENING = re.compile("^(?:" + "|".join(_OPENING_FORMS) + ")")
_INNER = re.compile("|".join(_INNER_FORMS))
# Every inner form contains one of these words: a sentence without any skips the slow search.
_INNER_WORDS = (
    "inbox",
    "follow us",
    "click ",
    "tap ",
    "this article",
    "this story",
    "this content",
    "rights reserved",
    "may not be",
    "photo",
    "illustration",
    "image",
    "reporting",
    "research",
)
_CLOSING = re.compile("|".join(_CLOSING_FORMS))
_TAIL = 120
# Credit lines: "... by/: NAMES" with nothing but names, connectors and "Editing by" after.
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?i:additional\s+)?(?i:reporting|writing|editing|research|compiled|edited|written|"
    r"produced|graphics|video|text)\s+(?i:by)\s+(?P<rest>.+?)\)?\W*$"
)
_CREDIT_CONNECTORS = _words(
    "and in from with for de van der von al la le the by editing writing reporting additional "
    "research graphics video"
)
# A caption ends with its credit and no terminal period: "... / AP", "via Getty Images".
_CREDIT_TAIL = re.compile(
    rf"(?:(?:/|\bvia\b)\s*{_NAME}(?:\s+{_NAME})*"
    rf"|\b{_NAME}\s+Images"
    rf"|\bfor\s+(?:The\s+)?{_NAME}(?:\s+{_NAME}){{0,3}}"
    rf"|(?:^|\s)\(\s*{_NAMES}\s*\))\s*\)?$"
)
_LABEL_FRAGMENT = re.compile(rf"^{_NAME}(?:\s+{_NAME}){{0,3}}$")
_TERMINAL_END = re.compile(r"[.!?…][\"'”\u2019)\]]*$")


def is_boilerplate(sentence: str) -> bool:
    """True for promotions, credits, captions, bylines, datelines and similar page furniture.

    Works on one sentence or on a whole short paragraph: a paragraph whose last sentence is a
    credit is a photo caption, and a paragraph made only of boilerplate is boilerplate.
    """
    return not content_sentences(sentence)


def content_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences that are not boilerplate; none if the paragraph is a caption
    or otherwise furniture as a whole."""
    parts = split_sentences(paragraph)
    if not parts:
        return []
    flags = [_is_boilerplate_sentence(p) for p in parts]
    if all(flags):
        return []
    short = len(parts) <= 3 and sum(map(len, parts)) <= 400
    if short and (_is_credit(parts[-1]) or (flags[0] and len(parts) == 2 and len(parts[1]) < 40)):
        return []  # a caption ending in its credit, or a promotion with a short tail
    return [p for p, flag in zip(parts, flags, strict=True) if not flag]


def _is_boilerplate_sentence(text: str) -> bool:
    tail = text[-_TAIL:]
    if _OPENING.match(text) or _CLOSING.search(tail):
        return True
    folded = text.casefold()
    if any(word in folded for word in _INNER_WORDS) and _INNER.search(text):
        return True
    return _is_credit(text) or _is_credit_line(text) or _is_label(text)


def _is_credit(text: str) -> bool:
    tail = text[-_TAIL:]
    return not _TERMINAL_END.search(tail) and bool(_CREDIT_TAIL.search(tail))


def _is_credit_line(text: str) -> bool:
    found = _CREDIT_LINE.match(text)
    if not found:
        return False
    words = re.findall(r"[^\s;,/&()]+", found.group("rest"))
    return all(w[0].isupper() or w.lower() in _CREDIT_CONNECTORS for w in words)


def _is_label(text: str) -> bool:
    """A few capitalised words with no punctuation ("Associated Press") carry no statement."""
    return _LABEL_FRAGMENT.match(text) is not None


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\u2019-]{2,}(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s*[\w.'\u2019 ]{1,40}?)?"
    r"(?:\s*\([\w .]+\))?\s*[—\u2013-]{1,2}\s+(?=\S)"
)


def strip_dateline(sentence: str) -> str:
    """Drop a leading wire dateline ("SEOUL, South Korea (AP) — ") from a sentence."""
    return _DATELINE.sub("", sentence, count=1)
