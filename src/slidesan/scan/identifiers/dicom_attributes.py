"""A DICOM attribute's value typed out beside the attribute: a header pasted into case notes, a
converter's JSON sidecar (`StationName: CTROYAL01`), pydicom's print-out (`(0008,1010) Station Name
SH: 'CTROYAL01'`), dcmdump's (`(0008,1010) SH [CTROYAL01]  # 10, 1 StationName`).

The attribute says what its value is whatever the value's form (`CTROYAL01` has no form of a
hospital), as a tag browser's row does in a picture (picture_text/labels.py reads the same
table). The table is the data dictionary, not a list of values seen: person names (PN), dates
(DA/DT), UIDs (UI), ages (AS), and the ID, number, institution, station, device, address and
telephone attributes PS3.15 Table E.1-1 de-identifies. Typed text only: in pictures the layout
decides what a label's value is.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from slidesan.scan.identifiers.labelled_names import emptied
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

# DICOM keywords (LO, SH, CS, LT, ST, UT, UC) whose values are identifiers per PS3.15 Table E.1-1.
IDENTIFYING_KEYWORDS = {
    "patient-id": """PatientID OtherPatientIDs StudyID AdmissionID RequestedProcedureID ScheduledProcedureStepID
        PerformedProcedureStepID FillerOrderNumberImagingServiceRequest PlacerOrderNumberImagingServiceRequest
        ServiceEpisodeID VisitNumber""",
    "hospital-number": "MedicalRecordLocator",
    "accession": "AccessionNumber",
    "institution": """InstitutionName InstitutionAddress InstitutionalDepartmentName StationName
        IssuerOfPatientID IssuerOfAdmissionID IssuerOfServiceEpisodeID""",
    "address": "PatientAddress RegionOfResidence CountryOfResidence",
    "phone": "PatientTelephoneNumbers PersonTelephoneNumbers",
    "device": "DeviceSerialNumber DetectorID GantryID DeviceUID",
}
# UI attributes that always hold a standard constant (SOP class, transfer syntax), never a patient's.
CONSTANT_UIDS = frozenset({"SOPClassUID", "MediaStorageSOPClassUID", "TransferSyntaxUID",
                           "ImplementationClassUID", "ReferencedSOPClassUID", "CodingSchemeUID",
                           "AffectedSOPClassUID", "RequestedSOPClassUID", "ContextGroupExtensionCreatorUID",
                           "PrivateInformationCreatorUID", "ReferencedTransferSyntaxUIDInFile"})
# Typed values: dates and UIDs are found by their form, ages are not identifying alone.
_BY_FORM = ("date", "date-of-birth", "uid", "age")
CONFIDENCE = 0.9
ORIGIN = "attribute"      # registry._rank: the attribute outranks what the value's form alone suggests
_NUMBERS = ("patient-id", "hospital-number", "accession", "device")
_VALUE_END = re.compile(r"[\"'\]\n;,]|\s{2,}|\s+#|$")


def dicom_labels():
    """(attribute name, keyword, finding category) of every attribute whose value identifies."""
    from pydicom.datadict import DicomDictionary

    ids = {kw: cat for cat, kws in IDENTIFYING_KEYWORDS.items() for kw in kws.split()}
    for vr, _vm, name, retired, keyword in DicomDictionary.values():
        if retired or not keyword:
            continue
        category = None
        if vr == "PN":
            category = "name" if keyword.startswith(("Patient", "OtherPatient", "PersonName")) else "clinician"
        elif vr in ("DA", "DT"):
            category = "date-of-birth" if "Birth" in keyword else "date"
        elif vr == "UI" and keyword not in CONSTANT_UIDS and not keyword.endswith("ClassUID"):
            category = "uid"
        elif vr == "AS":
            category = "age"
        elif keyword in ids:
            category = ids[keyword]
        if category:
            yield name, keyword, category


@lru_cache(maxsize=1)
def _patterns():
    """(attribute -> category, `Label: value` pattern, dcmdump `[value] # n, m Keyword` pattern)."""
    categories: dict[str, str] = {}
    for name, keyword, category in dicom_labels():
        if category in _BY_FORM:
            continue
        categories[keyword.lower()] = categories[name.lower().replace("\u2019", "'")] = category
    names = sorted(categories, key=len, reverse=True)
    label = "|".join(re.escape(n).replace("'", "['\u2019]?").replace(r"\ ", r"\s+") for n in names)
    labelled = re.compile(rf"(?<![\w'])(?P<label>{label})[\"']?(?:\s+[A-Z]{{2}})?\s*[:=]\s*[\"'\[]?", re.IGNORECASE)
    dumped = re.compile(r"\[(?P<value>[^\]\n]{1,80})\]\s*#\s*\d+\s*,\s*\S+\s+(?P<label>[A-Za-z]+)\b")
    return categories, labelled, dumped


def detect(view: TextView) -> list[Match]:
    if view.ocr or not any(mark in view.norm for mark in ":=["):
        return []
    categories, labelled, dumped = _patterns()
    text, found = view.norm, []
    for m in labelled.finditer(text):
        end = _VALUE_END.search(text, m.end())
        add(found, view, categories.get(_key(m.group("label"))), m.end(), end.start() if end else len(text))
    if "#" in text:
        for m in dumped.finditer(text):
            add(found, view, categories.get(m.group("label").lower()), m.start("value"), m.end("value"))
    return found


def _key(label: str) -> str:
    return " ".join(label.lower().replace("\u2019", "'").split())


def add(found: list[Match], view: TextView, category: str | None, start: int, end: int) -> None:
    value = view.norm[start:end].strip(" .:")
    if category is None or len(value) > 80 or not any(ch.isalnum() for ch in value) or emptied(value):
        return            # what an anonymiser or a template leaves in place of a value
    if category in _NUMBERS and sum(ch.isalnum() for ch in value) < 3:
        return            # `StudyID: 1`: a counter
    found.append(dataclasses.replace(view.match(category, start, end, CONFIDENCE), origin=ORIGIN))
