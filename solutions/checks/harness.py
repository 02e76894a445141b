"""The shared machinery behind every hidden check (grader side).

A graded test cell runs one or more :class:`Spec`: a student function, the
cases it is called on, and how each answer is judged against the reference.
Running a spec has two halves that never share a process during grading:

* :func:`inputs` builds the cases from the spec's seed and encodes their
  arguments for the kernel. There, ``answerkit`` calls the student's function
  on them and hands back one record per case: what came back, what was raised,
  and the arguments as they were afterwards.
* :func:`evaluate` runs in the grader's process (``coursetools.judging``). It
  rebuilds the same cases, computes the reference, and judges each record:
  "inputs unmodified" first, then type and shape, dtype, values. A failure
  message shows the (small) input, expected vs got, the largest difference and
  where it is, and names the known mistake the answer matches, if any.

Under pytest :func:`run_spec` runs both halves in one process, through the same
JSON transport, so the same specs are tested against the reference and a
catalogue of mistakes.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import io
import json
import re
import warnings
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import numpy as np

from answerkit import calls as kernel_side
from answerkit import transport

RTOL = 1e-6
ATOL = 1e-9

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
    Mistakes about invalid input that was accepted (`invalid_input`) are tried
    first: on such a case a value model may coincide and name the wrong thing.
    """

    name: str
    model: Callable | None = None
    test: Callable | None = None
    invalid_input: bool = False


def accepted_invalid(name: str, *words: str) -> Mistake:
    """Invalid input that returned a value instead of raising (the case's `why` holds one of `words`, if given)."""
    return Mistake(name, test=lambda c, got, exp: bool(c.raises) and (not words or any(w in c.why for w in words)),
                   invalid_input=True)


def kept_dtype(name: str = "the result kept the input's dtype (float32): return float64") -> Mistake:
    """A result equal to the reference's but for its dtype (float32 input kept instead of float64)."""
    return Mistake(name, test=lambda c, got, exp: isinstance(got, np.ndarray) and isinstance(exp, np.ndarray)
                   and got.dtype != np.float64 and got.shape == exp.shape
                   and np.allclose(got.astype(np.float64), exp, rtol=1e-4, atol=1e-5))


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
    # graded functions this one is expected to call: when one of them failed its own
    # cell, the grader says to check it first
    uses: tuple[str, ...] = ()

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


# ------------------------------------------------------------ inputs (for the kernel)


def inputs(spec: Spec) -> dict:
    """What the kernel needs to answer this spec: the function's name and each case's arguments."""
    return {"function": spec.function,
            "cases": [{"args": transport.encode(list(c.args)), "kwargs": transport.encode(c.kwargs)}
                      for c in spec.make_cases()]}


@contextlib.contextmanager
def quiet():
    """No warnings or numpy floating-point messages from references and mistake models."""
    sink = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            yield


# ------------------------------------------------------------ evaluate (judge side)


def fmt(value: Any, limit: int = 400) -> str:
    """A short readable form of a value for messages."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=4, threshold=40, edgeitems=2, separator=", ",
                               suppress_small=True)
        text = f"{body}  (shape {value.shape}, {value.dtype})"
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
            return first_difference(got, expected, at, rtol, atol)
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


def first_difference(got: np.ndarray, expected: np.ndarray, at: str, rtol: float = RTOL, atol: float = ATOL) -> str:
    """Where two arrays of one shape differ, counting entries with the spec's own tolerances."""
    with np.errstate(all="ignore"):
        return _first_difference(got, expected, at, rtol, atol)


def _first_difference(got: np.ndarray, expected: np.ndarray, at: str, rtol: float, atol: float) -> str:
    gotf = got.astype(np.float64)
    expf = expected.astype(np.float64)
    diff = np.abs(gotf - expf)
    diff = np.where(np.isnan(diff), np.inf, diff)
    idx = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.ndim else ()
    wrong = int(np.count_nonzero(~np.isclose(gotf, expf, rtol=rtol, atol=atol, equal_nan=True)))
    where = tuple(int(i) for i in idx)
    return (f"wrong values{at}: {wrong} of {got.size} entries differ; the largest difference is "
            f"{float(diff[idx]):.4g} at index {where}: expected {expf[idx]:.6g}, got {gotf[idx]:.6g}")


def matching_mistakes(spec: Spec, c: Case, record: dict, expected: Any) -> list[str]:
    """The known mistakes that reproduce this record: same value, or same exception."""
    names = []
    for m in sorted(spec.mistakes, key=lambda m: not m.invalid_input):
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
                return unnamed_argument(spec, c, record, head), None
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
    if spec.compare_reference and isinstance(expected, (np.ndarray, tuple, list, dict)):
        # the problem names one entry; the whole values help (scalars are already in the problem)
        msg += f"\nexpected: {fmt(expected)}\ngot:      {fmt(got)}"
    return msg, expected


def argument_named_by(spec: Spec, c: Case) -> list[str]:
    """The parameter a bad case is about (the first word of its `why`), else every parameter."""
    params = spec.arg_names()
    first = re.split(r"[^A-Za-z0-9_]", c.why.strip(), maxsplit=1)[0]
    return [first] if first in params else params


def unnamed_argument(spec: Spec, c: Case, record: dict, head: str) -> str | None:
    """The contract: a ValueError for invalid input names the argument (IndexError for ids is exempt)."""
    if record["raised"][0] != "ValueError" and "IndexError" in record["raised"]:
        return None
    if "ValueError" not in record["raised"]:
        return None
    wanted = argument_named_by(spec, c)
    if any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", record.get("message", ""))
           for name in wanted):
        return None
    which = f"`{wanted[0]}`" if len(wanted) == 1 else "the argument (" + ", ".join(wanted) + ")"
    return (f"{head}\nraised ValueError: {record.get('message', '')!r} for invalid input ({c.why}), "
            f"but the message does not name {which}.\nSay which argument is wrong and why, "
            f"e.g. ValueError(\"{wanted[0]}: ...\").")


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
            raised_as_asked = c.raises and any(n in c.raises for n in record.get("raised", []))
            explained.append([] if raised_as_asked else matching_mistakes(spec, c, record, expected))
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


def run_spec(spec: Spec, fn: Callable, call_seconds: float = 3.0, spec_seconds: float = 10.0) -> dict:
    """Both halves in this process, through the JSON transport the kernel uses (for pytest)."""
    sent = json.loads(json.dumps(inputs(spec)))
    records = kernel_side.collect(fn, sent["cases"], call_seconds, spec_seconds)
    back = json.loads(json.dumps(transport.encode(records)))
    return evaluate(spec, transport.decode(back))


# ------------------------------------------------------------------ case helpers


def table(rng: np.random.Generator, *shape: int, dtype=np.float64) -> np.ndarray:
    """Random normal entries rounded to 2 decimals, so messages stay readable."""
    return np.round(rng.normal(size=shape), 2).astype(dtype)


def as_float(x) -> np.ndarray:
    """The input as a float64 array (what most mistake models start from)."""
    return np.asarray(x, dtype=np.float64)


def as_lists(value):
    """The same data as nested Python lists (inputs may arrive as lists)."""
    return value.tolist() if isinstance(value, np.ndarray) else value
