"""Hidden checks for 03_cosine_neighbours."""
from __future__ import annotations

import numpy as np

from .. import a03_cosine_neighbours as ref
from .harness import as_float, kept_dtype, ID_ERRORS, Mistake, Spec, as_lists, bad, case, specs_by_name, table


def _rounded(x):
    return np.round(x, 2)


def shrunk(c, got, exp):
    """The answer is the expected cosine pulled slightly towards 0 (an epsilon in a denominator)."""
    if "short" not in c.label or exp is None:
        return False
    got, exp = np.asarray(got, dtype=np.float64), np.asarray(exp, dtype=np.float64)
    return bool(got.shape == exp.shape and np.all(np.abs(got) <= np.abs(exp) + 1e-12)
                and not np.allclose(got, exp, rtol=1e-6, atol=1e-9) and np.allclose(got, exp, rtol=1e-2))


# ------------------------------------------------------------------ case helpers
#
# Rankings compare ids exactly, so no case may depend on rounding:
# * random tables are kept only if the scores of distinct rows differ by >= 1e-6
#   under every metric (so float32 arithmetic or another summation order gives
#   the same ranking);
# * ties come only from exactly equal rows, and the tables that hold them have
#   small-integer entries and power-of-two norms: every dot product, norm and
#   cosine is then exact in any order of summation. (A BLAS matrix-vector
#   product can round two equal rows differently; with these tables it cannot.)


def separated(E, q, metrics=ref.METRICS, gap=1e-6) -> bool:
    """True when, for each metric, distinct rows of E have scores at least `gap` apart."""
    E = as_float(E)
    same = (E[:, None, :] == E[None, :, :]).all(axis=2)
    for metric in metrics:
        s = ref.ranking_scores(E, q, metric)
        close = np.abs(s[:, None] - s[None, :]) < gap * np.maximum(1.0, np.abs(s)[:, None])
        if (close & ~same).any():
            return False
    return True


def varied_table(rng, V, d, query, spread=(0.25, 4.0)):
    """A random table whose rows have very different lengths (log-uniform in `spread`)."""
    while True:
        lengths = np.exp(rng.uniform(np.log(spread[0]), np.log(spread[1]), size=V))
        E = _rounded(rng.normal(size=(V, d)) * lengths[:, None])
        if separated(E, query) and np.abs(E).sum(axis=1).min() > 0:
            return E


def exact_table(rng, V, d, copies=(), zeros=(), queries=()):
    """Rows of small integers with norms 4, 8, 16 or 32, so that every dot product, norm,
    cosine and distance is exact in any order of summation. Row dst is set equal to row
    src for each (src, dst) in copies, and the rows in zeros are set to 0; the table is
    redrawn until distinct rows have separated scores for every query in queries."""
    while True:
        pool = rng.integers(-9, 10, size=(6000, d))
        ss = (pool * pool).sum(axis=1)
        pool = np.unique(pool[(ss == 64) | (ss == 256)], axis=0)
        E = pool[rng.choice(len(pool), size=V, replace=False)].astype(np.float64)
        E *= rng.choice([0.5, 1.0, 2.0], size=V)[:, None]
        for src, dst in copies:
            E[dst] = E[src]
        E[list(zeros)] = 0.0
        if all(separated(E, q) for q in queries):
            return E


# ============================================================ cosine_similarity

def similarity_cases(rng):
    a = table(rng, 6)
    out = [
        case([3, 4, 0, 0, 0, 0], [4, 3, 0, 0, 0, 0], label="integer lists, cosine 24/25"),
        case(a, 3.0 * a, label="v = 3u: same direction, different length, cosine 1"),
        case(a, -0.5 * a, label="v = -0.5u: opposite direction, cosine -1"),
        case(np.array([1.0, 2.0, 0, 0, 0, 0]), np.array([-2.0, 1.0, 0, 0, 0, 0]), label="orthogonal"),
        case(np.array([2.0]), np.array([-3.0]), label="d = 1"),
        case(table(rng, 7).astype(np.float32), table(rng, 7).astype(np.float32), label="float32 vectors"),
        case(as_lists(table(rng, 5)), as_lists(table(rng, 5)), label="nested lists"),
    ]
    for _ in range(4):
        d = int(rng.integers(6, 13))
        out.append(case(table(rng, d) * float(rng.uniform(0.3, 5)), table(rng, d), label="random, d = %d" % d))
    return out


