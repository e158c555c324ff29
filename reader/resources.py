"""Where the files shipped with the package live, and where the user's own go.

Seeds, bundled themes and cue lists ship inside the package (`reader/seeds`, `reader/themes`
are symlinks to the repo's top-level folders in a checkout and real folders in a wheel), so a
plain `pip install .` opens the default collection. User themes and the cache live in the
platform's config and cache directories, never next to the user's articles.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
APP_NAME = "stance-reader"


def default_collection() -> Path:
    return PACKAGE_DIR / "seeds"


def bundled_themes_dir() -> Path:
    return PACKAGE_DIR / "themes"


def lexicon_dir() -> Path:
    return PACKAGE_DIR / "lexicon"


def user_config_dir() -> Path:
    override = os.environ.get("STANCE_READER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def user_themes_dir() -> Path:
    return user_config_dir() / "themes"


def user_cache_dir() -> Path:
    override = os.environ.get("STANCE_READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))
