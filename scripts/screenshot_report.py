"""Render the HTML report of the bundled sample deck to docs/report-screenshot.png (headless Chromium).

    python scripts/screenshot_report.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    import slidesan
    from slidesan.api import write_reports

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        raise SystemExit("needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "talk.clean.pptx"
        report = slidesan.clean(ROOT / "fixtures" / "sample" / "talk.pptx", out)
        _, html = write_reports(report, out)
        target = ROOT / "docs" / "report-screenshot.png"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        f"--user-data-dir={tmp}/profile", "--window-size=1100,1250",
                        f"--screenshot={target}", html.as_uri()], check=True, capture_output=True, timeout=120)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
