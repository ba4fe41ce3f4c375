"""A template whose look lives on its sample slides, not on its layouts (a header band, a
logo and a coloured number box drawn on every slide, the layout left plain): that look is
moved onto the layout, so that our slides, which only take the layout, show it too.

A shape counts as part of the look when it is drawn, without text, in the same place on at
least half (and at least two) of the slides on a layout: pictures, filled shapes, lines,
groups of them, and pictures that stand in for embedded objects (an OLE object's own
fallback picture; the object itself stays behind). Where those slides then also agree on
the box of the title or the slide number (and on its fill and text colour), the layout's
placeholder takes them: the template's title was moved to fit its own header.
"""
from __future__ import annotations

import copy
from collections import Counter

from lxml import etree

from .layouts import placeholder_kind
from .xml import NS, qn

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = NS["r"]
DRAWN = {qn("p:pic"), qn("p:sp"), qn("p:cxnSp"), qn("p:grpSp"), qn("p:graphicFrame")}
FOLLOWED = ("title", "sldNum")  # placeholders whose box the slides' look decides
FILLS = {qn("a:solidFill"), qn("a:gradFill"), qn("a:noFill")}


def carry_looks(prs) -> None:
    """Move onto each layout the look its sample slides share (see the module doc), and
    onto the layouts of its master without slides of their own that take their title
    from the master as it does (its title-only layout, say)."""
    slides: dict[str, list] = {}
    layouts = {}
    for slide in prs.slides:
        key = str(slide.slide_layout.part.partname)
        slides.setdefault(key, []).append(slide)
        layouts[key] = slide.slide_layout
    for key, on_layout in slides.items():
        layout = layouts[key]
        shared = _shared_shapes(on_layout) if len(on_layout) >= 2 else []
        if not shared:
            continue
        family = [layout] if _own_title_box(layout) else [layout] + [
            other for other in layout.slide_master.slide_layouts
            if str(other.part.partname) not in slides and _placeholder(
                other.shapes._spTree, "title") is not None and not _own_title_box(other)]
        models = _placeholder_models(on_layout)
        for target in family:
            tree = target.shapes._spTree
            for at, (el, part) in enumerate(shared, start=2):  # behind all the layout has
                tree.insert(at, _related_copy(el, part, target.part))
            for kind, model in models.items():
                own = _placeholder(tree, kind)
                if own is not None:
                    _take_box_and_fill(own, model)
                    _take_text_colour(own, model)


def _own_title_box(layout) -> bool:
    title = _placeholder(layout.shapes._spTree, "title")
    return title is not None and title.find("p:spPr/a:xfrm", NS) is not None


