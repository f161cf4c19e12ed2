"""A deck picture's judged text as findings, one per thing found per place the picture is shown.

The picture's lines are judged once (scan/picture_text): identifiers become findings with their
category; info text is kept for a glance; a line found but not read reliably becomes a review
finding with its box, so the verdict cannot be `publication` while a person has not looked. A
finding on a picture that a shape merely covers says so: the cover can be moved.
"""

from __future__ import annotations

from slidesan.deck.geometry import shape_frame, shape_label
from slidesan.report.model import INFO, REVIEW
from slidesan.scan.covers import covering, covers_above, image_box_to_slide, src_fractions

UNREAD_CATEGORY = "ocr"
UNREAD_MESSAGE = "text found but not read reliably"


def what_was_read(match, where: str = "picture") -> str:
    """The finding's message for one match read in a picture: what it is, in the reader's words."""
    if match.origin == "unknown":
        return f"possible name read in {where}: words no dictionary knows"
    if match.category == "other-script":
        return f"words in a script the detectors do not read, in {where}"
    return f"{match.category.replace('-', ' ')} read in {where}"


def match_box(line, match) -> tuple[int, int, int, int]:
    """The match's box: from the engine's word spans when it has them, else by character share.
    The learned reader gives no word boxes (its spans share the line by character count), so its
    matches take the whole line: a redaction painted from them must not fall short."""
    if getattr(line, "reader", "") == "learned":
        return tuple(int(v) for v in line.box)
    if hasattr(line, "box_of"):
        return tuple(int(v) for v in line.box_of(match.start, match.end))
    left, top, right, bottom = line.box
    n = max(len(line.text), 1)
    return (int(left + (right - left) * match.start / n), top,
            int(left + (right - left) * match.end / n + 0.999), bottom)


def judged_findings(deck, ctx, image_name: str, size, uses, judged) -> list:
    """Findings for one judged picture (a PictureText) shown through `uses`."""
    found = []
    for line, match in judged.matches():
        found += place_finding(deck, ctx, image_name, size, uses, match.category, match.severity, match.text,
                               match_box(line, match), what_was_read(match))
    for account in judged.unread():
        reading = account.line.text.strip()
        what = f"{UNREAD_MESSAGE} ({account.reason})" + (f"; it may say {reading!r}" if reading else "")
        found += place_finding(deck, ctx, image_name, size, uses, UNREAD_CATEGORY, REVIEW, reading or None,
                               tuple(int(v) for v in account.line.box), what, action="not-inspected")
    return found


def place_finding(deck, ctx, image_name, size, uses, category, severity, text, box, what,
                  action: str = "flagged") -> list:
    """Findings for one thing read: per slide use (covered or not), or one for an unplaced picture."""
    if not uses:
        return [ctx.add(category, severity, action, what, text=text, part=image_name, image=image_name, box=box)]
    out, seen = [], set()
    for use in uses:
        slide = deck.slide_number(use.part)
        key = (slide, str(use.part.partname))
        if key in seen:
            continue
        seen.add(key)
        act, message = action, what
        if use.owner is not None and severity != INFO and action == "flagged":
            frame = shape_frame(deck, use.part, use.owner)
            if frame is not None:
                rect = image_box_to_slide(box, size, frame, src_fractions(use.blip_fill))
                cover = covering(covers_above(deck, use.part, use.owner), rect)
                if cover is not None:
                    act = "covered-not-removed"
                    message = (what.replace(" read in picture", "") + f" in picture is only covered by shape "
                               f"{cover.label}; the cover can be moved")
        out.append(ctx.add(category, severity, act, message, text=text, slide=slide, part=str(use.part.partname),
                           shape=shape_label(use.owner) if use.owner is not None else use.kind,
                           image=image_name, box=box))
    return out
