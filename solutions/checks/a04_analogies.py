"""Hidden checks for 04_analogies.

Ties: "ties go to the smaller id" is only tested on tables whose entries,
norms and 3CosAdd target are dyadic (multiples of powers of two with norms
that are powers of two), so every route to the cosines (a BLAS matrix-vector
product, einsum, a Python loop, with or without dividing by the norms) gives
exactly equal scores to exactly equal rows. Random tables have no ties: a
matrix-vector product may round two equal rows differently in the last bit,
and a correct student must not lose points to that.
"""
from __future__ import annotations

import numpy as np

from .. import a04_analogies as ref
from .harness import as_float, ID_ERRORS, Mistake, Spec, as_lists, bad, case, specs_by_name, table


def _unit(E):
    E = as_float(E)
    n = np.linalg.norm(E, axis=1)
    return E / np.where(n > 0, n, 1.0)[:, None]


def varied(rng, V, d):
    """A random table whose row norms differ by up to a factor 16 (so cosine and dot product disagree)."""
    return table(rng, V, d) * (2.0 ** rng.integers(-2, 3, size=V))[:, None]


def distinct_ids(rng, V, n=3):
    return [int(i) for i in rng.choice(V, size=n, replace=False)]


# ------------------------------------------------------------------ analogy_shapes

def shape_cases(rng):
    out = [case(44, 20, 9, label="the notebook's vocabulary and its 9 gender pairs"),
           case(30522, 384, 6, label="MiniLM's table, 6 pairs"),
           case(10, 4, 2, label="two pairs: one cosine, two questions"),
           case(np.int64(12), np.int32(5), np.int64(3), label="numpy integer sizes")]
    for _ in range(3):
        V, d, n = (int(v) for v in rng.choice(np.arange(3, 40), size=3, replace=False))
        out.append(case(V, d, n, label="random sizes"))
    return out


def shape_bad_cases(rng):
    return [bad(0, 4, 3, why="V = 0 < 1"), bad(10, -2, 3, why="d = -2 < 1"),
            bad(10, 4, 1, why="n_pairs = 1: offset consistency needs at least 2 pairs"),
            bad(10, 4, 0, why="n_pairs = 0 < 2")]


def _shapes_with(**changes):
    def model(V, d, n_pairs):
        out = ref.analogy_shapes(V, d, n_pairs)
        n = int(n_pairs)
        V, d = int(V), int(d)
        values = {"n2": (n * n,), "ordered": (n * (n - 1),), "with_diag": (n * (n + 1) // 2,),
                  "quads_unordered": (n * (n - 1) // 2, 4), "quads_all": (n * n, 4), "target_V": (V,),
                  "target_row": (1, d), "scores_cand": (V - 3,), "offsets_T": (d, n)}
        out.update({key: values[v] for key, v in changes.items()})
        return out
    return model


SHAPE_MISTAKES = (
    Mistake("offset_cosines counted ordered pairs (i, j) and (j, i) separately: the mean is over distinct "
            "unordered pairs i < j, n(n-1)/2 of them", model=_shapes_with(offset_cosines="ordered")),
    Mistake("offset_cosines included i == j (an offset with itself always has cosine 1): pairs i < j only, "
            "n(n-1)/2", model=_shapes_with(offset_cosines="with_diag")),
    Mistake("offset_cosines has n*n entries (every ordered pair and i == j): pairs i < j only, n(n-1)/2",
            model=_shapes_with(offset_cosines="n2")),
    Mistake("quads counted unordered pairs of pairs: (x1, y1, x2, y2) and (x2, y2, x1, y1) are two different "
            "questions, so n(n-1) quads", model=_shapes_with(quads="quads_unordered")),
    Mistake("quads paired a pair with itself (x, y, x, y): its answer y would be excluded as b; "
            "n(n-1) quads of two different pairs", model=_shapes_with(quads="quads_all")),
    Mistake("the target u[b] - u[a] + u[c] is one vector of width d: shape (d,)",
            model=_shapes_with(target="target_V")),
    Mistake("the target is a 1-D vector (d,), not a (1, d) row", model=_shapes_with(target="target_row")),
    Mistake("scores has V - 3 entries: every row gets a score, shape (V,); a, b and c are set aside "
            "afterwards (and there may be fewer than 3 distinct ids)", model=_shapes_with(scores="scores_cand")),
    Mistake("offsets has shape (d, n): one offset row E[y] - E[x] per pair, (n_pairs, d)",
            model=_shapes_with(offsets="offsets_T")),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())),
)


