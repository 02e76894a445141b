"""Hidden checks for 05_anisotropy."""
from __future__ import annotations


import numpy as np

from .. import a05_anisotropy as ref
from .harness import accepted_invalid, as_float, Mistake, on_invalid_input, only_where_wrong, Spec, as_lists, bad, case, specs_by_name, table


def _unit(E):
    E = as_float(E)
    n = np.linalg.norm(E, axis=1, keepdims=True)
    return np.divide(E, n, out=np.zeros_like(E), where=n > 0)


def _offdiag_mean(G):
    V = len(G)
    return float((G.sum() - np.trace(G)) / (V * (V - 1)))


def _centered(E):
    E = as_float(E)
    return E - E.mean(axis=0)


def _gapped(rng, V, d, k, offset=0.0):
    """A random table whose centered singular values have a clear gap after the k-th,
    so that the top k principal directions are well defined (no ties at the boundary)."""
    for _ in range(100):
        E = table(rng, V, d) + offset
        s = np.linalg.svd(_centered(E), compute_uv=False)
        r = min(V - 1, d)
        if k == 0 or k >= r or s[k - 1] > 1.15 * s[k]:
            return E
    raise RuntimeError("no gapped table found")


# ------------------------------------------------------------------ anisotropy_shapes

def shape_cases(rng):
    fixed = [case(1000, 50, label="V > d"), case(5, 8, label="V < d"), case(6, 6, label="V = d"),
             case(30522, 384, label="all-MiniLM-L6-v2's token table"), case(1, 3, label="a single row")]
    rand = [case(int(a), int(b), label="random sizes")
            for a, b in (rng.choice(np.arange(2, 200), size=2, replace=False) for _ in range(4))]
    return fixed + rand + [case(np.int64(7), np.int32(4), label="numpy integer sizes")]


def shape_bad_cases(rng):
    return [bad(0, 4, why="V = 0 < 1"), bad(5, -2, why="d = -2 < 1"),
            bad(-5, 3, why="V = -5 < 1"), bad(5, 0, why="d = 0 < 1")]


def _shapes(V, d, r=None, mean=None, U=None, Vt=None, pairs=None):
    r = min(V, d) if r is None else r
    return {"E": (V, d), "mean": mean or (d,), "U": U or (V, r), "s": (r,), "Vt": Vt or (r, d),
            "n_pairs": V * (V - 1) // 2 if pairs is None else pairs}


SHAPE_MISTAKES = (
    accepted_invalid("V and d must be validated: a size is an integer >= 1; raise ValueError"),
    Mistake("Vt is (d, d) and U is (V, V): those are the full_matrices=True shapes; the thin SVD "
            "(full_matrices=False) keeps r = min(V, d) of each", model=lambda V, d: _shapes(V, d, U=(V, V), Vt=(d, d))),
    Mistake("U and Vt are (V, d) and (d, d): with r = d, which holds only when V >= d; "
            "the thin SVD keeps r = min(V, d)",
            model=lambda V, d: _shapes(V, d, r=d)),
    Mistake("the mean has shape (V,): that is one mean per row (axis=1); the mean row is the mean over the V rows, "
            "one value per column, shape (d,)", model=lambda V, d: _shapes(V, d, mean=(V,))),
    Mistake("n_pairs counts V * V pairs: self-pairs (i = j) are excluded and (i, j), (j, i) are one pair, "
            "so V (V - 1) / 2", model=lambda V, d: _shapes(V, d, pairs=V * V)),
    Mistake("n_pairs counts ordered pairs V (V - 1): the pairs i < j are unordered, V (V - 1) / 2",
            model=lambda V, d: _shapes(V, d, pairs=V * (V - 1))),
    Mistake("use tuples of Python ints for the shapes and a Python int for n_pairs",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                (type(v) is not int) if k == "n_pairs" else
                (not isinstance(v, tuple) or any(type(n) is not int for n in v)) for k, v in got.items())),
)


# --------------------------------------------------------------- mean_pairwise_cosine

