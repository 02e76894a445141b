"""Adding an assignment takes the files docs/AUTHORING.md lists and nothing else: a scratch
assignment written from those files alone is found by the registry, authored, built, and graded
through the real pipeline (reference full marks, blank zero, a catalogued mistake named)."""
from __future__ import annotations

import shutil
import textwrap

import pytest

from coursetools import authoring, course, demo, notebooks, pipeline

A = "99_scratch_norms"

FILES = {
    f"authoring/a{A}.py": '''
        from coursetools.authoring import answer, md, notebook, setup, solution, test

        A = "99_scratch_norms"
        NOTEBOOK = notebook([
            md("# 99 Row norms (a scratch assignment)\\n\\nThe norm of a row $x$ is $\\\\sqrt{\\\\sum_j x_j^2}$."),
            setup("import numpy as np"),
            solution("row_norms", """def row_norms(E):
                \\"\\"\\"Euclidean norm of each row of E (V, d) -> float64 array (V,).\\"\\"\\"
                ### BEGIN SOLUTION
                E = np.asarray(E, dtype=np.float64)
                if E.ndim != 2:
                    raise ValueError(f"E: expected a 2-D table, got {E.ndim}-D")
                return np.sqrt((E ** 2).sum(axis=1))
                ### END SOLUTION"""),
            test(A, "row_norms_values", 9, "assert row_norms([[3.0, 4.0]])[0] == 5.0\\nprint('ok')"),
            test(A, "row_norms_invalid", 1),
            answer("explain_norms", model="Longer rows score higher dot products.", scheme="1 point per idea."),
        ])
    ''',
    f"solutions/a{A}.py": '''
        import numpy as np


        def row_norms(E):
            E = np.asarray(E, dtype=np.float64)
            if E.ndim != 2:
                raise ValueError(f"E: expected a 2-D table, got {E.ndim}-D")
            return np.sqrt((E ** 2).sum(axis=1))
    ''',
    f"solutions/checks/a{A}.py": '''
        import numpy as np

        from .. import a99_scratch_norms as ref
        from .harness import Mistake, Spec, bad, case, specs_by_name, table


        def cases(rng):
            return [case(table(rng, 4, 3)), case([[3.0, 4.0], [0.0, 0.0]]), case(table(rng, 2, 5))]


        def bad_cases(rng):
            return [bad(np.ones(3), why="E is 1-D")]


        MISTAKES = (Mistake("the squares were summed over the rows (axis=0): a row's norm sums its own entries",
                            model=lambda E: np.sqrt((np.asarray(E, dtype=float) ** 2).sum(axis=0))),)
        SPECS = specs_by_name(
            Spec("row_norms_values", "row_norms", ref.row_norms, cases, seed=9901, mistakes=MISTAKES),
            Spec("row_norms_invalid", "row_norms", ref.row_norms, bad_cases, seed=9902),
        )
    ''',
    f"solutions/mistakes/a{A}.py": '''
        import numpy as np

        from . import Catalogue

        CATALOGUE = Catalogue()


        @CATALOGUE.wrong("summed over the rows")
        def row_norms(E):
            return np.sqrt((np.asarray(E, dtype=float) ** 2).sum(axis=0))


        @CATALOGUE.wrong("must raise")
        def row_norms(E):  # noqa: F811
            return np.sqrt((np.asarray(E, dtype=float) ** 2).sum(axis=-1))


        @CATALOGUE.right("linalg")
        def row_norms(E):  # noqa: F811
            E = np.asarray(E, dtype=np.float64)
            if E.ndim != 2:
                raise ValueError("E must be 2-D")
            return np.linalg.norm(E, axis=1)


        @CATALOGUE.right("loop")
        def row_norms(E):  # noqa: F811
            E = np.asarray(E, dtype=np.float64)
            if E.ndim != 2:
                raise ValueError("E must be 2-D")
            return np.array([float(np.sqrt(np.dot(row, row))) for row in E])
    ''',
}


@pytest.fixture
def scratch_assignment():
    """The documented files of a new assignment, written into this checkout and removed after."""
    written = []
    try:
        for rel, text in FILES.items():
            path = course.ROOT / rel
            assert not path.exists(), f"{rel} exists already"
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
            written.append(path)
        yield A
    finally:
        for path in written:
            path.unlink(missing_ok=True)
        shutil.rmtree(course.ROOT / "source" / A, ignore_errors=True)


def test_a_scratch_assignment_from_the_documented_files_alone_is_graded(scratch_assignment, tmp_path):
    authoring.write_source(A)                       # what `course.py author` does
    assert A in course.assignments() and course.graded_functions(A) == ["row_norms"]
    shutil.copytree(course.ROOT / "source" / A, tmp_path / "source" / A)
    shutil.copy(course.ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    pipeline.build([A], root=tmp_path)
    pairs = demo.write_all([A], tmp_path)
    jobs = pipeline.autograde(pairs, root=tmp_path)
    assert all(j["success"] for j in jobs), [j["log"][-800:] for j in jobs]
    with course.gradebook(tmp_path) as gb:
        def auto(student):
            nb = gb.find_submission_notebook(A, A, student)
            return sum(g.auto_score or 0 for g in nb.grades if g.name.startswith("test_"))
        assert auto("demo-reference") == 10 and auto("demo-variants") == 10 and auto("demo-blank") == 0
        assert auto("demo-mistakes") == 0
    graded = notebooks.read(tmp_path / "autograded" / "demo-mistakes" / A / f"{A}.ipynb")
    assert "summed over the rows" in str([c.get("outputs", []) for c in graded.cells])
