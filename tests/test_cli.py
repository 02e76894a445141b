"""Every instructor command fails with a sentence, not a traceback, and leaves the
gradebook as it was: missing course folder, unknown assignment, corrupt or
locked gradebook, a submission layout nbgrader cannot read."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys

import pytest

from coursetools import cells, course

from .conftest import ASSIGNMENTS

A = ASSIGNMENTS[0]


def run(*args, cwd=None):
    done = subprocess.run([sys.executable, "-m", "coursetools", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or course.ROOT, timeout=300)
    return done.returncode, done.stdout + done.stderr


def no_traceback(output: str) -> bool:
    return "Traceback" not in output


@pytest.fixture
def small_course(tmp_path):
    shutil.copytree(course.ROOT / "source" / A, tmp_path / "source" / A)
    return tmp_path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_course_folder(tmp_path):
    code, out = run("--course", tmp_path / "nowhere", "report")
    assert code == 2 and "no course folder" in out and no_traceback(out)
    code, out = run("--course", tmp_path, "grade")
    assert code == 2 and "not a course folder" in out and no_traceback(out)


def test_unknown_assignment(small_course):
    code, out = run("--course", small_course, "build", "99_nothing")
    assert code == 2 and "unknown assignment" in out and A in out and no_traceback(out)


def test_corrupt_gradebook_is_reported_and_left_alone(small_course):
    db = small_course / "gradebook.db"
    db.write_bytes(b"this is not an SQLite file" * 100)
    before = digest(db)
    for command in ("report", "build", "grade"):
        code, out = run("--course", small_course, command)
        assert code == 2 and "cannot be read" in out and no_traceback(out), out
    assert digest(db) == before


def test_locked_gradebook_is_reported_and_left_alone(small_course):
    from nbgrader.api import Gradebook

    db = small_course / "gradebook.db"
    with Gradebook(f"sqlite:///{db}", course_id="token-embeddings") as gb:
        gb.add_student("alice")
    before = digest(db)
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, out = run("--course", small_course, "report")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "locked" in out and no_traceback(out), out
    assert digest(db) == before


def test_unreadable_submission_layout(small_course):
    sub = small_course / "submitted"
    (sub / "bob" / A).mkdir(parents=True)
    (sub / "bob" / A / f"{A} (1).ipynb").write_text("{}")
    (sub / "stray.zip").write_text("zip")
    (sub / "carol").mkdir()
    (sub / "carol" / "notes.txt").write_text("hi")
    code, out = run("--course", small_course, "grade", A, "--student", "nobody")
    assert code == 2 and "nothing to grade" in out and no_traceback(out), out
    assert "stray.zip is a file" in out and f"{A} (1).ipynb" in out and "outside an assignment folder" in out


def test_a_grader_fault_is_never_the_students_and_fails_the_command(small_course):
    """A check that cannot run: the cell says "grader error", is left unscored for a
    regrade, the report lists it and `grade` exits 1. `--unsandboxed` says so."""
    from coursetools import demo, judging, notebooks

    if A != "01_lookup":
        pytest.skip("built on 01_lookup")
    path = small_course / "source" / A / f"{A}.ipynb"
    nb = notebooks.read(path)
    broken = next(c for c in nb.cells if cells.grade_id(c) == "test_embedding_lookup_values")
    broken.source = broken.source.replace('"embedding_lookup_values"', '"no_such_check"')
    notebooks.write(nb, path)
    code, out = run("--course", small_course, "build", A)
    assert code == 0, out
    notebooks.write(demo.submission("demo-reference", A, small_course),
                    small_course / "submitted" / "alice" / A / f"{A}.ipynb")
    code, out = run("--course", small_course, "grade", A)
    assert code == 1 and "grader error" in out and "not the students" in out and no_traceback(out), out
    assert "UNSANDBOXED" not in out
    with course.gradebook(small_course) as gb:
        grade = next(g for g in gb.find_submission_notebook(A, A, "alice").grades
                     if g.name == "test_embedding_lookup_values")
        assert grade.auto_score is None and grade.needs_manual_grade
    cell = next(c for c in notebooks.read(small_course / "autograded" / "alice" / A / f"{A}.ipynb").cells
                if cells.grade_id(c) == "test_embedding_lookup_values")
    assert cell.outputs[0].ename == "GraderError"
    report = (small_course / "reports" / "class_report.md").read_text(encoding="utf-8")
    assert "grader error" in report.lower()
    code, out = run("--course", small_course, "grade", A, "--unsandboxed")
    assert "UNSANDBOXED" in out, out
    meta = notebooks.read(small_course / "autograded" / "alice" / A / f"{A}.ipynb").metadata[judging.GRADING]
    assert meta["sandboxed"] is False, out
