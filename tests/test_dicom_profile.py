"""The runtime action table must say what PS3.15 Table E.1-1 (2024b) says, row for row."""

import json

import pytest

from slidesan.dicom import profile

OPTION_COLUMNS = {
    "rtnLongModifDatesOpt": "retain_modified_dates", "cleanDescOpt": "clean_descriptors",
    "rtnPatCharsOpt": "retain_patient_characteristics", "rtnDevIdOpt": "retain_device_identity",
    "rtnInstIdOpt": "retain_institution_identity", "rtnUIDsOpt": "retain_uids",
    "cleanStructContOpt": "clean_structured_content", "cleanGraphOpt": "clean_graphics",
}


def _rows(shared_dir):
    path = shared_dir / "dicom" / "confidentiality_profile_attributes_2024b.json"
    if not path.exists():
        pytest.skip("reference table not present in ../shared")
    rows = json.loads(path.read_text())
    return [r for r in rows if not r["id"].startswith("gggg")]   # private row: handled in code


def test_every_standard_row_has_the_same_basic_action(shared_dir):
    rows = _rows(shared_dir)
    ours = profile.basic_codes()
    wrong = {r["id"]: (r["basicProfile"], ours.get(r["id"].upper().replace("X", "x")))
             for r in rows if ours.get(r["id"].upper().replace("X", "x")) != r["basicProfile"]}
    assert not wrong, f"{len(wrong)} rows differ: {dict(list(wrong.items())[:10])}"
    assert len(ours) == len(rows)


def test_every_option_column_matches(shared_dir):
    rows = _rows(shared_dir)
    for column, option in OPTION_COLUMNS.items():
        theirs = {r["id"].upper().replace("X", "x"): r[column] for r in rows if r.get(column)}
        assert profile.option_codes(option) == theirs, option


def test_resolved_table_uses_single_actions_only():
    for flags in [(False,) * 4, (True,) * 4]:
        table = profile.action_table(*flags)
        assert set(table.values()) <= set("DZXKCU")
    basic = profile.action_table()
    assert basic[0x00100010] == "Z"          # Patient's Name
    assert basic[0x0020000D] == "U"          # Study Instance UID
    assert basic[0x00081140] == "U"          # Referenced Image Sequence (X/Z/U*): references kept valid
    assert basic[0x00101010] == "X"          # Patient's Age
    assert profile.action_table(True, True, True, False)[0x00101010] == "K"
    assert profile.action_table(True, False, False, False)[0x00080020] == "C"   # Study Date shifted
    assert profile.PROFILE_REVISION == "2024b"
