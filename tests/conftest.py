"""Fixtures shared by the analysis tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty cache folder for the test (not yet created)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STANCE_READER_CACHE_DIR", str(folder))
    return folder
