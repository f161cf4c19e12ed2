"""The deck cleaner: open → scrub steps → scan → write atomically → verify → report.

Each hiding place is one module in `steps/` with two functions:

    scrub(deck, ctx)          remove or flag what hides there, adding findings to ctx
    residue(deck, options)    descriptions of anything scrub() would still act on

`residue` is the inventory: run on the written output it must come back empty, which is how
the cleaner proves its own output (verify.py). Steps never call each other; their order is here.
"""

from __future__ import annotations

from slidesan.deck.steps import (
    alt_text,
    animation_text,
    chart_sources,
    comments,
    crops,
    diagram_data,
    document_properties,
    embedded_fonts,
    embeddings,
    extensions,
    external_relationships,
    hidden_shapes,
    hidden_slides,
    hyperlinks,
    layout_placeholders,
    media,
    names_and_sections,
    notes,
    package_leftovers,
    page_names,
    part_names,
    picture_rebuild,
    presentation_settings,
    shape_names,
    svg_content,
    tags,
    thumbnail,
    typefaces,
    unknown_parts,
    unsafe_pictures,
    xml_comments,
)

# Order matters only where one hiding place can contain another: slides and notes go first so
# that later steps do not spend time on content that will not be written; crops run before
# image metadata so that a re-encoded crop is stripped too; extensions go before the net for
# external relationships and unknown parts (an extension can be all that uses one); part names
# and leftovers go last.
STEPS = [
    hidden_slides,          # p:sld@show="0", with links and zooms to them
    notes,                  # notes slides, however they are related
    comments,               # legacy and modern comments, authors
    document_properties,    # core.xml, app.xml, custom.xml, customXml, labels (any producer's relationship type)
    thumbnail,              # docProps/thumbnail.jpeg
    tags,                   # p:tags, p:custDataLst, people, revision info, change logs
    embeddings,             # OLE objects, chart workbooks, VBA, ActiveX, printer settings
    embedded_fonts,         # font parts: real fonts keep only their names, anything else goes
    media,                  # video and audio
    unsafe_pictures,        # EMF/WMF/PDF pictures, linked pictures and fills
    hidden_shapes,          # hidden and off-slide shapes
    layout_placeholders,    # text left in placeholders of any shape type on masters and layouts
    crops,                  # cropped-away pixels, SVG twins, artistic-effect originals
    picture_rebuild,        # every image part rebuilt: metadata, hidden frames, hidden colour, profiles
    svg_content,            # SVG comments, metadata, editor data, links, hidden text
    alt_text,               # alt text and titles with paths or file names
    shape_names,            # shape names that are file names or identify someone
    page_names,             # slide, layout, master, theme, scheme, colour and table style names
    hyperlinks,             # links to files, mail, URLs with query strings or identifiers; macro actions
    animation_text,         # strings in animations (p:strVal, p:cmd)
    chart_sources,          # chart formulas, pivot sources, print headers, macros of chart drawings
    diagram_data,           # SmartArt prompts and layout names
    typefaces,              # typeface names that identify someone
    presentation_settings,  # web-publishing settings, line-breaking characters
    names_and_sections,     # section and custom-show names
    extensions,             # extension payloads of unknown URIs
    xml_comments,           # comments and processing instructions in any XML part, before its root too
    external_relationships,  # every external relationship no step kept
    unknown_parts,          # every part no step knows: add-ins, ink, 3D models, unknown binaries
    part_names,             # part names and relationship ids that identify someone
    package_leftovers,      # unreachable parts, [trash], unsafe zip names
]


# The progress callback is called once per step, then before the scan and before writing; each call
# is also where a caller (the desktop window's Cancel) may stop the run by raising.
PROGRESS_TICKS = len(STEPS) + 2


def step_name(step) -> str:
    return step.__name__.rsplit(".", 1)[-1].replace("_", "-")


def run_steps(deck, ctx, progress=None) -> dict[str, float]:
    import time

    timings = {}
    pictures = picture_parts(deck)
    for step in STEPS:
        ctx.step = step_name(step)
        t0 = time.perf_counter()
        first = len(ctx.findings)
        step.scrub(deck, ctx)
        pictures = report_unread_pictures(deck, ctx, pictures, ctx.findings[first:])
        deck.forget_locations()
        timings[ctx.step] = time.perf_counter() - t0
        if progress:
            progress(ctx.step)
    ctx.step = ""
    return timings


def picture_parts(deck, parts=None) -> dict[int, tuple[object, int | None]]:
    """Image parts the package reaches now (`parts`: deck.parts(), when already listed), each with the
    first slide showing it (through a slide, its notes page, a chart...; None on a master or layout)."""
    parts = deck.parts() if parts is None else parts
    pictures = {id(part): part for part in parts if part.content_type.lower().startswith("image/")}
    slides: dict[int, set] = {}
    for part in parts:
        for rel in part.rels.values():
            if not rel.is_external and id(rel._target) in pictures:
                slides.setdefault(id(rel._target), set()).add(deck.slide_number(part))
    return {key: (part, min((n for n in slides.get(key, ()) if n is not None), default=None))
            for key, part in pictures.items()}


def report_unread_pictures(deck, ctx, before: dict, added: list) -> dict:
    """The net under every step: pictures that left the package during the step (with a hidden
    slide, a notes page, a hidden shape, an OLE object...) were never read, since the scan reads what
    is written. Unless the step's own findings name the picture as high or not inspected, one
    "unread-pictures" finding per slide says so; a clean is right to drop them, but a check reports
    the input and marks them not inspected (pack/work.as_present), so it can never say publication.
    Returns the pictures now in the package (the next step's `before`)."""
    parts = deck.parts()
    now, after = picture_parts(deck, parts), {id(part) for part in parts}
    named = {f.part for f in added if f.severity == "high" or f.action == "not-inspected"}
    by_slide: dict[int | None, list[str]] = {}
    for key, (part, slide) in before.items():
        if key not in after and str(part.partname) not in named:
            by_slide.setdefault(slide, []).append(str(part.partname))
    for slide, gone in sorted(by_slide.items(), key=lambda item: item[0] or 0):
        ctx.add("unread-pictures", "info", "removed", f"{len(gone)} picture(s) removed with what this step "
                "removes, without being read", text=", ".join(sorted(gone))[:400], slide=slide)
    return now


def residue(deck, options) -> list[str]:
    """Everything the steps would still act on; empty for a correctly cleaned deck."""
    found = []
    for step in STEPS:
        found.extend(f"{step_name(step)}: {item}" for item in step.residue(deck, options))
    return found
