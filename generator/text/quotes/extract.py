# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Direct quotations in an article: finding them, and who said each one.

The pipeline reads an article the way a reader does, in one pass:

1. pair the quotation marks, replace each quotation by a placeholder, split the narrative left
   ("skeleton") into sentences and join quotations interrupted by their attribution
   (`marks`);
2. find each quotation's attribution words, nearest first: right after it, in the same
   sentence, the sentence before, the next sentence, the previous paragraph (here, with the
   clause patterns of `clauses`);
3. walk the sentences in order, remembering who has been named, so that "he", "the
   researcher" or "Varriale" resolve to the person a reader would name (`reading`).

Judging the quotations found (speech or label, the same quote across outlets, which are key)
is `ranking`'s job; its three functions are re-exported here.

Pure Python and `re`; all patterns are compiled at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.models import Quote
from generator.text.lexicon import LABEL_VERBS, VERB_RE
from generator.text.quotes.clauses import (
    AUX_SEQ,
    VERB_WORD_RE,
    is_bare_attribution,
    left_attribution,
    message_attribution,
    right_attribution,
    signature,
)
from generator.text.quotes.marks import (
    PLACEHOLDER_RE,
    Raw,
    Sentence,
    blank_placeholders,
    merge_splits,
    pair_marks,
    skeletonize,
    split_skeleton,
)
from generator.text.quotes.ranking import (
    TERMINAL_RE,
    is_speech,
    quote_key,
    rank_quotes,
    speechlike,
    word_list,
)
from generator.text.quotes.reading import Attr, read_speakers
from generator.text.quotes.speakers import Phrase, parse_after_verb, parse_subject

__all__ = ["extract_quotes", "is_speech", "quote_key", "rank_quotes"]

# "…, Varriale added." at the end of the sentence that holds a partial quotation.
_TRAILING_RE = re.compile(
    r",\s*(?P<subj>[^,\x00]{1,100}?)\s+" + AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\b[^\x00]{0,80}$"
)
_TRAILING_INV_RE = re.compile(r",\s*(?P<verb>" + VERB_RE + r")\s+(?P<subj>[^\x00]{1,160})$")

# Cues that the quoted words are a name, not speech: titles, nicknames, brands.
_NAMING_RE = re.compile(
    r"\b(?:titled|entitled|title|called|named|nicknamed|dubbed|known as|brand name|headlined|"
    r"headline|slogan|motto|hashtag|book|film|movie|song|album|novel|memoir|series|show|"
    r"play|poem|documentary|podcast|painting|exhibition|opera|musical|so-called|code-named|"
    r"codenamed|operation|word|words|term|phrase|label)\s*$",
    re.IGNORECASE,
)

# A crowd's chant or song: nobody's words in particular, and never a key quote.
_CHANT_RE = re.compile(
    r"\b(?:chant(?:s|ed|ing)?(?:\s+of)?|cr(?:y|ies)\s+of|shouts\s+of|sang|sing(?:ing)?|"
    r"signs?\s+reading|placards?\s+reading)\s*[,:]?\s*$",
    re.IGNORECASE,
)

# Of the naming cues, those that also report what someone called something.
_LABEL_CUE_RE = re.compile(r"\b(?:called|dubbed|word|words|term|phrase|label)\s*$", re.IGNORECASE)
_ATTRIBUTIONS_RE = re.compile(r"\x00\d+[\x01\x02]")
_ATTRIBUTIONS_1_RE = re.compile(r"\x00(\d+)[\x01\x02]")
_CLEAN_TEXT_RE = re.compile(r"\s+")
_CLEAN_TEXT_1_RE = re.compile(r"\s+([,.!?;:])")
_KEEP_UNATTRIBUTED_RE = re.compile(r"[.!?:]\s*$|[.!?]\s*\x00\d+\x02\s*$")
_KEEP_UNATTRIBUTED_1_RE = re.compile(r",\s*$")
_CARRIED_SPEAKER_RE = re.compile(r"[.!?]\s+[A-Z][^\x00]*[.!?]$")

