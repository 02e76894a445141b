"""Hostile and broken submissions (tests/hostile.py), graded in the same batch
as the demo class: each gets exactly the points its honest part deserves, is
explained in the report, and is flagged by the audit where it reaches for the
grader. A probe run inside a grading kernel shows what the sandbox hides."""
from __future__ import annotations

import json

import pytest

from coursetools import cells, judging, notebooks, pipeline

from . import hostile
from .conftest import ASSIGNMENTS

pytestmark = pytest.mark.skipif(hostile.A not in ASSIGNMENTS, reason="the catalogue is built on 01_lookup")

IDS = [h.student for h in hostile.CATALOGUE]


def _scores(graded_class, student) -> dict[str, float]:
    """Autograded points per test cell; a notebook nbgrader could not read has none (all zero)."""
    job = graded_class.job(student, hostile.A)
    expected = hostile.cell_functions(graded_class.root)
    try:
        recorded = graded_class.cell_scores(student, hostile.A)
    except Exception:  # noqa: BLE001 - no submission notebook in the gradebook
        assert not job["success"], f"graded, but nothing recorded:\n{job['log'][-2000:]}"
        return {gid: 0.0 for gid in expected}
    return {gid: float(recorded.get(gid, (0, None))[0] or 0) for gid in expected}


@pytest.mark.parametrize("entry", hostile.CATALOGUE, ids=IDS)
def test_costs_only_the_points_it_deserves(graded_class, entry):
    assert _scores(graded_class, entry.student) == hostile.deserved(graded_class.root, entry.broken), \
        graded_class.why(entry.student, hostile.A)


@pytest.mark.parametrize("entry", hostile.CATALOGUE, ids=IDS)
def test_report_explains_and_flags(graded_class, entry):
    row = graded_class.row(entry.student, hostile.A)
    deserved = hostile.deserved(graded_class.root, entry.broken)
    lost = [gid for gid, points in deserved.items() if points == 0]
    assert len(row.lost) >= len(lost), f"every lost point needs a reason: {row.lost}"
    if entry.reason:
        words = entry.reason.split("|")
        assert any(w in r for r in row.lost for w in words), f"no reason mentions {entry.reason!r}: {row.lost}"
    if entry.flag:
        words = entry.flag.split("|")
        assert any(w in f for f in row.flags for w in words), f"no flag mentions {entry.flag!r}: {row.flags}"
    if entry.note:
        notes = graded_class.autograded(entry.student, hostile.A).metadata[judging.GRADING]["notes"]
        assert any(entry.note in n["kind"] for n in notes), notes


def test_every_notebook_was_graded_in_the_sandbox(graded_class):
    for student in ("demo-reference", "forge-pass-line", "write-pth-file"):
        assert graded_class.autograded(student, hostile.A).metadata[judging.GRADING]["sandboxed"] is True


def test_no_test_cell_keeps_an_output_the_grader_did_not_write(graded_class):
    for entry in hostile.CATALOGUE:
        if entry.make is None:
            continue
        nb = graded_class.autograded(entry.student, hostile.A)
        for cell in nb.cells:
            if cells.is_test(cell):
                for out in cell.outputs:
                    assert out["output_type"] in ("stream", "error"), (entry.student, out)
                    text = out.get("text", "") or out.get("ename", "")
                    assert text.startswith(judging.PASS_MARK) or out.get("ename") in (
                        "HiddenCheckFailed", "GraderError"), (entry.student, out)


def test_feedback_carries_only_what_the_grader_wrote(graded_class):
    for student in ("write-files-for-feedback", "h-planted-modules", "demo-reference"):
        folder = graded_class.root / "feedback" / student / hostile.A
        names = sorted(p.name for p in folder.rglob("*") if p.is_file())
        assert names == [f"{hostile.A}.html", "timestamp.txt"] or names == [f"{hostile.A}.html"], names
    assert not (graded_class.root / "feedback" / "planted.txt").exists()


def test_a_grading_kernel_sees_no_grader_and_writes_nothing_that_lasts(graded_class):
    """The probe cell ran inside a grading kernel (tests/classroom.py adds the probe student)."""
    nb = graded_class.autograded("probe-sandbox", hostile.A)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")
    line = next(ln for ln in text.splitlines() if ln.startswith("PROBE "))
    probe = json.loads(line[len("PROBE "):])
    assert probe["cwd_is_scratch"], probe
    assert probe["readable"] == {}, f"visible from the kernel: {probe['readable']}"
    assert probe["writable"] == {}, f"writable from the kernel: {probe['writable']}"
    assert probe["network"] is False and probe["grader_processes"] == [], probe


def test_a_clean_resubmission_after_a_hostile_one_gets_its_own_score(graded_class):
    from coursetools import demo

    root = graded_class.root
    for student in ("write-pth-file", "write-module-in-workdir"):
        notebooks.write(demo.submission("demo-reference", hostile.A, root),
                        root / "submitted" / student / hostile.A / f"{hostile.A}.ipynb")
    jobs = pipeline.autograde([(hostile.A, "write-pth-file"), (hostile.A, "write-module-in-workdir")], root=root)
    assert all(j["success"] for j in jobs), [j["log"][-800:] for j in jobs]
    for student in ("write-pth-file", "write-module-in-workdir"):
        assert _scores(graded_class, student) == hostile.deserved(root, frozenset()), graded_class.why(
            student, hostile.A)


def test_honest_students_are_not_flagged(graded_class):
    for student in ("demo-reference", "demo-variants", "demo-blank"):
        for a in ASSIGNMENTS:
            assert graded_class.row(student, a).flags == [], f"{student}/{a} flagged: {graded_class.row(student, a).flags}"


def test_regrading_is_idempotent_and_touches_no_one_else(graded_class):
    def snapshot():
        from coursetools import course
        with course.gradebook(graded_class.root) as gb:
            return {(sub.student.id, a.name, nb.name, g.name): (g.score, g.max_score)
                    for a in gb.assignments for sub in a.submissions for nb in sub.notebooks for g in nb.grades
                    if sub.student.id not in ("write-pth-file", "write-module-in-workdir")}
    before = snapshot()
    jobs = pipeline.autograde([(hostile.A, "demo-mistakes"), (hostile.A, "h-warning")], root=graded_class.root)
    assert all(j["success"] for j in jobs), [j["log"][-500:] for j in jobs]
    assert snapshot() == before
