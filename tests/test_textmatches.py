"""Text matching for links: the stem index's pairwise rule, incremental rematching, and
matching partly in a helper process.

The promise that makes incremental linking exact: what a probe of the stem index finds is a
property of the pair (given the capped stems), so rematching only new texts gives what
matching everything gives. These tests hold the code to it on random collections.
"""

from __future__ import annotations

import os
import random
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import links, matchrun, textmatches
from reader.analysis.blocking import StemIndex
from reader.analysis.matchrun import MatchRun
from reader.analysis.related import same_speaker_related, stem_weights
from reader.analysis.textmatches import TextMatches, TextTable, match_texts, rematch
from reader.model import Quote

VOCABULARY = [
    "harbour", "quota", "fleet", "treaty", "border", "ceasefire", "election", "subsidy",
    "council", "minister", "fishing", "reform", "budget", "village", "pipeline", "strike",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from("abcdefghij"), min_size=0, max_size=7, unique=True),
        min_size=2,
        max_size=25,
    ),
    st.integers(min_value=1, max_value=6),
    st.sampled_from([0.5, 0.8, 1.0]),
)
def test_a_probe_finds_exactly_the_pairs_its_rule_holds_for(stems, cap, share):
    index = StemIndex(stems, cap)
    for item in range(len(stems)):
        found = set(index.containing(item, share))
        expected = {other for other in range(len(stems)) if index.holds(item, other, share)}
        assert found == expected
        for above in (item, len(stems) // 2):  # only later items: the lists are cut, not read
            assert set(index.containing(item, share, above)) == {o for o in expected if o > above}
        for other in range(len(stems)):
            reverse = index.contained(other, share, len(stems))
            assert (item in reverse) == index.holds(item, other, share)


def test_containing_skips_items_up_to_above():
    index = StemIndex([["a", "b"], ["a", "b", "c"], ["a", "b", "d"]], cap=10)
    assert sorted(index.containing(0, 1.0)) == [1, 2]
    assert index.containing(0, 1.0, above=1) == [2]


def statement(rng: random.Random) -> str:
    words = rng.sample(VOCABULARY, rng.randint(2, 8))
    return "We " + " ".join(words) + " now"


def quotes_of(texts: list[str]) -> list[Quote]:
    return [Quote(f"a{n}:q1", f"a{n}", 0, len(t), t) for n, t in enumerate(texts)]


def table_of(texts: list[str]) -> TextTable:
    return TextTable(quotes_of(texts), lambda i: i)


def collection(rng: random.Random, size: int) -> list[str]:
    """Statements, some reprinted whole, some cut down, some with a word changed."""
    texts = [statement(rng) for _ in range(size)]
    for _ in range(size):
        source = rng.choice(texts).split()
        kind = rng.random()
        if kind < 0.3:
            texts.append(" ".join(source))
        elif kind < 0.7 and len(source) > 4:
            start = rng.randint(0, len(source) - 4)
            texts.append(" ".join(source[start : start + rng.randint(4, len(source) - start)]))
        else:
            source[rng.randrange(len(source))] = rng.choice(VOCABULARY)
            texts.append(" ".join(source))
    return texts


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("cap", [3, 8, 500])
def test_rematching_after_an_edit_equals_matching_everything(
    seed: int, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textmatches, "STEM_CAP", cap)  # small caps: stems cross them
    monkeypatch.setattr(textmatches, "REMATCH_SHARE", 1.0)
    rng = random.Random(seed)
    before = collection(rng, 30)
    old = table_of(before)
    previous = TextMatches.of(old, match_texts(old, old.probes()))
    after = [t for t in before if rng.random() > 0.1] + collection(rng, 4)
    new = table_of(after)
    again = rematch(new, previous)
    assert again is not None
    assert again == match_texts(new, new.probes())


def test_rematching_an_unchanged_collection_compares_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = collection(random.Random(3), 30)
    table = table_of(texts)
    everything = match_texts(table, table.probes())
    assert everything  # the collection has repeats and excerpts to find
    calls = []
    monkeypatch.setattr(TextTable, "compare", lambda *args: calls.append(args))
    assert rematch(table_of(texts), TextMatches.of(table, everything)) == everything
    assert calls == []


def test_rematching_gives_up_when_most_texts_are_new() -> None:
    rng = random.Random(5)
    old = table_of(collection(rng, 20))
    previous = TextMatches.of(old, match_texts(old, old.probes()))
    assert rematch(table_of(collection(rng, 20)), previous) is None


def test_texts_are_numbered_by_length_whatever_the_order_of_quotes() -> None:
    texts = collection(random.Random(9), 20)
    shuffled = texts[:]
    random.Random(1).shuffle(shuffled)
    assert table_of(texts).norms == table_of(shuffled).norms
    lengths = [len(norm) for norm in table_of(texts).norms]
    assert lengths == sorted(lengths)


def test_matches_survive_the_cache_format_and_damage_is_refused() -> None:
    table = table_of(collection(random.Random(4), 20))
    kept = TextMatches.of(table, match_texts(table, table.probes()))
    assert TextMatches.from_plain(kept.to_plain()) == kept
    plain = kept.to_plain()
    with pytest.raises(ValueError):
        TextMatches.from_plain([plain[0][:-3], *plain[1:]])
    with pytest.raises(ValueError):
        TextMatches.from_plain([*plain[:2], plain[2][:-4], *plain[3:]])
    empty = TextMatches([], frozenset(), [])
    assert TextMatches.from_plain(empty.to_plain()) == empty


def table_with_insertions(seed: int) -> TextTable:
    """A collection's texts, and of some two copies with a different editorial insertion each
    (`[harbour]`, `[fleet]`): they are repeats only by their own words, which the helper must
    be told apart from the words."""
    rng = random.Random(seed)
    texts = collection(rng, 60)
    for n in rng.sample(range(len(texts)), 10):
        words = texts[n].split()
        for inserted in rng.sample([w for w in VOCABULARY if w not in words], 2):
            copy = words[:]
            copy.insert(rng.randrange(1, len(copy)), f"[{inserted}]")
            texts.append(" ".join(copy))
    quotes = [Quote(f"a{n}:q1", f"a{n}", 0, len(t), t) for n, t in enumerate(texts)]
    return TextTable(quotes, lambda i: i)


@pytest.fixture
def helper_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matchrun, "HELPER_MIN_PROBES", 1)
    monkeypatch.setattr(matchrun, "usable_cores", lambda: 2)
    # A small cap, so that stems are skipped: the helper must use the cap this process used.
    monkeypatch.setattr(textmatches, "STEM_CAP", 35)


