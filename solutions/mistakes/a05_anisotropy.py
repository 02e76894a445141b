"""Student implementations for 05_anisotropy: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ anisotropy_shapes

@wrong("full_matrices=True")
def anisotropy_shapes(V, d):
    if type(V) is not int or type(d) is not int or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    return {"E": (V, d), "mean": (d,), "U": (V, V), "s": (min(V, d),), "Vt": (d, d), "n_pairs": V * (V - 1) // 2}


@wrong("one mean per row")
def anisotropy_shapes(V, d):
    if type(V) is not int or type(d) is not int or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    r = min(V, d)
    return {"E": (V, d), "mean": (V,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}


@wrong("self-pairs (i = j) are excluded")
def anisotropy_shapes(V, d):
    if type(V) is not int or type(d) is not int or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * V}


@wrong("ordered pairs")
def anisotropy_shapes(V, d):
    if type(V) is not int or type(d) is not int or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1)}


@wrong("only when V >= d")
def anisotropy_shapes(V, d):
    if type(V) is not int or type(d) is not int or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    return {"E": (V, d), "mean": (d,), "U": (V, d), "s": (d,), "Vt": (d, d), "n_pairs": V * (V - 1) // 2}


@wrong("Python int", slug="numpy integers kept")
def anisotropy_shapes(V, d):
    import numbers
    for name, n in (("V", V), ("d", d)):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}


@wrong("must raise", slug="no validation")
def anisotropy_shapes(V, d):
    V, d = int(V), int(d)
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}


@right("shapes read off a real thin SVD")
def anisotropy_shapes(V, d):
    for name, n in (("V", V), ("d", d)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {n!r}")
    V, d = int(V), int(d)
    small = np.zeros((min(V, 3), min(d, 3)))     # the same rule, checked on a tiny table
    u, s, vt = np.linalg.svd(small, full_matrices=False)
    assert u.shape[1] == s.shape[0] == vt.shape[0] == min(small.shape)
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}


@right("math.comb")
def anisotropy_shapes(V, d):
    import math
    import operator
    sizes = []
    for name, n in (("V", V), ("d", d)):
        if type(n) is bool:
            raise ValueError(f"{name} is a bool")
        try:
            n = operator.index(n)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if n < 1:
            raise ValueError(f"{name} must be >= 1")
        sizes.append(n)
    V, d = sizes
    rank = V if V < d else d
    return dict(E=(V, d), mean=(d,), U=(V, rank), s=(rank,), Vt=(rank, d), n_pairs=math.comb(V, 2))


# --------------------------------------------------------------- mean_pairwise_cosine

@wrong("diagonal was included")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    return float((U @ U.T).mean())


@wrong("divided by V * V")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    G = U @ U.T
    np.fill_diagonal(G, 0.0)
    return float(G.mean())


@wrong("counted twice")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    V = E.shape[0]
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    G = U @ U.T
    return float((G.sum() - np.trace(G)) / (V * (V - 1) / 2))


@wrong("dot products were averaged")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    G = E @ E.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("one global norm")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    U = E / np.linalg.norm(E)
    G = U @ U.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("columns were normalised")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    U = E / np.linalg.norm(E, axis=0)
    G = U @ U.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("between the d columns")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    X = E.T
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    U = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    G = U @ U.T
    i, j = np.triu_indices(len(X), k=1)
    return float(G[i, j].mean())


@wrong("Pearson correlations")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    R = np.corrcoef(E)
    i, j = np.triu_indices(len(E), k=1)
    return float(R[i, j].mean())


@wrong("absolute cosines")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    G = np.abs(U @ U.T)
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("zero vector gives NaN")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    G = U @ U.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("left out of the mean")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    E = E[np.linalg.norm(E, axis=1) > 0]           # drop the zero rows
    if len(E) < 2:
        return 0.0
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    G = U @ U.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("fewer than 2 rows must raise")
def mean_pairwise_cosine(E):
    E = np.atleast_2d(np.asarray(E, dtype=np.float64))
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    G = U @ U.T
    i, j = np.triu_indices(len(E), k=1)
    return float(G[i, j].mean())


@wrong("expected a float", slug="returns a 0-d array")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] < 2:
        raise ValueError("E must be (V, d) with V >= 2")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    G = U @ U.T
    return np.array([G[np.triu_indices(len(E), k=1)].mean()])


@right("double loop over pairs i < j")
def mean_pairwise_cosine(E):
    import math
    rows = np.asarray(E, dtype=np.float64)
    if rows.ndim != 2:
        raise ValueError(f"E must be a 2-D table, got shape {rows.shape}")
    V = rows.shape[0]
    if V < 2:
        raise ValueError("E needs at least 2 rows")
    lengths = [math.sqrt(float(r @ r)) for r in rows]
    total, pairs = 0.0, 0
    for i in range(V):
        for j in range(i + 1, V):
            if lengths[i] > 0 and lengths[j] > 0:
                total += float(rows[i] @ rows[j]) / (lengths[i] * lengths[j])
            pairs += 1
    return total / pairs


@right("norm of the sum of unit rows")
def mean_pairwise_cosine(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or len(E) < 2:
        raise ValueError("E must be a (V, d) table with V >= 2 rows")
    n = np.sqrt(np.einsum("vd,vd->v", E, E))
    U = E / np.where(n > 0, n, 1.0)[:, None]          # zero rows stay zero
    total = U.sum(axis=0)
    V = len(E)
    # |sum u_i|^2 = sum_i |u_i|^2 + 2 sum_{i<j} u_i . u_j
    return float((total @ total - np.sum(U * U)) / (V * (V - 1)))


@right("ordered pairs i != j")
def mean_pairwise_cosine(E):
    E = np.array(E, dtype=float)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    V = E.shape[0]
    if V < 2:
        raise ValueError("E must have at least 2 rows")
    norms = np.linalg.norm(E, axis=1)
    safe = norms.copy()
    safe[safe == 0] = 1.0
    U = E / safe[:, None]
    G = U @ U.T
    off = ~np.eye(V, dtype=bool)
    return float(G[off].mean())


# ---------------------------------------------------------------------------- center

@wrong("each row's own mean was subtracted")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return E - E.mean(axis=1, keepdims=True)


@wrong("E.mean(axis=0)", slug="row means without keepdims")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return E - E.mean(axis=1)


@wrong("mean of all entries")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return E - np.mean(E)


@wrong("standard deviation")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return (E - E.mean(axis=0)) / E.std(axis=0)


@wrong("rescaled to unit length")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    C = E - E.mean(axis=0)
    n = np.linalg.norm(C, axis=1, keepdims=True)
    return np.divide(C, n, out=np.zeros_like(C), where=n > 0)


@wrong("float64", slug="keeps float32")
def center(E):
    E = np.asarray(E)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return E - E.mean(axis=0)


@wrong("modified its input", slug="centers in place")
def center(E):
    if isinstance(E, np.ndarray) and E.dtype == np.float64:
        if E.ndim != 2:
            raise ValueError("E must be a 2-D table")
        E -= E.mean(axis=0)
        return E.copy()
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    return E - E.mean(axis=0)


@wrong("must raise", slug="1-D accepted")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    return E - E.mean(axis=0)


@right("centering matrix")
def center(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a (V, d) table, got {E.ndim} dimension(s)")
    V = E.shape[0]
    H = np.eye(V) - np.ones((V, V)) / V          # I - 11^T / V subtracts the mean row
    return H @ E


@right("loop over columns")
def center(E):
    rows = np.array(E, dtype=np.float64)       # a copy: the input stays untouched
    if rows.ndim != 2:
        raise ValueError("E must be 2-D")
    V, d = rows.shape
    for c in range(d):
        rows[:, c] = rows[:, c] - sum(rows[:, c]) / V
    return rows


# --------------------------------------------------------------- top_component_share

@wrong("not squared")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    C = E - E.mean(axis=0)
    s = np.linalg.svd(C, compute_uv=False)
    if s.sum() == 0:
        raise ValueError("E has zero variance")
    return float(s[0] / s.sum())


@wrong("s1 / sqrt(sum s_i^2)")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    s = np.linalg.svd(E - E.mean(axis=0), compute_uv=False)
    if s[0] == 0:
        raise ValueError("E has zero variance")
    return float(s[0] / np.linalg.norm(s))


@wrong("uncentered table")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    if np.all(E == E[0]):
        raise ValueError("E has zero variance")
    s = np.linalg.svd(E, compute_uv=False)
    return float(s[0] ** 2 / np.sum(s ** 2))


@wrong("each row's own mean")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    if np.all(E == E[0]):
        raise ValueError("E has zero variance")
    C = E - E.mean(axis=1, keepdims=True)
    s = np.linalg.svd(C, compute_uv=False)
    return float(s[0] ** 2 / np.sum(s ** 2))


@wrong("smallest eigenvalue")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    C = E - E.mean(axis=0)
    w = np.linalg.eigvalsh(C.T @ C)
    if w.sum() <= 0:
        raise ValueError("E has zero variance")
    return float(w[0] / w.sum())


@wrong("largest column variance")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    var = E.var(axis=0)
    if var.sum() == 0:
        raise ValueError("E has zero variance")
    return float(var.max() / var.sum())


@wrong("not return NaN")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    s = np.linalg.svd(E - E.mean(axis=0), compute_uv=False)
    return float(s[0] ** 2 / np.sum(s ** 2))


@wrong("zero variance (every row equal", slug="returns 0.0 for zero variance")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    s = np.linalg.svd(E - E.mean(axis=0), compute_uv=False)
    total = np.sum(s ** 2)
    return float(s[0] ** 2 / total) if total > 0 else 0.0


@right("eigenvalues of the covariance matrix")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    C = E - E.mean(axis=0)
    if not np.any(C):
        raise ValueError("E has zero variance: the share is undefined")
    cov = C.T @ C / len(C)                      # the 1/V cancels in the ratio
    w = np.linalg.eigvalsh(cov)                 # increasing order
    return float(w[-1] / w.sum())


@right("Gram matrix and trace")
def top_component_share(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    C = E - E.mean(axis=0, keepdims=True)
    G = C @ C.T                                  # (V, V): same nonzero eigenvalues s_i^2
    total = np.trace(G)                          # sum of s_i^2 = squared Frobenius norm
    if total == 0:
        raise ValueError("E has zero variance")
    return float(np.linalg.eigvalsh(G).max() / total)


@right("svd of the transpose")
def top_component_share(E):
    E = np.array(E, dtype=float)
    if len(E.shape) != 2:
        raise ValueError("E must be a 2-D table")
    C = (E - E.sum(axis=0) / E.shape[0]).T       # singular values of C^T equal those of C
    s = np.linalg.svd(C, compute_uv=False)
    energy = s ** 2
    if energy.sum() == 0:
        raise ValueError("E has zero variance: every row is the mean row")
    return float(energy.max() / energy.sum())


# ------------------------------------------------------------- remove_top_components

@wrong("bottom components")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    P = Vt[Vt.shape[0] - k:]
    return C - C @ P.T @ P


@wrong("rows of U")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    U, s, Vt = np.linalg.svd(C, full_matrices=False)
    P = U[:k]
    return C - C @ P.T @ P


@wrong("columns of Vt")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    P = Vt[:, :k]
    return C - C @ P @ P.T


@wrong("SVD of the uncentered table")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    _, _, Vt = np.linalg.svd(E, full_matrices=False)
    C = E - E.mean(axis=0)
    P = Vt[:k]
    return C - C @ P.T @ P


@wrong("computed from the uncentered E", slug="the all-but-the-top gist bug")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    P = Vt[:k]
    return C - E @ P.T @ P


@wrong("never centered")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    _, _, Vt = np.linalg.svd(E, full_matrices=False)
    P = Vt[:k]
    return E - E @ P.T @ P


@wrong("k + 1 directions")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    for i in range(k + 1):
        v = Vt[i]
        C = C - np.outer(C @ v, v)
    return C


@wrong("kept instead of removed")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    P = Vt[:k]
    return C @ P.T @ P


@wrong("scaled by their singular values")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, s, Vt = np.linalg.svd(C, full_matrices=False)
    components = s[:k, None] * Vt[:k]
    return C - C @ components.T @ components


@wrong("k = 0 returned E itself")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    if k == 0:
        return E
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    return C - C @ Vt[:k].T @ Vt[:k]


@wrong("k = 0 raised")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k < min(E.shape):
        raise ValueError("k must be between 1 and min(V, d) - 1")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    return C - C @ Vt[:k].T @ Vt[:k]


@wrong("coordinates in the remaining directions")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < min(E.shape):
        raise ValueError("bad E or k")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    return C @ Vt[k:].T


@wrong("k >= min(V, d) must raise")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    return C - C @ Vt[:k].T @ Vt[:k]


@wrong("modified its input", slug="centers E in place")
def remove_top_components(E, k):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or np.ndim(E) != 2 or not 0 <= k < min(np.shape(E)):
        raise ValueError("bad E or k")
    if isinstance(E, np.ndarray) and E.dtype == np.float64:
        E -= E.mean(axis=0)
        C = E
    else:
        C = np.asarray(E, dtype=np.float64)
        C = C - C.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    return C - C @ Vt[:k].T @ Vt[:k]


@right("eigenvectors of the scatter matrix")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a (V, d) table, got shape {E.shape}")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be an integer, got {k!r}")
    V, d = E.shape
    if k < 0 or k >= min(V, d):
        raise ValueError(f"k must satisfy 0 <= k < min(V, d) = {min(V, d)}, got {k}")
    C = E - E.mean(axis=0)
    w, vecs = np.linalg.eigh(C.T @ C)           # increasing eigenvalues, eigenvectors in columns
    top = vecs[:, ::-1][:, :k]                  # (d, k): the k largest
    return C - C @ top @ top.T


@right("left projection with U")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if type(k) is bool or not isinstance(k, (int, np.integer)):
        raise ValueError("k must be an integer")
    if not 0 <= k < min(E.shape):
        raise ValueError("k must be in [0, min(V, d))")
    C = E - E.mean(axis=0)
    U, s, Vt = np.linalg.svd(C, full_matrices=False)
    Uk = U[:, :k]                                # (V, k); C - Uk Uk^T C = C - C Vk^T Vk
    return C - Uk @ (Uk.T @ C)


@right("sum of the remaining components")
def remove_top_components(E, k):
    import numbers
    E = np.array(E, dtype=float)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise ValueError("k must be an int")
    if k < 0 or k >= min(E.shape):
        raise ValueError("k out of range")
    C = E - E.mean(axis=0)
    U, s, Vt = np.linalg.svd(C, full_matrices=False)
    return (U[:, k:] * s[k:]) @ Vt[k:]


@right("deflation one direction at a time")
def remove_top_components(E, k):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError("k must be an integer")
    V, d = E.shape
    if k < 0 or k >= min(V, d):
        raise ValueError(f"k = {k} is outside 0 .. {min(V, d) - 1}")
    C = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    out = C.copy()
    for i in range(k):
        v = -Vt[i] if Vt[i][np.argmax(np.abs(Vt[i]))] < 0 else Vt[i]   # any sign works
        out = out - np.outer(out @ v, v)
    return out


# ------------------------------------------------------------------------ whiten

@wrong("not centered first", slug="covariance of the raw table")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    cov = E.T @ E / len(E)
    lam, Q = np.linalg.eigh(cov)
    if lam.min() <= 1e-10 * lam.max():
        raise ValueError("E has a singular covariance")
    return E @ Q @ np.diag(lam ** -0.5) @ Q.T


@wrong("variance instead of the standard deviation", slug="Sigma^-1")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    C = E - E.mean(axis=0)
    lam, Q = np.linalg.eigh(C.T @ C / len(C))
    if lam.min() <= 1e-10 * lam.max():
        raise ValueError("E has a singular covariance")
    return C @ Q @ np.diag(1 / lam) @ Q.T


@wrong("sample covariance", slug="np.cov with V - 1")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    C = E - E.mean(axis=0)
    lam, Q = np.linalg.eigh(np.cov(C, rowvar=False))
    if lam.min() <= 1e-10 * lam.max():
        raise ValueError("E has a singular covariance")
    return C @ Q @ np.diag(lam ** -0.5) @ Q.T


@wrong("z-scores", slug="standardise each column")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    C = E - E.mean(axis=0)
    std = C.std(axis=0)
    if (std == 0).any():
        raise ValueError("E has a column of zero variance")
    return C / std


@wrong("entry by entry", slug="cov ** -0.5")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    C = E - E.mean(axis=0)
    cov = C.T @ C / len(C)
    if np.linalg.matrix_rank(cov) < cov.shape[0]:
        raise ValueError("E has a singular covariance")
    with np.errstate(invalid="ignore"):
        return C @ cov ** -0.5


@wrong("principal axes", slug="PCA whitening without rotating back")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError("E must be a (V, d) table with V > d")
    C = E - E.mean(axis=0)
    lam, Q = np.linalg.eigh(C.T @ C / len(C))
    if lam.min() <= 1e-10 * lam.max():
        raise ValueError("E has a singular covariance")
    return C @ Q / np.sqrt(lam)


@wrong("must raise", slug="no check of a singular covariance")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    C = E - E.mean(axis=0)
    lam, Q = np.linalg.eigh(C.T @ C / len(C))
    with np.errstate(all="ignore"):
        return C @ Q @ np.diag(np.abs(lam) ** -0.5) @ Q.T


@right("thin SVD: sqrt(V) U Vt")
def whiten(E):
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D table, got shape {E.shape}")
    V, d = E.shape
    if V <= d:
        raise ValueError(f"E needs more rows than columns to be whitened, got V = {V}, d = {d}")
    C = E - E.mean(axis=0)
    U, s, Vt = np.linalg.svd(C, full_matrices=False)
    if s[-1] <= 1e-5 * s[0]:
        raise ValueError("E has a direction without variance")
    # Sigma = Vt.T diag(s^2 / V) Vt, so C Sigma^(-1/2) = U diag(s) Vt Vt.T diag(sqrt(V) / s) Vt
    return np.sqrt(V) * U @ Vt


@right("np.cov with bias=True and an explicit inverse square root")
def whiten(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] <= E.shape[1]:
        raise ValueError(f"E must be a (V, d) table with V > d, got shape {E.shape}")
    C = E - E.mean(axis=0, keepdims=True)
    cov = np.cov(C, rowvar=False, bias=True).reshape(E.shape[1], E.shape[1])
    lam, Q = np.linalg.eigh(cov)
    if lam[0] <= 1e-10 * lam[-1]:
        raise ValueError("E: the covariance is singular (a direction with zero variance)")
    inv_sqrt = np.zeros_like(cov)
    for k in range(len(lam)):
        inv_sqrt += np.outer(Q[:, k], Q[:, k]) / np.sqrt(lam[k])
    return C @ inv_sqrt
