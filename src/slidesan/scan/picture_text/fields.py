"""Values that a label names: after the label on its line, beside or under a caption, or in a
column under a header.

The label says what the value is, so the value's own form only has to be plausible for its kind
(values.py): `NOID` under `Patient ID`, `Anonymous` after `Patient's Name:`, `8 déc. 2003` after
`Study Date:` are identifiers although no pattern for names, IDs or dates would take them alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slidesan.scan.picture_text import labels, layout
from slidesan.scan.picture_text.layout import Cell, Column

TABLE_REACH = 3.0       # a table ends at a vertical gap of this many row heights


@dataclass(frozen=True)
class Field:
    category: str
    line: int
    start: int
    end: int
    how: str            # "after label", "beside caption", "under caption", "in column"
    colon: bool = True  # the label ended with a colon (or headed a column): strong evidence
    typed: bool = False  # a colon ends the label just before the value: a value in lower case is a user name


def find_fields(lines, cells: list[list[Cell]]) -> list[Field]:
    found: list[Field] = []
    flat = [c for row in cells for c in row]
    captions = []
    for cell in flat:
        found += _after_labels(cell, captions)
    rows = layout.rows(flat)
    headers = {id(c) for row in rows if sum(labels.is_caption(c.text) for c in row) >= 2 and _header(row) for c in row}
    row_of = {id(c): row for row in rows for c in row}
    for cell, label in captions:
        row = row_of.get(id(cell), [cell])
        if _process_table(row):
            continue        # `PID USER PR NI VIRT`: a process's number heads that column, no patient's
        if _tag_row(row, cell):
            value = _tag_value(row, cell)
            if value is not None and not labels.is_caption(value.text):
                found.append(Field(label.category, value.line, value.start, value.end, "beside caption"))
            continue        # a tag browser's row holds its own value, or none: never the row under it
        # in a header row (`Accession  Mod  Study Date`) the cell beside a caption is the next header
        value = None if id(cell) in headers else (layout.right_neighbour(cell, flat)
                                                  or _form_value(cell, row, captions, row_of, flat))
        how = "beside caption"
        if value is None or labels.is_caption(value.text):
            value, how = layout.below(cell, flat), "under caption"
        if (value is None or labels.is_caption(value.text)) and not label.weak:
            value, how = layout.in_box_below(cell, flat), "under caption"
        if value is not None and not labels.is_caption(value.text) and not _starts_with_label(value):
            typed = how == "beside caption" and cell.text.rstrip().endswith(":")
            found.append(Field(label.category, value.line, value.start, value.end, how, typed=typed))
            if how == "under caption" and not label.weak and id(cell) not in headers:
                found += _list_rows(value, label, flat)
    found += _columns(lines, cells)
    return found


def _list_rows(first: Cell, label, flat: list[Cell]) -> list[Field]:
    """A patient list is one column under one caption (`Patient Name` over a name a row): every row
    below the first value is a value too, read well or garbled, until a gap or another caption."""
    out = []
    for cell in layout.list_below(first, flat):
        if labels.is_caption(cell.text) or _starts_with_label(cell):
            break
        # weaker than the first row: a row of ordinary words (a side menu's `Studies`) is not read as a value
        out.append(Field(label.category, cell.line, cell.start, cell.end, "in column", colon=False))
    return out


# A DICOM tag browser prints each attribute as one row: `(0010,0010)  Patient's Name  PN  SMITH^ANN`
# OCR damages the tag (a 0 read as o, an 8 as s, the bracket as }, the comma as a dot) and may join the
# VR to it: `(o002,0015} ul`. Eight digits in brackets without their comma stay an ID: `(00123456)` is
# as likely a hospital number as a tag that lost its comma.
_HEX = r"[0-9A-Fa-fOoSs]"
_TAG = re.compile(rf"^[(\[{{]?{_HEX}{{4}}\s?[,.]\s?{_HEX}{{4}}[)\]}}]?(?:\s+[A-Za-z]{{2}})?$")
_VR = frozenset("AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV"
                .split())


def _right_of(row: list[Cell], cell: Cell) -> list[Cell]:
    return [c for c in row if c.box[0] >= cell.box[2] - 2 and c is not cell]


PANEL_GAP = 40.0        # text heights of empty row after a form's value: the screen's next panel starts there


def _this_panel(right: list[Cell], height: float) -> list[Cell]:
    """The cells right of a caption up to the first gap of PANEL_GAP text heights. A screenshot sets
    panels side by side (a form beside the image viewport, a side bar beside a list): a row of the form
    runs on into the next panel, whose stray marks (`~` over the image, a viewport's readout) are no
    second value of the caption's row."""
    ordered = sorted(right, key=lambda c: c.box[0])
    for k in range(1, len(ordered)):
        if ordered[k].box[0] - max(c.box[2] for c in ordered[:k]) > PANEL_GAP * height:
            return ordered[:k]
    return ordered


def _tag_row(row: list[Cell], cell: Cell) -> bool:
    return any(_TAG.match(c.text.strip()) for c in row if c.box[2] <= cell.box[0] + 2)


def is_tag_row(row: list[Cell]) -> bool:
    """The row opens with a DICOM tag number: a tag browser's attribute row."""
    return bool(row) and bool(_TAG.match(row[0].text.strip()))


def _tag_value(row: list[Cell], cell: Cell) -> Cell | None:
    """The value of a tag browser's row: the cells right of the attribute's name, less its VR (two
    capitals, or a scrap of at most three signs where OCR damaged them) when a value follows it."""
    right = _right_of(row, cell)
    while right and (right[0].text.strip("[]|() ") in _VR or (len(right) > 1 and len(right[0].text.strip()) <= 4
                                                              and not any(ch.isdigit() for ch in right[0].text))):
        right = right[1:]
    if not right or right[0].text.strip("[]|() ") in _VR:
        return None
    return _through_line(right[0], right)


def _through_line(first: Cell, right: list[Cell]) -> Cell:
    """The value from `first` to the last cell of its line on the row (a name in capitals read as
    two cells, `DE` and `LA CRUZ`, is one value)."""
    same = [c for c in right if c.line == first.line and c.start >= first.start]
    words = tuple(w for c in same for w in c.words)
    return Cell(first.line, first.start, same[-1].end, layout._union(c.box for c in same),
                " ".join(w.text for w in words), words)


def _form_value(cell: Cell, row: list[Cell], captions, row_of, flat: list[Cell]) -> Cell | None:
    """A two-column form (`Surname` | `DE LA CRUZ`, the value column far to the right of the label
    column): the caption's value is the first cell right of it on its row, however far, when another
    caption left-aligned with it has a value on its own row left-aligned with this one, and no text
    starts in the gap between them on the rows around."""
    right = _this_panel(_right_of(row, cell), cell.height)
    if not right or any(c.line != right[0].line for c in right):
        return None     # the row holds the caption and one value (read as one line), nothing else
    value, h = right[0], cell.height
    if any(cell.box[2] + h < c.box[0] < value.box[0] - h and abs(c.centre_y - cell.centre_y) < 3 * h for c in flat):
        return None     # text starting in the gap nearby: the far cell is another column's (a caption over a box)
    for other, _ in captions:
        if other is cell or abs(other.box[0] - cell.box[0]) > layout.ALIGN * h or abs(other.centre_y - cell.centre_y) < h:
            continue
        theirs = _right_of(row_of.get(id(other), [other]), other)
        if theirs and abs(theirs[0].box[0] - value.box[0]) <= layout.ALIGN * h:
            return _through_line(value, right)
    return None


def _starts_with_label(cell: Cell) -> bool:
    """A cell that opens with a label, or with any `Words:` of its own, is its own field, not the
    value of a caption above it."""
    words = [w.text for w in cell.words]
    label = labels.label_at(words)
    if label is not None and (not label.weak or labels.ends_with_colon(words, 0, label)):
        return True
    return any(w.rstrip().endswith(":") and any(ch.isalpha() for ch in w) for w in words[:3])


def _after_labels(cell: Cell, captions: list) -> list[Field]:
    """`Patient ID: 123`, `DOB 14/03/1961` inside one cell; a cell that is only a label is a
    caption whose value lies beside or under it (also when OCR misread a letter of it)."""
    words = [w.text for w in cell.words]
    out = []
    if 1 <= len(words) <= 3 and not labels.label_at(words):
        misread = labels.misread_label([w.strip("\u2018\u2019'\"“”|") for w in words], 0, alone=True)
        if misread is not None and misread.words == len(words):
            captions.append((cell, misread))
            return out
    i = 0
    while i < len(words):
        label = labels.label_at(words, i) or (labels.misread_label(words, i) if i == 0 else None)
        if label is None:
            i += 1
            continue
        colon = labels.ends_with_colon(words, i, label)
        if label.weak and (not colon or i > 0):
            i += label.words        # `Model Name:` is not a patient's name; a weak label must open its cell
            continue
        j = i + label.words
        while j < len(words) and words[j] in (":", "=", "#", "#:", "-"):
            j += 1
        k = j
        while k < len(words):
            nxt = labels.label_at(words, k)
            if nxt is not None and labels.ends_with_colon(words, k, nxt) and k > j:
                break
            k += 1
        if k > j:
            first, last = cell.words[j], cell.words[k - 1]
            sure = colon and not label.misread
            out.append(Field(label.category, cell.line, first.start, last.end, "after label", sure, typed=sure))
        elif i == 0 and (colon or not label.weak):
            captions.append((cell, label))
        i = max(k, i + 1)
    return out


# Columns of a process table (`top`, `ps`, a task manager), where PID numbers a process, not a patient.
_PROCESS_COLUMNS = frozenset("user pr ni virt res shr share rss stat %cpu xcpu cpu% %mem xmem mem% ppid tty nlwp "
                             "wchan command time+".split())


def _process_table(cells_in_line: list[Cell]) -> bool:
    """`PID USER PR NI VIRT RES`: `top`'s header. A worklist that also has a `Command` or `Time+` column
    is still a worklist when its header names what only a patient has (`Name`, `DOB`, `MRN`)."""
    words = [w.text.strip(":|").lower() for cell in cells_in_line for w in cell.words]
    if "pid" not in words or sum(w in _PROCESS_COLUMNS for w in words) < 2:
        return False
    return not {getattr(labels.label_at([word]), "category", None) for word in words} & _PATIENT_COLUMNS


_PATIENT_COLUMNS = frozenset({"name", "date-of-birth", "hospital-number", "nhs-number", "chi-number", "accession"})


def _header(cells_in_line: list[Cell]) -> list[tuple[float, str | None]] | None:
    """Column anchors (left x, category or None) when a line reads as a table header: at least two
    labels, or one strong label among other header words; no label ends with a colon; no digits.
    A process table's header (`PID USER PR NI VIRT RES`) heads no identifiers."""
    if _process_table(cells_in_line):
        return None
    anchors: list[tuple[float, str | None]] = []
    n_labels = strong = header_words = total = 0
    if len(cells_in_line) > 2 and cells_in_line[0].text.strip("[]()#|").isdigit():
        cells_in_line = cells_in_line[1:]       # a row count or checkbox before the header: `12 Patient Name ...`
    for cell in cells_in_line:
        words = [w.text for w in cell.words]
        i = 0
        new_cell = True
        while i < len(words):
            total += 1
            if any(ch.isdigit() for ch in words[i]):
                return None
            label = labels.label_at(words, i)
            if label is not None:
                if labels.ends_with_colon(words, i, label):
                    return None
                anchors.append((cell.words[i].box[0], label.category))
                n_labels += 1
                strong += not label.weak
                header_words += label.words
                total += label.words - 1
                i += label.words
                new_cell = True
                continue
            if new_cell or (anchors and anchors[-1][1] is not None):
                anchors.append((cell.words[i].box[0], None))
            header_words += words[i][:1].isupper()
            new_cell = False
            i += 1
    if n_labels >= 2 or (strong and len(anchors) >= 2):
        if header_words >= 0.6 * max(total, 1):
            return sorted(anchors, key=lambda anchor: anchor[0])     # two readings of one header share an x
    return None


def _columns(lines, cells: list[list[Cell]]) -> list[Field]:
    """Values under table headers. Headers stacked one under another all apply (a worklist prints
    a patient header over a study header); a new header further down starts a new table. Only data
    rows count: a row holding at least one value of the form its column's kind takes (a date under
    a date header, a code with a digit under an ID header), so the labels of a search form over
    empty input boxes do not turn the boxes' borders into identifiers."""
    rows = layout.rows([c for line_cells in cells for c in line_cells])
    heads = []
    for k, row in enumerate(rows):
        anchors = _header(row)
        if anchors:
            heads.append((k, _columns_of(row, anchors)))
    found = []
    h = 0
    while h < len(heads):
        group = [heads[h]]
        while h + 1 < len(heads) and _stacked(rows[group[-1][0]], rows[heads[h + 1][0]]):
            h += 1
            group.append(heads[h])
        h += 1
        stop = heads[h][0] if h < len(heads) else len(rows)
        found += _table(lines, rows, group, stop)
    return found


def _box(row: list[Cell]) -> tuple[int, int, int, int]:
    return layout._union(c.box for c in row)


def _stacked(upper: list[Cell], lower: list[Cell]) -> bool:
    a, b = _box(upper), _box(lower)
    return b[1] - a[3] <= 2.5 * max(1, a[3] - a[1])


def _columns_of(header_cells: list[Cell], anchors) -> list[Column]:
    height = max(1, min(c.height for c in header_cells))
    columns = []
    for k, (x, category) in enumerate(anchors):
        right = anchors[k + 1][0] - 0.5 * height if k + 1 < len(anchors) else float("inf")
        if category is not None:
            header = next((c for c in header_cells if c.box[0] <= x <= c.box[2]), header_cells[0])
            columns.append(Column(header, category, x - 1.5 * height, right))
    return columns


def _table(lines, rows, group, stop) -> list[Field]:
    last_header = group[-1][0]
    top = _box(rows[last_header])
    height = max(1, top[3] - top[1])
    columns = [c for _, cols in reversed(group) for c in cols]      # the nearest header first
    found, last = [], top[3]
    for k in range(last_header + 1, stop):
        box = _box(rows[k])
        if box[1] - last > TABLE_REACH * 2 * height:
            break
        last = max(last, box[3])
        values = _column_values(rows[k], columns)
        if any(_typed(lines[f.line].text[f.start:f.end], f.category) for f in values):
            found += values
    return found


def _typed(value: str, category: str) -> bool:
    """The value has the form its column's kind takes: a date with digits, a code with a digit."""
    if category in ("date", "date-of-birth"):
        return any(ch.isdigit() for ch in value) and any(sep in value for sep in "/.-") or \
            sum(ch.isdigit() for ch in value) >= 6
    if category in ("patient-id", "hospital-number", "accession", "nhs-number", "chi-number", "uid"):
        return any(ch.isdigit() for ch in value)
    return False


def _column_values(row: list[Cell], columns: list[Column]) -> list[Field]:
    """Each run of words of one line under one column is one value; where headers overlap, every
    column that holds the word proposes it (values.py keeps the kinds its form fits)."""
    out = []
    for column in columns:
        for cell in row:
            run: list = []
            for word in cell.words:
                if layout.column_of([column], word) is column:
                    run.append(word)
                elif run:
                    out.append(Field(column.category, cell.line, run[0].start, run[-1].end, "in column"))
                    run = []
            if run:
                out.append(Field(column.category, cell.line, run[0].start, run[-1].end, "in column"))
    return out