@pytest.mark.usefixtures("helper_for_any_size")
def test_a_helper_process_matches_what_this_process_would() -> None:
    here = table_with_insertions(7)
    expected = match_texts(here, here.probes())
    assert any(kind == "repeat" for _, _, kind, _ in expected)
    assert here.bracketed and here.index.capped

    helped = table_with_insertions(7)
    run = MatchRun(helped)
    assert run._helper is not None
    chunks = run._helper[1]
    assert [t for _, probes in chunks for t in probes] == here.probes()
    chunks[0][0].result(timeout=120)  # the helper has matched a chunk: its result is used
    assert run.matches() == expected
    assert helped.index.skipped == here.index.skipped  # its skipped stems are counted too


@pytest.mark.usefixtures("helper_for_any_size")
def test_a_helper_started_before_the_table_matches_the_same() -> None:
    here = table_with_insertions(12)
    expected = match_texts(here, here.probes())
    helper = matchrun.start_helper(len(here.norms))
    assert helper is not None
    run = MatchRun(table_with_insertions(12), helper=helper)
    assert run._helper is not None and run._helper[0] is helper
    run._helper[1][0][0].result(timeout=120)
    assert run.matches() == expected
    run.close()


class _CountingPool:
    """A pool that only records what is done with it."""

    def __init__(self, *args: object, **options: object) -> None:
        self.submitted: list[object] = []
        self.shut = False

    def submit(self, function: object, *args: object) -> Future[object]:
        self.submitted.append(function)
        return Future()

    def shutdown(self, **options: object) -> None:
        self.shut = True


