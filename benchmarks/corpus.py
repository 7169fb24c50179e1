"""A deterministic, news-like corpus for build benchmarks, written for briefings, Hugo or Pelican.

    python benchmarks/corpus.py --articles 5000 --out DIR [--flavor briefings|hugo|pelican]

Every article is generated from its own random stream seeded with (seed, index), so a corpus of
1,000 articles is exactly the first 1,000 of a corpus of 5,000 and the three flavours hold the
same text. Bodies are 600-900 words of template sentences with numbers, names, direct quotes in
varied attribution styles, links, a bullet list and a subheading: enough variety that Markdown
parsing, quote extraction and summaries do realistic work.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

MARKER = ".benchmark-corpus"  # only folders carrying it are ever replaced
HUGO_LAYOUTS = Path(__file__).resolve().parent / "peers" / "hugo" / "layouts"
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 730 * 24 * 3600  # two years of news
SITE_TITLE = "Benchmark Briefings"
SITE_AUTHOR = "The benchmark desk"
SITE_DESCRIPTION = "A generated corpus of news articles for build-speed benchmarks."

# --- Vocabulary -----------------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


OUTLETS = (
    ("The Harbour Courier", "harbourcourier.com"),
    ("Daily Meridian", "dailymeridian.net"),
    ("The Northern Ledger", "northernledger.co.uk"),
    ("Capital Wire", "capitalwire.com"),
    ("The Evening Standardbearer", "standardbearer.org"),
    ("Global Dispatch", "globaldispatch.com"),
    ("The Riverside Post", "riversidepost.com"),
    ("Market Observer", "marketobserver.com"),
    ("The Civic Record", "civicrecord.org"),
    ("Pacific Review", "pacificreview.com"),
    ("The Continental", "thecontinental.eu"),
    ("Metro Herald", "metroherald.com"),
    ("The Weekly Compass", "weeklycompass.com"),
    ("Signal News", "signalnews.io"),
    ("The Atlas Journal", "atlasjournal.com"),
    ("Frontline Report", "frontlinereport.net"),
    ("The Lantern", "thelantern.news"),
    ("Coastline Times", "coastlinetimes.com"),
    ("The Summit Gazette", "summitgazette.com"),
    ("Bulletin International", "bulletin-intl.com"),
)

# topic slug: (subjects it is about, actors that act on it)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "central-banks": (
        ("interest rates", "the policy rate", "bond yields"),
        ("the central bank", "the monetary policy committee"),
    ),
    "inflation": (
        ("consumer prices", "core inflation", "food prices"),
        ("the statistics office", "the finance ministry"),
    ),
    "climate-talks": (
        ("emissions targets", "climate finance", "the coal phase-down"),
        ("the summit presidency", "the negotiating bloc"),
    ),
    "elections": (
        ("the vote count", "turnout", "the opposition campaign"),
        ("the electoral commission", "the governing party"),
    ),
    "ai-regulation": (
        ("the AI rules", "model testing requirements", "copyright obligations"),
        ("the digital regulator", "the European Commission"),
    ),
    "housing": (
        ("house prices", "rents", "mortgage approvals"),
        ("the housing ministry", "the city council"),
    ),
    "energy": (
        ("gas prices", "power supplies", "the grid"),
        ("the energy regulator", "the grid operator"),
    ),
    "labour": (
        ("wages", "the strike", "union membership"),
        ("the union", "the employers' federation"),
    ),
    "trade": (
        ("tariffs", "export volumes", "the trade deal"),
        ("the trade ministry", "the customs agency"),
    ),
    "public-health": (
        ("hospital admissions", "vaccination rates", "waiting lists"),
        ("the health ministry", "the hospital trust"),
    ),
    "space": (
        ("the launch schedule", "the lunar mission", "satellite contracts"),
        ("the space agency", "the launch provider"),
    ),
    "technology": (
        ("chip supplies", "cloud revenue", "the smartphone market"),
        ("the company", "its largest rival"),
    ),
    "transport": (
        ("rail services", "fares", "the new metro line"),
        ("the transport authority", "the rail operator"),
    ),
    "education": (
        ("exam results", "teacher pay", "school funding"),
        ("the education ministry", "the teachers' union"),
    ),
    "wildfires": (
        ("the fire front", "evacuation orders", "the burned area"),
        ("the fire service", "the regional government"),
    ),
    "agriculture": (
        ("grain harvests", "fertiliser costs", "farm subsidies"),
        ("the farmers' association", "the agriculture ministry"),
    ),
    "banking": (
        ("bank profits", "deposit flows", "capital rules"),
        ("the lender", "the bank supervisor"),
    ),
    "diplomacy": (
        ("the ceasefire talks", "the sanctions regime", "the peace plan"),
        ("the foreign ministry", "the mediators"),
    ),
    "defence": (
        ("military spending", "the procurement programme", "troop deployments"),
        ("the defence ministry", "the alliance"),
    ),
    "migration": (
        ("asylum applications", "border crossings", "work visas"),
        ("the interior ministry", "the refugee agency"),
    ),
    "courts": (
        ("the appeal", "the ruling", "the class action"),
        ("the supreme court", "the prosecutors"),
    ),
    "football": (
        ("the title race", "transfer spending", "the new stadium"),
        ("the club", "the league"),
    ),
    "science": (
        ("the research budget", "the clinical trial", "the new telescope"),
        ("the research council", "the laboratory"),
    ),
    "oceans": (
        ("fish stocks", "marine heatwaves", "the deep-sea mining plan"),
        ("the fisheries authority", "the maritime agency"),
    ),
    "biodiversity": (
        ("species loss", "the protected areas", "pollinator numbers"),
        ("the environment agency", "conservation groups"),
    ),
    "water": (
        ("reservoir levels", "sewage discharges", "water bills"),
        ("the water company", "the water regulator"),
    ),
    "cities": (
        ("the low-traffic zone", "the housing plan", "public transport"),
        ("the mayor's office", "the planning committee"),
    ),
    "pensions": (
        ("the retirement age", "pension payments", "the state pension fund"),
        ("the pensions ministry", "the pension fund"),
    ),
    "taxes": (
        ("corporate tax", "the windfall levy", "income tax thresholds"),
        ("the treasury", "the tax authority"),
    ),
    "budget": (
        ("public spending", "the deficit", "borrowing costs"),
        ("the treasury", "the budget office"),
    ),
    "retail": (
        ("high-street sales", "online orders", "discount chains"),
        ("the retailer", "the retail federation"),
    ),
    "aviation": (
        ("flight cancellations", "air fares", "the new runway"),
        ("the airline", "the aviation authority"),
    ),
    "shipping": (
        ("freight rates", "container volumes", "the canal route"),
        ("the shipping line", "the port authority"),
    ),
    "cars": (
        ("electric car sales", "battery supplies", "the factory closure"),
        ("the carmaker", "the industry association"),
    ),
    "cybersecurity": (
        ("the ransomware attack", "the data breach", "critical systems"),
        ("the cyber security centre", "the hospital network"),
    ),
    "privacy": (
        ("data collection", "facial recognition", "the tracking rules"),
        ("the data protection authority", "the platform"),
    ),
    "media": (
        ("the broadcaster's funding", "advertising revenue", "the merger"),
        ("the broadcaster", "the media regulator"),
    ),
    "telecoms": (
        ("the 5G rollout", "broadband coverage", "spectrum prices"),
        ("the telecoms operator", "the communications regulator"),
    ),
    "pharmaceuticals": (
        ("drug prices", "the vaccine contract", "medicine shortages"),
        ("the drugmaker", "the medicines agency"),
    ),
    "mining": (
        ("lithium output", "copper prices", "the mine expansion"),
        ("the mining group", "the mining ministry"),
    ),
}

FIRST = words(
    "Maria Amara Jonas Lena Tomasz Ines Kwame Sofia Daniel Priya Mateo Hannah Yusuf Elena Oskar "
    "Aiko Rafael Chloe Dmitri Nadia Samuel Leila Marco Freya Ibrahim Clara Hiroshi Ana Felix "
    "Zainab Lucas Ingrid Omar Julia Pedro Amelia Viktor Mei Thomas Fatima Andrés Sara Niall "
    "Aisha Björn Camille Joao Rosa Emeka Laura"
)
LAST = words(
    "Okafor Lindqvist Moreau Novak Haddad Fernandes Kowalski Tanaka Brennan Osei Castillo "
    "Schneider Nakamura Duarte Mensah Ivanova Keller Rahman Costa Eriksen Dahl Petrov Murphy "
    "Alvarez Nguyen Hartmann Ferri Adeyemi Sato Jansen Rossi Kaur Bauer Okonkwo Silva Larsen "
    "Weber Khan Dubois Ortega Yilmaz Fischer Mbeki Hughes Lund Marchetti Park Quinn Varga Zhou"
)
FIRMS = (
    "Northbridge Capital", "Halvorsen & Co", "Meridian Analytics", "Calder Partners",
    "Brightwater Bank", "Kestrel Securities", "Oakfield Research", "Tamsin Group",
    "Vireo Systems", "Lumen Logistics", "Granite Asset Management", "Solent Advisory",
)  # fmt: skip
ORGS = (
    "the Institute for Fiscal Research", "the National Statistics Bureau",
    "the Centre for Urban Policy", "the Global Trade Monitor", "the Council on Public Health",
    "the Energy Transition Forum", "the Labour Market Observatory", "the Consumer Council",
)  # fmt: skip
CITIES = words(
    "Lisbon Nairobi Osaka Toronto Lyon Gdańsk Melbourne Accra Seville Hamburg Busan Denver Cork "
    "Valparaíso Kraków Malmö Zürich Montréal Bergen Porto"
)
COUNTRIES = (
    "Portugal", "Kenya", "Japan", "Canada", "France", "Poland", "Brazil", "Australia", "Ghana",
    "Spain", "Germany", "South Korea", "Ireland", "Chile", "Sweden", "Switzerland", "India",
    "Mexico", "Norway", "New Zealand",
)  # fmt: skip
WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = words(
    "January February March April May June July August September October November December"
)
PERIODS = ("year", "two years", "quarter", "six months", "decade", "month")
TRENDS = ("rose", "fell", "climbed", "dropped", "edged up", "slipped", "jumped", "eased")
ADJECTIVES = ("fragile", "stable", "worrying", "encouraging", "uncertain", "volatile", "resilient")
VERDICTS = ("reckless", "overdue", "cynical", "timid", "a distraction", "a missed chance")
SPANS = ("two years", "six months", "a decade", "18 months", "a year")
ROLES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"chief economist at {r.choice(FIRMS)}",
    lambda r: f"an analyst at {r.choice(FIRMS)}",
    lambda r: f"a spokesperson for {r.choice(ORGS)}",
    lambda r: f"director of {r.choice(ORGS)}",
    lambda r: f"a professor at the University of {r.choice(CITIES)}",
    lambda r: f"the mayor of {r.choice(CITIES)}",
    lambda r: f"head of research at {r.choice(FIRMS)}",
    lambda r: f"a nurse in {r.choice(CITIES)}",
    lambda _: "the finance minister",
    lambda _: "a senior negotiator",
    lambda _: "the union's general secretary",
    lambda _: "the opposition leader",
    lambda _: "a local business owner",
)

STATEMENTS = (
    "{Actor} said on {weekday} that {subject} had {trend} by {pct} over the past {period}.",
    "The figures, published by {org}, showed {subject} at its most {adj} level since {year}.",
    "Analysts had expected a smaller move, and traders in {city} reacted within minutes.",
    "{Subject} has become a central issue in {country}, where {count} households say they "
    "have been affected.",
    "Officials described the outlook as {adj}, pointing to {other} as the main risk for the "
    "coming {period}.",
    "The plan would cost about {money} over {n} years, according to estimates from {org}.",
    "Critics argue that {actor} moved too slowly and that {subject} will take {span} or more "
    "to recover.",
    "Supporters say the changes are overdue and will make {other} easier to manage.",
    "In {city}, {count} people attended a public meeting on {weekday} evening to discuss "
    "{subject}.",
    "The last comparable episode, in {year}, ended with {subject} down by more than {pct}.",
    "A spokesperson for {firm} said the company was monitoring {subject} closely.",
    "The proposal still needs the approval of {actor}, which is expected to decide in {month}.",
    "Data from {org} suggest that {subject} {trend} in {months} of the last 12 months.",
    "The debate has divided {actor}, with some members pushing for a faster response.",
    "Neighbouring governments are watching closely, since {subject} in {country} often sets the "
    "tone for the region.",
    "Earlier this year, {actor} warned that {other} could become a problem if conditions worsened.",
    "The changes take effect on {weekday} {day} {month}, {actor} said in a statement.",
    "Roughly {pct} of respondents in a survey by {org} said {subject} was their biggest concern.",
    "Shares in {firm} {trend} {pct} in early trading in {city}.",
    "Opposition politicians called the announcement {verdict} and demanded a full inquiry.",
    "The measures would affect an estimated {count} people across {country}.",
    "Few expect a quick resolution, with talks now scheduled to continue into {month}.",
    "It was the {ordinal} change of direction on {subject} in {span}.",
    "Budget documents show that {money} has been set aside for {other} until {year2}.",
    "Local officials in {city} said they had not been consulted before the decision.",
    "{Actor} has said little in public about {other} since the start of the year.",
    "Independent experts said the estimate of {money} was probably too low.",
    "The move leaves {country} with one of the most {adj} outlooks among its peers.",
)
QUOTES = (
    "We are not going to fix {subject} overnight, but the direction is now clear",
    "{Subject} is {adj}, and anyone who says otherwise is not looking at the numbers",
    "This is the moment to act on {subject}. Waiting another {period} would cost far more",
    "People in {city} feel it every day, and they want results rather than promises",
    "I have not seen {subject} move this fast in {n} years of doing this job",
    "The risk is that {other} gets worse before it gets better",
    "Nobody expected {actor} to go this far, and everyone will need time to adjust",
    "We welcome the decision, but the details on {other} matter more than the headline",
    "It is a serious mistake. {Subject} was already under pressure, and this will only add to it",
    "There is no easy option here. Every choice on {subject} has a cost for someone",
    "What we are seeing is a shift that will last well beyond {year2}",
    "Our members are tired of being told to wait while {subject} gets worse",
    "The numbers speak for themselves: {subject} {trend} by {pct}, and that is not a blip",
    "We will keep talking, but we will not accept a deal that ignores {other}",
    "It is far too early to declare victory on {subject}",
    "Families in {country} were promised a plan, and so far they have had a press release",
)
BULLETS = (
    "{Subject} {trend} {pct} in {month}",
    "{Actor} meets again on {weekday}",
    "An estimated {money} is at stake",
    "{count} jobs could be affected in {city}",
    "The previous peak was recorded in {year}",
    "A final decision on {other} is due in {month}",
)
HEADLINES = (
    "{Actor} signals shift on {subject} as {other} comes under pressure",
    "{Subject} {trend} {pct} in {month}, most since {year}",
    "{city} braces for disruption over {subject}",
    "Why {subject} is back on the agenda in {country}",
    "{country} unveils {money} plan for {subject}",
    "{count} jobs at risk as {firm} reviews {other}",
    "Explainer: what the new rules on {subject} mean",
    "{Actor} under pressure over {subject} in {city}",
    "Talks on {subject} stall in {city} after {n} days",
    "{firm} bets {money} on {subject}",
    "{Subject}: {n} questions for {actor}",
    "{Actor} defends record on {other} as criticism grows",
)
SUBHEADINGS = ("What happens next", "Background", "The numbers", "Reaction", "Why it matters")
ORDINALS = ("second", "third", "fourth", "fifth")
BRIEFING_DEFS = (  # a few curated briefings, each gathering the articles of its topics
    ("money-and-rates", "Money, rates and prices", ("central-banks", "inflation")),
    ("climate-and-energy", "Climate and energy", ("climate-talks", "energy")),
    ("rules-for-ai", "Rules for artificial intelligence", ("ai-regulation", "privacy")),
    ("work-and-pay", "Work and pay", ("labour", "pensions")),
    ("homes-and-cities", "Homes and cities", ("housing", "cities")),
)


# --- The generated corpus --------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleDoc:
    stem: str  # file name without .md: date prefix plus the URL slug
    slug: str
    title: str
    date: datetime
    source: str
    url: str
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    lead: str  # the first sentence, Pelican's Summary
    body: str  # Markdown

    @property
    def folder(self) -> str:
        return f"{self.date:%Y/%m}"


@dataclass(frozen=True)
class BriefingDoc:
    slug: str
    title: str
    topics: tuple[str, ...]
    order: int
    body: str


@dataclass(frozen=True)
class Corpus:
    articles: tuple[ArticleDoc, ...]
    briefings: tuple[BriefingDoc, ...]
    about: str


class Writer:
    """Fills template slots for one article: its topic's vocabulary plus random details."""

    def __init__(self, rng: random.Random, topic: str) -> None:
        self.rng = rng
        self.subjects, self.actors = TOPICS[topic]
        self.subject = rng.choice(self.subjects)
        self.actor = rng.choice(self.actors)

    def slots(self) -> dict[str, object]:
        r = self.rng
        subject = r.choice(self.subjects) if r.random() < 0.3 else self.subject
        actor = r.choice(self.actors) if r.random() < 0.3 else self.actor
        values: dict[str, object] = {
            "subject": subject,
            "actor": actor,
            "other": r.choice([s for s in self.subjects if s != subject]),
            "city": r.choice(CITIES),
            "country": r.choice(COUNTRIES),
            "weekday": r.choice(WEEKDAYS),
            "month": r.choice(MONTHS),
            "day": r.randint(1, 28),
            "period": r.choice(PERIODS),
            "trend": r.choice(TRENDS),
            "adj": r.choice(ADJECTIVES),
            "verdict": r.choice(VERDICTS),
            "span": r.choice(SPANS),
            "months": r.randint(2, 11),
            "org": r.choice(ORGS),
            "firm": r.choice(FIRMS),
            "ordinal": r.choice(ORDINALS),
            "pct": f"{r.uniform(0.2, 14):.1f} per cent",
            "money": self.money(),
            "count": f"{r.randint(120, 98_000):,}",
            "n": r.randint(2, 30),
            "year": r.randint(1995, 2021),
            "year2": r.randint(2026, 2035),
        }
        values["Subject"] = capital(subject)
        values["Actor"] = capital(actor)
        return values

    def money(self) -> str:
        amount = self.rng.randint(2, 950)
        return f"${amount}{self.rng.choice(('m', 'bn'))}"

    def fill(self, template: str) -> str:
        return template.format(**self.slots())


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def slugify(text: str, limit: int = 70) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word (the generator cuts at 80)."""
    slug = ""
    for word in re.sub(r"[^a-z0-9]+", " ", text.lower()).split():
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


@dataclass
class Speaker:
    name: str
    role: str
    introduced: bool = False

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def attribute(rng: random.Random, quote: str, speaker: Speaker) -> str:
    """One quotation in one of the attribution styles newspapers use."""
    first = not speaker.introduced
    speaker.introduced = True
    name = f"{speaker.name}, {speaker.role}," if first else speaker.surname
    styles = (
        lambda: f"“{quote},” {name} said.",
        lambda: f"{name} said: “{quote}.”",
        lambda: (
            f"“{quote},” said {speaker.name}, {speaker.role}."
            if first
            else f"“{quote},” said {speaker.surname}."
        ),
        lambda: f"“{quote},” {name} told reporters in {rng.choice(CITIES)}.",
    )
    return rng.choice(styles)()


def sentences(writer: Writer, count: int) -> str:
    return " ".join(writer.fill(writer.rng.choice(STATEMENTS)) for _ in range(count))


def quote_paragraph(writer: Writer, speakers: list[Speaker]) -> str:
    r = writer.rng
    said = attribute(r, writer.fill(r.choice(QUOTES)), r.choice(speakers))
    return said + (" " + sentences(writer, 1) if r.random() < 0.5 else "")


def link_paragraph(writer: Writer, domain: str, year: int) -> str:
    r = writer.rng
    org = r.choice(ORGS)
    report = f"https://{slugify(org, 40).replace('-', '')}.org/reports/{year}/{r.randint(10, 999)}"
    earlier = f"https://www.{domain}/{year}/{slugify(writer.subject, 40)}-{r.randint(100, 9999)}"
    return (
        f"The full [report by {org.removeprefix('the ')}]({report}) runs to {r.randint(20, 300)} "
        f"pages. {sentences(writer, 1)} [Our earlier coverage]({earlier}) set out the background "
        f"to the dispute over {writer.subject}."
    )


def bullet_list(writer: Writer) -> str:
    items = writer.rng.sample(BULLETS, writer.rng.randint(3, 4))
    return "The main points so far:\n\n" + "\n".join(f"- {writer.fill(b)}" for b in items)


def blocks(writer: Writer, speakers: list[Speaker], domain: str, year: int) -> Iterator[str]:
    """The body, block by block: lead, context, quotes, a link, a list, a subheading, then more."""
    r = writer.rng
    yield sentences(writer, 2)
    yield sentences(writer, r.randint(3, 4))
    yield quote_paragraph(writer, speakers)
    yield link_paragraph(writer, domain, year)
    yield bullet_list(writer)
    yield quote_paragraph(writer, speakers)
    yield "## " + r.choice(SUBHEADINGS)
    while True:
        yield sentences(writer, r.randint(2, 4))
        yield quote_paragraph(writer, speakers)


def body_text(writer: Writer, speakers: list[Speaker], domain: str, year: int) -> str:
    target = writer.rng.randint(600, 800)  # a block is at most ~90 words: stays under 900
    parts: list[str] = []
    words = 0
    for block in blocks(writer, speakers, domain, year):
        parts.append(block)
        words += len(block.split())
        if words >= target:
            break
    return "\n\n".join(parts) + "\n"


TOPIC_WEIGHTS = [1 / (rank + 1) ** 0.7 for rank in range(len(TOPICS))]  # a few big stories


def make_article(seed: int, index: int, staff: tuple[str, ...], taken: set[str]) -> ArticleDoc:
    rng = random.Random(f"{seed}:{index}")  # str seeds hash with SHA-512: stable everywhere
    topics: list[str] = []
    while len(topics) < rng.choice((1, 1, 2, 2, 3)):
        topic = rng.choices(list(TOPICS), TOPIC_WEIGHTS)[0]
        if topic not in topics:
            topics.append(topic)
    writer = Writer(rng, topics[0])
    date = START + timedelta(seconds=rng.randrange(SPAN_SECONDS) // 60 * 60)
    source, domain = rng.choice(OUTLETS)
    title = capital(writer.fill(rng.choice(HEADLINES)))
    slug = unique(slugify(title), taken)
    speakers = [
        Speaker(f"{rng.choice(FIRST)} {surname}", rng.choice(ROLES)(rng))
        for surname in rng.sample(LAST, rng.randint(2, 4))  # distinct: "Keller said" is one person
    ]
    body = body_text(writer, speakers, domain, date.year)
    return ArticleDoc(
        stem=f"{date:%Y-%m-%d}-{slug}",
        slug=slug,
        title=title,
        date=date,
        source=source,
        url=f"https://www.{domain}/{date:%Y/%m/%d}/{slug}",
        authors=tuple(rng.sample(staff, rng.choice((1, 1, 1, 2)))),
        topics=tuple(topics),
        lead=body.split(". ", 1)[0] + ".",
        body=body,
    )


def unique(slug: str, taken: set[str]) -> str:
    """Two articles must not share a URL; later ones get a number, as a curator would add."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def make_briefings(seed: int) -> tuple[BriefingDoc, ...]:
    made = []
    for order, (slug, title, topics) in enumerate(BRIEFING_DEFS, 1):
        writer = Writer(random.Random(f"{seed}:briefing:{slug}"), topics[0])
        intro = f"{sentences(writer, 3)}\n\n{sentences(writer, 2)}\n"
        made.append(BriefingDoc(slug, title, topics, order, intro))
    return tuple(made)


