"""Red team 18: check and clean every file gen.py wrote, search every written byte, score by producer x place.

    python benchmarks/redteam18/run.py OUT [--seed 18] [--slidesan slidesan] [--score-only] [--only TEXT]

Each producer's folder is checked and cleaned as a pack (`slidesan check FOLDER --report-json ...`,
`slidesan clean FOLDER -o ...`, two folders at a time); a file the pack did not write is run again alone.
Scores, per producer and per place:
  LEAK        clean said `publication` and the written file still holds a key (the surname, hospital number
              or birth date in any zip member inflated, nested zips, XML entities decoded, PDF streams
              decompressed, PDF strings, page text, attachments, UTF-16; or the cropped band's magenta pixels)
  CHECK-MISS  check said `publication` on an identifying file
  CRASH       a traceback, a timeout, or exit 2 with more than one line of error
  REFUSED     exit 2 with a one-line error on a file its producer wrote (they all open elsewhere)
  OVER-STRICT a clean twin that clean did not bring to `publication` (the findings that held it are listed)
  kept        a key still in the written file whatever the verdict (shown, not a failure: visible text is
              reported, not removed, without --redact)
  no-key      an identifying file whose producer dropped every key (no docProps, Ghostscript without the
              structure tree...): searched in the input like an output, and not scored as identifying
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TIMEOUT = 600


def run_cli(slidesan: list[str], argv: list[str]) -> tuple[int, str]:
    try:
        done = subprocess.run([*slidesan, *argv], capture_output=True, text=True, timeout=TIMEOUT)
        return done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        return -9, "timeout"


def held(finding_list: list[dict]) -> list[str]:
    return [f"{f.get('category')}/{f.get('action')}/{f.get('severity')}: {(f.get('text') or '')[:40]!r} "
            f"{(f.get('message') or '')[:80]}" for f in finding_list
            if f.get("severity") in ("high", "review") or f.get("action") == "not-inspected"]


def run_folder(slidesan: list[str], out: Path, producer: str, rows: list[dict]) -> list[dict]:
    """Check and clean one producer's folder as a pack (one process, models loaded once); a file the pack
    did not write is run again alone through the CLI, whose exit code and stderr say whether it crashed."""
    folder = out / "files" / producer
    reports, cleaned = out / "reports", out / "clean"
    reports.mkdir(exist_ok=True)
    cleaned.mkdir(exist_ok=True)
    shutil.rmtree(cleaned / producer, ignore_errors=True)
    shutil.rmtree(out / "alone" / producer, ignore_errors=True)
    runs = {}
    for command, argv, report in (
            ("check", ["check", str(folder), "--report-json", str(reports / f"{producer}.check.json"), "-q",
                       "-j", "1"], reports / f"{producer}.check.json"),
            ("clean", ["clean", str(folder), "-o", str(cleaned / producer), "-q", "-j", "1"],
             cleaned / f"{producer}.report.json")):
        report.unlink(missing_ok=True)
        code, err = run_cli(slidesan, argv)
        data = json.loads(report.read_text()) if report.exists() else {"files": [], "findings": []}
        findings = defaultdict(list)
        for f in data.get("findings", []):
            findings[Path(f.get("file") or "").name].append(f)
        runs[command] = ({Path(e["path"]).name: e for e in data.get("files", [])}, findings, code, err)
    results = []
    for row in rows:
        name = Path(row["file"]).name
        result = dict(row, output=None)
        for command in ("check", "clean"):
            entries, findings, code, err = runs[command]
            entry = entries.get(name)
            run = dict(code=code, verdict=(entry or {}).get("verdict", "?"), err=[], traceback=False,
                       held=held(findings.get(name, []))[:6])
            if entry is None or (command == "clean" and not entry.get("output")):
                alone = out / "alone" / producer / name
                alone.parent.mkdir(parents=True, exist_ok=True)
                report = alone.with_name(alone.name + f".{command}.json")
                argv = ["check", str(folder / name), "--report-json", str(report), "-q"] if command == "check" \
                    else ["clean", str(folder / name), "-o", str(alone), "-q"]
                if command == "clean":
                    report = alone.with_name(alone.stem + ".report.json")
                code, err = run_cli(slidesan, argv)
                if report.exists():
                    data = json.loads(report.read_text())
                    run.update(verdict=data.get("verdict", "?"), held=held(data.get("findings", []))[:6])
                if command == "clean" and alone.exists():
                    result["output"] = str(alone.relative_to(out))
                run.update(code=code, err=err.strip().splitlines()[-3:],
                           traceback="Traceback (most recent call last)" in err)
            elif command == "clean":
                result["output"] = str((cleaned / producer / entry["output"]).relative_to(out))
            result[command] = run
        results.append(result)
    return results


# --- searching what was written ----------------------------------------------------------------------------

def zip_texts(data: bytes, depth: int = 0) -> list[bytes]:
    out = [data]
    if depth > 3:
        return out
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                out.append(info.filename.encode("utf-8", "replace"))
                try:
                    member = z.read(info)
                except Exception:  # noqa: BLE001 - a member we cannot inflate is searched raw above
                    continue
                out.extend(zip_texts(member, depth + 1))
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    out.append(html.unescape(member.decode("utf-8", "replace")).encode("utf-8"))
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    return out


def pdf_texts(path: Path) -> list[bytes]:
    import pikepdf
    import pypdfium2

    out = [path.read_bytes()]
    try:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    try:
                        out.extend(zip_texts(obj.read_bytes()))
                    except pikepdf.PdfError:
                        pass
                if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                    values = obj.values() if not isinstance(obj, pikepdf.Array) else list(obj)
                    out.extend(str(v).encode("utf-8") for v in values if isinstance(v, pikepdf.String))
                    if not isinstance(obj, pikepdf.Array):
                        out.extend(str(k).encode("utf-8") for k in obj.keys())
    except pikepdf.PdfError:
        pass
    try:
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            out.append(page.get_textpage().get_text_range().encode("utf-8"))
        document.close()
    except Exception:  # noqa: BLE001 - PDFium cannot read it: the raw searches above stand
        pass
    return out


def decoded(blobs: list[bytes]) -> str:
    parts = []
    for blob in blobs:
        parts.append(blob.decode("latin-1"))
        for codec in ("utf-16-le", "utf-16-be"):
            parts.append(blob.decode(codec, "ignore"))
            parts.append(blob[1:].decode(codec, "ignore"))
    return "\n".join(parts).lower()


def band_pixels(blobs: list[bytes]) -> int:
    """The most magenta pixels any picture of the output holds (the cropped band's background)."""
    import numpy as np
    from PIL import Image

    best = 0
    for blob in blobs:
        if not blob[:8].startswith((b"\x89PNG", b"\xff\xd8", b"GIF8", b"BM")):
            continue
        try:
            img = np.asarray(Image.open(io.BytesIO(blob)).convert("RGB")).astype(int)
        except Exception:  # noqa: BLE001 - not a picture PIL reads
            continue
        r, g, b = img[..., 0], img[..., 1], img[..., 2]
        best = max(best, int(((r > 200) & (g < 70) & (b > 200)).sum()))
    return best


def pdf_band_pixels(path: Path) -> int:
    import numpy as np
    import pikepdf

    best = 0
    try:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                    try:
                        img = np.asarray(pikepdf.PdfImage(obj).as_pil_image().convert("RGB")).astype(int)
                    except Exception:  # noqa: BLE001 - a picture pikepdf cannot decode
                        continue
                    r, g, b = img[..., 0], img[..., 1], img[..., 2]
                    best = max(best, int(((r > 200) & (g < 70) & (b > 200)).sum()))
    except pikepdf.PdfError:
        pass
    return best


def kept_keys(out: Path, row: dict, path: Path | None = None) -> list[str]:
    """The keys (and the band) the file at `path` (default: the written output) still holds."""
    if row["twin"]:
        return []
    if path is None:
        if not row.get("output"):
            return []
        path = out / row["output"]
    blobs = pdf_texts(path) if row["kind"] == "pdf" else zip_texts(path.read_bytes())
    text = decoded(blobs)
    kept = [key for key in row["keys"] if key.lower() in text]
    if row["band"]:
        pixels = pdf_band_pixels(path) if row["kind"] == "pdf" else band_pixels(blobs)
        if pixels > 400:
            kept.append(f"band:{pixels}px")
    return kept


# --- scoring -----------------------------------------------------------------------------------------------

def score(results: list[dict]) -> tuple[dict, list[str]]:
    table = defaultdict(Counter)
    lines = []
    for r in results:
        check, clean = r["check"], r["clean"]
        where = f"{r['producer']:16s} {r['place']:17s} {Path(r['file']).name}"
        labels = []
        for name, run in (("check", check), ("clean", clean)):
            if run["traceback"] or run["code"] == -9 or (run["code"] == 2 and len(run["err"]) != 1):
                labels.append(f"CRASH({name} exit {run['code']}: {' | '.join(run['err'])[:160]})")
            elif run["code"] == 2:
                labels.append(f"REFUSED({name}: {run['err'][0][:160]})")
        if not r["twin"] and not r.get("held_in_input"):
            table[r["producer"]]["no-key"] += 1
        elif not r["twin"]:
            if clean["verdict"] == "publication" and r["kept"]:
                labels.append(f"LEAK(kept {r['kept']})")
            if check["verdict"] == "publication":
                labels.append("CHECK-MISS")
        elif clean["verdict"] != "publication" and clean["code"] != 2:
            labels.append(f"OVER-STRICT(clean {clean['verdict']}: {'; '.join(clean['held'][:3])[:300]})")
        for label in labels:
            kind = label.split("(")[0]
            table[r["producer"]][kind] += 1
            table["place:" + r["place"]][kind] += 1
            lines.append(f"{kind:11s} {where}  {label[len(kind):]}")
        table[r["producer"]]["files"] += 1
        table["place:" + r["place"]]["files"] += 1
        if r["kept"]:
            table[r["producer"]]["kept"] += 1
    return table, lines


def print_table(table: dict) -> None:
    kinds = ["files", "LEAK", "CHECK-MISS", "CRASH", "REFUSED", "OVER-STRICT", "kept", "no-key"]
    print(f"{'':26s}" + "".join(f"{k:>12s}" for k in kinds))
    for key in sorted(table, key=lambda k: (k.startswith("place:"), k)):
        print(f"{key:26s}" + "".join(f"{table[key][k]:12d}" for k in kinds))
    total = Counter()
    for key, counts in table.items():
        if not key.startswith("place:"):
            total.update(counts)
    print(f"{'TOTAL':26s}" + "".join(f"{total[k]:12d}" for k in kinds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--slidesan", default="slidesan")
    parser.add_argument("--score-only", action="store_true")
    parser.add_argument("--only", default="", help="run only files whose path contains this text (or one of these, comma-separated)")
    parser.add_argument("-j", type=int, default=2)
    args = parser.parse_args()
    if not args.score_only:
        import gen

        if not (args.out / "truth.json").exists():
            gen.generate(args.out, args.seed)
        rows = json.loads((args.out / "truth.json").read_text())["files"]
        rows = [r for r in rows if any(part in r["file"] for part in args.only.split(","))]
        by_producer = defaultdict(list)
        for row in rows:
            by_producer[row["producer"]].append(row)
        with ThreadPoolExecutor(args.j) as pool:
            batches = pool.map(lambda p: run_folder(shlex.split(args.slidesan), args.out, p, by_producer[p]),
                               sorted(by_producer))
            results = [r for batch in batches for r in batch]
        for r in results:
            r["kept"] = kept_keys(args.out, r)
            r["held_in_input"] = kept_keys(args.out, r, args.out / r["file"])
        (args.out / f"results{'-' + re.sub(r'[^a-z0-9]+', '_', args.only) if args.only else ''}.json").write_text(
            json.dumps(results, indent=1))
    else:
        results = json.loads((args.out / "results.json").read_text())
        for r in results:
            if "held_in_input" not in r:
                r["held_in_input"] = kept_keys(args.out, r, args.out / r["file"])
    table, lines = score(results)
    for line in lines:
        print(line)
    print_table(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
