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
    comments,
    crops,
    document_properties,
    embeddings,
    hidden_shapes,
    hidden_slides,
    hyperlinks,
    layout_placeholders,
    media,
    names_and_sections,
    notes,
    package_leftovers,
    picture_rebuild,
    shape_names,
    tags,
    thumbnail,
    unknown_parts,
    unsafe_pictures,
)

# Order matters only where one hiding place can contain another: slides and notes go first so
# that later steps do not spend time on content that will not be written; crops run before
# image metadata so that a re-encoded crop is stripped too; leftovers go last.
STEPS = [
    hidden_slides,          # p:sld@show="0"
    notes,                  # notes slides
    comments,               # legacy and modern comments, authors
    document_properties,    # core.xml, app.xml, custom.xml, customXml, labels
    thumbnail,              # docProps/thumbnail.jpeg
    tags,                   # p:tags, p:custDataLst, people, revision info, change logs
    embeddings,             # OLE objects, chart workbooks, VBA, ActiveX, printer settings
    media,                  # video and audio
    unsafe_pictures,        # EMF/WMF/PDF pictures, linked pictures
    hidden_shapes,          # hidden and off-slide shapes
    layout_placeholders,    # footer/date text left in masters and layouts
    crops,                  # cropped-away pixels, SVG twins, artistic-effect originals
    picture_rebuild,        # every image part rebuilt: metadata, hidden frames, hidden colour, profiles
    alt_text,               # alt text and titles with paths or file names
    shape_names,            # shape names that are file names
    hyperlinks,             # links to files, mail, URLs with query strings
    names_and_sections,     # section and custom-show names
    unknown_parts,          # every part no step knows: add-ins, ink, 3D models, unknown binaries
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