def cosine_cases(rng):
    E = table(rng, 7, 5)
    dup = table(rng, 5, 6)
    dup[3] = dup[1]
    dup[4] = dup[1]
    scaled = table(rng, 6, 8) * np.array([[0.01], [1.0], [100.0], [3.0], [0.2], [40.0]])
    out = [
        case(E, label="V = 7 rows, d = 5"),
        case(table(rng, 4, 9), label="V = 4 < d = 9"),
        case(table(rng, 9, 6) + 2.0, label="a shared offset: high cosines"),
        case(dup, label="three exactly equal rows (cosine 1 between them)"),
        case(scaled, label="rows of very different lengths"),
        case(table(rng, 2, 6), label="exactly 2 rows: one pair"),
        case(as_lists(table(rng, 5, 7) - 1.0), label="nested lists"),
        case((table(rng, 8, 6) + 1.0).astype(np.float32), label="float32 table"),
    ]
    for _ in range(3):
        V, d = (int(v) for v in rng.choice(np.arange(3, 14), size=2, replace=False))
        out.append(case(table(rng, V, d) + float(rng.normal()), label="random"))
    return out


def cosine_edge_cases(rng):
    Z = table(rng, 6, 7)
    Z[2] = 0.0
    Z2 = table(rng, 5, 6) + 1.0
    Z2[0] = 0.0
    Z2[4] = 0.0
    same = np.tile(table(rng, 1, 6), (4, 1))
    opp = table(rng, 1, 8)
    return [
        case(Z, label="row 2 is a zero vector (its cosines count as 0.0)"),
        case(Z2, label="two zero rows"),
        case(as_lists(Z2), label="zero rows, as nested lists"),
        case(np.vstack([np.zeros((1, 6)), table(rng, 1, 6)]), label="2 rows, one of them zero"),
        case(same, label="4 equal rows: every cosine is 1"),
        case(np.vstack([opp, -opp]), label="2 opposite rows: cosine -1"),
    ]


def cosine_bad_cases(rng):
    return [
        bad(table(rng, 1, 5), why="E has a single row: no pair i < j exists"),
        bad(table(rng, 6), why="E is 1-D, not a (V, d) table"),
        bad(table(rng, 2, 3, 4), why="E is 3-D"),
    ]


def _by_columns(E):
    return as_float(E) / np.linalg.norm(as_float(E), axis=0)


def _with_diagonal(E):
    U = _unit(E)
    return float((U @ U.T).mean())


def _nan_zero(E):
    E = as_float(E)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    return _offdiag_mean(U @ U.T)


def _skip_zero(E):
    E = as_float(E)
    keep = np.linalg.norm(E, axis=1) > 0
    U = _unit(E[keep])
    return _offdiag_mean(U @ U.T) if keep.sum() >= 2 else 0.0


@on_invalid_input
def _no_raise_single(E):
    E = np.atleast_2d(as_float(E))
    U = _unit(E)
    G = U @ U.T
    V = len(E)
    return float(G[np.triu_indices(V, 1)].mean()) if V > 1 else float("nan")


COSINE_MISTAKES = (
    Mistake("a zero vector gives NaN (0 / 0): the cosine with a zero vector is 0.0 and the pair still counts",
            model=_nan_zero),
    Mistake("pairs with a zero vector were left out of the mean: their cosine is 0.0 and they count in the mean "
            "over all pairs i < j", model=_skip_zero),
    Mistake("the diagonal was included in the mean: the V self-pairs (cosine 1) are excluded, "
            "the mean runs over the pairs i < j only", model=_with_diagonal),
    Mistake("the off-diagonal sum was divided by V * V: there are V (V - 1) ordered pairs i != j "
            "(V (V - 1) / 2 pairs i < j)", model=lambda E: float(((_unit(E) @ _unit(E).T).sum()
                                                                 - np.trace(_unit(E) @ _unit(E).T)) / len(as_float(E)) ** 2)),
    Mistake("every pair was counted twice: the sum over i != j was divided by the number of pairs i < j",
            model=lambda E: 2 * _offdiag_mean(_unit(E) @ _unit(E).T)),
    Mistake("dot products were averaged, not cosines: divide each dot product by both lengths "
            "(normalise every row first)", model=lambda E: _offdiag_mean(as_float(E) @ as_float(E).T)),
    Mistake("the table was divided by one global norm: cosine needs each row divided by its own length",
            model=lambda E: _offdiag_mean((as_float(E) / np.linalg.norm(as_float(E))) @ (as_float(E) / np.linalg.norm(as_float(E))).T)),
    Mistake("the columns were normalised (axis=0): each row must be divided by its own length (axis=1)",
            model=lambda E: _offdiag_mean(_by_columns(E) @ _by_columns(E).T)),
    Mistake("cosines between the d columns were averaged: the pairs are pairs of rows (tokens)",
            model=lambda E: _offdiag_mean(_unit(as_float(E).T) @ _unit(as_float(E).T).T)),
    Mistake("Pearson correlations (np.corrcoef) were averaged: corrcoef subtracts each row's own mean first, "
            "so it is not the cosine", model=lambda E: _offdiag_mean(np.corrcoef(as_float(E)))),
    Mistake("absolute cosines were averaged: keep the sign (opposite rows have cosine -1)",
            model=lambda E: _offdiag_mean(np.abs(_unit(E) @ _unit(E).T))),
    Mistake("fewer than 2 rows must raise ValueError (there is no pair to average)", model=_no_raise_single),
)


