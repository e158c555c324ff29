"""The `stance-reader` command: open the reader, or analyse and export from the shell.

Every failure a user can cause (bad paths, unreadable files, broken settings, Ctrl+C) ends in a
one-line message on stderr and an exit code, never a traceback: 0 success, 1 an error, 2 nothing
readable or a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader import resources
from reader.model import Analysis
from reader.safe_text import one_line

EXIT_OK, EXIT_ERROR, EXIT_NOTHING, EXIT_INTERRUPTED = 0, 1, 2, 130
SUBCOMMANDS = ("analyze", "links", "cache")


class CliError(Exception):
    """An error with a message meant for the user, and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    """Warnings name files written by strangers: shown literally, never as markup or escapes."""
    _stderr().print(Text(f"stance-reader: {one_line(message)}"))


# ------------------------------------------------------------------------- argument parsing


def _add_collection_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (searched recursively); default: the bundled collection",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="analyse everything afresh, ignoring the cache"
    )


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader",
        description="Read news articles in the terminal: who is quoted, their stance, and where "
        "the same statements return across articles.",
        epilog="Other commands: 'stance-reader analyze --help', 'stance-reader links --help', "
        "'stance-reader cache --help'.",
    )
    _add_collection_args(parser)
    parser.add_argument(
        "--theme", metavar="NAME", help="colour theme (dark, light, okabe-ito, mono or your own)"
    )
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    if command == "analyze":
        parser = argparse.ArgumentParser(
            prog="stance-reader analyze",
            description="Analyse articles and write quotes, speakers, stances and links to stdout.",
        )
        _add_collection_args(parser)
        parser.add_argument(
            "--format",
            choices=("json", "text", "markdown"),
            default="text",
            help="json: the public contract (docs/analysis-json.md); text: quotes by speaker; "
            "markdown: every article with its quotes",
        )
        return parser
    if command == "links":
        parser = argparse.ArgumentParser(
            prog="stance-reader links",
            description="Print linked statements across articles, grouped by kind.",
        )
        _add_collection_args(parser)
        parser.add_argument(
            "--kind",
            action="append",
            choices=("repeat", "excerpt", "retraction", "rebuttal", "related"),
            help="only these kinds (repeatable)",
        )
        return parser
    parser = argparse.ArgumentParser(
        prog="stance-reader cache", description="Manage the analysis cache."
    )
    parser.add_argument("action", choices=("clear", "path"), help="clear it, or print where it is")
    return parser


# --------------------------------------------------------------------------------- analysis


def _collection_paths(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(resources.default_collection())]


