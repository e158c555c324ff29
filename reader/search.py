"""Search-as-you-type over quotes, speakers and article text, instant on 100,000 quotes.

Each keystroke must cost far less than scanning the collection, so the index is built once:
every document (a quote, a speaker's names, an article's text) is split into words, folded
(lowercase, Latin accents dropped, offsets unchanged), and each word maps to the documents that
contain it. A query word is expanded against the sorted vocabulary, not the texts: words it
equals, words it starts, words it occurs inside (from three letters, or at once in scripts
written without spaces), and near spellings by rapidfuzz (from four letters, for typos and
variants such as Podolyak/Podoliak). A document matches when every query word matches one of
its words, so the match count (`total`: quotes, speakers and articles counted apart) comes
from set operations alone.

Only the best candidates are then scored on their text, in tiers so exact text always ranks
above fuzzy: the query as a phrase (or, for one word, at a word start) above all query words
found as substrings, above documents that only match by a near spelling; within a tier whole
words beat completions, which beat matches inside words, then earlier and shorter wins. When
more than `_SCORED` documents of a kind match (a one-letter query), the ones scored are picked
in word-match order (exact word, then shortest completions, then inner matches, then fuzzy),
so ranking within a huge match set is approximate while the count stays exact.

A quote is also found by its speaker's name or alias ("jenssen mistake"), ranked below quotes
whose own words match; a speaker by name or alias.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from reader.checkpoints import Checkpoint, no_checkpoint
from reader.gcpause import collector_paused
from reader.model import Analysis, Article, Speaker
from reader.safe_text import clean

KINDS = ("speaker", "quote", "article")

_WORD = re.compile(r"\w+")
_LABEL_WIDTH = 82  # the default label: 80 characters of text and an ellipsis at each end
# How many documents of each kind are scored on their text per keystroke.
_SCORED = {"speaker": 300, "quote": 400, "article": 200}
# A short query word (prefix match only) is checked on the text of up to this many candidates
# left by the other words; beyond that its own document set is built from the index.
_FILTER_BY_TEXT = 5_000
_INFIX_FROM = 3
# A quote found only through its speaker's name ranks below quotes whose words match.
_BY_NAME_ONLY = 15.0
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK.
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_FUZZY_FROM = 4
_MAX_WORDS = 32
_FUZZY_LIMIT = 24
# Documents indexed between checkpoints while building (a few hundredths of a second).
CHECKPOINT_EVERY = 2_000
# Recent query words kept expanded, and (per kind) their document sets: enough for the words
# of a query before the one being typed; the sets can be large, so few are kept.
_CACHE_SIZE = 12
_SETS_KEPT = 4


@dataclass
class Hit:
    """One result. `start`/`end` index the article's text (None for a speaker, who has no
    article); `label` is a one-line plain-text snippet and `label_spans` the matched parts of
    it, for highlighting in a results list."""

    kind: str
    article_id: str | None
    quote_id: str | None
    speaker_id: str | None
    start: int | None
    end: int | None
    score: float
    # What the label is cut from. Labels are made on first use: a results list shows a few
    # rows of the 200 hits, and cutting them all would be a third of a keystroke's work.
    _snippet: _Snippet = field(repr=False, compare=False)
    _labels: dict[int, tuple[str, list[tuple[int, int]]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def label_for(self, width: int) -> tuple[str, list[tuple[int, int]]]:
        """The label cut to at most `width` characters (ellipses included) around the match,
        and the matched parts in it: what a results row of that width shows, so the match is
        never cut off by a narrower row."""
        labelled = self._labels.get(width)
        if labelled is None:
            labelled = self._labels[width] = _label(self._snippet, width)
        return labelled

    @property
    def label(self) -> str:
        return self.label_for(_LABEL_WIDTH)[0]

    @property
    def label_spans(self) -> list[tuple[int, int]]:
        return self.label_for(_LABEL_WIDTH)[1]


@dataclass(frozen=True, slots=True)
class _Snippet:
    """`text[:length]` is the document's own text; start..end the match to show."""

    text: str
    length: int
    start: int
    end: int
    query: _Query


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int


