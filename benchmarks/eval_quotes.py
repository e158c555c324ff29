"""Quote and speaker accuracy on annotated news the analysis was not built on.

    .venv/bin/python benchmarks/eval_quotes.py [--seeds] [--quiet]

Issue 2 is judged on held-out, annotated news: quote recall and precision, how many partial
quotes are found, and how often the named source is the right person. This script measures the
same on `tests/fixtures/news` (articles written in the house styles of wire services, British
papers, features, interviews and local news, annotated by hand in `gold.json` before the system
was run on them), so a change to the quote or speaker rules shows its effect on text it was not
tuned for. With `--seeds` it also scores the five seed articles against the expectations of
`tests/test_seed_speakers.py`.

A system quote matches a gold quote when their spans overlap by at least half of the longer one
(one to one, largest overlap first); "exact" figures count identical offsets only. Speaker
names match when they are the same after folding case, accents and titles, when rapidfuzz
finds them near-identical (Ihor/Igor Terekhov) and no other annotated person is as close
(Mike Johnson is not Mike Johnston), or when the system has only the surname (or a variant of
it) and no other annotated person in the article shares it. Every miss, false
positive, wrong kind and wrong speaker is listed with its article and context.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import Analysis, Quote  # noqa: E402
from reader.pipeline import analyse  # noqa: E402

NEWS = ROOT / "tests" / "fixtures" / "news"
SEEDS = ROOT / "seeds"

# Spans overlapping by at least this share of the longer one are the same quote.
MIN_OVERLAP = 0.5
# rapidfuzz ratio above which two full names are spelling variants of one name.
VARIANT_RATIO = 85
# Words that only make a name formal or a description indefinite; ignored when comparing.
_IGNORED = frozenset(
    [
        "a",
        "an",
        "the",
        "one",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sen",
        "senator",
        "gov",
        "rep",
        "president",
        "minister",
        "chief",
        "prof",
    ]
)


@dataclass(frozen=True)
class Gold:
    """One hand-annotated quote."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_kind: str | None


@dataclass
class Finding:
    """One error, with enough context to read it without opening the file."""

    article: str
    quote: str
    detail: str
    context: str

    def line(self) -> str:
        return f"  [{self.article}] «{_short(self.quote)}» {self.detail}\n      … {self.context} …"