def similarity_zero_cases(rng):
    a, b = table(rng, 6), table(rng, 6)
    while abs(ref.cosine_similarity(a, b)) < 0.2:
        b = table(rng, 6)
    return [
        case(np.zeros(6), b, label="u is a zero vector (a padding row)"),
        case(a, np.zeros(6), label="v is a zero vector"),
        case(np.zeros(4), np.zeros(4), label="both vectors are zero"),
        case([0, 0, 0], [1, 2, 3], label="zero vector as a list of ints"),
        case(np.zeros(5, dtype=np.float32), table(rng, 5).astype(np.float32), label="float32 zero vector"),
        case(1e-3 * a, 1e-3 * b, label="short vectors: both scaled by 1e-3 (the cosine must not change)"),
        case(1e-3 * a, b, label="short u: u scaled by 1e-3 (the cosine must not change)"),
        case(1e3 * a, 1e3 * b, label="long vectors: both scaled by 1e3"),
        case(a, b, label="the same pair unscaled"),
    ]


def similarity_bad_cases(rng):
    return [
        bad(table(rng, 6), table(rng, 5), why="u has length 6 but v has length 5"),
        bad([1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], why="lists of lengths 3 and 4"),
        bad(table(rng, 2, 3), table(rng, 6), why="u is 2-D (2, 3), not a vector"),
        bad(table(rng, 4), table(rng, 1, 4), why="v is 2-D (1, 4), not a vector"),
        bad(3.0, table(rng, 3), why="u is a number, not a vector"),
    ]


def _cos(u, v):
    return ref.cosine_similarity(u, v)


def _norm(x):
    return float(np.sqrt(as_float(x) @ as_float(x)))


def _raise_on_zero(u, v, error):
    if min(_norm(u), _norm(v)) == 0:
        raise error("zero vector")
    return _cos(u, v)


SIMILARITY_MISTAKES = (
    Mistake("a zero vector gave NaN (0/0); by convention the cosine with a zero vector is 0.0 "
            "(check the norms before dividing)",
            model=lambda u, v: float(as_float(u) @ as_float(v) / (np.linalg.norm(as_float(u)) * np.linalg.norm(as_float(v))))),
    Mistake("a zero vector raised an error; by convention the cosine with a zero vector is 0.0",
            model=lambda u, v: _raise_on_zero(u, v, ValueError)),
    Mistake("a zero vector raised an error; by convention the cosine with a zero vector is 0.0",
            model=lambda u, v: _raise_on_zero(u, v, ZeroDivisionError)),
    Mistake("returned the dot product u.v: the cosine divides by |u| |v|, so it does not depend on length",
            model=lambda u, v: float(as_float(u) @ as_float(v))),
    Mistake("only one vector was normalised: divide u.v by |u| AND |v|",
            model=lambda u, v: float(as_float(u) @ as_float(v) / _norm(u))),
    Mistake("only one vector was normalised: divide u.v by |u| AND |v|",
            model=lambda u, v: float(as_float(u) @ as_float(v) / _norm(v))),
    Mistake("divided by |u|^2 |v|^2: the norms are the square roots of u.u and v.v",
            model=lambda u, v: float(as_float(u) @ as_float(v) / ((as_float(u) @ as_float(u)) * (as_float(v) @ as_float(v))))),
    Mistake("returned 1 - cosine (the cosine distance, as in scipy.spatial.distance.cosine), not the similarity",
            model=lambda u, v: 1.0 - _cos(u, v)),
    Mistake("an epsilon added to the norms changes the cosine of short vectors; cosine is scale-invariant: "
            "special-case a norm of exactly 0 instead of adding an epsilon",
            test=lambda c, got, exp: isinstance(got, (float, np.floating)) and shrunk(c, got, exp)),
    Mistake("returned an array; return a Python float (float(...))",
            test=lambda c, got, exp: isinstance(got, np.ndarray)),
    Mistake("computed in float32; convert the inputs with np.asarray(x, dtype=np.float64) and return a float64",
            test=lambda c, got, exp: isinstance(got, np.float32)),
)


def _truncated(u, v):
    u, v = as_float(u), as_float(v)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError("not vectors")
    n = min(len(u), len(v))
    return _cos(u[:n], v[:n])