def fold(text: str) -> str:
    """Lowercase `text` and drop accents from Latin letters (São → sao) without changing its
    length, so offsets in the folded text are offsets in the original (str.lower turns a few
    characters, such as 'İ', into two)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if _ACCENTED.search(lowered):
        lowered = lowered.translate(_UNACCENT)
    return lowered


def _unaccent_table() -> dict[int, str]:
    table = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        parts = unicodedata.normalize("NFD", chr(code))
        if len(parts) > 1 and all(unicodedata.combining(c) for c in parts[1:]):
            table[code] = parts[0].lower()
    return table


_UNACCENT = _unaccent_table()
_ACCENTED = re.compile("[" + "".join(map(chr, sorted(_UNACCENT))) + "]")


def _spans_words(word: str) -> bool:
    """Whether a query word is matched inside words from its first letter: always for scripts
    written without spaces (a CJK "word" is a whole run of text), else from three letters."""
    return len(word) >= _INFIX_FROM or bool(_SPACELESS.search(word))


def query_words(query: str) -> list[str]:
    """The folded words of a query, each once, at most `_MAX_WORDS` of them (a pasted
    paragraph is searched by its first words rather than stalling the search box)."""
    return list(dict.fromkeys(_WORD.findall(fold(query))))[:_MAX_WORDS]


class _Folds:
    """The folded copy of each text, made on first use unless given.

    An index read back from the cache has its words but not the folded copies; folding all of
    them (65 MB at 10,000 articles) would be most of the time it takes to read the index, and
    a keystroke only looks at a few hundred documents.
    """

    __slots__ = ("_texts", "_folded")

    def __init__(self, texts: list[str], folded: list[str] | None = None) -> None:
        self._texts = texts
        self._folded: list[str | None] = folded or [None] * len(texts)  # type: ignore[assignment]

    def __getitem__(self, doc: int) -> str:
        folded = self._folded[doc]
        if folded is None:
            folded = self._folded[doc] = fold(self._texts[doc])
        return folded


@dataclass
class _Kind:
    """The documents of one kind: searchable text, its folded copy, and word → documents.

    The folded copies are kept (about the size of the texts): folding a few hundred articles
    again on every keystroke would cost more than the rest of the search.
    """

    name: str
    texts: list[str] = field(default_factory=list)
    folded: _Folds = field(default_factory=lambda: _Folds([]))
    # Length of the part of each text that lies in the article (a quote's searchable text
    # also holds its speaker's name after it); matches beyond it have no article offset.
    own: list[int] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    # How many documents hold a word starting with each one- and two-character prefix: the
    # match count of a short query, which would otherwise mean a union over most documents.
    short: dict[str, int] = field(default_factory=dict)

    def build(
        self, texts: Iterable[tuple[str, int]], checkpoint: Checkpoint = no_checkpoint
    ) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        folds = []
        for index, (text, own) in enumerate(texts):
            if not index % CHECKPOINT_EVERY:
                checkpoint()
            folded = fold(text)
            self.texts.append(text)
            folds.append(folded)
            self.own.append(own)
            for word in set(_WORD.findall(folded)):
                postings[word].append(index)
        self.folded = _Folds(self.texts, folds)
        self.postings = dict(postings)  # a plain dict: lookups of absent words add nothing
        self.count_prefixes(sorted(self.postings))

    def restore(self, texts: Iterable[tuple[str, int]], stored: object) -> None:
        """Take the words of a stored index (`SearchIndex.to_plain`) for these texts."""
        for text, own in texts:
            self.texts.append(text)
            self.own.append(own)
        if not (
            isinstance(stored, list)
            and len(stored) == 3
            and stored[0] == len(self.texts)
            and isinstance(stored[1], dict)
            and isinstance(stored[2], dict)
        ):
            raise ValueError(f"the stored {self.name} index does not fit these documents")
        self.folded = _Folds(self.texts)
        self.postings, self.short = stored[1], stored[2]

    def to_plain(self) -> list[object]:
        return [len(self.texts), self.postings, self.short]

    def count_prefixes(self, vocabulary: list[str]) -> None:
        """Fill `short` with one set union per prefix over the kind's sorted vocabulary: each
        posting is visited twice in all, far cheaper than collecting prefixes per document."""
        for length in (1, 2):
            docs: set[int] = set()
            current = None
            for word in vocabulary:
                prefix = word[:length]
                if len(prefix) < length:  # a one-letter word: counted under its letter
                    continue
                if prefix != current:
                    if current is not None:
                        self.short[current] = len(docs)
                    current, docs = prefix, set()
                found = self.postings.get(word)
                if found:
                    docs.update(found)
            if current is not None:
                self.short[current] = len(docs)


@dataclass(slots=True)
class _Match:
    """A query word's expansion: vocabulary words in the order they rank."""

    words: list[str]
    fuzzy: list[str]


