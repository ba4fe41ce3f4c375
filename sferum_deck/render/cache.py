"""Base presentations prepared once per process and reused: the schools of one batch share
a look (theme, master, layouts, logo), so each deck opens a serialized copy instead of
building its base again; the school's own texts are then written into the copy.

The cache key is everything base_presentation reads except the brand's texts and the
logo's pixels: texts are replaced by private-use marks while the base is built, the logo by
a stand-in picture of the same size, and each copy gets the school's own back. A mark that
does not come back intact (a text the base changed, say shortened) makes that deck build
its base directly.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ..inputs.images import Image
from ..model import Brand
from .base import base_presentation

_BASES: dict = {}    # look -> serialized base, oldest first
_SEEN: set = set()   # hashes of the looks met so far: a look is cached at its second deck
_MAX_BASES = 32
_MARK = "\ue000"  # private use: no school name holds it
_TEXT = etree._Element.text
_LOGO = Path("\ue000logo")
_STAND_IN = bytes.fromhex(  # a transparent 1x1 PNG
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489000000"
    "0d49444154789c6360606060000000050001a5f645400000000049454e44ae426082")
_TEXT_FIELDS = ("full_name", "short_name", "municipality", "footer", "principal", "phone",
                "email", "site")


def branded_base(brand: Brand, colours, grid, logo):
    """The same presentation as base_presentation(brand, ...) (plus its notes master), opened
    from a copy serialized once per look, with the brand's texts and logo put into it."""
    from pptx import Presentation
    marks = {name: f"{_MARK}{i}\ue001" for i, name in enumerate(_TEXT_FIELDS)
             if getattr(brand, name)}  # an empty text stays empty: `or` choices hold
    stand_in = logo and Image(_STAND_IN, logo.width, logo.height)
    key = (brand._replace(**marks, logo=brand.logo and _LOGO), colours, grid, stand_in)
    if key not in _BASES and hash(key) not in _SEEN:  # a look seen once may stay unique
        _SEEN.add(hash(key))
        return _direct(brand, colours, grid, logo)
    if key not in _BASES:
        if len(_BASES) >= _MAX_BASES:
            del _BASES[next(iter(_BASES))]  # the oldest
        _BASES[key] = _serialized(base_presentation(*key))
    prs = Presentation(io.BytesIO(_BASES[key]))
    texts = {mark: getattr(brand, name) for name, mark in marks.items()}
    if not _write_texts(prs, texts) or not _put_logo(prs, logo):  # a mark went astray
        return _direct(brand, colours, grid, logo)
    return prs


def _direct(brand: Brand, colours, grid, logo):
    prs = base_presentation(brand, colours, grid, logo)
    prs.notes_master  # noqa: B018  created now, as in the cached copies
    return prs


def _serialized(prs) -> bytes:
    """The package bytes, entries stored uncompressed: a copy opens twice as fast."""
    prs.notes_master  # noqa: B018  python-pptx creates it on first use: once, here
    packed, stored = io.BytesIO(), io.BytesIO()
    prs.save(packed)
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(stored, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename), zipfile.ZIP_STORED)
    return stored.getvalue()


def _write_texts(prs, texts: dict) -> bool:
    """Replace each mark by its text in every XML part; False when a mark is left over
    (changed on its way into the XML), so that the copy must not be used."""
    from xml.sax.saxutils import escape
    clean = True
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:  # XML kept as bytes (the theme)
            if part.content_type.endswith("xml") and _MARK.encode() in part.blob:
                blob = part.blob.decode("utf-8")
                part._blob = _replaced(blob, {m: escape(t) for m, t in texts.items()}).encode()
                clean &= _MARK not in part._blob.decode("utf-8")
            continue
        for node in element.iter():
            for name, value in node.attrib.items():
                if _MARK in value:
                    node.set(name, _replaced(value, texts))
                    clean &= _MARK not in node.get(name)
            text = _TEXT.__get__(node)  # lxml's own text: python-pptx overrides .text
            if text and _MARK in text:
                _TEXT.__set__(node, _replaced(text, texts))
                clean &= _MARK not in _TEXT.__get__(node)
    return clean


def _put_logo(prs, logo: Image | None) -> bool:
    """The school's logo in place of the stand-in; False when the stand-in is not found."""
    if logo is None:
        return True
    found = [part for part in prs.part.package.iter_parts()
             if part.partname.startswith("/ppt/media/") and part.blob == _STAND_IN]
    for part in found:
        part._blob = logo.png
    return bool(found)


def _replaced(value: str, texts: dict) -> str:
    for mark, text in texts.items():
        value = value.replace(mark, text)
    return value