# ------------------------------------------------------------------------ analogy
# Models of mistaken implementations (each returns what the mistaken code returns).

def _rank(scores, k, excluded=()):
    scores = np.array(scores, dtype=np.float64)
    scores[list(excluded)] = -np.inf
    return np.argsort(-scores, kind="stable")[: int(k)].astype(np.int64)


def _cos(U, t):
    n = np.linalg.norm(t)
    return np.zeros(len(U)) if n == 0 else (U * (t / n)).sum(axis=1)


def _no_exclusion(E, a, b, c, k=1):
    U = _unit(E)
    return _rank(_cos(U, U[b] - U[a] + U[c]), k)


def _swapped(E, a, b, c, k=1):
    U = _unit(E)
    return _rank(_cos(U, U[a] - U[b] + U[c]), k, (a, b, c))


def _forgot_c(E, a, b, c, k=1):
    U = _unit(E)
    return _rank(_cos(U, U[b] - U[a]), k, (a, b, c))


def _dot(E, a, b, c, k=1):
    U = _unit(E)
    return _rank(as_float(E) @ (U[b] - U[a] + U[c]), k, (a, b, c))


def _raw_target(E, a, b, c, k=1):
    E = as_float(E)
    return _rank(_cos(_unit(E), E[b] - E[a] + E[c]), k, (a, b, c))


def _raw_dot(E, a, b, c, k=1):
    E = as_float(E)
    return _rank(E @ (E[b] - E[a] + E[c]), k, (a, b, c))


