"""Red team 11: the words radiologists type, in every text place of a deck.

    .venv/bin/python benchmarks/redteam11/run.py [--seed 11] [--out /tmp/rt11] [--only PLACE] [--show]

Builds one deck per planted sentence (one identifier sentence or one innocent control in one place;
sentences.py, places.py), then runs slidesan.check and slidesan.clean (library API, OCR off: no
pictures here) on each, and scores:
  recall     a key identifier is covered (every letter and digit but a title) by HIGH findings of check
  partial    some of it is covered by a HIGH finding, not all
  pass-check check's verdict is publication (any key) or limited-access (a direct key) for that deck
  leak       clean's verdict is publication (any key) or limited-access (a direct key) and the key is
             still somewhere in the written package (every zip member, XML entities decoded)
  kept       the key is still in the written package whatever the verdict (visible text without --redact)
  false high a control sentence overlapped by a HIGH finding
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

import places  # noqa: E402
import sentences  # noqa: E402

TITLES = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss)\b\.?")
IDENTIFIERS_PER_PLACE = 8
CONTROLS_PER_PLACE = 2


def plan(seed: int) -> list[dict]:
    rng = random.Random(seed)
    names = list(places.PLACES)
    templates = list(sentences.IDENTIFIERS)
    items = []
    order = 0
    for round_ in range(IDENTIFIERS_PER_PLACE):
        rng.shuffle(templates)
        for i, place in enumerate(names):
            template = templates[(i + round_) % len(templates)]
            text, keys = template(rng)
            items.append(dict(id=f"i{order:03d}", place=place, template=template.__name__, text=text,
                              keys=[list(k) for k in keys]))
            order += 1
    controls = list(range(len(sentences.CONTROL_TEXTS)))
    rng.shuffle(controls)
    for round_ in range(CONTROLS_PER_PLACE):
        for i, place in enumerate(names):
            text, _ = sentences.control(rng, controls[(round_ * len(names) + i) % len(controls)])
            items.append(dict(id=f"c{order:03d}", place=place, template="control", text=text, keys=[]))
            order += 1
    return items


def covered(text: str, findings) -> list[bool]:
    """Which characters of `text` lie inside the text of a HIGH finding."""
    marks = [False] * len(text)
    for f in findings:
        if f.severity != "high" or not f.text:
            continue
        needle = f.text.strip()
        if not needle:
            continue
        for m in re.finditer(re.escape(needle), text, re.IGNORECASE):
            for k in range(m.start(), m.end()):
                marks[k] = True
    return marks


def key_state(text: str, key: str, marks: list[bool]) -> str:
    start = text.find(key)
    if start < 0:
        return "absent"
    span = range(start, start + len(key))
    titles = {start + m.start() + j for m in TITLES.finditer(key) for j in range(m.end() - m.start())}
    needed = [k for k in span if text[k].isalnum() and k not in titles]
    hit = [marks[k] for k in needed]
    return "full" if hit and all(hit) else "partial" if any(marks[k] for k in span) else "missed"


def package_text(path: Path) -> str:
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            out.append(name)
            out.append(html.unescape(z.read(name).decode("utf-8", "ignore")))
    return "\n".join(out).lower()


def run(items: list[dict], out: Path, show: bool) -> list[dict]:
    from slidesan.api import check, clean
    from slidesan.options import Options

    options = Options(ocr=False)
    out.mkdir(parents=True, exist_ok=True)
    for item in items:
        deck = out / f"{item['id']}-{item['place']}.pptx"
        places.deck_bytes(item["place"], item["text"], deck)
        checked = check(deck, options)
        cleaned_path = out / f"{item['id']}-{item['place']}.clean.pptx"
        if cleaned_path.exists():
            cleaned_path.unlink()
        cleaned = clean(deck, cleaned_path, options)
        written = package_text(cleaned_path) if cleaned_path.exists() else ""
        marks = covered(item["text"], checked.findings)
        item["check_verdict"] = checked.verdict
        item["clean_verdict"] = cleaned.verdict
        item["high"] = [(f.category, f.text) for f in checked.findings if f.severity == "high" and f.text]
        item["review"] = [(f.category, f.text) for f in checked.findings if f.severity == "review" and f.text]
        results = []
        for key, kind in item["keys"]:
            state = key_state(item["text"], key, marks)
            kept = re.search(r"(?<![\w.])" + re.escape(key.lower()) + r"(?![\w])", written) is not None
            passes = checked.verdict == "publication" or (kind == "direct" and checked.verdict == "limited-access")
            leak = kept and (cleaned.verdict == "publication" or
                             (kind == "direct" and cleaned.verdict == "limited-access"))
            results.append(dict(key=key, kind=kind, state=state, kept=kept, passes=passes, leak=leak))
        item["results"] = results
        item["false_high"] = (not item["keys"]) and any(marks)
        if show:
            print(item["id"], item["place"], item["check_verdict"], item["clean_verdict"], repr(item["text"]),
                  [(r["key"], r["state"], "KEPT" if r["kept"] else "", "PASS" if r["passes"] else "",
                    "LEAK" if r["leak"] else "") for r in results], item["high"], item["review"],
                  "FALSE-HIGH" if item["false_high"] else "")
    return items


def tally(items: list[dict], key: str) -> dict:
    """Per value of item[key]: planted keys, how each ended, passes, leaks, kept; controls and false highs."""
    rows = defaultdict(lambda: defaultdict(int))
    for item in items:
        row = rows[item[key]]
        for r in item.get("results", ()):
            row["keys"] += 1
            row[r["state"]] += 1
            for count in ("passes", "leak", "kept"):
                row[count] += r[count]
        if not item["keys"]:
            row["controls"] += 1
            row["false_high"] += item["false_high"]
    return rows


def table(items: list[dict]) -> None:
    rows = tally(items, "place")
    cols = ("keys", "full", "partial", "missed", "passes", "kept", "leak", "controls", "false_high")
    print(f"{'place':16}" + "".join(f"{c:>11}" for c in cols))
    total = defaultdict(int)
    for place in places.PLACES:
        row = rows[place]
        for c in cols:
            total[c] += row[c]
        print(f"{place:16}" + "".join(f"{row[c]:>11}" for c in cols))
    print(f"{'TOTAL':16}" + "".join(f"{total[c]:>11}" for c in cols))
    print(f"\n{'template':24}{'keys':>6}{'full':>6}{'partial':>8}{'missed':>7}{'passes':>7}")
    for name, t in sorted(tally(items, "template").items()):
        if t["keys"]:
            print(f"{name:24}{t['keys']:>6}{t['full']:>6}{t['partial']:>8}{t['missed']:>7}{t['passes']:>7}")


LECTURER = ("Imaging the painful hip", "Dr Wren Holloway, Consultant Radiologist, Frimley Park Hospital")


def presenter(out: Path) -> None:
    """The lecturer's own name on the title slide: a person, not a patient. The project flags it (clinician,
    institution: limited-access) unless --presenter names it; both are shown."""
    from pptx import Presentation

    from slidesan.api import check
    from slidesan.options import Options

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text, slide.placeholders[1].text = LECTURER
    prs.core_properties.author = ""
    path = out / "presenter.pptx"
    prs.save(str(path))
    for given in ((), ("Dr Wren Holloway, Frimley Park Hospital",)):
        report = check(path, Options(ocr=False, presenter=given))
        highs = [(f.category, f.text) for f in report.findings if f.severity == "high" and f.category != "thumbnail"]
        print(f"title slide {LECTURER[1]!r}, presenter={list(given)}: {report.verdict}, high {highs}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=Path("/tmp/rt11"))
    ap.add_argument("--only", default=None, help="one place")
    ap.add_argument("--template", default=None, help="one template (or 'control')")
    ap.add_argument("--show", action="store_true", help="one line per deck")
    args = ap.parse_args()
    items = plan(args.seed)
    if args.only:
        items = [i for i in items if i["place"] == args.only]
    if args.template:
        items = [i for i in items if i["template"] == args.template]
    n_keys = sum(len(i["keys"]) for i in items)
    print(f"seed {args.seed}: {len(items)} decks, {n_keys} planted identifiers, "
          f"{sum(not i['keys'] for i in items)} controls")
    began = time.time()
    run(items, args.out / f"seed{args.seed}", args.show)
    table(items)
    presenter(args.out / f"seed{args.seed}")
    print(f"\n{time.time() - began:.0f} s")


if __name__ == "__main__":
    main()
