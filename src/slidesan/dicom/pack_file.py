"""The per-file entry point a pack walker calls, and the survey it runs before going parallel.

    state = PackState()
    survey(paths, state)            # numbers patients/studies in a stable order, then freezes
    result = clean_dicom_file(src, dst, state, options, file="series1/IMG1.dcm")
    result.findings, result.name    # report findings; NameVerdict for renaming the file

Bad input raises a SlidesanError subclass (NotDicomError, TruncatedDicomError, DicomDirError)
with one line for the report; nothing is written for that file.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pydicom

from slidesan.dicom.deidentify import deidentify
from slidesan.dicom.files import read_dicom, write_dicom
from slidesan.dicom.naming import NameVerdict, safe_name
from slidesan.dicom.state import DicomOptions, PackState
from slidesan.report.model import Finding

_SURVEY_TAGS = ["PatientID", "PatientName", "StudyInstanceUID"]


@dataclass
class DicomResult:
    findings: list[Finding] = field(default_factory=list)
    name: NameVerdict | None = None


def clean_dicom_file(src, dst, state: PackState, options: DicomOptions | None = None, *,
                     file: str | None = None, index: int = 1) -> DicomResult:
    """Read, de-identify and write one file; judge its name against the header as it was."""
    ds = read_dicom(src, name=file or Path(src).name)
    verdict = safe_name(Path(src).name, ds, index=index)
    findings = deidentify(ds, state, options or DicomOptions(), file=file)
    write_dicom(ds, dst)
    return DicomResult(findings, verdict)


def survey(paths, state: PackState) -> PackState:
    """Register every patient and study in path order (headers only), then freeze the state, so
    worker processes all number CASE-0001.. the same way. Unreadable files are skipped here;
    they fail with their own message when cleaned."""
    for path in sorted(str(p) for p in paths):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=_SURVEY_TAGS)
        except Exception:  # noqa: BLE001 - survey is best effort; cleaning reports the error
            continue
        if "PatientID" in ds or "PatientName" in ds:
            state.register_patient(str(ds.get("PatientID", "") or ""), str(ds.get("PatientName", "") or ""))
        if ds.get("StudyInstanceUID"):
            state.register_study(str(ds.StudyInstanceUID))
    return state.freeze()
