"""Brand profiles: inheritance, fonts, logos, and readable colours whatever the brand."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, need_tools, run_cli, run_tool
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sferum_deck.core import Options, load_deck
from sferum_deck.inputs.brands import load_brand
from sferum_deck.model import Backdrops, Box, Colour, Deck, Meeting, Palette, Template
from sferum_deck.plan import plan
from sferum_deck.plan.colours import MARK_NEED, TEXT_NEED, colours_for, worst_contrast

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
BRANDS = ROOT / "assets" / "brands"
CLASH = """\
name: Всё сливается
colors:
  primary: "#FFF200"
  accent: "#FFF8A0"
  background: "#FFFDE0"
  text: "#FFF4B0"
"""
DARK = """\
name: Тёмная
colors:
  primary: "#1F3A5F"
  accent: "#2B2B2B"
  background: "#0E1621"
  text: "#39424E"
"""
MEETING = ["--school", "МАОУ «СОШ № 7» г. Перми", "--teacher", "Иванова Мария Петровна",
           "--meeting-link", "https://sferum.ru/?call_link=5a", "--date", "12.12.2026"]


def profile(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- inheritance

def test_three_level_chain_resolves_as_documented():
    school = load_brand("example-school")
    assert school.full_name == "МАОУ «Школа „Пример“» г. Перми"      # the school's own
    assert school.logo == BRANDS / "example-school" / "logo.png"
    assert school.phone == "+7 (342) 000-00-00"
    assert school.footer == "Школа «Пример» · родительское собрание"
    assert school.municipality == "г. Пермь"                          # from the municipality
    assert school.palette.accent == Colour("D1603D")
    assert school.palette.primary == Colour("1D5C63")                 # from the region
    assert school.palette.text == Colour("1E2A30")
    assert school.heading_font.name == "Arial"
    city = load_brand("perm-city")
    assert city.logo == BRANDS / "perm-region" / "emblem.png"  # a path stays its profile's
    assert city.footer == "Родительское собрание · г. Пермь"
    assert load_brand("perm-region").palette.accent == Colour("E9B44C")


def test_a_profile_chain_by_paths_and_names_mixes(tmp_path):
    profile(tmp_path / "class", "extends: example-school\nname: 5А\n"
            "colors:\n  background: '#F4F8F8'\n")
    brand = load_brand(str(tmp_path / "class"), school="МБОУ «СОШ № 2»")
    assert brand.name == "5А" and brand.palette.background == Colour("F4F8F8")
    assert brand.palette.accent == Colour("D1603D") and brand.full_name == "МБОУ «СОШ № 2»"


def test_a_cycle_is_named_in_russian(tmp_path):
    profile(tmp_path / "a", "extends: ../b\n")
    profile(tmp_path / "b", "extends: ../a/brand.yaml\n")
    result = run_cli("check", "--brand", "a", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  b/brand.yaml:1 extends: "
                             "профили наследуют друг друга по кругу: a/brand.yaml -> "
                             "b/brand.yaml -> a/brand.yaml\n")


def test_an_unknown_profile_lists_the_shipped_ones(tmp_path):
    result = run_cli("check", "--brand", "perm-cty", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  perm-cty: профиль "
                             "оформления не найден; встроенные профили: default, example-school, "
                             "perm-city, perm-region; возможно, имелось в виду «perm-city»\n")


def test_a_profile_font_file_is_used_for_measuring(tmp_path):
    wide = ROOT / "sferum_deck" / "fonts" / "LiberationSans-Bold.ttf"  # wider than regular
    profile(tmp_path / "wide", f"fonts:\n  body:\n    name: Arial\n    file: {wide}\n")
    default = plan(load_deck(Options()))
    measured = plan(load_deck(Options(brand=str(tmp_path / "wide"))))
    assert load_deck(Options(brand=str(tmp_path / "wide"))).brand.body_font.regular == wide
    pairs = [(a.body.fit, b.body.fit) for a, b in zip(default.slides, measured.slides)
             if a.body is not None and b.body is not None]
    assert any(a.lines != b.lines or a.size_pt > b.size_pt for a, b in pairs)
    assert len(measured.slides) >= len(default.slides)


# ---------------------------------------------------------------- logos

def test_a_wide_transparent_logo_keeps_its_shape_and_names_the_school(tmp_path):
    out = tmp_path / "school.pptx"
    result = run_cli("build", "--brand", "example-school", "--school", "МБОУ «СОШ № 2»",
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    prs = Presentation(out)
    cover = next(l for l in prs.slide_layouts if l.name == "Титульный слайд")
    for shapes in (prs.slide_master.shapes, cover.shapes):
        logo = next(s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert logo.width / logo.height == pytest.approx(3.0, rel=0.01)
        assert logo._element.find(".//p:cNvPr", NS).get("descr") == "МБОУ «СОШ № 2»"
        image = Image.open(io.BytesIO(logo.image.blob))
        assert image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 0


@pytest.mark.parametrize("brand, aspect", [("default", "16:9"), ("example-school", "4:3")])
def test_the_base_layouts_have_the_roles_their_placeholders_show(brand, aspect):
    """render uses base_roles (known by construction) on its own base; layout_roles, which
    reads the placeholders as it does for a school's template, must agree."""
    from sferum_deck.inputs.images import load_image
    from sferum_deck.render.base import base_presentation, base_roles
    from sferum_deck.render.layouts import layout_roles

    deck = load_deck(Options(brand=brand, aspect=aspect))
    planned = plan(deck)
    prs = base_presentation(deck.brand, planned.colours, planned.grid,
                            load_image(deck.brand.logo) if deck.brand.logo else None)
    # layout_roles (for templates) leaves section dividers on the title-only layout
    assert base_roles(prs)._replace(section=None) == layout_roles(prs)
    assert base_roles(prs).section.name == "Заголовок раздела"
    assert base_roles(prs).content.name == "Заголовок и объект"


