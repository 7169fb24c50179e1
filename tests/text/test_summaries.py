"""Behaviour of the automatic summary and the briefing's bottom line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from generator.text.sentences import split_sentences
from generator.text.summaries import BottomLineInput, BottomLinePoint, bottom_line, summarize

# An inverted-pyramid story: the news first, then detail, quotes and background.
PYRAMID = (
    "The city council voted 7-2 on Tuesday to ban cars from the old town center from next "
    "spring, the biggest change to the city's streets in half a century.",
    "The ban covers 40 streets around the cathedral square and will be enforced with cameras, "
    "with fines of 90 euros for drivers who enter without a permit.",
    "“This is a historic day for everyone who walks or cycles in this city,” said council "
    "member Ana Ribeiro, who proposed the measure.",
    "But shop owners in the center said the ban would drive customers to malls on the edge of "
    "the city.",
    "He added that deliveries would become harder for everyone.",
    "Residents, delivery vans and emergency vehicles will be exempt, and buses will continue "
    "to run on two routes through the area.",
    "Similar bans in other European cities have cut traffic and air pollution in their centers, "
    "although some studies found congestion increased on surrounding roads.",
    "The council will hold public meetings over the summer to decide where to put new parking "
    "garages on the edge of the zone.",
)

# Boilerplate that a scrape leaves above and inside the story.
FURNITURE = (
    "By Jane Doe",
    "Updated 10:42 a.m. ET, Sat November 9, 2024",
    "PORTO, Portugal —",
    "Download the City Times app for the latest local news",
    "Cars queue at the entrance to the old town on Monday. Photo: Rui Costa / Reuters",
)

# A feature: a scene first, the news in the fourth paragraph.
FEATURE = (
    "Every morning at six, Tomas Keller unlocks the door of his bakery and listens for the "
    "hum of the old oven his father bought in 1971.",
    "He kneads the first batch by hand, the way he was taught as a boy, while the street "
    "outside is still dark and quiet.",
    "“The oven is older than me,” Keller said, laughing. “It has more patience, too.”",
    "Small bakeries across the country are closing at the fastest rate in two decades, "
    "with 1,200 shutting last year alone, according to figures published on Monday by the "
    "national bakers' association.",
    "The association blamed energy prices, which have tripled the cost of running an oven, and "
    "a shortage of trained bakers, as fewer young people enter the trade.",
    "It called on the government to extend energy subsidies to small food producers and to "
    "fund apprenticeships for young bakers.",
    "Keller says he will keep baking for as long as the oven keeps working.",
    "Keller's wife, Marta, runs the till and knows every customer by name.",
)


def _sentences(summary: str) -> list[str]:
    return split_sentences(summary)


def _position(paragraphs: tuple[str, ...], sentence: str) -> int:
    text = " ".join(paragraphs)
    index = text.find(sentence)
    assert index >= 0, f"not from the article: {sentence!r}"
    return index


# --- summarize ----------------------------------------------------------------------------


def test_summary_starts_with_the_lead_of_an_inverted_pyramid() -> None:
    summary = _sentences(summarize(PYRAMID))
    assert summary[0] == PYRAMID[0]
    assert 2 <= len(summary) <= 3


def test_summary_is_extractive_and_in_article_order() -> None:
    summary = _sentences(summarize(PYRAMID, sentences=3, max_chars=10_000))
    assert len(summary) == 3
    positions = [_position(PYRAMID, s) for s in summary]
    assert positions == sorted(positions)


def test_summary_avoids_quotes_and_sentences_that_need_context() -> None:
    summary = summarize(PYRAMID, sentences=3, max_chars=10_000)
    assert "historic day" not in summary  # mostly quotation
    assert "But shop owners" not in summary
    assert "He added" not in summary


def test_summary_never_names_someone_by_surname_alone_before_introducing_them() -> None:
    lead = (
        "The port authority approved a plan on Monday to deepen the main shipping channel by "
        "two metres, clearing the way for the largest container ships to call at the port."
    )
    cost = (
        "The work will take three years and cost 400 million euros, with dredging starting "
        "next spring."
    )
    surname = (
        "Solberg said deepening the main shipping channel would let the largest container "
        "ships call at the port at any tide."
    )
    introduced = ("Marit Solberg has been a harbour pilot for 20 years.", surname)
    summary = summarize((lead, cost, *introduced), sentences=2, max_chars=10_000)
    assert "Solberg said" not in summary  # the most central sentence, but who is Solberg?
    # Introduced in a sentence the summary keeps, the surname is fine.
    named_lead = lead.replace("clearing", "as harbour pilot Marit Solberg had urged, clearing")
    summary = summarize((named_lead, surname, cost), sentences=2, max_chars=10_000)
    assert summary.endswith(surname)


def test_summary_skips_boilerplate_at_the_top() -> None:
    summary = summarize(FURNITURE + PYRAMID)
    assert summary.startswith(PYRAMID[0])
    for junk in ("Jane Doe", "Updated", "PORTO", "Download", "Reuters", "Cars queue"):
        assert junk not in summary


def test_summary_strips_a_dateline_from_the_lead() -> None:
    lead = "PORTO, Portugal (AP) — " + PYRAMID[0]
    summary = summarize((lead, *PYRAMID[1:]))
    assert summary.startswith("The city council voted 7-2")


@pytest.mark.parametrize("count", [1, 2, 3])
def test_summary_never_has_more_than_the_requested_sentences(count: int) -> None:
    summary = _sentences(summarize(PYRAMID, sentences=count, max_chars=10_000))
    assert len(summary) == count


@pytest.mark.parametrize("limit", [200, 300, 420, 600])
def test_summary_fits_max_chars(limit: int) -> None:
    summary = summarize(PYRAMID, max_chars=limit)
    assert 0 < len(summary) <= limit
    assert len(_sentences(summary)) >= 1


def test_summary_gives_fewer_sentences_when_the_limit_is_tight() -> None:
    tight = _sentences(summarize(PYRAMID, sentences=3, max_chars=len(PYRAMID[0]) + 5))
    assert tight == [PYRAMID[0]]


def test_summary_cuts_a_single_sentence_longer_than_the_limit() -> None:
    summary = summarize(PYRAMID[:1], max_chars=60)
    assert len(summary) <= 60
    assert summary.endswith("…")
    assert PYRAMID[0].startswith(summary[:-1])


def test_summary_of_a_feature_finds_the_news_after_the_scene() -> None:
    summary = _sentences(summarize(FEATURE))
    assert FEATURE[3] in summary
    assert FEATURE[0] not in summary
    assert not any(s.startswith("Keller's wife") for s in summary)


# A wire-style lead reports what has happened, with no weekday; a later paragraph says "this
# week" about a side issue. The lead is the news.
REPORTED = (
    "Nine coastal towns and the regional harbour authority have signed an agreement to share the "
    "cost of dredging the river mouth, ending a dispute that has kept large ships out of the port "
    "for two years.",
    "The agreement sets out how the dredging bill will be split between the towns and the harbour "
    "authority. It does not say when the work will begin.",
    "Maren Olsen, who chairs the harbour authority, said the towns and the authority had argued "
    "over the dredging bill for too long, and that the port, its ships and the towns would all "
    "gain from the agreement.",
    "Fishing crews have been landing their catch in a neighbouring port since the silt built up.",
    "Some councillors read the agreement this week as a sign that the harbour authority wants the "
    "towns to pay more of the dredging bill over time.",
    "Olsen rejected that reading.",
)

# A feature: a scene, then the news in a sentence that opens "This week,".
VINEYARD = (
    "For three decades, Ana Ruiz has tended the vineyard her grandfather planted on the slopes "
    "above the village, pruning each vine by hand before the frost.",
    "Her mornings start in the dark, with coffee and the radio.",
    "This week, the regional government announced that it would pay growers to replace vines "
    "lost to the drought, a scheme worth 40 million euros over five years.",
    "Growers in the valley have lost a fifth of their vines since 2022, according to the "
    "regional farmers' union.",
    "Ruiz said the money would help, but that the drought scheme came late for many growers.",
    "The regional government said the first payments to growers would be made in the spring.",
)


def test_summary_starts_with_a_lead_that_reports_what_has_happened() -> None:
    summary = _sentences(summarize(REPORTED))
    assert summary[0] == REPORTED[0]
    assert not any("this week" in s for s in summary)


def test_summary_of_a_feature_finds_news_that_opens_with_this_week() -> None:
    summary = _sentences(summarize(VINEYARD))
    assert summary[0] == VINEYARD[2]
    assert VINEYARD[0] not in summary


@pytest.mark.parametrize("paragraphs", [(), ("",), ("   ",), ("By Jane Doe", "Read more")])
def test_summary_of_nothing_is_empty(paragraphs: tuple[str, ...]) -> None:
    assert summarize(paragraphs) == ""


def test_summary_of_one_sentence_is_that_sentence() -> None:
    assert summarize(["The bridge reopened on Friday after two years of repairs."]) == (
        "The bridge reopened on Friday after two years of repairs."
    )


def test_summary_rejects_zero_sentences() -> None:
    with pytest.raises(ValueError):
        summarize(PYRAMID, sentences=0)


# A live blog: headings and timestamps between the entries, the news in its key points.
LIVE = (
    "Here's what you need to know:",
    "Exit polls suggest the Civic Alliance has won the parliamentary election with about 34% of "
    "the vote, ahead of the governing People's Party on about 27%.",
    "No party is expected to win a majority in the 230-seat parliament, meaning weeks of "
    "coalition talks are likely.",
    "10:52 p.m.",
    "Reis concedes",
    "Prime Minister Anton Reis has conceded that his party will not lead the next government.",
    "9:47 p.m.",
    "With 61% of votes counted, the official results broadly match the exit polls.",
)


def test_summary_skips_headings_and_timestamps() -> None:
    summary = _sentences(summarize(LIVE))
    assert summary[0] == LIVE[1]
    for fragment in ("Here's what", "10:52", "9:47", "Reis concedes"):
        assert not any(s.startswith(fragment) for s in summary)


def test_summary_strips_a_source_tag_from_the_lead() -> None:
    summary = summarize(("(CNN) — " + PYRAMID[0], *PYRAMID[1:]))
    assert summary.startswith("The city council voted 7-2")


def test_summary_treats_single_quoted_speech_as_quotation() -> None:
    quote = "'This is the best day this street has had in fifty years,' said Ana Ribeiro."
    paragraphs = (PYRAMID[0], quote, *PYRAMID[5:])
    assert quote not in summarize(paragraphs, sentences=3, max_chars=10_000)


def test_summary_keeps_a_pronoun_sentence_after_the_one_it_leans_on() -> None:
    lead = (
        "A federal jury on Thursday found former fund manager Gregory Hale guilty of fraud for "
        "running an $80 million scheme that left about 1,100 investors with heavy losses."
    )
    faces = "He faces up to 20 years in prison on the most serious charge."
    quotes = (
        "“He told people their money was safe, and he knew it was not,” the prosecutor said.",
        "“We are disappointed and we will appeal,” said Mitchell Brandt, his lawyer.",
    )
    # Right after the sentence that names him, "He faces…" reads fine and carries news.
    assert summarize((lead, faces, *quotes), sentences=2) == f"{lead} {faces}"
    # Away from it, the same sentence does not stand alone and loses to the quotations.
    assert faces not in summarize((lead, *quotes, faces), sentences=2)


def test_summary_fills_the_budget_with_a_sentence_that_fits() -> None:
    # The second sentence is too long for the budget; the third, shorter one still fits.
    long = PYRAMID[1] + " " + PYRAMID[1].replace("The ban covers", "It also covers")
    paragraphs = (PYRAMID[0], long, PYRAMID[5], *PYRAMID[6:])
    limit = len(PYRAMID[0]) + len(PYRAMID[5]) + 10
    summary = _sentences(summarize(paragraphs, max_chars=limit))
    assert summary == [PYRAMID[0], PYRAMID[5]]


def test_summary_of_a_passive_perfect_lead_starts_with_it() -> None:
    found = (
        "A spaniel that went missing three weeks ago has been found alive at the bottom of a "
        "disused quarry 18 miles from where she disappeared.",
        "Bramble vanished while out on a walk with her owner near Ashcombe after chasing a deer "
        "into woodland.",
        "On Tuesday, a walker heard barking coming from the quarry near the village of Holcombe "
        "and called the fire service.",
        "Firefighters used ropes to reach the dog, which was stuck on a ledge 40 feet down.",
    )
    assert _sentences(summarize(found))[0] == found[0]


# --- bottom_line --------------------------------------------------------------------------

NOW = datetime(2024, 6, 3, 12, tzinfo=UTC)

RATES_A = (
    "The central bank raised its main interest rate by half a percentage point to 5.25% on "
    "Thursday, its sharpest increase in a decade.",
    "Governor Helena Marsh said inflation of 7.1% was far too high and that further increases "
    "could not be ruled out.",
    "“We will do what it takes,” Marsh said. “Nobody should doubt that.”",
)
RATES_B = (
    "The central bank on Thursday raised its main interest rate by half a percentage point to "
    "5.25%, its sharpest increase in a decade.",
    "Mortgage lenders said they would pass the increase on to borrowers with variable-rate "
    "loans from next month.",
    "It also said the economy would probably shrink in the second half of the year.",
)
STRIKE = (
    "Dock workers at the country's three largest ports began a 72-hour strike over pay on "
    "Monday, halting most container traffic.",
    "The union is demanding a 10% raise, while port operators have offered 4%.",
    "Sign up for our newsletter to get the week's business news in your inbox.",
    "Shipping companies said dozens of vessels were waiting offshore.",
)
FLOODS = (
    "Heavy rain flooded parts of the northern region on Saturday, forcing 3,000 people from "
    "their homes and closing the main railway line.",
    "Forecasters expect more rain through Tuesday, and the regional government has opened 20 "
    "emergency shelters in schools and sports halls.",
    "Residents wade through a flooded street on Saturday. (AP Photo/Luis Moreno)",
    "“I have never seen water like this,” said one farmer. “It came so fast.”",
)


def _article(key: str, hours_ago: float, paragraphs: tuple[str, ...]) -> BottomLineInput:
    return BottomLineInput(
        key=key,
        date=NOW - timedelta(hours=hours_ago),
        paragraphs=paragraphs,
        summary=summarize(paragraphs),
    )


BRIEFING = (
    _article("rates-a", 30, RATES_A),
    _article("strike", 2, STRIKE),
    _article("rates-b", 26, RATES_B),
    _article("floods", 50, FLOODS),
)


def _source(key: str) -> tuple[str, ...]:
    return next(a.paragraphs for a in BRIEFING if a.key == key)


def test_bottom_line_points_come_from_the_article_they_name() -> None:
    points = bottom_line(BRIEFING)
    assert points
    for point in points:
        assert isinstance(point, BottomLinePoint)
        assert point.text in " ".join(_source(point.key))


def test_bottom_line_keeps_one_of_two_near_identical_sentences() -> None:
    points = bottom_line(BRIEFING, points=5)
    rate_leads = [p for p in points if "half a percentage point to 5.25%" in p.text]
    assert len(rate_leads) == 1


def test_bottom_line_lists_newest_articles_first() -> None:
    points = bottom_line(BRIEFING, points=4)
    dates = {a.key: a.date for a in BRIEFING}
    order = [dates[p.key] for p in points]
    assert order == sorted(order, reverse=True)
    assert points[0].key == "strike"


def test_bottom_line_covers_several_articles() -> None:
    points = bottom_line(BRIEFING, points=4)
    assert len({p.key for p in points}) >= 3


@pytest.mark.parametrize("count", [1, 3, 4, 5])
def test_bottom_line_respects_the_point_count(count: int) -> None:
    points = bottom_line(BRIEFING, points=count)
    assert len(points) == count


def test_bottom_line_points_are_short_standalone_sentences() -> None:
    for point in bottom_line(BRIEFING, points=5):
        assert len(point.text) <= 320
        assert len(split_sentences(point.text)) == 1
        assert not point.text.startswith(("“", "It ", "He ", "But "))
        assert "Sign up" not in point.text
        assert "AP Photo" not in point.text


def test_bottom_line_with_one_article_draws_only_on_it() -> None:
    points = bottom_line([_article("strike", 1, STRIKE)], points=3)
    assert [p.key for p in points] == ["strike"] * len(points)
    assert 2 <= len(points) <= 3
    assert points[0].text == STRIKE[0]
    positions = [_position(STRIKE, p.text) for p in points]
    assert positions == sorted(positions)


def test_bottom_line_uses_a_curated_summary_sentence() -> None:
    curated = "Port operators and the dock workers' union will meet a mediator on Wednesday."
    article = BottomLineInput("strike", NOW, STRIKE, curated)
    points = bottom_line([article], points=4)
    assert curated in [p.text for p in points]


def test_bottom_line_of_nothing_is_empty() -> None:
    assert bottom_line([]) == ()
    assert bottom_line([BottomLineInput("empty", NOW, (), "")]) == ()


def test_bottom_line_rejects_zero_points() -> None:
    with pytest.raises(ValueError):
        bottom_line(BRIEFING, points=0)
