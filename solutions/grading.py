"""What a hidden test cell calls. It runs inside the student's kernel.

A hidden test cell is, in full::

    import sys
    for _m in [m for m in sys.modules if m.split(".")[0] == "solutions"]: del sys.modules[_m]
    from solutions.grading import check; check("01_lookup", "embedding_lookup_values")

The first two lines drop any module of this package that a student cell may
have planted or patched, so the import reads it afresh from disk. `check` finds
the student's function in the notebook, runs it on the spec's cases
(:func:`~solutions.checks.harness.collect`) and has the answers judged in a
fresh isolated interpreter (:mod:`solutions.judge`). A pass prints one line; a
failure is written to stderr *and* raised by an ``assert`` statement, so the
cell scores 0 even if the shell's exception handling was tampered with.
Fixing a check after release means editing this package: the notebooks and the
gradebook only hold the call above.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from . import transport
from .checks import load_spec
from .checks.harness import collect

JUDGE_SECONDS = 60
PASS_MARK = "\u2713 hidden check passed:"      # the grading report looks for this line


def fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    assert False, message  # noqa: B011 - an assert statement raises the real AssertionError


def judge(assignment: str, spec_name: str, records: list) -> dict:
    request = json.dumps({"assignment": assignment, "spec": spec_name, "records": transport.encode(records)})
    try:
        done = subprocess.run([sys.executable, "-I", "-m", "solutions.judge"], input=request,
                              capture_output=True, text=True, timeout=JUDGE_SECONDS)
        return json.loads(done.stdout)
    except Exception as exc:  # noqa: BLE001
        return {"passed": False, "cases": 0, "failed": 0, "infrastructure": True,
                "message": f"the grader's judge did not answer ({type(exc).__name__}); "
                           "this is not about your code: tell your instructor"}


PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
STDLIB_DIR = os.path.dirname(os.path.dirname(os.path.abspath(json.__file__)))


def tampering(fn) -> list[str]:
    """Signs that the kernel was prepared to fool this check (each costs the cell)."""
    problems = []
    code = getattr(fn, "__code__", None)
    if code is not None and os.path.abspath(code.co_filename).startswith(PACKAGE_DIR):
        problems.append("the graded function comes from the grader's own package, not from your notebook")
    for owner, name in ((subprocess, "run"), (json, "dumps"), (json, "loads")):
        impl = getattr(owner, name, None)
        path = getattr(getattr(impl, "__code__", None), "co_filename", "")
        if not os.path.abspath(path).startswith(STDLIB_DIR):
            problems.append(f"{owner.__name__}.{name} was replaced")
    stream = type(sys.stderr)
    if not (stream.__module__.startswith("ipykernel") or issubclass(stream, io.TextIOBase)):
        problems.append("sys.stderr was replaced")
    return problems


def check(assignment: str, spec_name: str) -> None:
    """Grade one spec against the function of that name in the calling notebook."""
    spec = load_spec(assignment, spec_name)
    namespace = sys._getframe(1).f_globals
    fn = namespace.get(spec.function)
    if fn is None:
        fail(f"`{spec.function}` is not defined. Run the cell that defines it, and keep its name "
             f"and signature exactly as given.")
    if not callable(fn):
        fail(f"`{spec.function}` is a {type(fn).__name__}, not a function.")
    problems = tampering(fn)
    if problems:
        fail("the grading environment was tampered with: " + "; ".join(problems) + ". This cell scores 0 and "
             "the submission is reported to the instructor.")
    outcome = judge(assignment, spec_name, collect(spec, fn))
    if not outcome.get("passed"):
        fail(f"{spec.function}: {outcome.get('message', 'failed')}")
    print(f"{PASS_MARK} {spec.function} ({spec_name}), {outcome['cases']} hidden cases")
