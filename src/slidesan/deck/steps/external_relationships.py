"""Hiding place: external relationships of any type (targets outside the package).

A relationship with TargetMode="External" names something on the author's machine, network or the
web: an attached template ("C:\\Users\\...\\Patients\\...\\case.potx"), a publish target, a source
folder an add-in recorded, a type no standard defines. The steps that know a kind (links to files,
linked pictures, media, objects, workbooks) remove theirs with what uses them; this step runs after
them and removes every external relationship still left except the plain web links the hyperlinks
step kept, together with any XML that names it, so nothing points outside the deck unexplained.
"""

from __future__ import annotations

from slidesan.deck.drawing import quote
from slidesan.deck.leaks import URL, category_of, leaks
from slidesan.deck.relcut import cut, rels_of, sources, type_is, where
from slidesan.deck.pathlike import is_personal_path
from slidesan.report.model import HIGH, REVIEW


def is_kept_web_link(rel) -> bool:
    """A plain http(s) hyperlink with nothing identifying in it: the hyperlinks step keeps these."""
    target = rel.target_ref.strip().lower()
    return (type_is(rel.reltype, "relationships/hyperlink") and target.startswith(("http://", "https://", "#"))
            and not leaks(rel.target_ref, URL))


def left_over(deck):
    for source in sources(deck):
        for rid, rel in list(rels_of(source).items()):
            if rel.is_external and not is_kept_web_link(rel):
                yield source, rid, rel


def scrub(deck, ctx) -> None:
    for source, rid, rel in list(left_over(deck)):
        target = rel.target_ref
        cut(deck, source, rid)
        kind = rel.reltype.rsplit("/", 1)[-1] or "unknown"
        severity = HIGH if leaks(target, URL) or is_personal_path(target) else REVIEW
        ctx.add(category_of(target, "external-link", URL), severity, "removed", f"external relationship ({kind}) removed",
                text=quote(target, 200), **where(deck, source))


def residue(deck, options) -> list[str]:
    return [f"external {rel.reltype.rsplit('/', 1)[-1]} relationship {rid} \u2192 {quote(rel.target_ref, 60)}"
            for _source, rid, rel in left_over(deck)]