def generate(articles: int, seed: int = 1) -> Corpus:
    staff_rng = random.Random(f"{seed}:staff")
    staff = tuple(sorted({person(staff_rng) for _ in range(80)}))
    taken: set[str] = set()
    docs = tuple(make_article(seed, i, staff, taken) for i in range(articles))
    about = (
        "This site is generated for benchmarks. Every article, outlet and person in it is "
        "invented; any resemblance to real reporting is a coincidence of templates.\n"
    )
    return Corpus(docs, make_briefings(seed), about)


# --- Writing the three flavours --------------------------------------------------------------


def yaml_value(value: object) -> str:
    """JSON is YAML: strings and lists quoted safely whatever they contain; dates stay bare."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: dict[str, object]) -> str:
    lines = [f"{key}: {yaml_value(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def article_file(root: Path, doc: ArticleDoc) -> Path:
    """Where the briefings and Hugo flavours keep an article (relative paths are the same)."""
    return root / "content" / "articles" / doc.folder / f"{doc.stem}.md"


def write_briefings(corpus: Corpus, out: Path) -> None:
    put(
        out / "site.yaml",
        f"title: {SITE_TITLE}\ndescription: {SITE_DESCRIPTION}\n"
        f"base_url: https://bench.example.org/\nlanguage: en\nauthor: {SITE_AUTHOR}\n"
        "timezone: UTC\nlimits:\n  articles_per_page: 12\n",
    )
    for doc in corpus.articles:
        fields = {
            "title": doc.title,
            "date": doc.date,
            "source": doc.source,
            "url": doc.url,
            "author": list(doc.authors),
            "topics": list(doc.topics),
        }
        put(article_file(out, doc), front_matter(fields) + doc.body)
    for b in corpus.briefings:
        fields = {"title": b.title, "topics": list(b.topics), "order": b.order}
        put(out / "content" / "briefings" / f"{b.slug}.md", front_matter(fields) + b.body)
    put(out / "content" / "pages" / "about.md", front_matter({"title": "About"}) + corpus.about)


def write_hugo(corpus: Corpus, out: Path) -> None:
    """Same front matter, except `url`, which Hugo reserves for the page's own URL."""
    put(
        out / "hugo.yaml",
        f"baseURL: https://bench.example.org/\nlanguageCode: en\ntitle: {SITE_TITLE}\n"
        f"params:\n  description: {SITE_DESCRIPTION}\n  author: {SITE_AUTHOR}\n"
        "taxonomies:\n  topic: topics\n  outlet: source\n"
        "rssLimit: 30\n",  # feeds as long as briefings' (feed_entries: 30)
    )
    shutil.copytree(HUGO_LAYOUTS, out / "layouts")
    for doc in corpus.articles:
        fields = {
            "title": doc.title,
            "date": doc.date,
            "source": doc.source,
            "source_url": doc.url,
            "author": list(doc.authors),
            "topics": list(doc.topics),
        }
        put(article_file(out, doc), front_matter(fields) + doc.body)
    for b in corpus.briefings:  # a curated briefing is the intro of its first topic's page
        put(
            out / "content" / "topics" / b.topics[0] / "_index.md",
            front_matter({"title": b.title}) + b.body,
        )
    put(out / "content" / "about.md", front_matter({"title": "About"}) + corpus.about)


