"""Drawn lines read as text (scan/ocr/lines.without_drawn_rules, confirm.drawn_rule): a caliper, a
leader line or an arrow's shaft that Tesseract reads as dashes is graphics, not text not read
reliably; the words beside it are read, and an identifier beside it is still found."""

from __future__ import annotations

import numpy as np
import pytest

from slidesan.scan.ocr import confirm
from slidesan.scan.ocr.lines import OcrLine, Word, assemble_lines
from slidesan.scan.picture_text import judge_picture


def words(*items):
    """Words of one printed line: (text, left, confidence), 14 px high, 40 px wide each."""
    return [Word(text, (left, 10, left + 40, 24), conf, (0, 1, 1, 1)) for text, left, conf in items]


@pytest.mark.parametrize("rule", ["———______", "—", "__.", "=====", "~—~", "--,"])
def test_a_drawn_line_before_a_label_is_left_out_of_the_line(rule):
    [line] = assemble_lines(words((rule, 0, 12.0), ("Target", 50, 95.0), ("1", 95, 96.0)))
    assert line.text == "Target 1"
    assert line.box == (50, 10, 135, 24)          # the learned reader re-reads the words, not the rule
    assert line.conf >= confirm.SURE_TESSERACT     # the label stands on its own words' confidence


def test_a_run_before_unsure_words_may_be_letters_and_stays_for_the_learned_reader():
    """`_ esto Wve 08` for a blurred `Dist 41.0 mm`: the `_` may be `Dist` misread, so the line is
    re-read whole, the run included."""
    [line] = assemble_lines(words(("_", 0, 20.0), ("esto", 50, 30.0), ("Wve", 95, 25.0), ("08", 140, 40.0)))
    assert line.text == "_ esto Wve 08" and line.box == (0, 10, 180, 24)


def test_a_run_after_the_words_stays_a_faint_value_may_read_as_dashes():
    [line] = assemble_lines(words(("MRN:", 0, 90.0), ("———", 50, 5.0)))
    assert line.text == "MRN: ———" and line.conf < confirm.SURE_TESSERACT


def test_dashes_inside_a_line_and_signed_numbers_stay_as_read():
    [line] = assemble_lines(words(("Fig", 0, 90.0), ("7", 45, 90.0), ("-", 90, 40.0), ("Hampton", 135, 90.0)))
    assert line.text == "Fig 7 - Hampton"
    [line] = assemble_lines(words(("-30", 0, 80.0), ("HU", 45, 90.0)))
    assert line.text == "-30 HU"


def test_a_line_of_dashes_alone_stays_as_read():
    [line] = assemble_lines(words(("———", 0, 20.0)))
    assert line.text == "———"


def test_an_identifier_beside_a_drawn_line_is_still_found():
    [line] = assemble_lines(words(("———", 0, 20.0), ("HALVORSEN^TAMSIN", 50, 92.0)))
    assert line.text == "HALVORSEN^TAMSIN"
    assert {m.category for _, m in judge_picture([line]).identifiers()} == {"name"}


RGB = np.zeros((200, 400, 3), np.uint8)


def thin(text, box, conf=20.0):
    return OcrLine(text, box, conf, text, ((0, len(text), box),))


def test_a_thin_line_of_dashes_is_a_drawn_line_even_past_the_reading_budget(monkeypatch):
    """Beyond the budget an unsure line was left `not read reliably`; one stroke high and no letter or
    digit, it is a caliper's or a rule's stroke, and no reading could find text in it."""
    from slidesan.scan.ocr import learned

    monkeypatch.setattr(learned, "recognise", lambda crops: [("", 0.0)] * len(crops))
    places = [(10, 10 + 14 * k, 130, 22 + 14 * k) for k in range(confirm.REREAD_BUDGET + 1)]
    places.append((200, 180, 260, 185))
    lines = confirm.reconcile([thin("——", (200, 180, 224, 184))], places, RGB)
    rule = [ln for ln in lines if ln.text == "——"]
    assert rule and rule[0].texture and rule[0].doubt == confirm.DRAWN_RULE
    assert not judge_picture([ln for ln in lines if ln.text == "——"]).unread()


def test_without_the_learned_reader_a_thin_dash_line_is_a_drawn_line_and_a_tall_one_stays_unread():
    lines = confirm.reconcile([thin("— —", (10, 10, 100, 14)), thin("———", (10, 30, 90, 44)),
                               thin("-.1", (10, 60, 90, 64))], None, RGB)
    assert [(ln.texture, ln.reliable) for ln in lines] == [(True, True), (False, False), (False, False)]


def test_a_label_after_a_drawn_line_is_read_again_without_it_when_the_whole_was_unsure(monkeypatch):
    """`— __. A342:`: the recogniser unsure of the crop with the leader line in it, sure of the label's
    words alone; the sure reading stands with the words' box. Before, the line stayed unread."""
    from slidesan.scan.ocr import learned

    [line] = assemble_lines([Word("—", (20, 50, 120, 64), 10.0, (0, 1, 1, 1)),
                             Word("__.", (125, 50, 180, 64), 15.0, (0, 1, 1, 1)),
                             Word("A342:", (190, 50, 260, 64), 30.0, (0, 1, 1, 1))])
    assert line.text == "— __. A342:"           # unsure words: the run stays, the line is read whole first
    by_width = {confirm._padded(line.box, RGB.shape)[2] - confirm._padded(line.box, RGB.shape)[0]: ("A2 o", 0.4)}
    beside = confirm._padded((190, 50, 260, 64), RGB.shape)
    by_width[beside[2] - beside[0]] = ("A: 3.4 cm2", 0.95)
    monkeypatch.setattr(learned, "recognise", lambda crops: [by_width.get(c.shape[1], ("", 0.0)) for c in crops])
    lines = confirm.reconcile([line], [(15, 45, 265, 68)], RGB)
    assert [(ln.text, ln.reliable, ln.box) for ln in lines if not ln.texture] == [("A: 3.4 cm2", True, beside)]
    assert not judge_picture(lines).unread()


def test_a_run_that_was_letters_is_kept_when_the_whole_line_reads_surely(monkeypatch):
    from slidesan.scan.ocr import learned

    line = OcrLine("_ esto Wve 08", (0, 50, 180, 64), 30.0, "_ esto Wve 08",
                   ((0, 1, (0, 50, 30, 64)), (2, 6, (40, 50, 80, 64)), (7, 10, (90, 50, 120, 64)), (11, 13, (130, 50, 180, 64))))
    whole = confirm._padded(line.box, RGB.shape)
    monkeypatch.setattr(learned, "recognise", lambda crops: [("Dist 41.0 mm", 0.93) if c.shape[1] == whole[2] - whole[0]
                                                             else ("st 41.0 mm", 0.99) for c in crops])
    lines = confirm.reconcile([line], [(0, 45, 185, 68)], RGB)
    assert [ln.text for ln in lines if not ln.texture] == ["Dist 41.0 mm"]
