"""Student implementations for 04_analogies: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one. The analogy_accuracy entries that
# call `analogy` use the last `analogy` defined above them here (a correct
# variant), as they would use the notebook's own analogy.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ analogy_shapes

@wrong("ordered pairs (i, j) and (j, i)")
def analogy_shapes(V, d, n_pairs):
    for name, value in (("V", V), ("d", d), ("n_pairs", n_pairs)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer")
    if n_pairs < 2:
        raise ValueError("n_pairs must be >= 2")
    V, d, n = int(V), int(d), int(n_pairs)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (n * (n - 1),), "quads": (n * (n - 1), 4)}


@wrong("quads counted unordered pairs of pairs")
def analogy_shapes(V, d, n_pairs):
    for name, value in (("V", V), ("d", d), ("n_pairs", n_pairs)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer")
    if n_pairs < 2:
        raise ValueError("n_pairs must be >= 2")
    V, d, n = int(V), int(d), int(n_pairs)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (n * (n - 1) // 2,), "quads": (n * (n - 1) // 2, 4)}


@wrong("scores has V - 3 entries")
def analogy_shapes(V, d, n_pairs):
    for name, value in (("V", V), ("d", d), ("n_pairs", n_pairs)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer")
    if n_pairs < 2:
        raise ValueError("n_pairs must be >= 2")
    V, d, n = int(V), int(d), int(n_pairs)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V - 3,), "offsets": (n, d),
            "offset_cosines": (n * (n - 1) // 2,), "quads": (n * (n - 1), 4)}


@wrong("i == j")
def analogy_shapes(V, d, n_pairs):
    if isinstance(n_pairs, bool) or n_pairs < 2 or V < 1 or d < 1:
        raise ValueError("bad sizes")
    V, d, n = int(V), int(d), int(n_pairs)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (n * (n + 1) // 2,), "quads": (n * (n - 1), 4)}


@wrong("must raise", slug="no validation")
def analogy_shapes(V, d, n_pairs):
    n = int(n_pairs)
    return {"E": (int(V), int(d)), "u": (int(V), int(d)), "target": (int(d),), "scores": (int(V),),
            "offsets": (n, int(d)), "offset_cosines": (n * (n - 1) // 2,), "quads": (n * (n - 1), 4)}


@right("math.comb and permutations count")
def analogy_shapes(V, d, n_pairs):
    import math
    import operator
    sizes = []
    for name, value, low in (("V", V, 1), ("d", d, 1), ("n_pairs", n_pairs, 2)):
        if type(value) is bool:
            raise ValueError(f"{name} must be an integer, not a bool")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
        if value < low:
            raise ValueError(f"{name} must be >= {low}, got {value}")
        sizes.append(value)
    V, d, n = sizes
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (math.comb(n, 2),), "quads": (math.perm(n, 2), 4)}


@right("counted by enumeration")
def analogy_shapes(V, d, n_pairs):
    for name, value in (("V", V), ("d", d), ("n_pairs", n_pairs)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    if n_pairs < 2:
        raise ValueError(f"n_pairs must be >= 2, got {n_pairs}")
    V, d, n = int(V), int(d), int(n_pairs)
    unordered = len([(i, j) for i in range(n) for j in range(n) if i < j])
    ordered = len([(i, j) for i in range(n) for j in range(n) if i != j])
    return dict(E=(V, d), u=(V, d), target=(d,), scores=(V,), offsets=(n, d),
                offset_cosines=(unordered,), quads=(ordered, 4))


# ------------------------------------------------------------------------ analogy
# Shared validation written out in each entry, as a student's cell would have it.

@wrong("query words a, b, c was returned", slug="no exclusion")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    U = E / np.linalg.norm(E, axis=1, keepdims=True).clip(min=1e-300)
    target = U[b] - U[a] + U[c]
    scores = U @ target / max(np.linalg.norm(target), 1e-300)
    return np.argsort(-scores, kind="stable")[:k]


@wrong("u[a] - u[b] + u[c]")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[a] - U[b] + U[c]
    scores = U @ target
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("dot product with the raw rows")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[b] - U[a] + U[c]
    scores = E @ target
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("raw rows E[b] - E[a] + E[c]")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    target = E[b] - E[a] + E[c]
    norms = np.linalg.norm(E, axis=1)
    scores = E @ target / np.where(norms > 0, norms, 1.0) / max(np.linalg.norm(target), 1e-300)
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("no normalisation at all")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if not all(isinstance(i, (int, np.integer)) and not isinstance(i, bool) and 0 <= i < V for i in (a, b, c)):
        raise ValueError("a, b and c must be ids")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    scores = E @ (E[b] - E[a] + E[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("ties go to the larger id")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(scores, kind="stable")[::-1][:k]      # sort ascending, then reverse


@wrong("not stable", slug="default argsort")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[b] - U[a] + U[c]
    t_norm = np.linalg.norm(target)
    scores = U @ target / t_norm if t_norm > 0 else np.zeros(V)
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores)[:k]


@wrong("given score 0")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[b] - U[a] + U[c]
    t_norm = np.linalg.norm(target)
    scores = U @ target / t_norm if t_norm > 0 else np.zeros(V)
    scores[[a, b, c]] = 0.0
    return np.argsort(-scores, kind="stable")[:k]


@wrong("skipped the first 3 results")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    order = np.argsort(-scores, kind="stable")
    return order[3:3 + k]        # the top 3 are a, b and c


@wrong("excluded every row equal to the rows of a, b or c")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[b] - U[a] + U[c]
    scores = U @ target
    for q in (a, b, c):
        scores[np.all(E == E[q], axis=1)] = -np.inf    # drop the query words (and their duplicates)
    return np.argsort(-scores, kind="stable")[:k]


@wrong("NaN")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    target = U[b] - U[a] + U[c]
    scores = U @ target / np.linalg.norm(target)
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("limited to V - 3")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - 3:
        raise ValueError(f"k must be between 1 and V - 3 = {V - 3}")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("checked against V", slug="k checked against V")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V:
        raise ValueError("k must be between 1 and V")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("wrapped around", slug="negative ids wrap")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or i >= V:
            raise ValueError(f"{name} is not a valid id")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("modified its input", slug="normalises E in place")
def analogy(E, a, b, c, k=1):
    if not isinstance(E, np.ndarray) or E.dtype != np.float64:
        E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    E /= np.where(norms > 0, norms, 1.0)          # normalise the rows (in place!)
    scores = E @ (E[b] - E[a] + E[c])
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("numpy array", slug="returns a list")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} is not a valid id")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - len({a, b, c}):
        raise ValueError("bad k")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    scores = U @ (U[b] - U[a] + U[c])
    ranked = sorted(range(V), key=lambda i: (-scores[i], i))
    return [i for i in ranked if i not in (a, b, c)][:k]


@right("Python loops and math")
def analogy(E, a, b, c, k=1):
    import math
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a (V, d) table, got shape {E.shape}")
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)):
            raise ValueError(f"{name} must be an integer id, got {i!r}")
        if not 0 <= i < V:
            raise ValueError(f"{name} must satisfy 0 <= {name} < {V}, got {i}")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not 1 <= k <= V - len({int(a), int(b), int(c)}):
        raise ValueError(f"k = {k} is out of range")
    rows = E.tolist()
    unit = []
    for row in rows:
        n = math.sqrt(sum(x * x for x in row))
        unit.append([x / n for x in row] if n > 0 else [0.0] * len(row))
    target = [unit[b][j] - unit[a][j] + unit[c][j] for j in range(E.shape[1])]
    t_norm = math.sqrt(sum(x * x for x in target))
    scored = []
    for i in range(V):
        if i in (a, b, c):
            continue
        cos = sum(x * y for x, y in zip(unit[i], target)) / t_norm if t_norm > 0 else 0.0
        scored.append((-cos, i))
    scored.sort()
    return np.array([i for _, i in scored[:k]], dtype=np.int64)


@right("lexsort over a candidate mask")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    V = E.shape[0]
    ids = []
    for name, i in zip("abc", (a, b, c)):
        if type(i) is bool or not np.issubdtype(type(i), np.integer):
            raise ValueError(f"{name} must be an integer")
        if i < 0 or i >= V:
            raise IndexError(f"{name} = {i} is out of range for V = {V}")
        ids.append(int(i))
    keep = np.ones(V, dtype=bool)
    keep[ids] = False
    if type(k) is bool or not np.issubdtype(type(k), np.integer) or not 1 <= k <= keep.sum():
        raise ValueError(f"k must be between 1 and {keep.sum()}")
    lengths = np.sqrt(np.einsum("vd,vd->v", E, E))
    U = E / np.where(lengths == 0, 1.0, lengths)[:, None]
    t = U[ids[1]] - U[ids[0]] + U[ids[2]]
    t_len = np.sqrt(t @ t)
    cos = np.einsum("vd,d->v", U, t / t_len) if t_len > 0 else np.zeros(V)
    candidates = np.flatnonzero(keep)
    order = np.lexsort((candidates, -cos[candidates]))     # by -cos, then by id
    return candidates[order[:k]]


@right("matmul and a stable argsort")
def analogy(E, a, b, c, k=1):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must have shape (V, d), got {E.shape}")
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)) or not 0 <= i < V:
            raise ValueError(f"{name} must be an id in 0..{V - 1}, got {i!r}")
    n_candidates = V - len({int(a), int(b), int(c)})
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n_candidates:
        raise ValueError(f"k must be an integer in 1..{n_candidates}, got {k!r}")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    target = U[b] - U[a] + U[c]
    t_norm = np.linalg.norm(target)
    scores = U @ target / t_norm if t_norm > 0 else np.zeros(V)
    scores[[a, b, c]] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


# ------------------------------------------------------------ offset_consistency

@wrong("i == j")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    norms = np.linalg.norm(offsets, axis=1, keepdims=True)
    units = np.divide(offsets, norms, out=np.zeros_like(offsets), where=norms > 0)
    return float(np.mean(units @ units.T))


@wrong("counted twice")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    n = len(offsets)
    total = 0.0
    for i in range(n):
        for j in range(n):
            if i != j:
                ni, nj = np.linalg.norm(offsets[i]), np.linalg.norm(offsets[j])
                if ni > 0 and nj > 0:
                    total += offsets[i] @ offsets[j] / (ni * nj)
    return total / (n * (n - 1) / 2)


@wrong("normalised the rows of E")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)     # as in 3CosAdd
    offsets = U[pairs[:, 1]] - U[pairs[:, 0]]
    on = np.linalg.norm(offsets, axis=1, keepdims=True)
    units = np.divide(offsets, on, out=np.zeros_like(offsets), where=on > 0)
    i, j = np.triu_indices(len(pairs), 1)
    return float(np.mean(np.sum(units[i] * units[j], axis=1)))


@wrong("second minus first", slug="pairs sorted")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    pairs = np.sort(pairs, axis=1)        # "normalise" each pair so (x, y) and (y, x) are the same
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    on = np.linalg.norm(offsets, axis=1, keepdims=True)
    units = np.divide(offsets, on, out=np.zeros_like(offsets), where=on > 0)
    i, j = np.triu_indices(len(pairs), 1)
    return float(np.mean(np.sum(units[i] * units[j], axis=1)))


@wrong("dot products", slug="dot products, not cosines")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    i, j = np.triu_indices(len(pairs), 1)
    return float(np.mean(np.sum(offsets[i] * offsets[j], axis=1)))


@wrong("mean offset")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    mean = offsets.mean(axis=0)
    cosines = offsets @ mean / (np.linalg.norm(offsets, axis=1) * np.linalg.norm(mean))
    return float(np.mean(cosines))


@wrong("zero offset")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < 2:
        raise ValueError("need a (V, d) table and at least 2 pairs")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    units = offsets / np.linalg.norm(offsets, axis=1, keepdims=True)
    i, j = np.triu_indices(len(pairs), 1)
    return float(np.mean(np.sum(units[i] * units[j], axis=1)))


@wrong("fewer than 2 pairs", slug="one pair returns nan")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=np.float64)
    pairs = np.asarray(pairs)
    if E.ndim != 2 or pairs.ndim != 2 or pairs.shape[1] != 2:
        raise ValueError("pairs must have shape (n, 2)")
    if not np.issubdtype(pairs.dtype, np.integer) or pairs.min() < 0 or pairs.max() >= len(E):
        raise ValueError("bad ids")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]
    on = np.linalg.norm(offsets, axis=1, keepdims=True)
    units = np.divide(offsets, on, out=np.zeros_like(offsets), where=on > 0)
    i, j = np.triu_indices(len(pairs), 1)
    return float(np.mean(np.sum(units[i] * units[j], axis=1))) if len(i) else float("nan")


@right("itertools.combinations")
def offset_consistency(E, pairs):
    import itertools
    import math
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    pairs = np.asarray(pairs)
    if pairs.ndim != 2 or pairs.shape[1] != 2:
        raise ValueError(f"pairs must have shape (n, 2), got {pairs.shape}")
    if pairs.dtype.kind not in "iu":
        raise ValueError(f"pairs must hold integer ids, got dtype {pairs.dtype}")
    if len(pairs) < 2:
        raise ValueError("pairs needs at least 2 pairs")
    if (pairs < 0).any() or (pairs >= len(E)).any():
        raise ValueError("pairs has ids outside 0..V-1")
    offsets = [E[y] - E[x] for x, y in pairs]
    cosines = []
    for u, v in itertools.combinations(offsets, 2):
        nu, nv = math.sqrt(u @ u), math.sqrt(v @ v)
        cosines.append(float(u @ v) / (nu * nv) if nu > 0 and nv > 0 else 0.0)
    return sum(cosines) / len(cosines)


@right("norm of the sum of unit offsets")
def offset_consistency(E, pairs):
    E = np.asarray(E, dtype=float)
    P = np.asarray(pairs)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if P.ndim != 2 or P.shape[1] != 2 or P.shape[0] < 2:
        raise ValueError("pairs must be (n, 2) with n >= 2")
    if P.dtype == bool or not np.issubdtype(P.dtype, np.integer):
        raise ValueError("pairs must be integer ids")
    if P.min() < 0 or P.max() >= E.shape[0]:
        raise ValueError("pairs: id out of range")
    O = E[P[:, 1]] - E[P[:, 0]]
    lengths = np.linalg.norm(O, axis=1)
    units = O[lengths > 0] / lengths[lengths > 0, None]
    n = len(O)
    s = units.sum(axis=0)
    # sum over i != j of u_i . u_j = |sum u|^2 - sum |u_i|^2; pairs i < j are half of it
    return float((s @ s - len(units)) / (n * (n - 1)))


# --------------------------------------------------------------- analogy_accuracy
# (These call `analogy`: here the last correct variant above, in a notebook the student's own.)

@wrong("top-1", slug="top-k counted")
def analogy_accuracy(E, quads):
    quads = np.asarray(quads)
    if quads.ndim != 2 or quads.shape[1] != 4 or len(quads) == 0:
        raise ValueError("quads must be a non-empty (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer) or quads.min() < 0 or quads.max() >= len(E):
        raise ValueError("bad ids")
    hits = 0
    for a, b, c, d in quads:
        if d in analogy(E, a, b, c, k=3):       # "close enough"
            hits += 1
    return hits / len(quads)


@wrong("query words", slug="inline analogy without exclusion")
def analogy_accuracy(E, quads):
    E = np.asarray(E, dtype=np.float64)
    quads = np.asarray(quads)
    if E.ndim != 2 or quads.ndim != 2 or quads.shape[1] != 4 or len(quads) == 0:
        raise ValueError("quads must be a non-empty (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer) or quads.min() < 0 or quads.max() >= len(E):
        raise ValueError("bad ids")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    hits = 0
    for a, b, c, d in quads:
        scores = U @ (U[b] - U[a] + U[c])
        hits += int(np.argmax(scores) == d)
    return hits / len(quads)


@wrong("fraction", slug="returns the count")
def analogy_accuracy(E, quads):
    quads = np.asarray(quads)
    if quads.ndim != 2 or quads.shape[1] != 4 or len(quads) == 0:
        raise ValueError("quads must be a non-empty (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer) or quads.min() < 0 or quads.max() >= len(E):
        raise ValueError("bad ids")
    return sum(int(analogy(E, a, b, c)[0] == d) for a, b, c, d in quads)


@wrong("percentage")
def analogy_accuracy(E, quads):
    quads = np.asarray(quads)
    if quads.ndim != 2 or quads.shape[1] != 4 or len(quads) == 0:
        raise ValueError("quads must be a non-empty (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer) or quads.min() < 0 or quads.max() >= len(E):
        raise ValueError("bad ids")
    correct = [analogy(E, a, b, c)[0] == d for a, b, c, d in quads]
    return 100.0 * float(np.mean(correct))


@wrong("an accuracy over zero questions", slug="no quads returns 0")
def analogy_accuracy(E, quads):
    quads = np.asarray(quads)
    if len(quads) == 0:
        return 0.0
    if quads.ndim != 2 or quads.shape[1] != 4:
        raise ValueError("quads must be an (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer) or quads.min() < 0 or quads.max() >= len(E):
        raise ValueError("bad ids")
    return float(np.mean([analogy(E, a, b, c)[0] == d for a, b, c, d in quads]))


@wrong("answer id d was not checked", slug="answer id d not checked")
def analogy_accuracy(E, quads):
    quads = np.asarray(quads)
    if quads.ndim != 2 or quads.shape[1] != 4 or len(quads) == 0:
        raise ValueError("quads must be a non-empty (n, 4) array")
    if not np.issubdtype(quads.dtype, np.integer):
        raise ValueError("quads must hold integer ids")
    hits = 0
    for a, b, c, d in quads:
        hits += int(analogy(E, a, b, c)[0] == d)      # analogy checks a, b and c
    return hits / len(quads)


@right("vectorised targets, argmax")
def analogy_accuracy(E, quads):
    E = np.asarray(E, dtype=np.float64)
    Q = np.asarray(quads)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    if Q.size == 0:
        raise ValueError("quads is empty")
    if Q.ndim != 2 or Q.shape[1] != 4:
        raise ValueError(f"quads must have shape (n, 4), got {Q.shape}")
    if Q.dtype.kind not in "iu":
        raise ValueError("quads must hold integer ids")
    if Q.min() < 0 or Q.max() >= E.shape[0]:
        raise ValueError("quads has an id outside 0..V-1")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    U = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)
    targets = U[Q[:, 1]] - U[Q[:, 0]] + U[Q[:, 2]]                    # (n, d)
    t_norms = np.linalg.norm(targets, axis=1, keepdims=True)
    targets = np.divide(targets, t_norms, out=np.zeros_like(targets), where=t_norms > 0)
    scores = np.einsum("vd,nd->nv", U, targets)                          # (n, V)
    rows = np.arange(len(Q))
    for col in range(3):
        scores[rows, Q[:, col]] = -np.inf
    best = np.argmax(scores, axis=1)        # the first maximum: ties go to the smaller id
    return float(np.mean(best == Q[:, 3]))


@right("loop over the student's analogy")
def analogy_accuracy(E, quads):
    E = np.asarray(E, dtype=np.float64)
    quads = np.asarray(quads)
    if quads.size == 0:
        raise ValueError("quads: no questions to score")
    if quads.ndim != 2 or quads.shape[1] != 4:
        raise ValueError(f"quads must be (n, 4), got shape {quads.shape}")
    if quads.dtype == bool or not np.issubdtype(quads.dtype, np.integer):
        raise ValueError("quads must be integer ids")
    if (quads < 0).any() or (quads >= E.shape[0]).any():
        raise ValueError("quads: ids must satisfy 0 <= id < V")
    hits = 0
    for a, b, c, d in quads.tolist():
        if analogy(E, a, b, c, k=1)[0] == d:
            hits += 1
    return hits / len(quads)
