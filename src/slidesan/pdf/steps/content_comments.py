"""Hiding place: comments inside content streams (`% ...` in a page's drawing operators).

Every viewer skips a content stream's comments and every copy keeps them: a producer's notes, the
source file's path, a debugging line with the patient's name. They change nothing on the page, so
they are cut (pdf/comment_lexer.py knows a comment from a `%` inside a string or an inline
image); what they said is searched for identifiers first, so `check` rates the input by it.
"""

from __future__ import annotations

from slidesan.pdf.comment_lexer import comments, without_comments
from slidesan.pdf.finders import content_streams, readable


def scrub(doc, ctx) -> None:
    cut, said = 0, []
    for stream in content_streams(doc):
        data = readable(stream)
        if data is None or not comments(data):
            continue
        said += comments(data)
        stream.write(without_comments(data))        # unfiltered; the writer compresses it again
        cut += 1
    if cut:
        ctx.identifiers_in("\n".join(said), "comments inside the drawing operators")
        ctx.add("content-comment", "info", "removed", f"{len(said)} comment(s) removed from {cut} content "
                "stream(s) (no viewer shows them)", text=" | ".join(said)[:300])


def residue(doc, options) -> list[str]:
    return [f"a content stream still holds {len(comments(data))} comment(s)" for stream in content_streams(doc)
            if (data := readable(stream)) is not None and comments(data)]
