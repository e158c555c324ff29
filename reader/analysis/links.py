"""Links between quotes across a collection (`find_shifts`, which reads them, is in shifts.py).

Five kinds of link, strongest first; a pair of quotes gets at most one, the strongest found:
- `repeat`: the same words again (after `normalise`), scored by rapidfuzz `ratio`;
- `excerpt`: one quote is a fragment of the other, scored by `partial_ratio`;
- `retraction`: the same speaker later withdraws a statement (evidence score);
- `rebuttal`: another speaker later rejects it (evidence score);
- `related`: the same speaker on the same subject, or strongly overlapping words (weighted
  Jaccard × 100).
`Link.source` is the later statement by `Quote.order`; ties go to the later article in the
collection (a later report points to the earlier or fuller one), then the later position in the
article. Directions are decided after repeats and excerpts have dated what they can: a quote in
an undated article takes the time of its dated copies (`timeline.share_times`, which sets
`time` and `order` on those quotes), and so do the article's other quotes by their relative
days; retractions, rebuttals and shifts then read the improved times.

How cost grows. Nothing compares all pairs:
- identical normalised texts are grouped by hashing (linear); a statement reprinted by a
  hundred outlets is one text to compare, and its copies are linked to each other in full when
  the group is small (`GROUP_FULL`) or to the earliest copy otherwise, so links stay linear too;
- repeats and excerpts are scored only for distinct texts that hold most of each other's
  content stems, found by prefix filtering on a stem index (`blocking.StemIndex`): each text
  looks up its few rarest stems, skipping stems found in more than `textmatches.STEM_CAP`
  texts. This is most of the cost, and depends on the texts alone, so `textmatches.py` keeps
  it, and for a changed collection runs it only for the texts that changed;
- short fragments ("ridiculous") are looked up the same way, and kept only with speaker
  corroboration; a longer fragment found inside the statements of many speakers is a stock
  phrase ("as I told the council") and excerpts nothing;
- retractions, rebuttals and same-speaker related links look within one speaker's quotes or one
  article's quotes, each capped (`SPEAKER_WINDOW`, `ARTICLE_CAP`, `related.RELATED_CAP`);
- cross-speaker related links are scored only for the repeat/excerpt candidates above.
Each quote thus meets a bounded number of others, so time grows about linearly with the number
of quotes; `benchmarks/bench_links.py` prints the figures.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis.evidence import (
    AliasIndex,
    Lexicon,
    group_words,
    has_phrase,
    load_lexicon,
    name_references,
    topic_vocabulary,
)
from reader.analysis.linkprep import article_references
from reader.analysis.matchrun import MatchRun, start_helper
from reader.analysis.normalise import content_stems, words
from reader.analysis.related import may_reach, same_speaker_related, similarity, stem_weights
from reader.analysis.shifts import find_shifts
from reader.analysis.textmatches import (
    Match,
    TextMatches,
    TextTable,
    fragment_containers,
    text_signatures,
)
from reader.analysis.timeline import share_times
from reader.checkpoints import Checkpoint, no_checkpoint
from reader.gcpause import collector_paused
from reader.model import Article, Link, Quote
from reader.processes import let_go

if TYPE_CHECKING:
    from reader.settings import CollectionSettings

__all__ = ["LinkStats", "Linking", "find_links", "find_shifts", "link_quotes"]

RANK = {"repeat": 5, "excerpt": 4, "retraction": 3, "rebuttal": 2, "related": 1}
OPPOSITE = {"support": "oppose", "oppose": "support"}

# Copies of one text: linked pairwise up to this many, to the earliest copy beyond.
GROUP_FULL = 8
# Two distinct texts that match: all their copies are cross-linked while copies·copies stays
# under this, else only the earliest copy of each.
EXPAND_CAP = 64
# A long fragment found inside statements of more speakers than this is a stock phrase.
STOCK_SPEAKERS = 2
# Retractions and rebuttals look back over at most this many of a speaker's earlier quotes.
SPEAKER_WINDOW = 40
# Quotes of one article compared pairwise for stance-based rebuttals.
ARTICLE_CAP = 200
# How many earlier statements of the answered speaker one rebuttal may point to when the
# rebuttal's own article does not report any.
REBUTTAL_TARGETS = 3

# Related links between different speakers need much more overlap than one speaker's
# (`related.py`), since sharing a subject is what a collection is about.
RELATED_OTHERS = 0.75
RELATED_OTHERS_SHARED = 4


@dataclass
class LinkStats:
    """What linking did, for benchmarks and debugging."""

    quotes: int = 0
    texts: int = 0
    pairs_scored: int = 0
    keys_skipped: int = 0
    links: int = 0
    rematched: bool = False  # texts matched from a previous run's matches, only changes anew


def find_links(
    articles: list[Article], quotes: list[Quote], settings: CollectionSettings
) -> list[Link]:
    """All links between `quotes`, at most one per pair, `source` the later statement.

    Sets `time` and `order` on undated quotes that repeats and excerpts date (see the module
    docstring), so steps after it (`find_shifts`) read the improved times.
    """
    return link_quotes(articles, quotes, settings).links


@dataclass
class Linking:
    """A linking run's links, what finding them cost, and its text matches for the next run."""

    links: list[Link]
    stats: LinkStats
    matches: TextMatches