# ---------------------------------------------------------------------------- center

def center_cases(rng):
    out = [
        case(table(rng, 5, 3), label="V = 5, d = 3"),
        case(table(rng, 3, 7) + 5.0, label="V = 3 < d = 7, shared offset"),
        case(table(rng, 4, 4), label="square table"),
        case(table(rng, 1, 4), label="a single row (it is its own mean)"),
        case(as_lists(table(rng, 4, 6)), label="nested lists"),
        case((table(rng, 6, 5) - 3.0).astype(np.float32), label="float32 table"),
    ]
    for _ in range(3):
        V, d = (int(v) for v in rng.choice(np.arange(2, 12), size=2, replace=False))
        out.append(case(table(rng, V, d) * 3 + float(rng.normal()), label="random"))
    return out


def center_bad_cases(rng):
    return [bad(table(rng, 5), why="E is 1-D, not a (V, d) table"),
            bad(table(rng, 2, 3, 4), why="E is 3-D"),
            bad(table(rng, 3, 2, 2, 2), why="E is 4-D")]


CENTER_MISTAKES = (
    Mistake("each row's own mean was subtracted (axis=1): centering subtracts the mean row, "
            "the mean over the V rows of each column (axis=0)",
            model=lambda E: as_float(E) - as_float(E).mean(axis=1, keepdims=True)),
    Mistake("each row's own mean was subtracted (E.mean(axis=1)): centering subtracts the mean over the rows, "
            "E.mean(axis=0)", model=lambda E: as_float(E) - as_float(E).mean(axis=1)),
    Mistake("the mean of all entries (one number) was subtracted: subtract the mean row, one mean per column",
            model=lambda E: as_float(E) - as_float(E).mean()),
    Mistake("the columns were also divided by their standard deviation: center only subtracts the mean row",
            model=lambda E: _centered(E) / as_float(E).std(axis=0)),
    Mistake("the centered rows were rescaled to unit length: center only subtracts the mean row",
            model=lambda E: _unit(_centered(E))),
    Mistake("the result keeps the input's dtype; return float64 (np.asarray(E, dtype=np.float64) first)",
            test=lambda c, got, exp: isinstance(got, np.ndarray) and got.dtype != np.float64
            and got.shape == exp.shape and np.allclose(got, exp, atol=1e-5)),
)


# --------------------------------------------------------------- top_component_share

def share_cases(rng):
    strong = table(rng, 10, 6)
    strong[:, 2] *= 6.0
    return [
        case(_gapped(rng, 8, 5, 1), label="V = 8, d = 5"),
        case(_gapped(rng, 5, 9, 1), label="V = 5 < d = 9"),
        case(_gapped(rng, 9, 6, 1, offset=4.0), label="a large shared offset (center first!)"),
        case(strong, label="one column with a large spread"),
        case(table(rng, 2, 6), label="2 rows: the centered table has rank 1, share 1"),
        case(table(rng, 7, 1), label="d = 1: a single direction, share 1"),
        case(as_lists(_gapped(rng, 6, 4, 1, offset=-2.0)), label="nested lists"),
        case(_gapped(rng, 7, 5, 1, offset=1.0).astype(np.float32), label="float32 table"),
        case(_gapped(rng, 12, 8, 1, offset=float(rng.normal())), label="random"),
    ]


