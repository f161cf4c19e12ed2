"""Footer, date, header and body text typed into masters, layouts, the notes master and the
handout master is cleared; standard prompts, slide-number fields and the placeholders stay."""

from pptx import Presentation

import slidesan
from helpers import members, where_bytes


def test_placeholder_text_cleared(build_deck, tmp_path):
    path, planted = build_deck("layout_placeholders")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False))
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    for prompt in planted["kept"]:
        assert where_bytes(out, prompt.encode()), prompt
    quoted = " ".join(f.text or "" for f in report.findings if f.step == "layout-placeholders")
    assert all(marker in quoted for marker in planted["markers"])
    files = members(out)
    assert "ppt/handoutMasters/handoutMaster1.xml" in files
    master = files["ppt/slideMasters/slideMaster1.xml"].decode()
    assert 'type="slidenum"' in master and "‹#›" in master       # slide numbers keep working
    assert 'type="datetime' in master                               # the field stays, its cached text goes
    before = Presentation(str(path))
    after = Presentation(str(out))
    def counts(prs):
        return [len(layout.placeholders) for layout in prs.slide_layouts]
    assert counts(after) == counts(before)
    assert len(after.slide_master.placeholders) == len(before.slide_master.placeholders)
