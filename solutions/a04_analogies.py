"""Reference implementations for 04_analogies: verify a synthetic analogy direction.

"a is to b as c is to ?" by 3CosAdd (Mikolov et al., 2013; word2vec's analogy
tool; gensim's ``most_similar``; Levy and Goldberg, 2014): with u the
unit-normalised rows of E, the target is u[b] - u[a] + u[c], candidates are
ranked by cosine with it, and a, b and c themselves are never candidates.
"""
from __future__ import annotations

import numpy as np

from . import validate


def analogy_shapes(V, d, n_pairs) -> dict:
    """Shapes of the objects of this notebook, as tuples of Python ints.

    E and u (V, d); the target (d,); the scores of all rows (V,); the offsets of
    n_pairs pairs (n_pairs, d); their cosines over pairs i < j
    (n_pairs (n_pairs - 1) / 2,); the analogy questions made from the pairs by
    taking every ordered pair of two different pairs (n_pairs (n_pairs - 1), 4).
    """
    V, d = validate.size(V, "V"), validate.size(d, "d")
    n = validate.size(n_pairs, "n_pairs", minimum=2)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (n * (n - 1) // 2,), "quads": (n * (n - 1), 4)}


def row_norms(E: np.ndarray) -> np.ndarray:
    """The Euclidean norm of every row, computed the same way for every row."""
    return np.sqrt(np.einsum("vd,vd->v", E, E))


def unit_rows(E: np.ndarray) -> np.ndarray:
    """Rows of E divided by their norms; a zero row stays zero (its cosine with anything is 0)."""
    norms = row_norms(E)
    return E / np.where(norms > 0, norms, 1.0)[:, None]


def cosine_scores(E: np.ndarray, target: np.ndarray) -> np.ndarray:
    """cos(E[i], target) for every row; 0 for a zero row, and all 0 for a zero target.

    einsum computes every row's dot product with the same operations (a BLAS
    matrix-vector product may round two equal rows differently), so exactly
    equal rows get exactly equal scores; no (V, d) temporary is made.
    """
    t_norm = np.linalg.norm(target)
    if t_norm == 0:
        return np.zeros(E.shape[0])
    norms = row_norms(E)
    dots = np.einsum("vd,d->v", E, target / t_norm)
    return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)


def id_table(x, V: int, name: str, width: int, minimum: int) -> np.ndarray:
    """A (n, width) table of token ids with n >= minimum, each 0 <= id < V."""
    arr = np.asarray(x)
    if arr.size == 0:
        raise ValueError(f"{name} is empty: at least {minimum} are needed")
    if arr.ndim != 2 or arr.shape[1] != width:
        raise ValueError(f"{name} must have shape (n, {width}), got {arr.shape}")
    if arr.shape[0] < minimum:
        raise ValueError(f"{name} needs at least {minimum} rows, got {arr.shape[0]}")
    return validate.ids_array(arr, V, name)


def analogy(E, a, b, c, k=1) -> np.ndarray:
    """The k ids closest (by cosine) to u[b] - u[a] + u[c], excluding a, b and c; ties to the smaller id."""
    E = validate.float_array(E, "E", ndim=2)
    V = E.shape[0]
    a, b, c = (validate.single_id(v, V, n) for v, n in ((a, "a"), (b, "b"), (c, "c")))
    candidates = V - len({a, b, c})
    if not validate.is_integer(k):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not 1 <= k <= candidates:
        raise ValueError(f"k must satisfy 1 <= k <= {candidates} (V = {V} minus the distinct ids among a, b, c), "
                         f"got {k}")
    u = unit_rows(E[[a, b, c]])
    scores = cosine_scores(E, u[1] - u[0] + u[2])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[: int(k)].astype(np.int64)


def offset_consistency(E, pairs) -> float:
    """Mean cosine between the offsets E[y] - E[x] of all pairs i < j of the given (x, y) pairs."""
    E = validate.float_array(E, "E", ndim=2)
    P = id_table(pairs, E.shape[0], "pairs", 2, minimum=2)
    offsets = unit_rows(E[P[:, 1]] - E[P[:, 0]])
    i, j = np.triu_indices(len(P), 1)
    return float((offsets[i] * offsets[j]).sum(axis=1).mean())


def analogy_accuracy(E, quads) -> float:
    """Fraction of quads (a, b, c, d) whose 3CosAdd top-1 answer is d."""
    E = validate.float_array(E, "E", ndim=2)
    Q = id_table(quads, E.shape[0], "quads", 4, minimum=1)
    hits = sum(int(analogy(E, a, b, c)[0] == d) for a, b, c, d in Q.tolist())
    return hits / len(Q)
