"""Hiding place: the trailer /ID, two byte strings that are often a hash of the path and the time.

The first entry is meant to stay the same for the life of the document, so it links a shared
handout back to the original file on the lecturer's disk. The writer drops it and computes a new
one from the written content (pdf/document.py save); here it is recorded, and the inventory checks
that neither old value survives.
"""

from __future__ import annotations

from slidesan.pdf.objects import is_binary


def scrub(doc, ctx) -> None:
    if doc.input_ids:
        for value in doc.input_ids:              # an ID written as text (a file name, a case); a hash is no text
            if not is_binary(value):
                ctx.identifiers_in(value.decode("latin-1"), "the document ID")
        ctx.add("document-id", "info", "replaced", "document ID regenerated from the cleaned content",
                text=" ".join(sorted(i.hex()[:32] for i in doc.input_ids)))


def residue(doc, options) -> list[str]:
    from slidesan.pdf.document import trailer_ids

    old = options.extra.get("pdf_input_ids") or set()
    kept = trailer_ids(doc.pdf) & set(old)
    return [f"the input's document ID {i.hex()[:16]}… is still in the trailer" for i in kept]
