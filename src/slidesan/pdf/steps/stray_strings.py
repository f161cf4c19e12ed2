"""Hiding place: a string under a key no other step owns.

A writer may hang any key on any dictionary (`/Note (Hosp No: K7741208)` on a font, `/Comment` on an
image's stream dictionary, an application's own key on an annotation). The catalog and the pages are
closed by the spec (private_data.py); every other dictionary is open, and what the other steps do not
know, none of them removes. This step runs last: every string left in a dictionary or an array that
a viewer does not show is judged as the last sweep judges it (deck/leaks.py), and one that
identifies someone is emptied. Shown strings (bookmarks, annotation contents, alt text, link
targets) are read by the scan and flagged there; byte strings the spec defines (IDs, hashes,
signatures) are not text.
"""

from __future__ import annotations

import pikepdf

from slidesan.deck.leaks import TEXT, finding_kind, leaks
from slidesan.pdf.objects import (BINARY_KEYS, FONT_NAME_KEYS, SHOWN_KEYS, URL_KEYS, is_binary, legacy_text, name_of,
                                  text_of)

OWNED_ELSEWHERE = SHOWN_KEYS | URL_KEYS | FONT_NAME_KEYS | BINARY_KEYS


def places(doc):
    """(container, key or index, text) of every string no viewer shows."""
    seen: set[tuple[int, int]] = set()
    for obj in doc.dicts():
        for key, value in list(obj.items()):
            if key in OWNED_ELSEWHERE:
                continue
            yield from _leaf(obj, key, value)
            if isinstance(value, pikepdf.Array):
                yield from _array(value, seen)


def _array(array, seen):
    stack = [array]
    while stack:
        current = stack.pop()
        if current.is_indirect:
            if current.objgen in seen:
                continue
            seen.add(current.objgen)
        palette = len(current) > 0 and isinstance(current[0], pikepdf.Name) and current[0] == pikepdf.Name.Indexed
        for index, value in enumerate(current):
            if not palette:              # an indexed colour space's lookup string is colour bytes
                yield from _leaf(current, index, value)
            if isinstance(value, pikepdf.Array):
                stack.append(value)


def _leaf(container, key, value):
    if isinstance(value, pikepdf.String):
        raw = bytes(value)
        text = legacy_text(raw) if is_binary(raw) else text_of(value)
        if text.strip():
            yield container, key, text


def scrub(doc, ctx) -> None:
    for container, key, text in list(places(doc)):
        if not leaks(text, TEXT):
            continue        # nothing identifying: the string stays
        category, severity = finding_kind(text, "pdf-string", TEXT)
        container[key] = pikepdf.String("")
        where = name_of(container.get("/Type"))[1:] if isinstance(container, pikepdf.Dictionary) else "array"
        ctx.add(category, severity, "removed", f"a string under {key if isinstance(key, str) else 'an array'} "
                f"of {where or 'a dictionary'} that no step owns held an identifier; emptied", text=text[:200])


def residue(doc, options) -> list[str]:
    return [f"a string under {key} holds an identifier" for _container, key, text in places(doc) if leaks(text, TEXT)]
