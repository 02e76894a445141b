"""One graded class for the whole suite.

A copy of the course in a temporary folder: release/ built from source/ by
nbgrader, every submission of the class (the demo students plus the hostile
catalogue of tests/hostile.py) autograded in one parallel batch, feedback
generated. Tests read its gradebook, notebooks and feedback.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from coursetools import course, demo, notebooks, pipeline, report

CELL_TIMEOUT = "15"   # seconds per cell in the suite (60 in the course config)


@dataclass
class GradedClass:
    root: Path
    jobs: list[dict]
    rows: list = field(default_factory=list)

    def job(self, student: str, assignment: str) -> dict:
        return next(j for j in self.jobs if j["student"] == student and j["assignment"] == assignment)

    def row(self, student: str, assignment: str):
        return next(r for r in self.rows if r.student == student and r.assignment == assignment)

    def why(self, student: str, assignment: str) -> str:
        """The report's reasons, and nbgrader's errors if the job failed (for assertion messages)."""
        text = "\n".join(self.row(student, assignment).lost)
        job = self.job(student, assignment)
        if not job["success"]:
            errors = [ln for ln in job["log"].splitlines() if "ERROR" in ln or "Error" in ln]
            text += f"\nnbgrader failed after {job['attempts']} attempt(s):\n" + "\n".join(errors[-12:])
        return text

    def cell_scores(self, student: str, assignment: str) -> dict[str, tuple[float, float]]:
        with course.gradebook(self.root) as gb:
            nb = gb.find_submission_notebook(assignment, assignment, student)
            return {g.name: (g.score, g.max_score) for g in nb.grades}

    def autograded(self, student: str, assignment: str):
        return notebooks.read(self.root / "autograded" / student / assignment / f"{assignment}.ipynb")

    def feedback_html(self, student: str, assignment: str) -> str:
        return (self.root / "feedback" / student / assignment / f"{assignment}.html").read_text(encoding="utf-8")


def copy_course(dest: Path, assignments) -> Path:
    for a in assignments:
        shutil.copytree(course.ROOT / "source" / a, dest / "source" / a)
    shutil.copy(course.ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    return dest


def grade_class(root: Path, extra_writers=()) -> GradedClass:
    """Build, write submissions (demo students + extra writers), autograde all at once, feedback."""
    names = pipeline.build(root=root)
    pairs = demo.write_all(names, root)
    for writer in extra_writers:
        pairs += writer(root)
    previous = os.environ.get("COURSE_CELL_TIMEOUT")
    os.environ["COURSE_CELL_TIMEOUT"] = CELL_TIMEOUT      # read by the grading workers this call starts
    try:
        jobs = pipeline.autograde(pairs, root=root)
    finally:
        if previous is None:
            os.environ.pop("COURSE_CELL_TIMEOUT", None)
        else:
            os.environ["COURSE_CELL_TIMEOUT"] = previous
    pipeline.feedback(names, root=root)
    graded = GradedClass(root, jobs)
    graded.rows = report.results(root)
    return graded