def write_pelican(corpus: Corpus, out: Path) -> None:
    """Pelican's Markdown metadata: outlets are categories, topics are tags."""
    put(
        out / "pelicanconf.py",
        f"AUTHOR = {SITE_AUTHOR!r}\nSITENAME = {SITE_TITLE!r}\nSITEURL = 'https://bench.example.org'\n"
        "PATH = 'content'\nARTICLE_PATHS = ['articles']\nPAGE_PATHS = ['pages']\n"
        "TIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_MAX_ITEMS = 30\n",  # feeds as long as briefings' (feed_entries: 30)
    )
    for doc in corpus.articles:
        meta = [
            f"Title: {doc.title}",
            f"Date: {doc.date:%Y-%m-%d %H:%M}",
            f"Category: {doc.source}",
            f"Tags: {', '.join(doc.topics)}",
            f"Authors: {', '.join(doc.authors)}",
            f"Slug: {doc.slug}",
            f"Summary: {doc.lead}",
        ]
        put(
            out / "content" / "articles" / doc.folder / f"{doc.stem}.md",
            "\n".join(meta) + "\n\n" + doc.body,
        )
    put(out / "content" / "pages" / "about.md", "Title: About\n\n" + corpus.about)


FLAVORS: dict[str, Callable[[Corpus, Path], None]] = {
    "briefings": write_briefings,
    "hugo": write_hugo,
    "pelican": write_pelican,
}


def prepare(out: Path) -> None:
    """Start from an empty folder; replace an old corpus, never anything else."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and holds no {MARKER}: refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Generated by benchmarks/corpus.py; replaced on each run.\n")


def write(corpus: Corpus, out: Path, flavor: str = "briefings") -> None:
    prepare(out)
    FLAVORS[flavor](corpus, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavor", choices=sorted(FLAVORS), default="briefings")
    args = parser.parse_args(argv)
    write(generate(args.articles, args.seed), args.out, args.flavor)
    print(f"wrote {args.articles} articles ({args.flavor}) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