class _Query:
    """One query's words, their fuzzy expansions and its phrase pattern, prepared once.

    Texts are searched with str.find rather than regular expressions with look-behinds, which
    the regex engine cannot speed up with a literal scan.
    """

    def __init__(self, words: list[str], matches: list[_Match]) -> None:
        self.words = words
        self.fuzzy = [m.fuzzy for m in matches]
        escaped = [re.escape(w) for w in words]
        self.phrase = re.compile(r"\W+".join(escaped)) if len(words) > 1 else None


class SearchIndex:
    """Built once per analysis; `search` is then cheap enough to run on every keystroke."""

    def __init__(
        self,
        analysis: Analysis,
        stored: object = None,
        documents: dict[str, list[tuple[str, int]]] | None = None,
    ) -> None:
        """Index `analysis`, or take its words from `stored` (what `to_plain` gave for the
        same analysis): ValueError when `stored` does not fit it. `documents` are the
        analysis's `index_documents`, if the caller has them already."""
        with collector_paused(age_survivors=True):
            self._index(analysis, stored, documents or index_documents(analysis))
        self._lock = threading.Lock()
        self._expansions: OrderedDict[str, _Match] = OrderedDict()
        self._unions: OrderedDict[tuple[str, str], set[int]] = OrderedDict()

    def _index(
        self, analysis: Analysis, stored: object, documents: dict[str, list[tuple[str, int]]]
    ) -> None:
        self._speakers = list(analysis.speakers)
        self._quotes = list(analysis.quotes)
        self._articles = list(analysis.articles)
        self._kinds = {name: _Kind(name) for name in KINDS}
        if stored is None:
            for name, kind in self._kinds.items():
                kind.build(documents[name])
        elif isinstance(stored, dict) and stored.keys() == self._kinds.keys():
            for name, kind in self._kinds.items():
                kind.restore(documents[name], stored[name])
        else:
            raise ValueError("the stored index is not a search index")

        vocabulary: set[str] = set()
        for kind in self._kinds.values():
            vocabulary.update(kind.postings)
        self._vocabulary = sorted(vocabulary)
        # All words in one string, for finding a query inside words with one C-level scan.
        self._blob = "\n" + "\n".join(self._vocabulary) + "\n"
        self._offsets: list[int] = []
        position = 1
        for word in self._vocabulary:
            self._offsets.append(position)
            position += len(word) + 1
        # Near spellings are looked for among words of about the same length and the same first
        # letter: typos and transliterations rarely change the first letter.
        self._similar: dict[tuple[str, int], list[str]] = {}
        for word in self._vocabulary:
            self._similar.setdefault((word[0], len(word)), []).append(word)

    def to_plain(self) -> dict[str, list[object]]:
        """The index's words as plain data (for the cache): what `SearchIndex(analysis,
        stored)` takes back for the same analysis, in a fraction of the time to build it."""
        return {name: kind.to_plain() for name, kind in self._kinds.items()}

    def search(self, query: str, limit: int = 200) -> SearchResults:
        """The best `limit` hits for `query`, and how many documents match in all.

        Safe to call from several threads (the UI searches in a worker per keystroke): calls
        run one at a time, as they share the caches of recent query words.
        """
        with self._lock:
            return self._search(query, limit)

    def find_spans(self, text: str, query: str) -> list[tuple[int, int]]:
        """Every match of `query` in `text` (an article being read), merged and in order: the
        words at word starts, inside words, or by the near spellings the search used."""
        words = query_words(query)
        with self._lock:
            matches = [self._expand(word) for word in words]
        return _spans_of(fold(text), _Query(words, matches))

    def _search(self, query: str, limit: int) -> SearchResults:
        words = query_words(query)
        if not words:
            return SearchResults([], 0)
        matches = [self._expand(word) for word in words]
        prepared = _Query(words, matches)
        total = 0
        scored: list[tuple[float, int, int, str, int, int]] = []
        for order, (name, kind) in enumerate(self._kinds.items()):
            if len(words) == 1 and not _spans_words(words[0]):
                total += kind.short.get(words[0], 0)
                shortlist = self._shortlist(kind, None, matches[0])
            else:
                docs = self._candidates(kind, words, matches)
                total += len(docs)
                shortlist = self._shortlist(kind, docs, matches[-1])
            for doc in shortlist:
                score, start, end = _score(kind, doc, prepared)
                scored.append((score, -order, -doc, name, start, end))
        best = heapq.nlargest(limit, scored)
        hits = [
            self._hit(name, -neg_doc, score, start, end, prepared)
            for score, _, neg_doc, name, start, end in best
        ]
        return SearchResults(hits, total)

    # -- expanding query words against the vocabulary -------------------------------------

    def _expand(self, word: str) -> _Match:
        cached = self._expansions.get(word)
        if cached is not None:
            self._expansions.move_to_end(word)
            return cached
        vocabulary = self._vocabulary
        low = bisect_left(vocabulary, word)
        high = bisect_right(vocabulary, word + "\U0010ffff", low)
        prefixed = sorted(vocabulary[low:high], key=len)  # exact word first, then shortest
        seen = set(prefixed)
        inner: list[str] = []
        if _spans_words(word):
            offsets = self._offsets
            for found in re.finditer(re.escape(word), self._blob):
                index = bisect_right(offsets, found.start()) - 1
                candidate = vocabulary[index]
                if candidate not in seen:
                    seen.add(candidate)
                    inner.append(candidate)
            inner.sort(key=len)
        fuzzy: list[str] = []
        if len(word) >= _FUZZY_FROM:
            cutoff = 80 if len(word) >= 6 else 75
            pool: list[str] = []
            for length in range(max(1, len(word) - 2), len(word) + 3):
                pool.extend(self._similar.get((word[0], length), ()))
            found = process.extract(
                word, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=_FUZZY_LIMIT
            )
            fuzzy = [w for w, _, _ in found if w not in seen]
        match = _Match(prefixed + inner + fuzzy, fuzzy)
        self._expansions[word] = match
        if len(self._expansions) > _CACHE_SIZE:
            self._expansions.popitem(last=False)
        return match

    # -- finding and ranking documents ----------------------------------------------------

    def _union(self, kind: _Kind, word: str, match: _Match) -> set[int]:
        """Documents of `kind` holding any expansion of `word`; cached, since the words of a
        query before the one being typed stay the same from keystroke to keystroke."""
        key = (kind.name, word)
        cached = self._unions.get(key)
        if cached is not None:
            self._unions.move_to_end(key)
            return cached
        docs: set[int] = set()
        everything = len(kind.texts)
        postings = kind.postings
        for candidate in match.words:
            found = postings.get(candidate)
            if found:
                docs.update(found)
                if len(docs) == everything:
                    break
        self._unions[key] = docs
        if len(self._unions) > _SETS_KEPT * len(KINDS):
            self._unions.popitem(last=False)
        return docs

    def _candidates(self, kind: _Kind, words: list[str], matches: list[_Match]) -> set[int]:
        """Documents of `kind` matching every query word.

        Short words (prefix-only) match most documents, so their sets are costly to build:
        when longer words narrow the candidates enough, short ones are checked on the text.
        """
        pairs = list(zip(words, matches, strict=True))
        long = [(w, m) for w, m in pairs if _spans_words(w)]
        short = sorted(
            (w for w, _ in pairs if not _spans_words(w)), key=lambda w: kind.short.get(w, 0)
        )
        if long:
            sets = sorted((self._union(kind, w, m) for w, m in long), key=len)
        else:  # only short words: build the rarest one's set
            rarest = short.pop(0)
            sets = [self._union(kind, rarest, self._expand(rarest))]
        docs = sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0]
        for word in short:
            if len(docs) <= _FILTER_BY_TEXT:
                folded = kind.folded
                docs = {d for d in docs if _word_start(folded[d], word) >= 0}
            else:
                docs = docs.intersection(self._union(kind, word, self._expand(word)))
        return docs

    def _shortlist(self, kind: _Kind, docs: set[int] | None, match: _Match) -> Iterable[int]:
        """The documents worth scoring on their text: all of them, or when there are too many,
        the first in word-match order of the query's last word (the one being typed).

        `docs` None means every document holding an expansion of that word.
        """
        room = _SCORED[kind.name]
        if docs is not None and len(docs) <= room:
            return docs
        picked: dict[int, None] = {}
        postings = kind.postings
        for candidate in match.words:
            for doc in postings.get(candidate, ()):
                if doc not in picked and (docs is None or doc in docs):
                    picked[doc] = None
                    if len(picked) >= room:
                        return picked
        return picked

    def _hit(self, name: str, doc: int, score: float, start: int, end: int, query: _Query) -> Hit:
        kind = self._kinds[name]
        text, own = kind.texts[doc], kind.own[doc]
        if name == "speaker":
            snippet = _Snippet(text, own, start, end, query)
            return Hit("speaker", None, None, self._speakers[doc].id, None, None, score, snippet)
        if start >= own:  # matched in the speaker's name only: point at the whole quote
            start, end = 0, own
            snippet = _Snippet(text, own, 0, 0, query)
        else:
            snippet = _Snippet(text, own, start, end, query)
        if name == "quote":
            quote = self._quotes[doc]
            return Hit(
                "quote",
                quote.article,
                quote.id,
                quote.speaker,
                quote.start + start,
                quote.start + end,
                score,
                snippet,
            )
        article = self._articles[doc]
        return Hit("article", article.id, None, None, start, end, score, snippet)


