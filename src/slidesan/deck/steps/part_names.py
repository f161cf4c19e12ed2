"""Hiding place: names inside the package itself (part names and relationship ids).

A part name is a path in the zip: a tool that stores a picture as "ppt/media/SMITH_JOHN_4857773456.png"
or a slide as "ppt/slides/Smith.xml" has put the patient in the file list, which any unzip shows.
A relationship id ("rId7") is free text too. A part name or relationship id that identifies someone
(deck/leaks.py) is replaced: the part keeps its folder and extension under a neutral name (the
relationships that reach it are written from the new name), and a relationship id becomes the next
free "rIdN" everywhere the part's XML names it.
"""

from __future__ import annotations

import posixpath

from slidesan.deck.drawing import quote, rel_attrs
from slidesan.deck.leaks import PART_NAME, finding_kind, leaks
from slidesan.deck.relcut import rels_of, sources, xml_root


def leaking_parts(deck):
    return [part for part in deck.parts() if leaks(str(part.partname), PART_NAME)]


def leaking_rids(deck):
    return [(source, rid) for source in sources(deck) for rid in list(rels_of(source)) if leaks(rid)]


def neutral_name(deck, part) -> str:
    folder, name = posixpath.split(str(part.partname))
    ext = posixpath.splitext(name)[1]
    stem = "image" if part.content_type.lower().startswith("image/") else "part"
    return str(deck.package.next_partname(f"{folder}/{stem}%d{ext}"))


def free_rid(rels) -> str:
    n = 1
    while f"rId{n}" in rels:
        n += 1
    return f"rId{n}"


def rename_rid(deck, source, old: str) -> str:
    rels = rels_of(source)
    rel = rels._rels.pop(old)
    new = free_rid(rels)
    rel._rId = new
    rel.__dict__.pop("rId", None)             # python-pptx caches rId on first read
    rels._rels[new] = rel
    root = xml_root(deck, source)
    if root is not None:
        for node, name, value in list(rel_attrs(root)):
            if value == old:
                node.set(name, new)
    return new


def scrub(deck, ctx) -> None:
    for part in leaking_parts(deck):
        old = str(part.partname)
        deck.rename_part(part, neutral_name(deck, part))
        ctx.add(*finding_kind(old, "part-name", PART_NAME), "renamed", f"part name renamed to {part.partname}", text=quote(old, 200),
                part=str(part.partname))
    for source, old in leaking_rids(deck):
        new = rename_rid(deck, source, old)
        ctx.add(*finding_kind(old, "part-name"), "renamed", f"relationship id renamed to {new}", text=quote(old, 200),
                part=str(source.partname) if source is not deck.package else None)


def residue(deck, options) -> list[str]:
    return ([f"part name {part.partname}" for part in leaking_parts(deck)]
            + [f"relationship id {rid}" for _source, rid in leaking_rids(deck)])
