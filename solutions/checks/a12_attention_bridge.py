"""Hidden checks for 12_attention_bridge."""
from __future__ import annotations

import numpy as np

from .. import a12_attention_bridge as ref
from .harness import as_float, Mistake, Spec, as_lists, bad, case, only_where_wrong, specs_by_name, table


def _softmax(s, axis=-1):
    s = s - s.max(axis=axis, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=axis, keepdims=True)


def _is_array(got, expected):
    return isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and got.shape == expected.shape


def _has_nan(c, got, expected):
    if isinstance(got, dict):
        got = got.get("weights")
    return isinstance(got, np.ndarray) and got.dtype.kind == "f" and bool(np.isnan(got).any())


# --------------------------------------------------------------------- bridge_shapes

def _bs(T, d, d_k, d_v, **change):
    T, d, d_k, d_v = int(T), int(d), int(d_k), int(d_v)
    out = {"X": (T, d), "W_Q": (d, d_k), "W_K": (d, d_k), "W_V": (d, d_v), "Q": (T, d_k), "K": (T, d_k),
           "V": (T, d_v), "scores": (T, T), "weights": (T, T), "out": (T, d_v)}
    out.update({k: v(T, d, d_k, d_v) for k, v in change.items()})
    return out


def shape_cases(rng):
    out = [
        case(5, 8, 4, 3, label="T=5, d=8, d_k=4, d_v=3"),
        case(7, 384, 32, 32, label="MiniLM-like: d = 384, heads of width 32"),
        case(1, 6, 6, 2, label="T = 1, d_k = d"),
        case(np.int64(4), np.int32(9), 3, 5, label="numpy integer sizes"),
        case(3, 2, 7, 11, label="d_k and d_v larger than d"),
    ]
    for _ in range(3):
        T, d, d_k, d_v = (int(v) for v in rng.choice(np.arange(2, 40), size=4, replace=False))
        out.append(case(T, d, d_k, d_v, label="random sizes"))
    return out


def shape_bad_cases(rng):
    return [bad(0, 8, 4, 3, why="T = 0 < 1"), bad(5, 8, -1, 3, why="d_k = -1 < 1"),
            bad(5, 8.0, 4, 3, why="d = 8.0 is a float"), bad(5, 8, 4, True, why="d_v = True is a bool, not a size")]


def _int_tuples(c, got, exp):
    return isinstance(got, dict) and isinstance(exp, dict) and set(got) == set(exp) and any(
        not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())


