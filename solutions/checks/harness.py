"""The shared machinery behind every hidden check.

A graded test cell runs one :class:`Spec`: a student function, the cases it is
called on, and how each answer is judged against the reference. Running a spec
has two halves that never share a process during grading:

* :func:`collect` runs in the student's kernel. It calls the student function on
  copies of each case's arguments (quietly, with a time budget) and records what
  came back, what was raised, and the arguments as they were afterwards.
* :func:`evaluate` runs in a fresh, isolated interpreter (``solutions.judge``).
  It rebuilds the same cases from the spec's seed, computes the reference, and
  judges each record: type and shape first, then dtype, then values, then
  "inputs unmodified". A failure message shows the (small) input, expected vs
  got, the largest difference and where it is, and names the known mistake the
  answer matches, if any.

Under pytest both halves run in one process (:func:`run_spec`), so the same
specs are tested against the reference and a catalogue of mistakes.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import io
import signal
import threading
import time
import warnings
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import numpy as np

RTOL = 1e-6
ATOL = 1e-9
CALL_SECONDS = 3.0     # one call of the student function (the reference needs milliseconds)
SPEC_SECONDS = 10.0    # all calls of one spec (the nbgrader cell timeout is 60 s)

ID_ERRORS = ("ValueError", "IndexError")


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Case:
    """One call of the function under test."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    raises: tuple[str, ...] = ()      # non-empty: the call must raise one of these
    why: str = ""                     # for a `raises` case: what is invalid about the input
    smoke: bool = False               # valid input that must return (its value is graded elsewhere)


def bad(*args, why: str, errors: Sequence[str] = ("ValueError",), **kwargs) -> Case:
    """A case whose input is invalid: the function must raise one of `errors`."""
    return Case(args=args, kwargs=kwargs, label=why, raises=tuple(errors), why=why)


def case(*args, label: str = "", **kwargs) -> Case:
    return Case(args=args, kwargs=kwargs, label=label)


@dataclass(frozen=True)
class Mistake:
    """A known wrong way to write the function, recognised from its answer.

    `model(*args, **kwargs)` returns what the mistaken code returns, or
    `test(case, got, expected)` says whether `got` shows the mistake.
    """

    name: str
    model: Callable | None = None
    test: Callable | None = None


@dataclass(frozen=True)
class Spec:
    """What one graded test cell checks."""

    name: str
    function: str
    reference: Callable
    cases: Callable[[np.random.Generator], list[Case]]
    seed: int = 0
    mistakes: tuple[Mistake, ...] = ()
    rtol: float = RTOL
    atol: float = ATOL
    # extra judgement of a returned value: (case, got, expected) -> message or None
    verify: Callable | None = None
    # compare against the reference value (False when `verify` judges alone)
    compare_reference: bool = True
    check_unmodified: bool = True

    def make_cases(self) -> list[Case]:
        return list(self.cases(np.random.default_rng(self.seed)))

    def arg_names(self) -> list[str]:
        return list(inspect.signature(self.reference).parameters)


class NotThisMistake(Exception):
    """Raised by a guarded mistake model on a case it must not explain."""


def on_invalid_input(model: Callable) -> Callable:
    """Mark a model of missing validation: under only_where_wrong it may still
    explain an answer to invalid input."""
    model.invalid_input = True
    return model


def only_where_wrong(reference: Callable, *mistakes: Mistake) -> tuple[Mistake, ...]:
    """The mistakes, with each model unable to explain an answer to invalid input
    (where the reference raises) unless marked with on_invalid_input. Models that
    give the reference's answer never explain a failure anyway (matching_mistakes)."""
    def guard(model):
        def guarded(*args, **kwargs):
            try:
                reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            except Exception:  # noqa: BLE001 - invalid input
                raise NotThisMistake() from None
            return model(*args, **kwargs)
        return guarded
    return tuple(m if m.model is None or getattr(m.model, "invalid_input", False)
                 else replace(m, model=guard(m.model)) for m in mistakes)


def specs_by_name(*specs: Spec) -> dict[str, Spec]:
    """SPECS of a checks module. A spec made only of invalid inputs also gets two
    valid cases of a sibling spec (same function): a function that raises on
    everything must not earn the invalid-input points."""
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise RuntimeError(f"duplicate spec names: {names}")
    out = {}
    for spec in specs:
        if all(c.raises for c in spec.make_cases()):
            sibling = next((o for o in specs if o.function == spec.function
                            and any(not c.raises for c in o.make_cases())), None)
            if sibling is not None:
                spec = replace(spec, cases=_with_valid(spec.cases, sibling))
        out[spec.name] = spec
    return out


