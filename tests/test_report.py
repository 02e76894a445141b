"""The class report from a gradebook and autograded notebooks written by hand (no kernels):
reasons in whole lines, the grader's record (unsandboxed banner, grader errors, notes),
HTML with plots, CSV, hand-grading still to do."""
from __future__ import annotations

import csv
import re

import nbformat
import pytest

from coursetools import report

A = "01_lookup"
LONG_LINE = ("embedding_lookup: " + "the returned array differs from the expected one in a way worth explaining " * 20).strip()
MESSAGE = (f"{LONG_LINE}\n"
           "embedding_lookup(E, ids) [B=2, T=3, repeated ids] with\n"
           "    E = [[0.1, 0.2], [0.3, 0.4]]\n"
           "expected: [[1.0]]\n"
           "got: [[2.0]]\n"
           "Likely mistake: negative ids wrap around (numpy reads E[-1] as the last row).")


def _cell(gid, points, source="check()", cell_type="code", outputs=()):
    meta = {"nbgrader": {"grade": True, "grade_id": gid, "points": points, "solution": cell_type == "markdown",
                         "locked": cell_type == "code", "schema_version": 3}}
    if cell_type == "markdown":
        return nbformat.v4.new_markdown_cell(source, metadata=meta)
    cell = nbformat.v4.new_code_cell(source, metadata=meta)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def _error(text, ename="AssertionError"):
    return {"output_type": "error", "ename": ename, "evalue": text, "traceback": []}


def _notebook(outputs_by_cell, record=None):
    cells = [_cell("test_lookup_shapes", 1, outputs=outputs_by_cell.get("test_lookup_shapes", ())),
             _cell("test_embedding_lookup_values", 2, outputs=outputs_by_cell.get("test_embedding_lookup_values", ())),
             _cell("explain_lookup", 2, "my answer", cell_type="markdown")]
    nb = nbformat.v4.new_notebook(cells=cells)
    if record is not None:
        nb.metadata["course_grading"] = record
    return nb


PASSED = [{"output_type": "stream", "name": "stdout", "text": f"{report.PASS_MARK} lookup_shapes\n"}]


@pytest.fixture
def course_dir(tmp_path):
    """A gradebook with one assignment and three students, and their autograded notebooks."""
    from nbgrader.api import Gradebook

    root = tmp_path
    notebooks = {
        # sandboxed, one named mistake, and a grader error on the shapes cell
        "ada": (_notebook({"test_lookup_shapes": [_error("the grader's judge crashed")],
                           "test_embedding_lookup_values": [_error(MESSAGE)]},
                          {"sandboxed": True, "notes": [
                              {"cell": "test_lookup_shapes", "kind": "grader-error", "text": "judge timed out"},
                              {"cell": "test_embedding_lookup_values", "kind": "execute-result-removed",
                               "text": "a displayed value was removed"}]}), {"test_lookup_shapes": 0,
                                                                             "test_embedding_lookup_values": 0}),
        # graded without the sandbox, full marks
        "bo": (_notebook({"test_lookup_shapes": PASSED, "test_embedding_lookup_values": PASSED},
                         {"sandboxed": False, "notes": []}), {"test_lookup_shapes": 1, "test_embedding_lookup_values": 2}),
        # graded before the grader kept a record; a malformed note list is ignored
        "cy": (_notebook({"test_lookup_shapes": PASSED,
                          "test_embedding_lookup_values": [_error(MESSAGE, "HiddenCheckFailed")]}),
               {"test_lookup_shapes": 1, "test_embedding_lookup_values": 0}),
    }
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="token-embeddings") as gb:
        gb.add_assignment(A)
        gb.add_notebook(A, A)
        for gid, points, kind in [("test_lookup_shapes", 1, "code"), ("test_embedding_lookup_values", 2, "code"),
                                  ("explain_lookup", 2, "markdown")]:
            gb.add_grade_cell(gid, A, A, max_score=points, cell_type=kind)
        for student, (nb, scores) in notebooks.items():
            gb.add_student(student)
            gb.add_submission(A, student)
            for gid, score in scores.items():
                g = gb.find_grade(gid, A, A, student)
                g.auto_score, g.needs_manual_grade = score, False
            answer = gb.find_grade("explain_lookup", A, A, student)
            answer.auto_score, answer.needs_manual_grade = None, True
            if student == "bo":
                answer.manual_score, answer.needs_manual_grade = 1.5, False
            gb.db.commit()
            for kind in ("autograded", "submitted"):
                path = root / kind / student / A / f"{A}.ipynb"
                path.parent.mkdir(parents=True)
                nbformat.write(nb, str(path))
    return root


