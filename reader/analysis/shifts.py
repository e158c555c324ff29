"""Speakers whose stance on the topic changed over time (the export's `shifts`).

Kept apart from linking because it reads links rather than making them: the links say which
quotes only restate an earlier statement and which retraction withdraws which statement.
"""

from __future__ import annotations

from collections import defaultdict

from reader.model import Link, Quote, Shift


def find_shifts(quotes: list[Quote], links: list[Link]) -> list[Shift]:
    """Per speaker, each change between two non-neutral stances on the topic, in time order.

    Restatements are not new statements: a quote that repeats or excerpts an earlier quote of
    the same speaker is left out, so an outlet reprinting the original after the retraction
    does not count as a change back. A retraction counts as on-topic when it is linked to what
    it withdraws. One shift per change, from the last quote of the old stance to the first of
    the new.
    """
    by_id = {q.id: q for q in quotes}
    restated: set[str] = set()
    retracting: set[str] = set()
    for link in links:
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None:
            continue
        if link.kind in ("repeat", "excerpt") and source.speaker == target.speaker:
            restated.add(source.id)
        elif link.kind == "retraction":
            retracting.add(source.id)
    timelines: dict[str, list[tuple[float, int, Quote]]] = defaultdict(list)
    for n, q in enumerate(quotes):
        if (
            q.speaker is not None
            and q.stance != "neutral"
            and (q.on_topic or q.id in retracting)
            and q.id not in restated
        ):
            timelines[q.speaker].append((q.order, n, q))
    shifts = []
    for speaker, timeline in timelines.items():
        timeline.sort(key=lambda entry: entry[:2])
        previous: Quote | None = None
        for _, _, q in timeline:
            if previous is not None and q.stance != previous.stance:
                shifts.append(Shift(speaker, previous.id, q.id, previous.stance, q.stance))
            previous = q
    return shifts
