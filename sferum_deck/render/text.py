"""A planned text Block -> DrawingML text body XML (sizes, spacing and colours explicit)."""
from __future__ import annotations

from typing import Callable

from ..model import INSET_X, INSET_Y
from ..plan.colours import Colours
from ..plan.records import Block, Para
from .xml import LANG, attr, emu, srgb, text

DESCENT = 0.15  # of the size: how far drawn letters reach below a bottom-anchored last line


def body_pr(block: Block, insets: bool = True) -> str:
    """<a:bodyPr>: square wrap, our insets, anchor, PowerPoint autofit for later edits. A
    bottom-anchored box keeps DESCENT of the size free under its last line: LibreOffice
    sets that line's letters lower than its line pitch (44 pt titles poked 3 pt out)."""
    x, y = (INSET_X, INSET_Y) if insets else (0, 0)
    bottom = max(y, DESCENT * block.fit.size_pt) if block.anchor == "b" and insets else y
    wrap = "square" if insets else "none"
    return (f'<a:bodyPr vert="horz" wrap="{wrap}" lIns="{emu(x)}" tIns="{emu(y)}" '
            f'rIns="{emu(x)}" bIns="{emu(bottom)}" numCol="1" rtlCol="0" '
            f'anchor="{block.anchor}" '
            f'anchorCtr="0">{"<a:normAutofit/>" if insets else "<a:noAutofit/>"}</a:bodyPr>')


def paragraphs(block: Block, link_id: Callable[[str], str], colours: Colours) -> str:
    """The <a:p> elements of a block."""
    return "".join(_paragraph(block, i, para, link_id, colours)
                   for i, para in enumerate(block.paras))


def _paragraph(block: Block, index: int, para: Para, link_id, colours: Colours) -> str:
    fit = block.fit
    indent = fit.style.indent_pt
    space = fit.gap_pt if index else 0
    bullet, first = _bullet(para, colours), -indent if para.bullet in ("dot", "label") else 0
    level = ""
    if para.level:  # a sub-item: its bullet where the item's text starts
        indent, first = indent + fit.style.sub_indent_pt, -fit.style.sub_indent_pt
        level = f' lvl="{para.level}"'
    ppr = (f'<a:pPr{level} marL="{emu(indent)}" marR="0" indent="{emu(first)}" '
           f'algn="{block.align}" rtl="0" latinLnBrk="0">'
           f'<a:lnSpc><a:spcPts val="{round(fit.line_pt * 100)}"/></a:lnSpc>'
           f'<a:spcBef><a:spcPts val="{round(space * 100)}"/></a:spcBef>'
           f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>')
    runs = "".join(_run(block, run.text, run.link, link_id, bold=run.bold)
                   for run in para.runs if run.text)
    if para.label:  # a literal number: the outline and every renderer show the same text
        runs = _run(block, para.label + "\t", "", link_id, colours.label.hex) + runs
    end = f'<a:endParaRPr lang="{LANG}" sz="{_sz(block)}" dirty="0"/>'
    return f"<a:p>{ppr}{runs}{end}</a:p>"


def _bullet(para: Para, colours: Colours) -> str:
    if para.bullet == "dot":
        return (f'<a:buClr><a:srgbClr val="{colours.bullet.hex}"/></a:buClr>'
                '<a:buSzPct val="100000"/>'
                '<a:buFont typeface="Arial"/><a:buChar char="•"/>')
    if para.bullet == "sub":  # a sub-item: a smaller bullet
        return (f'<a:buClr><a:srgbClr val="{colours.bullet.hex}"/></a:buClr>'
                '<a:buSzPct val="70000"/>'
                '<a:buFont typeface="Arial"/><a:buChar char="•"/>')
    return "<a:buNone/>"


PLAIN = ' i="0" strike="noStrike" cap="none" spc="0" baseline="0"'  # whatever a template says


def _sz(block: Block) -> int:
    return round(block.fit.size_pt * 100)


def _run(block: Block, value: str, link: str, link_id, colour_hex: str = "",
         bold: bool = False) -> str:
    bold = ' b="1"' if bold or block.bold or colour_hex else ' b="0"'
    plain = PLAIN if link else PLAIN + ' u="none"'  # links keep their underline
    font = attr(block.font)
    click = f'<a:hlinkClick r:id="{link_id(link)}"/>' if link else ""
    fill = f'<a:solidFill><a:srgbClr val="{colour_hex}"/></a:solidFill>' if colour_hex \
        else srgb(block.colour)
    return (f'<a:r><a:rPr lang="{LANG}" sz="{_sz(block)}"{bold}{plain} dirty="0">{fill}'
            f'<a:latin typeface={font}/><a:cs typeface={font}/>{click}</a:rPr>'
            f"<a:t>{text(value)}</a:t></a:r>")


def text_body(block: Block, link_id, colours: Colours, insets: bool = True) -> str:
    """A whole <p:txBody> for a block."""
    return (f"<p:txBody>{body_pr(block, insets)}<a:lstStyle/>"
            f"{paragraphs(block, link_id, colours)}</p:txBody>")
