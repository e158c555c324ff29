"""The export prompt suggests and accepts paths built from strangers' ids: never a crash,
never outside the folder, never a control character."""

from pathlib import Path

import pytest

from reader.tui.screens.export import default_target, problem, safe_stem


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("000_d3f02dd8baab9bc1", "000_d3f02dd8baab9bc1"),
        ("../../../tmp/escaped", "tmp-escaped"),
        ("/etc/passwd", "etc-passwd"),
        ("evil\x1b]0;pwned\x07\u202e", "evil-0-pwned"),
        ("...", "export"),
    ],
)
def test_safe_stem(stem: str, expected: str) -> None:
    assert safe_stem(stem) == expected


def test_default_target_stays_in_the_folder_even_for_huge_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = default_target("ж" * 200, set())
    assert target.parent == tmp_path.resolve()
    assert len(target.name.encode()) < 255


def test_unusable_paths_are_reasons_not_exceptions(tmp_path: Path) -> None:
    assert "cannot use" in (problem(tmp_path / ("x" * 300 + ".md"), set()) or "")
    assert "cannot use" in (problem(Path("bad\x00name.md"), set()) or "")
    assert "holds articles" in (problem(tmp_path / "a.md", {tmp_path.resolve()}) or "")
    assert problem(tmp_path / "fine.md", set()) is None