# A congressional party-state tag, "(D-Wis.)", "(R-N.Y.)", "(I)": neither name nor role, and
# it stands between the name and the verb, so the narrative is read without it.
_PARTY_TAG_RE = re.compile(
    r"\s*\((?:D|R|I|Ind|Dem|Rep)(?:\s*[-–]\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\)"
)


def _sentence_subject(text: str) -> tuple[Phrase, int] | None:
    """The subject of a narrative sentence that reports speech ('He added that …') and the
    offset of its verb: names in the reported clause come after it and do not count."""
    text = blank_placeholders(text)
    vm = VERB_WORD_RE.search(text)
    if vm is None or vm.group(0) in LABEL_VERBS:
        return None
    phrase = parse_subject(text[: vm.start()])
    return None if phrase is None else (phrase, vm.start())


def _attributions(sentences: list[Sentence], raws: list[Raw], alive: set[int]) -> dict[int, Attr]:
    """The attribution of each quotation still standing, by its id: the nearest one found."""
    where: dict[tuple[int, str], tuple[int, int, int]] = {}  # (q, kind) -> (sentence, start, end)
    for s, sent in enumerate(sentences):
        for m in PLACEHOLDER_RE.finditer(sent.text):
            where[(int(m.group(1)), m.group(2))] = (s, m.start(), m.end())
    found: dict[int, Attr] = {}
    chants: set[int] = set()
    order = sorted((q for q in alive if (q, "\x01") in where), key=lambda q: where[(q, "\x01")])
    for q in order:
        s0, a0, _ = where[(q, "\x01")]
        s1, _, b1 = where.get((q, "\x02"), where[(q, "\x01")])
        left_full = sentences[s0].text[:a0]
        left = _ATTRIBUTIONS_RE.split(left_full)[-1]
        right_full = sentences[s1].text[b1:]
        right = right_full.split("\x00")[0]
        if _NAMING_RE.search(left.rstrip(" ,:")) and not _LABEL_CUE_RE.search(left.rstrip(" ,:")):
            continue  # a title or a name ("the brand name 'Helios'"), whoever said it
        if _CHANT_RE.search(left[-40:]):
            chants.add(q)
            continue
        ended = (
            bool(TERMINAL_RE.search(raws[q].text.rstrip()))
            and raws[q].text.rstrip()[-1:] not in "?!"
        )
        got = right_attribution(right, after_sentence=ended)
        if got is not None and raws[q].text[:1].islower() and left.strip():
            # "X called for 'calm', state media reported": the fragment is X's.
            early = left_attribution(left)
            if early is not None:
                base = len(left_full) - len(left)
                found[q] = Attr(early[0], s0, base + early[2], early[1] in LABEL_VERBS)
                continue
        if got is not None:
            phrase, verb, end = got
            found[q] = Attr(phrase, s1, b1 + end, verb in LABEL_VERBS)
            continue
        # A partial quotation inside a reported clause belongs to that clause's subject
        # ("Kim called for 'dialogue', state media reported" is Kim's phrase).
        early = left_attribution(left) if left.strip() else None
        if early is not None:
            base = len(left_full) - len(left)
            found[q] = Attr(early[0], s0, base + early[2], early[1] in LABEL_VERBS)
            continue
        tail = PLACEHOLDER_RE.split(right_full)[-1] if "\x00" in right_full else right
        tail = tail.rstrip()
        m = _TRAILING_RE.search(tail)
        if m and (p := parse_subject(m.group("subj"), strict=True)) is not None:
            found[q] = Attr(p, s1, len(sentences[s1].text), m.group("verb") in LABEL_VERBS)
            continue
        m = _TRAILING_INV_RE.search(tail)
        if m and m.group("verb").endswith("ing"):
            m = None  # ", noting that …": a participle clause, not "said Smith"
        if m and (p := parse_after_verb(m.group("subj"))) is not None:
            found[q] = Attr(p, s1, len(sentences[s1].text), m.group("verb") in LABEL_VERBS)
            continue
        got2 = left_attribution(left)
        base = len(left_full) - len(left)
        prev = [int(x) for x in _ATTRIBUTIONS_1_RE.findall(left_full)]
        if got2 is None and prev:
            # A later quotation in the sentence shares the earlier one's attribution
            # ('called him a "dictator" and a "thug"'), or one before it ('She said orders
            # for the accelerator "Helios" had "exceeded…"').
            if prev[-1] in found and found[prev[-1]].sentence == s0:
                found[q] = found[prev[-1]]
                continue
            got2 = left_attribution(PLACEHOLDER_RE.sub(" it ", left_full))
            base = 0
        if got2 is None and not left_full.strip() and s0 > 0:
            # The paragraph before ends "He wrote:" and this one is the quotation.
            prev_s = sentences[s0 - 1]
            if prev_s.para == sentences[s0].para - 1 and prev_s.text.rstrip().endswith(":"):
                body = _ATTRIBUTIONS_RE.split(prev_s.text)[-1]
                got3 = left_attribution(body)
                if got3 is not None and not PLACEHOLDER_RE.search(prev_s.text):
                    found[q] = Attr(got3[0], s0 - 1, len(prev_s.text), got3[1] in LABEL_VERBS)
                    continue
        if got2 is not None:
            found[q] = Attr(got2[0], s0, base + got2[2], got2[1] in LABEL_VERBS)
    # Whole-sentence quotations: the reporting sentence just before or after, same paragraph.
    for q in order:
        if q in found or q in chants:
            continue
        s0, a0, _ = where[(q, "\x01")]
        s1, _, b1 = where.get((q, "\x02"), where[(q, "\x01")])
        if sentences[s0].text[:a0].strip() or sentences[s1].text[b1:].strip(" .!?"):
            continue
        sig = s1 + 1
        if (
            sig < len(sentences)
            and sentences[sig].para == sentences[s1].para + 1
            and (sig + 1 == len(sentences) or sentences[sig + 1].para != sentences[sig].para)
            and "\x00" not in sentences[sig].text
            and (got5 := signature(sentences[sig].text)) is not None
        ):
            # A quotation paragraph signed by the next one: "— Jane Doe, 34, Phoenix".
            found[q] = Attr(got5, sig, 0)
            continue
        prev = s0 - 1
        if prev >= 0 and sentences[prev].para == sentences[s0].para - 1:
            # A paragraph that is only a quotation, after one that ends by reporting what
            # someone said: "Brook said the North had held back." / "“For most of …”"
            if not _quotes_in(sentences[prev].text):
                subj = _sentence_subject(sentences[prev].text)
                if subj is not None and subj[0].kind != "desc" and not subj[0].org:
                    found[q] = Attr(subj[0], prev, subj[1])
                    continue
        elif prev >= 0 and sentences[prev].para == sentences[s0].para:
            before = _quotes_in(sentences[prev].text)
            if not before:
                subj = _sentence_subject(sentences[prev].text)
                if subj is not None and subj[0].kind != "desc":
                    found[q] = Attr(subj[0], prev, subj[1])
                    continue
            elif before[-1] in found and found[before[-1]].sentence == prev:
                found[q] = found[before[-1]]  # "…, Varriale added. “North Korea is …”"
                continue
        nxt = s1 + 1
        if nxt < len(sentences) and sentences[nxt].para == sentences[s1].para:
            text = sentences[nxt].text
            if "\x00" not in text:
                got4 = message_attribution(text)
                if got4 is not None:
                    found[q] = Attr(got4, nxt, len(text))
    return found


