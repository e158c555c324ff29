from reader.safe_text import clean, one_line


def test_escape_sequences_become_visible_and_keep_length() -> None:
    text = "red \x1b[31malert\x1b[0m and \x9b2J csi, bell\x07"
    shown = clean(text)
    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    assert "␛[31malert␛[0m" in shown
    assert len(shown) == len(text)


def test_layout_characters_survive() -> None:
    assert clean("a\tb\nc\r\nd") == "a\tb\nc \nd"


def test_bidi_overrides_are_neutralised_but_rtl_text_is_not() -> None:
    assert clean("abc\u202edcba") == "abc\ufffddcba"
    assert clean("«שלום» «مرحبا»") == "«שלום» «مرحبا»"


def test_one_line_flattens_breaks() -> None:
    assert one_line("Title\nwith\tbreaks\r\nend") == "Title with breaks end"


def test_unicode_line_separators_keep_lines_and_offsets() -> None:
    assert clean("one\u2028two\u2029three") == "one two three"
