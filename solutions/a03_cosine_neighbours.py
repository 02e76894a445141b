"""Reference implementations for 03_cosine_neighbours: cosine similarity and nearest neighbours."""
from __future__ import annotations

import numpy as np

from . import validate

METRICS = ("cosine", "dot", "euclidean")


def _unit_rows(A: np.ndarray) -> np.ndarray:
    """Rows of A divided by their lengths; a zero row stays zero (its cosine with anything is 0.0)."""
    norms = np.sqrt(np.einsum("ij,ij->i", A, A))
    safe = np.where(norms > 0, norms, 1.0)          # divide by 1 where the norm is 0: no 0/0, no warning
    return A / safe[:, None]


def cosine_similarity(u, v) -> float:
    """cos(u, v) = u.v / (|u| |v|) for two 1-D vectors of equal length; 0.0 if either is zero."""
    u = validate.float_array(u, "u", ndim=1)
    v = validate.float_array(v, "v", ndim=1)
    if u.shape[0] != v.shape[0]:
        raise ValueError(f"u and v must have the same length, got {u.shape[0]} and {v.shape[0]}")
    if u.shape[0] < 1:
        raise ValueError("u and v must not be empty")
    nu, nv = float(np.sqrt(u @ u)), float(np.sqrt(v @ v))
    if nu == 0.0 or nv == 0.0:
        return 0.0
    return float(np.clip((u / nu) @ (v / nv), -1.0, 1.0))


def cosine_matrix(A, B) -> np.ndarray:
    """C[i, j] = cos(A[i], B[j]) for A (n, d) and B (m, d): shape (n, m); zero rows give 0.0."""
    A = validate.float_array(A, "A", ndim=2)
    B = validate.float_array(B, "B", ndim=2)
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A and B must have the same width d, got A {A.shape} and B {B.shape}")
    return np.clip(_unit_rows(A) @ _unit_rows(B).T, -1.0, 1.0)


def ranking_scores(E: np.ndarray, query_id: int, metric: str) -> np.ndarray:
    """One score per row of E (higher = nearer): cosine, dot product, or minus the Euclidean distance.

    Scores are computed once per distinct row and copied to equal rows, so exactly
    equal rows get bitwise equal scores (a BLAS matrix-vector product may round
    two equal rows differently, and "ties go to the smaller id" must not depend on that).
    """
    rows, inverse = np.unique(E, axis=0, return_inverse=True)
    q = E[query_id]
    if metric == "cosine":
        scores = _unit_rows(rows) @ _unit_rows(q[None, :])[0]
    elif metric == "dot":
        scores = rows @ q
    else:
        scores = -np.sqrt(np.einsum("ij,ij->i", rows - q, rows - q))
    return scores[np.asarray(inverse).reshape(-1)]


def nearest_neighbours(E, query_id, k, metric="cosine") -> np.ndarray:
    """The k ids nearest to row query_id of E (V, d), nearest first, never query_id itself.

    metric "cosine" ranks by largest cosine, "dot" by largest dot product,
    "euclidean" by smallest distance; ties go to the smaller id; 1 <= k <= V - 1.
    """
    E = validate.float_array(E, "E", ndim=2)
    V = E.shape[0]
    metric = validate.choice(metric, "metric", METRICS)
    q = validate.single_id(query_id, V, "query_id")
    k = validate.size(k, "k")
    if k > V - 1:
        raise ValueError(f"k must satisfy 1 <= k <= V - 1 = {V - 1} (every id but the query), got {k}")
    scores = ranking_scores(E, q, metric)
    candidates = np.delete(np.arange(V), q)          # every id but the query, in increasing order
    order = np.argsort(-scores[candidates], kind="stable")   # stable: equal scores keep the smaller id first
    return candidates[order[:k]].astype(np.int64)
