"""Answers travel from the kernel to the judge as JSON: whatever a student returns
must arrive with its type, dtype, shape and values intact (or as an opaque value
that fails every comparison), and nothing in it can run code in the judge."""
from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from answerkit import transport
from solutions.checks.harness import compare, same_input

DTYPES = st.sampled_from([np.float64, np.float32, np.float16, np.int64, np.int32, np.uint8, np.bool_, np.complex128])
arrays = DTYPES.flatmap(lambda dt: hnp.arrays(dt, hnp.array_shapes(min_dims=0, max_dims=4, max_side=4)))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=5))
values = st.recursive(st.one_of(scalars, arrays), lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner, inner),
    st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3)), max_leaves=8)


def round_trip(value):
    return transport.decode(json.loads(json.dumps(transport.encode(value))))


@settings(max_examples=300, deadline=None)
@given(values)
def test_every_answer_arrives_as_it_was_sent(value):
    assert same_input(value, round_trip(value))


def test_types_that_the_contract_distinguishes_stay_distinct():
    assert type(round_trip(3)) is int and type(round_trip(3.0)) is float and type(round_trip(True)) is bool
    assert type(round_trip(np.int64(3))) is np.int64 and round_trip((1, 2)) == (1, 2)
    assert round_trip(np.float32(0.5)).dtype == np.float32
    assert round_trip(np.array(4)).shape == ()          # 0-d stays 0-d
    assert compare(round_trip(np.arange(3.0).astype(np.float32)), np.arange(3.0)) == \
        "expected dtype float64, got float32"


def test_objects_arrive_opaque_and_never_compare_equal():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True
    sneaky = np.arange(3.0).view(Sneaky)
    assert type(round_trip(sneaky)) is np.ndarray          # only the data travels
    odd = round_trip({"f": lambda x: x, "o": object()})
    assert isinstance(odd["f"], transport.Opaque) and compare(odd["o"], 1.0) is not None
    assert isinstance(round_trip(np.array([object()], dtype=object)), transport.Opaque)


def test_a_function_input_travels_as_source_and_runs_only_where_asked():
    f = transport.SourceFunction("sum(X**2)", "def f(X):\n    return float(np.sum(np.asarray(X) ** 2))\n")
    sent = json.loads(json.dumps(transport.encode([f, np.ones(3)])))
    in_kernel = transport.decode(sent, functions=True)
    assert in_kernel[0](np.ones(3)) == 3.0 and repr(in_kernel[0]) == "f with f(X) = sum(X**2)"
    in_grader = transport.decode(sent)                      # the grader never rebuilds code
    assert isinstance(in_grader[0], transport.Opaque)


def test_malformed_answers_raise_instead_of_running_anything():
    import pytest

    for bad in ({"~ndarray": "not base64!"}, {"~unknown": 1}, {"~tuple": 1, "~dict": 2}):
        with pytest.raises(Exception):
            transport.decode(bad)
