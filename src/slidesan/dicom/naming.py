"""Should a file or folder in a pack be renamed? Names like SMITH_JOHN_19510302/ or 1.2.840...dcm
carry identity the header cleaning cannot reach; the pack layer asks here and renames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from slidesan.dicom.structured import GENERIC_WORDS
from slidesan.report.model import HIGH

_UID_LIKE = re.compile(r"\d+(?:\.\d+){4,}")
_LONG_DIGITS = re.compile(r"\d{6,}")


@dataclass
class NameVerdict:
    """identifying: rename it; reasons: what in the name gave it away; proposed: a neutral name."""

    identifying: bool
    proposed: str
    reasons: list[str] = field(default_factory=list)


def _header_values(ds: Dataset | None) -> dict[str, list[str]]:
    """Strings from the header (before cleaning) that must not appear in a name, by attribute."""
    found: dict[str, list[str]] = {}
    if ds is None:
        return found
    for keyword in ("PatientName", "PatientID", "OtherPatientIDs", "AccessionNumber", "PatientBirthDate",
                    "StudyDate", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "StudyID",
                    "ReferringPhysicianName", "InstitutionName"):
        value = ds.get(keyword)
        if value in (None, ""):
            continue
        parts = []
        for item in (value if isinstance(value, (list, tuple, MultiValue)) else [value]):
            pieces = re.split(r"[\^=\s,]+", str(item)) if keyword.endswith("Name") else [str(item).strip()]
            parts += [p.lower() for p in pieces if len(p) >= 3 and p.lower() not in GENERIC_WORDS]
        if parts:
            found[keyword] = parts
    return found


def _digits_of_dates(text: str) -> str:
    """'02.03.1951', '1951-03-02' -> digit runs joined so YYYYMMDD/DDMMYYYY forms compare."""
    return re.sub(r"[.\-_/ ]", "", text)


def safe_name(filename: str, ds_before: Dataset | None = None, *, index: int = 1,
              folder: bool = False, state=None) -> NameVerdict:
    """Judge one path component (a file or folder name) against its header and generic patterns.

    `ds_before` is the dataset as read, before de-identification (for a folder, any file in it).
    The proposed neutral name is IMG0001.dcm / DIR0001 (numbered from `state` when given).
    """
    name = PurePath(filename).name
    stem, ext = (name, "") if folder else (PurePath(name).stem, PurePath(name).suffix)
    lowered = stem.lower()
    words = set(re.split(r"[^a-z0-9]+", lowered))
    reasons = []
    for keyword, parts in _header_values(ds_before).items():
        for part in parts:
            hay = _digits_of_dates(lowered) if keyword.endswith("Date") else lowered
            if keyword.endswith("Name"):      # a short name part must be a whole word: "Ann" is not in "Annotations"
                found = part in words or (len(part) >= 5 and part in hay)
            else:
                found = part in hay
            if found or (keyword.endswith("Date") and len(part) == 8 and
                               (part[6:] + part[4:6] + part[:4]) in hay):
                reasons.append(f"{keyword} in the name")
                break
    if _UID_LIKE.search(stem):
        reasons.append("a UID in the name (original UIDs link back to the source)")
    elif _LONG_DIGITS.search(stem) and not reasons:
        reasons.append("a long number in the name (possible ID or date)")
    reasons += _engine_reasons(stem)
    stem_new = "DIR" if folder else "IMG"
    if state is not None:
        proposed = state.next_name("" if folder else (ext or ".dcm"), stem_new)
    else:
        proposed = f"{stem_new}{index:04d}{'' if folder else (ext or '.dcm')}"
    return NameVerdict(identifying=bool(reasons), proposed=proposed, reasons=sorted(set(reasons)))


# DICOM modality codes that open many file names ("MR_SIEMENS_T1", "CT-head"): a modality, never
# the title Mr before a name, so the identifier engine is not shown them.
MODALITY_CODES = ("MR", "CT", "US", "XA", "CR", "DX", "MG", "NM", "PT", "RF", "OT", "SC", "SR", "PR", "KO",
                  "IO", "PX", "ES", "XC", "OP", "SEG", "REG", "RTPLAN", "RTDOSE", "RTSTRUCT", "RTIMAGE", "DOC")
_LEADING_MODALITY = re.compile(r"^(?:" + "|".join(MODALITY_CODES) + r")(?=[\s_\-.]|$)[\s_\-.]*")


def name_as_text(stem: str) -> str:
    """A file or folder name as the identifier engine should read it: separators as spaces (but not
    the dots and dashes between digits: "DOB 14.03.1952" stays a date), an upper-case modality code
    at the start left out."""
    return re.sub(r"_+|(?<!\d)[\-.]+|[\-.]+(?!\d)", " ", _LEADING_MODALITY.sub("", stem)).strip()


@lru_cache(maxsize=2048)
def engine_matches(stem: str) -> tuple[tuple[str, str], ...]:
    """(category, severity) of what the identifier engine finds in a file or folder name; cached,
    because a pack's file names are judged by the worker and again by the folder checks."""
    try:
        from slidesan.dicom.kept_text import believed_names
        from slidesan.scan.identifiers import find_identifiers
        text = name_as_text(stem)
        found = [(m.category, m.severity) for m in find_identifiers(text, source="text")]
        # a name is no sentence: "McAllister J P" is read as a header value is, where the prose
        # rules let an unknown word at the start pass as a heading
        found += [(category, HIGH) for category in believed_names(text)]
        return tuple(dict.fromkeys(found))
    except Exception:  # noqa: BLE001 - engine absent or failing: header checks still apply
        return ()


def _engine_reasons(stem: str) -> list[str]:
    return [f"{category} found by the identifier scan" for category, _severity in engine_matches(stem)]