def _quotes_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in PLACEHOLDER_RE.finditer(text)]


def _clean_text(text: str) -> str:
    text = _CLEAN_TEXT_RE.sub(" ", text).strip()
    text = _CLEAN_TEXT_1_RE.sub(r"\1", text)
    return text.rstrip(",;:").rstrip() if text.endswith((",", ";", ":")) else text


def extract_quotes(paragraphs: Sequence[str]) -> tuple[Quote, ...]:
    """Every direct quotation of speech, reading order, curated=False, paragraph=index where
    it starts.

    Scare quotes, titles and nicknames are left out unless the text attributes them to a
    speaker ("Biden called him a 'thug'"); `is_speech` tells those apart afterwards.
    """
    # The same attribution clause is tested from several places; remember the answers for
    # this article only (a pure function, so the cache is an optimisation, not state).
    is_bare_attribution.cache_clear()
    paragraphs = [p.replace("\u00a0", " ") for p in paragraphs]
    raws = pair_marks(paragraphs)
    if not raws:
        return ()
    skeletons = skeletonize(paragraphs, raws)
    skeletons = [_PARTY_TAG_RE.sub("", s) if "(" in s else s for s in skeletons]
    skeletons = merge_splits(skeletons, raws)
    alive = {q for q in range(len(raws))} - {b for r in raws for b in r.joined}
    sentences: list[Sentence] = []
    for p, skel in enumerate(skeletons):
        sentences += split_skeleton(skel, p, raws)
    attrs = _attributions(sentences, raws, alive)
    speakers = read_speakers(sentences, attrs)
    last_in_para: dict[int, int] = {}
    out: list[tuple[int, Quote]] = []
    for q in sorted(alive, key=lambda i: (raws[i].start_para, raws[i].start)):
        raw = raws[q]
        text = _clean_text(raw.text)
        if not word_list(text):
            continue
        attr = attrs.get(q)
        speaker, role = speakers.get(q, (None, None))
        if attr is None:
            if not _keep_unattributed(q, raw, text, skeletons):
                continue
            speaker, role = _carried_speaker(q, raw, skeletons, raws, speakers, attrs)
        elif speaker is None and not speechlike(text):
            continue  # "what opponents called a 'budget hole'": a label with nobody behind it
        last_in_para[raw.end_para] = q
        out.append((q, Quote(text, speaker, role, False, raw.start_para)))
    return tuple(quote for _, quote in out)