def test_summary_keeps_whole_lines_and_words():
    text = report.summary(f"AssertionError: {MESSAGE}")
    assert " / " not in text
    lines = text.splitlines()
    assert lines[-1].startswith("Likely mistake: negative ids wrap around")
    assert not any(ln.startswith(("expected:", "got:", "[")) for ln in lines)
    first = lines[0]
    assert first.endswith(" …") and len(first) < len(LONG_LINE)
    words = set(LONG_LINE.split())
    assert all(w in words or w in ("AssertionError:", "…") for w in first.split()), "a word was cut in half"
    many = "\n".join(f"line {i} says something" for i in range(30))
    short = report.summary(many)
    assert short.splitlines()[-1] == f"(… {30 - report.REASON_LINES} more lines in the feedback)"


def test_grading_record_is_read_defensively():
    nb = nbformat.v4.new_notebook()
    assert report.grading_record(nb) == (None, [])
    nb.metadata["course_grading"] = "garbage"
    assert report.grading_record(nb) == (None, [])
    nb.metadata["course_grading"] = {"sandboxed": "yes", "notes": ["x", {"cell": "c", "kind": "missing-answers"}]}
    assert report.grading_record(nb) == (None, [{"cell": "c", "kind": "missing-answers", "text": ""}])


def test_results_read_scores_record_and_pending_hand_grading(course_dir):
    rows = {r.student: r for r in report.results(course_dir)}
    ada, bo, cy = rows["ada"], rows["bo"], rows["cy"]
    assert (ada.auto_score, ada.auto_max, bo.auto_score, cy.auto_score) == (0, 3, 3, 1)
    assert ada.sandboxed is True and bo.sandboxed is False and cy.sandboxed is None
    assert ada.cells["test_lookup_shapes"]["grader_error"]
    assert any(x.startswith("test_lookup_shapes (0/1): grader error") and "judge timed out" in x for x in ada.lost)
    assert ada.mistakes == [("embedding_lookup", "negative ids wrap around (numpy reads E[-1] as the last row)")]
    assert cy.mistakes == ada.mistakes
    assert ada.manual_pending == ["explain_lookup"] and bo.manual_pending == [] and bo.manual_score == 1.5


def test_write_md_html_csv(course_dir):
    rows = report.results(course_dir)
    md_path = report.write(rows, course_dir / "reports")
    md = md_path.read_text()
    html = (course_dir / "reports" / "class_report.html").read_text()
    assert "WITHOUT the sandbox" in md and "bo/01_lookup" in md
    assert md.index("WITHOUT the sandbox") < md.index("```"), "the banner comes first"
    assert " / " not in "".join(x for r in rows for x in r.lost)
    assert "grader note (execute-result-removed, test_embedding_lookup_values)" in md
    assert "Hand-grading still to do: 2 answer(s)" in md

    assert re.search(r'<div class="banner" id="unsandboxed">[^<]*bo/01_lookup', html)
    assert html.index('id="unsandboxed"') < html.index("<h2>Scores</h2>")
    assert '<span class="grader-error">grader error</span>' in html
    assert html.count('<img alt="') == 4, "four plots: scores, pass rate, mistakes, to-do and flags"
    assert "Most frequent named mistakes per function" in html and "negative ids wrap around" in html
    assert "2 not graded yet" in html and "+ 1.5/2 by hand" in html

    with open(course_dir / "reports" / "class_report.csv", newline="") as f:
        table = list(csv.DictReader(f))
    kinds = {(r["student"], r["cell"], r["kind"]) for r in table}
    assert ("ada", "test_lookup_shapes", "grader-error") in kinds
    assert ("ada", "explain_lookup", "manual-pending") in kinds and ("bo", "explain_lookup", "manual") in kinds
    assert ("bo", "test_lookup_shapes", "passed") in kinds and ("bo", "", "unsandboxed") in kinds
    assert ("ada", "test_embedding_lookup_values", "note:execute-result-removed") in kinds
    lost = next(r for r in table if r["student"] == "cy" and r["cell"] == "test_embedding_lookup_values")
    assert lost["kind"] == "lost" and lost["function"] == "embedding_lookup" and "\n" in lost["text"]


def test_no_banner_when_everything_was_sandboxed_or_unrecorded(course_dir):
    rows = [r for r in report.results(course_dir) if r.student != "bo"]
    assert "WITHOUT the sandbox" not in report.markdown(rows)
    assert 'id="unsandboxed"' not in report.html_report(rows)
