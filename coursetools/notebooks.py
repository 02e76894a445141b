"""Reading notebooks and filling their answer cells (for demo submissions and tests).

Conventions of the course notebooks (see coursetools/authoring.py):
- the solution cell of a graded function has grade_id == the function's name;
- hidden test cells have grade_id "test_<spec>" (or their own, for several specs) and
  call answerkit.answer, which hands the answers to the grader (coursetools/judging.py);
- manually graded answers are markdown solution cells with points.
"""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from .cells import BEGIN_SOLUTION, END_SOLUTION, MARK_SCHEME, SOLUTION_LINE, grade_id, is_solution, is_test


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def release_folder(config, assignment: str) -> Path:
    """The release folder of `assignment` in the course that a preprocessor's config describes."""
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    return Path(coursedir.format_path(coursedir.release_directory, ".", assignment))


def release_notebook(config, resources) -> nbformat.NotebookNode | None:
    """The release version of the notebook an nbgrader converter is working on
    (resources["nbgrader"] names it), or None when there is none to read."""
    info = resources.get("nbgrader", {})
    try:
        return read(release_folder(config, info.get("assignment", "")) / f"{info.get('notebook', '')}.ipynb")
    except Exception:  # noqa: BLE001 - missing or unreadable: the callers go on without it
        return None


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def without_delimiters(source: str) -> str:
    """A source solution cell as the finished answer (delimiter lines dropped)."""
    return "\n".join(line for line in source.splitlines() if not SOLUTION_LINE.match(line))


def solution_cells(nb) -> dict[str, nbformat.NotebookNode]:
    return {grade_id(c): c for c in nb.cells if is_solution(c)}


def test_cells(nb) -> dict[str, nbformat.NotebookNode]:
    return {grade_id(c): c for c in nb.cells if is_test(c)}


def filled(release_nb, source_nb, overrides: dict[str, str] | None = None):
    """The release notebook with every answer cell as the source notebook has it
    (the reference solution, the model answer), except those in `overrides`
    (grade_id -> cell source), e.g. a mistaken implementation."""
    nb = copy.deepcopy(release_nb)
    answers = solution_cells(source_nb)
    overrides = overrides or {}
    for cell in nb.cells:
        gid = grade_id(cell)
        if not is_solution(cell):
            continue
        if gid in overrides:
            cell.source = overrides[gid]
        elif gid in answers:
            cell.source = without_delimiters(answers[gid].source)
            if cell.cell_type == "markdown":  # a student writes the answer, not the mark scheme
                cell.source = cell.source.split(MARK_SCHEME)[0].rstrip()
    return nb


def solution_lines(nb, min_length: int = 30) -> set[str]:
    """Distinctive lines inside solution regions (for leak checks of release and feedback)."""
    lines, inside = set(), False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if BEGIN_SOLUTION in line:
                inside = True
            elif END_SOLUTION in line:
                inside = False
            elif inside and len(line.strip()) > min_length:
                lines.add(line.strip())
    return lines