SIMILARITY_BAD_MISTAKES = (
    Mistake("vectors of different lengths were accepted (zip() stops at the shorter one); raise ValueError",
            model=_truncated),
    Mistake("a 2-D input was flattened; u and v must be 1-D vectors",
            model=lambda u, v: _cos(np.ravel(as_float(u)), np.ravel(as_float(v)))),
)


# ================================================================ cosine_matrix

def matrix_cases(rng):
    A4 = table(rng, 4, 4)
    Az = table(rng, 5, 6)
    Az[2] = 0.0
    Bz = table(rng, 3, 6)
    Bz[0] = 0.0
    short = table(rng, 3, 6) * 1e-3
    out = [
        case(table(rng, 3, 5), table(rng, 4, 5), label="n = 3, m = 4, d = 5: the result is (3, 4)"),
        case(A4, table(rng, 6, 4), label="A square (n = d = 4), m = 6"),
        case(Az, Bz, label="a zero row in A (row 2) and in B (row 0): those entries are 0.0"),
        case(A4, A4, label="A = B: symmetric, ones on the diagonal"),
        case(as_lists(table(rng, 2, 3)), as_lists(table(rng, 3, 3)), label="nested lists"),
        case(table(rng, 3, 6).astype(np.float32), table(rng, 2, 6).astype(np.float32), label="float32 inputs"),
        case(table(rng, 1, 7), table(rng, 5, 7), label="n = 1"),
        case(table(rng, 6, 2), table(rng, 1, 2), label="m = 1"),
        case(np.array([[2.0], [-1.0], [0.0]]), np.array([[3.0], [-0.5]]), label="d = 1"),
        case(short, table(rng, 4, 6) * 1e-3, label="short rows (norms about 1e-3): cosine is scale-invariant"),
    ]
    for _ in range(3):
        n, m, d = (int(x) for x in rng.choice(np.arange(2, 10), size=3, replace=False))
        lengths = np.exp(rng.uniform(-1.5, 1.5, size=(n, 1)))
        out.append(case(table(rng, n, d) * lengths, table(rng, m, d), label="random, rows of different lengths"))
    return out


def matrix_bad_cases(rng):
    return [
        bad(table(rng, 5), table(rng, 3, 5), why="A is 1-D (5,), not a (n, d) table"),
        bad(table(rng, 3, 5), table(rng, 5), why="B is 1-D (5,), not a (m, d) table"),
        bad(table(rng, 2, 3, 4), table(rng, 3, 4), why="A is 3-D"),
        bad(table(rng, 3, 5), table(rng, 4, 6), why="A has width 5 but B has width 6"),
    ]


def _rows_nan(A):
    A = as_float(A)
    return A / np.linalg.norm(A, axis=1, keepdims=True)


def _unit(A):
    A = as_float(A)
    n = np.linalg.norm(A, axis=1, keepdims=True)
    return A / np.where(n > 0, n, 1.0)


def _eps_matrix(A, B):
    A, B = as_float(A), as_float(B)
    return (A @ B.T) / (np.outer(np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1)) + 1e-8)


MATRIX_MISTAKES = (
    Mistake("the result is transposed, (m, n): row i of the result belongs to A[i], so compute A_hat @ B_hat.T",
            model=lambda A, B: ref.cosine_matrix(B, A)),
    Mistake("returned A @ B.T without normalising the rows: that is the dot product, not the cosine",
            model=lambda A, B: as_float(A) @ as_float(B).T),
    Mistake("a zero row gave NaN (0/0); its cosine with every row is 0.0 by convention",
            model=lambda A, B: _rows_nan(A) @ _rows_nan(B).T),
    Mistake("the columns were normalised (norm over axis=0); each row (one vector) must have length 1",
            model=lambda A, B: (as_float(A) / np.linalg.norm(as_float(A), axis=0)) @ (as_float(B) / np.linalg.norm(as_float(B), axis=0)).T),
    Mistake("divided by the norm of the whole matrix (np.linalg.norm(A) without axis); normalise every row",
            model=lambda A, B: as_float(A) @ as_float(B).T / (np.linalg.norm(as_float(A)) * np.linalg.norm(as_float(B)))),
    Mistake("A / np.linalg.norm(A, axis=1) divides the columns: keep the axis (keepdims=True or [:, None])",
            model=lambda A, B: (as_float(A) / np.linalg.norm(as_float(A), axis=1)) @ (as_float(B) / np.linalg.norm(as_float(B), axis=1)).T),
    Mistake("only A was normalised: normalise the rows of A and of B",
            model=lambda A, B: _unit(A) @ as_float(B).T),
    Mistake("only B was normalised: normalise the rows of A and of B",
            model=lambda A, B: as_float(A) @ _unit(B).T),
    Mistake("an epsilon added to the norms changes the cosine of short rows; cosine is scale-invariant: "
            "special-case rows of norm exactly 0 instead", model=_eps_matrix),
    Mistake("an epsilon added to the norms changes the cosine of short rows; cosine is scale-invariant: "
            "special-case rows of norm exactly 0 instead", test=shrunk),
    kept_dtype("the float32 dtype of the input was kept; return float64"),
)


