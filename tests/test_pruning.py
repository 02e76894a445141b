"""coursetools/pruning.py: what of the course's own unchanged cells runs at grading.

- plan() on small hand-built notebooks: plots and unneeded demos are pruned, what
  the running code reads (inside function bodies too) is kept with its writers,
  to a fixpoint, as is what may change a needed name; edited course cells run in
  full; dynamic code switches pruning off;
- every assignment's reference notebook: pruning is on, plots and the real model
  are pruned, numpy is kept;
- one real nbgrader grading of 01_lookup (a copy of the course, a real kernel):
  the reference gets full marks with its plot cells marked not run, and a student
  whose graded function reads a variable of a demo cell scores the same with
  pruning on as with it off.
"""
from __future__ import annotations

import ast
import copy
import subprocess
import sys

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursetools import cells, course, judging, notebooks, pruning

from .conftest import ASSIGNMENTS

A = "01_lookup"


# --- small notebooks --------------------------------------------------------------------------------------------

def setup(source: str, gid: str = "setup"):
    return new_code_cell(source, metadata={"nbgrader": {"grade": False, "solution": False, "locked": True,
                                                        "grade_id": gid, "schema_version": 3}})


def solution(source: str, gid: str = "f"):
    return new_code_cell(source, metadata={"nbgrader": {"grade": False, "solution": True, "locked": False,
                                                        "grade_id": gid, "schema_version": 3}})


def hidden_test_cell(visible: str = "print('checks')", spec: str = "spec", gid: str = "test_f"):
    source = (f"{visible}\n### BEGIN HIDDEN TESTS\nfrom answerkit import answer; answer(\"{A}\", \"{spec}\")\n"
              "### END HIDDEN TESTS")
    return new_code_cell(source, metadata={"nbgrader": {"grade": True, "solution": False, "locked": True,
                                                        "points": 1, "grade_id": gid, "schema_version": 3}})


def demo(source: str):
    return new_code_cell(source)


STUB = 'def f(x):\n    """Doc."""\n    # YOUR CODE HERE\n    raise NotImplementedError()'


def release(*course_cells, stub: str = STUB):
    """A release notebook: the course cells, then the solution stub and its test cell."""
    return new_notebook(cells=[new_markdown_cell("# Title"), *copy.deepcopy(list(course_cells)),
                               solution(stub), hidden_test_cell()])


def submitted(release_nb, answer: str, extra=()):
    """The release notebook with `answer` in the solution cell (and `extra` cells appended)."""
    nb = copy.deepcopy(release_nb)
    next(c for c in nb.cells if cells.is_solution(c)).source = answer
    nb.cells += list(extra)
    return nb


def kept(nb, planned) -> list[str]:
    """The top-level statements of the course's unchanged cells that run (a pruned cell's planned source,
    every statement of a course cell the plan leaves whole), each unparsed."""
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or cells.is_solution(cell) or cells.is_test(cell) or not cell.source.strip():
            continue
        source = planned.get(index, cell.source)
        out += [ast.unparse(s) for s in ast.parse(source).body]
    return out


def plan_for(course_cells, answer, functions=("f",), extra=()):
    rel = release(*course_cells)
    nb = submitted(rel, answer, extra)
    return nb, pruning.plan(nb, rel, functions)


NUMPY_F = "def f(x):\n    return np.asarray(x) * 2"


# --- plan() -----------------------------------------------------------------------------------------------------

def test_a_plot_is_pruned_and_numpy_is_kept_when_the_student_reads_it():
    setup_cell = setup("import numpy as np\nimport matplotlib.pyplot as plt")
    plot = demo("xs = np.linspace(0, 1, 5)\nplt.plot(xs, xs ** 2)\nplt.show()")
    nb, planned = plan_for([setup_cell, plot], NUMPY_F)
    assert planned is not None
    assert planned[1] == "import numpy as np"          # plt's import is not needed
    assert planned[2] == ""                             # the whole plot cell runs nothing
    assert kept(nb, planned) == ["import numpy as np"]


def test_numpy_is_pruned_too_when_nothing_reads_it():
    nb, planned = plan_for([setup("import numpy as np")], "def f(x):\n    return 2 * x")
    assert planned == {1: ""}


