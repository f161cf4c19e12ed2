"""The last sweep of a written PDF: every string left (verify/places.py), judged whatever step wrote it.

Each string is judged by deck/leaks.py, the judgement the deck's sweep and the steps use. What it
finds is sorted by place, as for decks:

- a place a viewer shows (bookmarks, annotation contents, alt text, link targets): flagged with its
  page unless a finding already names it (the scan reads those places too);
- a stream that could not be decoded: reported as not inspected, so the verdict cannot be
  `publication` (its strings were never read);
- any other place nobody sees: a defect of the cleaner. The self-check fails and nothing is
  written, until the step that owns that place removes it.
"""

from __future__ import annotations

import pikepdf

from slidesan.deck.leaks import TEXT, leaks, normalise, shown_leaks
from slidesan.pdf.name_words import SURE, UNSURE, name_leaks
from slidesan.pdf.verify.places import Place, places_of
from slidesan.report.model import HIGH, REVIEW, Finding
from slidesan.written_output import Sweep, sweep_defect




def sweep_pdf(pdf: pikepdf.Pdf, options, findings=()) -> Sweep:
    from slidesan.scan.identifiers import default_vocabulary
    from slidesan.scan.identifiers.vocabulary import vocabulary_for

    user = vocabulary_for(options)
    shown_vocabulary = user or default_vocabulary()
    known = [normalise(f.text).lower() for f in findings if f.remains and f.text]
    result, judged, unread = Sweep(), {}, set()
    for place in places_of(pdf):
        if not place.value:
            unread.add(place.where)
            continue
        key = (place.value, place.kind, place.shown, place.is_name)
        if key not in judged:
            result.strings += 1
            judged[key] = name_leaks(place.value, place.kind, shown_vocabulary, user) if place.is_name else \
                shown_leaks(place.value, shown_vocabulary) if place.shown and place.kind == TEXT else \
                leaks(place.value, place.kind, user=user)
        for leak in judged[key]:
            report(result, place, leak, known)
    for where in sorted(unread):
        result.flags.append(Finding("pdf-stream", HIGH, "not-inspected",
                                    f"a stream of the written PDF could not be decoded, so its strings were not "
                                    f"read ({where})", step="sweep"))
    return result


def report(result: Sweep, place: Place, leak, known: list[str]) -> None:
    text = normalise(leak.text).lower()
    label = leak.category.replace("-", " ")
    if not place.shown:
        result.defects.append(sweep_defect(leak.category, place.where, leak.text, slide=place.page))
        return
    if any(text in k or k in text for k in known):
        return
    known.append(text)
    severity = REVIEW if leak.category in UNSURE and leak.confidence < SURE else HIGH
    result.flags.append(Finding(leak.category, severity, "flagged",
                                f"{label} shown ({place.where}), found by the final sweep",
                                text=leak.text, slide=place.page, step="sweep"))