# ---------------------------------------------------------------- readable colours

def palettes():
    colour = st.integers(0, 0xFFFFFF).map(lambda v: Colour(f"{v:06X}"))
    return st.builds(Palette, colour, colour, colour, colour)


DEFAULT = load_brand()


def deck_with(palette: Palette, template: Template | None = None) -> Deck:
    return Deck(topics=(), brand=DEFAULT._replace(palette=palette), meeting=Meeting(),
                template=template)


@settings(max_examples=200, deadline=None)
@given(palettes())
def test_any_brand_gets_readable_colours(palette):
    c, _ = colours_for(deck_with(palette))
    page, card = c.background, c.card
    pairs = [(c.title, page), (c.body, page), (c.label, page), (c.cover_title, page),
             (c.cover_body, page), (c.muted, page), (c.number, page), (c.on_card, card),
             (c.on_primary, c.primary), (c.link, card), (c.link, page)]
    for text, behind in pairs:
        assert text.contrast(behind) >= TEXT_NEED, (text, behind)
    assert c.bullet.contrast(page) >= MARK_NEED and not c.panels


def backdrops():
    colours = st.lists(st.integers(0, 0xFFFFFF).map(lambda v: Colour(f"{v:06X}")),
                       min_size=1, max_size=4).map(tuple)
    return st.builds(Backdrops, *[colours] * 6)


@settings(max_examples=150, deadline=None)
@given(palettes(), backdrops(), backdrops())
def test_any_template_backdrop_gets_readable_text_or_a_panel(palette, behind, text):
    box = Box(36, 36, 400, 300)
    template = Template(Path("t.pptx"), 720, 540, box, box, box, box, None, None, behind,
                        Backdrops(*[(t[0],) for t in text]), palette,
                        text.body[0], "Arial", "Arial")
    c, warnings = colours_for(deck_with(palette, template))
    for role, colour in [("title", c.title), ("body", c.body), ("cover_title", c.cover_title),
                         ("cover_body", c.cover_body), ("footer", c.muted),
                         ("number", c.number), ("body", c.label)]:
        under = (c.panel(role),) if c.panel(role) else getattr(behind, role)
        assert worst_contrast(colour, under) >= TEXT_NEED, (role, colour, under)
    assert all(any(str(p) in w for w in warnings) for _, p in c.panels)


