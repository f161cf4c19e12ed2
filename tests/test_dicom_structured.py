"""Clean Structured Content (issue 12, part 1): report, annotation and key-object text is read and
cleaned; the tree, the codes and the value types stay; nothing planted survives in any byte."""

from __future__ import annotations

import warnings

import pydicom
import pytest

from fixtures.dicom_reports import build
from slidesan.api import clean
from slidesan.dicom import DicomOptions, PackState, deidentify, read_dicom
from slidesan.dicom.structured import clean_text, shift_text_date
from slidesan.dicom.vr_check import invalid_values
from slidesan.options import Options


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    planted = build(root / "in", count=9)
    report = clean(root / "in", root / "out", Options(ocr=False, jobs=1))
    return root, planted, report


def _output(root, report, name):
    item = next(f for f in report.files if f["path"] == name)
    return root / "out" / item["output"]


def test_no_planted_identifier_survives_in_any_report_byte(reports):
    root, planted, report = reports
    left = []
    for name, identifiers in planted["files"].items():
        data = _output(root, report, name).read_bytes().decode("latin-1")
        left += [(name, i) for i in identifiers if i in data or i.replace(" ", "") in data]
    assert sum(len(v) for v in planted["files"].values()) >= 140
    assert left == []


def test_tree_codes_and_value_types_are_kept(reports):
    root, planted, report = reports
    before = pydicom.dcmread(root / "in" / "sr001.dcm")
    after = pydicom.dcmread(_output(root, report, "sr001.dcm"))

    def shape(ds):
        return [(e.tag, e.VR, str(e.value) if e.tag in (0x0040A040, 0x0040A010, 0x00080100, 0x00080102) else None)
                for e in ds.ContentSequence[-1].iterall()]
    assert shape(after) == shape(before)
    texts = [e.value for e in after.iterall() if e.keyword == "TextValue"]
    assert any("[date]" in t for t in texts) and any("[name]" in t or "[clinician]" in t for t in texts)
    names = [str(e.value) for e in after.iterall() if e.keyword == "PersonName"]
    assert names and all(n.startswith("PERSON-") for n in names)          # PN: a pseudonym, not text
    assert invalid_values(after) == []
    assert "113104" in {c.CodeValue for c in after.DeidentificationMethodCodeSequence}


def test_report_uid_references_follow_the_pack_key():
    ds = read_dicom(_sr_with_text("compare with 1.2.826.0.1.3680043.2.1125.77.5. done"))
    state = PackState()
    deidentify(ds, state)
    text = ds.ContentSequence[0].TextValue
    assert state.new_uid("1.2.826.0.1.3680043.2.1125.77.5") in text and text.endswith(". done")


def test_limited_access_shifts_dates_in_text_by_the_pack_offset():
    ds = read_dicom(_sr_with_text("seen on 12/03/2021 for review"))
    state = PackState(date_offset_days=-400)
    deidentify(ds, state, DicomOptions(level="limited-access"))
    assert ds.ContentSequence[0].TextValue == f"seen on {shift_text_date('12/03/2021', -400)} for review"
    assert shift_text_date("12/03/2021", -400) == "06/02/2020"


def test_public_code_meanings_are_not_rewritten_local_ones_are():
    ds = read_dicom(_sr_with_text("no comment"))
    item = ds.ContentSequence[0]
    item.ConceptNameCodeSequence[0].CodeMeaning = "Recording Observer's Name"        # DCM: a standard word
    local = pydicom.Dataset()
    local.CodeValue, local.CodingSchemeDesignator, local.CodeMeaning = "X1", "99LOCAL", "Reviewed by Hartwell"
    item.ConceptCodeSequence = pydicom.Sequence([local])
    deidentify(ds, PackState())
    assert item.ConceptNameCodeSequence[0].CodeMeaning == "Recording Observer's Name"
    assert "Hartwell" not in item.ConceptCodeSequence[0].CodeMeaning
    assert item.ConceptCodeSequence[0].CodeValue == "X1"


