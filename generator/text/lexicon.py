"""Word lists of English news copy, named for what they are for.

The quote reader uses the verbs of speech and the nouns of people and organisations; summaries,
quote ranking and topics use the stop words. Plain data and two small helpers; nothing else.
"""

from __future__ import annotations


def wordlist(text: str) -> list[str]:
    """A lexicon written as whitespace-separated words."""
    return text.split()


def _forms(base: str, past: str | None = None, ing: str | None = None) -> set[str]:
    """The inflected forms of a regular reporting verb (irregular ones pass `past`/`ing`)."""
    if base.endswith("e"):
        stem_ing, stem_ed = base[:-1] + "ing", base + "d"
    elif base.endswith("y") and base[-2] not in "aeiou":
        stem_ing, stem_ed = base + "ing", base[:-1] + "ied"
    else:
        stem_ing, stem_ed = base + "ing", base + "ed"
    third = base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s"
    if base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    return {base, third, past or stem_ed, ing or stem_ing}


# Verbs that introduce the words of a speaker or writer. `call`/`describe` introduce partial
# quotations ("called it a 'disgrace'"), which are attributed but rarely key quotes.
_VERB_FORMS: set[str] = set()
for _spec in wordlist(
    """
                 add argue ask assert boast caution charge claim comment complain concede
                 conclude confirm contend counter declare demand deny describe emphasise
                 emphasize exclaim explain insist joke lament maintain muse note object
                 observe plead pledge post predict promise protest recall recount reiterate
                 remark repeat reply report respond retort reveal say scoff shout sigh state
                 stress suggest testify tweet urge vow warn whisper wonder yell acknowledge
                 admit announce call accuse criticise criticize dismiss dub brand label term
                 hail read answer continue tell write agree
                 """
):
    _VERB_FORMS |= _forms(_spec)
_VERB_FORMS |= {"said", "told", "wrote", "written", "writing", "admitted", "admitting"}
_VERB_FORMS |= {"quipped", "quipping", "quips", "quip", "dubbed", "dubbing", "read", "reads"}
_VERB_FORMS -= {"sayed", "telled", "writed", "readed", "reading"}
# Base and -s forms that are mostly nouns in news copy ("the state", "a note", "reports").
for _noun in wordlist(
    """
                 post note report state call claim promise answer charge object protest
                 comment term label brand dub read continue hail reveal repeat counter
                 demand joke shout sigh plead boast muse lament remark quip tweet
                 """
):
    _VERB_FORMS -= {_noun, _noun + "s", _noun + "es"}
VERBS: frozenset[str] = frozenset(_VERB_FORMS)
# Verbs that only introduce short characterisations; they attribute a label, never a speech.
LABEL_VERBS = frozenset(
    _forms("call")
    | _forms("describe")
    | _forms("dub", "dubbed", "dubbing")
    | _forms("brand")
    | _forms("label")
    | _forms("term")
    | _forms("accuse")
    | _forms("hail")
)
VERB_RE = r"(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")"

