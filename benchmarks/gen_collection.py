"""Generate a large, realistic collection of news articles for the benchmarks.

Articles come in stories (a dispute, a proposal, a scandal) followed over days by several
outlets. Each story has its own people, places and statements; later articles repeat earlier
statements word for word, excerpt them, retract them or rebut them, the way wire copy does.
Quote styles vary as they do in real news: curly, straight and mixed marks, quotes split around
"he said", continuation paragraphs with no attribution, "He added:", partial quotes inside
reported speech, scare quotes, nested single quotes, name variants (transliterations), metadata
lines and related-link boilerplate. Output is deterministic for a seed and shares no text with
the seeds.

    python benchmarks/gen_collection.py OUT_DIR --articles 10000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Amara Bjorn Carmen Dmitri Elif Farida Gunnar Hana Ines Jakub Kofi Lena Mateo Nadia Oskar "
    "Priya Quentin Rania Soren Tomas Ulla Viktor Wanjiru Ximena Yusuf Zofia Aleksander Beatriz "
    "Chidi Dagny Emre Fiona Goran Halima Ivo Jelena Kenji Lucia Magnus Nkechi Olga Pavel Rosa "
    "Sanjay Tereza Umar Vesna Wiremu Yara Anneli Bogdan Cyrus Dalia Esben Fatou Gideon Helga "
    "Ilse Joaquin Katya Lars Mirela Nils Orla Petra Rafael Saoirse Timo Valentina Wolfgang"
)
LAST = _words(
    "Haugland Okafor Lindqvist Moreau Petrenko Sandoval Takahashi Vasquez Wojcik Achterberg "
    "Baranov Castellanos Dahl Eriksen Fontaine Grabowski Horvath Iversen Jovanovic Kowalczyk "
    "Lemaire Mbeki Nakamura Oyelaran Pellegrini Quist Rasmussen Szabo Tanaka Ulvaeus Valdez "
    "Westergaard Yilmaz Zielinski Abbasi Bergstrom Coelho Dragomir Esposito Fagerlund Gashi "
    "Halvorsen Ibrahimovic Jansen Kaczmarek Lundgren Marchetti Novak Ostrowski Popescu Ruiz "
    "Stavros Thorsen Urbanek Varga Wiśniewski Xenakis Yamamoto Zapata Aguilar Brandt Cardoso "
    "Delacroix Engstrom Ferreira Gallagher Holm Ionescu Juhasz Kristiansen Lindahl Mikkelsen"
)
# Transliteration-style variants: the same person spelt differently by different outlets.
VARIANTS = (("y", "i"), ("ij", "y"), ("sk", "skk"), ("ei", "ey"), ("ov", "off"), ("ch", "kh"))

ROLES = (
    "the minister of {area}",
    "a spokesperson for the {org}",
    "the mayor of {place}",
    "chief of staff to the {org} secretary-general",
    "an adviser to the prime minister",
    "the head of the {org}",
    "a senior official at the {org}",
    "the {org} negotiator",
    "a member of parliament for {place}",
    "the deputy director of the {org}",
    "a researcher at the {place} Institute",
    "the chair of the {area} committee",
)
ORGS = (
    "Harbour Authority",
    "Water Board",
    "Transport Union",
    "Northern Alliance",
    "Energy Agency",
    "Farmers' Federation",
    "Coastal Commission",
    "Health Directorate",
    "Fisheries Council",
    "Regional Assembly",
    "Mining Consortium",
    "Teachers' Association",
    "Border Agency",
)
AREAS = (
    "energy",
    "finance",
    "defence",
    "health",
    "transport",
    "fisheries",
    "education",
    "housing",
    "agriculture",
    "foreign affairs",
    "the interior",
    "trade",
)
SYLLABLES = _words("ka lo mi ren sta vik dor el an bru ta ske fol gar ni ost har vel mun tro")

TOPICS = (
    (
        "a ceasefire line along the {place} river",
        "give up the districts east of {place}",
        "security guarantees",
    ),
    (
        "the sale of the {place} port to a foreign operator",
        "sell the {place} port terminal",
        "control of the docks",
    ),
    (
        "a dam on the upper {place} valley",
        "flood the {place} valley for the reservoir",
        "compensation for farmers",
    ),
    (
        "new fishing quotas in the {place} sound",
        "cut the {place} cod quota by half",
        "the livelihood of the fleet",
    ),
    ("a lithium mine near {place}", "open the {place} mine next spring", "the groundwater"),
    (
        "closing the {place} rail line",
        "close the {place} line to passenger trains",
        "the timetable",
    ),
    (
        "a windfall tax on {place} energy firms",
        "tax the {place} energy windfall",
        "household bills",
    ),
    ("merging the {place} hospitals", "merge the two {place} hospitals", "emergency care"),
    (
        "a border checkpoint at {place}",
        "reopen the {place} checkpoint",
        "trade with the neighbours",
    ),
    ("teachers' pay in {place}", "freeze teachers' pay in {place}", "the school year"),
)

NOUNS = _words(
    "agreement proposal budget deadline talks report committee coalition vote plan statement "
    "inquiry contract council treaty timetable settlement offer mandate reform framework "
    "compromise audit warning dispute review licence guarantee subsidy tender ruling petition "
    "strike survey schedule protest hearing decision memorandum clause amendment pilot"
)
ADJS = _words(
    "preliminary unexpected contested cautious broad narrow formal informal revised regional "
    "national bilateral public confidential urgent modest ambitious final interim fragile "
    "sweeping limited early late lengthy brief independent joint controversial technical"
)
VERBS = _words(
    "discussed reviewed postponed rejected endorsed questioned delayed outlined drafted "
    "published debated criticised welcomed examined approved challenged revised announced"
)
WHEN = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "a day earlier",
    "earlier this month",
    "late on Sunday",
    "in the morning",
)
OUTLETS = (
    "the Morning Ledger",
    "Coastline Daily",
    "Nordic Wire",
    "the Valley Courier",
    "Harbour Radio",
    "the Evening Post",
    "Capital Report",
    "Riverside Times",
)

# Every statement mixes the story's own words ({act}, {gain}, {place}) with random ones, so the
# same sentence does not recur across unrelated stories, as it would not in real news.
SUPPORT = (
    "I think that a solution could be to {act}, and get {gain} in return",
    "We are ready to {act} if the {adj} {noun} brings {gain}",
    "It is the right moment to {act}; nobody in {place} should fear the {noun}",
    "There is a real chance to {act}, and we support the {adj} {noun} fully",
    "We back the plan to {act}, because {gain} matters more than any {noun}",
)
OPPOSE = (
    "Trading {gain} for {a_adj} {noun}? It is ridiculous",
    "We will never accept a {noun} that says we must {act}",
    "Anyone who wants to {act} is choosing defeat over {gain}",
    "This {noun} is unacceptable, and we reject any attempt to {act}",
    "Nobody asked the people of {place} whether they want to {act}",
)
RETRACT = (
    "My statement about how to {act} was part of a wider {noun}, and it was a mistake",
    "I should not have said that, and I withdraw the remark about {gain} in {place}",
    "I was wrong to suggest we {act}; that is not our position",
    "Let me be clear: it was a mistake to float the idea of {a_adj} {noun} for {place}",
)
NEUTRAL = (
    "The talks on {gain} and the {adj} {noun} will continue next week",
    "We have received the {noun} from {place} and we will study it carefully",
    "It is too early to say what the {place} committee will decide about the {noun}",
    "Our position on {gain} has been the same since the {adj} {noun}",
    "We will meet the delegation from {place} again before the {noun}",
)
OPENERS = (
    "Frankly,",
    "Let me say this about {thing}:",
    "As I told the council,",
    "In my view,",
    "After {thing},",
    "We have said it before:",
    "Look,",
    "On {thing},",
    "Since {thing},",
    "With respect,",
)
DETAILS = (
    "before {thing} in {month}",
    "unlike {thing}",
    "before the {noun} in {month}",
    "whatever the {org} says",
    "as the {adj} {noun} showed",
    "after {years} years of talks",
    "for the people of {place}",
    "and the {org} knows it",
    "even with the {adj} {noun} on the table",
    "once the {noun} is signed",
)
MONTHS = _words("January February March April May June July August September October November")
SCARE = (
    "The so-called {q}",
    "What officials call a {q}",
    "The much-discussed {q}",
    "A supposed {q}",
    "The {q}",
)
SCARE_TERMS = (
    "green corridor",
    "safety umbrella",
    "grand bargain",
    "bad peace",
    "red line",
    "reset",
    "transition fund",
    "buffer zone",
    "new deal",
    "people's plan",
)


@dataclass
class Person:
    first: str
    last: str
    role: str
    variant: str | None = None  # a transliteration some outlets use

    def full(self, rng: random.Random) -> str:
        last = self.variant if self.variant and rng.random() < 0.4 else self.last
        return f"{self.first} {last}"

    def short(self, rng: random.Random) -> str:
        return self.variant if self.variant and rng.random() < 0.4 else self.last


@dataclass
class Story:
    place: str
    topic: str
    act: str
    gain: str
    people: list[Person]
    start: date
    # The story's own named things ("the Velmun accord"): what keeps two stories' quotes apart.
    things: list[str] = field(default_factory=list)
    said: list[tuple[Person, str]] = field(default_factory=list)  # statements so far


def place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_person(rng: random.Random, place: str) -> Person:
    last = rng.choice(LAST)
    role = rng.choice(ROLES).format(area=rng.choice(AREAS), org=rng.choice(ORGS), place=place)
    variant = None
    for old, new in VARIANTS:
        if old in last and rng.random() < 0.5:
            variant = last.replace(old, new, 1)
            break
    return Person(rng.choice(FIRST), last, role, variant)


def make_story(rng: random.Random, index: int) -> Story:
    place = place_name(rng)
    topic, act, gain = rng.choice(TOPICS)
    people = [make_person(rng, place) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.2:  # two different people who share a surname
        people.append(
            Person(
                rng.choice(FIRST),
                people[0].last,
                rng.choice(ROLES).format(area=rng.choice(AREAS), org=rng.choice(ORGS), place=place),
            )
        )
    start = date(2019, 1, 1) + timedelta(days=(index * 37 + rng.randint(0, 30)) % 2200)
    things = [f"the {place_name(rng)} {rng.choice(NOUNS)}" for _ in range(6)]
    return Story(
        place, topic.format(place=place), act.format(place=place), gain, people, start, things
    )


def a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def narrative(rng: random.Random, story: Story) -> str:
    """A sentence of reporting: the varied vocabulary around the quotes."""
    noun, noun2 = rng.sample(NOUNS, 2)
    return rng.choice(
        (
            f"The {rng.choice(ADJS)} {noun} on {story.topic} was {rng.choice(VERBS)} "
            f"{rng.choice(WHEN)} by officials in {story.place}.",
            f"Critics said the {noun} had been {rng.choice(VERBS)} without {a(rng.choice(ADJS))} "
            f"{noun2}, and several groups asked for more time.",
            f"According to {rng.choice(OUTLETS)}, the {rng.choice(ADJS)} {noun} would affect "
            f"about {rng.randint(2, 95) * 1000:,} people around {story.place}.",
            f"{story.place} has seen {rng.choice(ADJS)} debate over {story.gain} since the "
            f"{noun} was first {rng.choice(VERBS)} {rng.randint(2, 11)} years ago.",
            f"The {noun} is expected to go before the {rng.choice(ORGS)} after "
            f"{a(rng.choice(ADJS))} {noun2} later this year.",
        )
    )


def marks(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.55:
        return "\u201c", "\u201d"
    if roll < 0.85:
        return '"', '"'
    return rng.choice((("\u201c", '"'), ('"', "\u201d")))  # mixed marks, as scraped text has


def statement(rng: random.Random, story: Story, stance: str) -> str:
    pool = {"support": SUPPORT, "oppose": OPPOSE, "retract": RETRACT, "neutral": NEUTRAL}[stance]
    adj = rng.choice(ADJS)
    text = rng.choice(pool).format(
        act=story.act,
        gain=story.gain,
        place=story.place,
        noun=rng.choice(NOUNS),
        adj=adj,
        a_adj=a(adj),
    )
    slots = {
        "noun": rng.choice(NOUNS),
        "adj": rng.choice(ADJS),
        "org": rng.choice(ORGS),
        "month": rng.choice(MONTHS),
        "years": rng.randint(2, 12),
        "place": story.place,
        "thing": rng.choice(story.things),
    }
    if rng.random() < 0.4:
        opener = rng.choice(OPENERS).format(**slots)
        text = f"{opener} {text[0].lower()}{text[1:]}" if text[:2] != "I " else f"{opener} {text}"
    if rng.random() < 0.6:  # a random tail, so a statement is rarely made twice by chance
        text = text.rstrip("?") + " " + rng.choice(DETAILS).format(**slots)
    if rng.random() < 0.15:  # a nested quotation, which belongs to the outer quote
        term = rng.choice(SCARE_TERMS)
        text += f", and {story.place} is not a \u2018{term}\u2019 for the {rng.choice(ORGS)}"
    return text


def said_verb(rng: random.Random) -> str:
    return rng.choice(("said", "said", "told reporters", "wrote on X", "added", "insisted"))


def quote_paragraph(rng: random.Random, story: Story, person: Person, text: str) -> list[str]:
    """One statement laid out in one of the styles news copy uses; may span two paragraphs."""
    opening, closing = marks(rng)
    name, role = person.full(rng), person.role
    style = rng.randrange(7)
    if style == 0:
        return [f"{opening}{text},{closing} {name}, {role}, {said_verb(rng)}."]
    if style == 1:
        return [f"{name}, {role}, {said_verb(rng)}: {opening}{text}.{closing}"]
    cuts = [i for i in range(len(text)) if text.startswith(", ", i)]
    cuts = [i for i in cuts if len(text[:i].split()) >= 5 and len(text[i:].split()) >= 5]
    if style == 2 and cuts:  # split around the attribution, at the comma nearest the middle
        cut = min(cuts, key=lambda i: abs(len(text) / 2 - i))
        first, rest = text[:cut], text[cut + 2 :]
        pronoun = rng.choice(("he", "she", person.short(rng)))
        return [f"{opening}{first},{closing} {pronoun} said. {opening}{rest}.{closing}"]
    if style == 3:  # continuation: the first paragraph's quote stays open
        extra = statement(rng, story, "neutral")
        return [
            f"{person.short(rng)} {said_verb(rng)} {rng.choice(WHEN)}: {opening}{text}.",
            f"{opening}{extra}.{closing}",
        ]
    if style == 4:  # partial quote inside reported speech
        # Reporters quote the distinctive words: a fragment with the story's own place in it.
        plain = text.split(", and ")[0].split()
        length = min(len(plain), rng.randint(3, 6))
        starts = range(len(plain) - length + 1)
        own = [i for i in starts if any(story.place in w for w in plain[i : i + length])]
        first = rng.choice(own or list(starts))
        fragment = " ".join(plain[first : first + length]).rstrip("?;,.")
        return [
            f"{name} {said_verb(rng)} the government must not forget that {opening}{fragment}"
            f"{closing} and that {story.gain} was at stake."
        ]
    if style == 5:
        return [f"{narrative(rng, story)} {person.short(rng)} added: {opening}{text}.{closing}"]
    return [f"{opening}{text},{closing} said {name}, {role}."]


def related(rng: random.Random, story: Story) -> list[str]:
    heads = [
        f"{story.place}: what the {rng.choice(NOUNS)} means for {story.gain}",
        f"Opinion: the {rng.choice(ADJS)} {rng.choice(NOUNS)} nobody wants",
        f"Explainer: {story.topic}",
    ]
    rng.shuffle(heads)
    return ["Related:", *(f"- {h}" for h in heads[: rng.randint(2, 3)])]


def article(rng: random.Random, story: Story, day: int, target: int) -> str:
    when = story.start + timedelta(days=day)
    person = rng.choice(story.people)
    headline = rng.choice(
        (
            f"{person.full(rng)} on {story.topic}",
            f"{story.place} divided over {story.topic}",
            f"Officials {rng.choice(VERBS)} plan to {story.act}",
            f"{rng.choice(ADJS).capitalize()} {rng.choice(NOUNS)} in {story.place} row",
        )
    )
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    lines = [headline, ""]
    date_line = rng.choice(
        (
            f"Published: {when.isoformat()}",
            f"{when:%B} {when.day}, {when.year}",
            f"{when:%d %B %Y}, updated {rng.randint(8, 22)}:{rng.randint(0, 59):02d}",
        )
    )
    lines += [date_line, f"By {author}", ""]
    paragraphs = [" ".join(narrative(rng, story) for _ in range(2))]
    size = len(headline) + 60
    while size < target:
        roll = rng.random()
        if roll < 0.4:
            paragraph = [" ".join(narrative(rng, story) for _ in range(rng.randint(2, 4)))]
        elif roll < 0.55 and story.said:
            # An earlier statement comes back: repeated, excerpted, retracted or rebutted.
            speaker, earlier = rng.choice(story.said)
            reaction = rng.random()
            if reaction < 0.4:
                paragraph = quote_paragraph(rng, story, speaker, earlier)
            elif reaction < 0.6:
                words = earlier.split()
                excerpt = " ".join(words[: max(4, len(words) * 2 // 3)]).rstrip("?;,.")
                paragraph = quote_paragraph(rng, story, speaker, excerpt)
            elif reaction < 0.8:
                paragraph = quote_paragraph(rng, story, speaker, statement(rng, story, "retract"))
            else:
                other = rng.choice([p for p in story.people if p is not speaker] or story.people)
                paragraph = quote_paragraph(rng, story, other, statement(rng, story, "oppose"))
        elif roll < 0.62:
            scare = rng.choice(SCARE_TERMS)
            opening, closing = marks(rng)
            term = rng.choice(SCARE).format(q=f"{opening}{scare}{closing}")
            paragraph = [
                f"{term} has been {rng.choice(VERBS)} by {rng.choice(ORGS)} officials. "
                f"{narrative(rng, story)}"
            ]
        else:
            speaker = rng.choice(story.people)
            stance = rng.choice(("support", "oppose", "neutral", "neutral"))
            text = statement(rng, story, stance)
            story.said.append((speaker, text))
            paragraph = quote_paragraph(rng, story, speaker, text)
        paragraphs += paragraph
        size += sum(len(p) + 2 for p in paragraph)
    body = "\n\n".join(paragraphs)
    tail = ["", *related(rng, story), "", f"{author} reports for {rng.choice(OUTLETS)}."]
    return "\n".join(lines) + "\n" + body + "\n" + "\n".join(tail) + "\n"


def generate(out: Path, count: int, seed: int, size: int = 4500) -> list[Path]:
    """Write `count` articles into `out`; returns their paths. Same seed, same bytes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    story_index = 0
    while len(paths) < count:
        story = make_story(rng, story_index)
        for day in sorted(rng.sample(range(40), rng.randint(3, 14))):
            if len(paths) >= count:
                break
            target = int(size * rng.uniform(0.6, 1.4)) - 400  # headline, metadata and tail
            path = out / f"{len(paths):05d}_{story.place.lower()}.txt"
            path.write_text(article(rng, story, day, target), encoding="utf-8")
            paths.append(path)
        story_index += 1
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=4500, help="mean article size in bytes")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.articles, args.seed, args.size)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {total / 1e6:.1f} MB in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
