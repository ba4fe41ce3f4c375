"""The branded base presentation: theme (colours, fonts), master (band, logo, footer,
slide number, text styles) and a few well-made layouts that teachers can reuse."""
from __future__ import annotations

import itertools

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..inputs.images import Image
from ..model import INSET_X, INSET_Y, Box, Brand
from ..plan.colours import Colours
from ..plan.grid import Grid, contain, cover_logo
from .layouts import Roles
from .xml import (
    LANG,
    NS,
    NSDECL,
    attr,
    emu,
    parse,
    picture_shape,
    placeholder_shape,
    qn,
    srgb,
    text,
    xfrm,
)

SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
KEEP_LAYOUTS = {  # python-pptx default layout index -> (name, type)
    0: ("Титульный слайд", "title"),
    1: ("Заголовок и объект", "obj"),
    2: ("Заголовок раздела", "secHead"),
    5: ("Только заголовок", "titleOnly"),
    6: ("Пустой слайд", "blank"),
}


def base_presentation(brand: Brand, colours: Colours, grid: Grid, logo: Image | None):
    """A python-pptx Presentation with the brand applied and no slides."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(grid.width), emu(grid.height)
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    sld_sz.attrib.pop("type", None)
    _theme(prs, brand, colours)
    _master(prs, brand, colours, grid, logo)
    _layouts(prs, brand, colours, grid, logo)
    for rpr in prs.part._element.iter(qn("a:defRPr")):
        rpr.set("lang", LANG)
    return prs


def base_roles(prs) -> Roles:
    """The roles of base_presentation's layouts, known by construction (KEEP_LAYOUTS
    order); layout_roles finds the same by reading the placeholders, more slowly."""
    layouts = prs.slide_layouts
    return Roles(content=layouts[1], title_only=layouts[3], cover=layouts[0],
                 section=layouts[2])


def media_part(package, key: str, stem: str, png: bytes):
    """The PNG image part for `key` (a logo, a QR code's address), made once per package
    and named /ppt/media/`stem`N.png with the first N no part of the package has (a
    school's template may hold pictures of its own). python-pptx's get_or_add_image_part
    would decode the picture again and search the whole package for a duplicate."""
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart
    made = package.__dict__.setdefault("_sferum_media", {})
    if key not in made:
        name = free_partname(package, f"/ppt/media/{stem}{{}}.png")
        made[key] = ImagePart(PackURI(name), "image/png", package, png, None)
    return made[key]


def free_partname(package, pattern: str, taken: str = "") -> str:
    """The first `pattern`.format(n), n = 1, 2 ..., that no part of the package has, kept
    from then on. The package's part names are collected once per package (python-pptx
    walks the whole package again for every new part); `taken` is a name python-pptx gave
    a part meanwhile."""
    names = package.__dict__.get("_sferum_names")
    if names is None:
        names = package.__dict__["_sferum_names"] = {str(p.partname)
                                                     for p in package.iter_parts()}
    if taken:
        names.add(taken)
    name = next(n for n in map(pattern.format, itertools.count(1)) if n not in names)
    names.add(name)
    return name


def _theme(prs, brand: Brand, c: Colours) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    named = brand.name or "sferum-deck"  # the theme and its schemes carry the brand's name
    theme.set("name", named)
    scheme = theme.find(".//a:clrScheme", NS)
    scheme.set("name", named)
    values = {"dk1": c.body, "lt1": c.background, "dk2": c.title, "lt2": c.card,
              "accent1": c.primary, "accent2": c.accent, "accent3": c.primary.mix(c.background, 0.4),
              "accent4": c.accent.mix(c.body, 0.4), "accent5": c.primary.mix(c.body, 0.5),
              "accent6": c.accent.mix(c.background, 0.4), "hlink": c.link, "folHlink": c.link}
    for slot in scheme:
        name = etree.QName(slot).localname
        slot[:] = [parse(f'<a:srgbClr val="{values[name].hex}"/>')]
    fonts = theme.find(".//a:fontScheme", NS)
    fonts.set("name", named)
    for kind, font in (("majorFont", brand.heading_font), ("minorFont", brand.body_font)):
        for script in ("latin", "cs"):
            fonts.find(f"a:{kind}/a:{script}", NS).set("typeface", font.name)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(prs, brand: Brand, c: Colours, grid: Grid, logo: Image | None) -> None:
    master = prs.slide_master
    el = master._element
    shapes = [_rect(2, "Полоса бренда", grid.band, c.primary)]
    if logo is not None:
        rid = master.part.relate_to(media_part(prs.part.package, "logo", "logo", logo.png),
                                    RT.IMAGE)
        shapes.append(_picture(3, "Логотип", rid, contain(grid.logo, logo.width, logo.height),
                               brand.logo_alt))
    shapes += [
        _placeholder(4, "Заголовок", 'type="title"', grid.title, "Заголовок слайда", "b"),
        _placeholder(5, "Текст", 'type="body" idx="1"', grid.body, "Текст слайда"),
        _placeholder(6, "Нижний колонтитул", 'type="ftr" sz="quarter" idx="11"', grid.footer,
                     brand.footer, "ctr"),
        _placeholder(7, "Номер слайда", 'type="sldNum" sz="quarter" idx="12"', grid.number,
                     None, "ctr", number=True),
        _rect(8, "Линия под заголовком", grid.rule, c.accent),
    ]
    csld = el.find(qn("p:cSld"))
    csld[:] = [parse(f'<p:bg><p:bgPr>{srgb(c.background)}<a:effectLst/></p:bgPr></p:bg>'),
               _tree(shapes)]
    el.find(qn("p:txStyles"))[:] = list(parse(_text_styles(brand, c)))


def _layouts(prs, brand: Brand, c: Colours, grid: Grid, logo: Image | None) -> None:
    layouts = prs.slide_master.slide_layouts
    for index, layout in reversed(list(enumerate(layouts))):
        if index not in KEEP_LAYOUTS:
            layouts.remove(layout)
    builders = [_cover_layout, _content_layout, _section_layout, _title_only_layout,
                _blank_layout]
    for layout, (name, kind), build in zip(layouts, KEEP_LAYOUTS.values(), builders):
        shapes, show_master = build(layout, brand, c, grid, logo)
        el = layout._element
        el.set("type", kind)
        el.set("preserve", "1")
        if not show_master:
            el.set("showMasterSp", "0")
        csld = el.find(qn("p:cSld"))
        csld.set("name", name)
        csld[:] = [_tree(shapes)]


def _footers(grid: Grid, first_id: int) -> list[str]:
    return [_placeholder(first_id, "Нижний колонтитул", 'type="ftr" sz="quarter" idx="11"'),
            _placeholder(first_id + 1, "Номер слайда", 'type="sldNum" sz="quarter" idx="12"',
                         number=True)]


def _cover_layout(layout, brand, c, grid, logo):
    shapes = [_rect(2, "Панель бренда", grid.panel, c.primary)]
    if logo is not None:
        card, picture = cover_logo(grid, logo.width, logo.height)
        rid = layout.part.relate_to(media_part(layout.part.package, "logo", "logo", logo.png),
                                    RT.IMAGE)
        shapes += [_rect(3, "Подложка логотипа", card, c.background, "roundRect"),
                   _picture(4, "Логотип", rid, picture, brand.logo_alt)]
    shapes += [_placeholder(5, "Заголовок", 'type="ctrTitle"', grid.cover_title,
                            "Название встречи", "b"),
               _placeholder(6, "Подзаголовок", 'type="subTitle" idx="1"', grid.cover_body,
                            "Школа, класс, дата")]
    return shapes, False


def _content_layout(layout, brand, c, grid, logo):
    return [_placeholder(2, "Заголовок", 'type="title"'),
            _placeholder(3, "Объект", 'idx="1"')] + _footers(grid, 4), True


def _section_layout(layout, brand, c, grid, logo):
    title = Box(grid.title.x, grid.height * 0.36, grid.title.w, grid.title.h)
    body = Box(grid.body.x, title.bottom + 16, grid.body.w, 80)
    return [_placeholder(2, "Заголовок", 'type="title"', title, "Раздел", "b"),
            _placeholder(3, "Текст", 'type="body" idx="1"', body, "Пояснение")] + \
        _footers(grid, 4), False  # a divider draws its own band: no title rule above it


def _title_only_layout(layout, brand, c, grid, logo):
    return [_placeholder(2, "Заголовок", 'type="title"')] + _footers(grid, 3), True


def _blank_layout(layout, brand, c, grid, logo):
    return _footers(grid, 2), True


# ---------------------------------------------------------------- XML pieces

def _tree(shapes: list[str]) -> etree._Element:
    return parse('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
                 '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
                 '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
                 + "".join(shapes) + "</p:spTree>")


def _rect(shape_id: int, name: str, box: Box, colour, geometry: str = "rect") -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(box.x, box.y, box.w, box.h)}'
            f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{srgb(colour)}'
            f'<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def _picture(shape_id: int, name: str, rid: str, box: Box, alt: str) -> str:
    return picture_shape(shape_id, name, rid, box, alt, nvpr='<p:nvPr userDrawn="1"/>')


def _placeholder(shape_id: int, name: str, ph: str, box: Box | None = None,
                 sample: str | None = "", anchor: str = "t", number: bool = False) -> str:
    """A placeholder shape; `box` None inherits the position from the master."""
    if number:
        content = (f'<a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="{LANG}"/>'
                   f'<a:t>‹#›</a:t></a:fld>')
    else:
        content = f'<a:r><a:rPr lang="{LANG}"/><a:t>{text(sample or "")}</a:t></a:r>' \
            if sample else ""
    body = (f'<a:bodyPr lIns="{emu(INSET_X)}" tIns="{emu(INSET_Y)}" rIns="{emu(INSET_X)}" '
            f'bIns="{emu(INSET_Y)}" anchor="{anchor}"><a:normAutofit/></a:bodyPr>') if box else \
        "<a:bodyPr/>"
    return placeholder_shape(shape_id, name, f"<p:ph {ph}/>", box,
                             f'<p:txBody>{body}<a:lstStyle/><a:p>{content}'
                             f'<a:endParaRPr lang="{LANG}"/></a:p></p:txBody>')


def _level(n: int, size: int, colour: str, font: str, bullet: str = "<a:buNone/>",
           margin: float = 0, bold: bool = False, algn: str = "l", gap: int = 0) -> str:
    indent = f' marL="{emu(margin)}" indent="{-emu(margin)}"' if margin else ' marL="0" indent="0"'
    return (f'<a:lvl{n}pPr{indent} algn="{algn}" defTabSz="914400" rtl="0" eaLnBrk="1" '
            f'latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{gap}"/></a:spcBef>{bullet}'
            f'<a:defRPr lang="{LANG}" sz="{size}" b="{int(bold)}" kern="1200">'
            f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
            f'<a:latin typeface="{font}"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="{font}"/></a:defRPr></a:lvl{n}pPr>')


def _text_styles(brand: Brand, c: Colours) -> str:
    dot = ('<a:buClr><a:schemeClr val="accent2"/></a:buClr><a:buFont typeface="Arial"/>'
           '<a:buChar char="•"/>')
    dash = '<a:buFont typeface="Arial"/><a:buChar char="–"/>'
    body = [_level(1, 2800, "tx1", "+mn-lt", dot, 24, gap=1400),
            _level(2, 2400, "tx1", "+mn-lt", dash, 48, gap=1000),
            _level(3, 2000, "tx1", "+mn-lt", dot, 72, gap=800)]
    other = [_level(1, 1800, "tx1", "+mn-lt")]
    return (f'<p:txStyles {NSDECL}><p:titleStyle>'
            f'{_level(1, 3600, "tx2", "+mj-lt", bold=True)}</p:titleStyle>'
            f'<p:bodyStyle>{"".join(body)}</p:bodyStyle>'
            f'<p:otherStyle>{"".join(other)}</p:otherStyle></p:txStyles>')
