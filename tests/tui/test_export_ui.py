"""Export from the UI writes a new Markdown file outside the article folders, never over one."""

from __future__ import annotations

from pathlib import Path

from reader.tui.app import ReaderApp
from reader.tui.screens.export import ExportScreen, default_target, forbidden_dirs, problem


async def test_export_article_and_speaker_write_markdown_to_the_working_directory(
    seeds_analysis, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export art")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / f"{seeds_analysis.articles[0].id}.md"
        assert "I think that a solution could be" in written.read_text(encoding="utf-8")
        assert any(str(written) in str(n.message) for n in app._notifications)
        # the speakers screen exports the highlighted speaker
        await pilot.press("s", "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        speaker_file = tmp_path / "stian-jenssen.md"
        assert "It was a mistake" in speaker_file.read_text(encoding="utf-8")
        # exporting the article again never overwrites: a new name is offered
        await pilot.press("escape")
        app.action_export_article()
        await pilot.pause()
        path = app.screen.query_one("#export-path").value
        assert path.endswith("-2.md")


def test_export_target_is_never_an_article_folder_or_an_existing_file(tmp_path, monkeypatch):
    articles = tmp_path / "news"
    articles.mkdir()
    (articles / "a.txt").write_text("x", encoding="utf-8")
    forbidden = forbidden_dirs([str(articles / "a.txt")])
    assert problem(articles / "out.md", forbidden) is not None
    existing = tmp_path / "taken.md"
    existing.write_text("keep me", encoding="utf-8")
    assert "already exists" in problem(existing, forbidden)
    assert problem(tmp_path / "new.md", forbidden) is None
    # run from inside the article folder: the default goes elsewhere
    monkeypatch.chdir(articles)
    assert default_target("a", forbidden).parent != articles.resolve()
    monkeypatch.chdir(tmp_path)
    assert default_target("taken", forbidden) == tmp_path.resolve() / "taken-2.md"
    assert Path(existing).read_text(encoding="utf-8") == "keep me"
