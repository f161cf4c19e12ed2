"""The pack layer's only door into slidesan.dicom, so that an API change there is one edit here.

Two jobs: a cheap header survey in the parent process (who the patients are, so pseudonyms and
renames are decided once for the whole pack before work goes parallel) and the full clean of one
file in a worker (read, de-identify with the shared PackState, write).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.report.model import Finding


@dataclass(frozen=True)
class Survey:
    """What one DICOM header says about whose file it is (`header`: the partial dataset as read)."""

    patient_id: str = ""
    patient_name: str = ""
    study_uid: str = ""
    terms: frozenset[str] = field(default_factory=frozenset)   # lower-case words a file name must not hold
    header: object = None


SURVEY_TAGS = ["PatientName", "PatientID", "OtherPatientIDs", "AccessionNumber", "PatientBirthDate",
               "StudyDate", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "StudyID",
               "ReferringPhysicianName", "InstitutionName",
               # face risk of a series (dicom/face_risk.py): what it shows, how thin, how wide
               "Modality", "BodyPartExamined", "StudyDescription", "SeriesDescription", "ProtocolName",
               "SeriesNumber", "SliceThickness", "SpacingBetweenSlices", "ImagePositionPatient",
               "ImageOrientationPatient", "PixelSpacing", "Rows", "Columns", "ReconstructionDiameter",
               "NumberOfFrames"]


def survey(head: bytes) -> Survey | None:
    """Patient identity from the first bytes of a DICOM file; None when it cannot be parsed. The
    header kept is a HeaderValues of SURVEY_TAGS (plain strings), not a pydicom dataset."""
    import pydicom

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ds = pydicom.dcmread(io.BytesIO(head), stop_before_pixels=True, force=True,
                                 specific_tags=SURVEY_TAGS + ["SpecificCharacterSet"])
            return survey_of(ds)
        except Exception:   # noqa: BLE001 - a survey miss only means no rename hint
            return None


def survey_of(ds) -> Survey:
    """The survey of a dataset already read (the worker's, before de-identification)."""
    from slidesan.dicom.header_values import header_values
    from slidesan.dicom.structured import GENERIC_WORDS

    values = header_values(ds, SURVEY_TAGS)
    pid = _joined(values.get("PatientID"))
    pname = _joined(values.get("PatientName"))
    terms: set[str] = set()
    for keyword in ("PatientName", "PatientID", "OtherPatientIDs", "AccessionNumber", "PatientBirthDate"):
        value = values.get(keyword)
        for item in (value if isinstance(value, list) else [value]):
            for part in re.split(r"[\^=\s,._-]+", str(item or "")):
                if len(part) >= 3 and part.lower() not in GENERIC_WORDS:     # "DICOM^TEST" names nobody
                    terms.add(part.lower())
    birth = _joined(values.get("PatientBirthDate"))
    if re.fullmatch(r"\d{8}", birth):
        terms.update({birth[:4], f"{birth[6:8]}.{birth[4:6]}.{birth[:4]}"})
    return Survey(pid, pname, _joined(values.get("StudyInstanceUID")), _shared_terms(frozenset(terms)), values)


@lru_cache(maxsize=4096)
def _shared_terms(terms: frozenset) -> frozenset:
    """One frozenset per distinct patient, however many files the patient has."""
    return terms


def _joined(value) -> str:
    return ("\\".join(value) if isinstance(value, list) else str(value or "")).strip()


def name_reasons(name: str, found: Survey | None, folder: bool = False) -> list[str]:
    """Why the dicom module thinks a file/folder name identifies (its own header checks: names, IDs,
    dates, UIDs, long numbers); [] when it does not or the helper is not there."""
    try:
        from slidesan.dicom import safe_name
    except ImportError:
        return []
    return list(safe_name(name, found.header if found else None, folder=folder).reasons)


def engine_matches(stem: str) -> tuple:
    """(category, severity) of what the identifier engine finds in a file or folder name (cached)."""
    from slidesan.dicom.naming import engine_matches as matches

    return matches(stem)


def dicom_options(options):
    from slidesan.dicom import DicomOptions

    return DicomOptions.from_options(options)


def new_state():
    from slidesan.dicom import PackState

    return PackState()


def register(state, found: Survey) -> str | None:
    """Number patients and studies in pack order (before going parallel); the patient's pseudonym."""
    if found.study_uid and hasattr(state, "register_study"):
        state.register_study(found.study_uid)
    if found.patient_id or found.patient_name:
        return state.register_patient(found.patient_id, found.patient_name)
    return None


def freeze(state) -> None:
    """After the survey: workers then derive any pseudonym they meet from the key, identically."""
    if hasattr(state, "freeze"):
        state.freeze()


def clean_dicom(data: bytes, rel: str, state, options, target: Path | None,
                receipt: dict | None = None) -> list[Finding]:
    """De-identify one file's bytes; write it to `target` (None = check only, write nothing).
    `receipt["sha256"]` receives the hash of the bytes written; when `receipt["survey"]` is True on
    the way in, it receives the header's Survey (read before de-identification) on the way out.

    Raises SlidesanError (NotDicomError, TruncatedDicomError, DicomDirError) with one sentence.
    """
    from pydicom.config import disable_value_validation

    with disable_value_validation():
        return _clean_dicom(data, rel, state, options, target, receipt)


def _clean_dicom(data: bytes, rel: str, state, options, target: Path | None, receipt: dict | None) -> list[Finding]:
    """clean_dicom's work. pydicom's own checks of every value it converts or is given are off
    meanwhile: they only warn (slidesan silences the warnings; its own values are checked by
    dicom/vr_check.py with pydicom's rules set to raise) and cost a pattern match per element."""
    from slidesan.dicom import deidentify, read_dicom, write_dicom
    from slidesan.pack.dicom_document import put_back, take_document

    ds = read_dicom(bytes(data), name=rel)
    if receipt is not None and receipt.get("survey") is True:        # asked for: the header as it was
        receipt["survey"] = survey_of(ds)
    document = take_document(ds, rel, options)                       # an encapsulated PDF, cleaned apart
    pixel_findings, cleaned = burned_in_text(ds, rel, options, redact=target is not None)
    findings = [refine_category(f) for f in deidentify(ds, state, dicom_options(options), file=rel,
                                                       pixels_cleaned=cleaned)]
    if document is not None:
        put_back(ds, document[0])
        findings = document[1] + findings
    if cleaned:                # the header pass flags embedded overlay bits it cannot clear; they are gone now
        for f in findings:
            if f.category == "overlay" and f.action == "flagged" and "unused high bits" in f.message:
                f.action, f.message = "removed", f.message.split(":")[0] + ": cleared with the redacted pixels"
    findings = pixel_findings + findings + series_findings(state, rel)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = write_dicom(ds, target, name=rel)
        if receipt is not None:
            receipt["sha256"] = digest
    return findings


def burned_in_text(ds, rel: str, options, *, redact: bool) -> tuple[list[Finding], bool]:
    """Read burned-in text (and overlays, before they are removed) from the pixels; with --redact
    paint it over. (findings, pixels cleaned). Burned In Annotation is set here: NO only when cleaned."""
    from slidesan.dicom.burned_in import inspect, redact as redact_pixels, set_burned_in_annotation

    inspection = inspect(ds, rel, options)
    cleaned = bool(redact and getattr(options, "redact", False) and redact_pixels(ds, inspection))
    set_burned_in_annotation(ds, inspection, cleaned)
    return inspection.findings, cleaned


def note_series_findings(state, found: dict[str, list[Finding]]) -> None:
    """Series-level findings (face risk) decided in the pack survey, carried to the worker that
    handles the named file inside the picklable pack state."""
    state.series_findings = dict(found)


def face_risk(surveys: dict[str, Survey], read=None) -> dict[str, list[Finding]]:
    """{rel: findings} for series that can be rendered into a face (first file of each series);
    `read(rel)` -> bytes lets the check measure a few slices of series whose headers are silent."""
    from slidesan.dicom.face_risk import assess

    return assess({rel: s.header for rel, s in surveys.items()}, read)


def series_findings(state, rel: str) -> list[Finding]:
    return list(state.series_findings.get(rel, ()))


def is_dicomdir_error(exc: SlidesanError) -> bool:
    return type(exc).__name__ == "DicomDirError"


def is_document_error(exc: SlidesanError) -> bool:
    return type(exc).__name__ == "EncapsulatedDocumentError"


def profile_description() -> str:
    from slidesan.dicom import PROFILE_NAME, PROFILE_REVISION

    return f"{PROFILE_NAME} (revision {PROFILE_REVISION})"


# The dicom module files most header values under "dicom-attribute"; the verdict needs to know which
# of them name the patient (a direct identifier makes a checked input "identifiable"), so the
# attribute keyword at the start of the quoted value decides. Only high-severity findings change.
KEYWORD_CATEGORIES = (
    (("PatientName", "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName",
      "ResponsiblePerson"), "name"),
    (("PatientID", "OtherPatientIDs", "IssuerOfPatientID"), "patient-id"),
    (("AccessionNumber",), "accession"),
    (("PatientBirthDate", "PatientBirthTime"), "date-of-birth"),
    (("PatientAddress",), "address"),
    (("PatientTelephoneNumbers",), "phone"),
    (("Institution",), "institution"),
    (("PhysicianName", "PhysiciansName", "OperatorsName", "PhysiciansOfRecord",
      "PhysiciansReadingStudy"), "clinician"),
)


def refine_category(finding: Finding) -> Finding:
    if finding.category != "dicom-attribute" or finding.severity != "high" or not finding.text:
        return finding
    category = keyword_category(finding.text.split(" ", 1)[0])
    if category is not None:
        finding.category = category
    return finding


@lru_cache(maxsize=4096)
def keyword_category(keyword: str) -> str | None:
    """The category KEYWORD_CATEGORIES gives an attribute keyword (None: it stays dicom-attribute);
    a pack asks for the same few dozen keywords in every file."""
    for words, category in KEYWORD_CATEGORIES:
        if any(keyword == w or (w in keyword and category in ("institution", "clinician")) for w in words):
            return category
    return None
