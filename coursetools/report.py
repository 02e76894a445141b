"""The grading report: scores per student and assignment, and a reason for
every lost point (read from the autograded notebooks), with the audit's flags."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solutions.grading import PASS_MARK

from . import audit, course, notebooks

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Result:
    student: str
    assignment: str
    auto_score: float = 0.0
    auto_max: float = 0.0
    manual_max: float = 0.0
    manual_score: float | None = None
    lost: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    graded: bool = True


def _text(outputs) -> tuple[str, str]:
    """(error message, stderr text) of a cell's outputs."""
    errors, stderr = [], []
    for out in outputs:
        if out.get("output_type") == "error":
            errors.append(f"{out.get('ename')}: {ANSI.sub('', str(out.get('evalue', '')))}".strip())
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            stderr.append(ANSI.sub("", out.get("text", "")))
    return "\n".join(errors), "".join(stderr)


def summary(message: str, limit: int = 400) -> str:
    """The lines of a check's message that say what went wrong (no input or array dumps)."""
    keep = [ln.strip() for ln in message.splitlines()
            if ln.strip() and not ln[:1].isspace() and not ln.lstrip().startswith(("[", "expected:", "got:"))]
    return " / ".join(keep)[:limit]


def cell_reasons(nb_path: Path) -> tuple[dict[str, str], list[str]]:
    """For each graded test cell of an autograded notebook: why it lost points
    (if it did), and suspicious signs (points without the check's pass line)."""
    reasons, suspicious = {}, []
    try:
        nb = notebooks.read(nb_path)
    except Exception:  # noqa: BLE001 - a missing or unreadable notebook has no reasons to give
        return reasons, suspicious
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade") or meta.get("solution") or cell.get("cell_type") != "code":
            continue
        gid = meta.get("grade_id", "?")
        outputs = cell.get("outputs", [])
        error, stderr = _text(outputs)
        text = error or stderr
        if text:
            if "CellTimeoutError" in text or "Timeout" in text and "Cell" in text:
                text = "the cell ran out of time (an endless loop or a very slow function)"
            reasons[gid] = summary(text)
        else:
            stdout = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
            if PASS_MARK not in stdout and "HIDDEN TESTS" in cell.source:
                suspicious.append(f"{gid}: points without the hidden check's pass line (check suppressed?)")
        if any(o.get("output_type") == "execute_result" for o in outputs):
            suspicious.append(f"{gid}: a test cell displayed a value (nbgrader reads it as a score)")
    return reasons, suspicious


def _handed_in(root: Path, assignment: str) -> set[str]:
    folder = root / "submitted"
    return {p.parent.name for p in folder.glob(f"*/{assignment}") if p.is_dir()} if folder.is_dir() else set()


def results(root: Path = course.ROOT, db_url: str | None = None, assignments=None) -> list[Result]:
    """One Result per submission: in the gradebook, or only in submitted/ (nothing could be graded)."""
    from nbgrader.api import MissingEntry

    out = []
    with course.gradebook(root, db_url) as gb:
        names = [a.name for a in gb.assignments if not assignments or a.name in assignments]
        for a in sorted(names):
            auto_cells = [(c.name, c.max_score) for nb in gb.find_assignment(a).notebooks for c in nb.grade_cells
                          if c.cell_type == "code"]
            students = {s.id for s in gb.students} | _handed_in(root, a)
            for student in sorted(students):
                try:
                    sub = gb.find_submission(a, student)
                except MissingEntry:
                    sub = None
                if sub is None and student not in _handed_in(root, a):
                    continue
                r = Result(student, a)
                nb_path = root / "autograded" / student / a / f"{a}.ipynb"
                reasons, suspicious = cell_reasons(nb_path)
                r.graded = nb_path.exists()
                r.flags = suspicious + audit.audit_submission(root / "submitted" / student / a, f"{a}.ipynb",
                                                              root / "release" / a)
                if sub is None:
                    why = next((f for f in r.flags if "notebook" in f or "empty" in f), "no notebook found")
                    for name, max_score in auto_cells:
                        r.auto_max += max_score
                        r.lost.append(f"{name} (0/{max_score:g}): nothing could be graded: {why}")
                manual_scores = []
                for nb in sub.notebooks if sub is not None else []:
                    for g in nb.grades:
                        if g.cell_type == "markdown":
                            r.manual_max += g.max_score
                            if g.score is not None and not g.needs_manual_grade:
                                manual_scores.append(g.score)
                            continue
                        r.auto_max += g.max_score
                        r.auto_score += g.score or 0.0
                        if (g.score or 0.0) < g.max_score:
                            why = reasons.get(g.name) or (
                                "not graded: the notebook is missing or could not be read" if not r.graded
                                else "needs manual grading" if g.needs_manual_grade else "no output recorded")
                            r.lost.append(f"{g.name} ({(g.score or 0):g}/{g.max_score:g}): {why}")
                r.manual_score = sum(manual_scores) if manual_scores else None
                out.append(r)
    return out


def table(rows: list[Result]) -> str:
    assignments = sorted({r.assignment for r in rows})
    students = sorted({r.student for r in rows})
    by = {(r.student, r.assignment): r for r in rows}
    short = [a.split("_", 1)[0] for a in assignments]
    width = max([len(s) for s in students] + [7])
    lines = ["autograded points per student and assignment (manual answers are graded in formgrader)",
             f"{'student':<{width}} " + " ".join(f"{s:>7}" for s in short) + f" {'total':>11} flags"]
    for s in students:
        cells, total, total_max, flags = [], 0.0, 0.0, 0
        for a in assignments:
            r = by.get((s, a))
            if r is None:
                cells.append(f"{'-':>7}")
                continue
            cells.append(f"{r.auto_score:>3g}/{r.auto_max:<3g}".rjust(7))
            total += r.auto_score
            total_max += r.auto_max
            flags += len(r.flags)
        lines.append(f"{s:<{width}} " + " ".join(cells) + f" {total:>5g}/{total_max:<5g} {flags:>5}")
    return "\n".join(lines)


def markdown(rows: list[Result]) -> str:
    parts = ["# Class report", "", "```", table(rows), "```", ""]
    for r in sorted(rows, key=lambda r: (r.student, r.assignment)):
        if not r.lost and not r.flags:
            continue
        parts.append(f"## {r.student} / {r.assignment}: {r.auto_score:g}/{r.auto_max:g} autograded")
        parts += [f"- lost: {x}" for x in r.lost]
        parts += [f"- flag: {x}" for x in r.flags]
        parts.append("")
    return "\n".join(parts)


def write(rows: list[Result], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "class_report.md"
    path.write_text(markdown(rows), encoding="utf-8")
    (folder / "results.json").write_text(json.dumps([r.__dict__ for r in rows], indent=1), encoding="utf-8")
    return path