def test_a_demo_variable_read_in_a_function_body_keeps_its_writers_to_a_fixpoint():
    setup_cell = setup("import numpy as np\nimport matplotlib.pyplot as plt")
    example = demo("rng = np.random.default_rng(0)\n"
                   "E = rng.normal(size=(4, 3))\n"
                   "unused = rng.normal(size=2)\n"
                   "table = E * 2\n"
                   "print(table)\n"
                   "plt.title('E')\n"
                   "other = 5")
    answer = "def f(ids):\n    return table[ids]"
    nb, planned = plan_for([setup_cell, example], answer)
    assert planned is not None
    # table <- E <- rng <- np; `unused = rng.normal(...)` calls a method of rng, which advances the
    # generator that E is drawn from after it: kept (conservative), as the kernel's state would differ
    assert planned[2].splitlines() == ["rng = np.random.default_rng(0)", "E = rng.normal(size=(4, 3))",
                                       "unused = rng.normal(size=2)", "table = E * 2"]
    assert planned[1] == "import numpy as np"
    assert not any("plt" in s or "other" in s for s in kept(nb, planned))


def test_passing_a_needed_array_to_a_plot_keeps_the_plot():
    """plt.imshow(table) might change table, as far as a static reading knows (conservative); the kept
    call reads plt, so plt's import and every call on plt run too."""
    setup_cell = setup("import numpy as np\nimport matplotlib.pyplot as plt")
    nb, planned = plan_for([setup_cell, demo("table = np.eye(2)\nplt.imshow(table)\nplt.show()")],
                           "def f(i):\n    return table[i]")
    assert planned == {}


def test_reading_a_helper_function_of_a_demo_keeps_its_definition_and_what_its_body_reads():
    helper = demo("scale = 3\n"
                  "def helper(x):\n"
                  "    return x * scale\n"
                  "print(helper(2))")
    nb, planned = plan_for([setup("import numpy as np"), helper], "def f(x):\n    return helper(x)")
    assert planned == {1: "", 2: "scale = 3\ndef helper(x):\n    return x * scale"}


@pytest.mark.parametrize("mutation", ["vocab.append('cat')", "vocab[0] = 'dog'", "vocab += ['x']",
                                      "vocab.extend(more)", "random.shuffle(vocab)", "del vocab[0]"])
def test_a_course_statement_that_may_change_a_needed_name_is_kept(mutation):
    example = demo(f"import random\nmore = ['a']\nvocab = ['the']\n{mutation}\nprint(vocab)")
    nb, planned = plan_for([example], "def f(w):\n    return vocab.index(w)")
    statements = kept(nb, planned)
    assert "vocab = ['the']" in statements and ast.unparse(ast.parse(mutation)) in statements, planned
    assert "print(vocab)" not in statements


def test_item_assignment_and_numpy_mutators_on_arrays_are_kept():
    example = demo("E = np.zeros((3, 2))\nE[0] = 1\nnp.fill_diagonal(E, 5)\nF = np.sum(E)\nprint(F)")
    nb, planned = plan_for([setup("import numpy as np"), example], "def f(i):\n    return E[i]")
    assert planned == {2: "E = np.zeros((3, 2))\nE[0] = 1\nnp.fill_diagonal(E, 5)"}


def test_seeding_numpys_global_generator_is_kept_when_numpy_is_needed():
    setup_cell = setup("import numpy as np\nnp.random.seed(0)\nnp.set_printoptions(precision=3)")
    nb, planned = plan_for([setup_cell], NUMPY_F)
    assert planned == {}, "every statement of the set-up changes np: nothing pruned"


def test_drawing_from_numpys_global_generator_is_kept_when_numpy_is_needed():
    """np.random.normal(...) advances the generator that a student's np.random.rand() then draws from."""
    example = demo("np.random.seed(0)\nnoise = np.random.normal(size=3)\nrng = np.random.default_rng(1)")
    nb, planned = plan_for([setup("import numpy as np"), example], "def f(x):\n    return x + np.random.rand()")
    statements = kept(nb, planned)
    assert "noise = np.random.normal(size=3)" in statements, planned
    assert "rng = np.random.default_rng(1)" not in statements, "a new Generator changes no global state"