@dataclass
class Report:
    """Counts and every error of one evaluation run."""

    gold: int = 0
    system: int = 0
    exact: int = 0
    matched: int = 0
    gold_partial: int = 0
    partial_found: int = 0
    partial_found_as_partial: int = 0
    system_scare: int = 0
    scare_right: int = 0
    gold_scare: int = 0
    scare_found_as_scare: int = 0
    kind_right: int = 0
    named: int = 0
    named_matched: int = 0
    speaker_right: int = 0
    unnamed: int = 0
    unnamed_matched: int = 0
    unnamed_right_kind: int = 0
    misses: list[Finding] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)
    wrong_kinds: list[Finding] = field(default_factory=list)
    wrong_speakers: list[Finding] = field(default_factory=list)
    wrong_unnamed: list[Finding] = field(default_factory=list)
    split_people: list[str] = field(default_factory=list)
    merged_people: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The headline ratios, as percentages."""
        return {
            "recall": _pct(self.matched, self.gold),
            "precision": _pct(self.matched, self.system),
            "recall_exact": _pct(self.exact, self.gold),
            "precision_exact": _pct(self.exact, self.system),
            "partial_recall": _pct(self.partial_found, self.gold_partial),
            "partial_recall_as_partial": _pct(self.partial_found_as_partial, self.gold_partial),
            "scare_precision": _pct(self.scare_right, self.system_scare),
            "scare_recall": _pct(self.scare_found_as_scare, self.gold_scare),
            "kind_accuracy": _pct(self.kind_right, self.matched),
            "speaker_accuracy": _pct(self.speaker_right, self.named_matched),
            "speaker_accuracy_all": _pct(self.speaker_right, self.named),
            "unnamed_source_accuracy": _pct(self.unnamed_right_kind, self.unnamed_matched),
        }


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 80) : min(len(text), end + 80)].split())


def load_gold(path: Path) -> dict[str, list[Gold]]:
    """Gold quotes by article id, in text order."""
    data = json.loads(path.read_text("utf-8"))
    return {
        article: [
            Gold(
                article,
                q["start"],
                q["end"],
                q["text"],
                q["kind"],
                q["speaker"],
                q["speaker_kind"],
            )
            for q in entry["quotes"]
        ]
        for article, entry in data["articles"].items()
    }


def seed_gold(analysis: Analysis) -> dict[str, list[Gold]]:
    """Gold quotes of the seeds, from the expectations `tests/test_seed_speakers.py` asserts.

    That test lists (article prefix, text, kind, speaker id) in text order; offsets are found
    by searching each text after the previous one, past the title. Speaker ids become names
    (`stian-jenssen` → `stian jenssen`), which the name comparison folds anyway.
    """
    spec = importlib.util.spec_from_file_location(
        "seed_expectations", ROOT / "tests" / "test_seed_speakers.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("tests/test_seed_speakers.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold: dict[str, list[Gold]] = {}
    cursor: dict[str, int] = {}
    for prefix, text, kind, speaker in module.EXPECTED:
        article = next(a for a in analysis.articles if a.id.startswith(prefix))
        body = [b for b in article.blocks if b.kind == "body"]
        floor = cursor.get(article.id, body[0].start if body else 0)
        start = article.text.index(text, floor)
        cursor[article.id] = start + len(text)
        name = speaker.replace("-", " ") if speaker else None
        gold.setdefault(article.id, []).append(
            Gold(article.id, start, start + len(text), text, kind, name, "person" if name else None)
        )
    return gold


def _fold(name: str) -> list[str]:
    """Lower-case, accent-free, punctuation-free words of a name, without titles and articles."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return [w for w in plain.split() if w not in _IGNORED]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def person_matches(
    gold: str, names: list[str], others: set[str], rivals: Sequence[str] = ()
) -> bool:
    """Whether any of the system's names for a speaker is the annotated person.

    `others` holds the folded words of the other annotated people in the article, so a bare
    surname shared by two of them (the Russos, the Parks) never counts as right. `rivals` are
    the other annotated people of the whole set: a spelling variant counts only when no rival
    is as close, so Mike Johnson is never taken for Mike Johnston.
    """
    want = " ".join(_fold(gold))
    rival_names = [" ".join(_fold(r)) for r in rivals if _fold(r) != _fold(gold)]
    for name in names:
        words = _fold(name)
        got = " ".join(words)
        if not got:
            continue
        if got == want:
            return True
        closeness = fuzz.ratio(got, want)
        if closeness >= VARIANT_RATIO and all(fuzz.ratio(got, r) < closeness for r in rival_names):
            return True
        if (
            len(words) == 1
            and got not in others
            and any(fuzz.ratio(got, word) >= VARIANT_RATIO for word in want.split())
        ):
            return True
    return False


def description_matches(gold: str, names: list[str]) -> bool:
    """Whether a system name is the annotated group or anonymous source: its head noun agrees."""
    head = _stem(_fold(gold)[-1]) if _fold(gold) else ""
    return any(head in {_stem(w) for w in _fold(name)} for name in names)


def _system_names(analysis: Analysis, quote: Quote) -> tuple[list[str], str | None]:
    speaker = analysis.speaker(quote.speaker)
    if speaker is not None:
        return [speaker.name, *speaker.aliases], speaker.kind
    if quote.speaker_name:
        return [quote.speaker_name], quote.speaker_kind
    return [], None


def _pairs(golds: list[Gold], quotes: list[Quote]) -> list[tuple[Gold, Quote]]:
    """One-to-one matches, largest overlap first."""
    candidates = []
    for gi, g in enumerate(golds):
        for qi, q in enumerate(quotes):
            overlap = min(g.end, q.end) - max(g.start, q.start)
            longer = max(g.end - g.start, q.end - q.start)
            if overlap > 0 and overlap >= MIN_OVERLAP * longer:
                candidates.append((overlap, gi, qi))
    used_g: set[int] = set()
    used_q: set[int] = set()
    pairs = []
    for _overlap, gi, qi in sorted(candidates, reverse=True):
        if gi not in used_g and qi not in used_q:
            used_g.add(gi)
            used_q.add(qi)
            pairs.append((golds[gi], quotes[qi]))
    return pairs