def _load(paths: Sequence[str], use_cache: bool) -> Analysis:
    """Analyse with a progress bar on stderr when it is a terminal, warnings kept readable."""
    from reader.pipeline import analyse

    console = _stderr()
    if not console.is_terminal:
        return analyse(_collection_paths(paths), warn=warn, use_cache=use_cache)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("analyse", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        def live_warn(message: str) -> None:
            bar.console.print(Text(f"stance-reader: {one_line(message)}"))

        return analyse(
            _collection_paths(paths), warn=live_warn, use_cache=use_cache, progress=progress
        )


def _show_default_paths_relative(analysis: Analysis, paths: Sequence[str]) -> None:
    """The bundled collection lives wherever the package was installed; its articles are shown
    as `seeds/...`, as in the JSON contract, so output does not depend on the machine."""
    if paths:
        return
    root = resources.default_collection()
    for article in analysis.articles:
        with contextlib.suppress(ValueError):
            article.path = str(Path("seeds") / Path(article.path).relative_to(root))


def _require_articles(analysis: Analysis, paths: Sequence[str]) -> None:
    if not analysis.articles:
        where = ", ".join(one_line(p) for p in paths) or "the default collection"
        raise CliError(f"no readable articles found in {where}", EXIT_NOTHING)


# ---------------------------------------------------------------------------------- output

# JSON escapes C0 controls itself; C1 controls and bidi overrides are legal in JSON strings
# but must not reach a terminal raw, so they are written as \u escapes too.
_UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


def format_json(analysis: Analysis) -> str:
    text = json.dumps(analysis.to_json(), ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


Piece = str | tuple[str, str]  # text, or (text, style)


class _Lines:
    """Output lines written a batch at a time. A Rich `print` costs about 0.3 ms whatever it
    prints, and a `Text` about 15 µs, and 10,000 articles make 250,000 lines: so lines are
    assembled from pieces, and printed through Rich only where styles show (a terminal).
    Redirected to a file or a pipe, the same characters are written as they are."""

    BATCH = 1000

    def __init__(self, console: Console) -> None:
        self.console = console
        self.plain = not console.is_terminal
        self.lines: list[Text | str] = []

    def __enter__(self) -> _Lines:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.flush()

    def add(self, *pieces: Piece) -> None:
        if self.plain:
            self.lines.append("".join(p if isinstance(p, str) else p[0] for p in pieces))
        else:
            self.lines.append(Text.assemble(*pieces))
        if len(self.lines) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.lines:
            return
        if self.plain:
            self.console.file.write("\n".join(self.lines) + "\n")  # type: ignore[arg-type]
        else:
            self.console.print(Text("\n").join(self.lines))  # type: ignore[arg-type]
        self.lines = []


def print_text(analysis: Analysis, console: Console) -> None:
    """Quotes grouped by speaker, each with its stance glyph, article and text."""
    from reader.views import count, display_title, quotes_by_speaker, stance_glyph

    titles = {a.id: display_title(a) for a in analysis.articles}
    with _Lines(console) as out:
        for heading, quotes in quotes_by_speaker(analysis):
            out.add((one_line(heading), "bold"))
            for quote in quotes:
                out.add(
                    "  ",
                    (f"{stance_glyph(quote.stance)} {quote.stance:<8}", "bold"),
                    f" {quote.kind:<7} ",
                    (one_line(titles.get(quote.article, quote.article))[:40], "dim"),
                )
                out.add(f"      “{one_line(quote.text)}”")
            out.add("")
        summary = " · ".join(
            count(len(items), noun)
            for items, noun in (
                (analysis.articles, "article"),
                (analysis.quotes, "quote"),
                (analysis.speakers, "speaker"),
                (analysis.links, "link"),
            )
        )
        out.add((summary, "dim"))


LINK_VERBS = {
    "repeat": "repeats",
    "excerpt": "quotes from",
    "retraction": "withdraws",
    "rebuttal": "rejects",
    "related": "relates to",
}


def print_links(analysis: Analysis, console: Console, kinds: Sequence[str] | None) -> None:
    """Linked statements grouped by kind: the later statement, then the one it points to."""
    from reader.views import links_by_kind, quote_heading

    groups = links_by_kind(analysis, kinds)
    with _Lines(console) as out:
        if not groups:
            out.add("no linked statements")
        for kind, links in groups:
            out.add((f"{kind.upper()} ({len(links)})", "bold"))
            for link in links:
                source, target = analysis.quote(link.source), analysis.quote(link.target)
                if source is None or target is None:
                    continue
                out.add((f"  {one_line(quote_heading(analysis, source))}", "bold"))
                out.add(f"    “{one_line(source.text)}”")
                out.add(
                    (f"  {LINK_VERBS[kind]} ", "italic"),
                    (one_line(quote_heading(analysis, target)), "italic bold"),
                    (f"   score {link.score:.1f}", "italic dim"),
                )
                out.add(f"    “{one_line(target.text)}”")
                out.add("")


def print_markdown(analysis: Analysis) -> str:
    from reader.export import article_markdown

    return "\n\n".join(article_markdown(analysis, a.id) for a in analysis.articles)


# -------------------------------------------------------------------------------- commands


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def run_analyze(args: argparse.Namespace) -> int:
    analysis = _load(args.paths, use_cache=not args.no_cache)
    _require_articles(analysis, args.paths)
    _show_default_paths_relative(analysis, args.paths)
    if args.format == "json":
        sys.stdout.write(format_json(analysis) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(print_markdown(analysis) + "\n")
    else:
        print_text(analysis, _stdout())
    return EXIT_OK


def run_links(args: argparse.Namespace) -> int:
    analysis = _load(args.paths, use_cache=not args.no_cache)
    _require_articles(analysis, args.paths)
    print_links(analysis, _stdout(), args.kind)
    return EXIT_OK


def run_cache(args: argparse.Namespace) -> int:
    from reader.store import cache_path, clear_cache

    if args.action == "path":
        sys.stdout.write(f"{cache_path()}\n")
        return EXIT_OK
    try:
        removed = clear_cache()
    except OSError as error:
        raise CliError(f"cannot clear the cache: {error}") from None
    if removed is None:
        warn(f"no cache to clear ({cache_path()})")
    else:
        warn(f"cache cleared ({removed})")
    return EXIT_OK


def run_open(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not os.path.exists(path):
            raise CliError(f"{path}: no such file or folder", EXIT_NOTHING)
    from reader.tui.app import run

    return run(_collection_paths(args.paths), theme=args.theme, use_cache=not args.no_cache)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "analyze": run_analyze,
    "links": run_links,
    "cache": run_cache,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            command = argv.pop(0)
            return COMMANDS[command](_command_parser(command).parse_args(argv))
        return run_open(_open_parser().parse_args(argv))
    except SystemExit as exit_:
        # argparse exits 2 on usage errors and 0 for --help; keep its codes.
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    except CliError as error:
        warn(str(error))
        return error.code
    except KeyboardInterrupt:
        warn("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `stance-reader analyze | head`: the reader went away; not an error worth a message.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("STANCE_READER_DEBUG"):
            raise
        warn(f"internal error: {type(error).__name__}: {error} (STANCE_READER_DEBUG=1 shows more)")
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
