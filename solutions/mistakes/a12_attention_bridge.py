"""Student implementations for 12_attention_bridge: known mistakes and correct variants."""
# Each entry is self-contained (it validates and computes on its own), written as a student would
# write it in the notebook under the graded function's name; later definitions shadow earlier ones
# here, which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ bridge_shapes

@wrong("torch.nn.Linear", slug="projections written (d_k, d)")
def bridge_shapes(T, d, d_k, d_v):
    for name, n in (("T", T), ("d", d), ("d_k", d_k), ("d_v", d_v)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    T, d, d_k, d_v = int(T), int(d), int(d_k), int(d_v)
    return {"X": (T, d), "W_Q": (d_k, d), "W_K": (d_k, d), "W_V": (d_v, d), "Q": (T, d_k), "K": (T, d_k),
            "V": (T, d_v), "scores": (T, T), "weights": (T, T), "out": (T, d_v)}


@wrong("the output has the model width d")
def bridge_shapes(T, d, d_k, d_v):
    for name, n in (("T", T), ("d", d), ("d_k", d_k), ("d_v", d_v)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    T, d, d_k, d_v = int(T), int(d), int(d_k), int(d_v)
    return {"X": (T, d), "W_Q": (d, d_k), "W_K": (d, d_k), "W_V": (d, d_v), "Q": (T, d_k), "K": (T, d_k),
            "V": (T, d_v), "scores": (T, T), "weights": (T, T), "out": (T, d)}


@wrong("scores are (T, d_k)")
def bridge_shapes(T, d, d_k, d_v):
    for name, n in (("T", T), ("d", d), ("d_k", d_k), ("d_v", d_v)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    T, d, d_k, d_v = int(T), int(d), int(d_k), int(d_v)
    return {"X": (T, d), "W_Q": (d, d_k), "W_K": (d, d_k), "W_V": (d, d_v), "Q": (T, d_k), "K": (T, d_k),
            "V": (T, d_v), "scores": (T, d_k), "weights": (T, T), "out": (T, d_v)}


@right("step by step along the matrix products")
def bridge_shapes(T, d, d_k, d_v):
    for name, n in (("T", T), ("d", d), ("d_k", d_k), ("d_v", d_v)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    T, d, d_k, d_v = int(T), int(d), int(d_k), int(d_v)
    X = (T, d)
    W_Q, W_K, W_V = (d, d_k), (d, d_k), (d, d_v)
    Q = (X[0], W_Q[1])                    # (T, d) @ (d, d_k)
    K = (X[0], W_K[1])
    V = (X[0], W_V[1])
    scores = (Q[0], K[0])                 # Q @ K.T
    out = (scores[0], V[1])               # weights @ V
    return {"X": X, "W_Q": W_Q, "W_K": W_K, "W_V": W_V, "Q": Q, "K": K, "V": V, "scores": scores,
            "weights": scores, "out": out}


@right("tiny arrays, shapes read off")
def bridge_shapes(T, d, d_k, d_v):
    for name, n in (("T", T), ("d", d), ("d_k", d_k), ("d_v", d_v)):
        if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {n!r}")
        if n < 1:
            raise ValueError(f"{name} must be >= 1, got {n}")
    X = np.zeros((int(T), int(d)))
    W_Q, W_K, W_V = np.zeros((int(d), int(d_k))), np.zeros((int(d), int(d_k))), np.zeros((int(d), int(d_v)))
    Q, K, V = X @ W_Q, X @ W_K, X @ W_V
    S = Q @ K.T
    arrays = {"X": X, "W_Q": W_Q, "W_K": W_K, "W_V": W_V, "Q": Q, "K": K, "V": V, "scores": S, "weights": S,
              "out": S @ V}
    return {k: tuple(int(n) for n in a.shape) for k, a in arrays.items()}


# ------------------------------------------------------------------ qkv_projection

@wrong("transposed", slug="X @ W.T")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    W_Q, W_K, W_V = (np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V))
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if W_Q.shape[1] != W_K.shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    return X @ W_Q.T, X @ W_K.T, X @ W_V.T


@wrong("K was projected with W_Q")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    W_Q, W_K, W_V = (np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V))
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if W_Q.shape[1] != W_K.shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    return X @ W_Q, X @ W_Q, X @ W_V


@wrong("return a tuple", slug="a list instead of a tuple")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    Ws = [np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V)]
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in zip(("W_Q", "W_K", "W_V"), Ws):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if Ws[0].shape[1] != Ws[1].shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    return [X @ W for W in Ws]


@right("one matrix product per projection, np.matmul")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    W_Q, W_K, W_V = (np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V))
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if W_Q.shape[1] != W_K.shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    return np.matmul(X, W_Q), np.matmul(X, W_K), np.matmul(X, W_V)