def _larger_ties(E, a, b, c, k=1):
    U = _unit(E)
    scores = _cos(U, U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(scores, kind="stable")[::-1][: int(k)].astype(np.int64)


def _unstable(E, a, b, c, k=1):
    U = _unit(E)
    scores = _cos(U, U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores)[: int(k)].astype(np.int64)


def _ascending(E, a, b, c, k=1):
    U = _unit(E)
    scores = _cos(U, U[b] - U[a] + U[c])
    scores[[a, b, c]] = np.inf
    return np.argsort(scores, kind="stable")[: int(k)].astype(np.int64)


def _zero_for_excluded(E, a, b, c, k=1):
    U = _unit(E)
    scores = _cos(U, U[b] - U[a] + U[c])
    scores[[a, b, c]] = 0.0
    return _rank(scores, k)


def _skip_three(E, a, b, c, k=1):
    U = _unit(E)
    order = _rank(_cos(U, U[b] - U[a] + U[c]), len(U))
    return order[3: 3 + int(k)]


def _by_vector(E, a, b, c, k=1):
    E = as_float(E)
    U = _unit(E)
    same = [i for i in range(len(E)) if any(np.array_equal(E[i], E[j]) for j in (a, b, c))]
    scores = _cos(U, U[b] - U[a] + U[c])
    scores[same] = -np.inf
    return np.argsort(-scores, kind="stable")[: int(k)].astype(np.int64)


def _nan_rows(E, a, b, c, k=1):
    E = as_float(E)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    t = U[b] - U[a] + U[c]
    scores = U @ t / np.linalg.norm(t)
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[: int(k)].astype(np.int64)


def _k_limit_v3(E, a, b, c, k=1):
    if k > len(as_float(E)) - 3:
        raise ValueError("k too large")
    return ref.analogy(E, a, b, c, k)


def _k_against_v(E, a, b, c, k=1):
    U = _unit(E)
    return _rank(_cos(U, U[b] - U[a] + U[c]), k, (a, b, c))


ANALOGY_MISTAKES = (
    Mistake("one of the query words a, b, c was returned: exclude a, b and c from the candidates "
            "(3CosAdd as in word2vec and gensim)", model=_no_exclusion),
    Mistake("the target was u[a] - u[b] + u[c]: 'a is to b as c is to ?' moves c by the offset from a to b, "
            "target = u[b] - u[a] + u[c]", model=_swapped),
    Mistake("the target was u[b] - u[a] without + u[c]", model=_forgot_c),
    Mistake("no normalisation at all: raw target E[b] - E[a] + E[c] ranked by dot product; 3CosAdd "
            "uses unit rows u and ranks by cosine", model=_raw_dot),
    Mistake("candidates were ranked by dot product with the raw rows (E @ target): rank by cosine, which "
            "ignores the length of each row", model=_dot),
    Mistake("the target was built from raw rows E[b] - E[a] + E[c]: normalise the rows first, "
            "target = u[b] - u[a] + u[c] (it differs when the rows have different norms)", model=_raw_target),
    Mistake("ties go to the larger id (argsort ascending then reversed?): equal scores must keep the "
            "smaller id first, e.g. np.argsort(-scores, kind='stable')", model=_larger_ties),
    Mistake("equal scores came out in no fixed order: np.argsort's default sort is not stable; "
            "use np.argsort(-scores, kind='stable') so ties keep the smaller id first", model=_unstable),
    Mistake("the ids come in ascending order of cosine: the most similar comes first", model=_ascending),
    Mistake("the excluded ids a, b, c were given score 0 and come back when other candidates score below 0: "
            "remove them (e.g. score -inf)", model=_zero_for_excluded),
    Mistake("skipped the first 3 results instead of excluding the ids a, b and c (they are not always "
            "the top 3)", model=_skip_three),
    Mistake("excluded every row equal to the rows of a, b or c: exclude the ids a, b and c only; another "
            "token with the same vector is still a candidate", model=_by_vector),
    Mistake("a zero row (or a zero target) gave NaN cosines: the cosine with a zero vector is 0.0",
            model=_nan_rows),
    Mistake("k was limited to V - 3: with repeated ids among a, b, c there are V minus the number of "
            "distinct ids candidates", model=_k_limit_v3),
)

ANALOGY_INVALID_MISTAKES = (
    Mistake("a negative id wrapped around to the last rows (numpy reads E[-1] as the last row): "
            "check 0 <= id < V and raise", model=lambda E, a, b, c, k=1: ref.analogy(
                E, *(int(v) % len(as_float(E)) if isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                     else v for v in (a, b, c)), k)),
    Mistake("k was checked against V, not against the V - (distinct ids among a, b, c) candidates: "
            "with more, an excluded id is returned", model=_k_against_v),
)


def tie_table():
    """Dyadic rows: with a, b, c = 0, 1, 2 the target is (0, 0, -1/2, -1/2, 1/2, 1/2, 0, 0), of norm 1.

    Scores: 1 for ids 3, 5, 9 (5 is 3 scaled by 2, 9 an exact copy); 1/2 for ids 6, 7, 12, 14
    (14 is a copy of b); 0 for 4, 8 (a zero row) and 11; -1/2 for 13; -1 for 10.
    """
    return np.array([
        [1, 1, 1, 1, 0, 0, 0, 0], [2, 2, -2, -2, 0, 0, 0, 0], [0, 0, 1, 1, 1, 1, 0, 0],
        [0, 0, -1, -1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0, 3, 1], [0, 0, -2, -2, 2, 2, 0, 0],
        [0, 0, 0, 0, 2, 0, 0, 0], [0, 0, -4, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, -1, -1, 1, 1, 0, 0], [0, 0, 1, 1, -1, -1, 0, 0], [1, -1, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, -1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0], [2, 2, -2, -2, 0, 0, 0, 0]], dtype=np.float64)


def gender_table(rng, noise=0.1):
    """A small vocabulary with a gender and a royalty direction (the notebook's recipe, d = 8).

    Ids: 0 man, 1 woman, 2 king, 3 queen, 4 boy, 5 girl, 6 prince, 7 princess, 8.. fillers.
    Female rows are longer than male rows (base + gender), so a dot product ranks differently.
    """
    d = 8
    g, r = np.eye(d)[0] * 1.5, np.eye(d)[1]
    man, boy = rng.normal(size=d) / np.sqrt(d), rng.normal(size=d) / np.sqrt(d)
    rows = [man, man + g, man + r, man + g + r, boy, boy + g, boy + r, boy + g + r]
    rows += list(rng.normal(size=(6, d)) * 0.8)
    E = np.array(rows) + noise * rng.normal(size=(len(rows), d))
    return np.round(E, 3)


def analogy_cases(rng):
    G = gender_table(rng)
    out = [
        case(G, 0, 2, 1, label="man : king :: woman : ? (id 3 is queen)"),
        case(G, 0, 1, 2, k=3, label="man : woman :: king : ?, top 3"),
        case(G, 4, 6, 5, k=5, label="boy : prince :: girl : ?, top 5"),
        case(as_lists(G), 2, 3, 6, label="nested lists: king : queen :: prince : ?"),
        case(G.astype(np.float32), np.int32(0), np.int64(2), np.int32(5), k=np.int64(2),
             label="float32 table, numpy integer ids and k"),
    ]
    for V, d in ((9, 6), (14, 7), (23, 10), (31, 12)):
        E = varied(rng, V, d)
        a, b, c = distinct_ids(rng, V)
        out.append(case(E, a, b, c, k=int(rng.integers(1, 6)), label=f"random ({V}, {d}), norms differ"))
    E = varied(rng, 12, 6)
    out.append(case(E, 3, 7, 10, k=9, label="every candidate (k = V - 3)"))
    return out


def exclusion_cases(rng):
    T = tie_table()
    E = varied(rng, 10, 6)
    E_dup = E.copy()
    E_dup[9] = E_dup[4]          # a copy of b at a larger id
    E_near = varied(rng, 11, 6)
    E_near[5] = E_near[2] + 0.01 * E_near[8]   # b sits right next to c
    return [
        case(T, 0, 1, 2, k=12, label="exact ties (ids 3, 5, 9 score 1; 6, 7, 12, 14 score 1/2), a zero row, "
                                    "every candidate"),
        case(T, 0, 1, 2, k=4, label="exact ties, top 4"),
        case(T, 3, 3, 8, k=5, label="a == b and c a zero row: the target is 0, every cosine is 0"),
        case(T, 4, 9, 4, k=13, label="a == c: the target is u[b]; 13 = V - 2 candidates"),
        case(T, 10, 10, 10, k=14, label="a == b == c: 14 = V - 1 candidates"),
        case(E_dup, 1, 4, 6, k=3, label="id 9 is a copy of b = 4: it is a candidate"),
        case(E_near, 8, 5, 2, k=3, label="b and c point almost the same way"),
        case(as_lists(T), 0, 6, 12, k=6, label="nested lists, exact ties (the target has norm 2)"),
        case(np.vstack([T, T[3:], T[3:]]), 0, 1, 2, k=20,
             label="39 rows: rows 15.. are copies of rows 3..14, so every score is tied 3 times"),
    ]


def analogy_bad_cases(rng):
    E = table(rng, 8, 6)
    return [
        bad(E, -1, 2, 3, why="a = -1 is negative", errors=ID_ERRORS),
        bad(E, 1, 8, 3, why="b = 8 = V", errors=ID_ERRORS),
        bad(E, 1, 2, 3.0, why="c = 3.0 is a float"),
        bad(E, True, 2, 3, why="a = True is a bool"),
        bad(E, 1, 2, 3, k=0, why="k = 0 < 1"),
        bad(E, 1, 2, 3, k=6, why="k = 6 > V - 3 = 5 candidates"),
        bad(E, 1, 2, 1, k=7, why="k = 7 > V - 2 = 6 candidates (a == c)"),
        bad(E[0], 1, 2, 3, why="E is 1-D, not a (V, d) table"),
    ]


# ------------------------------------------------------------ offset_consistency

def _offsets(E, pairs):
    E, P = as_float(E), np.asarray(pairs)
    return E[P[:, 1]] - E[P[:, 0]]


def _cos_matrix(O):
    U = _unit(O)
    return U @ U.T


def _with_diagonal(E, pairs):
    return float(_cos_matrix(_offsets(E, pairs)).mean())


def _double_counted(E, pairs):
    C = _cos_matrix(_offsets(E, pairs))
    n = len(C)
    return float((C.sum() - np.trace(C)) / (n * (n - 1) / 2))


def _normalised_rows(E, pairs):
    U = _unit(E)
    P = np.asarray(pairs)
    C = _cos_matrix(U[P[:, 1]] - U[P[:, 0]])
    return float(C[np.triu_indices(len(C), 1)].mean())


def _sorted_pairs(E, pairs):
    return ref.offset_consistency(E, np.sort(np.asarray(pairs), axis=1))


def _dot_offsets(E, pairs):
    O = _offsets(E, pairs)
    return float((O @ O.T)[np.triu_indices(len(O), 1)].mean())


def _with_mean_offset(E, pairs):
    O = _unit(_offsets(E, pairs))
    m = _unit(_offsets(E, pairs).mean(axis=0)[None])[0]
    return float(np.mean(O @ m))


def _nan_zero_offset(E, pairs):
    O = _offsets(E, pairs)
    U = O / np.linalg.norm(O, axis=1, keepdims=True)
    return float((U @ U.T)[np.triu_indices(len(O), 1)].mean())


def _abs_offsets(E, pairs):
    O = np.abs(_offsets(E, pairs))
    return float(_cos_matrix(O)[np.triu_indices(len(O), 1)].mean())


def _one_pair_nan(E, pairs):
    P = np.asarray(pairs)
    if P.ndim == 2 and len(P) == 1:
        return float("nan")
    return ref.offset_consistency(E, pairs)


CONSISTENCY_MISTAKES = (
    Mistake("the mean included i == j (each offset with itself, cosine 1): average over pairs i < j only",
            model=_with_diagonal),
    Mistake("every pair was counted twice ((i, j) and (j, i)) but divided by n(n-1)/2: the mean over pairs "
            "i < j divides their sum by their number", model=_double_counted),
    Mistake("normalised the rows of E before taking offsets: the offsets are the raw E[y] - E[x]",
            model=_normalised_rows),
    Mistake("the offset of a pair was not always E[y] - E[x] (second minus first): pairs were sorted or "
            "reversed for some pairs", model=_sorted_pairs),
    Mistake("averaged dot products of the offsets: average their cosines", model=_dot_offsets),
    Mistake("a zero offset (two equal rows) gave NaN: its cosine with anything is 0.0", model=_nan_zero_offset),
    Mistake("compared each offset with the mean offset: average the cosines of all pairs of offsets i < j",
            model=_with_mean_offset),
    Mistake("took the absolute value of the offsets: the sign says which way the relation goes",
            model=_abs_offsets),
)

CONSISTENCY_INVALID_MISTAKES = (
    Mistake("fewer than 2 pairs: with one pair there is no pair of offsets to compare; raise ValueError "
            "instead of returning nan or a number", model=_one_pair_nan),
)


def consistency_cases(rng):
    G = gender_table(rng, noise=0.3)
    gender = [(0, 1), (2, 3), (4, 5), (6, 7)]
    E = varied(rng, 10, 6)
    E_eq = E.copy()
    E_eq[7] = E_eq[2]
    out = [
        case(G, gender, label="gender pairs (man, woman), (king, queen), ... as a list of tuples"),
        case(G, np.array([(2, 0), (3, 1), (6, 4), (7, 5)]), label="royalty pairs, reversed (king, man), ..."),
        case(G, np.array([(0, 2), (5, 1), (6, 4), (3, 7)]), label="pairs with x > y and x < y mixed"),
        case(E, [(0, 3), (8, 1)], label="two pairs: a single cosine"),
        case(E_eq, [(2, 7), (1, 5), (4, 0)], label="rows 2 and 7 are equal: a zero offset"),
        case(E_eq, [(3, 3), (1, 5), (9, 6), (0, 8)], label="a pair (x, x): a zero offset"),
        case(E.astype(np.float32), np.array([[1, 2], [3, 4], [5, 6]], dtype=np.int32),
             label="float32 table, int32 pairs"),
        case(as_lists(E), [[9, 0], [2, 8], [6, 1], [5, 3]], label="nested lists"),
    ]
    for V, d, n in ((12, 6, 5), (20, 9, 7), (16, 7, 3)):
        E = varied(rng, V, d)
        pairs = rng.choice(V, size=(n, 2), replace=False)
        out.append(case(E, pairs, label=f"random ({V}, {d}), {n} pairs"))
    return out


def consistency_bad_cases(rng):
    E = table(rng, 7, 6)
    return [
        bad(E, [(0, 1)], why="a single pair: nothing to compare"),
        bad(E, np.array([[0, 1, 2], [3, 4, 5]]), why="pairs has 3 columns"),
        bad(E, np.array([0, 1, 2, 3]), why="pairs is 1-D"),
        bad(E, np.array([[0.0, 1.0], [2.0, 3.0]]), why="pairs has a float dtype"),
        bad(E, [(0, 1), (-1, 2)], why="pairs contains -1", errors=ID_ERRORS),
        bad(E, [(0, 1), (2, 7)], why="pairs contains 7 = V", errors=ID_ERRORS),
        bad(E[0], [(0, 1), (2, 3)], why="E is 1-D"),
    ]


# --------------------------------------------------------------- analogy_accuracy

def quads_of(pairs):
    return [(x1, y1, x2, y2) for i, (x1, y1) in enumerate(pairs) for j, (x2, y2) in enumerate(pairs) if i != j]


def topk_accuracy(E, quads, k):
    Q = np.asarray(quads)
    return sum(int(d in ref.analogy(E, a, b, c, k)) for a, b, c, d in Q.tolist()) / len(Q)


def _top_k(c, got, expected):
    if not isinstance(got, (float, np.floating)) or not isinstance(expected, float):
        return False
    E, quads = c.args[0], c.args[1]
    return any(np.isclose(float(got), topk_accuracy(E, quads, k)) and not np.isclose(float(got), expected)
               for k in range(2, 6))


def _acc_with(model):
    def accuracy(E, quads):
        Q = np.asarray(quads)
        return sum(int(model(E, a, b, c, 1)[0] == d) for a, b, c, d in Q.tolist()) / len(Q)
    return accuracy


def _count(E, quads):
    Q = np.asarray(quads)
    return sum(int(ref.analogy(E, a, b, c)[0] == d) for a, b, c, d in Q.tolist())


def _percent(E, quads):
    return 100.0 * ref.analogy_accuracy(E, quads)


ACCURACY_MISTAKES = (
    Mistake("counted a hit when d is among the top few answers: analogy_accuracy is top-1, "
            "analogy(E, a, b, c)[0] == d", test=_top_k),
    Mistake("the analogy did not exclude a, b and c (one of the query words was returned)",
            model=_acc_with(_no_exclusion)),
    Mistake("the analogy used the target u[a] - u[b] + u[c]: it is u[b] - u[a] + u[c]", model=_acc_with(_swapped)),
    Mistake("the analogy ranked by dot product, not cosine", model=_acc_with(_dot)),
    Mistake("the analogy built its target from raw rows E[b] - E[a] + E[c] instead of unit rows",
            model=_acc_with(_raw_target)),
    Mistake("returned the number of hits: return the fraction, hits / len(quads)", model=_count),
    Mistake("returned a percentage: return the fraction in [0, 1]", model=_percent),
)


def accuracy_cases(rng):
    G = gender_table(rng, noise=0.25)
    gender, royalty = [(0, 1), (2, 3), (4, 5), (6, 7)], [(0, 2), (1, 3), (4, 6), (5, 7)]
    mixed = [(0, 9), (8, 3), (10, 5), (12, 13)]
    E = varied(rng, 12, 6)
    out = [
        case(G, quads_of(gender), label="12 gender questions, a list of tuples"),
        case(G, np.array(quads_of(royalty)), label="12 royalty questions"),
        case(G, np.array(quads_of(mixed), dtype=np.int32), label="pairs with no shared offset, int32"),
        case(G.astype(np.float32), quads_of(gender)[:5] + quads_of(mixed)[:5], label="float32, mixed questions"),
        case(G, [(0, 2, 1, 3)], label="a single question"),
        case(as_lists(E), [(0, 1, 2, 3), (4, 5, 6, 7), (8, 9, 10, 11), (0, 3, 6, 9)], label="nested lists"),
    ]
    T = tie_table()
    out.append(case(T, [(0, 1, 2, 3), (0, 1, 2, 5), (0, 1, 2, 9), (0, 1, 2, 0), (3, 3, 8, 0), (3, 3, 8, 1)],
                    label="exact ties: the smaller id wins"))
    for V, d in ((15, 6), (24, 9)):
        E = varied(rng, V, d)
        out.append(case(E, rng.choice(V, size=(8, 4), replace=True), label=f"random ({V}, {d})"))
    return out


def accuracy_bad_cases(rng):
    E = table(rng, 8, 6)
    return [
        bad(E, [], why="no quads"),
        bad(E, np.zeros((0, 4), dtype=np.int64), why="no quads (an empty (0, 4) array)"),
        bad(E, [(0, 1, 2)], why="a quad of 3 ids"),
        bad(E, [(0, 1, 2, 3), (0, 1, 2, 8)], why="d = 8 = V", errors=ID_ERRORS),
        bad(E, [(0, 1, 2, 3), (-1, 1, 2, 3)], why="a = -1", errors=ID_ERRORS),
        bad(E, np.array([[0.0, 1.0, 2.0, 3.0]]), why="quads has a float dtype"),
        bad(E[0], [(0, 1, 2, 3)], why="E is 1-D"),
    ]


def _accuracy_no_check_empty(E, quads):
    Q = np.asarray(quads)
    if Q.size == 0:
        return 0.0
    return ref.analogy_accuracy(E, quads)


def _d_unchecked(c, got, expected):
    Q = np.asarray(c.args[1])
    return Q.ndim == 2 and Q.shape[1:] == (4,) and Q.dtype.kind in "iu" and bool((Q[:, 3] >= len(c.args[0])).any())


ACCURACY_INVALID_MISTAKES = (
    Mistake("no quads: an accuracy over zero questions is undefined; raise ValueError",
            model=_accuracy_no_check_empty),
    Mistake("the answer id d was not checked: 0 <= d < V like a, b and c", test=_d_unchecked),
)


SPECS = specs_by_name(
    Spec("analogy_shapes", "analogy_shapes", ref.analogy_shapes, shape_cases, seed=401,
         mistakes=SHAPE_MISTAKES),
    Spec("analogy_shapes_invalid", "analogy_shapes", ref.analogy_shapes, shape_bad_cases, seed=402,
         mistakes=SHAPE_MISTAKES),
    Spec("analogy_values", "analogy", ref.analogy, analogy_cases, seed=411,
         mistakes=ANALOGY_MISTAKES),
    Spec("analogy_exclusion_and_ties", "analogy", ref.analogy, exclusion_cases, seed=412,
         mistakes=ANALOGY_MISTAKES),
    Spec("analogy_invalid", "analogy", ref.analogy, analogy_bad_cases, seed=413,
         mistakes=ANALOGY_INVALID_MISTAKES + ANALOGY_MISTAKES),
    Spec("offset_consistency_values", "offset_consistency", ref.offset_consistency, consistency_cases, seed=421,
         mistakes=CONSISTENCY_MISTAKES),
    Spec("offset_consistency_invalid", "offset_consistency", ref.offset_consistency, consistency_bad_cases,
         seed=422, mistakes=CONSISTENCY_INVALID_MISTAKES + CONSISTENCY_MISTAKES),
    Spec("analogy_accuracy_values", "analogy_accuracy", ref.analogy_accuracy, accuracy_cases, seed=431,
         mistakes=ACCURACY_MISTAKES, uses=("analogy",)),
    Spec("analogy_accuracy_invalid", "analogy_accuracy", ref.analogy_accuracy, accuracy_bad_cases, seed=432,
         mistakes=ACCURACY_INVALID_MISTAKES + ACCURACY_MISTAKES, uses=("analogy",)),
)
