"""The shared check machinery (solutions/checks/harness.py) on small hand-made specs."""
from __future__ import annotations

import numpy as np

from solutions.checks.harness import (Spec, accepted_invalid, bad, case, compare, evaluate, kept_dtype,
                                      run_spec)


def _double(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x: expected 1-D, got {x.ndim}-D")
    return 2 * x


def test_differing_entries_are_counted_with_the_specs_own_tolerances():
    expected = np.array([1.0, 2.0, 3.0])
    got = np.array([1.0 + 1e-6, 2.0 - 1e-6, 3.3])   # two entries within rtol=1e-4, one real error
    assert "1 of 3 entries differ" in compare(got, expected, rtol=1e-4, atol=1e-9)
    assert "3 of 3 entries differ" in compare(got, expected, rtol=1e-9, atol=1e-12)


def test_a_valueerror_must_name_the_argument():
    spec = Spec("double_invalid", "double", _double, lambda rng: [bad(np.ones((2, 2)), why="x is 2-D")])

    def vague(x):
        raise ValueError("invalid input")

    assert run_spec(spec, _double)["passed"]
    result = run_spec(spec, vague)
    assert not result["passed"] and "does not name `x`" in result["message"]


def test_expected_and_got_are_shown_once_for_scalars():
    spec = Spec("total", "total", lambda x: float(np.sum(x)), lambda rng: [case(np.ones(3))])
    message = run_spec(spec, lambda x: 2.0)["message"]
    assert message.count("2.0") == 1 and "expected 3.0" in message and "\nexpected:" not in message


def test_kept_dtype_and_accepted_invalid_input_are_named():
    mistakes = (kept_dtype(), accepted_invalid("x must be 1-D: raise ValueError naming x", "2-D"))
    spec = Spec("double", "double", _double, lambda rng: [case(np.ones(3, dtype=np.float32)),
                                                          bad(np.ones((2, 2)), why="x is 2-D")], mistakes=mistakes)
    kept = run_spec(spec, lambda x: 2 * np.asarray(x) if np.ndim(x) == 1 else _double(x))
    assert "Likely mistake: the result kept the input's dtype" in kept["message"]
    accepted = run_spec(spec, lambda x: 2 * np.asarray(x, dtype=np.float64))
    assert "Likely mistake: x must be 1-D" in accepted["message"]


def test_records_that_do_not_match_the_cases_fail_without_crashing():
    spec = Spec("double", "double", _double, lambda rng: [case(np.ones(3)), case(np.zeros(2))])
    result = evaluate(spec, [{"returned": np.full(3, 2.0)}])
    assert not result["passed"] and "could not run every case" in result["message"]
