"""The HTML report as a lecturer reads it: per slide, what to fix first (high before review), text
read that is no identifier folded away, what was removed last."""

from __future__ import annotations

import re

from slidesan.report.html_view import render_html
from slidesan.report.model import Finding, Report


def finding(severity: str, text: str, action: str = "flagged", slide: int = 3) -> Finding:
    return Finding("other-text" if severity == "info" else "name", severity, action, f"{severity} finding",
                   text=text, slide=slide, image="ppt/media/image1.png", box=(1, 2, 3, 4))


def test_a_slide_shows_high_then_review_and_folds_the_glance_rows():
    findings = [finding("info", "ZXQ-UNKNOWN-1"), finding("review", "Sarah Baker"), finding("info", "ZXQ-UNKNOWN-2"),
                finding("high", "OKONKWO^CHIDI"), finding("high", "removed name", action="removed")]
    page = render_html(Report("test", "check", "talk.pptx", findings=findings))
    section = page[page.index("<h2>Slide 3</h2>"):]
    order = [section.index(text) for text in ("OKONKWO^CHIDI", "Sarah Baker", "ZXQ-UNKNOWN-1", "removed name")]
    assert order == sorted(order)
    glance = re.search(r"<details><summary>(\d+) for a glance.*?</details>", section, re.S)
    assert glance and glance.group(1) == "2"
    assert "ZXQ-UNKNOWN-1" in glance.group(0) and "ZXQ-UNKNOWN-2" in glance.group(0)
    assert "OKONKWO^CHIDI" not in glance.group(0) and "Sarah Baker" not in glance.group(0)


def test_a_slide_with_only_glance_rows_keeps_its_removals_folded():
    findings = [finding("info", "ZXQ-UNKNOWN-1"), finding("high", "removed name", action="removed")]
    page = render_html(Report("test", "check", "talk.pptx", findings=findings))
    assert "<details open><summary>1 removed or fixed" not in page
    assert "<details><summary>1 removed or fixed" in page


def test_to_review_counts_what_someone_must_look_at_not_information():
    """Text read for a glance is information left as it is: the "to review" count of every view is
    what "What to do" lists (high and review findings), and information is counted apart."""
    findings = [finding("info", "ZXQ-UNKNOWN-1"), finding("info", "ZXQ-UNKNOWN-2"), finding("review", "Sarah Baker"),
                finding("high", "OKONKWO^CHIDI"), finding("high", "removed name", action="removed")]
    report = Report("test", "check", "talk.pptx", findings=findings)
    assert report.counts() == {"removed": 1, "remaining": 2, "noted": 2, "not-inspected": 0}
    page = render_html(report)
    assert "<b>2</b> to review" in page and "<b>2</b> noted (information only)" in page


def test_indirect_identifiers_kept_for_limited_access_are_not_shown_as_high():
    """Cleaning for limited access keeps dates and the hospital on purpose: they show as "indirect",
    not in the red of a blocker; a name still left is high; at the publication level a date is high."""
    date = Finding("date", "high", "kept", "a date", text="14/03/1961", slide=2)
    name = Finding("name", "high", "flagged", "a name", text="OKONKWO^CHIDI", slide=2)
    removed = Finding("institution", "high", "removed", "a hospital", text="Royal Example", slide=2)

    def shown(level):
        page = render_html(Report("test", "clean", "talk.pptx", settings={"level": level},
                                  findings=[date, name, removed]))
        return {text: re.findall(rf'class="sev sev-(\w+)">\w+</td>\s*<td>[^<]*(?:<br>)?<span class="quote">{re.escape(text)}',
                                 page) for text in ("14/03/1961", "OKONKWO^CHIDI", "Royal Example")}

    limited = shown("limited-access")
    assert set(limited["14/03/1961"]) == {"indirect"}
    assert set(limited["OKONKWO^CHIDI"]) == {"high"}
    assert set(limited["Royal Example"]) == {"high"}
    assert set(shown("publication")["14/03/1961"]) == {"high"}
