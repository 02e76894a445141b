"""Static properties of source/ and release/ (no kernel needed).

- every assignment of the contract that is present has its functions, each
  alone in a solution cell whose grade_id is its name, with a docstring;
- release notebooks hold no solution, hidden test, mark scheme or model
  answer, no line of a solution region, and never name the grader package;
- the source notebook's solution code passes every hidden check (so the
  notebook and solutions/ agree on the seeded random cases);
- every test cell calls an existing spec, and every spec is called by a cell;
- no test cell ends in a bare expression (nbgrader would read it as a score).
"""
from __future__ import annotations

import ast
import os
import re

import pytest

from coursetools import cells, course, judging, notebooks
from solutions.checks import load_specs
from solutions.checks.harness import run_spec

from .conftest import ASSIGNMENTS

# The contract's assignments and functions (shared/ASSIGNMENTS.md), to check the course against it.
# What the course grades comes from its own files (course.assignments, course.graded_functions).
CONTRACT = {
    "01_lookup": ["embedding_lookup", "add_learned_positions"],
    "02_one_hot": ["one_hot", "one_hot_lookup", "one_hot_costs", "embedding_backward"],
    "03_cosine_neighbours": ["cosine_similarity", "cosine_matrix", "nearest_neighbours"],
    "04_analogies": ["analogy", "offset_consistency", "analogy_accuracy"],
    "05_anisotropy": ["mean_pairwise_cosine", "center", "top_component_share", "remove_top_components"],
    "06_softmax_gradients": ["softmax", "cross_entropy", "output_embedding_grad", "hidden_state_grad",
                             "numerical_gradient"],
    "07_sinusoidal": ["sinusoidal_frequencies", "sinusoidal_encoding", "shift_matrix"],
    "08_rope": ["rope_angles", "apply_rope", "apply_rope_half_split", "rope_score"],
    "09_alibi": ["alibi_slopes", "alibi_bias", "alibi_attention_weights"],
    "10_parameter_counting": ["embedding_params", "model_embedding_params", "embedding_memory_bytes",
                              "resize_embeddings"],
}
CALL = re.compile(r"from answerkit import answer; answer\(")
LEAKS = ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME", "Mark scheme", "Model answer",
         "solutions.", "import solutions", "from solutions", "answerkit")


def source_nb(a):
    return notebooks.read(course.notebook(a, "source"))


def release_nb(a):
    return notebooks.read(course.notebook(a, "release"))


def test_every_assignment_of_the_contract_is_present():
    assert ASSIGNMENTS, "source/ has no assignment"
    if not os.environ.get("COURSE_ASSIGNMENTS"):
        assert set(CONTRACT) <= set(ASSIGNMENTS), f"missing: {sorted(set(CONTRACT) - set(ASSIGNMENTS))}"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_graded_functions_have_solution_cells(a):
    nb = source_nb(a)
    solution_cells = notebooks.solution_cells(nb)
    graded = course.graded_functions(a)
    assert set(CONTRACT.get(a, [])) <= set(graded), f"{a}: the contract's functions must all be graded"
    for fn in graded:
        assert fn in solution_cells, f"{a}: no solution cell with grade_id {fn!r}"
        tree = ast.parse(notebooks.without_delimiters(solution_cells[fn].source))
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert [d.name for d in defs] == [fn], f"{a}: the cell of {fn} must define exactly {fn}"
        assert ast.get_docstring(defs[0]), f"{a}: {fn} has no docstring"
        assert "BEGIN SOLUTION" in solution_cells[fn].source


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_release_keeps_signatures_and_leaks_nothing(a):
    src, rel = source_nb(a), release_nb(a)
    text = "\n".join(c.source for c in rel.cells)
    for word in LEAKS:
        assert word not in text, f"release/{a} contains {word!r}"
    leaked = [ln for ln in notebooks.solution_lines(src) if ln in text]
    assert not leaked, f"release/{a} contains solution lines: {leaked[:3]}"
    stubs = notebooks.solution_cells(rel)
    for fn in course.graded_functions(a):
        assert f"def {fn}(" in stubs[fn].source and '"""' in stubs[fn].source, f"{fn}: stub lost its signature"
        assert "raise NotImplementedError()" in stubs[fn].source
    points = [c.metadata.nbgrader.get("points", 0) for c in rel.cells if cells.meta(c).get("grade")]
    assert 8 <= sum(points) <= 14, f"{a}: {sum(points)} points in all (about 10 expected)"
    manual = [c for c in rel.cells if c.cell_type == "markdown" and cells.meta(c).get("grade")]
    assert manual and all(c.metadata.nbgrader.points == 2 for c in manual), f"{a}: the (c) answer is worth 2 points"


def solution_namespace(a):
    """Run the source notebook's locked setup cells and solution cells (not the plots)."""
    ns = {"__name__": "__main__"}
    nb = source_nb(a)
    for cell in nb.cells:
        m = cells.meta(cell)
        if cell.cell_type == "code" and (m.get("solution") or (m.get("locked") and not m.get("grade"))):
            source = notebooks.without_delimiters(cell.source)
            source = "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!")))
            exec(compile(source, f"<{a}:{m.get('grade_id')}>", "exec"), ns)
    return ns


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_notebook_solutions_agree_with_reference(a):
    import matplotlib
    matplotlib.use("Agg")
    ns = solution_namespace(a)
    for name, spec in load_specs(a).items():
        result = run_spec(spec, ns[spec.function])
        assert result["passed"], f"{a}: the notebook's {spec.function} fails {name}:\n{result['message']}"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_test_cells_call_every_spec(a):
    nb = source_nb(a)
    called = []
    for gid, cell in notebooks.test_cells(nb).items():
        assert len(CALL.findall(cell.source)) == 1, f"{a}/{gid}: a test cell holds exactly one hidden call"
        assignment, specs = judging.hidden_call(cell.source)
        assert assignment == a and specs, f"{a}/{gid}: the hidden call must name this assignment and its specs"
        if len(specs) == 1:
            assert gid == f"test_{specs[0]}", f"{a}/{gid}: the grade_id of a one-spec cell is test_<spec>"
        called += specs
        body = ast.parse("\n".join(ln for ln in cell.source.splitlines() if not ln.startswith("###")))
        assert not isinstance(body.body[-1], ast.Expr) or isinstance(body.body[-1].value, ast.Call), \
            f"{a}/{gid}: ends in a bare expression"
    assert sorted(called) == sorted(load_specs(a)), f"{a}: test cells and specs differ (each spec in one cell)"


def _invalid_only(specs) -> bool:
    return all(s.endswith("_invalid") for s in specs)


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_invalid_input_checks_earn_at_most_a_tenth_of_the_points(a):
    tests = notebooks.test_cells(source_nb(a)).values()
    total = sum(cells.meta(c)["points"] for c in tests)
    invalid = sum(cells.meta(c)["points"] for c in tests if _invalid_only(judging.hidden_call(c.source)[1]))
    assert invalid <= 0.10 * total + 1e-9, f"{a}: {invalid} of {total} autograded points check invalid input"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_source_is_written_by_its_authoring_script(a):
    import json

    import nbformat

    from coursetools import authoring

    built = json.loads(nbformat.writes(authoring.script_notebook(a)))
    kept = json.loads(course.notebook(a).read_text(encoding="utf-8"))
    assert built == kept, f"source/{a} differs from authoring/a{a}.py: run `python3 course.py author {a}` " \
                          "(or port your notebook edit to the script)"
