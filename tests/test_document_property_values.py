"""Document property values are read for identifiers (deck/steps/document_properties.read_value).

Red team 10 converted decks through LibreOffice: its keywords, title and user-defined properties land in
docProps/core.xml and docProps/custom.xml, and `slidesan check` said `publication` for a deck whose
Keywords held a hospital number and whose custom property held the patient's name and number (clean
removed them, but only as "document property removed", info). Every deck here is made up in the test.
"""

from __future__ import annotations

import slidesan
from fixtures.common import blank_deck, blank_slide
from fixtures.decks.document_properties import relate_to_package

MRN, NAME = "GX7741203", "Wilberforce Grantchester"
CUSTOM = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="PatientRef"><vt:lpwstr>VALUE</vt:lpwstr></property>
</Properties>"""


def _deck(tmp_path, keywords="", title="", custom=None):
    prs = blank_deck()
    blank_slide(prs).shapes.add_textbox(914400, 914400, 4000000, 600000).text_frame.text = "Pulmonary embolism"
    prs.core_properties.keywords, prs.core_properties.title = keywords, title
    prs.core_properties.author = prs.core_properties.last_modified_by = ""     # the template names its maker
    if custom is not None:
        relate_to_package(prs, "/docProps/custom.xml",
                          "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                          CUSTOM.replace("VALUE", custom).encode(),
                          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties")
    path = tmp_path / "deck.pptx"
    prs.save(path)
    return path


def _check(path):
    return slidesan.check([path], slidesan.Options(ocr=False))


def test_hospital_number_in_keywords_makes_the_input_identifiable(tmp_path):
    report = _check(_deck(tmp_path, keywords=MRN))
    assert report.verdict == "identifiable"
    assert any(f.category == "hospital-number" and f.text == MRN for f in report.findings)


def test_name_and_number_in_a_custom_property_are_named(tmp_path):
    report = _check(_deck(tmp_path, custom=f"{NAME} {MRN}"))
    assert report.verdict == "identifiable"
    assert any(f.category == "hospital-number" and "PatientRef" in f.message for f in report.findings)


def test_harmless_properties_stay_publication(tmp_path):
    report = _check(_deck(tmp_path, keywords="CT, pulmonary embolism", title="Chest radiology teaching",
                          custom="Teaching set 4"))
    read = [f for f in report.findings if "document property" in f.message
            and f.category not in ("document-property", "custom-property")]
    assert read == [] and report.verdict != "identifiable"


def test_an_application_property_holding_an_identifier_goes_the_rest_stays(tmp_path):
    """app.xml keeps what describes the application (Application, AppVersion...); a name or number
    planted there made the self-check refuse the deck (benchmarks/plant_identifiers.py): it is removed."""
    import zipfile

    path = _deck(tmp_path)
    planted = tmp_path / "planted.pptx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(planted, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b"</Application>", f" for {NAME} NHS 943 476 5919</Application>".encode())
            dst.writestr(info, data)
    out = tmp_path / "out.pptx"
    report = slidesan.clean(planted, out, slidesan.Options(ocr=False))
    with zipfile.ZipFile(out) as zf:
        app = zf.read("docProps/app.xml")
    assert b"Grantchester" not in app and b"943 476" not in app and b"<PresentationFormat>" in app
    assert any(f.category in ("name", "nhs-number") and f.severity == "high" and "Application" in f.message
               for f in report.findings)
    assert _check(planted).verdict == "identifiable"
