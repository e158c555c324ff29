"""What a single short line of an article is: a dateline, a byline, a related link, a footer.

These tests look at one paragraph or line at a time; the structure of a whole article (title
first, meta near the top, boilerplate at the end) is decided in `ingest_text`, which only says
whether a line stands near the top or end (`edge`). Every test here runs on short strings
only (callers cap the length), and the patterns are anchored and free of nested repetition,
so a 100,000-character line can never make them slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.ingest_dates import DateMatch, find_date

# Lines longer than this are prose, never a footer or promotion.
SHORT = 200
# Datelines, bylines and source lines are shorter still (a long byline lists five names).
META_MAX = 120

_BULLET = re.compile(r"[-*+•·▪◦‣►]\s+")
_HEADING = re.compile(r"#{1,6}\s+")
# Markdown emphasis marks opening or closing a run of words (`**By Jane Doe** · Metro desk`),
# never those inside a word (`snake_case`, `@jane_doe`) or standing alone (`5 * 3`).
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])")
# A Markdown link keeps its words: `[Transit authority warns](https://...)`.
_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\([^()\s]*\)")

# "Published Date: 04:14 | 02 December 2024", "date 2023-08-16", "Updated on Aug. 16, 2023".
_DATE_KEY = re.compile(
    r"(?P<key>(?:first\s+)?published|posted|(?:last\s+)?updated|(?:last\s+)?modified|dated?"
    r"|created|issued|released)\b(?:\s+(?:date|on|at|time)\b)?\s*[:|\-–—]?\s*",
    re.IGNORECASE,
)
_LATER_KEYS = ("updated", "modified")
# What may surround a date on a date line: times, zones, weekdays, separators.
_DATE_RESIDUE = re.compile(
    r"t\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?|[\d\s:.,|/()+\-–—]+"
    r"|\b(?:am|pm|a\.m|p\.m|at|on|hrs?|gmt|utc|bst|cest|cet|eest|eet|est|edt"
    r"|cst|cdt|pst|pdt|mst|mdt|et|pt|ist|jst|msk|kyiv|time|mon(?:day)?|tue(?:s|sday)?"
    r"|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\s*(?:,|at|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?")
_PREFIX_GAP = re.compile(r"\s*[|–—:-]\s*|\s+")
_AUTHOR_KEY = re.compile(
    r"(?:authors?|written by|reporter|reported by|words by|story by|text by|byline"
    r"|interview by|interviewed by)"
    r"\s*[:|\-–—]?\s*(?P<value>.+)",
    re.IGNORECASE,
)
_BY = re.compile(r"(?:by|BY|By)\s+(?P<value>.+)")
_SOURCE_KEY = re.compile(r"(?:sources?|via|agency)\s*:\s*(?P<value>.+)", re.IGNORECASE)
_READING_TIME = re.compile(r"(?:\d+\s*(?:min|mins|minutes?)\s*read|reading time\b.*)", re.I)
_CAPTION = re.compile(
    r"(?:(?:file |top |main |lead )?(?:photo|image|photograph|picture|video|media)"
    r"(?: (?:source|caption|credit))?|caption|credit)\s*[:/(]"
    r"|(?:image|media|video) (?:source|caption),",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_EXTRA_SPLIT = re.compile(r"\s*(?:[|/–—·•]|\s-\s|,)\s*")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
    ]
)

# "By Reuters", "By AP Staff": a byline that names an agency, not a person.
_WIRE = re.compile(
    r"(?:the )?(?:reuters|afp|ap|associated press|agence france-presse|dpa|efe|ansa|tass"
    r"|xinhua|kyodo|yonhap|ukrinform|anadolu agency|bloomberg(?: news)?)(?: staff)?",
    re.IGNORECASE,
)
_AGENCY = re.compile(
    r"\b(?:agency|agence|agencia|news|press|reuters|afp|ap|dpa|efe|ansa|tass|ria|interfax"
    r"|xinhua|kyodo|yonhap|ukrinform|anadolu|bloomberg|times|post|journal|tribune|herald"
    r"|gazette|telegraph|guardian|observer|monitor|chronicle|express|daily|network|media|wire"
    r"|service|broadcasting|radio|tv|television|bbc|cnn|npr|pbs|abc|cbs|nbc|dw|rfe/rl|rferl"
    r"|politico|axios|insider)\b",
    re.IGNORECASE,
)

# Footers and promotions that are never article text, wherever they appear.
_BOILERPLATE = re.compile(
    r"(?:read more\b|read also\b|also read\b|see also\b|more on this\b|further reading\b"
    r"|(?:related|recommended|more|watch|listen|latest)(?:\s+\w+){0,2}\s*(?:[:：>»|]|$)"
    r"|you (?:may|might) also like\b|most (?:read|popular)\b|advertisement$|advertising$"
    r"|sponsored(?: content| post| story)?$|skip advertisement|story continues below"
    r"|continue reading\b"
    r"|subscribe (?:to|now|for)\b|sign up (?:to|for|now)\b|share (?:this|on)\b|share:"
    r"|follow us\b|click here\b|join (?:us|our)\b|download (?:our|the)\b.*\bapp\b"
    r"|\(?(?:additional )?(?:reporting|writing|editing|compiled|translated) by\b"
    r"|share$|©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))",
    re.IGNORECASE,
)
# Credit lines that name their subject first. Kept apart from `_BOILERPLATE`, which is anchored
# and cheap: this pattern tries every start, so it runs only when `_CONTRIBUTED_HINT` is there.
_CONTRIBUTED = re.compile(
    r".{0,80}\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))", re.IGNORECASE
)
# Wire copy opens with a dateline naming the agency: "KYIV, Aug 16 (Reuters) - ...".
_DATELINE = re.compile(
    r"[A-Z][\w .'’-]{1,40}(?:,\s*[\w .'’-]{1,40}){0,2}\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
    r"\s*[-–—]"
)
# Buttons and labels of a web page that a copy-paste or scraper brings along as lines.
_PAGE_CONTROLS = frozenset(
    {
        "listen to this article",
        "listen",
        "save",
        "print",
        "email",
        "copy link",
        "link copied",
        "sign in",
        "log in",
        "gift this article",
        "play video",
        "watch video",
        "toggle caption",
        "hide caption",
        "show caption",
        "enlarge this image",
        "comments",
        "view comments",
        "add to your saved stories",
        "back to top",
    }
)
_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
# Parts of `_CONTRIBUTED` and `_RIGHTS` that a lowercased line holds wherever the pattern
# matches it: `re.IGNORECASE` matches a letter other than `i` and `s` only with characters that
# lowercase to it (`i` also matches `ı` and `İ`, `s` also `ſ`).
_CONTRIBUTED_HINT = "buted "
_RIGHTS_HINT = "all r"
_RELATED_HEADER = re.compile(
    r"(?:related(?: \w+){0,2}|read more"
    r"|read also|also read|see also|more (?:from|on|in) .{1,40}|more stories|more news"
    r"|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular)"
    r"|latest(?: news| stories)?|further reading|trending(?: now)?)\s*[:：>»]?",
    re.IGNORECASE,
)
_BIO_START = re.compile(
    r"(?P<name>[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,3})\s+(?:is|was)\s"
)
_BIO_ROLE = re.compile(
    r"\b(?:editor|reporter|correspondent|journalist|writer|author|columnist|contributor"
    r"|producer|freelancer?|analyst|fellow|covers|staff|desk)\b",
    re.IGNORECASE,
)
_FOLLOW = re.compile(
    r"\bfollow (?:him|her|them|us|me)\b|(?:twitter|instagram|bluesky|mastodon|threads)\b.{0,20}@\w",
    re.IGNORECASE,
)


@dataclass(slots=True)
class MetaLine:
    """What a metadata line says; `rank` orders dates: published (0) before updated (1)."""

    date: str | None = None
    rank: int = 0
    author: str | None = None
    source: str | None = None


def bullet_end(line: str) -> int:
    """Length of a list marker ("- ", "• ") at the start of a stripped line, 0 when none."""
    match = _BULLET.match(line)
    return match.end() if match else 0


def core(line: str) -> str:
    """A line without list markers, Markdown heading marks, emphasis and link targets, for
    classifying: `**By Jane Doe** · Metro desk` reads as the byline it is."""
    text = line.strip()
    text = text[bullet_end(text) :]
    heading = _HEADING.match(text)
    if heading:
        text = text[heading.end() :]
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text).strip()
    return text


def is_date_only(text: str, found: DateMatch) -> bool:
    """Whether everything around a date in `text` is time, zone or weekday."""
    rest = text[: found.start] + " " + text[found.end :]
    return not _DATE_RESIDUE.sub("", rest).strip()


def meta_line(text: str) -> MetaLine | None:
    """The metadata a short line carries (datelines, bylines, source lines), or None."""
    if not text or len(text) > META_MAX:
        return None
    keyed = _DATE_KEY.match(text)
    if keyed:
        found = find_date(text, keyed.end())
        if found and is_date_only(text[keyed.end() :], _shift(found, keyed.end())):
            later = keyed["key"].lower().endswith(_LATER_KEYS)
            return MetaLine(date=found.iso, rank=1 if later else 0)
    found = find_date(text)
    if found and is_date_only(text, found):
        return MetaLine(date=found.iso)
    author = _AUTHOR_KEY.fullmatch(text)
    if author and _looks_like_names(author["value"].rstrip(".")):
        return MetaLine(author=author["value"].strip().rstrip("."))
    by = _BY.fullmatch(text)
    if by:
        return _byline(by["value"])
    source = _SOURCE_KEY.fullmatch(text)
    if source and len(source["value"]) <= 80:
        return MetaLine(source=source["value"].strip().rstrip("."))
    if _READING_TIME.fullmatch(text):
        return MetaLine()
    return None


def _shift(found: DateMatch, offset: int) -> DateMatch:
    return DateMatch(found.start - offset, found.end - offset, found.iso)


def _byline(value: str) -> MetaLine | None:
    """`By Jane Doe and John Roe, Reuters`: the names, and what follows them (an agency, a
    date, a role such as `Staff Writer`, or more names)."""
    value = value.strip().rstrip(".")
    parts = _EXTRA_SPLIT.split(value, maxsplit=1)
    names, extra = parts[0], parts[1] if len(parts) > 1 else ""
    if _WIRE.fullmatch(names) and not extra:
        return MetaLine(source=names)
    if not _looks_like_names(names):
        return None
    if not extra or _BIO_ROLE.search(extra):
        return MetaLine(author=names)
    found = find_date(extra)
    if found and is_date_only(extra, found):
        return MetaLine(author=names, date=found.iso)
    if _AGENCY.search(extra) and len(extra) <= 60:
        return MetaLine(author=names, source=extra)
    # "By Jane Doe, John Roe and Ann Poe": the comma split cut a list of names.
    return MetaLine(author=value if _looks_like_names(value) else names)


def _looks_like_names(value: str) -> bool:
    """One or more personal names: capitalised words (and particles such as `van`), no digits."""
    names = [n for n in _NAME_SPLIT.split(value.strip()) if n]
    if not names or len(value) > 100:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 5:
            return False
        for word in words:
            if word.lower() in _PARTICLES:
                continue
            if not word[0].isupper() or any(ch.isdigit() for ch in word):
                return False
    return True


def meta_prefix(line: str) -> tuple[int, int] | None:
    """A dateline that starts a line of body text (`date 2023-08-16 Ukraine reacted`): where
    the dateline ends and where the body text starts.

    Only a keyword followed by a complete date counts, so a sentence that merely opens with a
    date ("August 16, 2023 was a hot day") is left whole.
    """
    start = len(line) - len(line.lstrip())
    keyed = _DATE_KEY.match(line, start)
    if not keyed:
        return None
    found = find_date(line[: keyed.end() + 60], keyed.end(), anchored=True)
    if not found:
        return None
    end = found.end
    time = _TIME.match(line, end)
    if time:
        end = time.end()
    body = _PREFIX_GAP.match(line, end)
    if body is None or body.end() >= len(line.rstrip()):
        return None
    return end, body.end()


def classify_line(text: str, edge: bool) -> tuple[str, MetaLine | None]:
    """Kind of a short paragraph or line on its own words: `meta` (with what it says),
    `boilerplate` or `body`. Datelines and bylines are only looked for near the top or end
    of an article (`edge`); captions and footers are recognised anywhere."""
    meta = meta_line(text) if edge else None
    if meta is not None:
        return "meta", meta
    if len(text) <= SHORT and _CAPTION.match(text):
        return "meta", MetaLine()
    if is_boilerplate(text):
        return "boilerplate", None
    return "body", None


def is_agency(text: str) -> bool:
    """Whether a short name reads as a news organisation rather than a section ("World")."""
    return len(text) <= 60 and bool(_AGENCY.search(text))


def dateline_source(text: str) -> str | None:
    """The agency in a wire dateline at the start of a paragraph, or None."""
    match = _DATELINE.match(text[:120])
    return match["agency"] if match and is_agency(match["agency"]) else None


def is_boilerplate(text: str) -> bool:
    """Promotions, share/subscribe prompts, copyright and credit lines: never article text."""
    if not text or len(text) > SHORT:
        return False
    lowered = text.lower()
    if lowered.rstrip(".:!") in _PAGE_CONTROLS:
        return True
    return bool(
        _BOILERPLATE.match(text)
        or (_CONTRIBUTED_HINT in lowered and _CONTRIBUTED.match(text))
        or (_RIGHTS_HINT in lowered and _RIGHTS.search(text))
    )


def is_related_header(text: str) -> bool:
    """A heading that introduces a list of other articles ("Related", "Read more:")."""
    return len(text) <= 60 and bool(_RELATED_HEADER.fullmatch(text))


def is_bio(text: str) -> bool:
    """An author's bio line ("X is the news editor of Y, follow him on Twitter @z")."""
    if not text or len(text) > 2 * SHORT:
        return False
    start = _BIO_START.match(text)
    if start and _looks_like_names(start["name"]) and _BIO_ROLE.search(text):
        return True
    return bool(_FOLLOW.search(text))
