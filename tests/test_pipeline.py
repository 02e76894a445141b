"""The real pipeline on every assignment: nbgrader generate_assignment,
autograde (real kernels, one parallel batch) and generate_feedback."""
from __future__ import annotations

import html
import json
import re

import pytest

from coursetools import cells, course, notebooks

from .conftest import ASSIGNMENTS


def _tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts)


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_release_is_in_sync_with_source(graded_class, a):
    built, committed = graded_class.root / "release" / a, course.ROOT / "release" / a
    assert _tree(built) == _tree(committed), f"release/{a} has other files than nbgrader generates"
    for rel in _tree(built):
        fresh, kept = (built / rel).read_bytes(), (committed / rel).read_bytes()
        if rel.endswith(".ipynb"):
            fresh, kept = json.loads(fresh), json.loads(kept)
        assert fresh == kept, f"release/{a}/{rel} is stale: run `python3 course.py build {a}` and commit"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_reference_gets_full_autograded_points(graded_class, a):
    scores = graded_class.cell_scores("demo-reference", a)
    auto = {k: v for k, v in scores.items() if k.startswith("test_")}
    lost = {k: v for k, v in auto.items() if v[0] != v[1]}
    assert auto and not lost, f"{a}: reference lost points: {lost}\n{graded_class.why('demo-reference', a)}"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_correct_variants_get_full_autograded_points(graded_class, a):
    scores = graded_class.cell_scores("demo-variants", a)
    lost = {k: v for k, v in scores.items() if k.startswith("test_") and v[0] != v[1]}
    assert not lost, f"{a}: correct variants lost points:\n{graded_class.why('demo-variants', a)}"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_blank_release_gets_zero(graded_class, a):
    scores = graded_class.cell_scores("demo-blank", a)
    assert scores and all((s or 0) == 0 for s, _ in scores.values()), f"{a}: blank scored {scores}"


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_mistakes_lose_points_with_named_reasons(graded_class, a):
    row = graded_class.row("demo-mistakes", a)
    assert row.auto_score < row.auto_max, f"{a}: a notebook full of mistakes scored full marks"
    assert row.lost and all(": " in reason for reason in row.lost)
    from solutions import mistakes

    graded = graded_class.autograded("demo-mistakes", a)
    text = "\n".join(o.get("evalue", "") for c in graded.cells if cells.is_test(c) for o in c.outputs)
    for fn in course.graded_functions(a):   # demo-mistakes hands in each function's first catalogued mistake
        wrong = mistakes.load(a).for_function(fn, correct=False)
        assert not wrong or wrong[0].expect in text, f"{a}: no check message names the mistake of {fn}: " \
                                                     f"{wrong[0].expect!r}"


def _visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_feedback_shows_messages_not_hidden_tests(graded_class, a):
    for student in ("demo-mistakes", "demo-blank", "demo-reference"):
        text = _visible_text(graded_class.feedback_html(student, a))
        for leak in ("HIDDEN TESTS", "answerkit", "answer(\"", "BEGIN SOLUTION", "Mark scheme",
                     "harness.py", "solutions/", "site-packages/solutions"):
            assert leak not in text, f"{student}/{a} feedback shows {leak!r}"
    text = _visible_text(graded_class.feedback_html("demo-mistakes", a))
    assert "HiddenCheckFailed" in text or "Likely mistake" in text, "the mistakes' feedback shows no check message"
    submitted = notebooks.read(graded_class.root / "submitted" / "demo-mistakes" / a / f"{a}.ipynb")
    def words(nb):
        return " ".join(" ".join(c.source for c in nb.cells).replace("`", "").split())

    known = words(submitted) + " " + words(notebooks.read(course.notebook(a, "release")))
    for line in notebooks.solution_lines(notebooks.read(course.notebook(a))):
        if " ".join(line.split()) in known:
            continue   # the student's own code, or a last, explicit hint that every student has
        assert line not in text, f"demo-mistakes/{a} feedback shows the solution line {line!r}"


def test_plain_nbgrader_autograde_judges_outside_the_kernel_in_the_sandbox(graded_class):
    """The protection is configured in nbgrader_config.py, so stock `nbgrader autograde` run from
    the course folder (and Formgrader's Autograde button, which reads the same config) gets it too."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from coursetools import judging

    a, bindir = ASSIGNMENTS[0], Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("COURSE_UNSANDBOXED", None)
    done = subprocess.run([str(bindir / "nbgrader"), "autograde", a, "--student", "demo-reference", "--force"],
                          cwd=graded_class.root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    nb = graded_class.autograded("demo-reference", a)
    assert nb.metadata[judging.GRADING]["sandboxed"] is True
    tests = [c for c in nb.cells if cells.is_test(c)]
    assert tests and all(c.outputs and c.outputs[0].get("text", "").startswith(judging.PASS_MARK) for c in tests)
    scores = graded_class.cell_scores("demo-reference", a)
    assert all(s == m for k, (s, m) in scores.items() if k.startswith("test_"))