@right("one product with the stacked projections, then split")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    W_Q, W_K, W_V = (np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V))
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if W_Q.shape[1] != W_K.shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    k = W_Q.shape[1]
    fused = X @ np.hstack([W_Q, W_K, W_V])        # one (d, 2 d_k + d_v) matrix, as fused QKV layers do
    return fused[:, :k], fused[:, k:2 * k], fused[:, 2 * k:]


@right("einsum")
def qkv_projection(X, W_Q, W_K, W_V):
    X = np.asarray(X, dtype=np.float64)
    Ws = [np.asarray(W, dtype=np.float64) for W in (W_Q, W_K, W_V)]
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d), got shape {X.shape}")
    for name, W in zip(("W_Q", "W_K", "W_V"), Ws):
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be (d, .) with d = {X.shape[1]}, got shape {W.shape}")
    if Ws[0].shape[1] != Ws[1].shape[1]:
        raise ValueError("W_Q and W_K must have the same number of columns")
    return tuple(np.einsum("td,dk->tk", X, W) for W in Ws)


# ------------------------------------------------------------------ attention_weights

@wrong("not divided by sqrt(d_k)")
def attention_weights(Q, K):
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    s = Q @ K.T
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


@wrong("over the queries (axis 0)")
def attention_weights(Q, K):
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    s = Q @ K.T / np.sqrt(Q.shape[1])
    s = s - s.max(axis=0, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=0, keepdims=True)


@wrong("NaN from overflow")
def attention_weights(Q, K):
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    e = np.exp(Q @ K.T / np.sqrt(Q.shape[1]))
    return e / e.sum(axis=1, keepdims=True)


@right("log-sum-exp")
def attention_weights(Q, K):
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    s = Q @ K.T / np.sqrt(K.shape[1])
    top = s.max(axis=-1, keepdims=True)
    lse = top + np.log(np.exp(s - top).sum(axis=-1, keepdims=True))
    return np.exp(s - lse)


@right("loop over the queries")
def attention_weights(Q, K):
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    out = np.empty((Q.shape[0], K.shape[0]))
    for i, q in enumerate(Q):
        s = np.array([q @ k for k in K]) / np.sqrt(len(q))
        e = np.exp(s - s.max())
        out[i] = e / e.sum()
    return out


# ------------------------------------------------------------------ attention_output

@wrong("the softmax is missing")
def attention_output(Q, K, V):
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    if V.ndim != 2 or V.shape[0] != K.shape[0]:
        raise ValueError(f"V must be (m, d_v) with one row per key (m = {K.shape[0]}), got shape {V.shape}")
    return (Q @ K.T / np.sqrt(Q.shape[1])) @ V


@wrong("transposed before mixing")
def attention_output(Q, K, V):
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    if V.ndim != 2 or V.shape[0] != K.shape[0]:
        raise ValueError(f"V must be (m, d_v) with one row per key (m = {K.shape[0]}), got shape {V.shape}")
    s = Q @ K.T / np.sqrt(Q.shape[1])
    e = np.exp(s - s.max(axis=1, keepdims=True))
    w = e / e.sum(axis=1, keepdims=True)
    return w.T @ V


@right("weights times values, one query at a time")
def attention_output(Q, K, V):
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    if V.ndim != 2 or V.shape[0] != K.shape[0]:
        raise ValueError(f"V must be (m, d_v) with one row per key (m = {K.shape[0]}), got shape {V.shape}")
    out = np.zeros((Q.shape[0], V.shape[1]))
    for i, q in enumerate(Q):
        s = K @ q / np.sqrt(Q.shape[1])
        w = np.exp(s - s.max())
        w /= w.sum()
        for j in range(len(w)):
            out[i] += w[j] * V[j]
    return out


@right("einsum")
def attention_output(Q, K, V):
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2:
        raise ValueError(f"Q and K must be 2-D, got shapes {Q.shape} and {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width, got {Q.shape[1]} and {K.shape[1]}")
    if V.ndim != 2 or V.shape[0] != K.shape[0]:
        raise ValueError(f"V must be (m, d_v) with one row per key (m = {K.shape[0]}), got shape {V.shape}")
    s = np.einsum("nk,mk->nm", Q, K) / np.sqrt(Q.shape[1])
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    w /= w.sum(axis=-1, keepdims=True)
    return np.einsum("nm,mv->nv", w, V)


# ------------------------------------------------------------------ soft_vs_hard_lookup

