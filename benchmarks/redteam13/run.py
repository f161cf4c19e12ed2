"""Red team 13: pictures that identify a patient, planted into real decks the way lecturers place them.

Each variation takes a host deck (the public-suite decks of /work/shared/corpus/decks and two decks the
project's fixtures build), plants one picture (a generated overlay, a name band, a real viewer screenshot,
or an innocent picture) in one placement with random modifiers (placements.py), cleans it in-process with
OCR on, checks the planted deck, and scores:

- LEAK: clean's verdict is `publication` while the written deck still holds an identifier box's pixels
  (oracle.py; `legible` says how much plain Tesseract reads in it);
- CHECK-MISS: `check` on the planted deck says `publication`;
- CRASH: a traceback, or a one-line refusal (exit 2) of a deck that opens in PowerPoint;
- OVER-STRICT: an innocent picture adds findings that make the verdict `identifiable`.

A host that is not `publication` on its own is judged by what the planted picture adds to its findings
(`added`: the verdict of the findings left when the host's own are taken out).

    PYTHONPATH=src:. python benchmarks/redteam13/run.py --seed 13 --count 100 --out /tmp/rt13/s13
    PYTHONPATH=src:. python benchmarks/redteam13/run.py --out /tmp/rt13/s13 --only 17   (one variation again)
    ... --with-metafile   (half the pictures pasted as an EMF holding the bitmap, whole or clipped)
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import oracle  # noqa: E402
import pictures  # noqa: E402
from deck_edit import DeckEdit  # noqa: E402
from placements import place  # noqa: E402

import slidesan  # noqa: E402
from slidesan.errors import SlidesanError  # noqa: E402

CORPUS = Path("/work/shared/corpus/decks")
EXTS = {"png": "png", "jpeg": "jpg", "gif": "gif", "tiff": "tiff", "bmp": "bmp", "webp": "webp"}


def plain_host(path: Path) -> None:
    """A short teaching deck with nothing to find: text, a chart, a table and speaker notes."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    for layout, heading, body in ((0, "Acute abdomen on CT", "Registrar teaching"),
                                  (1, "Search pattern", "Free gas\nFree fluid\nBowel calibre\nSolid organs")):
        slide = prs.slides.add_slide(prs.slide_layouts[layout])
        slide.shapes.title.text, slide.placeholders[1].text = heading, body
    slide.notes_slide.notes_text_frame.text = "Start with the lung bases and finish with the bones."
    chart = prs.slides.add_slide(prs.slide_layouts[5])
    chart.shapes.title.text = "Causes in our audit"
    data = CategoryChartData()
    data.categories = ["Appendicitis", "Obstruction", "Perforation", "Other"]
    data.add_series("Cases", (41, 23, 9, 27))
    chart.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data)
    table = prs.slides.add_slide(prs.slide_layouts[5])
    table.shapes.title.text = "Sign and meaning"
    cells = table.shapes.add_table(3, 2, Inches(1), Inches(1.5), Inches(8), Inches(2)).table
    for r, (sign, meaning) in enumerate((("Sign", "Meaning"), ("Rigler", "Pneumoperitoneum"),
                                         ("Coffee bean", "Sigmoid volvulus"))):
        cells.cell(r, 0).text, cells.cell(r, 1).text = sign, meaning
    prs.save(path)


def hosts(out: Path) -> list[Path]:
    made = out / "hosts"
    made.mkdir(parents=True, exist_ok=True)
    if not (made / "plain.pptx").exists():
        plain_host(made / "plain.pptx")
    return sorted(CORPUS.glob("*.pptx")) + [made / "plain.pptx"]


def finding_key(finding) -> tuple:
    return (finding.category, finding.severity, finding.action, finding.slide, finding.text)


def host_baselines(out: Path, decks: list[Path]) -> dict:
    """Each host's own clean (once): its verdict and the findings it leaves to act on. A planted picture is
    then judged by what it adds, so hosts that are not `publication` on their own still count."""
    cache = out.parent / "host_baselines.json"
    known = json.loads(cache.read_text()) if cache.exists() else {}
    for deck in decks:
        if deck.name not in known:
            try:
                report = slidesan.clean(deck, out / "host.clean.pptx")
                known[deck.name] = {"verdict": report.verdict,
                                    "keys": [finding_key(f) for f in report.findings if f.remains]}
            except SlidesanError as error:
                known[deck.name] = {"verdict": f"error: {error}", "keys": []}
    cache.write_text(json.dumps(known, indent=1))
    return known


def added_verdict(report, baseline: dict) -> str:
    """The verdict of the findings the planted picture added (the host's own taken out, as a multiset)."""
    from slidesan.report.model import verdict_of

    left = Counter(tuple(k) for k in baseline["keys"])
    added = []
    for finding in report.findings:
        key = finding_key(finding)
        if finding.remains and left[key] > 0:
            left[key] -= 1
            continue
        added.append(finding)
    return verdict_of(added)


def variation(seed: int, index: int, decks: list[Path], clean_hosts: list[Path], boxes: dict, metafile=False):
    """(deck bytes, planted picture, host name, placement form, format) of variation `index`: half of them
    on a host that is `publication` on its own."""
    rng = random.Random(seed * 100003 + index)
    host = rng.choice(clean_hosts if rng.random() < 0.5 else decks)
    planted = pictures.pick(rng, boxes)
    fmt = rng.choices(sorted(EXTS), weights=[2, 5, 1, 3, 1, 1])[0]
    blob = pictures.encode(planted.image, fmt, rng)
    planted.image = Image.open(io.BytesIO(blob)).convert("RGB")     # what is stored is what the oracle seeks
    edit = DeckEdit(host.read_bytes())
    if metafile and rng.random() < 0.5:
        return edit_metafile(edit, rng, planted, host)
    media = edit.add_image(blob, EXTS[fmt], pictures.FORMATS[fmt])
    form = place(edit, rng, media, planted.image.size, planted.boxes)
    return edit.save(), planted, host.name, form, fmt


