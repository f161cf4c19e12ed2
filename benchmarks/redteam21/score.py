"""Scoring of red team 21's reports, per picture and per identifier.

An identifier counts as found by a finding of its own picture when the finding's box covers at least a third of
the identifier's box, or when at least half of the identifier's words (three or more letters or digits) are
words of the finding's text. Found by a high finding = high; else by a review or not-inspected one = review;
else missed. LEAK = an identifying picture whose verdict is `publication`. On the clean twins: false high = a
high finding; over-strict = any verdict but `publication`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

KINDS = ["name", "id", "dob", "date", "institution", "accession", "referrer"]


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", (text or "").upper()) if len(w) >= 3}


def overlap(a, b) -> float:
    """Share of box a that box b covers."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = max(1, (a[2] - a[0]) * (a[3] - a[1]))
    return max(0, w) * max(0, h) / area


def findings_of(report: dict) -> dict[str, list[dict]]:
    found = list(report["findings"])
    details = report.get("details")
    if not report.get("findings_complete", True) and details and Path(details).exists():
        found = [json.loads(line) for line in Path(details).read_text().splitlines() if line.strip()]
    by_file: dict[str, list[dict]] = defaultdict(list)
    for f in found:
        if f.get("action") in ("removed", "replaced"):
            continue
        by_file[Path(f.get("file") or "").name].append(f)
    return by_file


def level(ident: dict, found: list[dict]) -> str:
    want = words(ident["text"])
    best = "missed"
    for f in found:
        hit = bool(f.get("box")) and overlap(ident["box"], f["box"]) >= 0.33
        if not hit and want:
            hit = len(want & words(f.get("text") or "")) >= max(1, len(want) / 2)
        if not hit:
            continue
        if f.get("severity") == "high":
            return "high"
        if f.get("severity") == "review" or f.get("action") == "not-inspected":
            best = "review"
    return best


def short(f: dict) -> str:
    return f"{f.get('category')}/{f.get('severity')}:{(f.get('text') or f.get('message') or '')[:50]}"


def print_folder(truth: list[dict], report: dict) -> dict:
    rows = {Path(r["path"]).name: r for r in report["files"]}
    by_file = findings_of(report)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    leaks, missed, false_high, strict, verdicts = [], [], [], [], Counter()
    for t in truth:
        verdict = rows.get(t["file"], {}).get("verdict", "missing")
        found = by_file.get(t["file"], [])
        verdicts[("twin " if t["twin"] else "id ") + verdict] += 1
        if t["twin"]:
            highs = [short(f) for f in found if f.get("severity") == "high"]
            if highs:
                false_high.append((t["file"], highs))
            if verdict != "publication":
                strict.append((t["file"], verdict, [short(f) for f in found if f.get("severity") != "info"][:4]))
            continue
        for ident in t["ids"]:
            lv = level(ident, found)
            by_kind[ident["kind"]][lv] += 1
            if lv == "missed":
                missed.append((t["file"], ident["kind"], ident["text"], t["layout"], t["fate"], t["size"], t["font"]))
        if verdict == "publication":
            leaks.append((t["file"], t["layout"], t["fate"], [i["text"] for i in t["ids"]],
                          [short(f) for f in found][:6]))
    n_id = sum(not t["twin"] for t in truth)
    print(f"verdicts: {dict(sorted(verdicts.items()))}")
    print(f"LEAK {len(leaks)} of {n_id} identifying pictures")
    for leak in leaks:
        print("  LEAK", *leak)
    total = Counter()
    print(f"{'kind':12} {'high':>5} {'review':>6} {'missed':>6}")
    for kind in KINDS + sorted(set(by_kind) - set(KINDS)):
        c = by_kind.get(kind)
        if c:
            total.update(c)
            print(f"{kind:12} {c['high']:5} {c['review']:6} {c['missed']:6}")
    n = sum(total.values())
    print(f"{'all':12} {total['high']:5} {total['review']:6} {total['missed']:6}   recall high "
          f"{total['high'] / max(n, 1):.3f}, high+review {(total['high'] + total['review']) / max(n, 1):.3f}")
    for m in missed:
        print("  missed", *m)
    n_twin = len(truth) - n_id
    print(f"twins: false high {len(false_high)} of {n_twin}; over-strict (not publication) {len(strict)} of {n_twin}")
    for f, highs in false_high:
        print("  FALSE HIGH", f, highs)
    for f, verdict, why in strict:
        print("  strict", f, verdict, why)
    return {"leaks": len(leaks), "high": total["high"], "review": total["review"], "missed": total["missed"],
            "false_high": len(false_high), "strict": len(strict)}


def print_clean(sample: list[dict], report: dict) -> None:
    rows = {Path(r["path"]).name: r.get("verdict") for r in report["files"]}
    ids = [t["file"] for t in sample if not t["twin"]]
    leaks = [f for f in ids if rows.get(f) == "publication"]
    twins_pub = sum(rows.get(t["file"]) == "publication" for t in sample if t["twin"])
    print(f"clean of {len(sample)} loose pictures: identifying at publication (LEAK) {len(leaks)} of {len(ids)} "
          f"{leaks or ''}; twins at publication {twins_pub} of {len(sample) - len(ids)}")
