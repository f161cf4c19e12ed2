"""Red team 19: run slidesan on the generated structured-content pack and classify every file.

    python benchmarks/redteam19/run.py OUT [--seed 19] [--slidesan slidesan] [--single id|all|none]

Generates OUT/pack (gen.py), then runs the real commands: `slidesan check OUT/pack` and
`slidesan clean OUT/pack -o OUT/clean` (the case pack), `slidesan check OUT/clean` (the re-check),
and per file `slidesan check FILE` and `slidesan clean FILE -o OUT/single/FILE` (by default for the
files that name the patient in header and content, one per case: each run starts slidesan afresh). Every output is
searched (search.py) for every needle of its input. Per file, identifying inputs:
LEAK (a needle in the output and the clean verdict or the re-check says `publication`),
CHECK-MISS (`check` says `publication`), CRASH (a traceback or exception text on stderr),
REFUSED (not written); clean twins: OVER-STRICT (clean verdict not `publication`), and for all
RECHECK-STRICT (a clean output without a needle, `publication`, that the re-check holds back),
UID-LEFT (the input's Study Instance UID in the output) and VR (the project's VR validator or
dcmdump objects to a value of the output). Prints one table and writes OUT/results.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen import generate  # noqa: E402
from search import found, read_deep, texts  # noqa: E402

EXCEPTION_TEXT = re.compile(r"Traceback|\b[A-Z]\w*(?:Error|Exception)\b(?!:? ?[a-z ]*not)")


def sh(command: list[str], keep_stdout: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, encoding="utf-8", errors="replace", check=False)


def report_verdicts(path: Path) -> dict[str, dict]:
    """File name -> its row of a pack report (verdict, output)."""
    if not path.exists():
        return {}
    return {Path(row["path"]).name: row for row in json.loads(path.read_text()).get("files", [])}


def vr_problems(path: Path) -> list[str]:
    """What the project's VR validator and dcmdump say is wrong with an output's values."""
    problems = []
    read = read_deep(path)
    if "error" in read:
        return [f"unreadable: {read['error']}"]
    from slidesan.dicom.vr_check import invalid_value
    for where, elem in read["elements"]:
        why = invalid_value(elem)
        if why:
            problems.append(f"{where}: {why}")
    dump = sh(["dcmdump", "-q", str(path)], keep_stdout=False) if _has_dcmdump() else None
    if dump is not None and (dump.returncode or dump.stderr.strip()):
        problems += [f"dcmdump: {line}" for line in dump.stderr.strip().splitlines()[:3]] or ["dcmdump failed"]
    return problems


def _has_dcmdump() -> bool:
    return sh(["sh", "-c", "command -v dcmdump"]).returncode == 0


def run_pack(out: Path, slidesan: str) -> dict:
    pack, clean = out / "pack", out / "clean"
    runs = {"check": sh([slidesan, "check", str(pack), "--report-json", str(out / "check.json"), "-j", "1"]),
            "clean": sh([slidesan, "clean", str(pack), "-o", str(clean), "-j", "1"])}
    runs["recheck"] = sh([slidesan, "check", str(clean), "--report-json", str(out / "recheck.json"), "-j", "1"])
    for name, result in runs.items():
        (out / f"{name}.stderr").write_text(result.stderr)
    return {"check": report_verdicts(out / "check.json"), "clean": report_verdicts(out / "clean.report.json"),
            "recheck": report_verdicts(out / "recheck.json"), "runs": runs}


def run_single(out: Path, name: str, slidesan: str) -> dict:
    source, target = out / "pack" / name, out / "single" / name
    target.parent.mkdir(exist_ok=True)
    check = sh([slidesan, "check", str(source), "--report-json", str(out / "single" / f"{name}.check.json")])
    clean = sh([slidesan, "clean", str(source), "-o", str(target)])
    verdict = {}
    for kind in ("check", "clean"):
        report = out / "single" / (f"{name}.check.json" if kind == "check" else f"{name[:-4]}.report.json")
        verdict[kind] = json.loads(report.read_text()).get("verdict") if report.exists() else None
    return {"check": verdict["check"], "clean": verdict["clean"], "check_rc": check.returncode,
            "clean_rc": clean.returncode, "stderr": check.stderr + clean.stderr, "output": target}


def classify(name: str, truth: dict, pack: dict, single: dict | None, out: Path) -> dict:
    ident, needles = truth["identifying"], dict(truth["needles"])
    uid = needles.pop("study-uid")
    checked, cleaned = pack["check"].get(name, {}), pack["clean"].get(name, {})
    row = {"case": truth["case"], "identifying": ident, "check": checked.get("verdict"),
           "clean": cleaned.get("verdict"), "labels": []}
    written = cleaned.get("output") and not str(cleaned.get("output")).startswith("NOT WRITTEN")
    outputs = [out / "clean" / cleaned["output"]] if written and (out / "clean" / cleaned["output"]).exists() else []
    row["recheck"] = pack["recheck"].get(cleaned.get("output", ""), {}).get("verdict") if outputs else None
    stderr = "".join(r.stderr for r in pack["runs"].values())
    if single:
        row.update({"single_check": single["check"], "single_clean": single["clean"]})
        stderr += single["stderr"]
        if single["output"].exists():
            outputs.append(single["output"])
    hits, vr = {}, []
    for path in outputs:
        pairs = list(texts(path))
        hits.update({f"{path.parent.name}:{k}": v for k, v in found(pairs, needles).items()})
        if found(pairs, {"uid": uid}):
            row["labels"].append("UID-LEFT")
        vr += vr_problems(path)
    row["hits"], row["vr"] = hits, vr
    lines = [line for line in stderr.splitlines() if name in line or "Traceback" in line]
    if any(EXCEPTION_TEXT.search(line) for line in lines) or "Traceback" in stderr:
        row["labels"].append("CRASH")
    if not written or (single and single["clean_rc"] == 2):
        row["labels"].append("REFUSED")
    verdicts = [row["clean"], row["recheck"]] + ([single["clean"]] if single else [])
    if ident:
        if hits and "publication" in verdicts:
            row["labels"].append("LEAK")
        if "publication" in (row["check"], single and single["check"]):
            row["labels"].append("CHECK-MISS")
    elif any(v not in ("publication", None) for v in verdicts) or hits:
        row["labels"].append("OVER-STRICT" if not hits else "TWIN-HIT")
    if written and not hits and row["clean"] == "publication" and row["recheck"] not in ("publication", None):
        row["labels"].append("RECHECK-STRICT")      # our own output, checked again, is held back
    if vr:
        row["labels"].append("VR")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--slidesan", default="slidesan")
    parser.add_argument("--single", choices=("id", "all", "none"), default="id",
                        help="which files also get their own check and clean runs")
    args = parser.parse_args()
    truth = generate(args.out, args.seed)
    pack = run_pack(args.out, args.slidesan)
    rows = {}
    for name in sorted(truth):
        wanted = args.single == "all" or (args.single == "id" and name.endswith("-id.dcm"))
        single = run_single(args.out, name, args.slidesan) if wanted else None
        rows[name] = classify(name, truth[name], pack, single, args.out)
        row = rows[name]
        print(f"{name:34} check={row['check'] or '-':13} clean={row['clean'] or '-':13} "
              f"recheck={row['recheck'] or '-':13} {' '.join(row['labels']) or 'ok'}"
              + (f"  hits={sorted(row['hits'])[:6]}" if row["hits"] else "") + (f"  vr={row['vr'][:2]}" if row["vr"] else ""))
    counts = Counter(label for row in rows.values() for label in row["labels"])
    ident = sum(r["identifying"] for r in rows.values())
    print(f"\nseed {args.seed}: {len(rows)} files ({ident} identifying, {len(rows) - ident} twins); "
          + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("LEAK", "CHECK-MISS", "CRASH", "REFUSED", "OVER-STRICT",
                                                           "TWIN-HIT", "RECHECK-STRICT", "UID-LEFT", "VR")))
    (args.out / "results.json").write_text(json.dumps(rows, indent=1, default=str, ensure_ascii=False))


if __name__ == "__main__":
    main()