def read_back(report, texts) -> tuple[int, int]:
    """How many planted identifier texts a remaining finding names (one word of 3+ letters or digits
    in common, strings the sweep found in binary data not counted), and how many such binary findings."""
    remaining = [f for f in report.findings if f.remains and f.severity != "info" and f.text]
    binary = [f for f in remaining if "binary string" in f.message]
    words = {w for f in remaining if f not in binary for w in pictures.norm_words(f.text)}
    return sum(bool(pictures.norm_words(t) & words) for t in texts), len(binary)


def edit_metafile(edit, rng, planted, host):
    from placements import place_metafile

    form = place_metafile(edit, rng, planted.image, planted.boxes)
    return edit.save(), planted, host.name, form, "emf"


def run_one(seed, index, decks, baselines, boxes, out: Path, metafile=False) -> dict:
    clean_hosts = [d for d in decks if baselines[d.name]["verdict"] == "publication"]
    deck, planted, host, form, fmt = variation(seed, index, decks, clean_hosts, boxes, metafile)
    path = out / f"v{index:03d}.pptx"
    path.write_bytes(deck)
    row = {"i": index, "host": host, "form": form, "format": fmt, "source": planted.source,
           "identifying": planted.identifying}
    started = time.time()
    try:
        report = slidesan.clean(path, out / f"v{index:03d}.clean.pptx")
        row["clean"] = report.verdict
        row["added"] = added_verdict(report, baselines[host])
        row["read"], row["binary_strings"] = read_back(report, planted.texts)
    except SlidesanError as error:
        row["clean"], row["error"] = "exit-2", str(error)
    except Exception:   # noqa: BLE001 - a traceback is a finding of its own
        row["clean"], row["error"] = "crash", traceback.format_exc(limit=6)
    try:
        row["check"] = slidesan.check(path).verdict
    except SlidesanError as error:
        row["check"], row["check_error"] = "exit-2", str(error)
    except Exception:   # noqa: BLE001
        row["check"], row["check_error"] = "crash", traceback.format_exc(limit=6)
    written = out / f"v{index:03d}.clean.pptx"
    row["boxes"] = oracle.judge(planted, written.read_bytes()) if written.exists() else []
    held = [b for b in row["boxes"] if b["state"] == "held"]
    row["leak"] = row.get("added") == "publication" and bool(held)
    row["masked"] = row["leak"] and row["clean"] != "publication"     # a leak the host's own findings hide
    row["partial"] = row.get("added") == "publication" and not held and any(b["state"] == "partial"
                                                                        for b in row["boxes"])
    row["check_miss"] = planted.identifying and row["check"] == "publication"
    row["seconds"] = round(time.time() - started, 1)
    return row


def summary(rows: list[dict], baselines: dict) -> dict:
    forms = lambda key: Counter(r["form"].split("+")[0] for r in rows if r.get(key))  # noqa: E731
    over = [r for r in rows if not r["identifying"] and r["clean"] == "identifiable"
            and r.get("added") == "identifiable"]
    return {
        "variations": len(rows), "identifying": sum(r["identifying"] for r in rows),
        "clean_verdicts": Counter(r["clean"] for r in rows), "check_verdicts": Counter(r["check"] for r in rows),
        "leaks": sum(r["leak"] for r in rows), "leaks_on_publication_hosts": sum(r["leak"] and not r["masked"]
                                                                                 for r in rows),
        "leak_forms": forms("leak"),
        "partial": sum(r["partial"] for r in rows), "partial_forms": forms("partial"),
        "check_misses": sum(r["check_miss"] for r in rows), "check_miss_forms": forms("check_miss"),
        "crashes": [(r["i"], r["form"], r.get("error", r.get("check_error", ""))[-300:]) for r in rows
                    if "crash" in (r["clean"], r["check"]) or "exit-2" in (r["clean"], r["check"])],
        "over_strict": [(r["i"], r["form"], r["source"]) for r in over],
        "seconds": round(sum(r["seconds"] for r in rows)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", type=int, nargs="*")
    parser.add_argument("--with-metafile", action="store_true",
                        help="half the variations paste the picture as an EMF instead (another sequence)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    decks = hosts(args.out.parent)
    boxes = pictures.real_boxes()
    baselines = host_baselines(args.out, decks)
    rows_path = args.out / "rows.jsonl"
    indexes = args.only if args.only else range(args.count)
    rows = []
    with rows_path.open("a" if args.only else "w") as sink:
        for index in indexes:
            row = run_one(args.seed, index, decks, baselines, boxes, args.out, args.with_metafile)
            rows.append(row)
            sink.write(json.dumps(row) + "\n")
            sink.flush()
            flag = "LEAK" if row["leak"] else "MISS" if row["check_miss"] else ""
            print(f"{index:3d} {row['clean']:>13} {row.get('added', ''):>13} {row['check']:>13} {row['seconds']:6.1f}s {flag:4} "
                  f"{row['form']} [{row['source']} {row['format']}] {row['host']}", flush=True)
    result = summary(rows, baselines)
    (args.out / "summary.json").write_text(json.dumps(result, indent=1, default=str))
    print(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