def test_passing_a_needed_name_to_a_call_is_a_possible_change_but_read_only_builtins_are_not():
    example = demo("items = [3, 1, 2]\nsort_in_place(items)\nprint(len(items), sorted(items), max(items))")
    definer = demo("def sort_in_place(xs):\n    xs.sort()")
    nb, planned = plan_for([definer, example], "def f(i):\n    return items[i]")
    assert planned == {2: "items = [3, 1, 2]\nsort_in_place(items)"}


def test_an_edited_course_cell_runs_in_full_and_its_reads_are_needed():
    setup_cell = setup("import numpy as np\nimport matplotlib.pyplot as plt")
    plot = demo("xs = np.linspace(0, 1, 5)\nplt.plot(xs, xs ** 2)")
    rel = release(setup_cell, plot)
    nb = submitted(rel, "def f(x):\n    return 2 * x")
    assert pruning.plan(nb, rel, ("f",)) == {1: "", 2: ""}
    nb.cells[2].source += "\nplt.title('mine')"                  # the student changed the demo
    planned = pruning.plan(nb, rel, ("f",))
    assert 2 not in planned, "an edited course cell runs in full"
    assert 1 not in planned, "it reads np and plt: the set-up runs in full"


def test_whitespace_at_line_ends_does_not_count_as_an_edit():
    plot = demo("x = 1\nprint(x)")
    rel = release(plot)
    nb = submitted(rel, "def f(y):\n    return y")
    nb.cells[1].source = "x = 1   \nprint(x)\n\n"
    assert pruning.plan(nb, rel, ("f",)) == {1: ""}


def test_a_course_cell_with_nothing_needed_is_planned_to_run_nothing():
    nb, planned = plan_for([demo("a = 1\nb = a + 1\nprint(b)"), demo("print('hello')")], "def f(x):\n    return x")
    assert planned == {1: "", 2: ""}


@pytest.mark.parametrize("statement", ["open('data.txt', 'w').write('1')", "os.chdir('/tmp')",
                                       "sys.path.insert(0, 'lib')", "warnings.simplefilter('error')",
                                       "np.save('E.npy', np.ones(3))"])
def test_a_course_statement_that_changes_files_folders_or_filters_always_runs(statement):
    # a student function may read a file or depend on the folder without naming anything the statement binds
    nb, planned = plan_for([demo(f"import os, sys, warnings\nimport numpy as np\n{statement}")],
                           "def f(x):\n    return x")
    assert statement.split("(")[0].split(".")[-1] in " ".join(kept(nb, planned))


def test_warning_filters_inside_catch_warnings_are_undone_so_they_are_pruned():
    block = "import warnings\nwith warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n    print(1)"
    nb, planned = plan_for([demo(block)], "def f(x):\n    return x")
    assert planned == {1: ""}


def test_an_except_name_does_not_chain_course_statements():
    # Python deletes `err` when its handler ends: a kept statement that reads its own `err` needs no other binder
    needed = demo("table = [1, 2]\ntry:\n    f(table)\nexcept ValueError as err:\n    print(err)")
    other = demo("try:\n    g()\nexcept ValueError as err:\n    print('g failed', err)")
    nb, planned = plan_for([needed, other], "def f(x):\n    return table")
    assert planned == {2: ""}
    assert "print(err)" in " ".join(kept(nb, planned))


def test_an_except_name_also_read_outside_its_handler_is_an_ordinary_read():
    reader = demo("if table:\n    print(err)\n    try:\n        f(table)\n    except ValueError as err:\n        print(err)")
    binder = demo("err = 'set by the course'")
    nb, planned = plan_for([binder, demo("table = [1]"), reader], "def f(x):\n    return table")
    assert "err = 'set by the course'" in kept(nb, planned)


def test_a_fault_of_the_planner_runs_every_cell(monkeypatch, tmp_path):
    rel = release(demo("xs = [1, 2]\nprint(xs)"))
    notebooks.write(rel, tmp_path / "release" / A / f"{A}.ipynb")
    pre = pruning.PruneCourseCells()
    pre.config.CourseDirectory.root = str(tmp_path)
    resources = {"nbgrader": {"assignment": A, "notebook": A}}
    pre.preprocess(submitted(rel, "def f(x):\n    return x"), resources)
    assert judging.state(resources)["runs"] == {1: ""}            # planned, when the planner works

    def broken(*args):
        raise RecursionError("a planner bug")

    monkeypatch.setattr(pruning, "plan", broken)
    resources = {"nbgrader": {"assignment": A, "notebook": A}}
    pre.preprocess(submitted(rel, "def f(x):\n    return x"), resources)
    assert "runs" not in judging.state(resources)                  # nothing pruned: every cell runs