# Words that may stand between a subject and its verb: "has also said", "would later write".
AUX = frozenset(
    wordlist(
        """
        has have had would will could may might did does do is was were are be been also
        later then once again previously repeatedly publicly recently earlier further often
        never not just quickly simply only still already herself himself themselves itself
        flatly bluntly firmly quietly angrily softly sharply
        """
    )
)
PRONOUNS = {"he": "he", "she": "she", "they": "they", "it": "it", "i": "i", "we": "we"}
DETERMINERS = frozenset(
    wordlist(
        """
        the a an one another its his her their our this that these those some two three
        """
    )
)
CONNECTORS = frozenset(
    wordlist(
        """
        de da das do dos del della der den van von bin bint al el la le di du ter
        """
    )
)
HONORIFICS = {"mr": "he", "mr.": "he", "mrs": "she", "mrs.": "she", "ms": "she", "ms.": "she"}
HONORIFICS |= {"dr": "", "dr.": "", "prof.": "", "sir": "he", "dame": "she", "lady": "she"}
HONORIFICS |= {"lord": "he", "rev.": "", "fr.": "he"}
# Capitalised words that make a preceding run a role rather than part of a name.
TITLE_WORDS = frozenset(
    wordlist(
        """
        president vice minister secretary senator sen. rep. representative gov. governor
        mayor judge justice chancellor premier king queen prince princess pope general gen.
        colonel col. lt. captain capt. sergeant sgt. detective inspector superintendent
        chief commissioner ambassador speaker director chairman chairwoman chair
        administrator envoy attorney executive officer leader commander coach manager
        councillor councilor member lawmaker professor prof. dr. dr mr. mrs. ms. mr mrs ms
        sir dame lord lady rev. father sister rabbi imam sheikh deputy constable premier
        spokesman spokeswoman spokesperson head founder chancellor counsel prosecutor
        sheriff marshal dean rector provost president-elect councilman councilwoman
        congressman congresswoman assemblyman assemblywoman whip
        """
    )
)
# Lowercase nouns naming a person's role ("the researcher", "a company spokeswoman").
PERSON_NOUNS = frozenset(
    wordlist(
        """
        spokesperson spokesman spokeswoman official minister secretary president director
        researcher professor analyst economist scientist expert lawyer attorney judge chief
        executive officer chairman chairwoman chair founder manager coach captain mayor
        governor senator lawmaker leader adviser advisor envoy ambassador diplomat
        negotiator commissioner administrator engineer teacher student resident witness
        neighbour neighbor farmer worker nurse doctor author editor journalist activist
        campaigner historian strategist candidate member head owner chancellor premier king
        queen prince general colonel commander inspector detective superintendent sergeant
        prosecutor defendant victim mother father son daughter wife husband friend colleague
        player striker defender goalkeeper midfielder referee pilot driver man woman boy
        girl businessman businesswoman trucker criminologist hydrologist meteorologist
        biologist physicist chemist astronomer psychologist sociologist epidemiologist
        virologist consultant investor trader banker broker fellow organiser organizer
        protester protestor survivor volunteer shopkeeper merchant vendor retiree pensioner
        veteran mp legislator councillor councilor delegate secretary-general spokesperson
        aide operator employee worker manager supervisor principal dean pastor priest bishop
        rabbi imam cleric monk nun scholar lecturer academic commentator columnist critic
        ceo cfo coo cto chairperson boss entrepreneur designer architect artist actor mep
        representative
        actress singer musician director writer novelist poet producer
        nominee front-runner frontrunner incumbent challenger hopeful contender
        councilman councilwoman congressman congresswoman moderator anchor host
        """
    )
)
PLURAL_PERSON = frozenset(
    wordlist(
        """
        officials researchers scientists experts analysts economists lawyers residents
        witnesses critics supporters opponents organisers organizers protesters activists
        authorities investigators police officers leaders members workers students parents
        doctors nurses teachers fans voters people diplomats negotiators sources observers
        they we
        """
    )
)
ORG_NOUNS = frozenset(
    wordlist(
        """
        ministry department agency office company firm group union association council
        committee commission board authority government administration court police army
        military party institute university bank newspaper paper outlet network broadcaster
        campaign organisation organization bureau service centre center foundation club team
        federation league parliament congress senate embassy consulate regime media station
        fund corporation tribunal panel coalition alliance charity operator operators
        regulator watchdog prosecutor's prosecution airline carrier hospital school website
        magazine channel
        """
    )
)
# Documents as subjects ("the report said"): their author speaks, and they are never one.
DOCUMENT_NOUNS = frozenset(
    wordlist(
        """
        report study statement letter note survey document memo review analysis paper filing
        order ruling draft proposal plan bill
        """
    )
)
ORG_NAME_WORDS = frozenset(
    wordlist(
        """
        ministry department agency office company corp corp. corporation inc inc. ltd ltd.
        group union association council committee commission board authority government
        administration court police army party institute university college bank times post
        journal herald news press reuters bloomberg tribune gazette daily guardian telegraph
        network centre center foundation club federation league parliament congress senate
        house kremlin pentagon semiconductor securities partners management analytics forum
        project organization organisation service services fund trust society alliance
        coalition media airlines motors holdings capital industries systems technologies
        labs hospital school bureau agency nations assembly cabinet ministry's meridian tv
        radio broadcasting
        """
    )
)
GENDER_WORDS = {
    "spokesman": "he", "spokeswoman": "she", "chairman": "he", "chairwoman": "she",
    "businessman": "he", "businesswoman": "she", "mother": "she", "father": "he", "wife": "she",
    "husband": "he", "king": "she" if False else "he", "queen": "she", "actress": "she",
    "man": "he", "woman": "she", "boy": "he", "girl": "she", "son": "he", "daughter": "she",
    "councilman": "he", "councilwoman": "she", "congressman": "he", "congresswoman": "she",
}  # fmt: skip

