"""Student implementations for 02_one_hot: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one. No entry calls another graded
# function (the module-level name would be whichever was defined last).
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------------ one_hot

@wrong("an integer one-hot matrix")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError(f"ids must be integers, got {ids.dtype}")
    if ids.min() < 0 or ids.max() >= V:
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}")
    out = np.zeros(ids.shape + (V,), dtype=ids.dtype)
    np.put_along_axis(out, ids[..., None], 1, axis=-1)
    return out


@wrong("a boolean one-hot matrix")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    return ids[..., None] == np.arange(V)


@wrong("the one-hot axis comes first")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    return np.eye(V)[:, ids]          # column i of the identity is the one-hot vector of i


@wrong("max(ids) + 1")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    n_classes = int(ids.max()) + 1
    return (ids[..., None] == np.arange(n_classes)).astype(np.float64)


@wrong("flattened")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    flat = ids.reshape(-1)
    out = np.zeros((flat.size, V))
    out[np.arange(flat.size), flat] = 1.0
    return out


@wrong("wrap around")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    if ids.max() >= V:
        raise ValueError("ids must be < V")
    return np.eye(V)[ids]


@wrong("row of zeros")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    return (ids[..., None] == np.arange(V)).astype(np.float64)


@right("validated comparison with arange")
def one_hot(ids, V):
    if isinstance(V, (bool, np.bool_)) or not isinstance(V, (int, np.integer)):
        raise ValueError(f"V must be an integer, got {V!r}")
    if V < 1:
        raise ValueError(f"V must be >= 1, got {V}")
    ids = np.asarray(ids)
    if ids.dtype == bool or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}")
    return (ids[..., None] == np.arange(V)).astype(np.float64)


@right("flat indices")
def one_hot(ids, V):
    import operator
    if type(V) is bool or isinstance(V, np.bool_):
        raise ValueError("V is a bool, not a size")
    try:
        V = operator.index(V)
    except TypeError:
        raise ValueError(f"V must be an integer, got {V!r}") from None
    if V < 1:
        raise ValueError("V must be >= 1")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError(f"ids: integer dtype needed, got {ids.dtype}")
    flat = ids.ravel()
    if flat.size and (flat.min() < 0 or flat.max() >= V):
        raise ValueError(f"ids out of range 0..{V - 1}")
    out = np.zeros(flat.size * V)
    out[np.arange(flat.size) * V + flat] = 1.0
    return out.reshape(ids.shape + (V,))


@right("loops over positions")
def one_hot(ids, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    out = np.zeros(ids.shape + (int(V),))
    for index in np.ndindex(*ids.shape):
        i = int(ids[index])
        if not 0 <= i < V:
            raise IndexError(f"id {i} is outside 0..{V - 1}")
        out[index + (i,)] = 1.0
    return out


# ----------------------------------------------------------------- one_hot_lookup

@wrong("max(ids) + 1")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("ids must be integers in 0..V-1")
    O = (ids[..., None] == np.arange(ids.max() + 1)).astype(np.float64)
    return O @ E


@wrong("E.shape[1]")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    V = E.shape[1]
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    return np.eye(V)[ids] @ E


@wrong("flattened")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("ids must be integers in 0..V-1")
    flat = ids.reshape(-1)
    O = np.zeros((flat.size, E.shape[0]))
    O[np.arange(flat.size), flat] = 1.0
    return O @ E


@wrong("float64")
def one_hot_lookup(E, ids):
    E = np.asarray(E)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= E.shape[0]:
        raise ValueError("ids must be integers in 0..V-1")
    O = (ids[..., None] == np.arange(E.shape[0])).astype(E.dtype)
    return O @ E


@wrong("wrap around")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    return np.eye(E.shape[0])[ids] @ E


@wrong("E was not checked")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    ids = np.asarray(ids)
    V = E.shape[0]
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    return (ids[..., None] == np.arange(V)).astype(np.float64) @ E


@right("einsum over the vocabulary axis")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be 2-D (V, d), got shape {E.shape}")
    V = E.shape[0]
    ids = np.asarray(ids)
    if ids.dtype == bool or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}")
    O = np.zeros(ids.shape + (V,))
    np.put_along_axis(O, ids[..., None], 1.0, axis=-1)
    return np.einsum("...v,vd->...d", O, E)


@right("tensordot")
def one_hot_lookup(E, ids):
    E = np.asarray(E, dtype=float)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must have an integer dtype")
    if ids.size and (ids.min() < 0 or ids.max() >= len(E)):
        raise IndexError(f"ids must lie in 0..{len(E) - 1}")
    O = (ids[..., None] == np.arange(len(E))).astype(float)
    return np.tensordot(O, E, axes=([-1], [0]))


@right("sum of selected rows, one vocabulary entry at a time")
def one_hot_lookup(E, ids):
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a (V, d) table")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    V, d = E.shape
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError("ids out of range")
    X = np.zeros(ids.shape + (d,))
    for v in range(V):
        X += (ids == v)[..., None] * E[v]      # one-hot column v times row v
    return X


# ------------------------------------------------------------------ one_hot_costs

@wrong("is 2 FLOPs")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"one_hot_entries": B * T * V, "matmul_flops": B * T * V * d, "lookup_copies": B * T * d}


@wrong("(2V - 1)")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"one_hot_entries": B * T * V, "matmul_flops": B * T * d * (V + (V - 1)), "lookup_copies": B * T * d}


@wrong("Python int")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    return {"one_hot_entries": np.prod([B, T, V]), "matmul_flops": 2 * np.prod([B, T, V, d]),
            "lookup_copies": np.prod([B, T, d])}


@wrong("overflow")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    costs = {"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}
    return {k: int(v) for k, v in costs.items()}


@wrong("rows of d numbers")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T}


@wrong("the zeros count too")
def one_hot_costs(B, T, V, d):
    for name, s in zip("BTVd", (B, T, V, d)):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{name} must be an integer >= 1")
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"one_hot_entries": B * T, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}


@wrong("must raise", slug="no validation")
def one_hot_costs(B, T, V, d):
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}


@right("math.prod")
def one_hot_costs(B, T, V, d):
    import math
    sizes = {"B": B, "T": T, "V": V, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, T, V, d = (int(sizes[k]) for k in "BTVd")
    tokens = B * T
    return {"one_hot_entries": math.prod((tokens, V)),
            "matmul_flops": 2 * math.prod((tokens, V, d)),
            "lookup_copies": math.prod((tokens, d))}


@right("operator.index, counted per token")
def one_hot_costs(B, T, V, d):
    import operator
    sizes = []
    for name, value in zip(("B", "T", "V", "d"), (B, T, V, d)):
        if type(value) is bool or isinstance(value, np.bool_):
            raise ValueError(f"{name} is a bool, not a size")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
        sizes.append(int(value))
    B, T, V, d = sizes
    per_token = {"one_hot_entries": V, "matmul_flops": V * d + V * d, "lookup_copies": d}
    return {key: B * T * value for key, value in per_token.items()}


# ------------------------------------------------------------- embedding_backward

@wrong("repeated ids lost", slug="dE[ids] += grad_X")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((V, grad_X.shape[-1]))
    dE[ids] += grad_X
    return dE


@wrong("repeated ids lost", slug="dE[ids] = grad_X")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((V, grad_X.shape[-1]))
    dE[ids.reshape(-1)] = grad_X.reshape(-1, grad_X.shape[-1])
    return dE


@wrong("divided by how often")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((V, grad_X.shape[-1]))
    counts = np.zeros(V)
    np.add.at(dE, ids, grad_X)
    np.add.at(counts, ids, 1)
    return dE / np.maximum(counts, 1)[:, None]


@wrong("(d, V)")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    d = grad_X.shape[-1]
    O = (ids.reshape(-1)[:, None] == np.arange(V)).astype(float)
    return grad_X.reshape(-1, d).T @ O


@wrong("not max(ids) + 1")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((int(ids.max()) + 1, grad_X.shape[-1]))
    np.add.at(dE, ids, grad_X)
    return dE


@wrong("float64", slug="keeps the dtype of grad_X")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((V, grad_X.shape[-1]), dtype=grad_X.dtype)
    np.add.at(dE, ids, grad_X)
    return dE


@wrong("wrap around")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    dE = np.zeros((V, grad_X.shape[-1]))
    np.add.at(dE, ids, grad_X)
    return dE


@wrong("grad_X's shape was not checked", slug="np.add.at broadcasts grad_X")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    dE = np.zeros((V, grad_X.shape[-1]))
    np.add.at(dE, ids, grad_X)
    return dE


@wrong("grad_X's shape was not checked", slug="flattens ids and grad_X")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu" or ids.min() < 0 or ids.max() >= V:
        raise ValueError("ids must be integers in 0..V-1")
    d = grad_X.shape[-1]
    dE = np.zeros((V, d))
    for i, g in zip(ids.reshape(-1), grad_X.reshape(-1, d)):
        dE[i] += g
    return dE


@wrong("np.bincount")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must be integers")
    if grad_X.shape[:-1] != ids.shape or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    flat, G = ids.reshape(-1), grad_X.reshape(-1, grad_X.shape[-1])
    return np.stack([np.bincount(flat, weights=G[:, j], minlength=V) for j in range(G.shape[1])], axis=1)


@right("a loop that accumulates")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, (bool, np.bool_)) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype == bool or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if grad_X.ndim != ids.ndim + 1 or grad_X.shape[:-1] != ids.shape:
        raise ValueError(f"grad_X must have shape {ids.shape} + (d,), got {grad_X.shape}")
    dE = np.zeros((int(V), grad_X.shape[-1]))
    for index in np.ndindex(*ids.shape):
        i = int(ids[index])
        if i < 0 or i >= V:
            raise ValueError(f"ids: {i} is outside 0..{V - 1}")
        dE[i] += grad_X[index]
    return dE


@right("bincount per column, validated")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError("ids must have an integer dtype")
    if ids.min() < 0 or ids.max() >= V:
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}")
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if grad_X.shape != ids.shape + grad_X.shape[-1:] or grad_X.ndim != ids.ndim + 1:
        raise ValueError("grad_X must have shape ids.shape + (d,)")
    flat, G = ids.reshape(-1), grad_X.reshape(-1, grad_X.shape[-1])
    return np.stack([np.bincount(flat, weights=G[:, j], minlength=int(V)) for j in range(G.shape[1])], axis=1)


@right("transpose of the one-hot matrix: dE = O^T G")
def embedding_backward(ids, grad_X, V):
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError(f"V must be an integer >= 1, got {V!r}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}")
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if grad_X.ndim != ids.ndim + 1 or grad_X.shape[:-1] != ids.shape:
        raise ValueError(f"grad_X must have shape {ids.shape} + (d,), got {grad_X.shape}")
    d = grad_X.shape[-1]
    O = (ids.reshape(-1)[:, None] == np.arange(V)).astype(np.float64)     # (N, V)
    return O.T @ grad_X.reshape(-1, d)


# ---------------------------------------------------------------- backward_shapes

def _sizes(B, T, V, d):
    for name, value in zip("BTVd", (B, T, V, d)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    return int(B), int(T), int(V), int(d)


@wrong("dE has the shape of E", slug="dE shaped like X")
def backward_shapes(B, T, V, d):
    B, T, V, d = _sizes(B, T, V, d)
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (B, T, d)}


@wrong("already the transpose", slug="O_rows transposed")
def backward_shapes(B, T, V, d):
    B, T, V, d = _sizes(B, T, V, d)
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (V, B * T), "G_rows": (B * T, d), "dE": (V, d)}


@wrong("grad_X has the shape of X", slug="grad_X shaped like E")
def backward_shapes(B, T, V, d):
    B, T, V, d = _sizes(B, T, V, d)
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (V, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (V, d)}


@wrong("not (d, V)", slug="dE transposed")
def backward_shapes(B, T, V, d):
    B, T, V, d = _sizes(B, T, V, d)
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (d, V)}


@wrong("must raise", slug="sizes not checked")
def backward_shapes(B, T, V, d):
    B, T, V, d = (int(x) for x in (B, T, V, d))
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (V, d)}


@right("sizes checked, then written out")
def backward_shapes(B, T, V, d):
    sizes = {"B": B, "T": T, "V": V, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    B, T, V, d = (int(sizes[k]) for k in "BTVd")
    n = B * T
    return dict(ids=(B, T), O=(B, T, V), X=(B, T, d), grad_X=(B, T, d), O_rows=(n, V), G_rows=(n, d), dE=(V, d))


@right("traced with matmul shape rules")
def backward_shapes(B, T, V, d):
    import operator
    sizes = []
    for name, value in zip("BTVd", (B, T, V, d)):
        value = operator.index(value)
        if value < 1:
            raise ValueError(f"{name} must be >= 1")
        sizes.append(value)
    B, T, V, d = sizes

    def matmul(a, b):
        assert a[-1] == b[-2]
        return a[:-2] + (a[-2], b[-1])

    ids = (B, T)
    O = ids + (V,)
    X = matmul(O, (V, d))
    O_rows = (B * T, O[-1])
    G_rows = (B * T, X[-1])
    dE = matmul(O_rows[::-1], G_rows)          # O^T G
    return {"ids": ids, "O": O, "X": X, "grad_X": X, "O_rows": O_rows, "G_rows": G_rows, "dE": dE}