@pytest.mark.usefixtures("helper_for_any_size")
def test_an_early_helper_the_table_does_not_need_is_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = table_with_insertions(13)
    monkeypatch.setattr(matchrun, "ProcessPoolExecutor", _CountingPool)
    monkeypatch.setattr(matchrun, "HELPER_MIN_PROBES", len(table.norms) + 1)
    assert matchrun.start_helper(len(table.norms)) is None  # too few texts to be worth one
    monkeypatch.setattr(matchrun, "HELPER_MIN_PROBES", 1)
    helper = matchrun.start_helper(len(table.norms))
    assert isinstance(helper, _CountingPool) and helper.submitted == [matchrun._receive]
    # Fewer texts to probe than a helper is worth: matched here, and the helper let go.
    monkeypatch.setattr(matchrun, "HELPER_MIN_PROBES", len(table.probes()) + 1)
    run = MatchRun(table, helper=helper)  # type: ignore[arg-type]
    assert run._helper is None and helper.shut
    assert run.matches() == match_texts(table, table.probes())


def test_an_early_helper_is_let_go_when_the_table_cannot_be_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    helper = _CountingPool()

    def broken_table(*_args: object) -> TextTable:
        raise MemoryError("no room for the table")

    monkeypatch.setattr(links, "start_helper", lambda _texts: helper)
    monkeypatch.setattr(links, "TextTable", broken_table)
    with pytest.raises(MemoryError):
        links.PreparedLinks([], [])
    assert helper.shut


def test_a_checkpoint_between_the_table_and_matching_stops_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quitting while the table is built stops before any matching, and lets the early helper
    go rather than send it the texts."""
    helper = _CountingPool()
    built: list[TextTable] = []

    def recording_table(*args: object) -> TextTable:
        built.append(TextTable(*args))  # type: ignore[arg-type]
        return built[-1]

    def quit_now() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(links, "start_helper", lambda _texts: helper)
    monkeypatch.setattr(links, "TextTable", recording_table)
    with pytest.raises(KeyboardInterrupt):
        links.PreparedLinks([], [], checkpoint=quit_now)
    assert len(built) == 1 and helper.shut and helper.submitted == []


class _FailingPool:
    """A pool whose helper dies (or that cannot start one)."""

    def __init__(self, *args: object, start: bool = True, **options: object) -> None:
        if not start:
            raise OSError("no more processes")

    def submit(self, *args: object) -> Future[object]:
        future: Future[object] = Future()
        future.set_exception(BrokenProcessPool("the helper was killed"))
        return future

    def shutdown(self, **options: object) -> None:
        pass


class _IdlePool:
    """A pool whose helper never gets to any chunk: this process takes them all."""

    def __init__(self, *args: object, **options: object) -> None:
        self.submitted: list[Future[object]] = []

    def submit(self, *args: object) -> Future[object]:
        self.submitted.append(Future())
        return self.submitted[-1]

    def shutdown(self, **options: object) -> None:
        pass


@pytest.mark.usefixtures("helper_for_any_size")
@pytest.mark.parametrize("starts", [True, False])
def test_a_helper_that_fails_leaves_its_share_to_this_process(
    starts: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = table_with_insertions(8)
    expected = match_texts(here, here.probes())
    monkeypatch.setattr(matchrun, "ProcessPoolExecutor", lambda *a, **o: _FailingPool(start=starts))
    assert MatchRun(table_with_insertions(8)).matches() == expected


@pytest.mark.usefixtures("helper_for_any_size")
def test_chunks_the_helper_has_not_started_are_matched_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = table_with_insertions(9)
    expected = match_texts(here, here.probes())
    pool = _IdlePool()
    monkeypatch.setattr(matchrun, "ProcessPoolExecutor", lambda *a, **o: pool)
    run = MatchRun(table_with_insertions(9))
    assert run._helper is not None
    chunks = run._helper[1]
    assert run.matches() == expected
    assert len(chunks) > 1
    assert all(future.cancelled() for future, _ in chunks)


def _speaker_groups(table: TextTable, seed: int) -> list[list[int]]:
    """Texts dealt out to a few "speakers", some printed twice."""
    rng = random.Random(seed)
    texts = list(range(len(table.norms))) + rng.sample(range(len(table.norms)), 10)
    rng.shuffle(texts)
    return [texts[n::4] for n in range(4)]


@pytest.mark.usefixtures("helper_for_any_size")
def test_a_job_on_the_texts_runs_in_the_helper_as_it_would_here() -> None:
    here = table_with_insertions(10)
    groups = _speaker_groups(here, 10)
    weights = stem_weights(here)
    expected = same_speaker_related(here, groups, *weights)
    assert expected[0]  # related pairs were found

    run = MatchRun(table_with_insertions(10))
    assert run._helper is not None
    result = run.run(same_speaker_related, groups, *weights)
    assert run.matches() == match_texts(here, here.probes())
    assert result() == expected
    run.close()


def table_with_fragments(seed: int) -> TextTable:
    """`table_with_insertions`, and two-word fragments: some cut from its texts, some not."""
    rng = random.Random(seed)
    base = table_with_insertions(seed)
    texts = list(base.norms)
    for n in rng.sample(range(len(base.norms)), 12):
        words = base.norms[n].split()
        at = rng.randrange(len(words) - 1)
        texts.append(" ".join(words[at : at + 2]))
    texts += [" ".join(rng.sample(VOCABULARY, 2)) for _ in range(6)]
    quotes = [Quote(f"f{n}:q1", f"f{n}", 0, len(t), t) for n, t in enumerate(texts)]
    return TextTable(quotes, lambda i: i)


@pytest.mark.usefixtures("helper_for_any_size")
def test_fragments_and_signatures_are_found_in_the_helper_as_here() -> None:
    """Linking hands the helper the short fragments' containers and the texts' signatures:
    what it sends back is what this process would work out, skipped stems included, and the
    index's own count of skipped stems is left as it was."""
    here = table_with_fragments(5)
    pairs, looked, skipped = textmatches.fragment_containers(here)
    assert pairs and looked >= len(pairs) and skipped  # fragments found, capped stems skipped
    assert here.index.skipped == 0
    for short, long in pairs:
        assert not here.is_long(short) and f" {here.norms[short]} " in f" {here.norms[long]} "
    expected_signatures = here.signatures

    run = MatchRun(table_with_fragments(5))
    assert run._helper is not None
    executor = run._helper[0]
    on_helper = executor.submit(matchrun._on_texts, textmatches.fragment_containers)
    assert on_helper.result(timeout=120) == (pairs, looked, skipped)
    signed = executor.submit(matchrun._on_texts, textmatches.text_signatures)
    assert signed.result(timeout=120) == expected_signatures
    run.close()


