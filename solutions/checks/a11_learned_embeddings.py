"""Hidden checks for 11_learned_embeddings."""
from __future__ import annotations

import numpy as np

from .. import a11_learned_embeddings as ref
from .harness import (as_float, kept_dtype, ID_ERRORS, Mistake, NotThisMistake, Spec, as_lists, bad, case, on_invalid_input,
                      only_where_wrong, specs_by_name, table)


def _is_python_int_dict(got):
    return isinstance(got, dict) and all(
        (type(v) is int) if k == "n_pairs" else (isinstance(v, tuple) and all(type(n) is int for n in v))
        for k, v in got.items())


# ------------------------------------------------------------------ learned_shapes


def shape_cases(rng):
    fixed = [case(59, 8, 6, 3, label="this notebook's corpus: V = 59, d = 8, a sentence of 6 tokens, window 3"),
             case(10000, 300, 20, 5, label="word2vec-like sizes: window 5, a sentence of 20 tokens"),
             case(12, 4, 3, 5, label="window larger than the sentence"),
             case(7, 2, 1, 2, label="a sentence of one token has no pairs"),
             case(9, 3, 2, 1, label="two tokens, window 1"),
             case(np.int64(40), np.int32(6), np.int64(9), np.int32(4), label="numpy integer sizes")]
    out = []
    for _ in range(4):
        V, d, n, w = (int(v) for v in rng.choice(np.arange(2, 40), size=4, replace=False))
        out.append(case(V, d, n, w % 7 + 1, label="random sizes"))
    return fixed + out


def shape_bad_cases(rng):
    return [bad(0, 4, 6, 2, why="V = 0 < 1"), bad(10, 2.0, 6, 2, why="d = 2.0 is a float"),
            bad(10, 4, True, 2, why="n_tokens = True is a bool"), bad(10, 4, 6, 0, why="window = 0 < 1"),
            bad(10, 4, -3, 2, why="n_tokens = -3 < 1")]


def _shapes(V, d, n, w, **change):
    out = {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d),
           "n_pairs": ref.pair_count(int(n), int(w))}
    out.update(change)
    return out