def test_a_replacement_is_never_read_again_and_text_too_long_for_its_vr_goes_whole():
    state = PackState()
    cleaned, replaced = clean_text("Dr Amelia Hartwell saw Ruairi Castellanos", state, None, None)
    assert cleaned.count("[") == len(replaced) and "removed]]" not in cleaned
    assert "Hartwell" not in cleaned and "Castellanos" not in cleaned
    ds = read_dicom(_sr_with_text("x"))
    ds.ContentSequence[0].add_new(0x0040A160, "UT", "ok")
    ds.ContentSequence[0].ConceptNameCodeSequence[0].CodingSchemeDesignator = "99X"
    ds.ContentSequence[0].ConceptNameCodeSequence[0].CodeMeaning = "1.2.3.4.5.6.7.8.9.10.11.12 " * 2
    deidentify(ds, state)
    assert ds.ContentSequence[0].ConceptNameCodeSequence[0].CodeMeaning == "[removed]"


def test_awkward_files_of_the_pack_all_end_in_one_account(reports):
    root, planted, report = reports
    by_path = {f["path"]: f for f in report.files}
    for name, fate in planted["awkward"].items():
        item = by_path[f"awkward/{name}"]
        if fate == "dropped":
            assert not item.get("output") and "encapsulated document" in item["problem"]
            assert item["verdict"] == "needs-review"
        elif fate == "document":
            assert item.get("output"), item.get("problem")
        else:
            assert item.get("output"), (name, item.get("problem"))
            ds = pydicom.dcmread(root / "out" / item["output"], defer_size=None) if name != "deep_sr.dcm" else None
            if ds is not None:
                assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
                assert invalid_values(ds) == []
        if fate == "not-inspected":
            assert item["counts"]["not-inspected"] >= 1
    # the cleaned report PDF still shows the patient's name in its page text (flagged; --redact removes it)
    assert report.verdict == "identifiable" and report.exit_code() == 1


def test_an_encapsulated_pdf_is_cleaned_by_the_pdf_cleaner_and_put_back(reports):
    import io

    import pikepdf

    root, _, report = reports
    ds = read_dicom(_output(root, report, "awkward/document.dcm"))
    document = bytes(ds.EncapsulatedDocument)[: int(ds.EncapsulatedDocumentLength)]
    assert ds.MIMETypeOfEncapsulatedDocument == "application/pdf" and len(ds.EncapsulatedDocument) % 2 == 0
    with pikepdf.open(io.BytesIO(document)) as pdf:               # a PDF still, without its /Info
        assert len(pdf.pages) == 1 and "/Info" not in pdf.trailer
    assert b"Leopold Ravenscroft" not in document and "Ravenscroft" not in str(ds.PatientName)
    found = [f for f in report.findings if f.file == "awkward/document.dcm" and f.message.startswith("encapsulated PDF")]
    assert any(f.category == "name" and f.action == "flagged" for f in found)          # the page text says who
    assert any(f.category == "document-property" and f.action == "removed" for f in found)


def test_deep_report_is_cleaned_without_recursion_error(reports):
    root, _, report = reports
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = read_dicom(_output(root, report, "awkward/deep_sr.dcm"))
    text = [item.get("TextValue") for item in _items(ds) if item.get("TextValue")]
    assert len(text) == 1 and "Drummond" not in text[0] and "Aoife" not in text[0]


def _items(ds):
    stack = [ds]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.get("ContentSequence", []))


def _sr_with_text(text: str) -> bytes:
    import io

    from pydicom.data import get_testdata_file

    ds = pydicom.dcmread(get_testdata_file("reportsi.dcm"))
    item = pydicom.Dataset()
    item.RelationshipType, item.ValueType, item.TextValue = "CONTAINS", "TEXT", text
    code = pydicom.Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "121071", "DCM", "Finding"
    item.ConceptNameCodeSequence = pydicom.Sequence([code])
    ds.ContentSequence = pydicom.Sequence([item])
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()