@wrong("dot products where cosines are asked")
def soft_vs_hard_lookup(keys, values, query, beta):
    keys, values = np.asarray(keys, dtype=np.float64), np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2 or values.ndim != 2 or query.ndim != 1:
        raise ValueError("keys and values must be 2-D and query 1-D")
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have as many rows, got {keys.shape[0]} and {values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have width {keys.shape[1]}, got {query.shape[0]}")
    if isinstance(beta, bool) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    beta = float(beta)
    s = keys @ query
    hard_id = int(np.argmax(s))
    w = np.exp(beta * s - np.max(beta * s))
    w /= w.sum()
    return {"hard_id": hard_id, "hard": values[hard_id], "weights": w, "soft": w @ values}


@wrong("hard_id is a numpy integer")
def soft_vs_hard_lookup(keys, values, query, beta):
    keys, values = np.asarray(keys, dtype=np.float64), np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2 or values.ndim != 2 or query.ndim != 1:
        raise ValueError("keys and values must be 2-D and query 1-D")
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have as many rows, got {keys.shape[0]} and {values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have width {keys.shape[1]}, got {query.shape[0]}")
    if isinstance(beta, bool) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    beta = float(beta)
    norms = np.linalg.norm(keys, axis=1) * np.linalg.norm(query)
    cos = np.where(norms > 0, keys @ query / np.where(norms > 0, norms, 1.0), 0.0)
    hard_id = np.argmax(cos)
    w = np.exp(beta * (cos - cos.max()))
    w /= w.sum()
    return {"hard_id": hard_id, "hard": values[hard_id], "weights": w, "soft": w @ values}


@wrong("beta was ignored")
def soft_vs_hard_lookup(keys, values, query, beta):
    keys, values = np.asarray(keys, dtype=np.float64), np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2 or values.ndim != 2 or query.ndim != 1:
        raise ValueError("keys and values must be 2-D and query 1-D")
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have as many rows, got {keys.shape[0]} and {values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have width {keys.shape[1]}, got {query.shape[0]}")
    if isinstance(beta, bool) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    beta = float(beta)
    norms = np.linalg.norm(keys, axis=1) * np.linalg.norm(query)
    cos = np.where(norms > 0, keys @ query / np.where(norms > 0, norms, 1.0), 0.0)
    hard_id = int(np.argmax(cos))
    w = np.exp(cos - cos.max())
    w /= w.sum()
    return {"hard_id": hard_id, "hard": values[hard_id], "weights": w, "soft": w @ values}


@right("unit vectors first, as in notebook 03")
def soft_vs_hard_lookup(keys, values, query, beta):
    keys, values = np.asarray(keys, dtype=np.float64), np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2 or values.ndim != 2 or query.ndim != 1:
        raise ValueError("keys and values must be 2-D and query 1-D")
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have as many rows, got {keys.shape[0]} and {values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have width {keys.shape[1]}, got {query.shape[0]}")
    if isinstance(beta, bool) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    beta = float(beta)

    def unit(a):
        n = np.linalg.norm(a, axis=-1, keepdims=True)
        return np.divide(a, n, out=np.zeros_like(a), where=n > 0)

    cos = unit(keys) @ unit(query)
    order = np.argsort(-cos, kind="stable")
    hard_id = int(order[0])
    w = np.exp(beta * cos - (beta * cos).max())
    w = w / w.sum()
    return {"hard_id": hard_id, "hard": values[hard_id].copy(), "weights": w, "soft": values.T @ w}


@right("loops over the keys")
def soft_vs_hard_lookup(keys, values, query, beta):
    keys, values = np.asarray(keys, dtype=np.float64), np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2 or values.ndim != 2 or query.ndim != 1:
        raise ValueError("keys and values must be 2-D and query 1-D")
    if keys.shape[0] != values.shape[0]:
        raise ValueError(f"keys and values must have as many rows, got {keys.shape[0]} and {values.shape[0]}")
    if query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have width {keys.shape[1]}, got {query.shape[0]}")
    if isinstance(beta, bool) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a number >= 0, got {beta!r}")
    beta = float(beta)
    qn = np.sqrt(np.sum(query ** 2))
    cos = []
    for k in keys:
        kn = np.sqrt(np.sum(k ** 2))
        cos.append(0.0 if kn == 0 or qn == 0 else float(k @ query) / (kn * qn))
    best = 0
    for j, c in enumerate(cos):
        if c > cos[best]:
            best = j
    logits = [beta * c for c in cos]
    top = max(logits)
    w = np.array([np.exp(x - top) for x in logits])
    w = w / w.sum()
    soft = np.zeros(values.shape[1])
    for j in range(len(w)):
        soft = soft + w[j] * values[j]
    return {"hard_id": best, "hard": values[best], "weights": w, "soft": soft}
