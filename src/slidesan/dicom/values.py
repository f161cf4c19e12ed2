"""Replacement values: dummies per VR, date shifting, and the clean-descriptor test.

Kept apart from the walker so each rule is small enough to read and test on its own.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import re
from functools import lru_cache

from pydicom.multival import MultiValue

# D: "a non-zero length value that may be a dummy value and consistent with the VR".
DUMMY_BY_VR = {
    "PN": "ANONYMOUS", "LO": "ANONYMOUS", "SH": "ANONYMOUS", "LT": "ANONYMOUS", "ST": "ANONYMOUS",
    "UT": "ANONYMOUS", "UC": "ANONYMOUS", "CS": "ANONYMOUS", "AE": "ANONYMOUS", "UR": "ANONYMOUS",
    "DA": "19000101", "TM": "000000", "DT": "19000101000000", "AS": "000D",
    "IS": "0", "DS": "0", "US": 0, "SS": 0, "UL": 0, "SL": 0, "UV": 0, "SV": 0, "FL": 0.0, "FD": 0.0,
    "OB": b"\0\0", "OW": b"\0\0", "OD": b"\0" * 8, "OF": b"\0" * 4, "OL": b"\0" * 4, "OV": b"\0" * 8,
    "UN": b"\0\0", "AT": 0,
}


def dummy_for(vr: str):
    """The fixed dummy of a VR that needs no context (never used for UI or PN: see replacement_for)."""
    return DUMMY_BY_VR.get(vr, "ANONYMOUS")


def replacement_for(vr: str, value, state, shift_days: int | None = None):
    """D's "dummy consistent with the VR", with the pack's context where the VR needs it: a UI gets
    the UID the pack key derives from the original (never text), a PN a keyed pseudonym, a DA/DT
    the shifted date when dates are kept shifted (the dummy date otherwise)."""
    values = list(value) if isinstance(value, (list, tuple, MultiValue)) else [value]
    if vr == "UI":
        new = [state.new_uid(str(v)) for v in values if str(v or "").strip()]
        return (new if len(new) > 1 else new[0]) if new else state.new_uid("slidesan:dummy-uid")
    if vr == "PN":
        new = [str(v).strip() if state.is_pseudonym(v) else state.person_pseudonym(str(v))
               for v in values if str(v or "").strip()]
        return (new if len(new) > 1 else new[0]) if new else "ANONYMOUS"
    if vr in ("DA", "DT") and shift_days is not None:
        shifted = shift_value(value, vr, shift_days)
        if shifted not in (None, ""):
            return shifted
    return dummy_for(vr)


def _shift_da(text: str, days: int) -> str | None:
    text = text.strip()
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        day = _dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        return (day + _dt.timedelta(days=days)).strftime("%Y%m%d")
    except (ValueError, OverflowError):
        return None


def _shift_one(text: str, vr: str, days: int) -> str | None:
    """One value shifted by whole days; times of day are kept. None if it cannot be shifted safely."""
    if vr == "TM":
        return text
    if vr == "DA":
        if "-" in text:   # a range query value
            parts = [_shift_da(p, days) if p else "" for p in text.split("-")]
            return None if any(p is None for p in parts) else "-".join(parts)
        return _shift_da(text, days)
    if vr == "DT":
        head = _shift_da(text[:8], days) if len(text) >= 8 else None
        return None if head is None else head + text[8:]
    return None


def shift_value(value, vr: str, days: int):
    """Shift a DA/DT (single or multi-valued) by `days`; None when any part does not parse."""
    if value is None or value == "":
        return value
    items = list(value) if isinstance(value, (list, tuple, MultiValue)) else [value]
    out = []
    for item in items:
        shifted = _shift_one(str(item), vr, days)
        if shifted is None:
            return None
        out.append(shifted)
    return out if len(out) > 1 else out[0]


# Words a free-text descriptor may consist of and still be kept. Numbers with units are allowed;
# anything else (a name, "55F", a hospital) makes the whole descriptor go.
IMAGING_VOCABULARY = frozenset("""
ct mr mri us pet spect nm xr cr dx mg rf xa ot sc pt cta mra mrv ctpa hrct cbct dect dwi adc swi flair
stir t1 t2 t2w t1w pd pdw gre tse fse se ir epi dti bold perfusion mprage space vibe haste trufisp fiesta
head neck brain skull face orbit orbits sinus sinuses iam pituitary spine cervical thoracic lumbar sacrum
chest thorax lung lungs cardiac heart coronary aorta abdomen abdo pelvis liver pancreas kidney kidneys
renal adrenal bladder prostate uterus ovary bowel colon rectum breast shoulder elbow wrist hand hip knee
ankle foot leg arm femur tibia humerus whole body wb extremity joint vascular venous arterial portal
axial ax sagittal sag coronal cor oblique obl transverse tra mpr mip minip vr 3d 2d recon reformat
reformats thin thick slice slices bone soft tissue lung window std standard sharp smooth kernel filter
contrast non noncon post pre with without w wo iv oral enhanced unenhanced delayed phase early late
angio angiogram venogram scout localiser localizer topogram survey routine protocol series study
dose report summary screen capture secondary key images image images sequence seq fat sat fs water
in out opposed dixon diffusion gradient echo spin fast turbo inversion recovery weighted map maps
left right lt rt bilateral both upper lower anterior posterior ap pa lat lateral frontal view views
helical spiral volume vol acq acquisition exam examination scan scans mode plain film and of the a
""".split())
_UNITS = r"(?:mm|cm|m|s|ms|kv|kvp|mas|ml|mg|min|sec|t|b)?"
# Letters and digits of every script: an ASCII-only token would read "山田太郎 CT" or "Иванов CT"
# as the one word "CT" and keep the name beside it as "imaging vocabulary only".
_TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)?")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d+)?" + _UNITS, re.IGNORECASE)


def _tokens_known(text: str, known) -> bool:
    tokens = _TOKEN.findall(text)
    return bool(tokens) and all(t.lower() in IMAGING_VOCABULARY or _NUMBER.fullmatch(t) or known(t)
                                for t in tokens)


def only_imaging_vocabulary(text: str) -> bool:
    return _tokens_known(text, lambda token: False)


def _identifier_engine():
    """(find_identifiers, vocabulary) when slidesan.scan.identifiers is present, else None."""
    try:
        module = importlib.import_module("slidesan.scan.identifiers")
        return module.find_identifiers, module.default_vocabulary()
    except Exception:  # noqa: BLE001 - absent or broken engine: fall back to the vocabulary alone
        return None


def descriptor_is_clean(text: str, header_terms: frozenset[str]) -> str | None:
    """Why a free-text descriptor can be kept, or None when it must go.

    Kept only when it names nothing from this header and either is made only of imaging
    vocabulary, or (when the identifier engine exists) has no identifier AND every word is imaging
    vocabulary or known English. An unknown word may be a surname, so it fails closed; so does
    any error in the engine.
    """
    lowered = text.lower()
    if any(term in lowered for term in header_terms):
        return None
    if only_imaging_vocabulary(text):
        return "imaging vocabulary only"
    engine = _identifier_engine()
    if engine is None:
        return None
    return "no identifier, known words only" if _engine_finds_it_clean(text, engine) else None


@lru_cache(maxsize=4096)
def _engine_finds_it_clean(text: str, engine) -> bool:
    """The engine's judgement of one descriptor, cached: a series repeats its descriptions in every
    file, and the engine's answer does not depend on the header."""
    find, vocabulary = engine
    try:
        return not find(text, source="dicom") and _tokens_known(text, vocabulary.is_known_word)
    except Exception:  # noqa: BLE001 - the engine is another developer's; fail closed
        return False


DESCRIPTOR_TERM_KEYWORDS = ("PatientName", "ReferringPhysicianName", "OperatorsName", "PerformingPhysicianName",
                            "PatientID", "OtherPatientIDs", "AccessionNumber", "InstitutionName",
                            "PatientBirthDate", "StationName", "PatientAddress", "NameOfPhysiciansReadingStudy")


def header_terms(ds) -> frozenset[str]:
    """Lower-case strings from this header (a Dataset or header_values.HeaderValues) that must not
    survive inside any kept descriptor."""
    terms: set[str] = set()
    for keyword in DESCRIPTOR_TERM_KEYWORDS:
        value = ds.get(keyword)
        if value is None or value == "":
            continue
        values = value if isinstance(value, (list, tuple, MultiValue)) else [value]
        for item in values:
            for part in re.split(r"[\^=\s,]+", str(item)):
                if len(part) >= 3:
                    terms.add(part.lower())
    return frozenset(terms)