def test_cells_the_student_added_run_and_their_reads_are_needed():
    example = demo("E = [[1, 2], [3, 4]]\nprint(E)")
    mine = new_code_cell("print(E[0])")
    nb, planned = plan_for([example], "def f(x):\n    return x", extra=[mine])
    assert planned == {1: "E = [[1, 2], [3, 4]]"}


def test_the_graded_functions_are_needed_even_when_no_cell_reads_them():
    example = demo("def g(x):\n    return x\nprint(g(1))")
    nb, planned = plan_for([example], "def f(x):\n    return x", functions=("g",))
    assert planned == {1: "def g(x):\n    return x"}


def test_only_the_hidden_call_of_a_test_cell_counts():
    example = demo("check_value = 3\nprint(check_value)")
    rel = release(example)
    nb = submitted(rel, "def f(x):\n    return x")
    test = next(c for c in nb.cells if cells.is_test(c))
    test.source = "assert f(1) == check_value\nprint(globals())\n" + test.source
    assert pruning.plan(nb, rel, ("f",)) == {1: ""}, "the visible checks do not run at grading"


def test_local_names_of_student_functions_do_not_keep_course_statements_that_bind_them_at_module_level():
    loop = demo("for i in range(3):\n    print(i)\nx = 5\ntotal = sum((w for w in range(4)))\nprint(total)")
    answer = ("def f(xs):\n"
              "    out = [i * 2 for i in xs]\n"
              "    total = 0\n"
              "    for x in xs:\n"
              "        total += x\n"
              "    return out, total, {w: 1 for w in xs}, (lambda i: i)(1)")
    nb, planned = plan_for([loop], answer)
    assert planned == {1: ""}


def test_a_name_the_student_reads_at_module_level_keeps_its_course_binder():
    loop = demo("for i in range(3):\n    print(i)")
    nb, planned = plan_for([loop], "last = i\ndef f(x):\n    return x")
    assert planned == {}


def test_a_moved_course_cell_is_still_the_courses():
    """A course cell unchanged but moved is still the course's (matched by content)."""
    a, b = demo("a = 1\nprint(a)"), demo("b = 2\nprint(b)")
    rel = release(a, b)
    nb = submitted(rel, "def f(x):\n    return x + b")
    nb.cells[1], nb.cells[2] = nb.cells[2], nb.cells[1]
    assert pruning.plan(nb, rel, ("f",)) == {1: "b = 2", 2: ""}


@pytest.mark.parametrize("answer", [
    "def f(x):\n    return globals()['table'][x]",
    "def f(x):\n    return eval('table')[x]",
    "def f(x):\n    global table\n    return table[x]",
    "def f(x):\n    import __main__\n    return __main__.table[x]",
    "def f(x):\n    return vars()['x']",
    "def f(x):\n    return getattr(sys.modules['__main__'], 'table')",
    "%time x = 1\ndef f(x):\n    return x",
    "!ls\ndef f(x):\n    return x",
    "def f(x):\n    return table[x",                        # a syntax error
])
def test_dynamic_reading_in_the_students_code_turns_pruning_off(answer):
    example = demo("table = [1, 2, 3]\nprint(table)")
    nb, planned = plan_for([example], answer)
    assert planned is None


def test_dynamic_reading_in_a_students_own_extra_cell_turns_pruning_off():
    example = demo("table = [1, 2, 3]\nprint(table)")
    _, planned = plan_for([example], "def f(x):\n    return x", extra=[new_code_cell("%matplotlib inline")])
    assert planned is None
    _, planned = plan_for([example], "def f(x):\n    return x", extra=[new_code_cell("print(eval('1'))")])
    assert planned is None


def test_a_star_import_in_a_course_cell_turns_pruning_off():
    """`from helpers import *` binds names no static reading knows: pruning it could lose a helper."""
    example = demo("from helpers import *\nprint('loaded')")
    nb, planned = plan_for([example], "def f(x):\n    return helper(x)")
    assert planned is None


