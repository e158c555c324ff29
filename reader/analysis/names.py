"""Personal names in running text: finding them, telling them from places and organisations,
splitting titles off into a role, and finding the fullest form an article uses.

A name is a run of capitalised tokens (with particles such as `de`, `van`, `al-`, hyphens,
initials and any alphabet's capitals). Everything is regex plus word lists: attribution runs on
every quote of large collections, so there is no parser or model here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from reader.analysis.speechwords import speech_words


def _upper_class() -> str:
    """A regex character class body with every upper-case letter of the Basic Multilingual Plane."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if chr(cp).isupper():
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


UPPER = _upper_class()
_SPACE = "[ \u00a0]"
# One capitalised token: `Jenssen`, `O’Brien`, `Jean-Claude`, `al-Assad`, an initial `W.`, a
# dotted abbreviation `U.S.` (one token, so `Assistant U.S. Attorney Rachel Kim` is one run).
_TOKEN = (
    rf"(?:(?:al|el|ad|ash|as|an|at|ul)-)?[{UPPER}]"
    rf"(?:(?:\.[{UPPER}])+\.?|\.|\w*(?:['’][{UPPER}]\w*)?(?:-[{UPPER}]\w*)*)"
)


# A romanised syllable (`Ji`, `Sung`, `hoon`, `woo`, `jun`, `young`): a hyphen followed by a
# lower-case syllable is part of a given name (`Park Ji-woo`, `Kim Sung-hoon`) when the part
# before it is one syllable too, unlike compounds such as `Kyiv-based` or `Pro-war`.
_SYLLABLE = r"[aeiouwy]{1,3}(?:ng|[nmkl])?(?![a-z])"
_GIVEN_NAME = (
    rf"(?:[BCDGHJKMNPRSTWYZ][bcdghjkmnprstwyz]?|[AEIOUWY])(?:{_SYLLABLE})?"
    rf"-[bcdghjkmnprstwyz]{{0,2}}{_SYLLABLE}(?![\w'’-])"
)