SHAPE_MISTAKES = (
    Mistake("n_pairs counts the contexts on one side only: a window looks both ways, so every unordered pair of "
            "positions at distance 1 .. window gives two (center, context) pairs",
            model=lambda V, d, n, w: _shapes(V, d, n, w, n_pairs=ref.pair_count(int(n), int(w)) // 2)),
    Mistake("n_pairs = 2 * window * n_tokens ignores the edges of the sentence: the first and last positions "
            "have fewer than window neighbours on one side (count the pairs at each distance k: n_tokens - k)",
            model=lambda V, d, n, w: _shapes(V, d, n, w, n_pairs=2 * int(w) * int(n))),
    Mistake("n_pairs counts each position with itself: a center is never its own context (distances 1 .. window)",
            model=lambda V, d, n, w: _shapes(V, d, n, w, n_pairs=ref.pair_count(int(n), int(w)) + int(n))),
    Mistake("C has shape (V, d): the co-occurrence matrix counts words against words, (V, V); only the "
            "embeddings have width d",
            model=lambda V, d, n, w: _shapes(V, d, n, w, C=(V, d), ppmi=(V, d))),
    Mistake("E_svd has shape (V, V): the truncated SVD keeps only the first d singular directions, (V, d)",
            model=lambda V, d, n, w: _shapes(V, d, n, w, E_svd=(V, V))),
    Mistake("W_out has shape (d, V): in skip-gram the context table has one row per word, like W_in, (V, d)",
            model=lambda V, d, n, w: _shapes(V, d, n, w, W_out=(d, V))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints, and a Python int for n_pairs",
            test=lambda c, got, exp: isinstance(got, dict) and set(got) == set(exp) and not _is_python_int_dict(got)),
)


# -------------------------------------------------------------- cooccurrence_counts


def cooc_cases(rng):
    out = [
        case([[0, 1, 2, 3], [2, 1]], 5, 1, label="two sentences, window 1, id 4 never occurs"),
        case([[0, 1, 0, 1, 0], [3, 2]], 4, 2, label="repeated words within the window: the diagonal counts"),
        case([[1, 2, 3], [0], [4, 4]], 6, 5, label="window longer than every sentence; a one-word sentence"),
        case(np.array([[0, 2, 1, 2], [3, 0, 0, 1]], dtype=np.int32), 4, 2,
             label="a 2-D int32 array: one sentence per row"),
        case((np.array([5, 3, 1, 3, 5]), np.array([2, 4, 0])), 6, 3, label="a tuple of int64 arrays"),
        case([[0, 1, 2], [2, 1, 0]], 3, 1, label="the second sentence starts where the first ends"),
    ]
    for _ in range(3):
        V = int(rng.integers(4, 9))
        sentences = [rng.integers(0, V, size=int(rng.integers(1, 9))) for _ in range(int(rng.integers(3, 7)))]
        out.append(case(sentences, V, int(rng.integers(1, 4)), label="random sentences"))
    return out


def cooc_bad_cases(rng):
    return [
        bad([[0, 1, 2]], 4, 0, why="window = 0 < 1"),
        bad([[0, 1, 2]], 4, 1.5, why="window = 1.5 is a float"),
        bad([[0, 1], [2, -1]], 4, 1, why="sentences[1] contains -1", errors=ID_ERRORS),
        bad([[0, 4, 1]], 4, 2, why="sentences[0] contains 4 = V", errors=ID_ERRORS),
        bad([[0.0, 1.0, 2.0]], 4, 1, why="sentences[0] has float ids"),
        bad(np.array([0, 1, 2]), 4, 1, why="sentences is one flat sentence, not a list of sentences"),
        bad([[0, 1, 2]], 2.0, 1, why="V = 2.0 is a float"),
    ]


def _rows(sentences):
    return [np.asarray(s) for s in sentences]


def _count(sentences, V, window, *, right_only=False, weight=False, lost=False, shift=0, centre=False):
    V, window = int(V), int(window) + shift
    C = np.zeros((V, V))
    for s in _rows(sentences):
        for k in range(1, min(window, len(s) - 1) + 1):
            pairs = [(s[:-k], s[k:])] if right_only else [(s[:-k], s[k:]), (s[k:], s[:-k])]
            for a, b in pairs:
                if lost:
                    C[a, b] += 1.0
                else:
                    np.add.at(C, (a, b), 1.0 / k if weight else 1.0)
        if centre:
            np.add.at(C, (s, s), 1.0)
    return C


def _count_concatenated(sentences, V, window):
    return _count([np.concatenate(_rows(sentences))], V, window)


def _count_int(sentences, V, window):
    return ref.cooccurrence_counts(sentences, V, window).astype(np.int64)


def _count_wrapping(sentences, V, window):
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise NotThisMistake()
    if not isinstance(V, (int, np.integer)) or isinstance(V, bool):
        raise NotThisMistake()
    rows = _rows(sentences)
    if any(r.ndim != 1 or r.dtype.kind not in "iu" or r.size == 0 for r in rows):
        raise NotThisMistake()
    if not any((r < 0).any() for r in rows):
        raise NotThisMistake()
    return _count(rows, V, window)


COOC_MISTAKES = (
    Mistake("only the contexts to the right were counted: the window looks both ways, so C is symmetric "
            "(count (w, c) and (c, w))", model=lambda s, V, w: _count(s, V, w, right_only=True)),
    Mistake("the window crossed sentence boundaries (the sentences were joined into one stream): count pairs "
            "within each sentence only", model=_count_concatenated),
    Mistake("each word was counted as its own context: a window covers distances 1 .. window, never 0",
            model=lambda s, V, w: _count(s, V, w, centre=True)),
    Mistake("the window is one too short (range(1, window) stops at window - 1): distances 1 .. window count",
            model=lambda s, V, w: _count(s, V, w, shift=-1)),
    Mistake("repeated pairs were lost: C[a, b] += 1 with index arrays adds only once per distinct (a, b); "
            "use np.add.at (or a loop over positions)", model=lambda s, V, w: _count(s, V, w, lost=True)),
    Mistake("the counts were weighted by 1 / distance, as GloVe does: this function counts every pair in the "
            "window as 1", model=lambda s, V, w: _count(s, V, w, weight=True)),
    Mistake("every pair was counted twice (both directions added, then C + C.T): each ordered pair of "
            "positions counts once", model=lambda s, V, w: 2.0 * ref.cooccurrence_counts(s, V, w)),
    Mistake("the counts are integers: return float64 (np.zeros((V, V)) is float64)",
            test=lambda c, got, exp: isinstance(got, np.ndarray) and got.dtype.kind in "iu"),
    Mistake("negative ids were not rejected (np.add.at wraps -1 around to the last row): check "
            "0 <= id < V for every sentence and raise ValueError", model=on_invalid_input(_count_wrapping)),
)


# ------------------------------------------------------------------------ ppmi


def _corpus_counts():
    return ref.cooccurrence_counts([[0, 1, 2, 3, 1], [2, 3, 3, 0], [4, 1, 0]], 6, 2)   # id 5 never occurs


def ppmi_cases(rng):
    asym = rng.integers(0, 5, size=(4, 6)).astype(np.float64)
    asym[1] = 0.0                                    # an all-zero row
    asym[:, 4] = 0.0                                 # and an all-zero column
    asym[0, 0] = 7.0
    indep = np.outer([1.0, 2.0, 4.0], [3.0, 1.0, 2.0, 2.0])
    out = [
        case(_corpus_counts(), label="counts of a small corpus (symmetric, word 5 never occurs)"),
        case(asym, label="(4, 6) counts: not symmetric, an all-zero row and column"),
        case(indep, label="independent rows and columns: every PMI is 0"),
        case(np.diag([3.0, 1.0, 2.0]), label="a diagonal matrix"),
        case(np.array([[0.0, 0.0], [0.0, 5.0]]), label="a single non-zero count"),
        case(as_lists(rng.integers(0, 4, size=(3, 3))), label="nested lists of ints"),
        case(rng.integers(0, 6, size=(5, 5)).astype(np.float32), label="float32 counts"),
        case(np.round(rng.uniform(0, 3, size=(4, 4)), 2), label="weighted (non-integer) counts"),
    ]
    for _ in range(2):
        n, m = (int(v) for v in rng.choice(np.arange(3, 8), size=2, replace=False))
        C = rng.integers(0, 9, size=(n, m)).astype(np.float64)
        C[0, 0] += 1.0
        out.append(case(C, label="random counts"))
    return out


def ppmi_bad_cases(rng):
    neg = rng.integers(0, 5, size=(3, 3)).astype(np.float64)
    neg[1, 2] = -1.0
    nan = np.ones((2, 3))
    nan[0, 1] = np.nan
    return [bad(neg, why="C has a negative count"), bad(np.zeros((3, 3)), why="C is all zeros: no co-occurrence"),
            bad(np.array([1.0, 2.0, 3.0]), why="C is 1-D"), bad(nan, why="C contains NaN")]


def _ppmi_parts(C):
    C = as_float(C)
    N, r, c = C.sum(), C.sum(axis=1, keepdims=True), C.sum(axis=0, keepdims=True)
    return C, N, r, c


def _ppmi_by(C, how):
    C, N, r, c = _ppmi_parts(C)
    with np.errstate(all="ignore"):
        if how == "naive":
            return np.maximum(np.log(C * N / (r * c)), 0.0)
        safe = np.where(C > 0, C, 1.0)
        rs, cs = np.where(r > 0, r, 1.0), np.where(c > 0, c, 1.0)
        if how == "pmi":
            value = np.log(safe * N / (rs * cs))
        elif how == "log2":
            value = np.log2(safe * N / (rs * cs))
        elif how == "no_total":
            value = np.log(safe / (rs * cs))
        elif how == "rows_only":
            value = np.log(safe * N / (rs * rs.T)) if C.shape[0] == C.shape[1] else None
            if value is None:
                raise NotThisMistake()
        elif how == "conditional":
            value = np.log(safe / rs)
        elif how == "no_log":
            value = safe * N / (rs * cs)
        else:
            raise ValueError(how)
        if how != "pmi":
            value = np.maximum(value, 0.0)
        return np.where(C > 0, value, 0.0)


def _ppmi_negative_accepted(C):
    C = as_float(C)
    if C.ndim != 2 or not np.isfinite(C).all() or not (C < 0).any() or C.sum() <= 0:
        raise NotThisMistake()
    return _ppmi_by(C, "naive")


PPMI_MISTAKES = (
    Mistake("the negative PMI values were kept: PPMI clips them at 0, max(0, PMI)", model=lambda C: _ppmi_by(C, "pmi")),
    Mistake("log2 was used: this course's PMI uses the natural log (np.log); log2 scales every value by 1/ln 2",
            model=lambda C: _ppmi_by(C, "log2")),
    Mistake("the total N = C.sum() is missing: PMI = log(C[w, c] N / (row_w col_c)), since "
            "p(w, c) / (p(w) p(c)) = (C/N) / ((row/N) (col/N))", model=lambda C: _ppmi_by(C, "no_total")),
    Mistake("the row sums were used for both marginals: p(c) comes from the column sums C.sum(axis=0) "
            "(the two differ when C is not symmetric)", model=lambda C: _ppmi_by(C, "rows_only")),
    Mistake("log p(c | w) = log(C[w, c] / row_w) is not PMI: divide by p(c) as well", model=lambda C: _ppmi_by(C, "conditional")),
    Mistake("the log is missing: PPMI is max(0, log of the ratio), not the ratio itself",
            model=lambda C: _ppmi_by(C, "no_log")),
    Mistake("an all-zero row or column gave NaN (0 / 0): PPMI is 0 wherever C is 0; compute it only where "
            "C > 0 (or use np.divide(..., where=...))", model=lambda C: _ppmi_by(C, "naive")),
    kept_dtype("the result kept float32: return float64"),
    Mistake("negative counts were accepted: counts are >= 0, raise ValueError naming C",
            model=on_invalid_input(_ppmi_negative_accepted)),
)


# ------------------------------------------------------------------ svd_embeddings


def spectrum_matrix(rng, n, m, singular_values):
    """An (n, m) matrix with the given (distinct) singular values and random singular vectors."""
    r = len(singular_values)
    U, _ = np.linalg.qr(rng.normal(size=(n, r)))
    W, _ = np.linalg.qr(rng.normal(size=(m, r)))
    return (U * np.asarray(singular_values, dtype=np.float64)) @ W.T


def svd_cases(rng):
    sym_basis, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    sym = (sym_basis * [5.0, 3.2, 2.1, 1.3, 0.7, 0.2]) @ sym_basis.T        # symmetric positive definite
    out = [
        case(spectrum_matrix(rng, 7, 5, [9.0, 6.0, 4.0, 2.5, 1.0]), 3, label="(7, 5), d = 3"),
        case(spectrum_matrix(rng, 4, 8, [5.0, 3.0, 2.0, 1.0]), 2, label="(4, 8): more columns than rows"),
        case(sym, 4, label="symmetric positive definite (6, 6), like a PPMI matrix"),
        case(spectrum_matrix(rng, 6, 6, [8.0, 5.0, 3.0, 2.0, 1.2, 0.5]), 6, label="square, not symmetric, d = 6"),
        case(spectrum_matrix(rng, 5, 3, [4.0, 2.0, 1.0]), 1, label="d = 1"),
        case(as_lists(np.round(spectrum_matrix(rng, 4, 3, [3.0, 2.0, 0.5]), 3)), 2, label="nested lists"),
        case(spectrum_matrix(rng, 5, 4, [6.0, 3.0, 1.5, 0.5]).astype(np.float32), 2, label="float32 matrix"),
    ]
    for _ in range(2):
        n, m = (int(v) for v in rng.choice(np.arange(3, 9), size=2, replace=False))
        r = min(n, m)
        values = np.sort(rng.uniform(0.5, 1.0, size=r) * (1.0 + np.arange(r))[::-1] * 2.0)[::-1]
        out.append(case(spectrum_matrix(rng, n, m, values), int(rng.integers(1, r + 1)), label="random"))
    return out


def svd_bad_cases(rng):
    M = spectrum_matrix(rng, 4, 3, [3.0, 2.0, 1.0])
    nan = M.copy()
    nan[1, 1] = np.nan
    return [bad(M, 0, why="d = 0 < 1"), bad(M, 4, why="d = 4 > min(M.shape) = 3"),
            bad(M, 2.0, why="d = 2.0 is a float"), bad(M[0], 1, why="M is 1-D"), bad(nan, 2, why="M contains NaN")]


def _fix_signs(E):
    idx = np.argmax(np.abs(E), axis=0)
    s = np.sign(E[idx, np.arange(E.shape[1])])
    return E * np.where(s == 0, 1.0, s)


def _svd_parts(M):
    return np.linalg.svd(as_float(M), full_matrices=False)


def _svd_by(M, d, how):
    U, s, Vt = _svd_parts(M)
    d = int(d)
    if how == "U":
        return _fix_signs(U[:, :d])
    if how == "sqrt":
        return _fix_signs(U[:, :d] * np.sqrt(s[:d]))
    if how == "V":
        return _fix_signs(Vt[:d].T * s[:d])
    if how == "smallest":
        return _fix_signs(U[:, ::-1][:, :d] * s[::-1][:d])
    if how == "reconstruction":
        return (U[:, :d] * s[:d]) @ Vt[:d]
    raise ValueError(how)


def _sign_only(c, got, exp):
    return (isinstance(got, np.ndarray) and isinstance(exp, np.ndarray) and got.shape == exp.shape
            and np.allclose(np.abs(got), np.abs(exp), rtol=1e-6, atol=1e-8) and not np.allclose(got, exp, atol=1e-8))


SVD_MISTAKES = (
    Mistake("some columns have the opposite sign: a singular vector is only defined up to its sign, so this "
            "course flips each column to make its entry of largest magnitude positive", test=_sign_only),
    Mistake("the singular values are missing: the embeddings are U_d diag(s_d), not U_d",
            model=lambda M, d: _svd_by(M, d, "U")),
    Mistake("U_d diag(sqrt(s_d)) (the symmetric split of Levy et al.): this function returns U_d diag(s_d)",
            model=lambda M, d: _svd_by(M, d, "sqrt")),
    Mistake("the right singular vectors were used (rows of Vt): the rows of M are the words, so their "
            "embeddings come from U", model=lambda M, d: _svd_by(M, d, "V")),
    Mistake("the d smallest singular values were kept (np.linalg.eigh sorts eigenvalues in increasing order): "
            "keep the d largest", model=lambda M, d: _svd_by(M, d, "smallest")),
    Mistake("the rank-d reconstruction U_d diag(s_d) V_d^T was returned: the embeddings are its first factor, "
            "shape (n, d)", model=lambda M, d: _svd_by(M, d, "reconstruction")),
    kept_dtype("the result kept float32: return float64"),
)


def _svd_any_d(M, d):
    M = as_float(M)
    if M.ndim != 2 or not np.isfinite(M).all() or isinstance(d, bool) or not isinstance(d, (int, np.integer)):
        raise NotThisMistake()
    if 1 <= d <= min(M.shape):
        raise NotThisMistake()
    U, s, _ = np.linalg.svd(M, full_matrices=False)
    return _fix_signs(U[:, :d] * s[:d]) if d >= 1 else np.zeros((M.shape[0], 0))


SVD_BAD_MISTAKES = (
    Mistake("d larger than min(M.shape) was accepted (slicing silently returns fewer columns): raise ValueError "
            "naming d", model=on_invalid_input(_svd_any_d)),
)


# --------------------------------------------------------------------- sgns


def sgns_problem(rng, V, d, B, k, scale=0.5, dtype=np.float64):
    W_in = (scale * table(rng, V, d)).astype(dtype)
    W_out = (scale * table(rng, V, d)).astype(dtype)
    return W_in, W_out, rng.integers(0, V, size=B), rng.integers(0, V, size=B), rng.integers(0, V, size=(B, k))


def huge_scores():
    """Scores of exactly +-800 (exp(800) overflows float64)."""
    W_in = np.array([[20.0, 0.0], [0.0, 20.0], [20.0, 20.0]])
    W_out = np.array([[40.0, 0.0], [-40.0, 0.0], [0.0, -40.0]])
    return W_in, W_out, np.array([0, 1, 0]), np.array([1, 2, 0]), np.array([[0, 2], [1, 0], [1, 1]])


def sgns_cases(rng):
    W_in, W_out, c, o, n = sgns_problem(rng, 6, 4, 5, 3)
    out = [
        case(W_in, W_out, c, o, n, label="V = 6, d = 4, B = 5, k = 3"),
        case(W_in, np.zeros_like(W_out), c, o, n, label="W_out = 0: every score is 0"),
        case(*sgns_problem(rng, 5, 3, 4, 1), label="k = 1 negative per pair"),
        case(W_in, W_out, np.array([2, 2, 2, 0]), np.array([1, 1, 3, 3]), np.array([[1, 4], [1, 1], [2, 2], [3, 5]]),
             label="repeated centers, contexts and negatives; a negative equal to the context"),
        case(*huge_scores(), label="scores of +-800: exp(800) overflows"),
        case(*(as_lists(a) for a in sgns_problem(rng, 4, 3, 3, 2)), label="nested lists"),
        case(*sgns_problem(rng, 5, 4, 3, 2, dtype=np.float32), label="float32 tables"),
        case(*sgns_problem(rng, 7, 5, 1, 4), label="a batch of one"),
    ]
    for _ in range(2):
        V, d, B = (int(v) for v in rng.choice(np.arange(3, 10), size=3, replace=False))
        out.append(case(*sgns_problem(rng, V, d, B, int(rng.integers(1, 6)), scale=1.5), label="random"))
    return out


def sgns_bad_cases(rng):
    W_in, W_out, c, o, n = sgns_problem(rng, 5, 3, 4, 2)
    return [
        bad(W_in, W_out, c, o[:3], n, why="contexts has 3 ids but centers has 4"),
        bad(W_in, W_out, c, o, n[:, 0], why="negatives is 1-D, not (B, k)"),
        bad(W_in, W_out[:, :2], c, o, n, why="W_out has width 2 but W_in has width 3"),
        bad(W_in, W_out, np.array([0, 1, 5, 2]), o, n, why="centers contains 5 = V", errors=ID_ERRORS),
        bad(W_in, W_out, c, o, np.array([[0, 1], [-1, 2], [3, 4], [0, 0]]), why="negatives contains -1",
            errors=ID_ERRORS),
        bad(W_in, W_out, c.astype(np.float64), o, n, why="centers has a float dtype"),
    ]


def _parts(W_in, W_out, centers, contexts, negatives, *, swap=False, one_table=False):
    W_in, W_out = as_float(W_in), as_float(W_out)
    centers, contexts, negatives = np.asarray(centers), np.asarray(contexts), np.asarray(negatives)
    if swap:
        centers, contexts = contexts, centers
    if one_table:
        W_out = W_in
    v, u_pos, u_neg = W_in[centers], W_out[contexts], W_out[negatives]
    return v, u_pos, u_neg, np.einsum("bd,bd->b", u_pos, v), np.einsum("bkd,bd->bk", u_neg, v)


def _validated(model):
    """A mistake in the maths, made by a student who validates the ids: invalid input raises."""
    def run(*args):
        ref.sgns_loss(*args)
        return model(*args)
    return run


def _loss(*args, naive=False, neg_sign=1.0, reduce="mean", neg_reduce="sum", use_neg=True, **kw):
    v, u_pos, u_neg, s_pos, s_neg = _parts(*args, **kw)
    if naive:
        pos = -np.log(1.0 / (1.0 + np.exp(-s_pos)))
        neg = -np.log(1.0 / (1.0 + np.exp(neg_sign * s_neg)))
    else:
        pos = np.logaddexp(0.0, -s_pos)
        neg = np.logaddexp(0.0, neg_sign * s_neg)
    per = pos + ((neg.sum(axis=1) if neg_reduce == "sum" else neg.mean(axis=1)) if use_neg else 0.0)
    if reduce == "none":
        return per
    return float(per.sum() if reduce == "sum" else per.mean())


def _loss_wrapping(*args):
    try:
        ref.sgns_loss(*args)
    except ValueError as err:
        if "must be >= 0" not in str(err) and "must be < V" not in str(err):
            raise NotThisMistake() from None
    else:
        raise NotThisMistake()
    return _loss(*args)


LOSS_MISTAKES = (
    Mistake("overflow: -log(1 / (1 + exp(-s))) is inf when exp(-s) overflows (s = -800); use "
            "-log sigma(s) = np.logaddexp(0, -s)", model=_validated(lambda *a: _loss(*a, naive=True))),
    Mistake("the negatives' sign is flipped: a negative context should get a LOW score, so its term is "
            "-log sigma(-u_j . v_c)", model=_validated(lambda *a: _loss(*a, neg_sign=-1.0))),
    Mistake("summed over the batch: the loss is the mean over the B pairs", model=_validated(lambda *a: _loss(*a, reduce="sum"))),
    Mistake("averaged over the k negatives: their terms are summed, and only the batch is averaged",
            model=_validated(lambda *a: _loss(*a, neg_reduce="mean"))),
    Mistake("the negative samples were left out: each pair's loss has k + 1 terms",
            model=_validated(lambda *a: _loss(*a, use_neg=False))),
    Mistake("W_in was used for the contexts too: contexts and negatives are rows of W_out",
            model=_validated(lambda *a: _loss(*a, one_table=True))),
    Mistake("centers and contexts were swapped: v = W_in[centers], u = W_out[contexts]",
            model=_validated(lambda *a: _loss(*a, swap=True))),
    Mistake("returned one loss per pair: the loss is their mean, a single float",
            model=_validated(lambda *a: _loss(*a, reduce="none"))),
    Mistake("ids out of range were not rejected (a negative id wraps around to the last row): raise "
            "ValueError naming the ids", model=on_invalid_input(_loss_wrapping)),
)


def _grads(*args, pos_minus_one=True, scale=True, neg_in=True, order="in_out", sign=1.0, lost=False,
           nan_sigmoid=False):
    v, u_pos, u_neg, s_pos, s_neg = _parts(*args)
    W_in, centers, contexts, negatives = as_float(args[0]), np.asarray(args[2]), np.asarray(args[3]), np.asarray(args[4])
    B = len(centers)

    def sig(x):
        if nan_sigmoid:
            e = np.exp(x)
            return e / (1.0 + e)
        return np.exp(-np.logaddexp(0.0, -x))

    g_pos = sig(s_pos) - (1.0 if pos_minus_one else 0.0)
    g_neg = sig(s_neg)
    if scale:
        g_pos, g_neg = g_pos / B, g_neg / B
    dv = g_pos[:, None] * u_pos + (np.einsum("bk,bkd->bd", g_neg, u_neg) if neg_in else 0.0)
    d_in, d_out = np.zeros_like(W_in), np.zeros_like(W_in)
    if lost:
        d_in[centers] += dv
        d_out[contexts] += g_pos[:, None] * v
        d_out[negatives] += g_neg[:, :, None] * v[:, None, :]
    else:
        np.add.at(d_in, centers, dv)
        np.add.at(d_out, contexts, g_pos[:, None] * v)
        np.add.at(d_out, negatives, g_neg[:, :, None] * v[:, None, :])
    d_in, d_out = sign * d_in, sign * d_out
    return (d_out, d_in) if order == "out_in" else (d_in, d_out)


def _grads_validated(**kw):
    return _validated(lambda *a: _grads(*a, **kw))


GRAD_MISTAKES = (
    Mistake("repeated ids lost their gradients: dW[ids] += g adds only once per distinct id; use np.add.at so "
            "that a word that occurs twice in the batch (or is drawn twice as a negative) gets both updates",
            model=_grads_validated(lost=True)),
    Mistake("the true context's coefficient is sigma(s): the derivative of -log sigma(s) is sigma(s) - 1 "
            "(negative: it pulls the pair together)", model=_grads_validated(pos_minus_one=False)),
    Mistake("the batch mean is missing: the loss is a mean over the B pairs, so every gradient carries 1/B",
            model=_grads_validated(scale=False)),
    Mistake("the tuple is in the wrong order: return (dW_in, dW_out)", model=_grads_validated(order="out_in")),
    Mistake("dW_in lacks the negatives' terms: v_c enters every score of its pair, so its gradient is "
            "(sigma(s_o) - 1) u_o + sum_j sigma(s_j) u_j", model=_grads_validated(neg_in=False)),
    Mistake("the sign is flipped: these are the gradients of the loss (a descent step subtracts them)",
            model=_grads_validated(sign=-1.0)),
    Mistake("sigma(s) = exp(s) / (1 + exp(s)) is inf / inf = NaN for large scores: use "
            "1 / (1 + exp(-s)) for s >= 0 or np.exp(-np.logaddexp(0, -s))", model=_grads_validated(nan_sigmoid=True)),
    Mistake("return a tuple (dW_in, dW_out) of two float64 arrays", test=lambda c, got, exp: isinstance(got, list)),
)


SPECS = specs_by_name(
    Spec("learned_shapes", "learned_shapes", ref.learned_shapes, shape_cases, seed=1101, mistakes=SHAPE_MISTAKES),
    Spec("learned_shapes_invalid", "learned_shapes", ref.learned_shapes, shape_bad_cases, seed=1102),
    Spec("cooccurrence_counts_values", "cooccurrence_counts", ref.cooccurrence_counts, cooc_cases, seed=1111,
         mistakes=COOC_MISTAKES),
    Spec("cooccurrence_counts_invalid", "cooccurrence_counts", ref.cooccurrence_counts, cooc_bad_cases, seed=1112,
         mistakes=only_where_wrong(ref.cooccurrence_counts, *COOC_MISTAKES)),
    Spec("ppmi_values", "ppmi", ref.ppmi, ppmi_cases, seed=1121, mistakes=PPMI_MISTAKES),
    Spec("ppmi_invalid", "ppmi", ref.ppmi, ppmi_bad_cases, seed=1122,
         mistakes=only_where_wrong(ref.ppmi, *PPMI_MISTAKES)),
    Spec("svd_embeddings_values", "svd_embeddings", ref.svd_embeddings, svd_cases, seed=1131, mistakes=SVD_MISTAKES,
         atol=1e-8),
    Spec("svd_embeddings_invalid", "svd_embeddings", ref.svd_embeddings, svd_bad_cases, seed=1132,
         mistakes=SVD_BAD_MISTAKES),
    Spec("sgns_loss_values", "sgns_loss", ref.sgns_loss, sgns_cases, seed=1141, mistakes=LOSS_MISTAKES),
    Spec("sgns_loss_invalid", "sgns_loss", ref.sgns_loss, sgns_bad_cases, seed=1142,
         mistakes=only_where_wrong(ref.sgns_loss, *LOSS_MISTAKES)),
    Spec("sgns_grads_values", "sgns_grads", ref.sgns_grads, sgns_cases, seed=1151, mistakes=GRAD_MISTAKES),
    Spec("sgns_grads_invalid", "sgns_grads", ref.sgns_grads, sgns_bad_cases, seed=1152,
         mistakes=only_where_wrong(ref.sgns_grads, *GRAD_MISTAKES)),
)
