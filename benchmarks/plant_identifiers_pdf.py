"""Plant a patient's identifiers in a random place of a PDF, clean it, and check that a clean saying
`publication` kept none of them (plant_identifiers.py does the same for decks).

Places: a new key of any dictionary (the catalog, a page, an annotation, a font, an image...), a string
value replaced, a page's content stream (a comment, or text drawn in white, at size 0 or under the
page), an object nothing references, bytes after %%EOF, the XMP packet, a stream's own dictionary.

    python benchmarks/plant_identifiers_pdf.py -n 200 --seed 1 [--no-ocr] [--keep DIR]

Seeds: fuzz_pdfs' fixture builders and, when present, ../shared/corpus/pdfs (read there).
"""

from __future__ import annotations

import random
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "benchmarks")]
from fuzz_pdfs import sources  # noqa: E402 - after the path is set
from plant_identifiers import FORMS, run  # noqa: E402

HIDDEN_DRAWINGS = [b"1 1 1 rg BT /F1 9 Tf 20 20 Td ({}) Tj ET", b"BT /F1 0 Tf 20 20 Td ({}) Tj ET",
                   b"BT /F1 9 Tf 20 -400 Td ({}) Tj ET", b"BT 3 Tr /F1 9 Tf 20 20 Td ({}) Tj ET", b"% {}"]


def plant(rng: random.Random, source: Path, text: str, target: Path) -> str:
    """Write `source` with `text` hidden in one random place to `target`; return the place."""
    import pikepdf

    place = rng.choice(["new key", "new key", "string", "content", "content", "orphan", "after eof", "xmp",
                        "stream dictionary"])
    with pikepdf.open(source) as pdf:
        objects = [o for o in pdf.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream))]
        if place == "new key" and objects:
            target_object = rng.choice(objects)
            target_object[pikepdf.Name("/Note")] = pikepdf.String(text)
            place = f"new key of {target_object.get('/Type', 'a dictionary')}"
        elif place == "string":
            spots = [(o, k) for o in objects for k, v in o.items() if isinstance(v, pikepdf.String)]
            if not spots:
                return "string (none)"
            owner, key = rng.choice(spots)
            owner[key] = pikepdf.String(text)
            place = f"string {key} of {owner.get('/Type', 'a dictionary')}"
        elif place == "content" and len(pdf.pages):
            page = rng.choice(list(pdf.pages))
            drawing = rng.choice(HIDDEN_DRAWINGS).replace(b"{}", text.encode("latin-1"))
            page.contents_add(pdf.make_stream(drawing), prepend=rng.random() < 0.5)
            place = f"content: {drawing[:24]!r}"
        elif place == "orphan":
            pdf.make_indirect(pikepdf.Dictionary(Note=pikepdf.String(text)))
            pdf.make_indirect(pikepdf.Stream(pdf, zlib.compress(text.encode())))
        elif place == "xmp":
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:description"] = text
        elif place == "stream dictionary":
            streams = [o for o in objects if isinstance(o, pikepdf.Stream)]
            if not streams:
                return "stream dictionary (none)"
            rng.choice(streams)[pikepdf.Name("/Comment")] = pikepdf.String(text)
        pdf.save(target)
    if place == "after eof":
        target.write_bytes(target.read_bytes() + b"\n% " + text.encode() + b"\n")
    return place


def written_text(path: Path) -> bytes:
    """The raw file, every stream decoded where it can be, and every string of every object."""
    import pikepdf

    out = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    out.append(obj.read_bytes())
                except pikepdf.PdfError:
                    pass
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                out.extend(bytes(v) for v in obj.values() if isinstance(v, pikepdf.String))
    return b"\n".join(out)


def pdf_cases(rng: random.Random, tmp: Path, args):
    seeds = sources(tmp)
    for i in range(args.n):
        source = rng.choice(seeds)
        text, markers = rng.choice(FORMS)
        pdf = tmp / f"case-{i}.pdf"
        try:
            place = plant(rng, source, text, pdf)
        except Exception:  # noqa: BLE001 - a seed pikepdf cannot rewrite is no case
            place = None
        yield (pdf if place and pdf.exists() else None), text, markers, f"{place} of {source.name}"


if __name__ == "__main__":
    sys.exit(run(__doc__.splitlines()[0], pdf_cases, written_text))