def _shared_shapes(slides) -> list:
    """(element, its slide part) of the shapes drawn alike on most of `slides`."""
    need = max(2, (len(slides) + 1) // 2)
    counts: Counter = Counter()
    first: dict = {}
    for slide in slides:
        seen = {}
        for el in slide.shapes._spTree:
            drawn = _decoration(el)
            if drawn is not None:
                seen.setdefault(_identity(drawn, slide.part), (drawn, slide.part))
        counts.update(seen.keys())
        for k, v in seen.items():
            first.setdefault(k, v)
    return [first[k] for k in first if counts[k] >= need]


def _decoration(el):
    """The element as it would be carried (an OLE object as its fallback picture), or None
    when it is a placeholder, holds text, or is content (a table, chart, diagram)."""
    if el.tag not in DRAWN or placeholder_kind(el):
        return None
    if el.tag == qn("p:graphicFrame"):
        fallback = el.find(f".//{{{MC}}}Fallback//p:pic", NS)
        if fallback is None or el.find(".//p:oleObj", NS) is None:
            return None
        pic = copy.deepcopy(fallback)
        frame = el.find("p:xfrm", NS)
        props = pic.find("p:spPr", NS)
        if props is not None and props.find("a:xfrm", NS) is None and frame is not None:
            props.insert(0, _as_xfrm(frame))
        el = pic
    if any((t.text or "").strip() for t in el.iter(qn("a:t"))):
        return None
    return el


def _as_xfrm(frame):
    xfrm = etree.Element(qn("a:xfrm"))
    xfrm.extend(copy.deepcopy(child) for child in frame)
    return xfrm


def _identity(el, part) -> tuple:
    """What makes two slides' shapes the same decoration: kind, box and pictures shown."""
    xfrm = next((x for x in el.iter(qn("a:xfrm"))), None)
    box = tuple(v for child in (xfrm if xfrm is not None else ()) for v in child.attrib.values())
    targets = []
    for attr_el in el.iter():
        for name, value in attr_el.attrib.items():
            if name.startswith(f"{{{R}}}") and value in part.rels:
                rel = part.rels[value]
                targets.append(rel.target_ref if rel.is_external else str(rel.target_partname))
    return el.tag, box, tuple(sorted(targets))


def _related_copy(el, source, target):
    """A copy of `el` whose relationships (pictures) point from `target`'s part to the same
    parts as from `source`; links to elsewhere (hyperlinks, actions) are dropped."""
    el = copy.deepcopy(el)
    for action in list(el.iter(qn("a:hlinkClick"), qn("a:hlinkHover"))):
        action.getparent().remove(action)
    for node in el.iter():
        for name, value in list(node.attrib.items()):
            if not name.startswith(f"{{{R}}}"):
                continue
            rel = source.rels.get(value)
            if rel is None or rel.is_external:
                del node.attrib[name]
            else:
                node.set(name, target.relate_to(rel.target_part, rel.reltype))
    return el


def _placeholder_models(slides) -> dict:
    """{kind: a slide placeholder} for the title and slide number, where most of `slides`
    agree on its box."""
    models = {}
    for kind in FOLLOWED:
        found = [sp for sp in (_placeholder(s.shapes._spTree, kind) for s in slides)
                 if sp is not None and sp.find("p:spPr/a:xfrm", NS) is not None]
        boxes = Counter(etree.tostring(sp.find("p:spPr/a:xfrm", NS)) for sp in found)
        if boxes and boxes.most_common(1)[0][1] >= max(2, (len(slides) + 1) // 2):
            box = boxes.most_common(1)[0][0]
            models[kind] = next(sp for sp in found
                                if etree.tostring(sp.find("p:spPr/a:xfrm", NS)) == box)
    return models


def _placeholder(tree, kind: str):
    wanted = {"title": ("title", "ctrTitle")}.get(kind, (kind,))
    return next((sp for sp in tree.iterfind("p:sp", NS) if placeholder_kind(sp) in wanted),
                None)


def _take_box_and_fill(own, model) -> None:
    props = own.find("p:spPr", NS)
    if props is None:
        props = etree.Element(qn("p:spPr"))
        own.find("p:nvSpPr", NS).addnext(props)
    for old in props.findall("a:xfrm", NS):
        props.remove(old)
    props.insert(0, copy.deepcopy(model.find("p:spPr/a:xfrm", NS)))
    fill = next((c for c in model.find("p:spPr", NS) if c.tag in FILLS), None)
    if fill is not None and not any(c.tag in FILLS or c.tag == qn("a:blipFill") for c in props):
        geometry = props.find("a:prstGeom", NS)
        (geometry if geometry is not None else props[0]).addnext(copy.deepcopy(fill))


def _take_text_colour(own, model) -> None:
    """The colour of the model's first run as the placeholder's first-level text colour,
    where the layout sets none."""
    run_fill = model.find("p:txBody/a:p/a:r/a:rPr/a:solidFill", NS)
    if run_fill is None:
        run_fill = model.find("p:txBody/a:p/a:fld/a:rPr/a:solidFill", NS)
    body = own.find("p:txBody", NS)
    if run_fill is None or body is None:
        return
    styles = body.find("a:lstStyle", NS)
    if styles is None:
        styles = etree.Element(qn("a:lstStyle"))
        body.find("a:bodyPr", NS).addnext(styles)
    level = styles.find("a:lvl1pPr", NS)
    if level is None:
        level = etree.Element(qn("a:lvl1pPr"))
        styles.insert(1 if styles.find("a:defPPr", NS) is not None else 0, level)
    defaults = level.find("a:defRPr", NS)
    if defaults is None:
        defaults = etree.Element(qn("a:defRPr"))
        after = level.find("a:extLst", NS)
        (after.addprevious if after is not None else level.append)(defaults)
    if defaults.find("a:solidFill", NS) is None:
        defaults.insert(0, copy.deepcopy(run_fill))
