"""Decide, before any work goes parallel, what each entry is and where its output goes.

Pseudonyms and renames must be the same whichever worker handles a file, so the parent process
surveys every DICOM header once (patient name, IDs, birth date), registers each patient in the
pack-wide state, and renames every file or folder whose name holds those words or anything the
identifier engine calls a direct identifier ("SMITH_JOHN.dcm", "Smith John 1961/").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from slidesan.pack import dicom_file
from slidesan.pack.kinds import DECK, DECK_SUFFIXES, DICOM, HEAD_BYTES, ZIP, sniff
from slidesan.pack.walk import Entry
from slidesan.report.model import DIRECT_CATEGORIES, HIGH

HEADER_SURVEY_BYTES = 64 * 1024


@dataclass
class Planned:
    entry: Entry
    kind: str
    out_rel: str
    renamed: list[tuple[str, str, str]] = field(default_factory=list)   # (what, old, new)


def plan(entries: list[Entry], state) -> tuple[list[Planned], list[tuple[str, str]], dict[str, str]]:
    """(planned entries, [(rel, problem)] for entries that cannot be opened, {folder: new name})."""
    kinds: dict[str, str] = {}
    surveys: dict[str, dicom_file.Survey] = {}
    problems: list[tuple[str, str]] = []
    readable = []
    for entry in entries:
        try:
            head = entry.read(HEAD_BYTES)
        except (OSError, ValueError, EOFError, RuntimeError) as exc:
            problems.append((entry.rel, f"cannot be read ({exc})"))
            continue
        kinds[entry.rel] = sniff(head, entry.rel, whole=entry.source if isinstance(entry.source, str) else None)
        if kinds[entry.rel] == ZIP and entry.rel.lower().endswith(DECK_SUFFIXES):
            kinds[entry.rel] = DECK
        readable.append(entry)
        if kinds[entry.rel] == DICOM:
            found = dicom_file.survey(entry.read(HEADER_SURVEY_BYTES))
            if found is not None:
                surveys[entry.rel] = found
    pseudonyms = {rel: dicom_file.register(state, s) for rel, s in surveys.items()}
    pseudonyms = {rel: p for rel, p in pseudonyms.items() if p}
    dicom_file.freeze(state)
    by_rel = {entry.rel: entry for entry in readable}
    dicom_file.note_series_findings(state, dicom_file.face_risk(surveys, lambda rel: by_rel[rel].read()))
    pack_terms = frozenset().union(*(s.terms for s in surveys.values())) if surveys else frozenset()

    def folder_identifies(folder: str, name: str) -> bool:
        if name_holds_identifiers(name, pack_terms):
            return True
        below = {(s.patient_id, s.patient_name, s.study_uid): s for rel, s in surveys.items()
                 if rel.startswith(folder + "/")}
        return any(dicom_file.name_reasons(name, s, folder=True) for s in list(below.values())[:20])

    folder_names = rename_folders([e.rel for e in readable], pseudonyms, folder_identifies)
    used: set[str] = set()
    counters: dict[str, int] = {}
    planned = []
    for entry in readable:
        kind = kinds[entry.rel]
        parts = entry.rel.split("/")
        folder = "/".join(folder_names.get("/".join(parts[: i + 1]), parts[i]) for i in range(len(parts) - 1))
        name = parts[-1]
        stem, suffix = split_name(name)
        if kind == DECK:
            suffix = ".pptx"            # the deck cleaner always writes a macro-free .pptx
        item = Planned(entry, kind, "")
        if name_holds_identifiers(stem, pack_terms) or (
                kind == DICOM and dicom_file.name_reasons(name, surveys.get(entry.rel))):
            base = pseudonyms.get(entry.rel) or "file"
            counters[folder + base] = counters.get(folder + base, 0) + 1
            new_stem = f"{base}-{counters[folder + base]:04d}"
            item.renamed.append(("file name", name, new_stem + suffix))
            stem = new_stem
        out_rel = f"{folder}/{stem}{suffix}" if folder else f"{stem}{suffix}"
        out_rel = unique(out_rel, used)
        item.out_rel = out_rel
        planned.append(item)
    return planned, problems, folder_names


def split_name(name: str) -> tuple[str, str]:
    suffix = PurePosixPath(name).suffix
    if not re.fullmatch(r"\.[A-Za-z0-9]{1,6}", suffix or "."):
        return name, ""
    return name[: -len(suffix)], suffix


def unique(rel: str, used: set[str]) -> str:
    candidate, n = rel, 1
    stem, suffix = split_name(rel)
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate.lower())
    return candidate


def rename_folders(rels: list[str], pseudonyms: dict[str, str], identifies) -> dict[str, str]:
    """{original folder path: new last component} for folders whose name holds identifiers.

    The new name is the patient's pseudonym when every DICOM below it belongs to one patient,
    else folder-NN; names never collide with a sibling.
    """
    folders = sorted({"/".join(r.split("/")[:i]) for r in rels for i in range(1, r.count("/") + 1)})
    out: dict[str, str] = {}
    taken: dict[str, set[str]] = {}
    for folder in folders:
        parent, _, name = folder.rpartition("/")
        siblings = taken.setdefault(parent, {f.rpartition("/")[2].lower() for f in folders
                                             if f.rpartition("/")[0] == parent})
        if not identifies(folder, name):
            continue
        patients = {p for rel, p in pseudonyms.items() if rel.startswith(folder + "/")}
        base = patients.pop() if len(patients) == 1 else "folder"
        new, n = base, 1
        while new.lower() in siblings:
            n += 1
            new = f"{base}-{n:02d}"
        siblings.add(new.lower())
        out[folder] = new
    return out


def name_holds_identifiers(name: str, terms: frozenset[str]) -> bool:
    """True when a file or folder name contains a word from a DICOM header in the pack (patient
    name, IDs, birth date or year) or a direct identifier the identifier engine recognises."""
    words = [w.lower() for w in re.split(r"[^A-Za-z0-9]+", name) if w]
    if any(w in terms for w in words):
        return True
    if re.search(r"\d{2}[.]\d{2}[.]\d{4}", name) and any(t in name for t in terms):
        return True
    from slidesan.scan.identifiers import find_identifiers

    text = " ".join(re.split(r"[_\-.]+", name))
    return any(m.category in DIRECT_CATEGORIES | {"date-of-birth"} and m.severity == HIGH
               for m in find_identifiers(text, source="text"))