def _with_valid(cases, sibling: Spec):
    def combined(rng):
        valid = [replace(c, smoke=True) for c in sibling.make_cases() if not c.raises][:2]
        return list(cases(rng)) + valid
    return combined


# ------------------------------------------------------------ collect (kernel side)


class OutOfTime(BaseException):
    """Raised inside a student call that exceeds its budget (not an Exception,
    so a bare `except Exception` in student code cannot swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float):
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
    """No warnings, numpy floating-point messages or prints reach the cell's
    output: nbgrader scores any stderr as a failed cell, and a correct function
    that warns must keep its points."""
    sink = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            yield


def call_quietly(fn: Callable, args: tuple, kwargs: dict, seconds: float) -> dict:
    """Call fn and describe the outcome as a record (never raises)."""
    try:
        with quiet(), time_limit(seconds):
            value = fn(*args, **kwargs)
        return {"returned": value}
    except OutOfTime:
        return {"timeout": round(seconds, 2)}
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are answers too
        names = [k.__name__ for k in type(exc).__mro__]
        return {"raised": names, "message": str(exc)[:300]}


def collect(spec: Spec, fn: Callable) -> list[dict]:
    """Run the student function on every case of the spec; return one record per case."""
    records = []
    deadline = time.monotonic() + SPEC_SECONDS
    for c in spec.make_cases():
        args, kwargs = copy.deepcopy(c.args), copy.deepcopy(c.kwargs)
        budget = min(CALL_SECONDS, deadline - time.monotonic())
        record = call_quietly(fn, args, kwargs, budget) if budget > 0 else {"timeout": 0}
        record["args_after"] = args
        record["kwargs_after"] = kwargs
        records.append(record)
    return records


# ------------------------------------------------------------ evaluate (judge side)


def fmt(value: Any, limit: int = 400) -> str:
    """A short readable form of a value for messages."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=4, threshold=40, edgeitems=2, separator=", ",
                               suppress_small=True)
        text = f"{body}  (shape {value.shape}, {value.dtype})"
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + " ...]"


