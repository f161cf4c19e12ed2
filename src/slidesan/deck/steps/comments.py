"""Hiding place: review comments and the lists of their authors.

Legacy comments (`ppt/comments/comment*.xml`, one per slide, with `ppt/commentAuthors.xml`) and
modern threaded comments (`ppt/comments/modernComment_*.xml` with `ppt/authors.xml`, whose user
ids look like `S::name@org::guid`) are invisible in the slide show yet hold colleagues' names and
remarks such as "this is Mrs X from ward 5". Each comment is reported with its author and text,
then the part goes with its relationship. A modern comment part is also named from the slide's
`p:extLst` (`p188:commentRel r:id`); that extension is removed with it, so PowerPoint opens
the result without a repair prompt.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote
from slidesan.deck.relcut import cut, rels_reaching, where

COMMENTS = ("relationships/comments",)                 # legacy 2006 and modern 2018/10
AUTHOR_LISTS = ("relationships/commentAuthors", "relationships/authors")
COMMENT_TYPES = ("presentationml.comments+xml", "powerpoint.comments+xml")
AUTHOR_TYPES = ("commentauthors+xml", "powerpoint.authors+xml")


def safe_root(deck, part):
    try:
        return deck.xml(part)
    except Exception:  # a corrupt comment part is still removed, just not quoted
        return None


def authors_in(root) -> dict[str, str]:
    """Author id -> "name <userId>" of one author list (legacy cmAuthor or modern author)."""
    names = {}
    for el in root.iter():
        if local(el.tag) in ("cmAuthor", "author") and el.get("id") is not None:
            who = el.get("name") or el.get("initials") or "?"
            if el.get("userId"):
                who += f" <{el.get('userId')}>"
            names[el.get("id")] = who
    return names


def authors(deck) -> dict[str, str]:
    """Author ids of the legacy and the modern author lists together."""
    names = {}
    for _source, _rid, rel in rels_reaching(deck, AUTHOR_LISTS, AUTHOR_TYPES):
        root = None if rel.is_external else safe_root(deck, rel._target)
        if root is not None:
            names.update(authors_in(root))
    return names


def comment_text(cm) -> str:
    """Legacy p:text, or the paragraphs of a modern comment's own txBody (not its replies)."""
    for child in cm:
        if local(child.tag) == "text":
            return (child.text or "").strip()
        if local(child.tag) == "txBody":
            return " ".join((t.text or "").strip() for t in child.iter() if local(t.tag) == "t" and t.text)
    return ""


def comments_in(root):
    """(authorId, text) of every comment and reply in a comment part."""
    for el in root.iter():
        if local(el.tag) in ("cm", "reply"):
            yield el.get("authorId", ""), comment_text(el)


def scrub(deck, ctx) -> None:
    names = authors(deck)
    for source, rid, rel in rels_reaching(deck, COMMENTS, COMMENT_TYPES):
        part = None if rel.is_external else rel._target
        place = where(deck, source)
        root = safe_root(deck, part) if part is not None else None
        cut(deck, source, rid)
        found = list(comments_in(root)) if root is not None else []
        for author_id, text in found:
            who = names.get(author_id, f"author {author_id}" if author_id else "unknown author")
            ctx.add("comment", "high", "removed", f"comment by {who} removed",
                    text=quote(f"{who}: {text}", 300), **place)
            ctx.identifiers_in(text, "a comment (removed with it)", **place)
        if not found:
            ctx.add("comment", "high", "removed", "comment part removed",
                    **{**place, "part": str(part.partname) if part is not None else rel.target_ref})
    for source, rid, rel in rels_reaching(deck, AUTHOR_LISTS, AUTHOR_TYPES):
        part = None if rel.is_external else rel._target
        root = safe_root(deck, part) if part is not None else None
        listed = sorted(set(authors_in(root).values())) if root is not None else []
        cut(deck, source, rid)
        ctx.add("comment", "high", "removed", f"comment author list removed ({len(listed)} author(s))",
                part=str(part.partname) if part is not None else rel.target_ref,
                text=quote("; ".join(listed), 300) if listed else None)


def residue(deck, options) -> list[str]:
    return [f"{rel.reltype.rsplit('/', 1)[-1]} part {rel.target_ref} is still related"
            for _s, _r, rel in rels_reaching(deck, COMMENTS + AUTHOR_LISTS, COMMENT_TYPES + AUTHOR_TYPES)]
