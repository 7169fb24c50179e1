"""People: one identity per person across the site's articles, their quotes grouped by briefing."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.models import Article, Briefing, Quote
from generator.site.people import People, people
from generator.text.quotes.ranking import quote_key


def q(text: str, speaker: str | None, role: str | None = None, paragraph: int | None = 0) -> Quote:
    return Quote(text, speaker, role, paragraph=paragraph, key=quote_key(text))


def art(slug: str, day: int, *quotes: Quote, text: str = "", source: str = "Wire") -> Article:
    return Article(
        path=f"content/articles/{slug}.md",
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        date=datetime(2024, 5, day, tzinfo=UTC),
        source=source,
        url=None,
        authors=(),
        topics=(),
        topic_names=(),
        draft=False,
        body=b"",
        paragraphs=(text,) if text else (),
        summary=None,
        quotes=quotes,
        key_quotes=(),
    )


def brief(slug: str, *articles: str) -> Briefing:
    return Briefing(
        slug=slug,
        title=slug.capitalize(),
        topics=(slug,),
        path=None,
        intro_html="",
        summary=None,
        bottom_line=(),
        order=None,
        articles=articles,
        key_quotes=(),
        sources=(),
        speakers=(),
        updated=None,
    )


def found(*articles: Article, briefings: tuple[Briefing, ...] = ()) -> People:
    newest_first = sorted(articles, key=lambda a: a.date, reverse=True)
    return people(newest_first, briefings)


def names(result: People) -> set[str]:
    return {p.name for p in result.people}


def test_spellings_of_one_full_name_are_one_person() -> None:
    result = found(
        art("a", 1, q("We are ready for both.", "Kim Jong Un", "North Korean leader")),
        art("b", 2, q("Prepare for talks.", "Kim Jong-un"), q("Hold firm.", "Kim Jong-un")),
        art("c", 3, q("A word.", "Mr. Kim Jong Un")),
    )
    (kim,) = result.people
    assert kim.slug == "kim-jong-un"
    assert kim.name == "Kim Jong-un"  # the most frequent spelling
    assert set(kim.names) == {"Kim Jong Un", "Mr. Kim Jong Un"}
    assert kim.quotes == 4 and kim.articles == ("c", "b", "a")


def test_a_bare_surname_or_honorific_is_the_only_full_name_with_it() -> None:
    result = found(
        art("a", 1, q("We are ready for both.", "Kim Jong Un")),
        art("b", 2, q("Dialogue first.", "Kim")),  # never named in full here
        art("c", 3, q("Confrontation too.", "Mr. Kim")),
        art("d", 4, q("Rates will rise.", "Powell")),
        art("e", 5, q("The economy is strong.", "Jerome Powell", "Fed Chair")),
    )
    assert names(result) == {"Kim Jong Un", "Jerome Powell"}
    kim = result.by_slug["kim-jong-un"]
    assert kim.quotes == 3 and set(kim.articles) == {"a", "b", "c"}
    assert result.of("b", "Kim") == result.of("c", "Mr. Kim") == "kim-jong-un"
    assert result.by_slug["jerome-powell"].articles == ("e", "d")


def test_two_people_sharing_a_surname_stay_two_and_a_bare_surname_joins_neither() -> None:
    result = found(
        art("a", 1, q("We are ready.", "Kim Jong Un", "North Korean leader")),
        art("b", 2, q("Anywhere, anytime.", "Sung Kim", "US envoy")),
        art("c", 3, q("Nobody knows what Kim will do.", "Kim")),  # which Kim? neither
    )
    assert names(result) == {"Kim Jong Un", "Sung Kim"}
    assert result.of("c", "Kim") is None
    assert all(p.quotes == 1 for p in result.people)
    assert result.by_slug["sung-kim"].roles == ("US envoy",)


def test_first_names_keep_two_people_with_one_surname_apart() -> None:
    result = found(
        art("a", 1, q("First.", "Jane Doe", "lawyer")),
        art("b", 2, q("Second.", "John Doe", "senator")),
        art("c", 3, q("Third.", "Ms. Doe")),
    )
    assert {(p.name, p.roles) for p in result.people} == {
        ("Jane Doe", ("lawyer",)),
        ("John Doe", ("senator",)),
    }
    assert result.of("c", "Ms. Doe") is None


def test_an_ambiguous_bare_surname_is_the_one_its_article_names_in_full() -> None:
    result = found(
        art("a", 1, q("Ready.", "Kim Jong Un")),
        art("b", 2, q("Anywhere.", "Sung Kim")),
        # Named in full as a speaker of the same article ...
        art("c", 3, q("Talks.", "Sung Kim"), q("Soon.", "Kim")),
        # ... or only in its text.
        art("d", 4, q("Both.", "Kim"), text="Kim Jong Un told a party meeting to prepare."),
    )
    assert result.of("c", "Kim") == "sung-kim"
    assert result.of("d", "Kim") == "kim-jong-un"


def test_organisations_and_unnamed_speakers_have_no_page() -> None:
    result = found(
        art(
            "a",
            1,
            q("Strategic and tactical.", "KCNA"),
            q("Calibrated.", "Biden administration"),
            q("Watching.", "South Korea's unification ministry"),
            q("Unnamed.", None),
            q("Remains elevated.", "Fed"),  # a bare name no full name explains
            q("We note it.", "the ministry"),
            q("Rates up.", "Laura Brenner", "chief economist"),
        )
    )
    assert names(result) == {"Laura Brenner"}


def test_roles_are_distinct_and_most_frequent_first() -> None:
    result = found(
        art("a", 1, q("One.", "Jerome Powell", "Fed Chair")),
        art("b", 2, q("Two.", "Jerome Powell", "Chair")),
        art("c", 3, q("Three.", "Jerome Powell", "chair"), q("Four.", "Jerome Powell")),
    )
    # "Chair" twice (as the newest article spells it), then "Fed Chair"; no role is no role.
    assert result.people[0].roles == ("chair", "Fed Chair")


def test_quotes_grouped_by_briefing_newest_first_with_paragraphs() -> None:
    old = art("old", 1, q("Old words.", "Ana Ruiz", paragraph=4))
    mid = art("mid", 2, q("Middle words.", "Ana Ruiz", paragraph=2))
    new = art(
        "new",
        3,
        q("Later in the text.", "Ana Ruiz", paragraph=6),
        q("Early in the text.", "Ana Ruiz", paragraph=1),
    )
    loose = art("loose", 4, q("In no briefing.", "Ana Ruiz", paragraph=0))
    result = found(
        old, mid, new, loose, briefings=(brief("labour", "new", "old"), brief("ports", "mid"))
    )
    (ana,) = result.people
    assert [g.briefing for g in ana.groups] == [None, "labour", "ports"]
    labour = ana.groups[1]
    assert [s.text for s in labour.quotes] == [
        "Early in the text.",  # the newest article first, in reading order
        "Later in the text.",
        "Old words.",
    ]
    assert [(r.article, r.paragraph) for r in labour.quotes[2].reports] == [("old", 4)]
    assert ana.quotes == ana.reports == 5
    assert ana.latest == loose.date


def test_one_quote_from_several_outlets_is_one_quote_with_every_report() -> None:
    words = "We will strike on Monday."
    result = found(
        art("a", 1, q(words, "Ana Ruiz", paragraph=3), source="Wire"),
        art("b", 2, q(words, "Ana Ruiz", paragraph=1), source="Daily"),
        briefings=(brief("labour", "b", "a"),),
    )
    (ana,) = result.people
    (said,) = ana.groups[0].quotes
    assert [(r.article, r.source, r.paragraph) for r in said.reports] == [
        ("b", "Daily", 1),
        ("a", "Wire", 3),
    ]
    assert ana.quotes == 1 and ana.reports == 2


def test_a_curated_sentence_of_a_longer_quote_is_not_shown_twice() -> None:
    full = "Getting both to sign is an achievement. The harder question is what changes."
    result = found(
        art(
            "a",
            1,
            Quote("Getting both to sign is an achievement.", "Eleanor Shaw", curated=True,
                  key=quote_key("Getting both to sign is an achievement.")),
            q(full, "Eleanor Shaw", paragraph=4),
        )
    )  # fmt: skip
    (shaw,) = result.people
    (said,) = shaw.groups[0].quotes
    assert said.text == full and said.reports[0].paragraph == 4


def test_index_order_and_slugs_are_stable() -> None:
    result = found(
        art("a", 1, q("One.", "Zoe Adams"), q("Two.", "Zoe Adams"), q("Three.", "Bo Li")),
        art("b", 2, q("Four.", "Ann Lee"), q("Five.", "Dragoș Tudorache")),
    )
    assert [p.name for p in result.people] == ["Zoe Adams", "Ann Lee", "Bo Li", "Dragoș Tudorache"]
    assert result.by_slug["dragos-tudorache"].name == "Dragoș Tudorache"


def test_who_is_quoted_links_a_name_only_when_it_is_one_person_throughout() -> None:
    result = found(
        art("a", 1, q("Ready.", "Kim Jong Un"), q("Soon.", "Kim")),
        art("b", 2, q("Anywhere.", "Sung Kim"), q("Later.", "Kim")),
        briefings=(brief("korea", "b", "a"), brief("talks", "a")),
    )
    assert result.in_briefing["korea"] == {"Kim Jong Un": "kim-jong-un", "Sung Kim": "sung-kim"}
    assert result.in_briefing["talks"] == {"Kim Jong Un": "kim-jong-un", "Kim": "kim-jong-un"}
