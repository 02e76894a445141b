"""Builders for course notebooks, so every assignment has the same cell conventions.

Use them from a throwaway script to (re)write a source notebook; source/*.ipynb
stays the truth that instructors edit in JupyterLab with nbgrader's tools.

    nb = notebook("01_lookup", [
        md("# Title ..."),
        setup("import numpy as np"),
        solution("embedding_lookup", '''def embedding_lookup(E, ids):
            \"\"\"Docstring.\"\"\"
            ### BEGIN SOLUTION
            ...
            ### END SOLUTION'''),
        test("01_lookup", "embedding_lookup_values", points=2, visible="...asserts..."),
        answer("explain_lookup", model="...", points=2),
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


def hidden_call(assignment: str, spec: str) -> str:
    return (
        "### BEGIN HIDDEN TESTS\n"
        "import sys\n"
        'for _m in [m for m in sys.modules if m.split(".")[0] == "solutions"]: del sys.modules[_m]\n'
        f'from solutions.grading import check; check("{assignment}", "{spec}")\n'
        "### END HIDDEN TESTS"
    )


def test(assignment: str, spec: str, points: int, visible: str = ""):
    """A graded test cell: the hidden call to the grader-side check first, then
    the visible sanity checks students run. The hidden check goes first so that
    its verdict (raised and written to stderr) decides the cell even if a
    student's code swallows exceptions. Never end the visible part with a bare
    expression (nbgrader reads it as a score)."""
    body = _src(visible)
    text = hidden_call(assignment, spec) + ("\n" + body if body else "")
    return new_code_cell(text, metadata=_meta(f"test_{spec}", grade=True, locked=True, points=points))


MARK_SCHEME = "*Mark scheme"


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