def test_check_reports_each_replaced_colour_with_its_ratio(tmp_path):
    profile(tmp_path / "clash", CLASH)
    result = run_cli("check", "--brand", str(tmp_path / "clash"))
    assert result.exit_code == 0, result.output
    assert ("Предупреждение: цвет заголовков: #FFF200 на #FFFDE0 — контраст 1.1:1 (нужно "
            "4.5:1), заменён на #595500 (7.5:1)") in result.output
    assert ("Предупреждение: цвет текста: #FFF4B0 на #FFFDE0 — контраст 1.1:1 (нужно 4.5:1), "
            "заменён на #59553E (7.3:1)") in result.output
    assert ("Предупреждение: цифры в кругах основного цвета: #FFFFFF на #FFF200 — контраст "
            "1.2:1 (нужно 4.5:1), заменён на #4C4C4C (7.3:1)") in result.output


@pytest.fixture(scope="module")
def clashing(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("clash")
    decks = {}
    for name, text in (("clash", CLASH), ("dark", DARK)):
        folder = profile(out / name, text)
        decks[name] = out / f"{name}.pptx"
        result = run_cli("build", "--brand", str(folder), *MEETING, "-o", str(decks[name]))
        assert result.exit_code == 0, result.output
    return decks


def low_contrast_runs(deck: Path) -> list[str]:
    """Runs whose own colour is under 4.5:1 against what lies behind their shape: its own
    fill, else the topmost filled shape of the slide under its centre, else the page."""
    with zipfile.ZipFile(deck) as z:
        master = etree.fromstring(z.read("ppt/slideMasters/slideMaster1.xml"))
        page = Colour(master.find("p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr", NS).get("val"))
        slides = sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide"))
        found = []
        for name in slides:
            below: list[tuple[tuple, Colour]] = []
            for sp in etree.fromstring(z.read(name)).iterfind(".//p:spTree/p:sp", NS):
                box, fill = _box(sp), sp.find("p:spPr/a:solidFill/a:srgbClr", NS)
                own = Colour(fill.get("val")) if fill is not None else None
                behind = own or next((c for b, c in reversed(below) if _holds(b, box)), page)
                for run in sp.iterfind(".//a:r/a:rPr/a:solidFill/a:srgbClr", NS):
                    if Colour(run.get("val")).contrast(behind) < TEXT_NEED:
                        found.append(f"{name}: #{run.get('val')} on {behind}")
                if own is not None and box is not None:
                    below.append((box, own))
        return found


def _box(sp):
    off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None:
        return None
    x, y = int(off.get("x")), int(off.get("y"))
    return x, y, x + int(ext.get("cx")), y + int(ext.get("cy"))


def _holds(outer, inner) -> bool:
    if inner is None:
        return False
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


@pytest.mark.parametrize("name", ["clash", "dark"])
def test_clashing_and_dark_brands_have_readable_runs(clashing, name):
    assert low_contrast_runs(clashing[name]) == []


def test_the_contrast_check_itself_catches_unreadable_text(tmp_path, clashing):
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(clashing["clash"]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "ppt/slides/slide3.xml":
                data = data.replace(b'val="59553E"', b'val="FFF4B0"')
            dst.writestr(item, data)
    assert low_contrast_runs(broken)


def test_clashing_and_dark_brands_pass_the_referees(clashing):
    decks = list(clashing.values())
    result = run_tool("check-a11y", *decks)
    assert result.returncode == 0, result.stdout
    result = run_tool("validate-pptx", *decks)
    assert result.returncode == 0, result.stdout
    need_tools("soffice", "pdftotext")
    result = run_tool("check-layout", "--require-notes", *decks)
    assert result.returncode == 0, result.stdout