def test_reads_collects_global_reads_of_every_scope():
    assert pruning.reads("def f(x):\n    y = x + g\n    return [y * k for k in h]") == {"g", "h"}
    assert pruning.reads("class C:\n    def m(self):\n        return np.zeros(n)") == {"np", "n"}
    assert pruning.reads("a = 1\nprint(a)") == {"a", "print"}
    assert pruning.reads("def f(x):\n    def g():\n        return x\n    return g") == set()
    assert pruning.reads("x = eval('1')") is None
    assert pruning.reads("def f():\n    nonlocal_x = 1\n    def g():\n        nonlocal nonlocal_x\n") is None
    assert pruning.reads("%%time\nx = 1") is None


def test_binds_and_may_change_of_single_statements():
    def stmt(code):
        return ast.parse(code).body[0]

    assert pruning._binds(stmt("import matplotlib.pyplot as plt")) == {"plt"}
    assert pruning._binds(stmt("def f(x):\n    y = 1\n    return y")) == {"f"}
    assert pruning._binds(stmt("for i, (a, b) in pairs:\n    c = a")) == {"i", "a", "b", "c"}
    assert pruning._may_change(stmt("E[0] = 1")) == {"E"}
    assert pruning._may_change(stmt("cfg.model.width = 3")) == {"cfg"}
    assert pruning._may_change(stmt("y = np.dot(a, b)")) == set()
    assert pruning._may_change(stmt("np.copyto(a, b)")) == {"np", "a", "b"}
    assert pruning._may_change(stmt("print(len(a), sorted(b))")) == set()
    assert pruning._may_change(stmt("ax.plot(xs, ys)")) == {"ax", "xs", "ys"}
    assert pruning._may_change(stmt("def f(a=g(b)):\n    a.append(c)")) == {"b"}, "the body does not run"
    assert pruning._may_change(stmt("x = np.random.default_rng(0).normal(size=(3, n))")) == set()


def test_course_sources_are_the_ungraded_code_cells_of_the_release():
    rel = release(setup("import numpy as np"), demo("print(1)  "), demo("   "))
    assert pruning.course_sources(rel) == {"import numpy as np", "print(1)"}


# --- every assignment's reference notebook ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_release():
    """release/ of the course (built by `course.py build` when missing)."""
    wanted = sorted({*ASSIGNMENTS, A})
    if not all(course.notebook(a, "release").exists() for a in wanted):
        subprocess.run([sys.executable, str(course.ROOT / "course.py"), "build"], cwd=course.ROOT, check=True,
                       capture_output=True, timeout=900)
    return {a: notebooks.read(course.notebook(a, "release")) for a in wanted}


def reference(a, release_nb):
    return notebooks.filled(release_nb, notebooks.read(course.notebook(a, "source")))


def hidden_calls(a, nb):
    """The notebook with its test cells as grading sees them (the hidden call restored from source/)."""
    tests = notebooks.test_cells(notebooks.read(course.notebook(a, "source")))
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cells.is_test(cell):
            cell.source = tests[cells.grade_id(cell)].source
    return nb


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_the_reference_of_every_assignment_prunes_plots_and_the_real_model(built_release, a):
    release_nb = built_release[a]
    nb = hidden_calls(a, reference(a, release_nb))
    planned = pruning.plan(nb, release_nb, course.graded_functions(a))
    assert planned is not None, f"{a}: pruning is off for the reference notebook"
    statements = kept(nb, planned)
    assert "import numpy as np" in statements, f"{a}: numpy's import was pruned"
    for text in ("plt.", "load_minilm"):
        assert not [s for s in statements if text in s], f"{a}: a statement using {text} runs at grading"
    assert any(not source for source in planned.values()), f"{a}: no course cell was pruned whole"
    # the graded functions' cells and the test cells are never in the plan
    assert not [i for i in planned if cells.is_solution(nb.cells[i]) or cells.is_test(nb.cells[i])]


# --- real nbgrader --------------------------------------------------------------------------------------------

READS_DEMO = "    return (X + P[:T]).astype(E_toy.dtype)"   # E_toy: defined only in a demo cell of 01_lookup