class PreparedLinks:
    """Linking's first step, which needs no speakers: time keys, and the matching of texts.

    Started before the speaker merge, so that a large collection's texts are matched in a
    helper process meanwhile (`matchrun.py`). A context manager: leaving it stops the helper.
    `previous`, the matches of an earlier run over an earlier state of the collection, lets
    only the texts that changed be matched again (`textmatches.rematch`). `checkpoint()` is
    called between building the table and matching: raising from it stops them.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        quotes: Sequence[Quote],
        previous: TextMatches | None = None,
        checkpoint: Checkpoint = no_checkpoint,
    ) -> None:
        helper = start_helper(len(quotes))  # it starts while the table is built
        try:
            self.article_index = {a.id: i for i, a in enumerate(articles)}
            # (time order, article, position): `Link.source` is the later.
            self.keys = [self.key(q) for q in quotes]
            with collector_paused():
                table = TextTable(quotes, self.keys.__getitem__)
                checkpoint()
                self.matching = MatchRun(table, previous, helper)
        except BaseException:
            if helper is not None:
                let_go(helper)
            raise

    def key(self, q: Quote) -> tuple[float, int, int]:
        return (q.order, self.article_index.get(q.article, len(self.article_index)), q.start)

    def __enter__(self) -> PreparedLinks:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.matching.close()


def link_quotes(
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    settings: CollectionSettings,
    *,
    previous: TextMatches | None = None,
    prepared: PreparedLinks | None = None,
    checkpoint: Checkpoint = no_checkpoint,
) -> Linking:
    """Links, with what finding them cost (`LinkStats`) and the text matches they came from.

    `prepared` is the first step, started earlier by the caller (`PreparedLinks`, for the
    same articles and quotes); else it is taken here, with `previous`. `checkpoint()` is
    called between the kinds of link: a caller stops linking by raising from it.
    """
    with collector_paused(), prepared or PreparedLinks(articles, quotes, previous) as prepared:
        linker = _Linker(articles, quotes, settings, load_lexicon(), prepared)
        matches = prepared.matching.matches(checkpoint)
        for step in (
            lambda: linker.link_texts(matches),
            linker.link_fragments,
            linker.share_times,
            linker.link_retractions,
            linker.link_rebuttals,
            linker.link_related,
        ):
            checkpoint()
            step()
        linker.stats.keys_skipped += linker.table.index.skipped
        kept = TextMatches.of(linker.table, matches, linker.signatures())
        return Linking(linker.links(), linker.stats, kept)


class _Linker:
    """The state of one linking run: prepared quotes, candidate links, counters."""

    def __init__(
        self,
        articles: Sequence[Article],
        quotes: Sequence[Quote],
        settings: CollectionSettings,
        lexicon: Lexicon,
        prepared: PreparedLinks,
    ) -> None:
        self.quotes = quotes
        self.lexicon = lexicon
        self.stats = LinkStats(quotes=len(quotes), rematched=prepared.matching.rematched)
        self.articles = {a.id: a for a in articles}
        self.prepared = prepared
        self.key = prepared.keys
        self.best: dict[tuple[int, int], tuple[str, float]] = {}

        # Distinct texts; `members[g]` are the quotes printing text g, earliest first. Stems
        # and term matches are computed once per text and shared by its copies.
        self.table = table = prepared.matching.table
        self.texts = table.norms
        self.members = table.members
        self.text_of = table.text_of
        self.stats.texts = len(self.texts)
        self.stemset = [table.index.stem_sets[g] for g in self.text_of]
        self.topic = topic_vocabulary(settings.terms or ())
        # Stem rarity (IDF) and each quote's total, for related links' weighted Jaccard.
        self.weight, text_mass = stem_weights(table)
        self.mass = [text_mass[g] for g in self.text_of]

        self.by_speaker: dict[str, list[int]] = defaultdict(list)
        self.by_article: dict[str, list[int]] = defaultdict(list)
        for i, q in enumerate(quotes):
            if q.speaker is not None:
                self.by_speaker[q.speaker].append(i)
            self.by_article[q.article].append(i)
        for group in self.by_speaker.values():
            group.sort(key=self.key.__getitem__)
        self.position: dict[int, int] = {}
        for group in self.by_article.values():
            group.sort(key=lambda i: quotes[i].start)
            self.position.update((i, n) for n, i in enumerate(group))
        # One speaker's related quotes come from their texts alone: found by the matching
        # helper while the other links are, when there is one (`related.py`).
        # (Copies: sharing times re-sorts the groups later, and results refer to positions.)
        self.groups = [list(group) for group in self.by_speaker.values() if len(group) > 1]
        # So are the short fragments' containers, and the texts' signatures for the next run.
        self.fragments = prepared.matching.run(fragment_containers)
        self.same_speaker = prepared.matching.run(
            same_speaker_related,
            [[self.text_of[i] for i in group] for group in self.groups],
            self.weight,
            text_mass,
        )
        self.signatures = prepared.matching.run(text_signatures)
        # Textual neighbours (repeat/excerpt), so a retraction reaches every copy it withdraws.
        self.copies: dict[int, set[int]] = defaultdict(set)
        self.aliases = AliasIndex(quotes)
        # Distinct texts sharing wording that is neither a repeat nor an excerpt.
        self.near_texts: list[tuple[int, int]] = []
        self._answered_cache: dict[int, set[str]] = {}

    # -- recording -------------------------------------------------------------------------

    def propose(self, i: int, j: int, kind: str, score: float) -> None:
        """Keep the strongest kind (then the highest score) for the pair {i, j}."""
        if i == j or self.quotes[i].id == self.quotes[j].id:
            return
        pair = (i, j) if i < j else (j, i)
        current = self.best.get(pair)
        if current is None or (RANK[kind], score) > (RANK[current[0]], current[1]):
            self.best[pair] = (kind, min(100.0, score))
        if kind in ("repeat", "excerpt"):
            self.copies[i].add(j)
            self.copies[j].add(i)

    def links(self) -> list[Link]:
        result = []
        for (i, j), (kind, score) in sorted(self.best.items()):
            later, earlier = (i, j) if self.key[i] > self.key[j] else (j, i)
            result.append(Link(self.quotes[later].id, self.quotes[earlier].id, kind, score))
        self.stats.links = len(result)
        return result

    # -- repeats and excerpts ----------------------------------------------------------------

    def link_texts(self, matches: list[Match]) -> None:
        """Copies of one text are repeats; matched texts are repeats, excerpts or near texts.

        `matches` (`textmatches.py`) are in order of their shorter text, so each text's
        excerpts are seen together: a fragment found inside the statements of many speakers
        is a stock phrase and excerpts none of them.
        """
        for group in self.members:
            if not self.texts[self.text_of[group[0]]]:
                continue
            if len(group) <= GROUP_FULL:
                for n, i in enumerate(group):
                    for j in group[n + 1 :]:
                        self.propose(i, j, "repeat", 100.0)
            else:
                for j in group[1:]:
                    self.propose(group[0], j, "repeat", 100.0)
        self.stats.pairs_scored += len(matches)
        excerpts: list[tuple[int, float]] = []
        for n, (a, b, kind, score) in enumerate(matches):
            if kind is None:
                self.near_texts.append((a, b))
            elif kind == "excerpt":
                excerpts.append((b, score))
            else:
                self._propose_texts(a, b, kind, score)
            if excerpts and (n + 1 == len(matches) or matches[n + 1][0] != a):
                if not self._stock_phrase(b for b, _ in excerpts):
                    for b, score in excerpts:
                        self._propose_texts(a, b, "excerpt", score)
                excerpts = []

    def _stock_phrase(self, sources: Iterable[int]) -> bool:
        """Whether a fragment occurs inside statements of more than `STOCK_SPEAKERS` speakers.

        One statement excerpted is found inside that statement and its copies, all by one
        speaker; words found inside many people's statements ("as I told the council", "at
        the end of the day") are a stock phrase, not a report of any one of them. A quote
        with no known speaker counts as a speaker of its own.
        """
        speakers: set[object] = set()
        for g in sources:
            for i in self.members[g][:GROUP_FULL]:
                speaker = self.quotes[i].speaker
                speakers.add(speaker if speaker is not None else i)
                if len(speakers) > STOCK_SPEAKERS:
                    return True
        return False

    def _propose_texts(self, a: int, b: int, kind: str, score: float) -> None:
        left, right = self.members[a], self.members[b]
        if len(left) * len(right) > EXPAND_CAP:
            left, right = left[:1], right[:1]
        for i in left:
            for j in right:
                self.propose(i, j, kind, score)

    def link_fragments(self) -> None:
        """Fragments too short to match on wording alone ("ridiculous") need their speakers.

        A one- or two-word quote occurs inside countless unrelated statements, so finding it
        verbatim is not enough. It is the same statement reported again when, in addition,
        the longer quote's speaker could be its source (the same person, or a person the
        fragment's group describes: "Ukrainian officials" and a speaker whose name or role
        says "Ukrainian") or both quotes answer the same named speaker, and their stances do
        not conflict. Scare quotes (a term held at arm's length, no speech act) are not
        statements and are never linked this way, and the longer quote must be a full
        (`direct`) statement: a fragment of a fragment reaches the statement through it.
        """
        roles = self._speaker_words()
        pairs, looked, skipped = self.fragments()
        self.stats.pairs_scored += looked
        self.stats.keys_skipped += skipped
        for g, other in pairs:
            for i in self.members[g]:
                for j in self.members[other][:GROUP_FULL]:
                    if self._corroborated(i, j, roles):
                        self.propose(i, j, "excerpt", 100.0)

    def _speaker_words(self) -> dict[str, set[str]]:
        """Words naming or describing each speaker (names and roles), for group matching."""
        described: dict[str, set[str]] = defaultdict(set)
        seen = {(q.speaker, q.speaker_name, q.speaker_role) for q in self.quotes}
        for speaker, name, role in seen:
            if speaker is not None:
                for text in (name, role):
                    if text:
                        described[speaker].update(content_stems(words(text)))
        return described

    def _corroborated(self, frag: int, full: int, roles: dict[str, set[str]]) -> bool:
        f, q = self.quotes[frag], self.quotes[full]
        if f.kind == "scare" or q.kind != "direct" or OPPOSITE.get(f.stance) == q.stance:
            return False
        if f.speaker is not None and f.speaker == q.speaker:
            return True
        if f.speaker_kind in ("group", "anonymous") and q.speaker is not None:
            described = group_words(f.speaker_name, self.lexicon)
            if described and described & roles.get(q.speaker, set()):
                return True
        answered = self._answered(frag)
        return bool(answered) and bool(answered & self._answered(full))

    # -- time ------------------------------------------------------------------------------

    def share_times(self) -> None:
        """Date undated quotes from their copies, then re-sort what is kept in time order."""
        pairs = ((i, j) for i, others in self.copies.items() for j in others if i < j)
        changed = share_times(self.quotes, pairs)
        if not changed:
            return
        for i in changed:
            self.key[i] = self.prepared.key(self.quotes[i])
        for group in (*self.members, *self.by_speaker.values()):
            group.sort(key=self.key.__getitem__)

    # -- retractions -----------------------------------------------------------------------

    def _earlier(self, speaker: str, i: int) -> list[int]:
        """The speaker's quotes before quote i in time, the nearest `SPEAKER_WINDOW`."""
        group = self.by_speaker[speaker]
        end = bisect_left(group, self.key[i], key=self.key.__getitem__)
        return group[max(0, end - SPEAKER_WINDOW) : end]

    def link_retractions(self) -> None:
        """A speaker's retract-stance quote withdraws their earlier stance-taking statement.

        Which statement: the ones the retraction's own article reports (an article reporting
        a walk-back cites what is walked back), else those sharing on-topic terms with it,
        else the speaker's latest stance-taking statement ("it was a mistake" refers back).
        Every copy of a withdrawn statement (its repeats and excerpts) is linked too.
        """
        for i, q in enumerate(self.quotes):
            if q.stance != "retract" or q.speaker is None:
                continue
            earlier = [t for t in self._earlier(q.speaker, i) if self.quotes[t].stance in OPPOSITE]
            if not earlier:
                continue
            chosen = [t for t in earlier if self.quotes[t].article == q.article]
            chosen = chosen or [t for t in earlier if self._shared_terms(i, t)] or earlier[-1:]
            targets = set(chosen)
            for t in chosen:
                targets.update(c for c in self.copies[t] if c in earlier)
            for t in targets:
                self.stats.pairs_scored += 1
                score = 60.0 + 20.0 * (self.quotes[t].article == q.article)
                score += 10.0 * min(2, self._shared_terms(i, t))
                self.propose(i, t, "retraction", score)

    def _shared_terms(self, i: int, j: int) -> int:
        """On-topic stems two quotes share; content stems (two at least) with no topic terms."""
        shared = self.stemset[i] & self.stemset[j]
        if self.topic:
            return len(shared & self.topic)
        return len(shared) if len(shared) >= 2 else 0

    # -- rebuttals -------------------------------------------------------------------------

    def _span(self, i: int, previous: bool = False) -> tuple[int, int]:
        """Offsets of the paragraph holding quote i (from the one before it when `previous`)."""
        q = self.quotes[i]
        article = self.articles.get(q.article)
        if article is None:
            return 0, 0
        blocks = article.blocks
        if not blocks or not 0 <= q.block < len(blocks):
            end = article.text.find("\n", q.end)
            return article.text.rfind("\n", 0, q.start) + 1, end if end >= 0 else len(article.text)
        first = q.block
        if previous:
            first = next((n for n in range(q.block - 1, -1, -1) if blocks[n].kind == "body"), first)
        return blocks[first].start, blocks[q.block].end

    def _context(self, i: int, previous: bool = False) -> str:
        """The paragraph holding quote i (and the one before it when `previous`)."""
        article = self.articles.get(self.quotes[i].article)
        start, end = self._span(i, previous)
        return article.text[start:end] if article is not None else ""

    def _answered(self, i: int) -> set[str]:
        """Speakers a quote's paragraph refers to by name ("Jenssen's", "response to X")."""
        cached = self._answered_cache.get(i)
        if cached is None:
            cached = self._answered_cache[i] = set()
            for _, name in name_references(self._context(i), self.lexicon):
                speaker = self.aliases.resolve(name)
                if speaker is not None and speaker != self.quotes[i].speaker:
                    cached.add(speaker)
        return cached

    def link_rebuttals(self) -> None:
        """Another speaker later rejecting a statement, shown by text and by stance.

        By reference: a paragraph names an earlier speaker ("Jenssen's suggestion drew a sharp
        rebuke", "in response to Jenssen's comments"); the quote nearest that name answers the
        speaker's earlier stance-taking statements, when it takes the opposite stance or the
        paragraph uses rejection language. It points to the statements its own article
        reports, else to the nearest `REBUTTAL_TARGETS` earlier ones.
        By stance: within one article, a later on-topic quote that opposes what an earlier one
        of another speaker supports, sharing on-topic terms, with rejection or reply language
        ("rejected", "in response to") in its paragraph or the one before. Across articles a
        difference of stance alone is a difference of opinion, not a reply, so it needs the
        reference.
        """
        for article_id, members in self.by_article.items():
            article = self.articles.get(article_id)
            if article is not None:
                self._rebuttals_by_reference(article, members)
            self._rebuttals_by_stance(members[:ARTICLE_CAP])

    def _rebuttals_by_reference(self, article: Article, members: list[int]) -> None:
        """Names referred to anywhere in the article, each answered by the nearest quote."""
        by_block: dict[int, list[int]] = defaultdict(list)
        for i in members:
            by_block[self.quotes[i].block].append(i)
        spans = sorted(
            (self._span(block_quotes[0]), block_quotes) for block_quotes in by_block.values()
        )
        starts = [start for (start, _), _ in spans]
        for at, name in article_references(article, self.lexicon):
            n = bisect_right(starts, at) - 1
            if n < 0 or at >= spans[n][0][1]:
                continue  # not in a paragraph holding quotes
            speaker = self.aliases.resolve(name)
            if speaker is None:
                continue
            (start, end), block_quotes = spans[n]
            nearest = min(
                block_quotes,
                key=lambda i: max(self.quotes[i].start - at, at - self.quotes[i].end, 0),
            )
            self._rebut_speaker(nearest, speaker, article.text[start:end])

    def _rebut_speaker(self, r: int, speaker: str, context: str) -> None:
        rebuttal = self.quotes[r]
        if rebuttal.speaker == speaker:
            return
        rejecting = has_phrase(context, self.lexicon.rejection)
        targets = []
        for t in self._earlier(speaker, r):
            stance = self.quotes[t].stance
            if stance not in OPPOSITE or stance == rebuttal.stance:
                continue
            opposite = OPPOSITE[stance] == rebuttal.stance
            if opposite or rejecting:
                targets.append((t, opposite))
        same_article = [(t, o) for t, o in targets if self.quotes[t].article == rebuttal.article]
        for t, opposite in same_article or targets[-REBUTTAL_TARGETS:]:
            self.stats.pairs_scored += 1
            score = 60.0 + 20.0 * opposite + 10.0 * rejecting
            score += 5.0 * min(2, self._shared_terms(r, t))
            self.propose(r, t, "rebuttal", score)

    def _rebuttals_by_stance(self, members: list[int]) -> None:
        on_topic = [i for i in members if self.quotes[i].on_topic]
        supporting = [i for i in on_topic if self.quotes[i].stance == "support"]
        for r in on_topic:
            rebuttal = self.quotes[r]
            if rebuttal.speaker is None or rebuttal.stance != "oppose":
                continue
            rejecting: bool | None = None
            for t in supporting:
                target = self.quotes[t]
                if (
                    self.key[t] >= self.key[r]
                    or target.speaker is None
                    or target.speaker == rebuttal.speaker
                ):
                    continue
                shared = self._shared_terms(r, t)
                if not shared:
                    continue
                if rejecting is None:
                    context = self._context(r, previous=True)
                    rejecting = has_phrase(context, self.lexicon.rejection + self.lexicon.reply)
                if not rejecting:
                    break
                self.stats.pairs_scored += 1
                self.propose(r, t, "rebuttal", 60.0 + 10.0 * min(2, shared))

    # -- related ---------------------------------------------------------------------------

    def _continuation(self, i: int, j: int) -> bool:
        """Consecutive parts of one statement: same article and speaker, adjacent quotes."""
        a, b = self.quotes[i], self.quotes[j]
        return (
            a.article == b.article
            and a.speaker == b.speaker
            and abs(self.position[i] - self.position[j]) == 1
            and abs(a.block - b.block) <= 1
        )

    def link_related(self) -> None:
        """Weaker links: one speaker on one subject, or different speakers in nearly the same words.

        Different speakers: only texts that share wording (the shingle candidates scored for
        repeats and excerpts) and overlap by `RELATED_OTHERS` weighted Jaccard.

        Same speaker: pairs among the speaker's quotes sharing `RELATED_SAME_SHARED` stems,
        found with a per-speaker stem index (`related.py`, under way since the linker was
        made), unless linked more strongly already. Consecutive parts of one statement ("“A,”
        he said. “B.”", or a quote continued in the next paragraph) are one statement, so they
        are never "related" to each other.
        """
        found, skipped, scored = self.same_speaker()
        self.stats.keys_skipped += skipped
        self.stats.pairs_scored += scored
        for number, a, b, value in found:
            i, j = self.groups[number][a], self.groups[number][b]
            if ((i, j) if i < j else (j, i)) not in self.best and not self._continuation(i, j):
                self.propose(i, j, "related", 100.0 * value)
        others = []
        for a, b in self.near_texts:
            i, j = self.members[a][0], self.members[b][0]
            if self.quotes[i].speaker is None or self.quotes[i].speaker != self.quotes[j].speaker:
                others.append((i, j))
        self._relate(others, RELATED_OTHERS, RELATED_OTHERS_SHARED)

    def _relate(self, pairs: list[tuple[int, int]], threshold: float, min_shared: int) -> None:
        """Relate the pairs whose content stems overlap by `threshold` weighted Jaccard,
        sharing `min_shared` stems at least."""
        mass, stemset = self.mass, self.stemset
        for i, j in pairs:
            if not may_reach(mass[i], mass[j], threshold):
                continue
            if ((i, j) if i < j else (j, i)) in self.best:
                continue
            if self._continuation(i, j):
                continue
            self.stats.pairs_scored += 1
            value, shared = similarity(self.weight, stemset[i], stemset[j], mass[i] + mass[j])
            if shared >= min_shared and value >= threshold:
                self.propose(i, j, "related", 100.0 * value)
