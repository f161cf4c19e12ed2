"""Vector and document pictures (EMF, WMF, SVG, PDF) rendered to pixels so OCR can read them.

Nothing in Python renders EMF or WMF faithfully; LibreOffice does, and librsvg's rsvg-convert
renders SVG, poppler's pdftoppm renders PDF. Each is optional: `renderer_for` says whether a
picture of that type can be read here, and the caller keeps the picture "not inspected" when it
cannot. LibreOffice converts a whole batch in one start-up (several seconds), each in a throwaway
profile directory so a user's running LibreOffice is never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

EMF_TYPES = {"image/x-emf", "image/emf", "image/x-wmf", "image/wmf"}
SVG_TYPES = {"image/svg+xml"}
PDF_TYPES = {"application/pdf"}
EXTENSIONS = {"image/x-emf": "emf", "image/emf": "emf", "image/x-wmf": "wmf", "image/wmf": "wmf",
              "image/svg+xml": "svg", "application/pdf": "pdf"}
RENDER_WIDTH = 1600             # px: text of a picture shown a third of a slide wide stays readable
TIMEOUT = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def renderer_for(content_type: str) -> str | None:
    """The program that renders this content type here, or None."""
    content_type = content_type.lower()
    if content_type in SVG_TYPES:
        return shutil.which("rsvg-convert") or soffice()
    if content_type in PDF_TYPES:
        return shutil.which("pdftoppm")
    if content_type in EMF_TYPES:
        return soffice()
    return None


def render_many(pictures: dict[str, tuple[bytes, str]]) -> dict[str, bytes | str]:
    """{name: (bytes, content type)} -> {name: PNG bytes, or the reason it could not be rendered}."""
    out: dict[str, bytes | str] = {}
    with tempfile.TemporaryDirectory(prefix="slidesan-render-") as tmp:
        work = Path(tmp)
        by_office = {}
        for index, (name, (data, content_type)) in enumerate(pictures.items()):
            program = renderer_for(content_type)
            source = work / f"p{index}.{EXTENSIONS.get(content_type.lower(), 'bin')}"
            source.write_bytes(data)
            if program is None:
                out[name] = f"no program here renders {content_type}"
            elif program == shutil.which("rsvg-convert"):
                out[name] = run_png(["rsvg-convert", "-w", str(RENDER_WIDTH), "-b", "white", str(source)], None)
            elif program == shutil.which("pdftoppm"):
                out[name] = run_png(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(source),
                                     str(work / f"p{index}")], work / f"p{index}.png")
            else:
                by_office[name] = source
        if by_office:
            out.update(office_to_png(by_office, work))
    return out


def run_png(command: list[str], result: Path | None) -> bytes | str:
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{command[0]} failed ({type(exc).__name__})"
    if done.returncode != 0:
        return f"{command[0]} failed: {done.stderr.decode('utf-8', 'replace').strip()[:160]}"
    if result is None:
        return done.stdout if done.stdout.startswith(b"\x89PNG") else f"{command[0]} wrote no picture"
    return result.read_bytes() if result.exists() else f"{command[0]} wrote no picture"


def office_to_png(sources: dict[str, Path], work: Path) -> dict[str, bytes | str]:
    """One LibreOffice run for every picture of the batch."""
    outdir = work / "out"
    outdir.mkdir()
    profile = (work / "lo-profile").as_uri()
    command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "png",
               "--outdir", str(outdir), *map(str, sources.values())]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT + 20 * len(sources))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {name: f"LibreOffice failed ({type(exc).__name__})" for name in sources}
    out: dict[str, bytes | str] = {}
    for name, source in sources.items():
        png = outdir / (source.stem + ".png")
        out[name] = png.read_bytes() if png.exists() else "LibreOffice could not render it"
    return out