@pytest.mark.usefixtures("helper_for_any_size")
def test_after_a_rematch_a_helper_still_runs_the_jobs() -> None:
    """After an edit the changed texts are matched here, and the related quotes (a job) are
    found in a helper meanwhile, as they would be here."""
    before = table_with_insertions(14)
    previous = TextMatches.of(before, match_texts(before, before.probes()))
    here = table_with_insertions(14)
    groups = _speaker_groups(here, 14)
    weights = stem_weights(here)
    expected = same_speaker_related(here, groups, *weights)

    run = MatchRun(table_with_insertions(14), previous)
    assert run.rematched
    assert run._helper is not None and run._helper[1] == []  # no chunks to match there
    result = run.run(same_speaker_related, groups, *weights)
    where = run.run(_process_id)
    assert run.matches() == match_texts(here, here.probes())
    assert result() == expected
    assert where() != os.getpid()  # the job ran in the helper, not here
    run.close()


def _process_id(_texts: object) -> int:
    """A job that says which process ran it."""
    return os.getpid()


@pytest.mark.usefixtures("helper_for_any_size")
def test_a_job_the_helper_fails_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    here = table_with_insertions(11)
    groups = _speaker_groups(here, 11)
    monkeypatch.setattr(matchrun, "ProcessPoolExecutor", lambda *a, **o: _FailingPool())
    run = MatchRun(table_with_insertions(11))
    weights = stem_weights(here)
    expected = same_speaker_related(here, groups, *weights)
    assert run.run(same_speaker_related, groups, *weights)() == expected
