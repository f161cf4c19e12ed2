"""Hiding place: the names of named destinations.

A named destination is a place in the document under a name that links, bookmarks and actions
refer to (`/Names/Dests` name tree, or the PDF 1.1 `/Dests` dictionary in the catalog). Exporters
name them after slide titles or anchors, so the name can be the case ("Smith_John_MRI"), and it is
shown in a viewer's destinations panel and in a link's address (`handout.pdf#Smith_John_MRI`).
Every name is replaced by a neutral one (`dest-1`, ...) and every reference inside the document
(`/Dest` of links and outline items, `/D` of GoTo actions) follows, so every link still lands.
"""

from __future__ import annotations

import re

import pikepdf

from slidesan.pdf.objects import is_dict, name_of

NEUTRAL = re.compile(r"dest-\d+")


def held(doc) -> list[tuple[str, object]]:
    """(name, destination) of every named destination, tree first, then the catalog dictionary."""
    root = doc.pdf.Root
    out = []
    names = root.get("/Names")
    if is_dict(names) and is_dict(names.get("/Dests")):
        out += [(str(k), v) for k, v in pikepdf.NameTree(names["/Dests"]).items()]
    dests = root.get("/Dests")
    if is_dict(dests):
        out += [(key[1:], value) for key, value in dests.items()]
    return out


def reference(value) -> str | None:
    if isinstance(value, pikepdf.String):
        return bytes(value).decode("latin-1")
    if isinstance(value, pikepdf.Name):
        return name_of(value)[1:]
    return None


def scrub(doc, ctx) -> None:
    entries = held(doc)
    if not entries or all(NEUTRAL.fullmatch(name) for name, _d in entries):
        return
    renamed: dict[str, str] = {}
    for name, _dest in entries:
        renamed.setdefault(name, f"dest-{len(renamed) + 1}")
    for obj in list(doc.dicts()):
        for key in ("/Dest", "/D"):
            if key == "/D" and name_of(obj.get("/S")) != "/GoTo":
                continue
            old = reference(obj.get(key))
            if old is not None:
                obj[key] = pikepdf.String(renamed.get(old, "dest-0"))   # an unknown name led nowhere anyway
    root = doc.pdf.Root
    targets: dict[str, object] = {}
    for name, dest in entries:
        targets.setdefault(renamed[name], dest)
    tree = pikepdf.Array()
    for new in sorted(targets, key=str.encode):         # a name tree's keys are in byte order
        tree.extend([pikepdf.String(new), targets[new]])
    if "/Dests" in root:
        del root["/Dests"]
    names = root.get("/Names")
    if not is_dict(names):
        root["/Names"] = names = pikepdf.Dictionary()
    names["/Dests"] = doc.pdf.make_indirect(pikepdf.Dictionary(Names=tree))
    for name, _dest in entries:
        ctx.identifiers_in(name.replace("_", " "), "the name of a named destination")
    ctx.add("named-destination", "info", "replaced", f"{len(renamed)} named destination(s) given neutral names",
            text=", ".join(sorted(renamed))[:300])


def residue(doc, options) -> list[str]:
    return [f"named destination {name!r}" for name, _d in held(doc) if not NEUTRAL.fullmatch(name)][:20]
