"""Where text sits in a picture: cells, rows, stacks and table columns.

OCR gives lines of words with boxes. Viewers lay identifiers out in a few fixed ways, and where a
value sits says what it is: after a label on its line, in the cell to the right of a caption, under
a caption, in a column under a header, or in a corner block of stacked lines. This module knows only
geometry (a cell is a run of words with small gaps; a row is cells on one baseline; a stack is
cells aligned one under another); which text is a label is labels.py's business.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[int, int, int, int]

CELL_GAP = 1.1          # a gap wider than this many text heights ends a cell...
SPACE_GAP = 2.0         # ...and, in a monospaced font, than this many character widths (a space after a comma)
MONO_SPREAD = 1.12      # widest over narrowest width per character of a monospaced line's words
STACK_GAP = 1.0         # a cell starts a new stack when the gap above it is wider (text heights)
ALIGN = 1.2             # left, centre or right edges this close (text heights) are aligned
_JOINERS = ("-", "_", "/", ".")     # a word ending so continues in the next one (`QIN-HEADNECK-` `01-0139`)
# a word that is only one of these separates the fields of a banner or a table row read as one line
# (`NGUYEN, Van | 12/03/1961 | NHS 943 476 5919`, `SMITH, Ann • Born ...`): it ends a cell and joins none
SEPARATORS = frozenset("| • · « » ‖ ¦ │".split())


@dataclass(frozen=True)
class Word:
    line: int
    start: int          # character offsets in the line's text
    end: int
    box: Box
    text: str


@dataclass(frozen=True)
class Cell:
    line: int
    start: int
    end: int
    box: Box
    text: str
    words: tuple[Word, ...]

    @property
    def height(self) -> int:
        """The text height: the lowest word's, leaving out words without a letter or digit (the box of a
        lone dash in `6967 - 8846` is two pixels high and would put the value on no row)."""
        words = [w for w in self.words if any(ch.isalnum() for ch in w.text)] or self.words
        return max(1, min(w.box[3] - w.box[1] for w in words) if words else self.box[3] - self.box[1])

    @property
    def centre_y(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def words_of(lines) -> list[list[Word]]:
    """Each line's words (from the reader's spans; one word per line when it gave none)."""
    out = []
    for index, line in enumerate(lines):
        spans = getattr(line, "spans", ()) or ((0, len(line.text), line.box),)
        out.append([Word(index, s, e, tuple(int(v) for v in b), line.text[s:e]) for s, e, b in spans
                    if line.text[s:e].strip()])
    return out


def _union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _text_height(words: list[Word]) -> int:
    heights = sorted(w.box[3] - w.box[1] for w in words)
    return max(1, heights[len(heights) // 2])


def _monospaced_width(words: list[Word]) -> float:
    """The width of a character when the line is set in a monospaced font (viewer overlays often use
    one: a space there is as wide as a letter, wider than a text height allows for), else 0. Told by
    the words of three characters or more having one width per character, within MONO_SPREAD."""
    widths = sorted((w.box[2] - w.box[0]) / len(w.text) for w in words if len(w.text.strip()) >= 3)
    if len(widths) < 2 or widths[-1] > MONO_SPREAD * widths[0]:
        return 0.0
    return widths[len(widths) // 2]


def cells_of(lines) -> list[list[Cell]]:
    """Each line split into cells at wide gaps: a worklist row read as one line becomes its cells."""
    out = []
    for words in words_of(lines):
        cells: list[Cell] = []
        if not words:
            out.append(cells)
            continue
        height = _text_height(words)
        gap = max(CELL_GAP * height, SPACE_GAP * _monospaced_width(words))
        run: list[Word] = []
        for word in words:
            if word.text.strip() in SEPARATORS:
                if run:
                    cells.append(_cell(lines, run))
                run = []
                continue
            joined = run and run[-1].text.endswith(_JOINERS) and word.text[:1].isalnum()    # `QIN-HEADNECK-` `01-0139`
            if run and word.box[0] - run[-1].box[2] > gap and not joined:
                cells.append(_cell(lines, run))
                run = []
            run.append(word)
        if run:
            cells.append(_cell(lines, run))
        out.append(cells)
    return out


def _cell(lines, run: list[Word]) -> Cell:
    line = lines[run[0].line]
    return Cell(run[0].line, run[0].start, run[-1].end, _union(w.box for w in run),
                line.text[run[0].start:run[-1].end], tuple(run))


def same_row(a: Cell, b: Cell) -> bool:
    """Centres level and heights alike; a value in an input box whose border the reader took for a
    `|` stands taller than its caption, and is on the caption's row while it spans the caption's height."""
    h, tall = min(a.height, b.height), max(a.height, b.height)
    if abs(a.centre_y - b.centre_y) > 0.5 * h:
        return False
    if tall <= 1.8 * h:
        return True
    short, high = (a, b) if a.height <= b.height else (b, a)
    return tall <= 2.2 * h and high.box[1] <= short.box[1] and high.box[3] >= short.box[3]


def rows(cells: list[Cell]) -> list[list[Cell]]:
    """Cells on one baseline, whatever line of the reader they came from, left to right; rows top
    to bottom. A table header read as separate regions is one row again."""
    out: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.centre_y, c.box[0])):
        for row in out[-3:]:
            if any(same_row(cell, other) for other in row):
                row.append(cell)
                break
        else:
            out.append([cell])
    for row in out:
        row.sort(key=lambda c: c.box[0])
    return sorted(out, key=lambda r: min(c.box[1] for c in r))


def right_neighbour(cell: Cell, cells: list[Cell], reach: float = 12.0) -> Cell | None:
    """The nearest cell to the right on the same row, within `reach` text heights."""
    best = None
    for other in cells:
        if other is cell or not same_row(cell, other) or other.box[0] < cell.box[2] - 2:
            continue
        if other.box[0] - cell.box[2] > reach * cell.height:
            continue
        if best is None or other.box[0] < best.box[0]:
            best = other
    return best


def aligned(a: Box, b: Box, height: int) -> bool:
    tol = ALIGN * height
    return (abs(a[0] - b[0]) <= tol or abs(a[2] - b[2]) <= tol
            or abs((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) <= tol)


def below(cell: Cell, cells: list[Cell]) -> Cell | None:
    """The cell directly under `cell`: aligned with it, the gap at most STACK_GAP text heights."""
    best = None
    for other in cells:
        if other is cell or other.box[1] < cell.box[3] - 0.3 * cell.height:
            continue
        gap = other.box[1] - cell.box[3]
        if gap > STACK_GAP * max(cell.height, other.height) or max(other.height, cell.height) > 1.8 * min(
                other.height, cell.height):
            continue
        if not aligned(cell.box, other.box, cell.height):
            continue
        if best is None or other.box[1] < best.box[1]:
            best = other
    return best


def list_below(first: Cell, cells: list[Cell]) -> list[Cell]:
    """The rest of a one-column list that `first` opens: cells aligned with it, each starting within
    STACK_GAP text heights of the run above (two readers' readings of one row overlap and both join)."""
    height, bottom, run = first.height, first.box[3], []
    for other in sorted(cells, key=lambda c: (c.box[1], c.box[0])):
        if other is first or other.box[1] < first.box[3] - 0.3 * height:
            continue
        if not aligned(first.box, other.box, height) or max(other.height, height) > 1.8 * min(other.height, height):
            continue        # another column, or text of another size
        if other.box[1] - bottom > STACK_GAP * max(height, other.height):
            break           # a gap: the list has ended
        run.append(other)
        bottom = max(bottom, other.box[3])
    return run


def in_box_below(cell: Cell, cells: list[Cell]) -> Cell | None:
    """A form's value written in the box under its caption: below it within two text heights,
    starting anywhere from the caption's left edge to a little past its right edge."""
    best = None
    for other in cells:
        if other is cell or other.centre_y <= cell.centre_y + 0.5 * cell.height:
            continue
        if other.box[1] - cell.box[3] > 2 * cell.height or not (
                cell.box[0] - cell.height <= other.box[0] <= cell.box[2] + 4 * cell.height):
            continue
        if best is None or (other.box[1], other.box[0]) < (best.box[1], best.box[0]):
            best = other
    return best


def stacks(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into stacks read top to bottom: each cell joins the stack whose last cell it
    lies directly under. A viewer's corner block (name, ID, birth date) is one stack."""
    ordered = sorted(cells, key=lambda c: (c.box[1], c.box[0]))
    result: list[list[Cell]] = []
    for cell in ordered:
        home = None
        for stack in result:
            last = stack[-1]
            if below(last, [cell]) is cell:
                home = stack
                break
        if home is None:
            result.append([cell])
        else:
            home.append(cell)
    return result


@dataclass(frozen=True)
class Column:
    header: Cell
    category: str
    left: float             # x range of the column's values
    right: float


def column_of(columns: list[Column], word: Word) -> Column | None:
    """The column holding the word's centre (a value spilling past its column's header is judged
    where most of it stands)."""
    centre = (word.box[0] + word.box[2]) / 2
    for column in columns:
        if column.left <= centre < column.right:
            return column
    return None



def join_wrapped(lines) -> list:
    """A value wrapped in a narrow table cell (`ACRIN-6698-` over `102212`, `04-04-` over `2002`) is
    one value again: when a line's last cell ends in a joining mark and a line stands directly under
    that cell, left-aligned with it and no wider, the two are read as one line."""
    from dataclasses import replace

    lines = list(lines)
    cells = cells_of(lines)
    order = sorted(range(len(lines)), key=lambda k: (lines[k].box[1], lines[k].box[0]))
    used: set[int] = set()
    joined = {}
    for a in order:
        upper = lines[a]
        if a in used or not cells[a] or not upper.text.rstrip().endswith(_JOINERS):
            continue
        cell = cells[a][-1]
        height = cell.height
        # left-aligned with the cell, or with the cell's last word (`@@ 04-04-` over `2002`: OCR put
        # an icon's scraps in front of the value)
        lefts = [cell.box[0]] + ([upper.spans[-1][2][0]] if getattr(upper, "spans", None) else [])
        for b in order:
            lower = lines[b]
            if b == a or b in used or not getattr(lower, "spans", None):
                continue
            gap = lower.box[1] - cell.box[3]
            if -0.2 * height <= gap <= 1.2 * height and min(abs(lower.box[0] - x) for x in lefts) <= height \
                    and lower.box[2] <= cell.box[2] + 2 * height and lower.box[3] - lower.box[1] <= 1.5 * height:
                text = upper.text.rstrip()
                shift = len(text)
                spans = tuple(upper.spans) + tuple((s + shift, e + shift, box) for s, e, box in lower.spans)
                joined[a] = replace(upper, text=text + lower.text, raw=upper.raw + lower.raw,
                                    box=_union([upper.box, lower.box]), spans=spans,
                                    conf=min(upper.conf, lower.conf), reliable=upper.reliable and lower.reliable)
                used.update((a, b))
                break
    return [joined.get(k, line) for k, line in enumerate(lines) if k not in used or k in joined]