def share_bad_cases(rng):
    row = np.array([[1.5, -2.0, 0.25, 4.0, 0.0]])
    return [
        bad(np.tile(row, (4, 1)), why="4 equal rows: zero variance, the share is 0/0"),
        bad(row, why="a single row: zero variance after centering"),
        bad(np.zeros((3, 6)), why="an all-zero table: zero variance"),
        bad(as_lists(np.tile(row, (3, 1))), why="equal rows as nested lists: zero variance"),
        bad(table(rng, 6), why="E is 1-D, not a (V, d) table"),
        bad(table(rng, 2, 3, 4), why="E is 3-D"),
    ]


def _share_of(s):
    return float(s[0] ** 2 / np.sum(s ** 2))


def _eig_smallest(E):
    w = np.linalg.eigvalsh(_centered(E).T @ _centered(E))
    return float(w[0] / w.sum())


SHARE_MISTAKES = (
    Mistake("a table with zero variance must raise ValueError, not return NaN (0/0)",
            model=on_invalid_input(lambda E: float(np.float64(0.0) / np.float64(0.0)) if not np.any(_centered(E))
                                   else _share_of(np.linalg.svd(_centered(E), compute_uv=False)))),
    Mistake("the singular values were not squared: the variance along a direction is s_i^2, "
            "so the share is s1^2 / sum(s_i^2)",
            model=lambda E: float(np.linalg.svd(_centered(E), compute_uv=False)[0]
                                  / np.linalg.svd(_centered(E), compute_uv=False).sum())),
    Mistake("the share came out as s1 / sqrt(sum s_i^2) (a ratio of lengths): square it, s1^2 / sum(s_i^2)",
            model=lambda E: float(np.sqrt(_share_of(np.linalg.svd(_centered(E), compute_uv=False))))),
    Mistake("the SVD was taken of the uncentered table: center(E) first, or the shared offset becomes "
            "the 'top component'", model=lambda E: _share_of(np.linalg.svd(as_float(E), compute_uv=False))),
    Mistake("each row's own mean was subtracted (axis=1) before the SVD: center over the rows (axis=0)",
            model=lambda E: _share_of(np.linalg.svd(as_float(E) - as_float(E).mean(axis=1, keepdims=True), compute_uv=False))),
    Mistake("the smallest eigenvalue was used (np.linalg.eigh sorts in increasing order): the top component "
            "has the largest", model=_eig_smallest),
    Mistake("the largest column variance was used: a principal direction need not be a coordinate axis; "
            "use the singular values of center(E)",
            model=lambda E: float(as_float(E).var(axis=0).max() / as_float(E).var(axis=0).sum())),
    Mistake("a table with zero variance (every row equal to the mean row) must raise ValueError: "
            "its share is 0/0, undefined", test=lambda c, got, exp: "zero variance" in c.why),
)


# ------------------------------------------------------------- remove_top_components

def remove_cases(rng):
    out = [
        case(_gapped(rng, 9, 6, 1), 1, label="V = 9, d = 6, k = 1"),
        case(_gapped(rng, 9, 6, 2, offset=3.0), 2, label="shared offset, k = 2"),
        case(_gapped(rng, 5, 8, 2), 2, label="V = 5 < d = 8, k = 2"),
        case(_gapped(rng, 7, 5, 0, offset=-1.0), 0, label="k = 0 returns center(E)"),
        case(_gapped(rng, 8, 4, 3), 3, label="d = 4, k = 3 = d - 1: one direction is left"),
        case(_gapped(rng, 4, 7, 3), 3, label="V = 4, k = 3: the centered table has rank 3, all of it is removed"),
        case(as_lists(_gapped(rng, 6, 5, 1, offset=1.0)), 1, label="nested lists"),
        case(_gapped(rng, 10, 6, 2, offset=2.0).astype(np.float32), 2, label="float32 table"),
        case(_gapped(rng, 7, 6, 1), np.int64(1), label="k as a numpy integer"),
    ]
    for _ in range(2):
        V, d = (int(v) for v in rng.choice(np.arange(4, 12), size=2, replace=False))
        k = int(rng.integers(1, min(V, d)))
        out.append(case(_gapped(rng, V, d, k, offset=float(rng.normal())), k, label="random"))
    return out


