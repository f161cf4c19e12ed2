"""Hiding place: what the zip holds besides the deck.

A package can carry entries no relationship reaches: a `[trash]/` folder from old Office
versions (deleted pictures, still whole), media orphaned by an editor, files added by other
tools, entries with unsafe names (absolute or `..` paths) that the preflight ignored, and a zip
comment. The writer only writes parts reachable through relationships and never a zip comment,
so nothing here needs removing in memory; this step reports what will not be carried over,
and its residue proves it on the written file by walking the relationships of the zip itself.
"""

from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

from slidesan.deck.drawing import quote
from slidesan.deck.leaks import part_name_words
from slidesan.deck.safety import is_unsafe_member_name

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
ALWAYS_REACHABLE = {"[Content_Types].xml", "_rels/.rels"}
RELS_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


def rels_member(part_member: str) -> str:
    folder, name = posixpath.split(part_member)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_member: str, target: str) -> str:
    """Zip member name of a relationship target written relative to its source part."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_member), target))


def internal_targets(zf: zipfile.ZipFile, rels_name: str, names: set[str]):
    if rels_name not in names:
        return []
    try:
        root = etree.fromstring(zf.read(rels_name), RELS_PARSER)
    except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, OSError):
        return []
    if root is None:
        return []
    return [(rel.get("Target") or "") for rel in root.iter(f"{{{RELS_NS}}}Relationship")
            if (rel.get("TargetMode") or "Internal") != "External" and rel.get("Target")]


def reachable_members(zf: zipfile.ZipFile, names: set[str]) -> tuple[set[str], list[str]]:
    """(zip members reachable from the package relationships, compared case-insensitively as OPC part
    names are; the targets of reachable relationships whose part is missing, which the writer drops)."""
    lower = {n.lower(): n for n in names}
    seen = set(ALWAYS_REACHABLE)
    dangling: list[str] = []
    queue = [("", "_rels/.rels")]
    while queue:
        source, rels_name = queue.pop()
        for target in internal_targets(zf, rels_name, names):
            member = lower.get(resolve(source, target).lower())
            if member is None:
                dangling.append(target)
                continue
            if member in seen:
                continue
            seen.add(member)
            rels = lower.get(rels_member(member).lower())
            if rels is not None:
                seen.add(rels)
                queue.append((member, rels))
    return seen, dangling


def leftovers(path) -> tuple[list[str], bytes, list[str]]:
    """(unreachable member names, zip comment, targets of relationships to missing parts) of the zip at `path`."""
    with zipfile.ZipFile(path) as zf:
        names = {i.filename for i in zf.infolist() if not i.filename.endswith("/")}
        safe = {n for n in names if not is_unsafe_member_name(n)}
        reachable, dangling = reachable_members(zf, safe)
        return sorted(safe - reachable), zf.comment, dangling


def scrub(deck, ctx) -> None:
    for name in deck.preflight.unsafe_names:
        ctx.add("unsafe-zip-entry", "info", "removed", "zip entry with an unsafe name ignored and not written",
                text=quote(name, 200))
    try:
        unreachable, comment, dangling = leftovers(deck.path)
    except (zipfile.BadZipFile, OSError):
        return
    for target in dangling:        # the writer drops a relationship to a missing part unread
        ctx.identifiers_in(part_name_words("/" + target.lstrip("./")), "a relationship to a missing part (not written)")
    trash = [n for n in unreachable if n.lower().startswith("[trash]/")]
    other = [n for n in unreachable if n not in trash]
    if trash:
        ctx.add("unreferenced-part", "info", "removed",
                f"{len(trash)} deleted item(s) in the [trash] folder not written", text=quote(", ".join(trash), 400))
    if other:
        ctx.add("unreferenced-part", "info", "removed",
                f"{len(other)} zip entr(ies) that no relationship reaches not written",
                text=quote(", ".join(other), 400))
    if comment:
        ctx.add("zip-comment", "info", "removed", "zip comment not written",
                text=quote(comment.decode("utf-8", "replace"), 200))
        ctx.identifiers_in(comment.decode("utf-8", "replace"), "the zip comment (not written)")
    read_what_goes(deck, ctx, unreachable)


# What is not written is read first, so `check` rates the input by it: a name in an orphan member's
# name or bytes is the patient's. Past the budget a member is left unread, and said so.
READ_BUDGET = 32 << 20


def read_what_goes(deck, ctx, members: list[str]) -> None:
    from slidesan.deck.verify.binary_strings import strings      # verify/ imports the step registry

    budget = READ_BUDGET
    try:
        with zipfile.ZipFile(deck.path) as zf:
            for name in members:
                ctx.identifiers_in(part_name_words("/" + name), f"the name of zip entry {name} (not written)")
                size = zf.getinfo(name).file_size
                if size > budget:
                    ctx.add("unreferenced-part", "review", "removed", f"zip entry {name} not written and not read "
                            f"({size // 1024} KB past the reading budget): check cannot say what it held")
                    continue
                budget -= size
                ctx.identifiers_in("\n".join(strings(zf.read(name), wordy=False)), f"zip entry {name} (not written)")
    except (zipfile.BadZipFile, OSError, KeyError):
        return


def residue(deck, options) -> list[str]:
    try:
        unreachable, comment, _dangling = leftovers(deck.path)
    except (zipfile.BadZipFile, OSError):
        return [f"{deck.path.name} cannot be read as a zip"]
    out = [f"zip entry {name} is not reachable from any relationship" for name in unreachable]
    if comment:
        out.append("the zip has a comment")
    out += [f"zip entry with an unsafe name: {name}" for name in deck.preflight.unsafe_names]
    return out
