"""Time of `slidesan clean` on a PDF handout (no OCR) against its baseline: a qpdf rewrite of the
same file plus the image crops alone (issue 14's target: at most 2x that). Also printed: the face
check alone (every picture is looked at for faces, OCR or not) and the clean without its last sweep.

The handout is generated: N pages, each with a cropped-slide picture drawn whole behind a clipping
rectangle (as LibreOffice exports it; JPEG and Flate alternately, ~1.2 MP each) and a line of text.
Each figure is the best of --repeat runs, all in this process, measured in the same run. With
--distinct N the pages show only N different pictures, each written again as its own image (as exporters
that do not share repeated pictures write them), for the face check's remembered answers.

    python benchmarks/bench_pdf.py [--pages 40] [--repeat 3] [--distinct N]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def build(path: Path, pages: int, distinct: int | None = None) -> int:
    import pikepdf
    from PIL import Image

    from benchmarks.bench_clean import make_picture
    import random

    rng = random.Random(3)
    pdf = pikepdf.new()
    made: list[bytes] = []
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for i in range(pages):
        pdf.add_blank_page(page_size=(720, 540))
        page = pdf.pages[-1]
        j = i % (distinct or pages)
        jpeg = j % 2 == 0
        if j == len(made):
            made.append(make_picture(rng, 1.2, "JPEG" if jpeg else "PNG"))
        data = made[j]
        img = Image.open(io.BytesIO(data))
        if jpeg:
            stream = pdf.make_stream(data, Filter=pikepdf.Name.DCTDecode, ColorSpace=pikepdf.Name.DeviceRGB)
        else:
            stream = pdf.make_stream(zlib.compress(img.convert("L").tobytes(), 6), Filter=pikepdf.Name.FlateDecode,
                                     ColorSpace=pikepdf.Name.DeviceGray)
        stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        stream.Width, stream.Height, stream.BitsPerComponent = img.width, img.height, 8
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=stream),
                                                Font=pikepdf.Dictionary(F1=font))
        # the picture is 480x360 pt; the clip hides its top twelfth (the magenta band) and a side strip
        page.obj.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 500 Td (Slide %d) Tj ET\n"
                                            b"q 120 90 440 330 re W n 480 0 0 360 120 90 cm /Im1 Do Q\n" % i)
    pdf.save(path)
    return pages


def best(fn, repeat: int) -> tuple[float, float]:
    """(wall, CPU of all threads) seconds, each the best of `repeat`: CPU is what compares two trees on a
    loaded machine. Each run looks at every picture afresh: answers the face check remembers are dropped."""
    from slidesan.images import faces

    walls, cpus = [], []
    for _ in range(repeat):
        getattr(faces, "forget_answers", lambda: None)()      # absent before faces14: nothing remembered
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def qpdf_rewrite(src: Path, dst: Path) -> None:
    import pikepdf

    with pikepdf.open(src) as pdf:
        pdf.save(dst, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def crops_alone(src: Path) -> None:
    """The image work the cleaner cannot avoid: cut every picture to its shown box."""
    import pikepdf

    from slidesan.pdf.images import cut

    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            image = page.Resources.XObject["/Im1"]
            width, height = int(image.Width), int(image.Height)
            cut(pdf, image, (0, height // 12, width * 440 // 480, height))


def faces_alone(src: Path) -> None:
    """Every picture decoded and looked at for faces, one after another (images/faces.py)."""
    import pikepdf

    from slidesan.images.faces import face_finding

    with pikepdf.open(src) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                face_finding(pikepdf.PdfImage(obj).as_pil_image().convert("RGB"), None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--distinct", type=int, default=None, help="different pictures (default: one per page)")
    args = parser.parse_args()
    import slidesan
    from slidesan.options import Options

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "handout.pdf"
        build(src, args.pages, args.distinct)
        rewrite = best(lambda: qpdf_rewrite(src, tmp / "rewritten.pdf"), args.repeat)
        crops = best(lambda: crops_alone(src), args.repeat)
        faces = best(lambda: faces_alone(src), args.repeat)
        clean = best(lambda: slidesan.clean(src, tmp / "clean.pdf", Options(ocr=False)), args.repeat)
        unswept = best(lambda: slidesan.clean(src, tmp / "unswept.pdf", Options(ocr=False, extra={"skip_sweep": True})),
                       args.repeat)
        size = src.stat().st_size / 1e6
    (rewrite, rewrite_cpu), (crops, crops_cpu), (faces, faces_cpu) = rewrite, crops, faces
    (clean, clean_cpu), (unswept, unswept_cpu) = clean, unswept
    load = os.getloadavg()[0]
    pictures = f"{args.distinct} different pictures" if args.distinct else "one clipped 1.2 MP picture per page"
    print(f"handout: {args.pages} pages, {size:.1f} MB, {pictures}; load average {load:.1f}")
    print(f"qpdf rewrite (pikepdf open + save)      {rewrite:7.2f} s")
    print(f"image crops alone                       {crops:7.2f} s")
    print(f"baseline (rewrite + crops)              {rewrite + crops:7.2f} s")
    print(f"slidesan clean --no-ocr                 {clean:7.2f} s   ({clean / (rewrite + crops):.2f}x the baseline; target <= 2x)")
    print(f"face check alone (one thread)            {faces:7.2f} s   (clean looks at every picture for faces, OCR or not)")
    print(f"slidesan clean --no-ocr, no last sweep   {unswept:7.2f} s   (the sweep's cost is the difference, "
          f"within the machine's noise)")
    base_cpu = rewrite_cpu + crops_cpu
    print(f"CPU s: baseline {base_cpu:.2f}, clean {clean_cpu:.2f} ({clean_cpu / base_cpu:.2f}x), face check alone "
          f"{faces_cpu:.2f}, clean without the sweep {unswept_cpu:.2f}")


if __name__ == "__main__":
    main()
