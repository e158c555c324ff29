"""The `stance-reader` command run as a user runs it: a subprocess, reading stdout, stderr, exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(*args: str, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STANCE_READER_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("STANCE_READER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_analyze_json_follows_the_contract(cache: Path) -> None:
    result = run("analyze", "--format", "json", cache=cache)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "stance-reader/analysis@1"
    assert sorted(a["id"] for a in data["articles"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert {a["path"] for a in data["articles"]} == {f"seeds/{p.name}" for p in SEEDS.glob("*.txt")}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    speaker_ids = {s["id"] for s in data["speakers"]}
    for quote in data["quotes"]:
        assert texts[quote["article"]][quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in speaker_ids
        assert quote["stance"] in {"support", "oppose", "retract", "neutral"}
    quote_ids = {q["id"] for q in data["quotes"]}
    assert data["links"], "the seed story has linked statements"
    for link in data["links"]:
        assert link["from"] in quote_ids and link["to"] in quote_ids


def test_json_is_the_same_with_and_without_cache(cache: Path) -> None:
    cold = run("analyze", "--format", "json", "--no-cache", cache=cache)
    first = run("analyze", "--format", "json", cache=cache)
    warm = run("analyze", "--format", "json", cache=cache)
    assert cold.returncode == first.returncode == warm.returncode == 0
    assert json.loads(cold.stdout) == json.loads(first.stdout) == json.loads(warm.stdout)


def test_analyze_text_lists_quotes_by_speaker(cache: Path) -> None:
    result = run("analyze", str(SEEDS), cache=cache)
    assert result.returncode == 0, result.stderr
    assert "Stian Jenssen" in result.stdout
    assert "I think that a solution could be for Ukraine to give up territory" in result.stdout
    assert "▲ support" in result.stdout


def test_links_groups_statements_by_kind(cache: Path) -> None:
    result = run("links", str(SEEDS), cache=cache)
    assert result.returncode == 0, result.stderr
    assert "RETRACTION" in result.stdout
    assert "It was a mistake" in result.stdout


def test_folder_without_articles_exits_2_with_a_message(cache: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("analyze", str(empty), cache=cache)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no readable articles" in result.stderr
    assert "photo.png" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_message_not_a_traceback(cache: Path, tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "nope"), cache=cache)
    assert result.returncode == 2
    assert "nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_are_skipped_and_the_rest_still_reads(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "A headline\n\n“We will not give up,” the mayor, Anna Berg, said.\n", encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = run("analyze", "--format", "json", str(folder), cache=cache)
    assert result.returncode == 0, result.stderr
    assert "binary.txt" in result.stderr
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["articles"]] == ["good"]
    assert [q["text"] for q in data["quotes"]] == ["We will not give up,"]


def test_usage_error_exits_2(cache: Path) -> None:
    result = run("analyze", "--format", "yaml", cache=cache)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_cache_clear(cache: Path) -> None:
    assert run("analyze", "--format", "json", cache=cache).returncode == 0
    result = run("cache", "clear", cache=cache)
    assert result.returncode == 0
    assert "cache cleared" in result.stderr
    again = run("cache", "clear", cache=cache)
    assert again.returncode == 0
    assert "no cache to clear" in again.stderr


ARTICLE = "A headline\n\n“We will not give up,” the mayor, Anna Berg, said.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.txt", ARTICLE.encode() + b"\xff\xfe bad bytes\n", "UTF-8"),
        ("empty.txt", b"", "empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "photo.png"),
        ("nul.txt", b"text\x00with\x00nul bytes" * 50, "binary"),
    ],
)
def test_each_bad_file_gets_one_named_line_and_the_rest_opens(
    cache: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    folder = tmp_path / "collection"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / name).write_bytes(content)
    result = run("analyze", "--format", "json", str(folder), cache=cache)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1 and message.lower() in lines[0].lower(), result.stderr
    assert "Traceback" not in result.stderr
    ids = [a["id"] for a in json.loads(result.stdout)["articles"]]
    assert "good" in ids


def test_utf16_with_bom_is_read(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(ARTICLE.encode("utf-16"))
    result = run("analyze", "--format", "json", str(tmp_path), cache=cache)
    assert result.returncode == 0, result.stderr
    assert [q["text"] for q in json.loads(result.stdout)["quotes"]] == ["We will not give up,"]


def test_symlink_loop_is_reported_not_followed_forever(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "self").symlink_to(folder)
    result = run("analyze", "--format", "json", str(folder), cache=cache)
    assert result.returncode == 0, result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["good"]
    assert "Traceback" not in result.stderr


def test_malformed_collection_toml_names_file_and_line(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "collection.toml").write_text('name = "x"\ntopic = [\n', encoding="utf-8")
    result = run("analyze", "--format", "json", str(tmp_path), cache=cache)
    assert result.returncode == 0, result.stderr
    assert "collection.toml:3" in result.stderr
    assert "Traceback" not in result.stderr


def test_markup_and_escapes_in_articles_print_literally(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "Headline [bold red]boom[/]\n\n“[link=http://x]click[/link] \x1b[31mred\x1b[0m,” "
        "said Eve Hacker.\n",
        encoding="utf-8",
    )
    result = run("analyze", str(tmp_path), cache=cache)
    assert result.returncode == 0, result.stderr
    assert "[link=http://x]click[/link]" in result.stdout
    assert "\x1b" not in result.stdout
    assert "␛[31mred␛[0m" in result.stdout
    as_json = run("analyze", "--format", "json", str(tmp_path), cache=cache)
    assert "\x1b" not in as_json.stdout
    assert json.loads(as_json.stdout)["quotes"][0]["text"].startswith("[link=http://x]")


def test_untitled_articles_are_named_by_their_first_words(cache: Path) -> None:
    result = run("analyze", cache=cache)
    assert result.returncode == 0, result.stderr
    assert "(untitled) Ukraine reacted with fury" in result.stdout
    assert "002_e0bf0cd26cbeb941" not in result.stdout


@pytest.mark.parametrize("printer", ["print_text", "print_links"])
def test_a_terminal_and_a_pipe_get_the_same_characters(
    printer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redirected output skips Rich (250,000 lines at 10,000 articles); a terminal gets the
    same characters, styled. Batches are cut small here so that lines cross them."""
    import io

    from rich.console import Console

    from reader import cli
    from reader.pipeline import analyse

    analysis = analyse([SEEDS], use_cache=False)
    args = (None,) if printer == "print_links" else ()
    piped = io.StringIO()
    terminal = Console(file=io.StringIO(), force_terminal=True, record=True, soft_wrap=True)
    monkeypatch.setattr(cli._Lines, "BATCH", 7)
    getattr(cli, printer)(analysis, Console(file=piped, soft_wrap=True), *args)
    getattr(cli, printer)(analysis, terminal, *args)
    assert piped.getvalue().count("\n") > 40
    assert "\x1b[1m" in terminal.file.getvalue()  # styled: bold headings
    assert terminal.export_text() == piped.getvalue()
