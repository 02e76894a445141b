"""An instructor in JupyterLab: Formgrader lists the autograded submissions, a (c) answer is
graded by hand, and the manual score then appears in grades.csv and in the regenerated
feedback. The feedback itself is checked in the browser offline: formulas typeset, long
lines wrapped, the ungraded answer "not graded yet" and a provisional total before, a final
total after."""
from __future__ import annotations

import csv
import os
import shutil

import pytest

from playwright.sync_api import expect

from coursetools import course, demo, pipeline

from ..conftest import ASSIGNMENTS
from .conftest import jupyter_lab

A = "01_lookup" if "01_lookup" in ASSIGNMENTS else ASSIGNMENTS[0]
STUDENTS = ("demo-reference", "demo-variants", "demo-mistakes")
MANUAL_SCORE = 1.5


def graded_course(root):
    shutil.copytree(course.ROOT / "source" / A, root / "source" / A)
    shutil.copy(course.ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    os.environ.setdefault("COURSE_CELL_TIMEOUT", "15")
    pipeline.build([A], root=root)
    pairs = demo.write_all([A], root, students=STUDENTS)
    jobs = pipeline.autograde(pairs, root=root)
    assert all(j["success"] for j in jobs), [j["log"][-1500:] for j in jobs]
    pipeline.feedback([A], root=root)
    pipeline.export_csv(root / "grades.csv", root=root)
    return root


def manual_cell(root) -> tuple[str, float]:
    with course.gradebook(root) as gb:
        cell = next(c for nb in gb.find_assignment(A).notebooks for c in nb.grade_cells if c.cell_type == "markdown")
        return cell.name, cell.max_score


def offline(page):
    """The feedback page gets no network: every http(s) request is refused."""
    page.route("http*://**", lambda route: route.abort())


def check_feedback_page(page, path, shots, name):
    offline(page)
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-math') === 'rendered'")
    assert page.locator(".katex").count() > 0, "no formula was typeset offline"
    assert page.locator(".katex-error").count() == 0, "KaTeX could not typeset a formula"
    too_wide = page.evaluate("""() => [...document.querySelectorAll('pre')]
        .filter(p => p.scrollWidth > p.clientWidth + 2).length""")
    assert too_wide == 0, f"{too_wide} block(s) of text run off the page instead of wrapping"
    shots(page, name)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return graded_course(tmp_path_factory.mktemp("instructor") / "course")


def test_feedback_reads_offline(page, shots, graded):
    """Before hand-grading: formulas typeset with no network, long lines wrapped, the (c)
    answer "not graded yet", the total provisional; a named mistake readable."""
    answer_id, _ = manual_cell(graded)
    student = "demo-variants"              # wrote a (c) answer nobody has graded (not touched below)
    check_feedback_page(page, graded / "feedback" / student / A / f"{A}.html", shots, "feedback before hand grading")
    assert page.locator("#provisional").is_visible()
    assert "provisional" in page.locator("#total").inner_text()
    page.locator(f"a[name='{answer_id}']").scroll_into_view_if_needed()
    assert page.locator(".nbgrader_cell .not-graded").count() == 1
    shots(page, "the answer is not graded yet")
    check_feedback_page(page, graded / "feedback" / "demo-mistakes" / A / f"{A}.html", shots, "feedback of the mistakes")
    page.get_by_text("Likely mistake").first.scroll_into_view_if_needed()
    shots(page, "a likely mistake named, lines wrapped")


def test_instructor_flow(page, shots, tmp_path, graded):
    root = graded
    answer_id, answer_max = manual_cell(root)
    student = "demo-reference"            # changed the (c) answer: it waits for a human

    with jupyter_lab(root, tmp_path / "lab") as lab:
        lab.login(page)
        page.goto(lab.at(f"/formgrader/gradebook/{A}/{A}"))
        rows = page.locator("table tbody tr", has=page.locator("td + td"))    # not the "Loading..." row
        expect(rows).to_have_count(len(STUDENTS), timeout=60_000)
        shots(page, "formgrader lists the autograded submissions")
        assert "needs manual grade" in page.locator("table").inner_text().lower() or \
            page.locator(".glyphicon-flag, .needs_manual_grade").count() > 0

        with course.gradebook(root) as gb:
            submission = gb.find_submission_notebook(A, A, student).id
        page.goto(lab.at(f"/formgrader/submissions/{submission}/?index=0"))
        score = page.locator(f"input.score#{answer_id}")
        score.scroll_into_view_if_needed()
        shots(page, "the (c) answer in formgrader")
        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
            score.fill(str(MANUAL_SCORE))
            score.press("Tab")
        assert saved.value.ok, saved.value.status
        shots(page, "graded by hand")

    with course.gradebook(root) as gb:
        assert gb.find_grade(answer_id, A, A, student).manual_score == MANUAL_SCORE
    pipeline.feedback([A], root=root)
    pipeline.export_csv(root / "grades.csv", root=root)
    with open(root / "grades.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["student_id"] == student and r["assignment"] == A)
    auto = float(row["max_score"]) - answer_max
    assert float(row["raw_score"]) == auto + MANUAL_SCORE, row

    offline(page)
    page.goto((root / "feedback" / student / A / f"{A}.html").as_uri())
    text = " ".join(page.locator("body").inner_text().split())
    assert f"{auto + MANUAL_SCORE:.1f} / {float(row['max_score']):.1f}" in text, "the total counts the manual score"
    assert page.locator("#provisional").count() == 0 and "not graded yet" not in text
    heading = page.locator(f"a[name='{answer_id}'] + .panel-heading")
    heading.scroll_into_view_if_needed()
    assert f"Score: {MANUAL_SCORE} / {answer_max:.1f}" in " ".join(heading.inner_text().split())
    shots(page, "the manual score in the regenerated feedback")
