"""Red team 17: check and clean every generated picture alone and the whole set as one pack, and score.

    python benchmarks/redteam17/run.py OUT [--seed 17]        # generates OUT/pack unless it is there
    python benchmarks/redteam17/run.py OUT --only 008,031     # a few cases (by number) alone only
    python benchmarks/redteam17/run.py OUT --score-only       # score the last run's rows and outputs again

Scores, per file (see README.md):
  LEAK        clean's verdict `publication` while the written file still holds an identifier: in its
              bytes (raw, UTF-16 either order, every zlib stream inflated, XML entities decoded) or in
              pixels of any frame, page, embedded JPEG/PNG/JPEG 2000 (thumbnails, MPF, appended images),
              colour under transparency, rows a shortened header hides (Tesseract), or the known box of
              burned-in text unchanged
  CHECK-MISS  check's verdict `publication` on an identifying file
  CRASH       a traceback, or a refusal (exit 2 / not written) of a file Pillow opens
  OVER-STRICT a twin's clean verdict not `publication` (check's is counted on its own line)
  kept        (information) the identifier's bytes still in the written file, whatever the verdict
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
import zlib
from collections import defaultdict
from pathlib import Path

from PIL import Image, ImageSequence

HERE = Path(__file__).resolve().parent


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def needles(entry: dict) -> list[str]:
    """The identifier strings, and the hospital number's longest run of digits on its own."""
    out = [norm(s) for s in entry["strings"]]
    if len(entry["strings"]) > 1:
        out += re.findall(r"\d{5,}", entry["strings"][1])[:1]
    return [n for n in dict.fromkeys(out) if len(n) >= 4]


