"""DICOM de-identification to PS3.15 Annex E (issue 4, part 2).

Per file, for a pack walker (or use pack_file.clean_dicom_file, which does these steps):

    state = survey(all_dicom_paths, PackState())  # one per pack per run; picklable for workers
                                                  # (merge workers' states back with state.absorb)
    options = DicomOptions(level="publication")  # or DicomOptions.from_options(slidesan Options)
    ds = read_dicom(path)                        # SlidesanError subclasses on bad input
    findings = deidentify(ds, state, options, file="rel/path.dcm")
    write_dicom(ds, out_path)
    verdict = safe_name("SMITH_JOHN.dcm", ds_before)   # rename files/folders named after patients
    state.key_record()   # limited-access key: write it OUTSIDE the pack, only when asked
"""

from slidesan.dicom.deidentify import EncapsulatedDocumentError, deidentify
from slidesan.dicom.files import DicomDirError, NotDicomError, TruncatedDicomError, read_dicom, write_dicom
from slidesan.dicom.naming import NameVerdict, safe_name
from slidesan.dicom.pack_file import DicomResult, clean_dicom_file, survey
from slidesan.dicom.profile import PROFILE_NAME, PROFILE_REVISION
from slidesan.dicom.state import LIMITED_ACCESS, PUBLICATION, DicomOptions, PackState

__all__ = [
    "deidentify", "read_dicom", "write_dicom", "DicomOptions", "PackState", "PUBLICATION", "LIMITED_ACCESS",
    "NotDicomError", "TruncatedDicomError", "DicomDirError", "PROFILE_NAME", "PROFILE_REVISION",
    "safe_name", "NameVerdict", "clean_dicom_file", "survey", "DicomResult", "EncapsulatedDocumentError",
]
