"""Red team 13: a real deck edited at zip level (parts, relationships, content types), so a placement can
write a picture wherever a producer might. Never the project's own package code: the cleaner is what is tested.
"""
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fuzz_decks import read_members, write_members  # noqa: E402

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE_RT = R + "/image"
DECL = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


class DeckEdit:
    """The members of one deck, XML parsed on demand and written back on save()."""

    def __init__(self, data: bytes):
        self.files = dict(read_members(data))
        self.trees: dict[str, etree._Element] = {}
        self.next_id = 7000
        self.media = 0

    def xml(self, name: str) -> etree._Element:
        if name not in self.trees:
            self.trees[name] = etree.fromstring(self.files[name])
        return self.trees[name]

    def save(self) -> bytes:
        for name, root in self.trees.items():
            self.files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return write_members(list(self.files.items()))

    # relationships -------------------------------------------------------------------------------------
    def rels(self, part: str) -> etree._Element:
        name = rels_name(part)
        if name not in self.files and name not in self.trees:
            self.trees[name] = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
        return self.xml(name)

    def targets(self, part: str, type_end: str) -> list[tuple[str, str]]:
        """(rId, part name) of the internal relationships of `part` whose type ends in `type_end`."""
        if rels_name(part) not in self.files and rels_name(part) not in self.trees:
            return []
        found = []
        for rel in self.rels(part):
            if rel.get("Type", "").lower().endswith(type_end.lower()) and rel.get("TargetMode") != "External":
                target = rel.get("Target")
                full = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
                found.append((rel.get("Id"), full))
        return found

    def add_rel(self, part: str, target: str, rtype: str = IMAGE_RT) -> str:
        rels = self.rels(part)
        used = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in used:
            n += 1
        rel = etree.SubElement(rels, f"{{{RELS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", rtype)
        rel.set("Target", posixpath.relpath(target, posixpath.dirname(part)))
        return f"rId{n}"

    def add_image(self, blob: bytes, ext: str, content_type: str) -> str:
        self.media += 1
        name = f"ppt/media/rt13image{self.media}.{ext}"
        self.files[name] = blob
        types = self.xml("[Content_Types].xml")
        if not any(d.get("Extension", "").lower() == ext for d in types.iter(f"{{{CT}}}Default")):
            default = etree.Element(f"{{{CT}}}Default")
            default.set("Extension", ext)
            default.set("ContentType", content_type)
            types.insert(0, default)
        return name

    # parts of the deck ---------------------------------------------------------------------------------
    def presentation(self) -> str:
        return next(t for _, t in self.targets("", "/officeDocument"))

    def slides(self) -> list[str]:
        prs = self.presentation()
        by_rid = dict(self.targets(prs, "/slide"))
        return [by_rid[s.get(f"{{{R}}}id")] for s in self.xml(prs).iter(f"{{{P}}}sldId")
                if s.get(f"{{{R}}}id") in by_rid and by_rid[s.get(f"{{{R}}}id")] in self.files]

    def slide_size(self) -> tuple[int, int]:
        size = self.xml(self.presentation()).find(f"{{{P}}}sldSz")
        return (int(size.get("cx")), int(size.get("cy"))) if size is not None else (9144000, 6858000)

    def layout_of(self, slide: str) -> str | None:
        found = self.targets(slide, "/slideLayout")
        return found[0][1] if found else None

    def master_of(self, layout: str) -> str | None:
        found = self.targets(layout, "/slideMaster")
        return found[0][1] if found else None

    def notes_of(self, slide: str) -> str | None:
        found = [t for _, t in self.targets(slide, "/notesSlide") if t in self.files]
        return found[0] if found else None

    def parts_like(self, folder: str, stem: str) -> list[str]:
        return sorted(n for n in self.files if n.startswith(folder) and posixpath.basename(n).startswith(stem)
                      and n.endswith(".xml"))

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def sp_tree(self, part: str) -> etree._Element:
        return self.xml(part).find(f".//{{{P}}}spTree")

    def append_shape(self, part: str, element: etree._Element) -> None:
        tree = self.sp_tree(part)
        ext = tree.find(f"{{{P}}}extLst")
        if ext is not None:
            ext.addprevious(element)
        else:
            tree.append(element)


def fragment(xml: str) -> etree._Element:
    """Parse one element written with the a:, p: and r: prefixes."""
    return etree.fromstring(re.sub(r"^\s*<([\w:]+)", lambda m: f"<{m.group(1)} {DECL}", xml, count=1))
