"""After the workers: renames and face risk decided from the headers the workers read (publication).

At publication nothing that goes into a file depends on other files, so the pack is not surveyed
up front (a second parse of every header, serial, before the pool starts): each worker returns the
survey of the header it read anyway, outputs are written under provisional names in the stage, and
here the parent decides the renames over the whole pack (plan.decide_names, the same rules as the
up-front survey), moves the files inside the stage, and attaches face-risk and rename findings to
the files they belong to. The stage becomes OUT only afterwards, so no provisional name is seen.
"""

from __future__ import annotations

import os
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.pack import dicom_file
from slidesan.pack.plan import decide_names, register_all
from slidesan.pack.work import CLEAN, Outcome, rename_finding
from slidesan.report.model import Finding

NOT_ENTRIES = ("skipped", "folder")


def finish_pack(outcomes: list[Outcome], state, mode: str, stage: Path | None, read, add_findings
                ) -> dict[str, str]:
    """Rename inside the stage and add the late findings; {folder: new name} for the folder report.

    `read(rel)` returns an input file's bytes (the face-risk pixel check); `add_findings(outcome,
    findings)` hands findings to the report (the sink) for a file already done."""
    entries = sorted((o for o in outcomes if o.kind not in NOT_ENTRIES), key=lambda o: o.rel)
    surveys = {o.rel: o.survey for o in entries if o.survey is not None}
    pseudonyms = register_all(state, surveys)
    flags = {o.rel: o.name_flags for o in entries if o.name_flags is not None}
    names, folder_names = decide_names([(o.rel, o.kind, o.out_rel) for o in entries], surveys, pseudonyms, flags)
    moves = []
    for outcome in entries:
        out_rel, renamed = names[outcome.rel]
        if renamed:
            add_findings(outcome, [rename_finding(what, old, new, mode) for what, old, new in renamed])
        if outcome.out_rel and out_rel != outcome.out_rel:
            moves.append((outcome, out_rel))
    if stage is not None and moves:
        move_in_stage(Path(stage), moves)
    by_rel = {o.rel: o for o in entries}
    for rel, findings in dicom_file.face_risk(surveys, read).items():
        if rel in by_rel:
            add_findings(by_rel[rel], findings)
    for outcome in entries:
        outcome.survey = None                      # not needed any more: memory
    return folder_names


def move_in_stage(stage: Path, moves: list[tuple[Outcome, str]]) -> None:
    """Move files to their final names in two steps (a final name may be another file's provisional
    one); every path is checked to stay inside the stage."""
    root = stage.resolve()
    parked = []
    for n, (outcome, final) in enumerate(moves):
        source = _inside(root, outcome.out_rel)
        holding = root / f".slidesan-move-{n}"
        os.replace(source, holding)
        parked.append((outcome, holding, final))
    for outcome, holding, final in parked:
        target = _inside(root, final)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(holding, target)
        outcome.out_rel = final


def _inside(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if root not in path.parents:
        raise SlidesanError(f"{rel}: output name would leave the output folder")
    return path


def add_to_outcome(outcome: Outcome, findings: list[Finding]) -> None:
    """Without a sink: the findings simply join the outcome's own."""
    for finding in findings:
        finding.file = outcome.rel
    outcome.findings.extend(findings)