def remove_bad_cases(rng):
    tall, wide = table(rng, 8, 5), table(rng, 4, 7)
    return [
        bad(tall, 5, why="k = 5 = min(V, d) = d: k must be < min(V, d)"),
        bad(wide, 4, why="k = 4 = min(V, d) = V: k must be < min(V, d)"),
        bad(tall, 9, why="k = 9 > min(V, d)"),
        bad(tall, -1, why="k = -1 is negative"),
        bad(table(rng, 6), 1, why="E is 1-D, not a (V, d) table"),
    ]


def _svd(C):
    return np.linalg.svd(C, full_matrices=False)


def _project_out(C, P):
    return C - (C @ P.T) @ P


def _bottom(E, k):
    C = _centered(E)
    Vt = _svd(C)[2]
    return _project_out(C, Vt[len(Vt) - k:])


def _rows_of_u(E, k):
    C = _centered(E)
    return _project_out(C, _svd(C)[0][:k])


def _cols_of_vt(E, k):
    C = _centered(E)
    Vt = _svd(C)[2]
    return _project_out(C, Vt[:, :k].T)


def _uncentered_dirs(E, k):
    return _project_out(_centered(E), _svd(as_float(E))[2][:k])


def _uncentered_proj(E, k):
    C = _centered(E)
    P = _svd(C)[2][:k]
    return C - (as_float(E) @ P.T) @ P


def _never_centered(E, k):
    E = as_float(E)
    return _project_out(E, _svd(E)[2][:k])


def _k_plus_one(E, k):
    C = _centered(E)
    return _project_out(C, _svd(C)[2][:k + 1])


def _kept(E, k):
    C = _centered(E)
    P = _svd(C)[2][:k]
    return (C @ P.T) @ P


def _scaled(E, k):
    C = _centered(E)
    _, s, Vt = _svd(C)
    return _project_out(C, s[:k, None] * Vt[:k])


def _k0_returns_e(E, k):
    return as_float(E) if k == 0 else ref.remove_top_components(E, k)


def _k0_raises(E, k):
    if k == 0:
        raise ValueError("k must be >= 1")
    return ref.remove_top_components(E, k)


def _coordinates(E, k):
    C = _centered(E)
    return C @ _svd(C)[2][k:].T


@on_invalid_input
def _no_k_checks(E, k):
    C = _centered(E)
    return _project_out(C, _svd(C)[2][:k])


@on_invalid_input
def _range_only(E, k):
    E = as_float(E)
    if not 0 <= k < min(E.shape):
        raise ValueError("k out of range")
    return _no_k_checks(E, k)


@on_invalid_input
def _cast_k(E, k):
    E, k = as_float(E), int(k)
    if not 0 <= k < min(E.shape):
        raise ValueError("k out of range")
    return _no_k_checks(E, k)