@cache
def name_pattern() -> re.Pattern[str]:
    """Runs of capitalised tokens, allowing lower-case particles between them.

    Abbreviated titles keep their full stop (`Ms. Silva` is one run) so they can be split off.
    """
    words = speech_words()
    particles = "|".join(sorted(map(re.escape, words.particles), key=len, reverse=True))
    abbreviated = sorted(
        (t[:-1] for t in words.titles if t.endswith(".") and len(t) > 2), key=len, reverse=True
    )
    titles = "|".join(re.escape(t[0].upper() + t[1:]) for t in abbreviated)
    token = rf"(?:(?:{titles})\.(?={_SPACE})|{_GIVEN_NAME}|{_TOKEN})"
    # Every run starts with a capital, a title's first letter or a prefix such as `al-`: testing
    # that one character first lets the regex engine skip most positions of the text quickly.
    firsts = re.escape("".join(sorted({t[0].upper() for t in abbreviated} | {"a", "e", "u"})))
    return re.compile(
        rf"(?=[{UPPER}{firsts}])(?<![\w.'’-]){token}"
        rf"(?:(?:{_SPACE}(?:{particles})(?={_SPACE}))*{_SPACE}{token})*"
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """A person's name in the text: `name` without titles, `role` the titles stripped off.

    `start` is where the whole run begins (titles included), `end` where the name ends.
    """

    name: str
    role: str | None
    start: int
    end: int


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper() and sum(c.isalpha() for c in token) >= 2


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ican", "i", "ch", "ek")


def _is_adjective_of_place(token: str, places: frozenset[str]) -> bool:
    low = token.lower()
    return _is_acronym(token) or (low in places and low.endswith(_DEMONYM_ENDINGS))


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(role tokens, name tokens): titles, demonyms and acronyms at the front are the role.

    Only the leading run is stripped, so a surname that is also a title word (`Julie Bishop`)
    stays a name.
    """
    words = speech_words()
    i = 0
    while i < len(tokens) and _bare(tokens[i]) in words.stopwords:
        i += 1
    role_start = i
    has_title = False
    while i < len(tokens) - 1:
        low = tokens[i].lower()
        if has_title and i == len(tokens) - 2 and low in words.places and low not in words.titles:
            # `Energy Minister German Galushchenko`: after a title, a nationality word with
            # only a surname after it is the first name (German, Jordan, Georgia).
            break
        title = low in words.titles or _bare(tokens[i]) in words.titles or low in words.person_roles
        if (
            title
            or low in words.places
            or low in words.organisation_words
            or _is_acronym(tokens[i])
        ):
            has_title = has_title or title
            i += 1
        else:
            break
    if not has_title:
        # `Ukrainian Volodymyr Zelensky` loses the adjective, but `Jordan Lee` and
        # `Georgia Smith` keep a place name that is also a first name.
        i = role_start
        while i < len(tokens) - 1 and _is_adjective_of_place(tokens[i], words.places):
            i += 1
    # `Treasury Secretary Janet Yellen`: an unknown word before a title is part of the role.
    for j in range(len(tokens) - 2, i - 1, -1):
        if tokens[j].lower() in words.titles and tokens[j].lower() not in words.particles:
            i = j + 1
            break
    return tokens[role_start:i], tokens[i:]


def plural_of_role(low: str, roles: frozenset[str]) -> bool:
    """`fans`, `nurses`, `coaches`: the plural of a noun for a person."""
    return low.endswith("s") and (low[:-1] in roles or (low.endswith("es") and low[:-2] in roles))


def is_person_name(tokens: list[str]) -> bool:
    """Whether title-free tokens can be a person: not a place, organisation, acronym or weekday."""
    if not tokens or len(tokens) > 5:
        return False
    words = speech_words()
    lowered = [t.lower() for t in tokens]
    if any(t in words.organisation_words for t in lowered):
        return False
    if all(_bare(t) in words.stopwords or t in words.places for t in lowered):
        return False
    if lowered[0] in words.particles and lowered[0] not in words.male_names:
        return False  # `Le Monde`, `El País`; but `Ben Rhodes`, `Al Gore` are people
    if len(tokens) == 1 and (
        lowered[0] in words.group_roles
        or lowered[0] in words.person_roles
        or plural_of_role(lowered[0], words.person_roles)
    ):
        # `Critics of the pact said`, `Officials said`, `Fans called her`: a sentence-initial
        # noun, never a person (a plural cannot be `she`).
        return False
    if all(_is_acronym(t) for t in tokens):
        return False
    return any(len(t.rstrip(".")) >= 2 and not _is_acronym(t) for t in tokens)


@lru_cache(maxsize=1 << 16)
def parse_run(run: str) -> tuple[str | None, str | None]:
    """(role, name) of a capitalised run; name None when the run is not a person.

    Cached: the same names and titles recur across a collection, and this is the hot path.
    """
    role_tokens, name_tokens = split_title(run.split())
    if not is_person_name(name_tokens):
        return None, None
    honorifics = speech_words().honorifics
    role = [t for t in role_tokens if t.lower() not in honorifics]
    return (" ".join(role) or None), " ".join(name_tokens)


_DETERMINER_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an)\s$", re.IGNORECASE)


def _mention(text: str, start: int, end: int, run: str) -> Mention | None:
    """A person mention for a run, or None when it is not a person.

    Not people: a run after a determiner (`the Verdens Gang newspaper`, `A Fed official`)
    unless a title was stripped (`the Ukrainian President Volodymyr Zelensky`), and a run
    that modifies a role noun after it (`Kremlin spokesman`, `Fed official`).
    """
    role, name = parse_run(run)
    if name is None:
        return None
    if role is None:
        if run.split(" ", 1)[0] in ("A", "An", "The"):
            return None
        if _DETERMINER_BEFORE.search(text, max(0, start - 5), start):
            return None
    if _modifies_role_ahead(text, end):
        return None
    if role is None and " " not in run and _fronted_adverbial(text, start, end, name):
        return None
    return Mention(name, role, start, end)


# Up to three lower-case words and a capitalised word after a run: `Longtime crossing guard
# Walter`, `Wycombe boss Matt`, `Kremlin spokesman Dmitry`.
_WORDS_THEN_CAPITAL = re.compile(rf"((?:[ \u00a0][a-z][\w-]*){{1,3}})(?=[ \u00a0][{UPPER}])")
_ROLE_NEXT = re.compile(r"[ \u00a0]([a-z][\w-]*)")


def _modifies_role_ahead(text: str, end: int) -> bool:
    """Whether the run modifies a role noun after it rather than naming a person: `Kremlin
    spokesman`, `Fed official`, `Longtime crossing guard Walter Pruitt`."""
    words = speech_words()
    after = _ROLE_NEXT.match(text, end)
    if after is None:
        return False
    if after.group(1) in words.person_roles:
        return True
    ahead = _WORDS_THEN_CAPITAL.match(text, end)
    if ahead is None:
        return False
    tokens = ahead.group(1).split()
    if tokens[-1] not in words.person_roles:
        return False
    verbs = words.speech_verbs | words.evaluative_verbs
    return not any(
        t in words.stopwords
        or t in verbs
        or t in words.adverbs
        or t in words.clause_openers
        or t in words.irregular_past
        or t.endswith("ed")
        for t in tokens
    )


# A sentence-initial word, then lower-case words up to a comma and a capitalised word:
# `Back on the ward, Delgado`, `Outside the courthouse, Blum`.
_FRONTED = re.compile(rf"((?:[ \u00a0][a-z][\w'’-]*){{1,6}}),[ \u00a0]+[{UPPER}]")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?…][\"”’)]*\s+|\n\s*)[\"“‘(]?$")
_FRONTED_OPENERS = frozenset(
    {"on", "in", "at", "the", "a", "an", "from", "of", "to", "into", "with", "by", "near"}
)


def _fronted_adverbial(text: str, start: int, end: int, name: str) -> bool:
    """Whether a one-word run opening a sentence starts an adverbial phrase (`Back on the
    ward, Delgado checks`), not a name: it is followed by a preposition or article and
    lower-case words up to a comma, and is no known first name."""
    words = speech_words()
    low = name.lower()
    if low in words.female_names or low in words.male_names:
        return False
    ahead = _FRONTED.match(text, end)
    if ahead is None:
        return False
    tokens = ahead.group(1).split()
    if tokens[0] not in _FRONTED_OPENERS:
        return False
    verbs = words.speech_verbs | words.evaluative_verbs
    if any(t in verbs for t in tokens):
        return False
    return _SENTENCE_BEFORE.search(text, max(0, start - 4), start) is not None


def person_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Names of people in `text[start:end]`, titles split off into the role."""
    found = []
    for match in name_pattern().finditer(text, start, end):
        mention = _mention(text, match.start(), match.end(), match.group())
        if mention is not None:
            found.append(mention)
    return found


class NameIndex:
    """Every capitalised run of one article, found in a single regex pass.

    Attribution asks for the people in many small windows and for the fullest form of each
    speaker's name; answering from one index keeps the cost linear in the article's length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs = [(m.start(), m.end(), m.group()) for m in name_pattern().finditer(text)]
        self.starts = [r[0] for r in self.runs]
        self._by_last: dict[str, list[int]] | None = None
        self._by_first: dict[str, list[int]] | None = None  # runs holding each token
        # The person mention of each run, parsed on first use (False: not parsed yet).
        self._parsed: list[Mention | None | bool] = [False] * len(self.runs)

    def _mention_at(self, i: int) -> Mention | None:
        parsed = self._parsed[i]
        if parsed is False:
            start, end, run = self.runs[i]
            parsed = self._parsed[i] = _mention(self.text, start, end, run)
        return parsed  # type: ignore[return-value]

    def mentions(self, lo: int, hi: int, hidden: str = "", base: int = 0) -> list[Mention]:
        """People named in `text[lo:hi]`; runs where `hidden[start - base]` is a NUL are skipped
        (quoted words, masked by the caller)."""
        found = []
        runs = self.runs
        i = bisect_left(self.starts, lo)
        while i < len(runs) and runs[i][1] <= hi:
            start = runs[i][0]
            i += 1
            if hidden and hidden[start - base] == "\x00":
                continue
            mention = self._mention_at(i - 1)
            if mention is not None:
                found.append(mention)
        return found

    def fullest(self, name: str, near: int) -> Mention | None:
        """The longest person mention ending with `name` ("Stian Jenssen" for "Jenssen").

        Ties go to the mention closest before `near`, so two people sharing a surname resolve
        to the one the passage is about.
        """
        tokens = name.split()
        if not tokens:
            return None
        if self._by_last is None:
            self._by_last = {}
            for i, (_, _, run) in enumerate(self.runs):
                self._by_last.setdefault(run.rsplit(" ", 1)[-1], []).append(i)
        best: Mention | None = None
        best_key: tuple[int, int] = (-1, 0)
        size = len(self.text)
        for i in self._by_last.get(tokens[-1], ()):
            mention = self._mention_at(i)
            if mention is None:
                continue
            start = mention.start
            found = mention.name.split()
            if found[-len(tokens) :] != tokens:
                continue
            distance = near - start if start <= near else size + start
            key = (len(found), -distance)
            if key > best_key:
                best_key, best = key, mention
        if len(tokens) == 1 and (best is None or len(best.name.split()) == 1):
            # Used on its own and nowhere as a surname: a first name (`Angela says`) or the
            # first of several names (`Tedros`) of the one person written in full.
            return self._by_first_token(tokens[0]) or best
        return best

    def _by_first_token(self, token: str) -> Mention | None:
        """The one fuller name that starts with `token`, when a lone name is used nowhere as a
        surname: `Tedros` is `Tedros Adhanom Ghebreyesus`, `Angela` is `Angela Russo`; None
        when two different people start so (two Annas)."""
        if self._by_first is None:
            self._by_first = {}
            for i, (_, _, run) in enumerate(self.runs):
                for part in run.split(" "):
                    self._by_first.setdefault(part, []).append(i)
        found: Mention | None = None
        for i in self._by_first.get(token, ()):
            mention = self._mention_at(i)
            if mention is None:
                continue
            parts = mention.name.split()
            if len(parts) < 2 or parts[0] != token:
                continue
            if found is not None and found.name != mention.name:
                return None
            found = mention
        return found


_WORD = re.compile(r"\S+")
POSSESSIVE = re.compile(r"['’]s?$")
_ROLE_STOP = re.compile(r"[,;:.!?\"“”‘’()\[\]—–\x00]")


def _possessed(tokens: list[re.Match[str]], match: re.Match[str]) -> bool:
    """Whether the token before `match` is a capitalised possessive (`Navalny’s`)."""
    i = tokens.index(match)
    if i == 0:
        return False
    before = tokens[i - 1].group()
    return before[0].isupper() and POSSESSIVE.search(before) is not None and len(before) > 2


def role_before(text: str, pos: int, floor: int) -> tuple[str | None, int]:
    """The role written right before a name ("foreign ministry spokesman" Oleh Nikolenko).

    Walks back over role words and capitalised words until punctuation or an ordinary word;
    returns (role, start) with role None when the run holds no title or role noun.
    """
    words = speech_words()
    window_start = max(floor, pos - 120)
    tokens = list(_WORD.finditer(text, window_start, pos))
    taken: list[re.Match[str]] = []
    has_head = possessed = False
    for match in reversed(tokens):
        token = match.group()
        if _ROLE_STOP.search(POSSESSIVE.sub("", token)):
            break
        low = token.lower()
        known = low in words.role_words or low in words.titles or low in words.person_roles
        if _bare(token) in words.stopwords and low not in words.role_words:
            break
        if known or token[0].isupper():
            has_head = has_head or known
        elif not has_head and _possessed(tokens, match):
            has_head = possessed = True  # `Navalny’s widow Yulia Navalnaya`
        elif not has_head or low in words.speech_verbs or low in words.adverbs:
            break
        # else: a modifier of a role noun already taken ("central bank governor")
        taken.append(match)
    taken.reverse()
    while taken and taken[0].group().lower() in {"of", "to", "and", "for"}:
        taken.pop(0)
    if not taken or not (
        possessed
        or any(
            m.group().lower() in words.person_roles or m.group().lower() in words.titles
            for m in taken
        )
    ):
        return None, pos
    return " ".join(m.group() for m in taken), taken[0].start()


_APPOSITION = re.compile(
    r",[ \u00a0]+(?:\d{1,3},[ \u00a0]+)?([^,;:\x00“”\"]{3,160}?)(?=,|[.;:]?[ \u00a0]*$|\.[ \u00a0])"
)


def apposition_after(text: str, pos: int, end: int) -> str | None:
    """The description in `Name, an aide to ..., said` (an age before it is skipped)."""
    match = _APPOSITION.match(text, pos, end)
    if match is None:
        return None
    phrase = match.group(1).strip()
    first = phrase.split(" ", 1)[0]
    words = speech_words()
    low = first.lower()
    if not is_role_start(first):
        return None
    if low in words.speech_verbs or low in words.evaluative_verbs or low in words.adverbs:
        return None
    if low in {"a", "an", "the"} or first[0].islower() or low in words.titles:
        return phrase
    return None


_DESCRIPTION_BEFORE = re.compile(
    r"(?:^|(?<=[\s(]))((?:[Tt]he|[Aa]n?|[A-Z][\w-]*['’]s) [^,.;:“”\"\x00]{2,80}?),[ \u00a0]+$"
)


def description_before(text: str, pos: int, floor: int) -> str | None:
    """The description in `The transport secretary, Louise Haigh, said`: a noun phrase ending
    in a role noun and a comma right before the name."""
    match = _DESCRIPTION_BEFORE.search(text, max(floor, pos - 100), pos)
    if match is None:
        return None
    description = match.group(1)
    head = description.rsplit(" ", 1)[-1].lower()
    words = speech_words()
    if head in words.person_roles or head in words.titles:
        first, rest = description.split(" ", 1)
        return rest if first.lower() == "the" else description
    return None


def is_role_start(word: str) -> bool:
    """Whether a phrase starting with `word` can describe a person (`an aide`, `chief of`),
    rather than being a clause (`who runs`) or a participle (`speaking in New York`)."""
    low = word.lower()
    return low not in speech_words().clause_openers and not (
        word.islower() and word.endswith("ing")
    )


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-free form for comparing names across articles."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


def slug(name: str) -> str:
    """An id for a speaker: ASCII letters and digits joined by hyphens."""
    key = name_key(name)
    ascii_only = key.encode("ascii", "ignore").decode()
    return "-".join(ascii_only.split()) or "speaker"
