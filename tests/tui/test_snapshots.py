"""Pictures of the main screen on the seeds, wide and at 80x24."""

from __future__ import annotations

from reader.tui.app import ReaderApp


def test_main_screen_120x40(snap_compare, seeds_analysis):
    assert snap_compare(ReaderApp(analysis=seeds_analysis), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare, seeds_analysis):
    assert snap_compare(ReaderApp(analysis=seeds_analysis), terminal_size=(80, 24))


def test_main_screen_after_a_jump_80x24(snap_compare, seeds_analysis):
    assert snap_compare(
        ReaderApp(analysis=seeds_analysis),
        terminal_size=(80, 24),
        press=["right_square_bracket", "right_square_bracket"],
    )
