"""Student implementations for 03_cosine_neighbours: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ============================================================ cosine_similarity

@wrong("NaN", slug="zero vector gives NaN")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


@wrong("raised an error", slug="zero vector raises")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    return float(u @ v / (nu * nv))


@wrong("raised an error", slug="zero vector: ZeroDivisionError in pure Python")
def cosine_similarity(u, v):
    import math
    u, v = [float(x) for x in u], [float(x) for x in v]
    if len(u) != len(v):
        raise ValueError("different lengths")
    dot = sum(a * b for a, b in zip(u, v))
    return dot / (math.sqrt(sum(a * a for a in u)) * math.sqrt(sum(b * b for b in v)))


@wrong("dot product", slug="forgot to normalise")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    return float(np.dot(u, v))


@wrong("only one vector", slug="normalised u only")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    norm = np.linalg.norm(u)
    return 0.0 if norm == 0 else float(u @ v / norm)


@wrong("square roots", slug="squared norms")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    denom = (u @ u) * (v @ v)
    return 0.0 if denom == 0 else float(u @ v / denom)


@wrong("cosine distance", slug="1 - cosine")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    denom = np.linalg.norm(u) * np.linalg.norm(v)
    return 1.0 - (0.0 if denom == 0 else float(u @ v / denom))


@wrong("epsilon", slug="epsilon in the denominator")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-8))


@wrong("Python float", slug="returns a (1, 1) array")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    denom = np.linalg.norm(u) * np.linalg.norm(v)
    if denom == 0:
        return 0.0
    return u.reshape(1, -1) @ v.reshape(-1, 1) / denom


@wrong("float32", slug="keeps float32")
def cosine_similarity(u, v):
    u, v = np.asarray(u), np.asarray(v)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        return 0.0
    return (u / nu) @ (v / nv)


@wrong("different lengths", slug="zip truncates")
def cosine_similarity(u, v):
    import math
    u, v = [float(x) for x in np.ravel(u)], [float(x) for x in np.ravel(v)]
    dot = sum(a * b for a, b in zip(u, v))
    nu = math.sqrt(sum(a * a for a, _ in zip(u, v)))
    nv = math.sqrt(sum(b * b for _, b in zip(u, v)))
    return 0.0 if nu == 0 or nv == 0 else dot / (nu * nv)


@wrong("flattened", slug="2-D input flattened")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64).ravel()
    v = np.asarray(v, dtype=np.float64).ravel()
    if u.shape != v.shape:
        raise ValueError("u and v must have the same length")
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    return 0.0 if nu == 0 or nv == 0 else float(u @ v / (nu * nv))


@wrong("modified its input", slug="normalises u in place")
def cosine_similarity(u, v):
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.shape != u.shape:
        raise ValueError("u and v must be 1-D vectors of the same length")
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        return 0.0
    u /= nu
    v /= nv
    return float(u @ v)


@right("pure Python with math")
def cosine_similarity(u, v):
    import math
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError(f"u and v must be 1-D, got shapes {u.shape} and {v.shape}")
    if len(u) != len(v):
        raise ValueError(f"u and v must have the same length, got {len(u)} and {len(v)}")
    dot = sum(a * b for a, b in zip(u.tolist(), v.tolist()))
    nu = math.sqrt(sum(a * a for a in u.tolist()))
    nv = math.sqrt(sum(b * b for b in v.tolist()))
    if nu == 0.0 or nv == 0.0:
        return 0.0
    return max(-1.0, min(1.0, dot / (nu * nv)))


@right("einsum, normalise first")
def cosine_similarity(u, v):
    u = np.array(u, dtype=np.float64)
    v = np.array(v, dtype=np.float64)
    if u.ndim != 1 or v.ndim != 1 or u.shape != v.shape:
        raise ValueError(f"u and v must be 1-D vectors of equal length, got {u.shape} and {v.shape}")
    nu = np.sqrt(np.einsum("i,i->", u, u))
    nv = np.sqrt(np.einsum("i,i->", v, v))
    if nu == 0 or nv == 0:
        return 0.0
    u /= nu          # u and v are copies (np.array), so this does not touch the inputs
    v /= nv
    return float(np.einsum("i,i->", u, v))


# ================================================================ cosine_matrix

@wrong("NaN", slug="zero rows give NaN")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    A = A / np.linalg.norm(A, axis=1, keepdims=True)
    B = B / np.linalg.norm(B, axis=1, keepdims=True)
    return A @ B.T


@wrong("transposed", slug="(m, n) instead of (n, m)")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na = np.linalg.norm(A, axis=1, keepdims=True)
    nb = np.linalg.norm(B, axis=1, keepdims=True)
    A = np.where(na > 0, A / np.where(na > 0, na, 1), 0)
    B = np.where(nb > 0, B / np.where(nb > 0, nb, 1), 0)
    return B @ A.T


@wrong("without normalising", slug="A @ B.T")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    return A @ B.T


@wrong("columns were normalised", slug="norm over axis 0")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na = np.linalg.norm(A, axis=0)
    nb = np.linalg.norm(B, axis=0)
    return (A / np.where(na > 0, na, 1)) @ (B / np.where(nb > 0, nb, 1)).T


@wrong("whole matrix", slug="Frobenius norm")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    denom = np.linalg.norm(A) * np.linalg.norm(B)
    return A @ B.T / denom if denom > 0 else np.zeros((len(A), len(B)))


@wrong("keepdims", slug="norms without keepdims")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na, nb = np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1)
    return (A / np.where(na > 0, na, 1)) @ (B / np.where(nb > 0, nb, 1)).T


@wrong("only A", slug="B not normalised")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na = np.linalg.norm(A, axis=1, keepdims=True)
    return (A / np.where(na > 0, na, 1)) @ B.T


@wrong("epsilon", slug="epsilon in the denominator")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    A = A / (np.linalg.norm(A, axis=1, keepdims=True) + 1e-8)
    B = B / (np.linalg.norm(B, axis=1, keepdims=True) + 1e-8)
    return A @ B.T


@wrong("float64", slug="keeps float32")
def cosine_matrix(A, B):
    A, B = np.asarray(A), np.asarray(B)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na = np.linalg.norm(A, axis=1, keepdims=True)
    nb = np.linalg.norm(B, axis=1, keepdims=True)
    return (A / np.where(na > 0, na, 1)) @ (B / np.where(nb > 0, nb, 1)).T


@wrong("1-D input", slug="atleast_2d")
def cosine_matrix(A, B):
    A = np.atleast_2d(np.asarray(A, dtype=np.float64))
    B = np.atleast_2d(np.asarray(B, dtype=np.float64))
    if A.shape[1] != B.shape[1]:
        raise ValueError("A and B must have the same width")
    na = np.linalg.norm(A, axis=1, keepdims=True)
    nb = np.linalg.norm(B, axis=1, keepdims=True)
    return (A / np.where(na > 0, na, 1)) @ (B / np.where(nb > 0, nb, 1)).T


@wrong("modified its input", slug="normalises A in place")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("A and B must be 2-D with the same width")
    na = np.linalg.norm(A, axis=1, keepdims=True)
    nb = np.linalg.norm(B, axis=1, keepdims=True)
    A /= np.where(na > 0, na, 1)
    B /= np.where(nb > 0, nb, 1)
    return A @ B.T


@right("loops over pairs")
def cosine_matrix(A, B):
    import math
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError(f"A and B must be 2-D, got {A.shape} and {B.shape}")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A and B must have the same width, got {A.shape[1]} and {B.shape[1]}")
    C = np.zeros((A.shape[0], B.shape[0]))
    for i, a in enumerate(A):
        na = math.sqrt(float(a @ a))
        for j, b in enumerate(B):
            nb = math.sqrt(float(b @ b))
            if na > 0 and nb > 0:
                C[i, j] = float(a @ b) / (na * nb)
    return C


@right("np.divide with where, einsum")
def cosine_matrix(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError(f"A (n, d) and B (m, d) must be 2-D with equal d, got {A.shape} and {B.shape}")
    dots = np.einsum("id,jd->ij", A, B)
    norms = np.outer(np.sqrt((A * A).sum(axis=1)), np.sqrt((B * B).sum(axis=1)))
    return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)


# =========================================================== nearest_neighbours

@wrong("skip the first result", slug="skip the first result")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    q = E[query_id]
    if metric == "euclidean":
        order = np.argsort(np.linalg.norm(E - q, axis=1), kind="stable")
    else:
        if metric == "cosine":
            n = np.linalg.norm(E, axis=1)
            E = E / np.where(n > 0, n, 1)[:, None]
            q = E[query_id]
        order = np.argsort(-(E @ q), kind="stable")
    return order[1:k + 1]          # "the first result is the query itself"


@wrong("skip the first result", slug="dot: query kept by skipping the top score")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    # ranks (score, id) pairs in pure Python and drops the best one, assuming it is the query:
    # with "dot" a longer row can outscore the query, which then stays in the answer
    rows = [[float(x) for x in row] for row in np.asarray(E, dtype=np.float64)]
    V = len(rows)
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"metric must be cosine, dot or euclidean, got {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    q = rows[query_id]

    def score(row):
        dot = sum(a * b for a, b in zip(row, q))
        if metric == "dot":
            return dot
        if metric == "euclidean":
            return -sum((a - b) ** 2 for a, b in zip(row, q)) ** 0.5
        nr, nq = sum(a * a for a in row) ** 0.5, sum(b * b for b in q) ** 0.5
        return dot / (nr * nq) if nr > 0 and nq > 0 else 0.0

    ranked = sorted(range(V), key=lambda i: (-score(rows[i]), i))
    return np.array(ranked[1:k + 1])


@wrong("query itself", slug="query returned")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    q = E[query_id]
    if metric == "euclidean":
        order = np.argsort(np.linalg.norm(E - q, axis=1), kind="stable")
    else:
        if metric == "cosine":
            n = np.linalg.norm(E, axis=1)
            E = E / np.where(n > 0, n, 1)[:, None]
            q = E[query_id]
        order = np.argsort(-(E @ q), kind="stable")
    return order[:k]


@wrong("rows equal to the query", slug="duplicates of the query dropped")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    q = E[query_id]
    keep = np.flatnonzero(np.any(E != q, axis=1))       # "not the query": rows different from it
    if metric == "euclidean":
        scores = -np.linalg.norm(E - q, axis=1)
    elif metric == "dot":
        scores = E @ q
    else:
        n = np.linalg.norm(E, axis=1)
        scores = (E @ q) / np.where(n * n[query_id] > 0, n * n[query_id], 1)
    return keep[np.argsort(-scores[keep], kind="stable")][:k]


@wrong("dot product was used where cosine", slug="forgot to normalise")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = -np.linalg.norm(E - E[query_id], axis=1)
    else:
        scores = E @ E[query_id]          # cosine and dot treated alike
    scores[query_id] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong('cosine was used where "dot"', slug="normalised for dot too")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = -np.linalg.norm(E - E[query_id], axis=1)
    else:
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        scores = U @ U[query_id]
    scores[query_id] = -np.inf
    return np.argsort(-scores, kind="stable")[:k]


@wrong("largest-first", slug="euclidean ranked largest-first")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = np.linalg.norm(E - E[query_id], axis=1)     # "larger score first", like the others
    elif metric == "dot":
        scores = E @ E[query_id]
    else:
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        scores = U @ U[query_id]
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(-scores[others], kind="stable")][:k]


@wrong("normalised rows", slug="euclidean on unit rows")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    n = np.linalg.norm(E, axis=1)
    U = E / np.where(n > 0, n, 1)[:, None]
    if metric == "euclidean":
        scores = -np.linalg.norm(U - U[query_id], axis=1)
    elif metric == "dot":
        scores = E @ E[query_id]
    else:
        scores = U @ U[query_id]
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(-scores[others], kind="stable")][:k]


@wrong("NaN", slug="zero rows give NaN and sort last")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = -np.linalg.norm(E - E[query_id], axis=1)
    elif metric == "dot":
        scores = E @ E[query_id]
    else:
        n = np.linalg.norm(E, axis=1)
        scores = (E @ E[query_id]) / (n * n[query_id])
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(-scores[others], kind="stable")][:k]


@wrong("ties do not go to the smaller id", slug="reversed argsort")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = -np.linalg.norm(E - E[query_id], axis=1)
    elif metric == "dot":
        scores = E @ E[query_id]
    else:
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        scores = U @ U[query_id]
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(scores[others], kind="stable")[::-1]][:k]


@wrong("ties do not go to the smaller id", slug="unstable sort (heapsort)")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        keys = np.linalg.norm(E - E[query_id], axis=1)
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="heapsort")][:k]


@wrong("smallest-first", slug="cosine ranked ascending")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "euclidean":
        scores = np.linalg.norm(E - E[query_id], axis=1)
    elif metric == "dot":
        scores = E @ E[query_id]
    else:
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        scores = U @ U[query_id]
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(scores[others], kind="stable")][:k]    # argsort: "best" first?


@wrong("unknown metric", slug="unknown metric falls through")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="stable")][:k]


@wrong("k outside", slug="k not validated")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if isinstance(query_id, bool) or not isinstance(query_id, (int, np.integer)) or not 0 <= query_id < V:
        raise ValueError("query_id out of range")
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="stable")][:k]


@wrong("negative query_id", slug="negative id wraps around")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= V - 1:
        raise ValueError("k out of range")
    if isinstance(query_id, bool) or not isinstance(query_id, (int, np.integer)) or query_id >= V:
        raise ValueError("query_id out of range")
    query_id = query_id % V
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="stable")][:k]


@wrong("float or bool", slug="isinstance(x, int) accepts True")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not isinstance(query_id, (int, np.integer)) or not 0 <= query_id < V:
        raise ValueError("query_id must be an id in 0..V-1")
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= V - 1:
        raise ValueError("k must be in 1..V-1")
    query_id, k = int(query_id), int(k)
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="stable")][:k]


@wrong("integer array", slug="ids as floats")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    result = np.zeros(k)
    for i, j in enumerate(others[np.argsort(keys[others], kind="stable")][:k]):
        result[i] = j
    return result


@wrong("numpy array", slug="returns a list")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1)
        U = E / np.where(n > 0, n, 1)[:, None]
        keys = -(U @ U[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    return sorted((i for i in range(V) if i != query_id), key=lambda i: (keys[i], i))[:k]


@wrong("modified its input", slug="normalises E in place")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.asarray(E, dtype=np.float64)
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"unknown metric {metric!r}")
    if not 0 <= query_id < V or not 1 <= k <= V - 1:
        raise ValueError("query_id or k out of range")
    if metric == "cosine":
        n = np.linalg.norm(E, axis=1, keepdims=True)
        E /= np.where(n > 0, n, 1)
        keys = -(E @ E[query_id])
    elif metric == "dot":
        keys = -(E @ E[query_id])
    else:
        keys = np.linalg.norm(E - E[query_id], axis=1)
    others = np.delete(np.arange(V), query_id)
    return others[np.argsort(keys[others], kind="stable")][:k]


@right("sorted with (score, id) keys")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    import math
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a (V, d) table, got shape {E.shape}")
    V = E.shape[0]
    if metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"metric must be 'cosine', 'dot' or 'euclidean', got {metric!r}")
    for name, value in (("query_id", query_id), ("k", k)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    if not 0 <= query_id < V:
        raise ValueError(f"query_id must be in 0..{V - 1}, got {query_id}")
    if not 1 <= k <= V - 1:
        raise ValueError(f"k must be in 1..{V - 1}, got {k}")
    q = E[query_id]
    nq = math.sqrt(float(q @ q))

    def key(i):
        row = E[i]
        if metric == "euclidean":
            return (math.sqrt(float((row - q) @ (row - q))), i)
        dot = float(row @ q)
        if metric == "dot":
            return (-dot, i)
        nr = math.sqrt(float(row @ row))
        return (-(dot / (nr * nq)) if nr > 0 and nq > 0 else 0.0, i)

    ranked = sorted((i for i in range(V) if i != query_id), key=key)
    return np.array(ranked[:k], dtype=np.int64)


@right("squared distances, -inf mask, lexsort")
def nearest_neighbours(E, query_id, k, metric="cosine"):
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be 2-D, got {E.ndim}-D")
    V = E.shape[0]
    if not isinstance(metric, str) or metric not in {"cosine", "dot", "euclidean"}:
        raise ValueError(f"unknown metric {metric!r}")
    if type(query_id) is bool or not np.issubdtype(type(query_id), np.integer) or not 0 <= query_id < V:
        raise ValueError(f"query_id must be an integer in [0, {V}), got {query_id!r}")
    if type(k) is bool or not np.issubdtype(type(k), np.integer) or not 1 <= k < V:
        raise ValueError(f"k must be an integer in [1, {V - 1}], got {k!r}")
    q = E[query_id].copy()
    if metric == "euclidean":
        score = -((E - q) ** 2).sum(axis=1)            # squared distance ranks the same
    else:
        if metric == "cosine":
            norms = np.sqrt((E ** 2).sum(axis=1))
            np.divide(E, norms[:, None], out=E, where=norms[:, None] > 0)   # E is our own copy
            q = E[query_id].copy()
        score = (E * q).sum(axis=1)
    score[query_id] = -np.inf
    order = np.lexsort((np.arange(V), -score))       # by -score, then by id
    return order[:k]
