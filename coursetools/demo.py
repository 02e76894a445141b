"""Demo submissions: what a class hands in, made from the course's own material.

- demo-reference: every answer cell as the source notebook has it (full marks);
- demo-blank: the release notebook untouched (zero);
- demo-mistakes: each graded function replaced by a known mistake from
  solutions/mistakes (each check names it in the feedback);
- demo-variants: each graded function replaced by a correct implementation
  written differently from the reference (full autograded marks).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from solutions import mistakes

from . import cells, course, notebooks

STUDENTS = ("demo-reference", "demo-blank", "demo-mistakes", "demo-variants")


def submission(student: str, assignment: str, root: Path = course.ROOT):
    """The notebook `student` hands in for `assignment` (None: hands in nothing)."""
    release = notebooks.read(course.notebook(assignment, "release", root))
    source = notebooks.read(course.notebook(assignment, "source", root))
    if student == "demo-blank":
        return release
    if student == "demo-reference":
        return notebooks.filled(release, source)
    catalogue = mistakes.load(assignment)
    correct = student == "demo-variants"
    overrides = {}
    for function in notebooks.solution_cells(release):
        entries = catalogue.for_function(function, correct=correct)
        if entries:
            overrides[function] = entries[-1 if correct else 0].source()
    nb = notebooks.filled(release, source, overrides)
    if not correct:  # a student who made mistakes also left the explanation blank
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cells.is_solution(cell):
                cell.source = next(c.source for c in release.cells if cells.grade_id(c) == cells.grade_id(cell))
    return nb


def write_submission(student: str, assignment: str, root: Path = course.ROOT, nb=None) -> Path:
    """submitted/<student>/<assignment>/: the release folder's files plus the notebook."""
    folder = course.folder("submitted", student, assignment, root)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(course.folder("release", ".", assignment, root), folder,
                    ignore=shutil.ignore_patterns("*.ipynb", "__pycache__", ".ipynb_checkpoints"))
    nb = nb if nb is not None else submission(student, assignment, root)
    notebooks.write(nb, folder / f"{assignment}.ipynb")
    return folder


def write_all(assignments=None, root: Path = course.ROOT, students=STUDENTS) -> list[tuple[str, str]]:
    pairs = []
    for a in assignments or course.assignments(root):
        for s in students:
            write_submission(s, a, root)
            pairs.append((a, s))
    return pairs
