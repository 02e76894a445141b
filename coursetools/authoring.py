"""Builders for course notebooks, so every assignment has the same cell conventions.

Each notebook is written by its script, authoring/a<NN_name>.py, with these
builders; `python3 course.py author NN_name` writes source/ from it (a test
keeps the two in sync).

    nb = notebook("01_lookup", [
        md("# Title ..."),
        setup("import numpy as np"),
        solution("embedding_lookup", '''def embedding_lookup(E, ids):
            \"\"\"Docstring.\"\"\"
            ### BEGIN SOLUTION
            ...
            ### END SOLUTION'''),
        test("01_lookup", "embedding_lookup_values", points=2, visible="...asserts..."),
        test("01_lookup", ("lookup_shapes_invalid", "embedding_lookup_invalid"), points=1,
             grade_id="test_invalid_inputs"),
        answer("explain_lookup", model="...", scheme="...", points=2),
    ])
"""
from __future__ import annotations

import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

SCHEMA = 3
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None, task=False) -> dict:
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA, "solution": solution}
    if points is not None:
        m["points"] = points
    if task:
        m["task"] = True
    return {"nbgrader": m}


def _src(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def md(text: str):
    """Plain markdown (context, formulas, hints)."""
    return new_markdown_cell(_src(text))


def code(text: str):
    """A plain code cell students may edit and run (plots, experiments)."""
    return new_code_cell(_src(text))


def setup(text: str, grade_id: str = "setup"):
    """A read-only code cell (imports, fixed data); restored from the gradebook at grading."""
    return new_code_cell(_src(text), metadata=_meta(grade_id, locked=True))


def solution(function: str, text: str):
    """The cell holding one graded function: def line and docstring, then the solution region."""
    return new_code_cell(_src(text), metadata=_meta(function, solution=True))


def hidden_call(assignment: str, specs: tuple[str, ...]) -> str:
    """The hidden part of a test cell: one call to the kernel-side helper, which
    only hands the student's answers to the grader (coursetools/judging.py)."""
    names = ", ".join(f'"{s}"' for s in specs)
    return ("### BEGIN HIDDEN TESTS\n"
            f'from answerkit import answer; answer("{assignment}", {names})\n'
            "### END HIDDEN TESTS")


def test(assignment: str, spec: str | tuple[str, ...], points: int, visible: str = "", grade_id: str | None = None):
    """A graded test cell: the hidden call first, then the visible sanity checks
    students run. At grading only the hidden call runs, and the grader writes the
    cell's outputs from its verdict; the cell passes when every spec passes.
    `spec` is one spec name (grade id test_<spec>) or a tuple of them (give
    `grade_id`). Never end the visible part with a bare expression."""
    specs = (spec,) if isinstance(spec, str) else tuple(spec)
    if grade_id is None:
        if len(specs) != 1:
            raise ValueError("grade_id: a cell that runs several specs needs its own grade_id")
        grade_id = f"test_{specs[0]}"
    body = _src(visible)
    text = hidden_call(assignment, specs) + ("\n" + body if body else "")
    return new_code_cell(text, metadata=_meta(grade_id, grade=True, locked=True, points=points))


from .cells import MARK_SCHEME  # noqa: E402 - where the model answer ends


def answer(grade_id: str, model: str, scheme: str, points: int = 2):
    """A manually graded markdown answer. The model answer and the mark scheme
    sit in the solution region, so release and feedback never show them."""
    text = ("**Your answer:**\n\n### BEGIN SOLUTION\n*Model answer.* " + _src(model)
            + f"\n\n{MARK_SCHEME} ({points} points).* " + _src(scheme) + "\n### END SOLUTION")
    return new_markdown_cell(text, metadata=_meta(grade_id, grade=True, solution=True, points=points))


def notebook(cells) -> nbformat.NotebookNode:
    """The notebook, with stable cell ids (grade_id, or the cell's position) so a rebuild diffs cleanly."""
    nb = new_notebook(cells=list(cells))
    for index, cell in enumerate(nb.cells):
        cell.id = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell-{index:02d}"
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    return nb


# ------------------------------------------------------------------ the scripts

SCRIPTS = "authoring"          # authoring/a<NN_name>.py defines NOTEBOOK for source/<NN_name>/
HELPER = "studentkit/minilm.py"


def script_notebook(assignment: str, root=None) -> nbformat.NotebookNode:
    """The notebook that authoring/a<assignment>.py builds (its NOTEBOOK)."""
    import runpy
    from pathlib import Path

    from .course import ROOT

    path = Path(root or ROOT) / SCRIPTS / f"a{assignment}.py"
    return runpy.run_path(str(path))["NOTEBOOK"]


def write_source(assignment: str, root=None) -> list:
    """Write source/<assignment>/<assignment>.ipynb from its script; link the
    real-embedding helper beside it when the notebook imports it."""
    import os
    from pathlib import Path

    from .course import ROOT

    root = Path(root or ROOT)
    nb = script_notebook(assignment, root)
    folder = root / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / f"{assignment}.ipynb"))
    written = [folder / f"{assignment}.ipynb"]
    link = folder / "minilm.py"
    if any("from minilm import" in c.source for c in nb.cells) and not link.exists():
        os.symlink(os.path.relpath(root / HELPER, folder), link)
        written.append(link)
    return written
