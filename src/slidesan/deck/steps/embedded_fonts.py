"""Hiding place: embedded font parts (ppt/fonts/*.fntdata, *.ttf, *.odttf).

A part only typed as a font can be anything (a picture, a document, a patient list), and a real
font's name table holds free text (designer, description, copyright, sample text). Each font part is
read as a font (deck/fonts.py, fontTools): one that is not a font is removed with its place in the
presentation's embedded-font list; one whose own names (family, style, full name, EOT header) carry
an identifier is removed; any other keeps only the name records that name it. Compressed Embedded
OpenType data cannot be read beyond its header, which is checked; the glyph data stays.
"""

from __future__ import annotations

import posixpath

from slidesan.deck.drawing import local, quote
from slidesan.deck.fonts import FontError, clean_font, read_font
from slidesan.deck.leaks import TYPEFACE, category_of, leaks
from slidesan.deck.relcut import cut, rels_of, sources, type_is
from slidesan.report.model import HIGH, INFO, REVIEW

FONT_TYPES = ("application/x-fontdata", "application/x-font", "font/", "application/vnd.openxmlformats-officedocument.obfuscatedfont")
FONT_EXTENSIONS = ("fntdata", "ttf", "otf", "odttf", "eot")
FONT_LIST = ("embeddedFontLst",)


def is_font_part(part, reltypes) -> bool:
    ct = part.content_type.lower()
    ext = posixpath.splitext(str(part.partname))[1].lstrip(".").lower()
    return ct.startswith(FONT_TYPES) or ext in FONT_EXTENSIONS or any(type_is(r, "relationships/font") for r in reltypes)


def font_parts(deck):
    """(part, [(source, rId)]) of every part that is, or claims to be, an embedded font."""
    into: dict[str, list] = {}
    for source in sources(deck):
        for rid, rel in rels_of(source).items():
            if not rel.is_external:
                into.setdefault(str(rel._target.partname), []).append((source, rid, rel.reltype))
    for part in deck.parts():
        rels = into.get(str(part.partname), [])
        if is_font_part(part, [t for _s, _r, t in rels]):
            yield part, [(s, r) for s, r, _t in rels]


def judged(blob: bytes):
    """(why the part must go or None, the font's kept strings)."""
    try:
        font = read_font(blob)
    except FontError as exc:
        return f"it is not a font ({exc})", []
    found = [leak for text in font.kept_strings() for leak in leaks(text, TYPEFACE)]
    if found:
        return f"its name holds {found[0].category.replace('-', ' ')} \u201c{found[0].text}\u201d", font.kept_strings()
    return None, font.kept_strings()


def remove_font(deck, part, rels) -> None:
    """Cut every relationship to the part; an embedded-font entry left without a variant goes too."""
    for source, rid in rels:
        cut(deck, source, rid)
        if source is deck.package or not deck.is_xml(source):
            continue
        for entry in [el for el in deck.xml(source).iter() if local(el.tag) == "embeddedFont"]:
            if not any(local(child.tag) in ("regular", "bold", "italic", "boldItalic") for child in entry):
                lst = entry.getparent()
                lst.remove(entry)
                if len(lst) == 0 and lst.getparent() is not None:
                    lst.getparent().remove(lst)


def scrub(deck, ctx) -> None:
    for part, rels in list(font_parts(deck)):
        name = str(part.partname)
        why, names = judged(part.blob)
        if why is not None:
            remove_font(deck, part, rels)
            severity = REVIEW if why.startswith("it is not") else HIGH
            category = next((category_of(n, "embedded-font", TYPEFACE) for n in names if leaks(n, TYPEFACE)),
                            "embedded-font")
            ctx.add(category, severity, "removed", f"part typed as an embedded font removed: {why}",
                    part=name, text=quote("; ".join(names), 200) or None)
            continue
        try:
            cleaned = clean_font(part.blob)
        except FontError:
            cleaned = part.blob
        if cleaned != part.blob:
            deck.set_blob(part, cleaned)
            ctx.add("embedded-font", INFO, "stripped",
                    "embedded font: name records other than its names (designer, description, copyright...) removed",
                    part=name, text=quote("; ".join(names), 200) or None)


def residue(deck, options) -> list[str]:
    out = []
    for part, _rels in font_parts(deck):
        why, _names = judged(part.blob)
        if why is not None:
            out.append(f"{part.partname}: {why}")
    return out
