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
    for step in STEPS:
        ctx.step = step_name(step)
        t0 = time.perf_counter()
        step.scrub(deck, ctx)
        deck.forget_locations()
        timings[ctx.step] = time.perf_counter() - t0
        if progress:
            progress(ctx.step)
    ctx.step = ""
    return timings


def residue(deck, options) -> list[str]:
    """Everything the steps would still act on; empty for a correctly cleaned deck."""
    found = []
    for step in STEPS:
        found.extend(f"{step_name(step)}: {item}" for item in step.residue(deck, options))
    return found
