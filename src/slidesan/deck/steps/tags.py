"""Hiding place: programmable tags, customer data, revision info, co-authoring change logs.

Add-ins (think-cell, PACS exporters, template tools) write name/value tags (`p:custDataLst/p:tags`
→ `ppt/tags/tag*.xml`) and customer-data XML (`p:custData`) onto the presentation, masters,
slides and single shapes; values can hold case numbers, file paths or user names. PowerPoint
for Microsoft 365 adds `ppt/revisionInfo.xml` (editing-session ids and times) and
`ppt/changesInfos/changesInfo*.xml`, a log of every edit with the editor's display name and
user principal name (`S::name@org::guid`). None of it is visible; all of it is removed.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote, referenced_rids
from slidesan.deck.relcut import cut, part_text, presentationml_parts, rels_of, rels_of_type, where

TAGS = ("relationships/tags",)
CHANGE_LOGS = ("relationships/changesInfo",)
REVISION_INFO = ("relationships/revisionInfo",)
PEOPLE = ("relationships/people",)


def presentationml_roots(deck):
    """(part, root) of every PresentationML part: only they can carry p:custDataLst."""
    for part in presentationml_parts(deck):
        yield part, deck.xml(part)


def custdata_lists(root) -> list:
    return [el for el in root.iter() if local(el.tag) == "custDataLst"]


def tag_pairs(deck, part) -> str:
    """name=value of every p:tag in a tags part."""
    try:
        root = deck.xml(part)
    except Exception:
        return ""
    return "; ".join(f"{el.get('name', '')}={el.get('val', '')}" for el in root.iter() if local(el.tag) == "tag")


def describe_target(deck, rel) -> tuple[str, str]:
    """(part name, what it held) of a tags or customer-data target."""
    if rel.is_external:
        return rel.target_ref, ""
    part = rel._target
    held = tag_pairs(deck, part) if local_type(rel) == "tags" else part_text(deck, part)
    return str(part.partname), held


def local_type(rel) -> str:
    return rel.reltype.rsplit("/", 1)[-1]


def scrub_custdata(deck, ctx) -> None:
    """Remove every p:custDataLst, then the relationships only it named."""
    for source, root in list(presentationml_roots(deck)):
        lists = custdata_lists(root)
        if not lists:
            continue
        named = set()
        for lst in lists:
            named |= referenced_rids(lst)
            parent = lst.getparent()
            if parent is not None:
                parent.remove(lst)
        still_used = referenced_rids(root)
        rels = rels_of(source)
        for rid in sorted(named - still_used):
            rel = rels.get(rid)
            if rel is None:
                continue
            partname, held = describe_target(deck, rel)
            cut(deck, source, rid)
            ctx.add("tags", "info", "removed", f"{local_type(rel)} data removed", text=quote(held, 300) if held else None,
                    **{**where(deck, source), "part": partname})


def scrub_loose(deck, ctx, suffixes, category, severity, message) -> None:
    for source, rid, rel in rels_of_type(deck, *suffixes):
        partname, held = describe_target(deck, rel)
        cut(deck, source, rid)
        ctx.add(category, severity, "removed", message, text=quote(held, 300) if held else None,
                **{**where(deck, source), "part": partname})


def change_log_people(deck, rel) -> str:
    """Unique "name <userId>" pairs of a change log (the part repeats them on every change)."""
    if rel.is_external:
        return ""
    try:
        root = deck.xml(rel._target)
    except Exception:
        return ""
    seen = []
    for el in root.iter():
        name, user = el.get("name") or "", el.get("userId") or ""
        if name or user:
            who = f"{name} <{user}>" if user else name
            if who not in seen:
                seen.append(who)
    return "; ".join(seen)


def scrub_change_logs(deck, ctx) -> None:
    for source, rid, rel in rels_of_type(deck, *CHANGE_LOGS):
        people = change_log_people(deck, rel)
        partname = rel.target_ref if rel.is_external else str(rel._target.partname)
        cut(deck, source, rid)
        ctx.add("change-log", "high", "removed", "co-authoring change log removed (editor names and user ids)",
                text=quote(people, 300) if people else None, **{**where(deck, source), "part": partname})


def scrub(deck, ctx) -> None:
    scrub_custdata(deck, ctx)
    scrub_loose(deck, ctx, TAGS, "tags", "info", "unreferenced tags part removed")
    scrub_change_logs(deck, ctx)
    scrub_loose(deck, ctx, REVISION_INFO, "revision-info", "info", "revision info (editing sessions) removed")
    scrub_loose(deck, ctx, PEOPLE, "change-log", "high", "people list removed")


def residue(deck, options) -> list[str]:
    out = []
    for source, root in presentationml_roots(deck):
        if custdata_lists(root):
            out.append(f"{source.partname} still has customer data or tags (p:custDataLst)")
    out += [f"{local_type(rel)} part {rel.target_ref} is still related"
            for _s, _r, rel in rels_of_type(deck, *TAGS, *CHANGE_LOGS, *REVISION_INFO, *PEOPLE)]
    return out
