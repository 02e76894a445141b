"""Hostile and broken submissions (tests/hostile.py), graded in the same batch
as the demo class: each costs only the points it deserves, is explained in
the report, and is flagged by the audit where it reaches for the grader."""
from __future__ import annotations

import pytest

from coursetools import pipeline

from . import hostile
from .conftest import ASSIGNMENTS

pytestmark = pytest.mark.skipif(hostile.A not in ASSIGNMENTS, reason="the catalogue is built on 01_lookup")

IDS = [h.student for h in hostile.CATALOGUE]


def _scores(graded_class, student):
    try:
        cells = graded_class.cell_scores(student, hostile.A)
    except Exception:  # noqa: BLE001 - nothing recorded counts as zero
        cells = {}
    return {k: (cells.get(k, (None, None))[0] or 0) for k in hostile.FULL}


@pytest.mark.parametrize("entry", hostile.CATALOGUE, ids=IDS)
def test_costs_only_the_points_it_deserves(graded_class, entry):
    assert _scores(graded_class, entry.student) == entry.expect, graded_class.why(entry.student, hostile.A)


@pytest.mark.parametrize("entry", hostile.CATALOGUE, ids=IDS)
def test_report_explains_and_flags(graded_class, entry):
    row = graded_class.row(entry.student, hostile.A)
    lost = [k for k, v in entry.expect.items() if v < hostile.FULL[k]]
    assert len(row.lost) >= len(lost), f"every lost point needs a reason: {row.lost}"
    if entry.reason:
        words = entry.reason.split("|")
        assert any(w in r for r in row.lost for w in words), f"no reason mentions {entry.reason!r}: {row.lost}"
    if entry.flag:
        assert any(entry.flag in f for f in row.flags), f"no flag mentions {entry.flag!r}: {row.flags}"


def test_honest_students_are_not_flagged(graded_class):
    for student in ("demo-reference", "demo-variants", "demo-blank"):
        for a in ASSIGNMENTS:
            assert graded_class.row(student, a).flags == [], f"{student}/{a} flagged: {graded_class.row(student, a).flags}"


def test_regrading_is_idempotent_and_touches_no_one_else(graded_class):
    def snapshot():
        from coursetools import course
        with course.gradebook(graded_class.root) as gb:
            return {(sub.student.id, a.name, nb.name, g.name): (g.score, g.max_score)
                    for a in gb.assignments for sub in a.submissions for nb in sub.notebooks for g in nb.grades}
    before = snapshot()
    jobs = pipeline.autograde([(hostile.A, "demo-mistakes"), (hostile.A, "h-warning")], root=graded_class.root)
    assert all(j["success"] for j in jobs), [j["log"][-500:] for j in jobs]
    assert snapshot() == before
