"""The hidden checks, run in-process against the reference and the mistake catalogue.

- the reference passes every spec;
- every catalogued mistake fails at least one spec of its function, and a
  failure message names it (contains the catalogue's expected words);
- every catalogued correct variant (loops, einsum, other libraries' calls)
  passes every spec of its function;
- every spec rejects bad input or checks values, and runs well under a second.
"""
from __future__ import annotations

import time

import pytest

from solutions import mistakes
from solutions.checks import load_specs
from solutions.checks.harness import run_spec
from coursetools import course

from .conftest import ASSIGNMENTS

SPECS = [(a, name) for a in ASSIGNMENTS for name in load_specs(a)]
ENTRIES = [(a, i) for a in ASSIGNMENTS for i, _ in enumerate(mistakes.load(a))]


def entry_id(param):
    a, i = param
    e = mistakes.load(a)[i]
    return f"{a}:{e.function}:{'right' if e.correct else 'wrong'}:{e.slug}"


@pytest.mark.parametrize("assignment,name", SPECS, ids=[f"{a}:{n}" for a, n in SPECS])
def test_reference_passes_and_is_fast(assignment, name):
    spec = load_specs(assignment)[name]
    reference = getattr(course.reference_module(assignment), spec.function)
    start = time.perf_counter()
    result = run_spec(spec, reference)
    elapsed = time.perf_counter() - start
    assert result["passed"], result["message"]
    assert result["cases"] >= 3, "a spec needs several cases"
    assert elapsed < 0.5, f"{name} took {elapsed:.2f} s in-process"


@pytest.mark.parametrize("param", ENTRIES, ids=[entry_id(p) for p in ENTRIES])
def test_catalogue_entry(param):
    assignment, index = param
    entry = mistakes.load(assignment)[index]
    specs = [s for s in load_specs(assignment).values() if s.function == entry.function]
    assert specs, f"no spec checks {entry.function}"
    results = [run_spec(s, entry.impl) for s in specs]
    failed = [r for r in results if not r["passed"]]
    if entry.correct:
        assert not failed, f"a correct variant ({entry.slug}) was rejected:\n{failed[0]['message']}"
    else:
        assert failed, f"the mistake '{entry.slug}' passed every check of {entry.function}"
        messages = "\n---\n".join(r["message"] for r in failed)
        assert entry.expect in messages, (
            f"the mistake '{entry.slug}' was rejected, but no message says '{entry.expect}':\n{messages}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_catalogue_covers_every_function(assignment):
    functions = {s.function for s in load_specs(assignment).values()}
    catalogue = mistakes.load(assignment)
    for fn in sorted(functions):
        assert len(catalogue.for_function(fn, correct=True)) >= 2, f"{fn}: fewer than 2 correct variants"
        assert len(catalogue.for_function(fn, correct=False)) >= 2, f"{fn}: fewer than 2 mistakes"


@pytest.mark.parametrize("param", ENTRIES, ids=[entry_id(p) for p in ENTRIES])
def test_catalogue_entry_works_as_pasted_into_the_notebook(param):
    """The demo pastes an entry's source into the notebook, beside the setup cells and the other
    functions: it must need nothing else from the catalogue module (a helper it calls, a constant)."""
    import matplotlib

    from .test_notebooks import solution_namespace

    matplotlib.use("Agg")
    assignment, index = param
    entry = mistakes.load(assignment)[index]
    namespace = solution_namespace(assignment)
    exec(compile(entry.source(), f"<{entry.slug}>", "exec"), namespace)
    pasted = namespace[entry.function]
    results = [run_spec(s, pasted) for s in load_specs(assignment).values() if s.function == entry.function]
    raised = [r["message"] for r in results if "NameError" in r["message"]]
    assert not raised, f"{entry.slug} needs a name the notebook does not have:\n{raised[0][:600]}"
    if entry.correct:
        assert all(r["passed"] for r in results), f"{entry.slug}, pasted, fails a check"