MATRIX_BAD_MISTAKES = (
    Mistake("a 1-D input was accepted as one row (np.atleast_2d); A and B must be 2-D tables",
            model=lambda A, B: ref.cosine_matrix(np.atleast_2d(as_float(A)), np.atleast_2d(as_float(B)))),
    Mistake("a 3-D input was accepted; A and B must be 2-D tables",
            test=lambda c, got, exp: np.ndim(c.args[0]) == 3 or np.ndim(c.args[1]) == 3),
)


# =========================================================== nearest_neighbours

def _metric(c):
    if len(c.args) > 3:
        return c.args[3]
    return c.kwargs.get("metric", "cosine")


def nn_cosine_cases(rng):
    out = []
    E = varied_table(rng, 8, 6, 0)
    while np.array_equal(ref.nearest_neighbours(E, 0, 3, "cosine"), ref.nearest_neighbours(E, 0, 3, "dot")):
        E = varied_table(rng, 8, 6, 0)
    out.append(case(E, 0, 7, label="rows of very different lengths (norms 0.25 to 4): dot and cosine disagree"))
    out.append(case(E, 3, 4, metric="cosine", label="same table, another query"))
    while True:   # a padding row among rows of negative cosine
        P = _rounded(rng.normal(size=(7, 6)))
        P[2] = 0.0
        s = ref.ranking_scores(P, 5, "cosine")
        if (s < -0.05).sum() >= 2 and separated(P, 5):
            break
    out.append(case(P, 5, 6, label="row 2 is a padding row of zeros: its cosine 0.0 ranks above negative ones"))
    Z = _rounded(rng.normal(size=(6, 7)))
    Z[1] = 0.0
    out.append(case(Z, 1, 3, label="the query row itself is zero: every cosine is 0.0, a tie, so smaller ids first"))
    L = varied_table(rng, 5, 4, 2)
    out.append(case(as_lists(L), 2, 3, label="nested lists"))
    F = varied_table(rng, 7, 6, 6)
    while not separated(F.astype(np.float32), 6):
        F = varied_table(rng, 7, 6, 6)
    out.append(case(F.astype(np.float32), 6, 4, metric="cosine", label="float32 table"))
    out.append(case(F, np.int64(6), np.int32(1), label="numpy integer query_id and k, k = 1"))
    for _ in range(4):
        V, d = int(rng.integers(7, 15)), int(rng.integers(6, 11))
        q = int(rng.integers(V))
        out.append(case(varied_table(rng, V, d, q), q, int(rng.integers(1, V)), metric="cosine", label="random"))
    return out