REMOVE_MISTAKES = (
    Mistake("k = 0 returned E itself: with nothing to project out, the result is still center(E)",
            model=_k0_returns_e),
    Mistake("the bottom components were projected out (Vt[-k:]): the top k principal directions are the "
            "first k rows of Vt (largest singular values)", model=_bottom),
    Mistake("rows of U were used as directions: U holds one coordinate per token (its columns live in R^V); "
            "the principal directions in R^d are the rows of Vt", model=_rows_of_u),
    Mistake("columns of Vt were used as directions: the principal directions are the rows of Vt (Vt[:k])",
            model=_cols_of_vt),
    Mistake("the directions came from the SVD of the uncentered table: take the SVD of center(E), or the shared "
            "offset takes the place of the top direction", model=_uncentered_dirs),
    Mistake("the projection was computed from the uncentered E (E @ P.T @ P): project the centered table, "
            "C - (C @ P.T) @ P", model=_uncentered_proj),
    Mistake("the table was never centered: all-but-the-top subtracts the mean row first, then projects",
            model=_never_centered),
    Mistake("k + 1 directions were removed (off by one): Vt[:k] holds exactly the top k", model=_k_plus_one),
    Mistake("the top components were kept instead of removed: return C - (C @ P.T) @ P, the part orthogonal to them",
            model=_kept),
    Mistake("the directions were scaled by their singular values: project with the unit rows of Vt",
            model=_scaled),
    Mistake("k = 0 raised: k = 0 is valid and returns center(E)", model=_k0_raises),
    Mistake("coordinates in the remaining directions were returned (shape (V, d - k)): the result stays in R^d, "
            "shape (V, d)", model=_coordinates),
    Mistake("k must be an integer: raise ValueError for a float such as 1.0 and for a bool", model=_range_only),
    Mistake("k must be an integer: raise ValueError for a float such as 1.0 and for a bool (int(k) hides them)",
            model=_cast_k),
    Mistake("k >= min(V, d) must raise ValueError: there are only min(V, d) principal directions",
            model=_no_k_checks),
)


# ------------------------------------------------------------------------ whiten

def _mixed(rng, V, d, spread=3.0, offset=1.5):
    """A table with correlated columns, unequal variances and a shared offset (covariance well conditioned)."""
    A = np.eye(d) + 0.4 * rng.normal(size=(d, d))
    scales = np.exp(rng.uniform(-np.log(spread), np.log(spread), size=d))
    return table(rng, V, d) * scales @ A + offset * rng.normal(size=d)


def whiten_cases(rng):
    skew = _mixed(rng, 40, 5)
    skew += rng.normal(size=(40, 1)) * 6.0 * np.array([1.0, -0.5, 0.25, 0.0, 0.5])   # one dominant direction
    out = [
        case(_mixed(rng, 12, 4), label="V = 12, d = 4, correlated columns with an offset"),
        case(_mixed(rng, 7, 6), label="V = 7 = d + 1: the fewest rows that can be whitened"),
        case(skew, label="one dominant direction (strong anisotropy)"),
        case(_mixed(rng, 20, 3).astype(np.float32), label="float32 table"),
        case(as_lists(_mixed(rng, 9, 3)), label="nested lists"),
        case(_mixed(rng, 15, 6, offset=20.0), label="a large shared offset"),
    ]
    for _ in range(2):
        d = int(rng.integers(2, 7))
        out.append(case(_mixed(rng, d + int(rng.integers(3, 25)), d), label="random"))
    return out


def whiten_bad_cases(rng):
    flat = _mixed(rng, 10, 4)
    flat[:, 2] = 3.0
    return [
        bad(rng.normal(size=8), why="E is 1-D, not a (V, d) table"),
        bad(_mixed(rng, 5, 5), why="E has V = 5 = d rows: its covariance is singular"),
        bad(_mixed(rng, 3, 6), why="E has V = 3 < d = 6 rows: its covariance is singular"),
        bad(flat, why="E has a constant column: zero variance along it, a singular covariance"),
    ]


def _cov(C, denom):
    return C.T @ C / denom


def _zca(C, cov, power=-0.5):
    lam, Q = np.linalg.eigh(cov)
    with np.errstate(all="ignore"):
        return C @ (Q * lam ** power) @ Q.T


def _white_but_rotated(c, got, expected):
    if not (isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and got.shape == expected.shape):
        return False
    G = np.asarray(got, dtype=np.float64)
    if not np.isfinite(G).all():
        return False
    V, d = G.shape
    white = np.allclose(G.mean(axis=0), 0.0, atol=1e-6) and np.allclose(G.T @ G / V, np.eye(d), atol=1e-6)
    return white and not np.allclose(G, expected, rtol=1e-6, atol=1e-9)


