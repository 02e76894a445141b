"""Reference implementations for 12_attention_bridge: embeddings become queries, keys and values.

One attention head over a sequence of token vectors X (T, d): Q = X W_Q, K = X W_K, V = X W_V,
weights = softmax(Q K^T / sqrt(d_k)) over the keys (each row sums to 1), output = weights V.
Read as a lookup, each query retrieves a weighted mix of the values, with most weight on the keys
most similar to it: a soft nearest-neighbour lookup, where notebook 03's nearest neighbour is hard.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import validate


def bridge_shapes(T, d, d_k, d_v) -> dict:
    """Shapes of one attention head over T token vectors of width d (queries and keys of width d_k)."""
    T, d, d_k, d_v = (validate.size(v, n) for v, n in ((T, "T"), (d, "d"), (d_k, "d_k"), (d_v, "d_v")))
    return {"X": (T, d), "W_Q": (d, d_k), "W_K": (d, d_k), "W_V": (d, d_v), "Q": (T, d_k), "K": (T, d_k),
            "V": (T, d_v), "scores": (T, T), "weights": (T, T), "out": (T, d_v)}


def _matrix(value, name: str) -> np.ndarray:
    arr = validate.float_array(value, name, ndim=2)
    if 0 in arr.shape:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    return arr


def qkv_projection(X, W_Q, W_K, W_V) -> tuple:
    """(Q, K, V) = (X W_Q, X W_K, X W_V), three float64 arrays."""
    X = _matrix(X, "X")
    W_Q, W_K, W_V = _matrix(W_Q, "W_Q"), _matrix(W_K, "W_K"), _matrix(W_V, "W_V")
    d = X.shape[1]
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        if W.shape[0] != d:
            raise ValueError(f"{name} must have d = {d} rows (the width of X), got shape {W.shape}")
    if W_Q.shape[1] != W_K.shape[1]:
        raise ValueError(f"W_Q and W_K must have the same number of columns d_k (queries and keys are compared "
                         f"by a dot product), got {W_Q.shape[1]} and {W_K.shape[1]}")
    return X @ W_Q, X @ W_K, X @ W_V


def attention_weights(Q, K) -> np.ndarray:
    """softmax(Q K^T / sqrt(d_k)) over the last axis (keys): shape (n, m), every row sums to 1."""
    Q, K = _matrix(Q, "Q"), _matrix(K, "K")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width d_k, got {Q.shape[1]} and {K.shape[1]}")
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def attention_output(Q, K, V) -> np.ndarray:
    """attention_weights(Q, K) @ V: shape (n, d_v)."""
    V = _matrix(V, "V")
    K = _matrix(K, "K")
    if K.shape[0] != V.shape[0]:
        raise ValueError(f"K and V must have one row per key, got {K.shape[0]} and {V.shape[0]} rows")
    return attention_weights(Q, K) @ V


def _beta(beta) -> float:
    if isinstance(beta, (bool, np.bool_)) or not isinstance(beta, (numbers.Real, np.integer, np.floating)):
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    if not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a finite number >= 0, got {beta!r}")
    return float(beta)


def soft_vs_hard_lookup(keys, values, query, beta) -> dict:
    """Hard lookup (the key of largest cosine with the query, ties to the smaller id) against soft lookup
    (weights softmax(beta * cosine) over the keys, output their mix of the values).

    Returns {"hard_id": int, "hard": values[hard_id], "weights": (m,), "soft": weights @ values}.
    Cosine with a zero vector is 0.
    """
    keys, values = _matrix(keys, "keys"), _matrix(values, "values")
    query = validate.float_array(query, "query", ndim=1)
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have the same number of rows, got {keys.shape[0]} and "
                         f"{values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have the width of keys, {keys.shape[1]}, got {query.shape[0]}")
    beta = _beta(beta)
    norms = np.linalg.norm(keys, axis=1) * np.linalg.norm(query)
    dots = keys @ query
    cos = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    hard_id = int(np.argmax(cos))                 # the first maximum: ties go to the smaller id
    logits = beta * cos
    w = np.exp(logits - logits.max())
    w = w / w.sum()
    return {"hard_id": hard_id, "hard": values[hard_id].copy(), "weights": w, "soft": w @ values}