def nn_metric_cases(rng):
    out = []
    while True:   # rows of different lengths where all three metrics rank differently
        E = varied_table(rng, 8, 6, 1)
        ranks = [tuple(ref.nearest_neighbours(E, 1, 7, m)) for m in ref.METRICS]
        if len(set(ranks)) == 3 and len({r[0] for r in ranks}) >= 2:
            break
    out += [case(E, 1, 7, metric="dot", label="rows of different lengths: dot differs from cosine"),
            case(E, 1, 7, metric="euclidean", label="the same table: smallest distance first")]
    # a row longer than the query and close to it beats the query's own dot product
    q = np.array([1.0, 1.0, 0.5, 0.0, 0.0, -0.5])
    Lng = _rounded(rng.normal(scale=0.6, size=(6, 6)))
    Lng[0], Lng[3] = q, 2.5 * q + np.array([0.1, -0.2, 0.0, 0.3, 0.0, 0.1])
    out.append(case(Lng, 0, 3, metric="dot",
                    label="row 3 is longer than the query: E[3].E[0] > E[0].E[0], so row 3 comes first"))
    Zr = _rounded(rng.normal(size=(6, 5)))
    Zr[4] = 0.0
    while not separated(Zr, 2):
        Zr[:4] = _rounded(rng.normal(size=(4, 5)))
    out += [case(Zr, 2, 5, metric="dot", label="row 4 is zero: its dot product is 0.0"),
            case(Zr, 2, 5, metric="euclidean", label="row 4 is zero: its distance is |E[query]|")]
    S = varied_table(rng, 5, 3, 4)
    out += [case(as_lists(S), 4, 2, metric="euclidean", label="nested lists"),
            case(S.astype(np.float32), 4, 3, "dot", label="float32 table, metric passed by position")]
    for metric in ("dot", "euclidean", "dot", "euclidean"):
        V, d = int(rng.integers(7, 15)), int(rng.integers(6, 11))
        qi = int(rng.integers(V))
        out.append(case(varied_table(rng, V, d, qi), qi, int(rng.integers(1, V)), metric=metric,
                        label="random"))
    return out


def nn_tie_cases(rng):
    out = []
    # hand-made: norms are powers of two, so every score is exact
    T = np.array([[1.0, 1.0, 1.0, 1.0, 0.0, 0.0],     # 0: equal to the query row 2
                  [2.0, 0.0, 0.0, 0.0, 0.0, 0.0],     # 1: equal to row 3
                  [1.0, 1.0, 1.0, 1.0, 0.0, 0.0],     # 2: the query
                  [2.0, 0.0, 0.0, 0.0, 0.0, 0.0],     # 3: equal to row 1
                  [1.0, 1.0, -1.0, -1.0, 0.0, 0.0],   # 4
                  [0.0, 0.0, 0.0, 0.0, 2.0, 0.0]])    # 5: orthogonal to the query
    for metric in ref.METRICS:
        out.append(case(T, 2, 5, metric=metric,
                        label="row 0 equals the query row 2 (a neighbour!), rows 1 and 3 are equal"))
    same = np.tile(np.array([0.5, -1.0, 0.5, 0.0, 1.0, 1.0, 0.5]), (5, 1))   # norm 2
    for metric in ref.METRICS:
        out.append(case(same, 2, 4, metric=metric, label="every row is equal: all tie, ids in increasing order"))
    Zt = exact_table(rng, 7, 6, zeros=(1, 5), queries=(3,))
    for metric in ref.METRICS:
        out.append(case(Zt, 3, 6, metric=metric, label="rows 1 and 5 are zero: they tie"))
    E = exact_table(rng, 8, 6, copies=[(6, 1), (4, 7)], queries=(6,))
    out.append(case(E, 6, 7, metric="cosine", label="row 1 equals the query row 6; rows 4 and 7 are equal"))
    out.append(case(E, 6, 7, metric="dot", label="row 1 equals the query row 6; rows 4 and 7 are equal"))
    E = exact_table(rng, 9, 7, copies=[(3, 0), (3, 8), (2, 5)], queries=(3, 8))
    out.append(case(E, 3, 4, metric="euclidean", label="rows 0 and 8 equal the query row 3; rows 2 and 5 are equal"))
    out.append(case(E, 8, 8, metric="cosine", label="rows 0 and 3 equal the query row 8"))
    E = exact_table(rng, 8, 8, copies=[(0, 7), (2, 5)], queries=(0, 7))
    out.append(case(E, 0, 3, metric="dot", label="row 7 equals the query row 0"))
    out.append(case(as_lists(E), 7, 7, metric="euclidean", label="row 0 equals the query row 7 (lists)"))
    for _ in range(3):
        V, d = int(rng.integers(7, 11)), int(rng.integers(6, 9))
        src, dst, other, dup = (int(x) for x in rng.choice(V, size=4, replace=False))
        q = max(src, dst)
        E = exact_table(rng, V, d, copies=[(src, dst), (other, dup)], queries=(q,))
        metric = str(rng.choice(ref.METRICS))
        out.append(case(E, q, int(rng.integers(2, V)), metric=metric,
                        label=f"random: rows {src} and {dst} are equal (one is the query), rows {other} and {dup} too"))
    return out


