"""The presenter's own name and hospital are never flagged; ages alone are not high (issue 13)."""

from __future__ import annotations

import pytest

from slidesan.options import Options
from slidesan.scan.identifiers import default_vocabulary, find_identifiers, load_vocabulary
from slidesan.scan.identifiers.allowed_phrases import split_entries
from slidesan.scan.identifiers.match import HIGH, INFO, text_severity
from slidesan.scan.identifiers.vocabulary import vocabulary_for

PRESENTER = "Dr Sarah Lecturer, Royal Infirmary of Exampleshire"


def flagged(text, vocabulary=None):
    return [(m.category, m.text) for m in find_identifiers(text, vocabulary) if m.category != "other-text"]


@pytest.mark.parametrize("text", [
    "Dr Sarah Lecturer, Consultant Radiologist, Royal Infirmary of Exampleshire",
    "Presented by Sarah Lecturer",
    "Dr S Lecturer",
])
def test_presenter_entries_are_not_flagged(text):
    vocabulary = vocabulary_for(Options(presenter=split_entries(PRESENTER)))
    assert flagged(text)                     # the detectors do see them ...
    assert flagged(text, vocabulary) == []   # ... and the presenter list lets them through


@pytest.mark.parametrize("text, kept", [
    ("Patient: Sarah Jones", ("name", "Sarah Jones")),
    ("seen at Royal Infirmary of Elsewhere", ("institution", "Royal Infirmary of Elsewhere")),
    ("Dr Lecturer's patient, NHS 943 476 5919", ("nhs-number", "943 476 5919")),
])
def test_presenter_list_does_not_hide_other_people_or_numbers(text, kept):
    vocabulary = vocabulary_for(Options(presenter=split_entries(PRESENTER)))
    assert kept in flagged(text, vocabulary)


def test_multi_word_allow_entry_is_honoured_whole(tmp_path):
    config = tmp_path / "words.toml"
    config.write_text('[allow]\nwords = ["Royal Infirmary of Exampleshire"]\n')
    text = "Images courtesy of Royal Infirmary of Exampleshire"
    assert ("institution", "Royal Infirmary of Exampleshire") in flagged(text)
    assert flagged(text, load_vocabulary(config)) == []


@pytest.mark.parametrize("text", ["A 60-year-old man with chest pain", "45Y", "Age: 62", "55F, cough"])
def test_ages_alone_are_information(text):
    ages = [m for m in find_identifiers(text) if m.category == "age"]
    assert ages and all(text_severity(m)[0] == INFO for m in ages)


@pytest.mark.parametrize("text", ["A 93-year-old woman", "Age: 101"])
def test_ages_over_89_identify(text):
    ages = [m for m in find_identifiers(text) if m.category == "age"]
    assert ages and all(text_severity(m)[0] == HIGH for m in ages)


def test_default_vocabulary_without_presenter_is_unchanged():
    assert vocabulary_for(Options()) is None
    assert default_vocabulary().phrases == ()


def test_a_made_up_lecture_has_no_false_high_with_the_presenter_set(tmp_path):
    """Issue 13's target: 0 false HIGH on the presenter's own name and hospital and on ages."""
    import slidesan
    from fixtures import lecture
    from slidesan.report.guidance import summary_line

    deck = tmp_path / "lecture.pptx"
    assert lecture.build(deck)["slides"] == 20
    without = slidesan.clean(deck, tmp_path / "plain.pptx", Options(ocr=False))
    flagged_high = [f for f in without.findings if f.remains and f.severity == HIGH]
    assert any("Lecturer" in (f.text or "") for f in flagged_high)      # the detectors do see the presenter
    report = slidesan.clean(deck, tmp_path / "out.pptx",
                            Options(ocr=False, presenter=split_entries(lecture.PRESENTER)))
    high = [(f.category, f.text) for f in report.findings if f.remains and f.severity == HIGH]
    assert high == []
    ages = [f for f in report.findings if f.category == "age"]
    assert len(ages) >= 14 and all(f.severity == INFO for f in ages)
    assert report.verdict == "publication", [(f.category, f.text) for f in report.findings if f.remains]
    assert summary_line(report).startswith("Ready to share")
