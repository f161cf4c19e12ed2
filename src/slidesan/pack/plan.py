"""Decide what each entry is and where its output goes.

Renames must hold across the whole pack: every file or folder whose name holds a word of any DICOM
header in the pack (patient name, IDs, birth date) or anything the identifier engine calls a direct
identifier ("SMITH_JOHN.dcm", "Smith John 1961/") is renamed. At limited access the parent surveys
every header before work goes parallel (pseudonyms are written into the files); at publication the
workers return the survey with their outcome and finish.py renames inside the stage afterwards,
so each header is parsed once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from slidesan.pack import dicom_file
from slidesan.pack.kinds import DECK, DECK_SUFFIXES, DICOM, HEAD_BYTES, PDF, ZIP, sniff
from slidesan.pack.walk import Entry
from slidesan.report.model import DIRECT_CATEGORIES, HIGH

HEADER_SURVEY_BYTES = 64 * 1024


@dataclass
class Planned:
    entry: Entry
    kind: str
    out_rel: str
    renamed: list[tuple[str, str, str]] = field(default_factory=list)   # (what, old, new)


def plan(entries: list[Entry], state, survey_first: bool = True
         ) -> tuple[list[Planned], list[tuple[str, str]], dict[str, str]]:
    """(planned entries, [(rel, problem)] for entries that cannot be opened, {folder: new name}).

    `survey_first`: read every DICOM header now (limited access needs the patients numbered before
    the workers write pseudonyms). Without it (publication) nothing is parsed twice: outputs get
    provisional names, the workers return each header's survey with their outcome, and
    finish.finish_pack decides renames and face risk from those (the stage is renamed into place
    only after that)."""
    readable, kinds, problems = _sniff_all(entries)
    if not survey_first:
        dicom_file.freeze(state)
        names = provisional_names([(e.rel, kinds[e.rel]) for e in readable])
        return [Planned(e, kinds[e.rel], names[e.rel]) for e in readable], problems, {}
    surveys: dict[str, dicom_file.Survey] = {}
    for entry in readable:
        if kinds[entry.rel] == DICOM:
            found = dicom_file.survey(entry.read(HEADER_SURVEY_BYTES))
            if found is not None:
                surveys[entry.rel] = found
    pseudonyms = register_all(state, surveys)
    dicom_file.freeze(state)
    by_rel = {entry.rel: entry for entry in readable}
    dicom_file.note_series_findings(state, dicom_file.face_risk(surveys, lambda rel: by_rel[rel].read()))
    names, folder_names = decide_names([(e.rel, kinds[e.rel], None) for e in readable], surveys, pseudonyms)
    planned = [Planned(e, kinds[e.rel], *names[e.rel]) for e in readable]
    return planned, problems, folder_names


def _sniff_all(entries: list[Entry]):
    kinds: dict[str, str] = {}
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
    return readable, kinds, problems


def register_all(state, surveys: dict) -> dict[str, str]:
    """Number patients and studies in path order; {rel: the patient's pseudonym}."""
    pseudonyms = {rel: dicom_file.register(state, surveys[rel]) for rel in sorted(surveys)}
    return {rel: p for rel, p in pseudonyms.items() if p}


def provisional_names(items: list[tuple[str, str]]) -> dict[str, str]:
    """The path each output is written to before the renames are known (decks become .pptx)."""
    used: set[str] = set()
    out = {}
    for rel, kind in items:
        stem, suffix = split_name(rel)
        out[rel] = unique(stem + (".pptx" if kind == DECK else suffix), used)
    return out


def name_flags(rel: str, kind: str, survey) -> tuple[bool, bool]:
    """What a file's own name gives away without the rest of the pack: (the identifier engine calls
    something in it a direct identifier, its own header's values or a UID are in it). Workers
    compute this for their file; decide_names adds the words of every other header."""
    name = rel.rsplit("/", 1)[-1]
    stem = split_name(name)[0]
    return (engine_flags(stem), bool(kind == DICOM and dicom_file.name_reasons(name, survey)))


def decide_names(items: list[tuple[str, str, str | None]], surveys: dict, pseudonyms: dict[str, str],
                 flags: dict[str, tuple[bool, bool]] | None = None):
    """({rel: (out_rel, [(what, old, new)])}, {folder: new name}) for files (rel, kind, the path
    already written or None) given every DICOM header's survey: a name holding a word of any header
    in the pack, or what the identifier engine calls a direct identifier, is replaced by the
    patient's pseudonym (file-NNNN when unknown). `flags`: name_flags already computed per file."""
    flags = flags or {}
    pack_terms = frozenset().union(*(s.terms for s in surveys.values())) if surveys else frozenset()

    def folder_identifies(folder: str, name: str) -> bool:
        if name_holds_identifiers(name, pack_terms):
            return True
        below = {(s.patient_id, s.patient_name, s.study_uid): s for rel, s in surveys.items()
                 if rel.startswith(folder + "/")}
        return any(dicom_file.name_reasons(name, s, folder=True) for s in list(below.values())[:20])

    folder_names = rename_folders([rel for rel, _, _ in items], pseudonyms, folder_identifies)
    used: set[str] = set()
    counters: dict[str, int] = {}
    names = {}
    for rel, kind, written in items:
        parts = rel.split("/")
        folder = "/".join(folder_names.get("/".join(parts[: i + 1]), parts[i]) for i in range(len(parts) - 1))
        name = parts[-1]
        stem, suffix = split_name(name)
        if written:
            suffix = split_name(written)[1]      # the cleaner may have changed it (.pptm -> .pptx, TIFF -> PNG)
        elif kind == DECK:
            suffix = ".pptx"            # the deck cleaner always writes a macro-free .pptx
        elif kind == PDF:
            suffix = ".pdf"
        renamed = []
        engine, own = flags.get(rel) or name_flags(rel, kind, surveys.get(rel))
        if engine or own or holds_terms(stem, pack_terms):
            base = pseudonyms.get(rel) or "file"
            counters[folder + base] = counters.get(folder + base, 0) + 1
            new_stem = f"{base}-{counters[folder + base]:04d}"
            renamed.append(("file name", name, new_stem + suffix))
            stem = new_stem
        out_rel = f"{folder}/{stem}{suffix}" if folder else f"{stem}{suffix}"
        names[rel] = (unique(out_rel, used), renamed)
    return names, folder_names


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
    return holds_terms(name, terms) or engine_flags(name)


def holds_terms(name: str, terms: frozenset[str]) -> bool:
    """A word of a header in the pack (or a dd.mm.yyyy date holding one) in the name."""
    words = [w.lower() for w in re.split(r"[^A-Za-z0-9]+", name) if w]
    if any(w in terms for w in words):
        return True
    return bool(re.search(r"\d{2}[.]\d{2}[.]\d{4}", name)) and any(t in name for t in terms)


# Indirect identifiers that name this patient's care, renamed like direct ones: a file name is never
# needed to teach, and a consultant's or hospital's name left in one stops the pack short of publication.
RENAMED_INDIRECT = frozenset({"date-of-birth", "clinician", "institution"})


def engine_flags(name: str) -> bool:
    """The identifier engine calls something in the name a direct identifier, a birth date, a
    clinician or an institution."""
    return any(category in DIRECT_CATEGORIES | RENAMED_INDIRECT and severity == HIGH
               for category, severity in dicom_file.engine_matches(name))


def name_category(what: str, name: str) -> str:
    """The category of a rename finding: "file-name"/"folder-name" (direct: the verdict counts them
    as a patient) unless the identifier engine found only indirect identifiers in the name (a
    consultant, a hospital, a birth date), whose own category then says so."""
    stem = name if what.startswith("folder") else split_name(name)[0]
    found = {category for category, severity in dicom_file.engine_matches(stem) if severity == HIGH}
    if found and found <= RENAMED_INDIRECT:
        return sorted(found)[0]
    return what.replace(" ", "-")