def nn_bad_cases(rng):
    E = table(rng, 5, 4)
    return [
        bad(E, 0, 2, metric="manhattan", why="metric 'manhattan' is not one of cosine, dot, euclidean"),
        bad(E, 0, 2, metric="cos", why="metric 'cos' is not one of cosine, dot, euclidean"),
        bad(E, 0, 2, metric="l2", why="metric 'l2' is not one of cosine, dot, euclidean"),
        bad(E, 1, 0, why="k = 0 < 1"),
        bad(E, 1, 5, why="k = 5 = V, but only V - 1 = 4 ids are not the query"),
        bad(E, 1, -2, why="k = -2 < 1"),
        bad(E, -1, 2, why="query_id = -1 is negative", errors=ID_ERRORS),
        bad(E, 5, 2, why="query_id = 5 = V is out of range", errors=ID_ERRORS),
        bad(E, 1.0, 2, why="query_id = 1.0 is a float"),
        bad(E, True, 2, why="query_id = True is a bool"),
        bad(E[0], 0, 1, why="E is 1-D, not a (V, d) table"),
        bad(table(rng, 2, 3, 4), 0, 1, why="E is 3-D"),
        bad(table(rng, 1, 4), 0, 1, why="V = 1: no id besides the query, so no valid k"),
    ]


def _nn_model(keys, exclude="query", reverse_ties=False):
    """A ranking like the student's: keys(E, q, metric) gives one score per row (higher = nearer)."""
    def model(E, query_id, k, metric="cosine"):
        E = as_float(E)
        s = keys(E, query_id, metric)
        ids = np.arange(len(E))
        if exclude == "query":
            ids = ids[ids != query_id]
        elif exclude == "equal":
            ids = ids[~np.all(E == E[query_id], axis=1)]
        if reverse_ties:
            ranked = ids[np.argsort(s[ids], kind="stable")[::-1]]
        else:
            ranked = ids[np.argsort(-s[ids], kind="stable")]
        if exclude == "first":
            ranked = ranked[1:]
        return ranked[:k]
    return model


def _scores(E, q, metric):
    return ref.ranking_scores(E, q, metric)


def _swap(metric, a, b):
    return b if metric == a else metric


def _nan_cosine(E, q, metric):
    if metric != "cosine":
        return _scores(E, q, metric)
    n = np.linalg.norm(E, axis=1)
    return (E @ E[q]) / (n * n[q])


def _unit_euclid(E, q, metric):
    if metric != "euclidean":
        return _scores(E, q, metric)
    return _scores(_unit(E), q, metric)


def _ties_reordered(c, got, exp):
    """Same scores in the same order as the expected ids, but other ids: ties broken the other way."""
    if not isinstance(got, np.ndarray) or not isinstance(exp, np.ndarray) or got.shape != exp.shape:
        return False
    if not np.issubdtype(got.dtype, np.integer) or np.array_equal(got, exp):
        return False
    E, q = as_float(c.args[0]), int(c.args[1])
    if got.min() < 0 or got.max() >= len(E) or q in got:
        return False
    s = ref.ranking_scores(E, q, _metric(c))
    return bool(np.array_equal(s[got], s[exp]))