def index_documents(analysis: Analysis) -> dict[str, list[tuple[str, int]]]:
    """The searchable text of each document, by kind, and how much of it is the document's
    own (the rest is a quote's speaker, appended so the quote is found by who said it)."""
    names = [_speaker_text(s) for s in analysis.speakers]
    by_id = {s.id: name for s, name in zip(analysis.speakers, names, strict=True)}
    return {
        "speaker": [(name, len(name)) for name in names],
        "quote": [
            (q.text + _attribution(by_id.get(q.speaker or "") or q.speaker_name), len(q.text))
            for q in analysis.quotes
        ],
        "article": article_documents(analysis.articles),
    }


def article_documents(articles: Iterable[Article]) -> list[tuple[str, int]]:
    """The searchable text of each article: all of it its own."""
    return [(a.text, len(a.text)) for a in articles]


def index_kind(
    name: str, documents: list[tuple[str, int]], checkpoint: Checkpoint = no_checkpoint
) -> list[object]:
    """The words of one kind of document as plain data (as `SearchIndex.to_plain` has them),
    indexed on their own, so that the kinds can be indexed in different processes.
    `checkpoint()` is called every `CHECKPOINT_EVERY` documents: raising from it stops."""
    kind = _Kind(name)
    with collector_paused(age_survivors=True):
        kind.build(documents, checkpoint)
    return kind.to_plain()


