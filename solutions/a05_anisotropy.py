"""Reference implementations for 05_anisotropy: measure anisotropy before and after centering.

E is a table of V row vectors of width d (token embeddings, or contextual vectors).
The thin SVD of the centered table C = E - mean row is C = U diag(s) Vt with
r = min(V, d), U (V, r), s (r,) decreasing, Vt (r, d); the rows of Vt are the
principal directions. "All-but-the-top" (Mu, Bhat and Viswanath, ICLR 2018)
centers the table and projects out its top k principal directions.
"""
from __future__ import annotations

import numpy as np

from . import validate


def anisotropy_shapes(V, d) -> dict:
    """Shapes of E, its mean row, the thin SVD of center(E), and the number of pairs i < j."""
    V, d = validate.size(V, "V"), validate.size(d, "d")
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}


def _table(E, name: str = "E") -> np.ndarray:
    E = validate.float_array(E, name, ndim=2)
    if E.shape[0] < 1 or E.shape[1] < 1:
        raise ValueError(f"{name} must have at least one row and one column, got shape {E.shape}")
    return E


def _unit_rows(E: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1; zero rows stay zero (their cosine with anything is 0.0)."""
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    return np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)


def mean_pairwise_cosine(E) -> float:
    """Mean of cos(E[i], E[j]) over all pairs i < j (self-pairs excluded)."""
    E = _table(E)
    V = E.shape[0]
    if V < 2:
        raise ValueError(f"E must have at least 2 rows to form a pair, got {V}")
    U = _unit_rows(E)
    G = U @ U.T
    i, j = np.triu_indices(V, k=1)
    return float(G[i, j].mean())


def center(E) -> np.ndarray:
    """E minus its mean row (the mean over the V rows, one value per column)."""
    E = _table(E)
    return E - E.mean(axis=0)


def _zero_variance(E: np.ndarray, C: np.ndarray) -> bool:
    """True when every row equals the mean row, up to the rounding of the mean itself."""
    scale = float(np.abs(E).max())
    return not np.any(C) or float(np.abs(C).max()) <= 8 * np.finfo(np.float64).eps * E.shape[0] * scale


def top_component_share(E) -> float:
    """s1^2 / sum_i s_i^2 for the singular values s of center(E)."""
    E = _table(E)
    C = E - E.mean(axis=0)
    if _zero_variance(E, C):
        raise ValueError("E has zero variance (every row equals the mean row): the share is undefined (0/0)")
    s = np.linalg.svd(C, compute_uv=False)
    return float(s[0] ** 2 / np.sum(s ** 2))


def remove_top_components(E, k) -> np.ndarray:
    """All-but-the-top: center E, then project out its top k principal directions."""
    E = _table(E)
    V, d = E.shape
    k = validate.integer(k, "k")
    if not 0 <= k < min(V, d):
        raise ValueError(f"k must satisfy 0 <= k < min(V, d) = {min(V, d)}, got {k}")
    C = E - E.mean(axis=0)
    if k == 0:
        return C
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    top = Vt[:k]                      # (k, d): the top k principal directions, orthonormal rows
    return C - (C @ top.T) @ top      # the projector top.T @ top does not depend on their signs


def whiten(E) -> np.ndarray:
    """ZCA whitening: center E, then multiply by the inverse square root of its covariance.

    With C = center(E) and Sigma = C^T C / V (population covariance, 1/V) = Q diag(lam) Q^T,
    returns C Q diag(lam^-1/2) Q^T, whose covariance (with the same 1/V) is the identity. A
    singular covariance (V <= d, or a direction of zero variance) raises ValueError.
    """
    E = _table(E)
    V, d = E.shape
    if V <= d:
        raise ValueError(f"E has V = {V} rows for d = {d} columns: its covariance is singular, whitening "
                         f"needs V > d")
    C = E - E.mean(axis=0)
    cov = C.T @ C / V
    lam, Q = np.linalg.eigh(cov)
    if lam[0] <= 1e-10 * max(lam[-1], np.finfo(np.float64).tiny):
        raise ValueError("E has a direction of (almost) zero variance: its covariance is singular and cannot "
                         "be whitened")
    return C @ (Q / np.sqrt(lam)) @ Q.T
