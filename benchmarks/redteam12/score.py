"""Score `slidesan check FOLDER --report-json R` against truth.json (gen.py).

LEAK: a picture holding an identifier (pixels or metadata) whose verdict is `publication`.
Recall: an identifier counts as flagged when one of its words (3+ letters or digits) appears in a
high or review finding's text for that picture. False high: a clean picture with a high finding.

    python score.py truth.json report.json
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path


def norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def words(s: str) -> list[str]:
    return [w for w in (norm(t) for t in re.split(r"[\s,^/.:\-()']+", s)) if len(w) >= 3]


def findings_by_file(report: dict, report_path: Path) -> dict[str, list[dict]]:
    found = list(report["findings"])
    details = report.get("details")
    if not report.get("findings_complete", True) and details and Path(details).exists():
        found = [json.loads(line) for line in Path(details).read_text().splitlines() if line.strip()]
    out: dict[str, list[dict]] = {}
    for f in found:
        out.setdefault(Path(f.get("file") or "").name, []).append(f)
    return out


def flagged(ident: str, texts: list[str]) -> bool:
    joined = " ".join(norm(t) for t in texts)
    return any(w in joined for w in words(ident)) or (norm(ident) and norm(ident) in joined)


def main() -> None:
    truth = json.loads(Path(sys.argv[1]).read_text())
    report_path = Path(sys.argv[2])
    report = json.loads(report_path.read_text())
    rows = {Path(r.get("path") or r.get("file") or r.get("rel") or "").name: r for r in report["files"]}
    by_file = findings_by_file(report, report_path)
    leaks, false_high, verdicts = [], [], Counter()
    recall = Counter()
    recall_total = Counter()
    for t in truth:
        row = rows.get(t["file"], {})
        verdict = row.get("verdict", "?")
        verdicts[verdict] += 1
        fs = [f for f in by_file.get(t["file"], []) if f.get("severity") in ("high", "review")]
        texts = [f.get("text") or "" for f in fs] + [f.get("message") or "" for f in fs if not f.get("text")]
        idents = t["pixel_ids"] + t["meta_ids"]
        if idents and verdict == "publication":
            leaks.append((t["file"], [i["text"] for i in idents]))
        if t["clean"] and any(f.get("severity") == "high" for f in fs):
            false_high.append((t["file"], [f.get("text") for f in fs if f.get("severity") == "high"]))
        for i in idents:
            kind = "meta" if i["kind"].startswith("meta") else i["kind"]
            recall_total[kind] += 1
            recall[kind] += flagged(i["text"], [f.get("text") or "" for f in fs])
    n_id = sum(1 for t in truth if t["pixel_ids"] or t["meta_ids"])
    print(f"pictures {len(truth)}  with identifiers {n_id}  clean {sum(t['clean'] for t in truth)}")
    print("verdicts", dict(verdicts))
    print(f"LEAKS {len(leaks)}")
    for f, ids in leaks:
        print("  leak", f, ids)
    print(f"false highs {len(false_high)}")
    for f, texts in false_high:
        print("  false high", f, texts)
    tot = sum(recall_total.values())
    print(f"recall {sum(recall.values())}/{tot}  " + "  ".join(f"{k} {recall[k]}/{recall_total[k]}"
                                                          for k in sorted(recall_total)))
    missing = [t["file"] for t in truth if t["file"] not in rows]
    if missing:
        print("no row for", missing)


if __name__ == "__main__":
    main()
