"""Student implementations for 01_lookup: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ lookup_shapes

@wrong("(T, B, d)")
def lookup_shapes(V, d, B, T):
    return {"E": (V, d), "ids": (B, T), "X": (T, B, d)}


@wrong("(d, V)")
def lookup_shapes(V, d, B, T):
    return {"E": (d, V), "ids": (B, T), "X": (B, T, d)}


@wrong("X ends in V")
def lookup_shapes(V, d, B, T):
    return {"E": (V, d), "ids": (B, T), "X": (B, T, V)}


@wrong("tuples of Python ints")
def lookup_shapes(V, d, B, T):
    return {"E": [V, d], "ids": [B, T], "X": [B, T, d]}


@wrong("must raise", slug="no validation")
def lookup_shapes(V, d, B, T):
    return {"E": (int(V), int(d)), "ids": (int(B), int(T)), "X": (int(B), int(T), int(d))}


@right("validated with isinstance")
def lookup_shapes(V, d, B, T):
    sizes = {"V": V, "d": d, "B": B, "T": T}
    for name, value in sizes.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    V, d, B, T = (int(sizes[k]) for k in "VdBT")
    return {"E": (V, d), "ids": (B, T), "X": (B, T, d)}


@right("operator.index")
def lookup_shapes(V, d, B, T):
    import operator
    out = []
    for name, value in zip("VdBT", (V, d, B, T)):
        if type(value) is bool:
            raise ValueError(f"{name} is a bool")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if value < 1:
            raise ValueError(f"{name} must be >= 1")
        out.append(value)
    V, d, B, T = out
    return dict(E=(V, d), ids=(B, T), X=(B, T, d))


# ------------------------------------------------------------- attention_shapes

@wrong("head axis was left after T", slug="heads not moved before T")
def attention_shapes(V, d, B, T, n_heads):
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d}")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, T, n_heads, h),
            "scores": (B, n_heads, T, T), "head_outputs": (B, T, n_heads, h), "merged": (B, T, d),
            "logits": (B, T, V)}


@wrong("scores lost the head axis", slug="one score table per sequence")
def attention_shapes(V, d, B, T, n_heads):
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d}")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, V)}


@wrong("scores end in d_head", slug="scores keep d_head")
def attention_shapes(V, d, B, T, n_heads):
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d}")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, n_heads, T, h), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, V)}


@wrong("full width d", slug="every head of width d")
def attention_shapes(V, d, B, T, n_heads):
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, d),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, d), "merged": (B, T, d),
            "logits": (B, T, V)}


@wrong("logits end in d", slug="logits of width d")
def attention_shapes(V, d, B, T, n_heads):
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d}")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, d)}


@wrong("does not divide d was accepted", slug="floor division without a check")
def attention_shapes(V, d, B, T, n_heads):
    for name, value in zip(("V", "d", "B", "T", "n_heads"), (V, d, B, T, n_heads)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    V, d, B, T, n_heads = (int(v) for v in (V, d, B, T, n_heads))
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, V)}


@right("validated, then written out")
def attention_shapes(V, d, B, T, n_heads):
    sizes = {"V": V, "d": d, "B": B, "T": T, "n_heads": n_heads}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    V, d, B, T, n_heads = (int(sizes[k]) for k in sizes)
    d_head, rest = divmod(d, n_heads)
    if rest:
        raise ValueError(f"n_heads = {n_heads} does not divide d = {d}")
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, d_head),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, d_head), "merged": (B, T, d),
            "logits": (B, T, V)}


@right("traced with matmul shape rules")
def attention_shapes(V, d, B, T, n_heads):
    import operator
    sizes = []
    for name, value in zip(("V", "d", "B", "T", "n_heads"), (V, d, B, T, n_heads)):
        if type(value) is bool or isinstance(value, np.bool_):
            raise ValueError(f"{name} is a bool")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if value < 1:
            raise ValueError(f"{name} must be >= 1")
        sizes.append(value)
    V, d, B, T, n_heads = sizes
    if d % n_heads != 0:
        raise ValueError(f"n_heads must divide d, got n_heads = {n_heads}, d = {d}")

    def matmul(a, b):                       # numpy's rule: batch axes broadcast, (.., n, k) @ (k, m)
        assert a[-1] == b[-2]
        return a[:-2] + (a[-2], b[-1])

    X = (B, T, d)
    W_Q = (d, d)
    Q = matmul(X, W_Q)
    split = Q[:-1] + (n_heads, d // n_heads)               # (B, T, n_heads, d_head)
    Q_heads = (split[0], split[2], split[1], split[3])     # heads in front of T
    K_T = Q_heads[:-2] + (Q_heads[-1], Q_heads[-2])
    scores = matmul(Q_heads, K_T)
    head_outputs = matmul(scores, Q_heads)
    merged = (B, T, n_heads * (d // n_heads))
    logits = matmul(merged, (d, V))
    return {"X": X, "W_Q": W_Q, "Q": Q, "Q_heads": Q_heads, "scores": scores,
            "head_outputs": head_outputs, "merged": merged, "logits": logits}

# --------------------------------------------------------------- embedding_lookup

@wrong("wrap around")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    return E[np.asarray(ids)]


@wrong("clipped")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    return E[np.clip(ids, 0, E.shape[0] - 1)]


@wrong("integer dtype", slug="float ids accepted")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids).astype(int)
    if ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("ids out of range")
    return E[ids]


@wrong("ids.T")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("bad ids")
    return E[ids.T]


@wrong("flattened")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("bad ids")
    return np.stack([E[i] for i in ids.ravel()])


@wrong("float64")
def embedding_lookup(E, ids):
    E = np.asarray(E)
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("bad ids")
    return E[ids]


@wrong("columns of E")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("bad ids")
    return E[:, ids].T


@wrong("modified its input", slug="normalises E in place")
def embedding_lookup(E, ids):
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= len(E):
        raise ValueError("bad ids")
    if isinstance(E, np.ndarray) and E.dtype == np.float64:
        E *= 1.0
        E += 0.0 * E
        E[0] = E[0]
        E[...] = np.round(E, 1)
    return np.asarray(E, dtype=np.float64)[ids]


@right("loops over ids")
def embedding_lookup(E, ids):
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype == bool or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError("ids must be integers")
    V, d = E.shape
    out = np.empty(ids.shape + (d,))
    for index in np.ndindex(*ids.shape):
        i = int(ids[index])
        if i < 0 or i >= V:
            raise IndexError(f"ids: {i} is outside 0..{V - 1}")
        out[index] = E[i]
    return out


@right("np.take")
def embedding_lookup(E, ids):
    E = np.asarray(E, dtype=float)
    if E.ndim != 2:
        raise ValueError(f"E must be 2-D, got {E.ndim}-D")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any():
        raise ValueError("ids must be non-negative")
    return np.take(E, ids, axis=0, mode="raise")


# ---------------------------------------------------------- add_learned_positions

@wrong("added whole")
def add_learned_positions(X, P):
    return np.asarray(X, dtype=np.float64) + np.asarray(P, dtype=np.float64)


@wrong("start at 1")
def add_learned_positions(X, P):
    X = np.asarray(X, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    T = X.shape[-2]
    if T + 1 > P.shape[0] or P.shape[1] != X.shape[-1] or P.ndim != 2:
        raise ValueError("sequence too long")
    return X + P[1:T + 1]


@wrong("X.shape[0]")
def add_learned_positions(X, P):
    X = np.asarray(X, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    if P.ndim != 2 or X.ndim not in (2, 3):
        raise ValueError("bad shapes")
    return X + P[:X.shape[0]]


@wrong("wrap around", slug="positions cycle past T_max")
def add_learned_positions(X, P):
    X = np.asarray(X, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    if P.ndim != 2 or X.ndim not in (2, 3) or P.shape[1] != X.shape[-1]:
        raise ValueError("bad shapes")
    T = X.shape[-2]
    return X + P[np.arange(T) % P.shape[0]]


@wrong("modified its input", slug="adds in place")
def add_learned_positions(X, P):
    P = np.asarray(P, dtype=np.float64)
    if np.ndim(X) not in (2, 3) or P.ndim != 2 or np.shape(X)[-2] > len(P) or np.shape(X)[-1] != P.shape[1]:
        raise ValueError("bad shapes")
    if isinstance(X, np.ndarray) and X.dtype == np.float64:
        X += P[:X.shape[-2]]
        return X.copy()
    return np.asarray(X, dtype=np.float64) + P[:np.shape(X)[-2]]


@right("explicit loops")
def add_learned_positions(X, P):
    X = np.array(X, dtype=np.float64)
    P = np.array(P, dtype=np.float64)
    if P.ndim != 2:
        raise ValueError("P must be (T_max, d)")
    if X.ndim == 2:
        batch = X[None]
    elif X.ndim == 3:
        batch = X
    else:
        raise ValueError("X must be (T, d) or (B, T, d)")
    B, T, d = batch.shape
    if d != P.shape[1] or T > P.shape[0]:
        raise ValueError("X does not fit P")
    out = np.empty_like(batch)
    for b in range(B):
        for t in range(T):
            out[b, t] = batch[b, t] + P[t]
    return out if X.ndim == 3 else out[0]


@right("einsum broadcast")
def add_learned_positions(X, P):
    X = np.asarray(X, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    if X.ndim not in (2, 3) or P.ndim != 2:
        raise ValueError(f"X must be 2-D or 3-D and P 2-D, got X {X.shape}, P {P.shape}")
    T, d = X.shape[-2:]
    if P.shape[1] != d:
        raise ValueError(f"P width {P.shape[1]} != d = {d}")
    if T > P.shape[0]:
        raise ValueError(f"X: T = {T} exceeds T_max = {P.shape[0]} rows of P")
    return np.add(X, np.einsum("td->td", P[:T]))