def type_name(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"ndarray of dtype {value.dtype} and shape {value.shape}"
    return type(value).__name__


def call_text(spec: Spec, c: Case) -> str:
    names = spec.arg_names()
    lines = [f"  {n} = {fmt(v)}" for n, v in zip(names, c.args)]
    lines += [f"  {n} = {fmt(v)}" for n, v in c.kwargs.items()]
    head = f"{spec.function}({', '.join(names[: len(c.args)] + list(c.kwargs))})"
    where = f" [{c.label}]" if c.label else ""
    return head + where + " with\n" + "\n".join(lines)


def is_python_int(value) -> bool:
    return type(value) is int


def is_float_scalar(value) -> bool:
    return isinstance(value, float) or (isinstance(value, np.floating) and value.dtype == np.float64)


def compare(got: Any, expected: Any, rtol: float = RTOL, atol: float = ATOL, path: str = "") -> str | None:
    """None when `got` matches `expected`, else what differs (shapes and types before values)."""
    at = f" at {path}" if path else ""
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            return f"expected a numpy array{at}, got {type_name(got)} (wrap the result in np.asarray)"
        if got.shape != expected.shape:
            hint = ""
            if sorted(got.shape) == sorted(expected.shape):
                hint = " (the same sizes in another order: are two axes swapped?)"
            elif got.size == expected.size:
                hint = " (the same number of entries: a reshape or flatten too many?)"
            return f"wrong shape{at}: expected {expected.shape}, got {got.shape}{hint}"
        if np.issubdtype(expected.dtype, np.integer):
            if got.dtype == np.bool_ or not np.issubdtype(got.dtype, np.integer):
                return f"expected an integer dtype{at} (these are ids), got {got.dtype}"
            if not np.array_equal(got, expected):
                wrong = np.argwhere(got != expected)
                where = tuple(int(i) for i in wrong[0])
                return (f"wrong ids{at}: {len(wrong)} of {got.size} differ; the first at position {where}: "
                        f"expected {expected[where]}, got {got[where]}")
            return None
        if got.dtype != np.float64:
            return f"expected dtype float64{at}, got {got.dtype}"
        if np.isnan(got).any() and not np.isnan(expected).any():
            return f"the result contains NaN{at} ({int(np.isnan(got).sum())} entries) where none are expected"
        if not np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
            return first_difference(got, expected, at)
        return None
    if isinstance(expected, bool):
        if not isinstance(got, (bool, np.bool_)):
            return f"expected a bool{at}, got {type_name(got)}"
        return None if bool(got) == expected else f"expected {expected}{at}, got {got}"
    if is_python_int(expected):
        if not is_python_int(got):
            return f"expected a Python int{at}, got {type_name(got)} {got!r} (convert with int(...))"
        return None if got == expected else f"expected {expected}{at}, got {got}"
    if isinstance(expected, float):
        if not is_float_scalar(got):
            return f"expected a float{at}, got {type_name(got)} {fmt(got, 80)}"
        got = float(got)
        if np.isnan(got) and not np.isnan(expected):
            return f"expected {expected!r}{at}, got nan"
        if not np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
            return f"expected {expected!r}{at}, got {got!r} (difference {abs(got - expected):.3g})"
        return None
    if isinstance(expected, tuple):
        if not isinstance(got, tuple):
            return f"expected a tuple{at}, got {type_name(got)} {fmt(got, 80)}"
        if len(got) != len(expected):
            return f"expected a tuple of length {len(expected)}{at}, got length {len(got)}: {fmt(got, 80)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            problem = compare(g, e, rtol, atol, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"expected a dict{at}, got {type_name(got)}"
        if set(got) != set(expected):
            missing, extra = sorted(set(expected) - set(got), key=str), sorted(set(got) - set(expected), key=str)
            return f"wrong keys{at}: missing {missing}, unexpected {extra}"
        for key in expected:
            problem = compare(got[key], expected[key], rtol, atol, f"{path}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str):
        return None if got == expected else f"expected {expected!r}{at}, got {fmt(got, 80)}"
    raise TypeError(f"cannot compare values of type {type(expected).__name__}")


def first_difference(got: np.ndarray, expected: np.ndarray, at: str) -> str:
    with np.errstate(all="ignore"):
        return _first_difference(got, expected, at)


def _first_difference(got: np.ndarray, expected: np.ndarray, at: str) -> str:
    gotf = got.astype(np.float64)
    expf = expected.astype(np.float64)
    diff = np.abs(gotf - expf)
    diff = np.where(np.isnan(diff), np.inf, diff)
    idx = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.ndim else ()
    wrong = int(np.count_nonzero(~np.isclose(gotf, expf, rtol=RTOL, atol=ATOL, equal_nan=True)))
    where = tuple(int(i) for i in idx)
    return (f"wrong values{at}: {wrong} of {got.size} entries differ; the largest difference is "
            f"{float(diff[idx]):.4g} at index {where}: expected {expf[idx]:.6g}, got {gotf[idx]:.6g}")


def matching_mistakes(spec: Spec, c: Case, record: dict, expected: Any) -> list[str]:
    """The known mistakes that reproduce this record: same value, or same exception."""
    names = []
    for m in spec.mistakes:
        try:
            if m.test is not None and "returned" in record:
                with quiet():
                    if m.test(c, record["returned"], expected):
                        names.append(m.name)
                        continue
            if m.model is None:
                continue
            try:
                with quiet():
                    guess = m.model(*copy.deepcopy(c.args), **copy.deepcopy(c.kwargs))
            except Exception as exc:  # noqa: BLE001
                if "raised" in record and record["raised"][0] == type(exc).__name__:
                    names.append(m.name)
                continue
            if expected is not None and compare(guess, expected, spec.rtol, spec.atol) is None:
                continue   # this mistake gives the right answer here, so it cannot explain a failure
            if "returned" in record and compare(record["returned"], guess, spec.rtol, spec.atol) is None:
                names.append(m.name)
        except Exception:  # noqa: BLE001 - a model that cannot run on this case does not match
            continue
    return names


def judge_case(spec: Spec, c: Case, record: dict) -> tuple[str | None, Any]:
    """(failure message or None, reference value or None) for one case."""
    head = call_text(spec, c)
    if "timeout" in record:
        return (f"{head}\ndid not finish within {record['timeout']} s "
                "(an endless loop, or a Python loop over every entry of a large array?)"), None
    if c.raises:
        wanted = " or ".join(c.raises)
        if "raised" in record:
            if any(n in c.raises for n in record["raised"]):
                return None, None
            return (f"{head}\nraised {record['raised'][0]}: {record['message']}\n"
                    f"but this input is invalid ({c.why}) and must raise {wanted}."), None
        return (f"{head}\nreturned {fmt(record.get('returned'), 200)}\nbut this input is invalid ({c.why}): "
                f"it must raise {wanted} with a message that names the problem."), None
    if "raised" in record:
        return f"{head}\nraised {record['raised'][0]}: {record['message']}\nbut this input is valid.", None
    if c.smoke:
        return None, None   # valid input that returned: its value is graded by another cell
    got = record.get("returned")
    with quiet():
        expected = spec.reference(*copy.deepcopy(c.args), **copy.deepcopy(c.kwargs))
    problem = compare(got, expected, spec.rtol, spec.atol) if spec.compare_reference else None
    if problem is None and spec.verify is not None:
        with quiet():
            problem = spec.verify(c, got, expected)
    if problem is None:
        return None, expected
    msg = f"{head}\n{problem}"
    if spec.compare_reference:
        msg += f"\nexpected: {fmt(expected)}\ngot:      {fmt(got)}"
    return msg, expected


def same_input(before: Any, after: Any) -> bool:
    if callable(before) and not isinstance(before, np.ndarray):
        return True   # functions passed as arguments cannot travel to the judge; nothing to compare
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and after.shape == before.shape and after.dtype == before.dtype
                and np.array_equal(after, before, equal_nan=True))
    if isinstance(before, (list, tuple)):
        return (type(after) is type(before) and len(after) == len(before)
                and all(same_input(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return isinstance(after, dict) and set(after) == set(before) and all(
            same_input(before[k], after[k]) for k in before)
    if isinstance(before, float) and np.isnan(before):
        return isinstance(after, float) and np.isnan(after)
    return type(after) is type(before) and after == before


def judge_unmodified(spec: Spec, c: Case, record: dict) -> str | None:
    names = spec.arg_names()
    for i, (before, after) in enumerate(zip(c.args, record.get("args_after", c.args))):
        if not same_input(before, after):
            name = names[i] if i < len(names) else f"argument {i}"
            change = ""
            if isinstance(before, np.ndarray) and isinstance(after, np.ndarray) and after.shape == before.shape:
                with np.errstate(all="ignore"):
                    delta = np.abs(after.astype(np.float64) - before.astype(np.float64))
                delta = np.where(np.isnan(delta), np.inf, delta)
                where = np.unravel_index(int(np.argmax(delta)), delta.shape) if delta.ndim else ()
                change = f" (the largest change is {float(delta[where]):.3g} at index {tuple(int(i) for i in where)})"
            return (f"{call_text(spec, c)}\nmodified its input `{name}` in place{change}: "
                    f"after the call it is {fmt(after, 200)}.\nA graded function never modifies its inputs "
                    "(work on a copy, e.g. np.array(x, dtype=float), or build a new array).")
    for key, before in c.kwargs.items():
        after = record.get("kwargs_after", {}).get(key, before)
        if not same_input(before, after):
            return f"{call_text(spec, c)}\nmodified its input `{key}` in place."
    return None


def evaluate(spec: Spec, records: list[dict]) -> dict:
    """Judge the records of one spec: {"passed", "message", "cases", "failed", "mistake"}.

    The message details the first failing case; a known mistake is named when
    its model reproduces every failing case (else the first case's match).
    """
    cases = spec.make_cases()
    if len(records) != len(cases):
        return {"passed": False, "cases": len(cases), "failed": len(cases), "mistake": None,
                "message": "the hidden check could not run every case (records do not match the cases)"}
    failures, explained = [], []
    for c, record in zip(cases, records):
        problem = judge_unmodified(spec, c, record) if spec.check_unmodified and not c.smoke else None
        if problem:   # the message names this mistake itself; value models cannot reproduce it
            failures.append(problem)
            continue
        problem, expected = judge_case(spec, c, record)
        if problem:
            failures.append(problem)
            explained.append(matching_mistakes(spec, c, record, expected))
    if not failures:
        return {"passed": True, "cases": len(cases), "failed": 0, "message": "", "mistake": None}
    common = [m for m in (explained or [[]])[0] if all(m in other for other in explained[1:])]
    first = next((e for e in explained if e), [])
    mistake = (common or first or [None])[0]
    message = failures[0]
    if len(failures) > 1:
        message = f"{len(failures)} of {len(cases)} hidden cases failed. The first:\n{message}"
    if mistake:
        message += f"\nLikely mistake: {mistake}."
    return {"passed": False, "cases": len(cases), "failed": len(failures), "message": message, "mistake": mistake}


def run_spec(spec: Spec, fn: Callable) -> dict:
    """Both halves in this process (for pytest)."""
    return evaluate(spec, collect(spec, fn))


# ------------------------------------------------------------------ case helpers


def table(rng: np.random.Generator, *shape: int, dtype=np.float64) -> np.ndarray:
    """Random normal entries rounded to 2 decimals, so messages stay readable."""
    return np.round(rng.normal(size=shape), 2).astype(dtype)


def as_lists(value):
    """The same data as nested Python lists (inputs may arrive as lists)."""
    return value.tolist() if isinstance(value, np.ndarray) else value
