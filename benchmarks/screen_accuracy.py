"""Accuracy of the drawn-text screen (dicom/text_screen.py) on made-up 512x512 slices.

    .venv/bin/python benchmarks/screen_accuracy.py [--compare OTHER_SRC]

90 noise-only slices (smoothed noise of 8-60 HU over a body ellipse in air; air clipped at the lowest
stored value or not, some clipped at the top, some with CT padding outside a circular field of view
at its own value or at the clipped air's value) should give 0 flags. Then `SMITH^JOHN 4471902 DOB 01/02/1960`
is drawn into 8 of them at stored value 4095, 1524 or 300, 10/14/20 px high, over air or over the
body, aliased or smoothed (288 slices), and into the 45 padded ones at the padding value itself, inside
the field of view and where the padding touches it (90 slices): how many are found. `--compare` runs
another checkout's text_screen (its `src` folder) over the same slices and counts slices whose
answer differs (values found). Nothing here is real: noise, an ellipse and a made-up name.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TEXT = "SMITH^JOHN 4471902 DOB 01/02/1960"
SIGMAS = (8, 15, 25, 40, 60)
BLURS = (0.7, 1.5, 2.5)
VARIANTS = ("clipped", "clipped-top", "padded", "padded-air", "unclipped", "padded-unclipped")


def noise_slice(sigma: float, blur: float, variant: str, seed: int) -> np.ndarray:
    import cv2

    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:512, 0:512]
    hu = np.where((xx - 256) ** 2 / 200 ** 2 + (yy - 270) ** 2 / 150 ** 2 <= 1, 40.0, -1000.0)
    noise = cv2.GaussianBlur(rng.normal(0, 1, (512, 512)), (0, 0), blur)
    stored = hu + noise * sigma / noise.std() + 1024
    if variant.endswith("unclipped"):
        stored = stored.round().astype(np.int16)
    else:
        stored = np.clip(stored, 0, 1100 if variant == "clipped-top" else 4095).round().astype(np.int16)
    if variant.startswith("padded"):
        outside = (xx - 255.5) ** 2 + (yy - 255.5) ** 2 > 256 ** 2
        stored[outside] = 0 if variant == "padded-air" else -2000
    return stored


def draw(frame: np.ndarray, value: int, height: int, over: str, smooth: bool) -> np.ndarray:
    """The text drawn at one stored value (smoothed: blended into what is under it)."""
    import cv2

    scale = height / 22.0
    canvas = np.zeros(frame.shape, np.float32)
    y = 265 if over == "body" else 60
    cv2.putText(canvas, TEXT, (70, y), cv2.FONT_HERSHEY_SIMPLEX, scale, 1.0, max(1, round(height / 10)),
                cv2.LINE_AA if smooth else cv2.LINE_8)
    out = frame.astype(np.float32) * (1 - canvas) + value * canvas
    return out.round().astype(frame.dtype)


def draw_at_padding(frame: np.ndarray, edge: bool) -> np.ndarray:
    """Text at the padding value: inside the field of view, or written from the corner's padding into it."""
    import cv2

    value = int(frame[0, 0])
    canvas = np.zeros(frame.shape, np.uint8)
    x, y = (4, 40) if edge else (90, 420)
    cv2.putText(canvas, TEXT, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 1, 2, cv2.LINE_8)
    out = frame.copy()
    out[canvas > 0] = value
    return out


def slices():
    """(label, frame, holds text) for every slice of the check."""
    noise = []
    for s, sigma in enumerate(SIGMAS):
        for b, blur in enumerate(BLURS):
            for v, variant in enumerate(VARIANTS):
                frame = noise_slice(sigma, blur, variant, seed=100 * s + 10 * b + v)
                noise.append((f"noise {sigma} HU blur {blur} {variant}", frame))
                yield noise[-1][0], frame, False
    chosen = [noise[i] for i in range(0, len(noise), 11)][:8]
    for label, frame in chosen:
        for value in (4095, 1524, 300):
            for height in (10, 14, 20):
                for over in ("air", "body"):
                    for smooth in (False, True):
                        yield (f"{label}: text {value} {height}px over {over} {'smoothed' if smooth else 'aliased'}",
                               draw(frame, value, height, over, smooth), True)
    for label, frame in noise:
        if "padded" in label:
            for edge in (False, True):
                yield f"{label}: text at the padding value {'from the edge' if edge else 'inside'}", \
                    draw_at_padding(frame, edge), True


def load_screen(src: Path):
    """text_screen.py of another checkout, imported under its own name (its imports resolve to ours)."""
    spec = importlib.util.spec_from_file_location("other_text_screen", src / "slidesan" / "dicom" / "text_screen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    from slidesan.dicom import text_screen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="another checkout's src folder: count differing answers")
    args = parser.parse_args()
    other = load_screen(args.compare) if args.compare else None
    counts = {"noise flagged": 0, "noise": 0, "text found": 0, "text": 0, "padding text found": 0, "padding text": 0}
    differ, seconds, other_seconds, missed, flagged = 0, 0.0, 0.0, [], []
    plain: dict[str, list[float]] = {}
    other_plain: dict[str, list[float]] = {}
    for label, frame, text in slices():
        start = time.process_time()
        found = [value for value, _ in text_screen.text_marks(frame)]
        seconds += time.process_time() - start
        if not text:
            plain.setdefault(label.split()[-1], []).append(time.process_time() - start)
            if found:
                flagged.append(f"{label} (value {', '.join(map(str, found))})")
        kind = "noise" if not text else "padding text" if "padding value" in label else "text"
        counts[kind] += 1
        if found:
            counts["noise flagged" if not text else kind + " found"] += 1
        elif text:
            missed.append(label)
        if other is not None:
            start = time.process_time()
            theirs = [value for value, _ in other.text_marks(frame)]
            other_seconds += time.process_time() - start
            if not text:
                other_plain.setdefault(label.split()[-1], []).append(time.process_time() - start)
            differ += theirs != found
    print(f"noise-only slices flagged: {counts['noise flagged']} of {counts['noise']}")
    print(f"slices with text drawn in, found: {counts['text found']} of {counts['text']}")
    print(f"padded slices with text at the padding value, found: {counts['padding text found']} of "
          f"{counts['padding text']}")
    total = counts["noise"] + counts["text"] + counts["padding text"]
    print(f"screen CPU: {1000 * seconds / total:.2f} ms per slice")
    if other is not None:
        print(f"other checkout: {1000 * other_seconds / total:.2f} ms per slice; answers differing: {differ} of {total}")
    print("screen CPU on noise-only slices, ms per slice: " + ", ".join(
        f"{variant} {1000 * sum(times) / len(times):.2f}" for variant, times in plain.items()))
    if other_plain:
        print("other checkout, same slices: " + ", ".join(
            f"{variant} {1000 * sum(times) / len(times):.2f}" for variant, times in other_plain.items()))
    for label in flagged:
        print("  flagged:", label)
    for label in missed[:40]:
        print("  missed:", label)


if __name__ == "__main__":
    main()
