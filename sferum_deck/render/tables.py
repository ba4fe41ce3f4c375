"""A planned TableFrame -> a DrawingML table (a:tbl in a p:graphicFrame): the header row
marked with firstRow="1" (what screen readers and PowerPoint's checker look for), every
cell's fill, margins and lines explicit, no table style (a template's would restyle it)."""
from __future__ import annotations

from ..plan.colours import Colours
from ..plan.records import Cell, TableFrame
from .text import paragraphs
from .xml import LANG, attr, emu

TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
RULE_PT = 0.75  # the thin line under each row


def table_frame(table: TableFrame, shape_id: int, links, colours: Colours) -> str:
    """The p:graphicFrame of a table; its size is the sum of its columns and rows."""
    widths, heights = [emu(w) for w in table.columns], [emu(h) for h in table.rows]
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    rows = "".join(f'<a:tr h="{h}">{"".join(_cell(c, table, links, colours) for c in row)}</a:tr>'
                   for h, row in zip(heights, table.cells))
    b = table.box
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name={attr(table.name)}/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
            f'</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(b.x)}" y="{emu(b.y)}"/>'
            f'<a:ext cx="{sum(widths)}" cy="{sum(heights)}"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl>'
            f'<a:tblPr firstRow="{1 if table.header else 0}" bandRow="0"/>'
            f'<a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic>'
            f'</p:graphicFrame>')


def _cell(cell: Cell, table: TableFrame, links, colours: Colours) -> str:
    text = paragraphs(cell.text, links, colours) if cell.text.paras[0].text else \
        f'<a:p><a:endParaRPr lang="{LANG}" sz="{round(cell.text.fit.size_pt * 100)}"/></a:p>'
    none = '<a:noFill/>'
    rule = f'<a:solidFill><a:srgbClr val="{table.rule.hex}"/></a:solidFill>'
    lines = "".join(f'<a:{side} w="{emu(RULE_PT) if side == "lnB" else 0}">'
                    f'{rule if side == "lnB" else none}</a:{side}>'
                    for side in ("lnL", "lnR", "lnT", "lnB"))
    return (f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{text}</a:txBody>'
            f'<a:tcPr marL="{emu(table.margin_x)}" marR="{emu(table.margin_x)}" '
            f'marT="{emu(table.margin_y)}" marB="{emu(table.margin_y)}" '
            f'anchor="{cell.text.anchor}">{lines}'
            f'<a:solidFill><a:srgbClr val="{cell.fill.hex}"/></a:solidFill></a:tcPr></a:tc>')