def demo_reader(release_nb):
    """The reference of 01_lookup, whose add_learned_positions reads E_toy of the demo cell after
    embedding_lookup (its test cell runs after that demo, so the correct function scores in full)."""
    nb = reference(A, release_nb)
    cell = notebooks.solution_cells(nb)["add_learned_positions"]
    assert "    return X + P[:T]" in cell.source
    cell.source = cell.source.replace("    return X + P[:T]", READS_DEMO)
    return nb


def test_the_demo_reader_keeps_the_demo_variable_that_the_reference_prunes(built_release):
    release_nb = built_release[A]
    ref = hidden_calls(A, reference(A, release_nb))
    mine = hidden_calls(A, demo_reader(release_nb))
    functions = course.graded_functions(A)
    planned_ref, planned_mine = pruning.plan(ref, release_nb, functions), pruning.plan(mine, release_nb, functions)
    (cell,) = [i for i, c in enumerate(ref.cells) if "E_toy = " in c.source and not cells.is_graded_part(c)]
    assert planned_ref[cell] == "", "the reference runs nothing of the demo cell"
    assert "E_toy = " in planned_mine.get(cell, ref.cells[cell].source)
    assert "vocab = " in planned_mine.get(cell, ref.cells[cell].source), "E_toy's statement reads vocab"


@pytest.fixture(scope="module")
def graded(built_release, tmp_path_factory):
    """01_lookup graded by real nbgrader in a copy of the course: the reference and the demo reader with
    pruning on, then the demo reader again with pruning off (two batches)."""
    from coursetools import cluster, demo, pipeline

    from . import classroom

    root = classroom.copy_course(tmp_path_factory.mktemp("pruning"), [A])
    pipeline.build([A], root=root)
    release_nb = notebooks.read(course.notebook(A, "release", root))
    demo.write_submission("ref", A, root, nb=reference(A, release_nb))
    demo.write_submission("reader-on", A, root, nb=demo_reader(release_nb))
    demo.write_submission("reader-off", A, root, nb=demo_reader(release_nb))
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_CELL_TIMEOUT", classroom.CELL_TIMEOUT)
    try:
        with cluster.starting(jobs=2) as engine:      # one cluster: each job reads the config afresh
            jobs = pipeline.autograde([(A, "ref"), (A, "reader-on")], root=root, engine=engine)
            config = root / "nbgrader_config.py"
            config.write_text(config.read_text(encoding="utf-8") + "\nc.PruneCourseCells.enabled = False\n",
                              encoding="utf-8")
            jobs += pipeline.autograde([(A, "reader-off")], root=root, engine=engine)
    finally:
        mp.undo()
    assert all(j["success"] for j in jobs), [j["log"][-1500:] for j in jobs if not j["success"]]
    result = classroom.GradedClass(root, jobs)
    return result, release_nb


def test_the_reference_grades_to_full_marks_with_its_plots_not_run(graded):
    result, release_nb = graded
    scores = result.cell_scores("ref", A)
    tests = {k: v for k, v in scores.items() if k.startswith("test_")}
    assert tests and all(s == m for s, m in tests.values()), tests
    nb = result.autograded("ref", A)
    plots = [c for c in nb.cells if c.cell_type == "code" and not cells.is_graded_part(c) and "plt." in c.source]
    assert plots
    for cell in plots:
        assert [(o.output_type, o.get("text")) for o in cell.outputs] == [("stream", pruning.NOT_RUN)]
    for cell in nb.cells:
        if cells.is_test(cell):
            assert cell.outputs[0].get("text", "").startswith(judging.PASS_MARK), cell.outputs


def test_a_function_reading_a_demo_variable_scores_the_same_with_pruning_on_and_off(graded):
    result, _ = graded
    on, off = result.cell_scores("reader-on", A), result.cell_scores("reader-off", A)
    assert on == off
    for test in ("test_add_learned_positions_values", "test_invalid_inputs"):
        assert on[test][0] == on[test][1], (test, on[test])
    assert all(s == m for k, (s, m) in on.items() if k.startswith("test_")), on
    off_nb = result.autograded("reader-off", A)
    assert not any(o.get("text") == pruning.NOT_RUN for c in off_nb.cells for o in c.get("outputs", []))