def evaluate(analysis: Analysis, gold: dict[str, list[Gold]]) -> Report:
    """Score an analysis against gold quotes; articles without gold are not scored."""
    report = Report()
    identities: dict[str, set[str]] = {}  # annotated person -> system speaker ids
    people = sorted(
        {g.speaker for golds in gold.values() for g in golds if g.speaker_kind == "person"}
    )
    for article_id, golds in gold.items():
        article = analysis.article(article_id)
        if article is None:
            raise ValueError(f"gold names article {article_id!r}, which was not analysed")
        for g in golds:
            if article.text[g.start : g.end] != g.text:
                raise ValueError(
                    f"{article_id}: gold offsets {g.start}-{g.end} do not hold {g.text!r}"
                )
        _score_article(report, analysis, article.text, golds, people, identities)
    report.split_people = sorted(
        f"{person}: {sorted(ids)}" for person, ids in identities.items() if len(ids) > 1
    )
    people_of: dict[str, set[str]] = {}
    for person, ids in identities.items():
        for speaker_id in ids:
            people_of.setdefault(speaker_id, set()).add(person)
    report.merged_people = sorted(
        f"{speaker_id}: {sorted(people)}"
        for speaker_id, people in people_of.items()
        if len(people) > 1
    )
    return report


def _score_article(
    report: Report,
    analysis: Analysis,
    text: str,
    golds: list[Gold],
    people: list[str],
    identities: dict[str, set[str]],
) -> None:
    article_id = golds[0].article
    quotes = analysis.quotes_of(article_id)
    pairs = _pairs(golds, quotes)
    found = {id(g) for g, _ in pairs}
    used = {q.id for _, q in pairs}
    report.gold += len(golds)
    report.system += len(quotes)
    report.matched += len(pairs)
    report.gold_partial += sum(g.kind == "partial" for g in golds)
    report.gold_scare += sum(g.kind == "scare" for g in golds)
    report.system_scare += sum(q.kind == "scare" for q in quotes)
    report.named += sum(g.speaker_kind == "person" for g in golds)
    report.unnamed += sum(g.speaker_kind in ("anonymous", "group") for g in golds)
    for g in golds:
        if id(g) not in found:
            context = _context(text, g.start, g.end)
            report.misses.append(Finding(article_id, g.text, f"({g.kind}, {g.speaker})", context))
    for q in quotes:
        if q.id not in used:
            names, _kind = _system_names(analysis, q)
            detail = f"({q.kind}, {names[0] if names else None})"
            context = _context(text, q.start, q.end)
            report.false_positives.append(Finding(article_id, q.text, detail, context))
    person_words = {
        g.speaker: set(_fold(g.speaker)) for g in golds if g.speaker and g.speaker_kind == "person"
    }
    for g, q in pairs:
        context = _context(text, g.start, g.end)
        _score_kind(report, g, q, context)
        others = set().union(*(w for name, w in person_words.items() if name != g.speaker))
        _score_speaker(report, analysis, g, q, (others, people), context, identities)


def _score_kind(report: Report, g: Gold, q: Quote, context: str) -> None:
    report.exact += (g.start, g.end) == (q.start, q.end)
    report.kind_right += g.kind == q.kind
    if g.kind == "partial":
        report.partial_found += 1
        report.partial_found_as_partial += q.kind == "partial"
    if q.kind == "scare":
        report.scare_right += g.kind == "scare"
        report.scare_found_as_scare += g.kind == "scare"
    if g.kind != q.kind:
        detail = f"system {q.kind}, gold {g.kind}"
        report.wrong_kinds.append(Finding(g.article, g.text, detail, context))