def _keep_unattributed(q: int, raw: Raw, text: str, skeletons: list[str]) -> bool:
    """An unattributed quotation is kept only if it reads as speech, not as a label."""
    if not speechlike(text):
        return False
    skel = skeletons[raw.start_para]
    at = skel.find(f"\x00{q}\x01")
    before = skel[:at]
    if _NAMING_RE.search(before.rstrip(" ,:")) or _NAMING_RE.search(before.rstrip(" ,:a")):
        return False
    if _CHANT_RE.search(before[-40:]) and "\x00" not in before[-40:]:
        return False
    starts_sentence = not before.strip() or _KEEP_UNATTRIBUTED_RE.search(before)
    if _KEEP_UNATTRIBUTED_1_RE.search(before) and text[:1].isupper():
        starts_sentence = True  # 'One note read, "Thank you …"'
    # A fragment embedded in narrative with nobody saying it is a label.
    return bool(starts_sentence) or (text[:1].isupper() and len(word_list(text)) >= 8)


def _carried_speaker(
    q: int,
    raw: Raw,
    skeletons: list[str],
    raws: list[Raw],
    speakers: dict[int, tuple[str | None, str | None]],
    attrs: dict[int, Attr],
) -> tuple[str | None, str | None]:
    """A paragraph that is only a quotation continues the previous paragraph's speaker."""
    skel = skeletons[raw.start_para]
    if not skel.lstrip().startswith(f"\x00{q}\x01") or raw.start_para == 0:
        return None, None
    prev = skeletons[raw.start_para - 1].rstrip()
    ids = _quotes_in(prev)
    if not ids:
        return None, None
    last = ids[-1]
    tail = prev[prev.rfind("\x00") :]
    # The previous paragraph must end with that quotation's own sentence.
    if _CARRIED_SPEAKER_RE.search(tail) or last not in attrs:
        return None, None
    return speakers.get(last, (None, None))