NN_VALUE_MISTAKES = (
    Mistake("the query itself was returned as its own neighbour; leave out query_id",
            model=_nn_model(_scores, exclude="none")),
    Mistake('the first result was skipped instead of the query id ("skip the first result"): a row equal to '
            'the query (or, for "dot", a longer row) can come before the query; remove query_id itself, by id',
            model=_nn_model(_scores, exclude="first")),
    Mistake("rows equal to the query row were dropped; only query_id itself is left out: a duplicate of the "
            "query is its nearest neighbour",
            model=_nn_model(_scores, exclude="equal")),
    Mistake("the dot product was used where cosine is asked (rows not normalised): cosine ignores length",
            model=_nn_model(lambda E, q, m: _scores(E, q, _swap(m, "cosine", "dot")))),
    Mistake('cosine was used where "dot" is asked: the dot product keeps the lengths of the rows',
            model=_nn_model(lambda E, q, m: _scores(E, q, _swap(m, "dot", "cosine")))),
    Mistake("euclidean ranked largest-first; the nearest row has the smallest distance",
            model=_nn_model(lambda E, q, m: -_scores(E, q, m) if m == "euclidean" else _scores(E, q, m))),
    Mistake("the euclidean distance was taken between normalised rows; use the rows of E as they are",
            model=_nn_model(_unit_euclid)),
    Mistake("a zero row got a NaN cosine (0/0), which sorts last; its cosine is 0.0 by convention",
            model=_nn_model(_nan_cosine)),
    Mistake("ranked smallest-first; the most similar row (largest score) comes first",
            model=_nn_model(lambda E, q, m: -_scores(E, q, m) if m != "euclidean" else _scores(E, q, m))),
    Mistake("ties do not go to the smaller id (np.argsort(scores)[::-1] reverses ties, and the default "
            "sort is not stable): use np.argsort(-scores, kind='stable')",
            model=_nn_model(_scores, reverse_ties=True)),
    Mistake("ties do not go to the smaller id (np.argsort(scores)[::-1] reverses ties, and the default "
            "sort is not stable): use np.argsort(-scores, kind='stable')",
            test=_ties_reordered),
    Mistake("the ids are floats; return an integer array of ids",
            test=lambda c, got, exp: isinstance(got, np.ndarray) and got.dtype.kind == "f"
            and got.shape == exp.shape and np.array_equal(got, exp)),
    Mistake("returned a list; return a numpy array of ids (np.array(...))",
            test=lambda c, got, exp: isinstance(got, (list, tuple))),
)


def _k_arg(c):
    return c.args[2] if len(c.args) > 2 else c.kwargs.get("k")


NN_BAD_MISTAKES = (
    Mistake("an unknown metric was not rejected; raise ValueError unless metric is 'cosine', 'dot' or 'euclidean'",
            test=lambda c, got, exp: _metric(c) not in ref.METRICS),
    Mistake("k outside 1 <= k <= V - 1 was not rejected; raise ValueError",
            test=lambda c, got, exp: isinstance(_k_arg(c), (int, np.integer)) and not isinstance(_k_arg(c), bool)
            and not 1 <= _k_arg(c) <= len(c.args[0]) - 1),
    Mistake("a negative query_id wrapped around to the last rows; raise ValueError for query_id < 0",
            test=lambda c, got, exp: isinstance(c.args[1], int) and not isinstance(c.args[1], bool)
            and c.args[1] < 0),
    Mistake("a float or bool was accepted as an integer (query_id or k); bools and floats are not ids or sizes",
            test=lambda c, got, exp: any(isinstance(x, (bool, float)) for x in (c.args[1], _k_arg(c)))),
)


SPECS = specs_by_name(
    Spec("cosine_similarity_values", "cosine_similarity", ref.cosine_similarity, similarity_cases, seed=311,
         mistakes=SIMILARITY_MISTAKES),
    Spec("cosine_similarity_zero_and_scale", "cosine_similarity", ref.cosine_similarity, similarity_zero_cases,
         seed=312, mistakes=SIMILARITY_MISTAKES),
    Spec("cosine_similarity_invalid", "cosine_similarity", ref.cosine_similarity, similarity_bad_cases, seed=313,
         mistakes=SIMILARITY_BAD_MISTAKES),
    Spec("cosine_matrix_values", "cosine_matrix", ref.cosine_matrix, matrix_cases, seed=321,
         mistakes=MATRIX_MISTAKES),
    Spec("cosine_matrix_invalid", "cosine_matrix", ref.cosine_matrix, matrix_bad_cases, seed=322,
         mistakes=MATRIX_BAD_MISTAKES),
    Spec("nearest_neighbours_cosine", "nearest_neighbours", ref.nearest_neighbours, nn_cosine_cases, seed=331,
         mistakes=NN_VALUE_MISTAKES),
    Spec("nearest_neighbours_metrics", "nearest_neighbours", ref.nearest_neighbours, nn_metric_cases, seed=332,
         mistakes=NN_VALUE_MISTAKES),
    Spec("nearest_neighbours_ties", "nearest_neighbours", ref.nearest_neighbours, nn_tie_cases, seed=333,
         mistakes=NN_VALUE_MISTAKES),
    Spec("nearest_neighbours_invalid", "nearest_neighbours", ref.nearest_neighbours, nn_bad_cases, seed=334,
         mistakes=NN_BAD_MISTAKES),
)
