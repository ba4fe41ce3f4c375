"""fit.py: measurement, wrapping as LibreOffice wraps, size fitting.

The expected lines below were drawn by LibreOffice 7.4 (Impress, PDF export, read back with
pdftotext -bbox) for text boxes 250 pt wide (235.6 pt inside the insets) at 20 pt Arial,
which LibreOffice sets in Liberation Sans, the font we measure with.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sferum_deck.inputs.resources import FONTS
from sferum_deck.plan import fit

REGULAR = str(FONTS / "LiberationSans-Regular.ttf")
BOLD = str(FONTS / "LiberationSans-Bold.ttf")
INNER = 235.6

DRAWN_BY_LIBREOFFICE = [
    # a word wider than the line starts a new line and is cut wherever the line is full
    ("Начало Суперкалифрагилистикэкспиалидоциоуснодлиннейшеесловоабвгдежзик",
     ["Начало", "Суперкалифрагилистикэ", "кспиалидоциоуснодлинн", "ейшеесловоабвгдежзик"]),
    ("Начало Pneumonoultramicroscopicsilicovolcanoconiosisxyzabcdefghijklm",
     ["Начало", "Pneumonoultramicroscopi", "csilicovolcanoconiosisxyz", "abcdefghijklm"]),
    # a hyphen in a word is a break opportunity (before digits too), a slash is not
    ("Начало текста которое кто-нибудь что-нибудь какой-нибудь северо-западный",
     ["Начало текста которое", "кто-нибудь что-нибудь", "какой-нибудь северо-", "западный"]),
    ("Начало текста которое родители/учителя ученики/родители учителя/родители",
     ["Начало текста которое", "родители/учителя", "ученики/родители", "учителя/родители"]),
    ("Начало текста ab_cd-efghijklmnop", ["Начало текста ab_cd-", "efghijklmnop"]),
    ("Начало текста абвг-1234567890123", ["Начало текста абвг-", "1234567890123"]),
    # after a '?' too (plan/breaks.py): no word here is longer than the line
    ("Начало nderscores/and-dashes/file.name?x=1&y=2",
     ["Начало nderscores/and-", "dashes/file.name?", "x=1&y=2"]),
]
# Over-long words: LibreOffice sometimes takes a '-' or '?' inside and sometimes fills the
# line, so the deck marks our cuts with zero-width spaces, which it honours (as PowerPoint
# does): then it cuts where we did or later, never needing more lines.
DRAWN_OVER_LONG = [
    ("Начало example.com/path_with_underscores/and-dashes/file.name?x=1&y=2",
     ["Начало", "example.com/path_with_u", "nderscores/and-dashes/fil", "e.name?x=1&y=2"]),
    ("Начало Суперкалифрагилистикэкспиали-доциоуснодлиннейшеесловоабвгдежзик",
     ["Начало", "Суперкалифрагилистикэ", "кспиали-", "доциоуснодлиннейшеес", "ловоабвгдежзик"]),
    # marked: «example.com/​path_​with_​underscores/​and-​dashes/​file.name?x=1&y=2»
    ("Начало example.com/\u200bpath_\u200bwith_\u200bunderscores/\u200band-\u200bdashes/"
     "\u200bfile.name?x=1&y=2", ["Начало example.com/\u200b", "path_\u200bwith_\u200b"
                                 "underscores/\u200b", "and-\u200bdashes/\u200bfile.name?",
                                 "x=1&y=2"]),
]


@pytest.mark.parametrize("text,drawn", DRAWN_BY_LIBREOFFICE)
def test_wrap_breaks_lines_where_libreoffice_does(text, drawn):
    assert list(fit.wrap(text, REGULAR, 20, INNER)) == drawn
    safe = fit.wrap(text, REGULAR, 20, INNER * fit.WIDTH_SAFETY)
    assert len(safe) >= len(drawn)  # with the safety margin: never fewer lines


@pytest.mark.parametrize("text,drawn", DRAWN_OVER_LONG)
def test_over_long_words_never_take_fewer_lines_than_libreoffice_drew(text, drawn):
    lines = fit.wrap(text, REGULAR, 20, INNER)
    assert len(lines) >= len(drawn)
    assert "".join(lines).replace(" ", "") == "".join(drawn).replace(" ", "")
    marks = fit.breaks_inside_words(text, fit.wrap(text, REGULAR, 20, INNER * fit.WIDTH_SAFETY))
    assert all(text[m - 1] not in "-\u200b" for m in marks)  # hyphens need no mark
    assert bool(marks) == ("\u200b" not in text)  # marked text wraps at its marks


def test_a_link_is_one_field_cut_only_between_characters():
    # LibreOffice drew the hyperlink «sferum.ru — канал для учителей и родителей всех школ»
    # after «Начало» as: «sferum.ru — канал для уч» / «ителей и родителей всех» / «школ»
    # (the field starts a new line and ignores its spaces); plan.Para.measured glues it.
    link = "sferum.ru — канал для учителей и родителей всех школ"
    glued = "Начало " + link.replace(" ", "\u00a0")
    lines = fit.wrap(glued, REGULAR, 20, INNER)
    assert lines[0] == "Начало" and len(lines) == 4
    # and what follows a cut link starts a new line: LibreOffice drew, at 24 pt in 777.6 pt,
    # «дэxr0u4l37cw7be9g-zckec_2qi4xt@xr9rwwq3.a407te0mlnscr0m3ei.m1n» / «zz9ovww3zt.ru» /
    # «школа ❤️…» although «школа» would have fitted after «zz9ovww3zt.ru»
    address = "дэxr0u4l37cw7be9g-zckec_2qi4xt@xr9rwwq3.a407te0mlnscr0m3ei.m1nzz9ovww3zt.ru"
    lines = fit.wrap(address.replace("-", fit.NO_BREAK_HYPHEN) + " школа ❤️…", REGULAR, 24,
                     777.6)
    assert len(lines) == 3 and lines[-1] == "школа ❤️…"
    hyphened = "prof" + fit.NO_BREAK_HYPHEN + "sferum.ru"
    assert fit.unit_width(REGULAR, hyphened) == fit.unit_width(REGULAR, "prof-sferum.ru")
    assert fit.wrap("a " + hyphened, REGULAR, 20, 130) == ("a", hyphened)
    assert fit.wrap("a prof-sferum.ru", REGULAR, 20, 130) == ("a prof-", "sferum.ru")


def test_characters_the_font_lacks_are_measured_as_wide_fallback_glyphs():
    covered = fit.covered(REGULAR, range(0x110000))
    assert {ord("Ж"), ord("a"), ord("№"), ord("ש")} <= covered
    assert not {0x1F600, 0x4E2D, 0x2705} & covered
    assert fit.unit_width(REGULAR, "😀") == fit.MISSING_EM
    assert fit.unit_width(REGULAR, "中文") == pytest.approx(2 * fit.MISSING_EM)
    assert fit.unit_width(REGULAR, "❤\ufe0f") == fit.MISSING_EM  # the selector has no width
    assert fit.unit_width(REGULAR, "Ж") == pytest.approx(1891 / 2048)  # the font's hmtx
    assert fit.unit_width(REGULAR, "Ж😀") == pytest.approx(1891 / 2048 + fit.MISSING_EM)
    # LibreOffice drew emoji from DejaVu Sans 0.75-1.05 em wide: MISSING_EM is above both
    assert fit.MISSING_EM > 1.05


def test_a_font_file_our_reader_cannot_read_is_measured_by_pillow(tmp_path, monkeypatch):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert fit.covered(str(broken)) is None
    copy = tmp_path / "copy.ttf"  # the same font, measured by Pillow: the same widths
    copy.write_bytes(open(REGULAR, "rb").read())
    read = fit.unit_width(str(copy), "Сферум")
    fit.unit_width.cache_clear()
    monkeypatch.setattr(fit, "metrics", lambda path: None)
    try:
        assert fit.unit_width(str(copy), "Сферум") == pytest.approx(read, abs=2e-3)
    finally:
        fit.unit_width.cache_clear()


def test_fit_size_picks_the_largest_size_that_fits_and_none_below_the_minimum():
    paras = ["Сферум — российский сервис, создан при поддержке Минпросвещения и Минцифры"] * 6
    style = fit.Style(REGULAR, indent_pt=24)
    chosen = fit.fit_size(paras, style, 600, 330, 28, 18)
    assert chosen is not None and 18 <= chosen.size_pt < 28
    assert fit.fits(chosen, 330)
    assert not fit.fits(fit.set_text(paras, style, chosen.size_pt + 1, 600), 330)
    assert fit.fit_size(paras * 4, style, 600, 330, 28, 18) is None


def test_titles_keep_to_their_line_limit():
    two = fit.Style(BOLD, gap_factor=0, max_lines=2)
    title = "Есть ли у Сферума санитарно-эпидемиологические заключения?"
    chosen = fit.fit_size([title], two, 560, 92, 36, 24)
    assert chosen is not None and chosen.line_count <= 2
    assert fit.fit_size(["слово " * 40], two, 560, 92, 36, 24) is None


def test_a_stable_style_narrows_the_text_until_line_counts_cannot_change():
    style = fit.Style(REGULAR, gap_factor=0.6, stable=True)
    paras = [f"Шаг {i}: откройте приложение, войдите в профиль и проверьте настройки" for i in
             range(1, 6)]
    for width in range(300, 700, 7):
        for size in (18, 22, 26):
            fitted = fit.set_text(paras, style, size, width)
            if not fitted.stable:
                continue
            assert fitted.width_pt <= width
            text_w = fitted.width_pt - style.indent_pt
            for para, lines in zip(paras[:-1], fitted.lines):  # counts hold at full width
                assert len(fit.wrap(para, REGULAR, size, text_w * fit.STABLE_WIDTH)) == len(lines)
    tops = fit.set_text(["a", "b c", "d"], style, 20, 500).paragraph_tops()
    assert tops == [0.0, 24.0 + 12.0, 2 * 24.0 + 2 * 12.0]


words = st.sampled_from(["Сферум", "родители", "учителя", "VK", "Мессенджер", "кто-нибудь",
                         "😀", "中文", "https://sferum.ru/", "a" * 45, "—", "12+", "info@sferum.ru"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=25).map(" ".join), min_size=1,
                max_size=8), st.floats(200, 900), st.floats(60, 400))
def test_bisection_finds_the_size_a_scan_from_the_top_finds(paras, width, height):
    style = fit.Style(REGULAR, indent_pt=24)
    scan = next((s for s in range(28, 17, -1)
                 if fit.fits(fit.set_text(paras, style, s, width), height)), None)
    found = fit.fit_size(paras, style, width, height, 28, 18)
    assert (found.size_pt if found else None) == scan


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=40).map(" ".join), st.floats(80, 900),
       st.sampled_from([18, 24, 28]))
def test_wrapping_keeps_every_character_and_no_line_is_too_wide(text, width, size):
    lines = fit.wrap(text, REGULAR, size, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # measured at the size LibreOffice lays text out at, as wrap() measures
        assert len(line) == 1 or fit.unit_width(REGULAR, line) * fit.laid_out(size) <= \
            width + 1e-6


def test_a_font_file_replaced_on_disk_is_measured_again(tmp_path):
    """A long-running process (the web app) must not fit text with a stale font."""
    from sferum_deck.inputs.resources import FONTS
    font = tmp_path / "brand.ttf"
    font.write_bytes((FONTS / "LiberationSans-Regular.ttf").read_bytes())
    fit.refresh([font])
    regular = fit.text_width(font, "Сферум в школе", 28)
    font.write_bytes((FONTS / "LiberationSans-Bold.ttf").read_bytes())
    assert fit.text_width(font, "Сферум в школе", 28) == regular  # cached until refreshed
    fit.refresh([font])
    bold = fit.text_width(font, "Сферум в школе", 28)
    assert bold > regular * 1.03
    fit.refresh([font])  # unchanged: the measurements stay
    assert fit.text_width(font, "Сферум в школе", 28) == bold