def byte_texts(data: bytes) -> list[str]:
    """The file's bytes as text every way a tool could read them."""
    texts = [data.decode("latin-1")]
    for enc in ("utf-16-le", "utf-16-be"):
        for start in (0, 1):
            texts.append(data[start:len(data) - (len(data) - start) % 2].decode(enc, "replace"))
    tries = 0
    for m in re.finditer(rb"\x78[\x01\x5e\x9c\xda]", data):
        tries += 1
        if tries > 400:
            break
        try:
            inflated = zlib.decompressobj().decompress(data[m.start():], 8 << 20)
        except zlib.error:
            continue
        if inflated:
            texts.append(inflated.decode("latin-1"))
            texts.append(inflated.decode("utf-8", "replace"))
    texts += [html.unescape(t) for t in texts if "&#" in t]
    try:
        texts.append(data.decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001
        pass
    return [norm(t.replace("\x00", "")) for t in texts]


def in_bytes(data: bytes, entry: dict) -> list[str]:
    texts = byte_texts(data)
    return [n for n in needles(entry) if any(n in t for t in texts)]


# -- pixels -------------------------------------------------------------------------------------------

def views(data: bytes, entry: dict) -> list[Image.Image]:
    """Every picture a viewer or a tool can show from the written bytes."""
    out = []
    try:
        img = Image.open(io.BytesIO(data))
        for frame in ImageSequence.Iterator(img):
            out.append(frame.convert("RGB"))        # alpha and colour keys dropped: what lies under them
    except Exception:  # noqa: BLE001
        pass
    for sig in (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"\xff\x4f\xff\x51"):
        for m in re.finditer(re.escape(sig), data):
            if m.start() == 0:
                continue
            try:
                emb = Image.open(io.BytesIO(data[m.start():]))
                emb.load()
                out.append(emb.convert("RGB"))
            except Exception:  # noqa: BLE001
                continue
    hidden = entry.get("hidden")
    if hidden == "sof-height":
        at = data.find(b"\xff\xc0")
        if at > 0:
            patched = bytearray(data)
            patched[at + 5:at + 7] = (528).to_bytes(2, "big")
            try:
                img = Image.open(io.BytesIO(bytes(patched)))
                img.load()
                out.append(img.convert("RGB").crop((0, 470, img.width, img.height)))
            except Exception:  # noqa: BLE001
                pass
    return out


def idat_extra(data: bytes) -> bool:
    if not data.startswith(b"\x89PNG"):
        return False
    pos, idat, header = 8, b"", b""
    while pos + 8 <= len(data):
        n, t = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
        if t == b"IHDR":
            header = data[pos + 8:pos + 8 + n]
        if t == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    try:
        raw = zlib.decompress(idat)
    except zlib.error:
        return False
    w, h, depth, ct = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:8], "big"), header[8], header[9]
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
    return len(raw) > h * (1 + (w * channels * depth + 7) // 8)


def ocr(img: Image.Image) -> str:
    if img.width < 900:
        img = img.resize((img.width * 2, img.height * 2), Image.LANCZOS)
    with tempfile.NamedTemporaryFile(suffix=".png") as fh:
        img.save(fh.name)
        done = subprocess.run(["tesseract", fh.name, "-", "--psm", "11"], capture_output=True, text=True)
    return norm(done.stdout)


def name_words(entry: dict) -> list[str]:
    surname = norm(entry["strings"][0]) if entry["strings"] else ""
    words = [w for w in re.split(r"[\s'-]+", surname) if len(w) >= 4]
    digits = [max(re.findall(r"\d{5,}", s), key=len) for s in entry["strings"][1:2] if re.search(r"\d{5,}", s)]
    return words + digits


def in_pixels(data: bytes, entry: dict, original: bytes | None) -> list[str]:
    hidden = entry.get("hidden")
    if not hidden:
        return []
    if hidden == "shown":
        return ["box unchanged"] if box_unchanged(data, original, entry["box"]) else []
    if hidden == "idat-rows" and idat_extra(data):
        return ["rows past the height"]
    if hidden == "subifd":
        try:
            img = Image.open(io.BytesIO(data))
            if 330 in getattr(img, "tag_v2", {}):
                return ["SubIFD kept"]
        except Exception:  # noqa: BLE001
            pass
    found = []
    for view in views(data, entry):
        text = ocr(view)
        found += [w for w in name_words(entry) if w in text.replace(" ", "") or w in text]
    return sorted(set(found))


def box_unchanged(data: bytes, original: bytes | None, box) -> bool:
    import numpy as np

    if original is None or not box:
        return False
    try:
        a = Image.open(io.BytesIO(data)).convert("L")
        b = Image.open(io.BytesIO(original)).convert("L")
    except Exception:  # noqa: BLE001
        return False
    if a.size != b.size:
        return True        # reshaped, not painted: still there
    x0, y0, x1, y1 = box
    ra = np.asarray(a.crop((x0, y0, x1, y1)), float)
    rb = np.asarray(b.crop((x0, y0, x1, y1)), float)
    return float(np.abs(ra - rb).mean()) < 8


# -- running ------------------------------------------------------------------------------------------

def run_alone(pack: Path, work: Path, names: list[str]) -> dict:
    from slidesan.api import check, clean
    from slidesan.options import Options

    options = Options(jobs=1)
    results = {}
    out_dir = work / "alone"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    for name in names:
        row = {}
        for mode in ("check", "clean"):
            try:
                if mode == "check":
                    report = check(pack / name, options)
                else:
                    report = clean(pack / name, out_dir / name, options)
                row[mode] = report.verdict
                problems = [f.get("problem") for f in report.files if f.get("problem")]
                if problems:
                    row[f"{mode}_problem"] = problems[0][:160]
                    row[mode] = "refused"
            except Exception as exc:  # noqa: BLE001
                from slidesan.errors import SlidesanError

                row[mode] = "refused" if isinstance(exc, SlidesanError) else "crash"
                row[f"{mode}_problem"] = (str(exc) if isinstance(exc, SlidesanError)
                                          else traceback.format_exc(limit=3))[:300]
        row["output"] = str(out_dir / name) if (out_dir / name).exists() else None
        results[name] = row
        print(f"  {name}: check {row['check']}, clean {row['clean']}", flush=True)
    return results


def run_pack(pack: Path, work: Path) -> dict:
    from slidesan.api import check, clean
    from slidesan.options import Options

    options = Options(jobs=1)
    out = work / "pack.clean"
    shutil.rmtree(out, ignore_errors=True)
    for p in work.glob("pack.clean.*"):
        p.unlink()
    rows = {}
    for mode in ("check", "clean"):
        report = check(pack, options) if mode == "check" else clean(pack, out, options)
        for f in report.files:
            row = rows.setdefault(f["path"], {})
            row[mode] = "refused" if f.get("problem") else f["verdict"]
            if f.get("problem"):
                row[f"{mode}_problem"] = f["problem"][:160]
            if mode == "clean" and f.get("output"):
                row["output"] = str(out / f["output"])
    return rows


def score(pack: Path, truth: dict, results: dict) -> dict:
    scored = {}
    for name, row in results.items():
        entry = truth[name]
        original = (pack / name).read_bytes()
        s = {"check": row.get("check"), "clean": row.get("clean")}
        viewer_opens = True
        try:
            Image.open(io.BytesIO(original)).load()
        except Exception:  # noqa: BLE001
            viewer_opens = False
        s["crash"] = any(row.get(m) == "crash" for m in ("check", "clean")) or (
            viewer_opens and any(row.get(m) == "refused" for m in ("check", "clean")))
        if entry["identifying"]:
            s["check_miss"] = row.get("check") == "publication"
            leak = []
            if row.get("clean") == "publication" and row.get("output") and Path(row["output"]).exists():
                data = Path(row["output"]).read_bytes()
                leak = in_bytes(data, entry) + in_pixels(data, entry, original)
            s["leak"] = leak
            output = row.get("output")
            s["kept"] = bool(output and Path(output).exists() and in_bytes(Path(output).read_bytes(), entry))
        else:
            s["over_strict"] = row.get("clean") != "publication"
            s["over_strict_check"] = row.get("check") != "publication"
        scored[name] = s
    return scored


def table(truth: dict, scored: dict, title: str) -> str:
    lines = [f"### {title}", "",
             "| container | place | check | clean | LEAK | CHECK-MISS | CRASH | twin clean/check | kept |",
             "|---|---|---|---|---|---|---|---|---|"]
    groups = defaultdict(list)
    for name in sorted(scored):
        groups[(truth[name]["container"], truth[name]["place"])].append(name)
    totals = defaultdict(int)
    for (container, place), names in groups.items():
        ident = [n for n in names if truth[n]["identifying"]]
        twins = [n for n in names if not truth[n]["identifying"]]
        leak = [n for n in ident if scored[n].get("leak")]
        miss = [n for n in ident if scored[n].get("check_miss")]
        crash = [n for n in names if scored[n].get("crash")]
        over = [n for n in twins if scored[n].get("over_strict")]
        over_check = [n for n in twins if scored[n].get("over_strict_check")]
        kept = [n for n in ident if scored[n].get("kept")]
        totals["kept"] += len(kept)
        totals["ident"] += len(ident)
        totals["twins"] += len(twins)
        totals["leak"] += len(leak)
        totals["miss"] += len(miss)
        totals["crash"] += len(crash)
        totals["over"] += len(over)
        totals["over_check"] += len(over_check)
        verdicts = lambda mode: "/".join(sorted({str(scored[n][mode]) for n in ident})) if ident else "-"  # noqa: E731
        detail = "; ".join(",".join(scored[n]["leak"]) for n in leak)
        lines.append(f"| {container} | {place} | {verdicts('check')} | {verdicts('clean')} | "
                     f"{len(leak)}{' (' + detail + ')' if detail else ''} | {len(miss)} | {len(crash)} | "
                     f"{len(over)}/{len(over_check)} | {len(kept)} |")
    lines += ["", f"identifying {totals['ident']}, twins {totals['twins']}: LEAK {totals['leak']}, "
                  f"CHECK-MISS {totals['miss']}, CRASH {totals['crash']}, OVER-STRICT clean {totals['over']} "
                  f"(check holds {totals['over_check']} twins); identifier bytes still in the written file whatever "
                  f"the verdict: {totals['kept']}", ""]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--only", default="", help="comma-separated case numbers, run alone only")
    ap.add_argument("--no-pack", action="store_true", help="run each file alone only")
    ap.add_argument("--score-only", action="store_true", help="score the rows and outputs of the last run again")
    ap.add_argument("--selftest", action="store_true", help="score the inputs as if written: every identifying "
                    "file must be found, no twin")
    args = ap.parse_args()
    pack = args.out / "pack"
    if not pack.exists():
        sys.path.insert(0, str(HERE))
        from gen import generate

        generate(args.out, args.seed)
    truth = json.loads((args.out / "truth.json").read_text())
    names = sorted(truth)
    if args.only:
        wanted = {f"{int(n):03d}" for n in args.only.split(",")}
        names = [n for n in names if n[:3] in wanted]
    if args.selftest:
        for name in names:
            data = (pack / name).read_bytes()
            found = in_bytes(data, truth[name]) + in_pixels(data, truth[name], None if truth[name]["hidden"] ==
                                                              "shown" else data)
            if truth[name]["hidden"] == "shown":
                found = ["shown"]
            if bool(found) != truth[name]["identifying"]:
                print("SELFTEST", name, found)
        return
    started = time.time()
    if args.score_only:
        runs = json.loads((args.out / "rows.json").read_text())
    else:
        runs = {"alone": run_alone(pack, args.out, names)}
        if not args.only and not args.no_pack:
            runs["pack"] = run_pack(pack, args.out)
        (args.out / "rows.json").write_text(json.dumps(runs, indent=1))
    text = table(truth, score(pack, truth, runs["alone"]), f"each file alone (seed {args.seed})")
    if "pack" in runs:
        text += "\n" + table(truth, score(pack, truth, runs["pack"]), f"the whole set as one pack (seed {args.seed})")
    text += f"\n{time.time() - started:.0f} s\n"
    print(text)
    (args.out / ("rescore.md" if args.score_only else "score.md")).write_text(text)


if __name__ == "__main__":
    main()