WHITEN_MISTAKES = only_where_wrong(
    ref.whiten,
    Mistake("E was not centered first: the covariance and the whitened rows use C = E - mean row; without it the "
            "shared offset is mixed into the covariance and stays in the result",
            model=lambda E: _zca(as_float(E), _cov(as_float(E), len(as_float(E))))),
    Mistake("divided by the variance instead of the standard deviation: multiply by Sigma^(-1/2) = Q diag(lam^(-1/2)) "
            "Q^T, not by Sigma^(-1)", model=lambda E: _zca(_centered(E), _cov(_centered(E), len(as_float(E))), -1.0)),
    Mistake("the sample covariance (divided by V - 1): this notebook uses the population covariance C^T C / V, so "
            "that the whitened rows have covariance exactly I with the same 1/V",
            model=lambda E: _zca(_centered(E), _cov(_centered(E), len(as_float(E)) - 1))),
    Mistake("each column was scaled to variance 1 (z-scores): that keeps the correlations between columns; "
            "whitening removes them too, multiplying by Sigma^(-1/2) so that the covariance becomes I",
            model=lambda E: _centered(E) / _centered(E).std(axis=0)),
    Mistake("Sigma ** -0.5 is taken entry by entry: the inverse square root of a matrix comes from its "
            "eigendecomposition, Q diag(lam^(-1/2)) Q^T",
            model=lambda E: _centered(E) @ np.power(_cov(_centered(E), len(as_float(E))), -0.5)),
    Mistake("your rows are white (covariance I) but expressed in the principal axes (PCA whitening, C Q "
            "diag(lam^(-1/2))): ZCA whitening rotates back with Q^T, so that the result stays as close as "
            "possible to C", test=_white_but_rotated),
)


SPECS = specs_by_name(
    Spec("anisotropy_shapes", "anisotropy_shapes", ref.anisotropy_shapes, shape_cases, seed=501,
         mistakes=only_where_wrong(ref.anisotropy_shapes, *SHAPE_MISTAKES)),
    Spec("anisotropy_shapes_invalid", "anisotropy_shapes", ref.anisotropy_shapes, shape_bad_cases, seed=502,
         mistakes=only_where_wrong(ref.anisotropy_shapes, *SHAPE_MISTAKES)),
    Spec("mean_pairwise_cosine_values", "mean_pairwise_cosine", ref.mean_pairwise_cosine, cosine_cases, seed=511,
         mistakes=only_where_wrong(ref.mean_pairwise_cosine, *COSINE_MISTAKES)),
    Spec("mean_pairwise_cosine_edge_cases", "mean_pairwise_cosine", ref.mean_pairwise_cosine, cosine_edge_cases,
         seed=512, mistakes=only_where_wrong(ref.mean_pairwise_cosine, *COSINE_MISTAKES)),
    Spec("mean_pairwise_cosine_invalid", "mean_pairwise_cosine", ref.mean_pairwise_cosine, cosine_bad_cases,
         seed=513, mistakes=only_where_wrong(ref.mean_pairwise_cosine, *COSINE_MISTAKES)),
    Spec("center", "center", ref.center, center_cases, seed=521,
         mistakes=only_where_wrong(ref.center, *CENTER_MISTAKES)),
    Spec("center_invalid", "center", ref.center, center_bad_cases, seed=522,
         mistakes=only_where_wrong(ref.center, *CENTER_MISTAKES)),
    Spec("top_component_share_values", "top_component_share", ref.top_component_share, share_cases, seed=531,
         mistakes=only_where_wrong(ref.top_component_share, *SHARE_MISTAKES)),
    Spec("top_component_share_invalid", "top_component_share", ref.top_component_share, share_bad_cases, seed=532,
         mistakes=only_where_wrong(ref.top_component_share, *SHARE_MISTAKES)),
    Spec("remove_top_components_values", "remove_top_components", ref.remove_top_components, remove_cases,
         seed=541, mistakes=only_where_wrong(ref.remove_top_components, *REMOVE_MISTAKES)),
    Spec("remove_top_components_invalid", "remove_top_components", ref.remove_top_components, remove_bad_cases,
         seed=542, mistakes=only_where_wrong(ref.remove_top_components, *REMOVE_MISTAKES)),
    Spec("whiten_values", "whiten", ref.whiten, whiten_cases, seed=5051, mistakes=WHITEN_MISTAKES,
         uses=("center",)),
    Spec("whiten_invalid", "whiten", ref.whiten, whiten_bad_cases, seed=5052, mistakes=WHITEN_MISTAKES),
)
