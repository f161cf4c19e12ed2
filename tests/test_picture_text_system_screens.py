"""Screenshots of computers, not patients: a process table's PID column and a memory readout's sizes
are no patient's numbers, while a worklist's PID column and a record number with a check letter
still are. Lines are made up as an OCR engine returns them (cells read apart, as Tesseract does)."""

from __future__ import annotations

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.ocr.lines import OcrLine
from helpers import ocr_line as line
from slidesan.scan.picture_text import judge_picture



def found(lines) -> list[tuple[str, str]]:
    return [(m.category, m.text) for _, m in judge_picture(lines).identifiers()]


def table(header: list[str], rows: list[list[str]]) -> list[OcrLine]:
    xs = [10 + 90 * k for k in range(len(header))]
    out = [line(h, x, 10) for h, x in zip(header, xs)]
    for r, row in enumerate(rows):
        out += [line(cell, x, 30 + 18 * r) for cell, x in zip(row, xs)]
    return out


def test_a_process_tables_pid_column_numbers_processes():
    lines = table(["PID", "USER", "PR", "NI", "VIRT", "RES", "COMMAND"],
                  [["23141", "alice", "20", "0", "102400", "51200", "python"],
                   ["23168", "alice", "20", "0", "99212", "40960", "httpd"],
                   ["8560", "root", "20", "0", "4096", "1024", "sshd"]])
    assert not [v for c, v in found(lines) if c == "patient-id"]


def test_a_worklists_pid_column_still_numbers_patients():
    lines = table(["PID", "Patient Name", "Birth Date"],
                  [["2314567", "OKAFOR Chidi", "01/02/1960"], ["2316899", "BRANDT Lena", "14/07/1972"]])
    values = [v for _, v in found(lines)]
    assert "2314567" in values and "2316899" in values


def test_a_worklist_with_time_and_command_columns_is_no_process_table():
    """`PID  Name  DOB  Time+  Command`: a RIS worklist that shares two column names with `top`
    still heads a patient's number, name and birth date."""
    lines = table(["PID", "Name", "DOB", "Time+", "Command"],
                  [["2314567", "Hope Bird", "01/02/1960", "0:03.1", "report"],
                   ["2316899", "Summer Short", "14/07/1972", "0:10.4", "print"]])
    values = [v for _, v in found(lines)]
    assert "2314567" in values and "2316899" in values
    assert "Hope Bird" in values and "Summer Short" in values


def test_memory_sizes_in_a_system_readout_are_no_record_numbers():
    for text in ("Mem: 635888K av, 612376K used, 22704K free", "Swap: 1315408K av", "381112K cached",
                 "2048000K total, 1024000K free"):
        assert not [m for m in find_identifiers(text, source="ocr") if m.category == "patient-id"], text


def test_a_record_number_with_a_check_letter_is_still_one():
    for text in ("Hosp No 1315408K", "1315408K", "MRN: 044718C admitted"):
        assert [m for m in find_identifiers(text, source="ocr") if m.category in ("patient-id", "hospital-number")], text


# ------------------------------------------------------------ a caret name with digits for letters

def test_a_caret_name_read_with_digits_for_letters_is_still_a_name():
    from slidesan.scan.ocr.lines import normalise_confusions

    for raw, name in (("0KAF0R^ADAEZE", "OKAFOR^ADAEZE"), ("Sm1th^J0hn", "Smith^John"), ("W00D^GRACE", "WOOD^GRACE"),
                      ("5MITH^JOHN", "SMITH^JOHN")):
        text = normalise_confusions(f"Name: {raw} 45Y")
        assert name in text
        assert [m for m in find_identifiers(text, source="ocr") if m.category == "name" and m.severity == "high"], raw


def test_caret_tokens_that_are_no_misread_name_stay_as_read():
    from slidesan.scan.ocr.lines import normalise_confusions

    for token in ("T2^FLAIR", "Brain^1", "Thorax^1_HeadFirst", "CT01^CHEST", "AX0^T1", "SE^2", "RX1234567"):
        assert normalise_confusions(token) == token
