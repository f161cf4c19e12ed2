"""Made-up overlays in the languages of European viewers and forms, read and judged as slidesan reads pictures.

    .venv/bin/python benchmarks/bench_european_overlays.py

30 pictures (seed 5): a patient block in French, German, Spanish, Italian or DICOM form (`Nom: DUPONT Prénom: Marie`,
`Müller, Jürgen *12.03.1954`, `Paciente: ...`, `Cognome: ... Nome: ...`, `SURNAME^GIVEN`), a record number after its
label (IPP, Pat.-Nr., NHC, ID paziente), a hospital named in its language, DejaVu fonts at 11-18 px over a grey disc,
JPEG 60-95. An identifier counts as found when high flags cover 80 % of it (accents folded, as OCR drops them).
Nothing here is real.
"""
import io, random, sys
from pathlib import Path
from PIL import Image, ImageDraw, ImageFont
from slidesan.scan.ocr.engine import read_batch
from slidesan.scan.picture_text import judge_picture
sys.path.insert(0, str(Path(__file__).resolve().parent)); sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from bench_ocr import covered as _covered
import unicodedata
def _f(t): return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
def covered(a, b): return _covered(_f(a), [_f(x) for x in b])
rng = random.Random(5)
F = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]
people = [("DUPONT", "Marie"), ("Müller", "Jürgen"), ("García López", "María"), ("Rossi", "Giulia"), ("de Vries", "Anneke"),
          ("Kowalska", "Agnieszka"), ("Öztürk", "Ayşe"), ("Lindqvist", "Sven"), ("Nguyen", "Thi Lan"), ("O'Sullivan", "Siobhán")]
hosp = ["CHU de Nantes", "Uniklinik Köln", "Hospital Clínic de Barcelona", "Ospedale San Raffaele", "Karolinska Universitetssjukhuset",
        "Rigshospitalet", "Kantonsspital Aarau", "Academisch Ziekenhuis Maastricht", "Szpital Bielański", "Ankara Şehir Hastanesi"]
layouts = [
    lambda p, h, d, i: [f"Nom: {p[0].upper()} Prénom: {p[1]}", f"Né(e) le {d}", f"IPP: {i}", h],
    lambda p, h, d, i: [f"{p[0]}, {p[1]}", f"*{d}", f"Pat.-Nr.: {i}", h, "Zuweiser: Dr. med. K. Schmidt"],
    lambda p, h, d, i: [f"Paciente: {p[0]}, {p[1]}", f"Fecha de nacimiento: {d}", f"NHC: {i}", h],
    lambda p, h, d, i: [f"Cognome: {p[0]} Nome: {p[1]}", f"Data di nascita: {d}", f"ID paziente: {i}", h],
    lambda p, h, d, i: [f"{p[0].upper()}^{p[1].upper()}", f"{d}  F", f"{i}", h],
]
cases, datas = [], []
for k in range(30):
    p = rng.choice(people); h = rng.choice(hosp)
    d = f"{rng.randint(1,28):02d}.{rng.randint(1,12):02d}.{rng.randint(1930,2000)}"
    i = str(rng.randint(1000000, 99999999))
    texts = rng.choice(layouts)(p, h, d, i)
    size = rng.choice([11, 13, 15, 18])
    font = ImageFont.truetype(rng.choice(F), size)
    bg = rng.choice([(0, 0, 0), (20, 20, 30)]); fg = rng.choice([(255, 255, 255), (230, 230, 120), (180, 180, 180)])
    im = Image.new("RGB", (900, 700), bg); dr = ImageDraw.Draw(im)
    dr.ellipse((250, 150, 650, 600), fill=(90, 90, 90))
    y = 8
    for t in texts:
        dr.text((8, y), t, fill=fg, font=font); y += size + 6
    dr.text((700, 660), "W: 400 L: 40", fill=fg, font=font)
    buf = io.BytesIO(); im.save(buf, "JPEG", quality=rng.choice([60, 80, 95])); datas.append(buf.getvalue())
    ids = [p[0], p[1], d, i, h] + (["K. Schmidt"] if "Zuweiser" in " ".join(texts) else [])
    cases.append((k, size, texts, ids))
results = read_batch(datas)
miss = found = 0
for (k, size, texts, ids), lines in zip(cases, results):
    pt = judge_picture(lines)
    flagged = [m.text for _, m in pt.flagged() if m.severity == "high"]
    review = [m.text for _, m in pt.flagged() if m.severity != "high"] + [a.line.text for a in pt.unread()]
    for ident in ids:
        if covered(ident, flagged) >= 0.8: found += 1
        else:
            miss += 1
            print("miss", k, size, repr(ident), "| review:", covered(ident, review) >= 0.8, "| lines:", [l.text for l in lines][:6])
print("found", found, "missed", miss)
