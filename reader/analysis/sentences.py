"""A paragraph as attribution sees it: quoted words masked out and the rest cut into sentences.

Attribution rules look for speech verbs and names in the narration around a quote, never inside
it (`“Putin will not come back,” he said` is not Putin speaking), so each quote's words are
replaced by NUL characters of the same length; offsets stay those of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.names import UPPER
from reader.analysis.speechwords import speech_words
from reader.model import Quote

MASK = "\x00"
OPENING_MARKS = "“\"‘'„‚«‹「『〝＂"
CLOSING_MARKS = "”\"’'“‘»›」』〞〟＂"
# A full stop and a capital (or an opening mark: the quoted words after it are masked).
_SENTENCE_END = re.compile(rf"[.!?…]+[\"”’)\]]*(?=\s+(?:[\"“‘„«(\[]|[{UPPER}0-9]))")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"”’)\]]*$")
_NEXT_STARTS_SENTENCE = re.compile(rf"\s+(?:[{re.escape(OPENING_MARKS)}(\[]|[{UPPER}0-9])")


@dataclass
class Paragraph:
    """One body paragraph: `masked` is `text[start:end]` with quoted words replaced by MASK."""

    start: int
    end: int
    masked: str
    quotes: list[Quote]
    # (start, end) of each sentence, relative to the paragraph.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Where each quote's marks are: (opening mark, just after the closing mark), relative.
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding relative offset `pos`."""
        for i, (_, end) in enumerate(self.sentences):
            if pos < end:
                return i
        return len(self.sentences) - 1


def _mark_positions(text: str, quote: Quote, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of the opening mark and just past the closing mark (paragraph end if none)."""
    i = quote.start - 1
    while i > lo and text[i].isspace():
        i -= 1
    opening = i if i >= lo and text[i] in OPENING_MARKS + CLOSING_MARKS else quote.start
    if quote.open_ended:
        return opening, hi
    j = quote.end
    while j < hi and text[j].isspace():
        j += 1
    closing = j + 1 if j < hi and text[j] in OPENING_MARKS + CLOSING_MARKS else quote.end
    return opening, closing


def build_paragraph(text: str, start: int, end: int, quotes: list[Quote]) -> Paragraph:
    """`text[start:end]` holding `quotes`, masked and cut into sentences.

    Attribution, stance and time each ask for the same paragraphs of one article, so those of
    the last text asked about are kept (callers never modify them). The key holds the quote
    objects themselves (the kept paragraph refers to them, so their ids stay unique) and the
    fields the result depends on.
    """
    if _built[0] is not text:
        _built[0] = text
        _built[1] = {}
    key = (start, end, tuple((id(q), q.id, q.start, q.end, q.open_ended) for q in quotes))
    para = _built[1].get(key)
    if para is None:
        para = _built[1][key] = _build_paragraph(text, start, end, quotes)
    return para


_built: list = [None, {}]


def _build_paragraph(text: str, start: int, end: int, quotes: list[Quote]) -> Paragraph:
    pieces = []
    pos = start
    marks = {}
    for quote in quotes:
        qs, qe = max(quote.start, pos), min(quote.end, end)
        if qs < qe:
            pieces.append(text[pos:qs])
            pieces.append(MASK * (qe - qs))
            pos = qe
        opening, closing = _mark_positions(text, quote, start, end)
        marks[quote.id] = (opening - start, closing - start)
    pieces.append(text[pos:end])
    masked = "".join(pieces)
    para = Paragraph(start, end, masked, quotes, marks=marks)
    para.sentences = _split_sentences(text, para)
    return para


_NEXT_IS_WORD = re.compile(r"\s+\w")
_WORDS_AHEAD = re.compile(r"[^.!?\x00]{0,80}")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _attribution_follows(masked: str, pos: int) -> bool:
    """Whether a speech verb comes within a few words after `pos`, before any full stop."""
    ahead = _WORDS_AHEAD.match(masked, pos).group()
    verbs = speech_words().speech_verbs
    return any(word in verbs for word in _LOWER_WORD.findall(ahead)[:6])


def _split_sentences(text: str, para: Paragraph) -> list[tuple[int, int]]:
    masked = para.masked
    abbreviations = speech_words().abbreviations
    cuts = set()
    for match in _SENTENCE_END.finditer(masked):
        word = _LAST_WORD.search(masked, max(0, match.start() - 40), match.end())
        if word is not None:
            last = word.group(1).rstrip(".").lower()
            if last in abbreviations:
                continue
            initial = len(last) == 1 and last.isalpha()
            if initial and _NEXT_IS_WORD.match(masked, match.end()):
                continue  # `George W. Bush`, but not `wrote on X. “…`
        cuts.add(match.end())
    # A quotation that ends its sentence (`... decide.” Next`) hides its full stop under the mask.
    for quote in para.quotes:
        _, closing = para.marks[quote.id]
        inner = text[quote.start : quote.end].rstrip()
        if not inner.endswith((".", "!", "?", "…")):
            continue
        if not _NEXT_STARTS_SENTENCE.match(masked, closing):
            continue
        if inner.endswith(("?", "!")) and _attribution_follows(masked, closing):
            continue  # `“Is it over?” Smith asked.` is one sentence
        cuts.add(closing)
    bounds = sorted(c for c in cuts if 0 < c < len(masked))
    sentences = []
    prev = 0
    for cut in bounds:
        sentences.append((prev, cut))
        prev = cut
    sentences.append((prev, len(masked)))
    return sentences
