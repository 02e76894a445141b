"""The course's sanitize and feedback preprocessors on small fixture notebooks, as nbgrader's own
tests/preprocessors do (the grader-side judging ones are in test_judging.py)."""
from __future__ import annotations

import copy

from nbformat.v4 import new_code_cell

from coursetools import authoring, cells, feedback, notebooks
from coursetools.autograding import DeduplicateGradeIds, RestoreOrder

A = "01_lookup"


def _release():
    return authoring.notebook([
        authoring.setup("import numpy as np"),
        authoring.solution("f", 'def f(x):\n    """Double."""\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION'),
        authoring.test(A, "lookup_shapes", 1, "assert f(1) == 2"),
        authoring.solution("g", 'def g(x):\n    """Triple."""\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION'),
        authoring.test(A, "embedding_lookup_values", 2, "assert g(1) == 3"),
    ])


def _ids(nb):
    return [cells.grade_id(c) or c.source[:12] for c in nb.cells]


def test_restore_order_puts_graded_cells_back_with_the_students_own_cells(tmp_path, monkeypatch):
    release = _release()
    notebooks.write(release, tmp_path / "release" / A / f"{A}.ipynb")
    student = copy.deepcopy(release)
    mine = new_code_cell("print('my own cell after f')")
    student.cells.insert(2, mine)
    student.cells = student.cells[3:] + student.cells[:3]          # tests dragged above their functions
    pre = RestoreOrder()
    pre.config.CourseDirectory.root = str(tmp_path)
    nb, _ = pre.preprocess(student, {"nbgrader": {"assignment": A, "notebook": A}})
    assert _ids(nb) == ["setup", "f", "print('my ow", "test_lookup_shapes", "g", "test_embedding_lookup_values"]


def test_restore_order_keeps_the_students_order_without_a_release_notebook(tmp_path):
    student = _release()
    student.cells.reverse()
    pre = RestoreOrder()
    pre.config.CourseDirectory.root = str(tmp_path)
    nb, _ = pre.preprocess(copy.deepcopy(student), {"nbgrader": {"assignment": A, "notebook": A}})
    assert _ids(nb) == _ids(student)


def test_duplicated_and_broken_graded_cells_become_plain_cells():
    nb = _release()
    twin = copy.deepcopy(nb.cells[2])
    broken = copy.deepcopy(nb.cells[4])
    broken.metadata["nbgrader"] = {"grade": True, "points": 1}                       # lost its grade_id
    nb.cells += [twin, broken]
    out, _ = DeduplicateGradeIds().preprocess(nb, {})
    graded = [cells.grade_id(c) for c in out.cells if "nbgrader" in c.metadata]
    assert graded == ["setup", "f", "test_lookup_shapes", "g", "test_embedding_lookup_values"]
    assert "nbgrader" not in out.cells[-1].metadata and "nbgrader" not in out.cells[-2].metadata


def test_feedback_hides_the_hidden_call_and_keeps_the_message():
    cell = authoring.test(A, "lookup_shapes", 1, "assert f(1) == 2")
    cell.outputs = [{"output_type": "error", "ename": "HiddenCheckFailed",
                     "evalue": "\x1b[31mlookup_shapes: expected 2, got 3\x1b[0m", "traceback": ["frame 1", "frame 2"]}]
    out, _ = feedback.SanitizeFeedback().preprocess_cell(cell, {}, 0)
    assert "answerkit" not in out.source and "HIDDEN" not in out.source and "assert f(1) == 2" in out.source
    assert out.outputs[0]["traceback"] == ["HiddenCheckFailed: lookup_shapes: expected 2, got 3"]