def _speaker_text(speaker: Speaker) -> str:
    """A speaker is found by name and aliases, shown as `Name (Alias, Alias)`."""
    if speaker.aliases:
        return f"{speaker.name} ({', '.join(speaker.aliases)})"
    return speaker.name


def _attribution(name: str | None) -> str:
    """Appended to a quote's text so the quote is found by who said it, under any alias."""
    return f" — {name}" if name else ""


def _score(kind: _Kind, doc: int, query: _Query) -> tuple[float, int, int]:
    """Score one document on its text: tier × 100 plus word quality, position and brevity.

    Returns the score and the span of the best match within the document's text: the longest
    word match, preferring the quote itself to the speaker's name appended to it.
    """
    text = kind.folded[doc]
    own = kind.own[doc]
    quality = 0.0
    inside = outside = (0, 0)
    exact = at_starts = True
    for word, fuzzy in zip(query.words, query.fuzzy, strict=True):
        position = _word_start(text, word)
        if position >= 0:
            end = position + len(word)
            quality += 1.0 if _word_ends(text, end) else 0.85
        else:
            at_starts = False
            position = text.find(word)
            if position >= 0:
                end = position + len(word)
                quality += 0.6
            else:
                exact = False
                position, end, near = _nearest(text, word, fuzzy)
                quality += near
        if end <= own:
            if end - position > inside[1] - inside[0]:
                inside = (position, end)
        elif end - position > outside[1] - outside[0]:
            outside = (position, end)
    in_own = inside[1] > 0
    span = inside if in_own else outside
    tier = 1
    if exact:
        tier = 3 if at_starts and query.phrase is None else 2
        if query.phrase is not None:
            for phrase in query.phrase.finditer(text, 0, own):  # not into the speaker's name
                if phrase.start() == 0 or not _is_word_char(text[phrase.start() - 1]):
                    tier, span = 3, phrase.span()
                    break
    position_bonus = 10.0 * (1.0 - min(span[0], 1000) / 1000)
    brevity = 9.0 * (1.0 - min(len(text), 2000) / 2000)
    penalty = 0.0 if in_own else _BY_NAME_ONLY
    score = tier * 100 + quality / len(query.words) * 80 + position_bonus + brevity - penalty
    return score, span[0], span[1]