def _score_speaker(
    report: Report,
    analysis: Analysis,
    g: Gold,
    q: Quote,
    rivals: tuple[set[str], list[str]],
    context: str,
    identities: dict[str, set[str]],
) -> None:
    names, kind = _system_names(analysis, q)
    got = names[0] if names else None
    if g.speaker_kind == "person" and g.speaker:
        report.named_matched += 1
        if person_matches(g.speaker, names, *rivals):
            report.speaker_right += 1
            if q.speaker:
                identities.setdefault(g.speaker, set()).add(q.speaker)
        else:
            detail = f"system {got!r}, gold {g.speaker!r}"
            report.wrong_speakers.append(Finding(g.article, g.text, detail, context))
    elif g.speaker:
        report.unnamed_matched += 1
        if kind == g.speaker_kind and description_matches(g.speaker, names):
            report.unnamed_right_kind += 1
        else:
            detail = f"system {got!r} ({kind}), gold {g.speaker!r} ({g.speaker_kind})"
            report.wrong_unnamed.append(Finding(g.article, g.text, detail, context))
    elif names:
        detail = f"system {got!r}, gold no speaker"
        report.wrong_unnamed.append(Finding(g.article, g.text, detail, context))


def analyse_fresh(folder: Path) -> tuple[Analysis, list[str]]:
    """The folder analysed without the cache, with the warnings it raised.

    An article whose analysis raises is kept without quotes and only warned about, so the
    warnings are part of the result: without them a crash would read as a recall of zero.
    Files that are not articles (the gold file itself) are expected and left out.
    """
    warnings: list[str] = []
    analysis = analyse([folder], use_cache=False, workers=1, warn=warnings.append)
    return analysis, [w for w in warnings if "not an article" not in w]


def evaluate_news(folder: Path = NEWS) -> Report:
    """Analyse the evaluation set afresh and score it against its gold file."""
    analysis, warnings = analyse_fresh(folder)
    report = evaluate(analysis, load_gold(folder / "gold.json"))
    report.warnings = warnings
    return report


def evaluate_seeds(folder: Path = SEEDS) -> Report:
    analysis, warnings = analyse_fresh(folder)
    report = evaluate(analysis, seed_gold(analysis))
    report.warnings = warnings
    return report


def print_report(title: str, report: Report, quiet: bool = False) -> None:
    f = report.figures()
    print(f"== {title}: {report.gold} gold quotes, {report.system} system quotes")
    for warning in report.warnings:
        print(f"!! {warning}")
    print(
        f"quote recall     {f['recall']:5.1f}%   precision {f['precision']:5.1f}%"
        f"   (overlap ≥ {MIN_OVERLAP:.0%} of the longer span)"
    )
    print(f"exact recall     {f['recall_exact']:5.1f}%   precision {f['precision_exact']:5.1f}%")
    print(
        f"partial recall   {f['partial_recall']:5.1f}%   "
        f"(found and marked partial: {f['partial_recall_as_partial']:.1f}%, "
        f"{report.gold_partial} gold partial quotes)"
    )
    print(
        f"scare precision  {f['scare_precision']:5.1f}%   "
        f"(scare recall {f['scare_recall']:.1f}%, {report.system_scare} system scare quotes)"
    )
    print(f"kind accuracy    {f['kind_accuracy']:5.1f}%   (of matched quotes)")
    print(
        f"speaker accuracy {f['speaker_accuracy']:5.1f}%   "
        f"({report.speaker_right}/{report.named_matched} found quotes with a named person; "
        f"{f['speaker_accuracy_all']:.1f}% of all {report.named})"
    )
    print(
        f"unnamed sources  {f['unnamed_source_accuracy']:5.1f}%   "
        f"(anonymous and group sources found with the right kind and head noun, "
        f"of {report.unnamed_matched})"
    )
    if quiet:
        return
    sections = [
        ("missed quotes", report.misses),
        ("false positives", report.false_positives),
        ("wrong kinds", report.wrong_kinds),
        ("wrong speakers (named people)", report.wrong_speakers),
        ("wrong anonymous/group/none speakers", report.wrong_unnamed),
    ]
    for name, findings in sections:
        print(f"-- {name}: {len(findings)}")
        for finding in findings:
            print(finding.line())
    for name, lines in (
        ("people split over several speakers", report.split_people),
        ("different people merged into one speaker", report.merged_people),
    ):
        print(f"-- {name}: {len(lines)}")
        for line in lines:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", action="store_true", help="also score the seed articles")
    parser.add_argument("--quiet", action="store_true", help="figures only, no error lists")
    args = parser.parse_args(argv)
    print_report(f"news evaluation set ({NEWS.relative_to(ROOT)})", evaluate_news(), args.quiet)
    if args.seeds:
        print()
        print_report("seed articles", evaluate_seeds(), args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
