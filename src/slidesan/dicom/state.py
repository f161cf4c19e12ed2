"""Options and pack-wide state for DICOM de-identification.

A pack is de-identified file by file (possibly in several processes), but some choices must be the
same for every file: the UID key (so a study stays one study and references resolve), the date
offset and the patient pseudonyms. `PackState` holds them; it is picklable, so a pack walker
creates one, optionally surveys the pack (`register_patient`) and hands it to every worker.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field

from slidesan.errors import SlidesanError

PUBLICATION = "publication"
LIMITED_ACCESS = "limited-access"
LEVELS = (PUBLICATION, LIMITED_ACCESS)


@dataclass(frozen=True)
class DicomOptions:
    """What to keep. The level sets the defaults the RCR asks for; options can be turned on singly.

    publication: dates removed, descriptors kept only when clean, no device/institution identity,
    age and sex removed. limited-access: dates shifted by the pack offset, age and sex kept,
    pseudonymous patient and study IDs.
    """

    level: str = PUBLICATION
    retain_safe_private: bool = False
    retain_modified_dates: bool | None = None          # None: follow the level
    retain_patient_characteristics: bool | None = None  # None: follow the level
    retain_device_identity: bool = False
    clean_descriptors: bool = True
    clean_structured_content: bool = True     # SR/PR/KOS text, names, dates and UIDs (dicom/structured.py)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise SlidesanError(f"unknown DICOM level {self.level!r}: use publication or limited-access")

    @property
    def limited(self) -> bool:
        return self.level == LIMITED_ACCESS

    @property
    def modified_dates(self) -> bool:
        return self.limited if self.retain_modified_dates is None else self.retain_modified_dates

    @property
    def patient_characteristics(self) -> bool:
        return self.limited if self.retain_patient_characteristics is None else self.retain_patient_characteristics

    @classmethod
    def from_options(cls, options) -> "DicomOptions":
        """From the project-wide slidesan.options.Options (level, retain_safe_private)."""
        return cls(level=getattr(options, "level", PUBLICATION),
                   retain_safe_private=bool(getattr(options, "retain_safe_private", False)))

    def chosen(self) -> list[tuple[str, str]]:
        """(key, name) of every PS3.15 option in force; the key names its CID 7050 code in marks.py."""
        return [(key, name) for key, attr, name in OPTION_TABLE if getattr(self, attr)]

    def describe(self) -> list[str]:
        """Option names as written into De-identification Method."""
        return ["Basic Profile"] + [name for _key, name in self.chosen()]


# PS3.15 options: (code key, DicomOptions attribute, name written into De-identification Method)
OPTION_TABLE = (
    ("safe_private", "retain_safe_private", "Retain Safe Private"),
    ("modified_dates", "modified_dates", "Retain Longitudinal Temporal Information Modified Dates"),
    ("patient", "patient_characteristics", "Retain Patient Characteristics"),
    ("device", "retain_device_identity", "Retain Device Identity"),
    ("descriptors", "clean_descriptors", "Clean Descriptors"),
    ("structured", "clean_structured_content", "Clean Structured Content"),
)


def _random_offset_days() -> int:
    """Between about one and ten years back, never zero, so shifted dates are not the real ones."""
    return -(365 + secrets.randbelow(9 * 365))


@dataclass
class PackState:
    """Everything that must be the same for every file of one pack in one run.

    `key` is random per run: UIDs are HMAC-SHA256(key, uid) so nobody without the key can map a new
    UID back (an unkeyed hash of a UID can be recomputed by anyone holding the original).
    """

    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    date_offset_days: int = field(default_factory=_random_offset_days)
    patients: dict[str, str] = field(default_factory=dict)   # original patient key -> pseudonym
    studies: dict[str, str] = field(default_factory=dict)    # original study UID -> pseudonymous Study ID
    uids: dict[str, str] = field(default_factory=dict)       # original -> new, for the key file
    names_issued: int = 0
    frozen: bool = False   # set after a survey, before going parallel: new patients then get keyed names
    series_findings: dict = field(default_factory=dict)   # file -> series-level findings (face risk) from the survey
    record_uids: bool = True   # keep every original -> new UID for the key file; off, memory stays flat

    def new_uid(self, uid: str) -> str:
        """2.25.<128-bit integer> from the keyed hash: same input, same output, for the whole pack."""
        uid = str(uid).strip().rstrip("\0")
        if not uid:
            return uid
        new = self.uids.get(uid)
        if new is None:
            digest = hmac.new(self.key, uid.encode("ascii", "replace"), hashlib.sha256).digest()
            new = "2.25." + str(int.from_bytes(digest[:16], "big"))
            if self.record_uids:
                self.uids[uid] = new
        return new

    @staticmethod
    def is_pseudonym(name) -> bool:
        """A value this class minted (PERSON-<hex>, CASE-nnnn, CASE-<hex>): a cleaned file cleaned or
        checked again keeps it, so a re-check of a cleaned pack finds nothing to replace."""
        return bool(PSEUDONYM_SHAPE.fullmatch(str(name or "").strip()))

    def person_pseudonym(self, name: str) -> str:
        """A person named in content (an observer, a reader): PERSON-<keyed hex>, the same person the
        same pseudonym across the pack, not reversible without the key. The patient keeps CASE-nnnn."""
        text = str(name or "").strip().upper()
        for key, pseudonym in self.patients.items():
            if text and key.split("|", 1)[1] == text:
                return pseudonym
        return f"PERSON-{self._keyed_suffix('person:' + text)}"

    def _keyed_suffix(self, text: str) -> str:
        return hmac.new(self.key, text.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:8].upper()

    def register_patient(self, patient_id: str, patient_name: str = "") -> str:
        """Give the next CASE-nnnn to a patient. Survey the pack with this before going parallel."""
        key = _patient_key(patient_id, patient_name)
        if key not in self.patients:
            self.patients[key] = f"CASE-{len(self.patients) + 1:04d}"
        return self.patients[key]

    def register_study(self, study_uid: str) -> str:
        if study_uid not in self.studies:
            self.studies[study_uid] = f"S{len(self.studies) + 1:04d}"
        return self.studies[study_uid]

    def pseudonym(self, patient_id: str, patient_name: str = "") -> str:
        """CASE-nnnn in order of first sight; once `frozen` (workers after a survey) an unseen
        patient gets CASE-<keyed hex>, which every process derives identically."""
        key = _patient_key(patient_id, patient_name)
        if key not in self.patients:
            if not self.frozen:
                return self.register_patient(patient_id, patient_name)
            self.patients[key] = f"CASE-{self._keyed_suffix('patient:' + key)}"
        return self.patients[key]

    def study_id(self, study_uid: str) -> str:
        if study_uid not in self.studies:
            if not self.frozen:
                return self.register_study(study_uid)
            self.studies[study_uid] = f"S{self._keyed_suffix('study:' + study_uid)}"
        return self.studies[study_uid]

    def freeze(self) -> "PackState":
        """Call after surveying the pack and before handing the state to worker processes."""
        self.frozen = True
        return self

    def next_name(self, ext: str = ".dcm", stem: str = "IMG") -> str:
        self.names_issued += 1
        return f"{stem}{self.names_issued:04d}{ext}"

    def absorb(self, other: "PackState") -> None:
        """Merge what a worker process learnt (UID and pseudonym maps) back into this state."""
        if other.key != self.key:
            raise ValueError("states from different runs cannot be merged")
        self.uids.update(other.uids)
        for k, v in other.patients.items():
            self.patients.setdefault(k, v)
        for k, v in other.studies.items():
            self.studies.setdefault(k, v)

    def key_record(self) -> dict:
        """The re-identification key for limited-access packs. Write it OUTSIDE the pack, only when asked."""
        return {
            "uid_hmac_key": self.key.hex(),
            "uid_scheme": "2.25.<first 128 bits of HMAC-SHA256(key, original UID)>",
            "date_offset_days": self.date_offset_days,
            "patients": dict(self.patients),
            "studies": dict(self.studies),
            "uids": dict(self.uids),
        }


PSEUDONYM_SHAPE = re.compile(r"(?:PERSON|CASE)-(?:[0-9A-F]{8}|\d{4,})")


def _patient_key(patient_id: str, patient_name: str) -> str:
    return f"{str(patient_id or '').strip()}|{str(patient_name or '').strip().upper()}"