def _nearest(text: str, word: str, fuzzy: list[str]) -> tuple[int, int, float]:
    """The first near spelling of `word` found as a whole word (best spelling first), with
    its quality; (0, 0, 0.0) when none is (not reached for a true candidate)."""
    for near in fuzzy:
        position = _word_start(text, near)
        while position >= 0 and not _word_ends(text, position + len(near)):
            position = _word_start(text, near, position + 1)
        if position >= 0:
            return position, position + len(near), 0.5 * fuzz.ratio(word, near) / 100
    return 0, 0, 0.0


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_start(text: str, word: str, start: int = 0) -> int:
    """Where `word` first occurs at the start of a word in `text` (from `start`), or -1."""
    position = text.find(word, start)
    while position > 0:
        before = text[position - 1]
        if not (before.isalnum() or before == "_"):
            break
        position = text.find(word, position + 1)
    return position


def _word_ends(text: str, end: int) -> bool:
    return end >= len(text) or not _is_word_char(text[end])


def _label(source: _Snippet, width: int) -> tuple[str, list[tuple[int, int]]]:
    """A one-line snippet of at most `width` characters around the match, and where the query
    words are in it.

    The window leads the match by up to a third of its width (reading goes on to the right),
    less when the match is long, so the match always shows whole when it fits.
    """
    text, length, start, end = source.text, source.length, source.start, source.end
    if length <= width:
        left, right = 0, length
    else:
        window = max(width - 2, 1)  # room for an ellipsis at each end
        lead = max(0, min((window - (end - start)) // 2, window // 3))
        left = max(0, min(start - lead, length - window))
        if left > 0:
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else left
        right = min(length, left + window)
        if right < length:
            space = text.rfind(" ", max(end, left + 1), right)
            right = space if space > left else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < length else ""
    snippet = text[left:right]
    label = prefix + snippet + suffix
    if not snippet.isprintable():  # control characters shown visibly, same length
        label = prefix + clean(snippet).replace("\n", " ").replace("\t", " ") + suffix
    found = _spans_of(fold(snippet), source.query)
    spans = [(a + len(prefix), b + len(prefix)) for a, b in found]
    shift = len(prefix) - left
    low, high = max(start, left), min(end, right)
    if low < high:
        spans.append((low + shift, high + shift))
    return label, _merge(spans)


def _spans_of(folded: str, query: _Query) -> list[tuple[int, int]]:
    """Where the query's words occur in a folded text: at word starts, or anywhere when a word
    only occurs inside other words, or as one of its near spellings."""
    spans: list[tuple[int, int]] = []
    for word, fuzzy in zip(query.words, query.fuzzy, strict=True):
        found = _occurrences(folded, word, starts=True) or _occurrences(folded, word, starts=False)
        if not found:
            for near in fuzzy:
                ends = _occurrences(folded, near, starts=True)
                found += [span for span in ends if _word_ends(folded, span[1])]
        spans.extend(found)
    return _merge(spans)


def _occurrences(folded: str, word: str, starts: bool) -> list[tuple[int, int]]:
    found = []
    position = _word_start(folded, word) if starts else folded.find(word)
    while position >= 0:
        found.append((position, position + len(word)))
        following = position + len(word)
        position = _word_start(folded, word, following) if starts else folded.find(word, following)
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