SHAPE_MISTAKES = (
    Mistake("the projections are written (d_k, d) as in torch.nn.Linear's weight: here X (T, d) is multiplied on "
            "the right, Q = X @ W_Q, so W_Q and W_K are (d, d_k) and W_V is (d, d_v)",
            model=lambda T, d, d_k, d_v: _bs(T, d, d_k, d_v, W_Q=lambda T, d, k, v: (k, d),
                                             W_K=lambda T, d, k, v: (k, d), W_V=lambda T, d, k, v: (v, d))),
    Mistake("scores are (T, d_k): Q @ K.T compares every query with every key, (T, d_k) @ (d_k, T) = (T, T)",
            model=lambda T, d, d_k, d_v: _bs(T, d, d_k, d_v, scores=lambda T, d, k, v: (T, k))),
    Mistake("the output has the model width d: one head's output is weights @ V, (T, T) @ (T, d_v) = (T, d_v)",
            model=lambda T, d, d_k, d_v: _bs(T, d, d_k, d_v, out=lambda T, d, k, v: (T, d))),
    Mistake("the weights are one number per token, (T,): each query has its own weights over all T keys, (T, T)",
            model=lambda T, d, d_k, d_v: _bs(T, d, d_k, d_v, weights=lambda T, d, k, v: (T,))),
    Mistake("V has the width d_k of the queries and keys: values are projected by W_V to their own width d_v",
            model=lambda T, d, d_k, d_v: _bs(T, d, d_k, d_v, V=lambda T, d, k, v: (T, k),
                                             W_V=lambda T, d, k, v: (d, k), out=lambda T, d, k, v: (T, k))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints", test=_int_tuples),
)


# --------------------------------------------------------------------- qkv_projection

def _w(rng, d, k):
    return table(rng, d, k)


def qkv_cases(rng):
    out = [
        case(table(rng, 5, 6), _w(rng, 6, 4), _w(rng, 6, 4), _w(rng, 6, 3), label="T=5, d=6, d_k=4, d_v=3"),
        case(table(rng, 4, 4), _w(rng, 4, 4), _w(rng, 4, 4), _w(rng, 4, 4),
             label="square projections (d = d_k = d_v = 4): a transposed W still has the right shape"),
        case(table(rng, 1, 5), _w(rng, 5, 2), _w(rng, 5, 2), _w(rng, 5, 7), label="T = 1"),
        case(as_lists(table(rng, 3, 4)), as_lists(_w(rng, 4, 2)), as_lists(_w(rng, 4, 2)), as_lists(_w(rng, 4, 2)),
             label="nested lists"),
        case(table(rng, 6, 8).astype(np.float32), _w(rng, 8, 4).astype(np.float32), _w(rng, 8, 4),
             _w(rng, 8, 5).astype(np.float32), label="float32 inputs"),
    ]
    for _ in range(2):
        T, d, k, v = (int(x) for x in rng.choice(np.arange(2, 10), size=4, replace=False))
        out.append(case(table(rng, T, d), _w(rng, d, k), _w(rng, d, k), _w(rng, d, v), label="random"))
    return out


def qkv_bad_cases(rng):
    return [
        bad(table(rng, 5, 6), _w(rng, 5, 4), _w(rng, 6, 4), _w(rng, 6, 3), why="W_Q has 5 rows but X has d = 6"),
        bad(table(rng, 5, 6), _w(rng, 6, 4), _w(rng, 6, 3), _w(rng, 6, 3),
            why="W_K has 3 columns but W_Q has 4: queries and keys must have the same width"),
        bad(table(rng, 6), _w(rng, 6, 4), _w(rng, 6, 4), _w(rng, 6, 3), why="X is 1-D, not (T, d)"),
        bad(table(rng, 5, 6), _w(rng, 6, 4), _w(rng, 6, 4), table(rng, 6), why="W_V is 1-D, not (d, d_v)"),
    ]


def _qkv(X, W_Q, W_K, W_V):
    return tuple(as_float(X) @ as_float(W) for W in (W_Q, W_K, W_V))


def _not_tuple(c, got, exp):
    return isinstance(exp, tuple) and not isinstance(got, tuple)


QKV_MISTAKES = only_where_wrong(
    ref.qkv_projection,
    Mistake("the projections were transposed (X @ W.T, as torch.nn.Linear stores its weight): here W_Q is (d, d_k) "
            "and Q = X @ W_Q", model=lambda X, W_Q, W_K, W_V: tuple(as_float(X) @ as_float(W).T for W in (W_Q, W_K, W_V))),
    Mistake("the results come back in another order: return (Q, K, V), projected by W_Q, W_K, W_V",
            model=lambda X, W_Q, W_K, W_V: _qkv(X, W_Q, W_V, W_K)),
    Mistake("K was projected with W_Q: each of Q, K, V has its own projection",
            model=lambda X, W_Q, W_K, W_V: _qkv(X, W_Q, W_Q, W_V)),
    Mistake("the results are transposed, (d_k, T): W.T @ X.T gives Q.T; compute Q = X @ W_Q, one row per token",
            model=lambda X, W_Q, W_K, W_V: tuple(m.T for m in _qkv(X, W_Q, W_K, W_V))),
    Mistake("return a tuple (Q, K, V) of three arrays, not a list or one stacked array", test=_not_tuple),
)


# --------------------------------------------------------------------- attention_weights

def weight_cases(rng):
    X = table(rng, 5, 6)
    out = [
        case(table(rng, 4, 6), table(rng, 5, 6), label="4 queries, 5 keys, d_k = 6"),
        case(X, X.copy(), label="self-attention: Q = K"),
        case(table(rng, 3, 3), table(rng, 3, 3), label="square scores (n = m = d_k = 3): a wrong axis still fits"),
        case(table(rng, 2, 8) * 300, table(rng, 4, 8) * 300, label="logits of several thousand: stable softmax"),
        case(table(rng, 3, 1), table(rng, 6, 1), label="d_k = 1"),
        case(as_lists(table(rng, 2, 4)), as_lists(table(rng, 3, 4)), label="nested lists"),
        case(table(rng, 3, 4).astype(np.float32), table(rng, 5, 4).astype(np.float32), label="float32 inputs"),
        case(np.array([[0.5, 0.25, 0.0, 1.0]]), np.array([[1.0, 0.5, 0.5, 0.0], [1.0, 0.5, 0.5, 0.0],
                                                           [0.0, 0.0, 1.0, 0.5]]),
             label="two equal keys get equal weights"),
    ]
    for _ in range(2):
        n, m, k = (int(x) for x in rng.choice(np.arange(2, 9), size=3, replace=False))
        out.append(case(table(rng, n, k), table(rng, m, k), label="random"))
    return out


def weight_bad_cases(rng):
    return [bad(table(rng, 4, 6), table(rng, 5, 5), why="Q has width 6 but K has width 5"),
            bad(table(rng, 6), table(rng, 5, 6), why="Q is 1-D, not (n, d_k)"),
            bad(table(rng, 4, 6), table(rng, 2, 5, 6), why="K is 3-D, not (m, d_k)")]


def _weights(Q, K, scale="sqrt", axis=-1):
    Q, K = as_float(Q), as_float(K)
    s = Q @ K.T
    s = s / {"sqrt": np.sqrt(Q.shape[1]), "none": 1.0, "d": Q.shape[1]}[scale]
    return _softmax(s, axis=axis)


WEIGHT_MISTAKES = only_where_wrong(
    ref.attention_weights,
    Mistake("the scores were not divided by sqrt(d_k): softmax(Q K^T / sqrt(d_k))",
            model=lambda Q, K: _weights(Q, K, "none")),
    Mistake("the scores were divided by d_k instead of sqrt(d_k)", model=lambda Q, K: _weights(Q, K, "d")),
    Mistake("the softmax ran over the queries (axis 0): each query's weights over the keys sum to 1, so the softmax "
            "runs over the last axis", model=lambda Q, K: _weights(Q, K, axis=0)),
    Mistake("the weights are transposed, (m, n): row i belongs to query i, column j to key j (Q @ K.T, not K @ Q.T)",
            model=lambda Q, K: _weights(Q, K).T),
    Mistake("NaN from overflow: subtract each row's maximum before np.exp (large logits overflow to inf, and "
            "inf / inf is NaN)", test=_has_nan),
)


# --------------------------------------------------------------------- attention_output

def output_cases(rng):
    X = table(rng, 5, 6)
    out = [
        case(table(rng, 4, 6), table(rng, 5, 6), table(rng, 5, 3), label="4 queries, 5 keys and values, d_v = 3"),
        case(X, X.copy(), table(rng, 5, 2), label="self-attention: Q = K"),
        case(table(rng, 3, 3), table(rng, 3, 3), table(rng, 3, 3), label="all square (3 x 3): a wrong axis fits"),
        case(table(rng, 2, 8) * 300, table(rng, 4, 8) * 300, table(rng, 4, 5), label="large logits"),
        case(as_lists(table(rng, 2, 4)), as_lists(table(rng, 3, 4)), as_lists(table(rng, 3, 2)), label="nested lists"),
        case(table(rng, 3, 4).astype(np.float32), table(rng, 5, 4), table(rng, 5, 6).astype(np.float32),
             label="float32 inputs"),
    ]
    for _ in range(2):
        n, m, k, v = (int(x) for x in rng.choice(np.arange(2, 9), size=4, replace=False))
        out.append(case(table(rng, n, k), table(rng, m, k), table(rng, m, v), label="random"))
    return out


def output_bad_cases(rng):
    return [bad(table(rng, 4, 6), table(rng, 5, 6), table(rng, 4, 3), why="V has 4 rows but K has 5 keys"),
            bad(table(rng, 4, 6), table(rng, 5, 4), table(rng, 5, 3), why="Q has width 6 but K has width 4"),
            bad(table(rng, 4, 6), table(rng, 5, 6), table(rng, 5), why="V is 1-D, not (m, d_v)")]


OUTPUT_MISTAKES = only_where_wrong(
    ref.attention_output,
    Mistake("the softmax is missing: the output mixes the values with the weights softmax(Q K^T / sqrt(d_k)), "
            "not with the raw scores", model=lambda Q, K, V: (as_float(Q) @ as_float(K).T / np.sqrt(as_float(Q).shape[1])) @ as_float(V)),
    Mistake("the weights were transposed before mixing: output row i is sum_j weights[i, j] V[j] = (weights @ V)[i]",
            model=lambda Q, K, V: _weights(Q, K).T @ as_float(V)),
    Mistake("the scores were not divided by sqrt(d_k): softmax(Q K^T / sqrt(d_k))",
            model=lambda Q, K, V: _weights(Q, K, "none") @ as_float(V)),
    Mistake("the softmax ran over the queries (axis 0): each query's weights over the keys sum to 1",
            model=lambda Q, K, V: _weights(Q, K, axis=0) @ as_float(V)),
    Mistake("NaN from overflow: subtract each row's maximum before np.exp", test=_has_nan),
)


# --------------------------------------------------------------------- soft_vs_hard_lookup

def lookup_cases(rng):
    keys = table(rng, 6, 4)
    vals = table(rng, 6, 3)
    tie = np.array([[0.5, 0.25, 0.0], [1.0, 0.0, 0.0], [0.5, 0.25, 0.0], [0.0, 0.0, 1.0]])
    long_key = np.array([[4.0, 4.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])     # long but less aligned
    out = [
        case(keys, vals, table(rng, 4), 1.0, label="6 keys, beta = 1"),
        case(keys, vals, table(rng, 4), 0.0, label="beta = 0: uniform weights"),
        case(keys, vals, table(rng, 4), 50.0, label="beta = 50: nearly hard"),
        case(tie, table(rng, 4, 2), np.array([0.5, 0.25, 0.0]), 2.0, label="keys 0 and 2 tie: hard_id is the smaller"),
        case(long_key, table(rng, 3, 2), np.array([1.0, 0.125, 0.0]), 3.0,
             label="a long key that is less aligned: cosine, not dot product"),
        case(np.vstack([np.zeros(4), table(rng, 3, 4)]), table(rng, 4, 2), table(rng, 4), 1.5,
             label="a zero key has cosine 0"),
        case(table(rng, 3, 4), table(rng, 3, 2), np.zeros(4), 2.0, label="a zero query: every cosine is 0"),
        case(keys, vals, table(rng, 4), 2000.0, label="beta = 2000: a stable softmax"),
        case(as_lists(table(rng, 4, 3)), as_lists(table(rng, 4, 5)), as_lists(table(rng, 3)), 1, label="nested lists, int beta"),
        case(table(rng, 5, 3).astype(np.float32), table(rng, 5, 2).astype(np.float32), table(rng, 3).astype(np.float32),
             np.float32(4.0), label="float32 inputs"),
    ]
    for _ in range(2):
        m, d, v = (int(x) for x in rng.choice(np.arange(2, 9), size=3, replace=False))
        out.append(case(table(rng, m, d), table(rng, m, v), table(rng, d), float(rng.uniform(0, 10)), label="random"))
    return out


def lookup_bad_cases(rng):
    return [bad(table(rng, 6, 4), table(rng, 6, 3), table(rng, 4), -1.0, why="beta = -1 < 0"),
            bad(table(rng, 6, 4), table(rng, 5, 3), table(rng, 4), 1.0, why="values has 5 rows but keys has 6"),
            bad(table(rng, 6, 4), table(rng, 6, 3), table(rng, 3), 1.0, why="query has width 3 but keys has width 4"),
            bad(table(rng, 6, 4), table(rng, 6, 3), table(rng, 1, 4), 1.0, why="query is 2-D, not (d,)")]


def _lookup(keys, values, query, beta, sim="cos", tie="first", use_beta=True):
    keys, values, query = as_float(keys), as_float(values), as_float(query)
    dots = keys @ query
    if sim == "cos":
        n = np.linalg.norm(keys, axis=1) * np.linalg.norm(query)
        s = np.divide(dots, n, out=np.zeros_like(dots), where=n > 0)
    else:
        s = dots
    hard = int(np.argmax(s)) if tie == "first" else int(len(s) - 1 - np.argmax(s[::-1]))
    w = _softmax((float(beta) if use_beta else 1.0) * s)
    return {"hard_id": hard, "hard": values[hard], "weights": w, "soft": w @ values}


def _numpy_id(c, got, exp):
    return isinstance(got, dict) and "hard_id" in got and isinstance(got["hard_id"], np.integer)


LOOKUP_MISTAKES = only_where_wrong(
    ref.soft_vs_hard_lookup,
    Mistake("dot products where cosines are asked: divide by the norms (notebook 03), so a long key does not win "
            "by its length", model=lambda k, v, q, b: _lookup(k, v, q, b, sim="dot")),
    Mistake("a tie went to the larger id: the hard lookup takes the first maximum (np.argmax), the smaller id",
            model=lambda k, v, q, b: _lookup(k, v, q, b, tie="last")),
    Mistake("beta was ignored: the weights are softmax(beta * cosine), so beta = 0 gives uniform weights and a "
            "large beta a nearly hard lookup", model=lambda k, v, q, b: _lookup(k, v, q, b, use_beta=False)),
    Mistake("hard_id is a numpy integer: return int(...)", test=_numpy_id),
    Mistake("NaN from overflow: subtract the largest logit before np.exp (beta * cosine can be large)",
            test=_has_nan),
)


SPECS = specs_by_name(
    Spec("bridge_shapes", "bridge_shapes", ref.bridge_shapes, shape_cases, seed=1200, mistakes=SHAPE_MISTAKES),
    Spec("bridge_shapes_invalid", "bridge_shapes", ref.bridge_shapes, shape_bad_cases, seed=1201,
         mistakes=SHAPE_MISTAKES),
    Spec("qkv_projection_values", "qkv_projection", ref.qkv_projection, qkv_cases, seed=1210, mistakes=QKV_MISTAKES),
    Spec("qkv_projection_invalid", "qkv_projection", ref.qkv_projection, qkv_bad_cases, seed=1211,
         mistakes=QKV_MISTAKES),
    Spec("attention_weights_values", "attention_weights", ref.attention_weights, weight_cases, seed=1220,
         mistakes=WEIGHT_MISTAKES),
    Spec("attention_weights_invalid", "attention_weights", ref.attention_weights, weight_bad_cases, seed=1221,
         mistakes=WEIGHT_MISTAKES),
    Spec("attention_output_values", "attention_output", ref.attention_output, output_cases, seed=1230,
         mistakes=OUTPUT_MISTAKES, uses=("attention_weights",)),
    Spec("attention_output_invalid", "attention_output", ref.attention_output, output_bad_cases, seed=1231,
         mistakes=OUTPUT_MISTAKES, uses=("attention_weights",)),
    Spec("soft_vs_hard_lookup_values", "soft_vs_hard_lookup", ref.soft_vs_hard_lookup, lookup_cases, seed=1240,
         mistakes=LOOKUP_MISTAKES),
    Spec("soft_vs_hard_lookup_invalid", "soft_vs_hard_lookup", ref.soft_vs_hard_lookup, lookup_bad_cases, seed=1241,
         mistakes=LOOKUP_MISTAKES),
)
