from pathlib import Path

import pytest

from reader.tomlfile import ConfigError, load_toml


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\ntopic = [\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_toml(path)
    assert str(error.value).startswith(f"{path}:3: invalid TOML")


def test_absurd_nesting_is_a_config_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("terms = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_toml(path)


def test_invalid_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "ok"\nx = "caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"latin.toml:2: not valid UTF-8"):
        load_toml(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_toml(tmp_path / "missing.toml")
