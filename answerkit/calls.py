"""Call the student's functions on the grader's inputs; hand the answers back.

The grader writes, before the notebook runs, one JSON file of inputs per
notebook (its path in the environment variable ``COURSE_ANSWER_INPUTS``)::

    {"call_seconds": 3.0, "spec_seconds": 10.0,
     "specs": {"<spec>": {"function": "<name>", "cases": [{"args": [...], "kwargs": {...}}, ...]}}}

:func:`answer` looks the function up in the calling notebook's namespace, calls
it once per case on fresh copies of the inputs (quietly, with a time budget per
call) and displays one output of MIME type :data:`ANSWERS_MIME` holding a record
per case: what was returned or raised, and the arguments as they were afterwards.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import threading
import time
import warnings

from . import transport

ANSWERS_MIME = "application/vnd.embedding-course.answers+json"
INPUTS_ENV = "COURSE_ANSWER_INPUTS"


class OutOfTime(BaseException):
    """Raised inside a call that exceeds its budget (not an Exception, so a bare
    `except Exception` in student code cannot swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """A courtesy budget per call, so one slow case does not use up the cell.
    The real deadline is the grader's, enforced from outside the kernel."""
    if seconds <= 0:
        raise OutOfTime()
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise OutOfTime()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def quiet():
    """Warnings, numpy floating-point messages and prints of the student's code
    stay out of the cell's output."""
    import numpy as np

    sink = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            yield


def call(fn, args: tuple, kwargs: dict, seconds: float) -> dict:
    """Call fn and describe the outcome as a record (never raises)."""
    try:
        with quiet(), time_limit(seconds):
            value = fn(*args, **kwargs)
        return {"returned": value}
    except OutOfTime:
        return {"timeout": round(seconds, 2)}
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are answers too
        names = [k.__name__ for k in type(exc).__mro__]
        try:
            message = str(exc)[:300]
        except BaseException:  # noqa: BLE001 - an exception whose str() fails
            message = "?"
        return {"raised": names, "message": message}


def collect(fn, cases: list[dict], call_seconds: float, spec_seconds: float) -> list[dict]:
    """One record per case: the student function called on decoded copies of its inputs."""
    records = []
    deadline = time.monotonic() + spec_seconds
    for c in cases:
        args, kwargs = transport.decode(c["args"], functions=True), transport.decode(c["kwargs"], functions=True)
        args = tuple(args)
        budget = min(call_seconds, deadline - time.monotonic())
        record = call(fn, args, kwargs, budget) if budget > 0 else {"timeout": 0}
        record["args_after"] = args
        record["kwargs_after"] = kwargs
        records.append(record)
    return records


def _inputs() -> dict:
    path = os.environ.get(INPUTS_ENV)
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def answer(assignment: str, *specs: str) -> None:
    """Hand the grader the answers of the calling notebook's functions for `specs`."""
    inputs = _inputs()
    if not inputs:
        print("(hidden checks run only when the notebook is graded)")
        return
    namespace = sys._getframe(1).f_globals
    answers = []
    for name in specs:
        request = inputs["specs"].get(name)
        if request is None:
            answers.append({"spec": name, "error": "no inputs for this check"})
            continue
        fn = namespace.get(request["function"])
        if fn is None or not callable(fn):
            kind = "missing" if fn is None else type(fn).__name__
            answers.append({"spec": name, "function": kind})
            continue
        records = collect(fn, request["cases"], inputs["call_seconds"], inputs["spec_seconds"])
        answers.append({"spec": name, "records": transport.encode(records)})
    from IPython.display import display

    text = f"answers for {', '.join(specs)} handed to the grader"
    display({ANSWERS_MIME: {"assignment": assignment, "answers": answers}, "text/plain": text}, raw=True)
