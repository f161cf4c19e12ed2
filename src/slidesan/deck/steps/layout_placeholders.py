"""Hiding place: text left in the placeholders of masters and layouts.

"Footer: Dr J Smith, St Elsewhere Radiology", a date field cached as the day the case was
reported, a body placeholder on a layout with last year's case text: masters and layouts keep
what was typed into them even when no slide shows it (a slide shows a footer only through its
own copy, which is visible slide content for the scanner). Slide masters, slide layouts, the
notes master and the handout master are cleaned:

- footer, date and header placeholders lose every literal run; a slide-number field stays (it is
  harmless and keeps numbering working) but its stored text becomes "‹#›" (PowerPoint numbers
  slides itself, so nothing else ever shows there), and other fields (date-time) keep their type
  but lose their cached text, which PowerPoint recomputes on display;
- any other placeholder, of any shape type (a text shape, a table or chart frame, a picture),
  keeps its text only when every paragraph is one of PowerPoint's standard prompt texts ("Click to
  edit Master title style", "Second level", ...); otherwise its literal text is cleared.
  Placeholders and their formatting always stay.
"""

from __future__ import annotations

from slidesan.deck.drawing import A, LAYOUT_MASTER_TYPES, P, drawing_parts, quote
from slidesan.deck.geometry import shape_label

HEADER_FOOTER_TYPES = {"ftr", "dt", "hdr"}
KEPT_FIELD_TYPES = {"slidenum"}
SLIDE_NUMBER_TEXT = "\u2039#\u203a"
PLACEHOLDER_SHAPES = ("sp", "graphicFrame", "pic", "grpSp", "cxnSp")
STANDARD_PROMPTS = {
    "click to edit master title style", "click to edit master subtitle style", "click to edit master text styles",
    "edit master title style", "edit master subtitle style", "edit master text styles",
    "body level one", "body level two", "body level three", "body level four", "body level five",
    "click to edit the title text format", "click to edit the outline text format", "click to edit master text",
    "click to add title", "click to add text", "click to add subtitle", "click to add notes",
    "click icon to add picture", "click icon to add table", "click icon to add chart",
    "click icon to add smartart graphic", "click icon to add media", "click icon to add content",
    "insert picture", "title", "text", "subtitle", "footer", "date", "header", "slide number", "<#>", "‹#›",
    "second level", "third level", "fourth level", "fifth level",
    "second outline level", "third outline level", "fourth outline level", "fifth outline level",
    "sixth outline level", "seventh outline level", "eighth outline level", "ninth outline level",
}


def placeholder_type(shape) -> str | None:
    """The placeholder type of a shape of any kind (its p:nv*Pr/p:nvPr/p:ph), or None."""
    for nv in shape:
        if nv.tag.startswith(f"{{{P}}}nv"):
            ph = nv.find(f"{{{P}}}nvPr/{{{P}}}ph")
            if ph is not None:
                return ph.get("type", "body" if ph.get("idx") else "obj")
            return None
    return None


def stale_field(fld) -> bool:
    """A field whose stored text is not what it shows: any cached text, except a slide number's
    own placeholder or a plain number."""
    text = run_text(fld)
    if (fld.get("type") or "").lower() in KEPT_FIELD_TYPES:
        return text.strip() not in ("", SLIDE_NUMBER_TEXT, "<#>") and not text.strip().isdigit()
    return bool(text)


def is_prompt(text: str) -> bool:
    return " ".join(text.split()).lower().rstrip(".…") in STANDARD_PROMPTS


def literal_runs(para):
    return para.findall(f"{{{A}}}r")


def clearable(sp, kind: str) -> tuple[list, list]:
    """(runs to delete, fields whose cached text to reset) for one placeholder: its text body, or
    every paragraph of a table, chart or picture placeholder."""
    body = sp.find(f"{{{P}}}txBody")
    paras = body.findall(f"{{{A}}}p") if body is not None else (
        list(sp.iter(f"{{{A}}}p")) if not sp.tag.endswith("}sp") else [])
    runs, fields = [], []
    keep_literals = kind not in HEADER_FOOTER_TYPES and all(
        is_prompt(literal_text(p)) or not literal_text(p).strip() for p in paras)
    for para in paras:
        if not keep_literals:
            runs.extend(r for r in literal_runs(para) if run_text(r))
        for fld in para.findall(f"{{{A}}}fld"):
            if stale_field(fld):
                fields.append(fld)
    return runs, fields


def run_text(run) -> str:
    t = run.find(f"{{{A}}}t")
    return (t.text or "") if t is not None else ""


def literal_text(para) -> str:
    return "".join(run_text(r) for r in literal_runs(para))


def placeholders(deck):
    for part in drawing_parts(deck, LAYOUT_MASTER_TYPES):
        for shape in deck.xml(part).iter(*(f"{{{P}}}{name}" for name in PLACEHOLDER_SHAPES)):
            kind = placeholder_type(shape)
            if kind is not None:
                yield part, shape, kind


def scrub(deck, ctx) -> None:
    """Clear, then report each distinct cleared text once (a cached date repeats on every layout)."""
    cleared: dict[tuple[str, str], list[str]] = {}
    for part, sp, kind in list(placeholders(deck)):
        runs, fields = clearable(sp, kind)
        if not runs and not fields:
            continue
        text = " ".join(run_text(r) for r in runs + fields)
        for run in runs:
            run.getparent().remove(run)
        for fld in fields:
            slide_number = (fld.get("type") or "").lower() in KEPT_FIELD_TYPES
            fld.find(f"{{{A}}}t").text = SLIDE_NUMBER_TEXT if slide_number else ""
        cleared.setdefault((kind, text), []).append(str(part.partname))
    for (kind, text), parts in cleared.items():
        where = parts[0] if len(parts) == 1 else f"{parts[0]} and {len(parts) - 1} more"
        ctx.add("placeholder-text", "info", "removed",
                f"text of {len(parts)} {kind} placeholder(s) on masters/layouts cleared ({where})",
                text=quote(text), part=parts[0])
        # what a master's footer or cached date held rates the input (`check`): the name, not "text cleared";
        # a date placeholder's date is the day the deck was edited
        ctx.identifiers_in(text, f"a {kind} placeholder on masters/layouts (cleared)",
                           skip=("date", "time") if kind == "dt" else (), part=parts[0])


def residue(deck, options) -> list[str]:
    found = []
    for part, sp, kind in placeholders(deck):
        runs, fields = clearable(sp, kind)
        if runs or fields:
            found.append(f"{part.partname}: {kind} placeholder {shape_label(sp)} still holds "
                         f"\u201c{quote(' '.join(run_text(r) for r in runs + fields), 40)}\u201d")
    return found