# Common given names whose bearers a reader takes as "he" or "she" ("Ruth Pengelly … she
# said"); a name in neither list leaves the gender open, as it should.
_MALE_NAMES = wordlist(
    """
    aaron adam adrian ahmed alan albert alejandro alex alexander ali andre andreas andrew
    andy anders angelo anthony antonio arthur barry ben benjamin bernard bill bob boris brad
    brandon brian bruce bruno carl carlos charles chris christopher colin craig dale daniel
    david dennis derek diego dmitri donald douglas duncan eduardo edward eric erik ernest
    felix fernando francis frank fred gary george gerald giovanni gordon graham greg gregory
    hans harold harry henry howard hugo ian isaac ivan jack jacob jake james jason javier jeff
    jeffrey jeremy jerry jim joe joel johan john jonathan jorge jose joseph juan julian justin
    karl keith ken kenneth kevin klaus lars lawrence leo leon lionel louis luca lucas luis
    luke malcolm marc marco marcus mario mark martin matthew max michael miguel mike mohammed
    muhammad nathan neil nicholas nick oliver omar oscar owen patrick paul pedro peter philip
    pierre rafael ralph raymond richard rick robert roberto roger ronald roy russell ryan
    samuel scott sean sergei simon stanley stefan stephen steve steven stuart thomas tim
    timothy tobias todd tom tony victor vincent walter warren wayne william
    """
)
_FEMALE_NAMES = wordlist(
    """
    abigail ada adriana agnes alice alicia alison amanda amy ana andrea angela anita ann anna
    anne annika barbara beatriz bettina beverly brenda carmen carol caroline catherine charlotte
    christina christine claire clara claudia colette cynthia daniela deborah debra denise diana
    donna doris dorothy elena elizabeth ellen eleanor emily emma erica eva evelyn fatima fiona
    frances gabriela gail gloria grace hannah heather helen ingrid irene isabel jacqueline jane
    janet jennifer jessica joan joanna josephine joyce judith julia julie karen katherine
    kathleen kelly kim laura lauren linda lisa lorna lucia lucy lydia margaret maria marie
    marion martha mary megan melissa michelle monica nadia nancy natalia natalie nicole olga
    olivia pamela patricia paula priya rachel rebecca renata rita rosa ruth samantha sandra
    sara sarah sharon sofia sophie stephanie susan sylvia teresa theresa tina ursula valerie
    vanessa victoria virginia wendy yvonne zoe
    """
)
GIVEN_NAME_GENDER = {n: "he" for n in _MALE_NAMES} | {n: "she" for n in _FEMALE_NAMES}
# Words that start a sentence or clause but never a name ("But Kim said" is about Kim).
STOP_CAPS = frozenset(
    wordlist(
        """
        the a an but and or so yet if when while after before as at in on of for from to by
        with without during since until about against among between into through over under
        this that these those there here it its his her their our my your we they he she i
        you asked speaking according writing however meanwhile still also then now later
        earlier last next early late monday tuesday wednesday thursday friday saturday
        sunday january february march april may june july august september october november
        december jan. feb. aug. sept. oct. nov. dec. instead despite although though because
        unlike like both neither either each every many most some several few all not no yes
        what which who whom whose where why how one another once in an
        """
    )
)


# Two stop-word lists, because they answer two questions. FUNCTION_WORDS are the words with no
# content at all: what is left of a quotation without them tells whether it says something.
FUNCTION_WORDS = frozenset(
    wordlist(
        """
        a an the and or but if of to in on at by for with from as is are was were be been
        being it its this that these those there here i we you he she they them us our your
        his her their my me not no so do does did have has had will would can could should
        may might must just than then too very also about into over out up down what which
        who whom whose when where why how all any some more most such only own same other
        """
    )
)
# TOPIC_STOPWORDS also drop the words every news report uses ("said", "week", "statement"):
# two sentences, or two articles, sharing them are no closer in subject.
TOPIC_STOPWORDS = frozenset(
    wordlist(
        """
        a about above after again against all almost also although am among an and
        another any are around as at be because been before being below between both but
        by can could did do does doing down during each either else even ever every few
        for from further had has have having he her here hers herself him himself his
        how however i if in into is it its itself just least less like made make many
        may me might more most much must my myself neither no nor not now of off on once
        one only or other others our ours out over own per perhaps quite rather same she
        should since so some still such than that the their theirs them themselves then
        there these they this those though through thus to too under until up upon us
        very via was we were what when where whether which while who whom whose why will
        with within without would yet you your yours said says say saying told tell
        tells according added adding asked reported statement week weeks year years day
        days time times mr mrs ms dr including also new last next first two three monday
        tuesday wednesday thursday friday saturday sunday today yesterday people
        """
    )
)
