"""Student implementations for 10_parameter_counting: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# --------------------------------------------------------------- embedding_params

@wrong("numpy integer", slug="np.prod returns np.int64")
def embedding_params(V, d):
    for name, v in (("V", V), ("d", d)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer")
    return np.prod([V, d])


@wrong("overflowed", slug="int(V * d) with int32 sizes")
def embedding_params(V, d):
    for name, v in (("V", V), ("d", d)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer")
    return int(V * d)


@wrong("must raise", slug="no validation")
def embedding_params(V, d):
    return int(V) * int(d)


@wrong("bytes instead of parameters")
def embedding_params(V, d):
    for name, v in (("V", V), ("d", d)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer")
    return int(V) * int(d) * 4


@right("operator.index")
def embedding_params(V, d):
    import operator
    sizes = []
    for name, v in (("V", V), ("d", d)):
        if type(v) is bool:
            raise ValueError(f"{name} is a bool, not a size")
        try:
            v = operator.index(v)
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {v!r}") from None
        if v < 1:
            raise ValueError(f"{name} must be >= 1, got {v}")
        sizes.append(v)
    return sizes[0] * sizes[1]


@right("math.prod of Python ints")
def embedding_params(V, d):
    import math
    if any(isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) for v in (V, d)):
        raise ValueError(f"V and d must be integers, got {V!r}, {d!r}")
    if min(V, d) < 1:
        raise ValueError(f"V and d must be >= 1, got {V}, {d}")
    return math.prod([int(V), int(d)])


# --------------------------------------------------------- model_embedding_params

def _check(name, v, minimum):
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {v!r}")
    return int(v)


@wrong("counted twice", slug="tied head counted")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d, n_positions, n_token_types = int(V), int(d), int(n_positions), int(n_token_types)
    token = V * d
    lm_head = V * d              # the output layer maps d -> V
    out = {"token": token, "position": n_positions * d, "token_type": n_token_types * d, "lm_head": lm_head}
    out["total"] = sum(out.values())
    return out


@wrong("position table was forgotten", slug="positions forgotten")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d, n_token_types = int(V), int(d), int(n_token_types)
    out = {"token": V * d, "position": 0, "token_type": n_token_types * d, "lm_head": 0 if tied else V * d}
    out["total"] = sum(out.values())
    return out


@wrong("total leaves out the position", slug="total = token + lm_head")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d = int(V), int(d)
    token = V * d
    head = 0 if tied else V * d
    return {"token": token, "position": int(n_positions) * d, "token_type": int(n_token_types) * d,
            "lm_head": head, "total": token + head}


@wrong("token-type table was forgotten", slug="token types forgotten")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d, n_positions = int(V), int(d), int(n_positions)
    out = {"token": V * d, "position": n_positions * d, "token_type": 0, "lm_head": 0 if tied else V * d}
    out["total"] = sum(out.values())
    return out


@wrong("untied output head is missing", slug="lm_head always 0")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d, P, S = int(V), int(d), int(n_positions), int(n_token_types)
    out = {"token": V * d, "position": P * d, "token_type": S * d, "lm_head": 0}
    out["total"] = sum(out.values())
    return out


@wrong("no bias", slug="untied head with a bias")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    V, d, P, S = int(V), int(d), int(n_positions), int(n_token_types)
    out = {"token": V * d, "position": P * d, "token_type": S * d, "lm_head": 0 if tied else V * d + V}
    out["total"] = sum(out.values())
    return out


@wrong("numpy integer", slug="numpy products")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    for name, v, low in (("V", V, 1), ("d", d, 1), ("n_positions", n_positions, 0), ("n_token_types", n_token_types, 0)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{name} must be an integer >= {low}")
    rows = np.array([V, n_positions, n_token_types, 0 if tied else V], dtype=np.int64)
    sizes = rows * d
    out = dict(zip(["token", "position", "token_type", "lm_head"], sizes))
    out["total"] = sizes.sum()
    return out


@wrong("must raise", slug="negative counts accepted")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    V, d, P, S = int(V), int(d), int(n_positions), int(n_token_types)
    out = {"token": V * d, "position": P * d, "token_type": S * d, "lm_head": 0 if tied else V * d}
    out["total"] = sum(out.values())
    return out


@right("one table at a time")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    import operator

    def count(name, v, minimum):
        if type(v) is bool:
            raise ValueError(f"{name} is a bool")
        try:
            v = operator.index(v)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if v < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {v}")
        return v

    V, d = count("V", V, 1), count("d", d, 1)
    rows = {"token": V, "position": count("n_positions", n_positions, 0),
            "token_type": count("n_token_types", n_token_types, 0), "lm_head": 0 if tied else V}
    result = {name: r * d for name, r in rows.items()}
    result["total"] = result["token"] + result["position"] + result["token_type"] + result["lm_head"]
    return result


@right("shared-matrix bookkeeping")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    def as_count(name, v, low):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {v!r}")
        if v < low:
            raise ValueError(f"{name} must be >= {low}, got {v}")
        return int(v)

    V, d = as_count("V", V, 1), as_count("d", d, 1)
    P, S = as_count("n_positions", n_positions, 0), as_count("n_token_types", n_token_types, 0)
    matrices = [("token", V, d), ("position", P, d), ("token_type", S, d)]
    if not tied:
        matrices.append(("lm_head", V, d))
    result = {"token": 0, "position": 0, "token_type": 0, "lm_head": 0}
    for name, rows, cols in matrices:
        result[name] += rows * cols
    result["total"] = sum(result.values())
    return result


# --------------------------------------------------------- embedding_memory_bytes

@wrong("bits instead of bytes")
def embedding_memory_bytes(V, d, dtype="float32"):
    bits = {"float32": 32, "float16": 16, "bfloat16": 16, "int8": 8}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    if dtype not in bits:
        raise ValueError(f"unknown dtype {dtype!r}")
    return int(V) * int(d) * bits[dtype]


@wrong("bfloat16 counted as 4 bytes")
def embedding_memory_bytes(V, d, dtype="float32"):
    size = {"float32": 4, "float16": 2, "bfloat16": 4, "int8": 1}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    if dtype not in size:
        raise ValueError(f"unknown dtype {dtype!r}")
    return int(V) * int(d) * size[dtype]


@wrong("bfloat16", slug="np.dtype(dtype).itemsize")
def embedding_memory_bytes(V, d, dtype="float32"):
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    return int(V) * int(d) * np.dtype(dtype).itemsize


@wrong("case-sensitive", slug="dtype.lower()")
def embedding_memory_bytes(V, d, dtype="float32"):
    size = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    if not isinstance(dtype, str) or dtype.lower() not in size:
        raise ValueError(f"unknown dtype {dtype!r}")
    return int(V) * int(d) * size[dtype.lower()]


@wrong("unknown dtype was accepted", slug="default of 4 bytes")
def embedding_memory_bytes(V, d, dtype="float32"):
    size = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    return int(V) * int(d) * size.get(dtype, 4)


@wrong("numpy integer", slug="np.prod bytes")
def embedding_memory_bytes(V, d, dtype="float32"):
    size = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    if dtype not in size:
        raise ValueError(f"unknown dtype {dtype!r}")
    return np.prod([V, d, size[dtype]])


@wrong("overflowed", slug="int32 product")
def embedding_memory_bytes(V, d, dtype="float32"):
    size = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
    if isinstance(V, bool) or isinstance(d, bool) or not isinstance(V, (int, np.integer)) \
            or not isinstance(d, (int, np.integer)) or V < 1 or d < 1:
        raise ValueError("V and d must be positive integers")
    if dtype not in size:
        raise ValueError(f"unknown dtype {dtype!r}")
    return int(V * d * size[dtype])


@right("if/elif on the name")
def embedding_memory_bytes(V, d, dtype="float32"):
    import operator
    try:
        if type(V) is bool or type(d) is bool:
            raise TypeError
        V, d = operator.index(V), operator.index(d)
    except TypeError:
        raise ValueError("V and d must be integers") from None
    if V < 1 or d < 1:
        raise ValueError("V and d must be >= 1")
    if dtype == "float32" and type(dtype) is str:
        per_value = 4
    elif dtype in ("float16", "bfloat16") and type(dtype) is str:
        per_value = 2
    elif dtype == "int8" and type(dtype) is str:
        per_value = 1
    else:
        raise ValueError(f"dtype must be 'float32', 'float16', 'bfloat16' or 'int8', got {dtype!r}")
    return V * d * per_value


@right("bits table divided by 8")
def embedding_memory_bytes(V, d, dtype="float32"):
    bits = {"float32": 32, "float16": 16, "bfloat16": 16, "int8": 8}
    for name, v in (("V", V), ("d", d)):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if not isinstance(dtype, str) or dtype not in bits:
        raise ValueError(f"unsupported dtype {dtype!r}; use one of {sorted(bits)}")
    return int(V) * int(d) * bits[dtype] // 8


# -------------------------------------------------------------- resize_embeddings

@wrong("zeros", slug="zero rows")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    out = np.zeros((new_V, E.shape[1]))
    out[:E.shape[0]] = E
    return out


@wrong("not the mean", slug="random rows")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    V, d = E.shape
    new_rows = np.random.default_rng(0).normal(0.0, E.std(), size=(new_V - V, d))
    return np.vstack([E, new_rows])


@wrong("over columns", slug="E.mean(axis=1)")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    mean = E.mean(axis=1)
    return np.vstack([E, np.tile(mean, (new_V - E.shape[0], 1))])


@wrong("shrinking silently", slug="truncates when new_V < V")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < 1:
        raise ValueError("new_V must be a positive integer")
    if new_V <= E.shape[0]:
        return E[:new_V].copy()
    return np.vstack([E, np.tile(E.mean(axis=0), (new_V - E.shape[0], 1))])


@wrong("modified its input", slug="ndarray.resize in place")
def resize_embeddings(E, new_V):
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)):
        raise ValueError("new_V must be an integer")
    if not isinstance(E, np.ndarray) or E.dtype != np.float64:
        E = np.array(E, dtype=np.float64)
    if E.ndim != 2 or new_V < E.shape[0]:
        raise ValueError("E must be 2-D and new_V >= V")
    V = E.shape[0]
    mean = E.mean(axis=0)
    E.resize((new_V, E.shape[1]), refcheck=False)
    E[V:] = mean
    return E.copy()


@wrong("one number", slug="E.mean() of all entries")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    out = np.full((new_V, E.shape[1]), E.mean())
    out[:E.shape[0]] = E
    return out


@wrong("after appending zero rows", slug="mean over the grown table")
def resize_embeddings(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    out = np.zeros((new_V, E.shape[1]))
    out[:E.shape[0]] = E
    out[E.shape[0]:] = out.mean(axis=0)
    return out


@wrong("float64", slug="keeps float32")
def resize_embeddings(E, new_V):
    E = np.asarray(E)
    if E.ndim != 2:
        raise ValueError("E must be 2-D")
    if isinstance(new_V, bool) or not isinstance(new_V, (int, np.integer)) or new_V < E.shape[0]:
        raise ValueError("new_V must be an integer >= V")
    extra = np.repeat(E.mean(axis=0, keepdims=True), new_V - E.shape[0], axis=0).astype(E.dtype)
    return np.concatenate([E, extra])


@right("row by row")
def resize_embeddings(E, new_V):
    rows = [list(map(float, row)) for row in np.asarray(E, dtype=np.float64)] if np.ndim(E) == 2 else None
    if rows is None or not rows or not rows[0]:
        raise ValueError("E must be a non-empty (V, d) table")
    if isinstance(new_V, (bool, np.bool_)) or not isinstance(new_V, (int, np.integer)):
        raise ValueError(f"new_V must be an integer, got {new_V!r}")
    V, d = len(rows), len(rows[0])
    if new_V < V:
        raise ValueError(f"new_V = {new_V} would drop tokens (V = {V})")
    mean = [sum(row[k] for row in rows) / V for k in range(d)]
    return np.array(rows + [list(mean) for _ in range(new_V - V)], dtype=np.float64).reshape(int(new_V), d)


@right("concatenate a repeated mean row")
def resize_embeddings(E, new_V):
    import operator
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] == 0:
        raise ValueError(f"E must be a non-empty 2-D table, got shape {E.shape}")
    if type(new_V) is bool:
        raise ValueError("new_V is a bool")
    try:
        new_V = operator.index(new_V)
    except TypeError:
        raise ValueError(f"new_V must be an integer, got {new_V!r}") from None
    V = E.shape[0]
    if new_V < V:
        raise ValueError(f"new_V ({new_V}) must be >= V ({V}): shrinking drops tokens")
    mean_row = E.mean(axis=0, keepdims=True)
    return np.concatenate([E, np.repeat(mean_row, new_V - V, axis=0)], axis=0)


@right("tied read by truthiness (the contract passes only bools)")
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    sizes = {"V": (V, 1), "d": (d, 1), "n_positions": (n_positions, 0), "n_token_types": (n_token_types, 0)}
    for name, (n, least) in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < least:
            raise ValueError(f"{name} must be an integer >= {least}, got {n!r}")
    V, d, n_positions, n_token_types = int(V), int(d), int(n_positions), int(n_token_types)
    out = {"token": V * d, "position": n_positions * d, "token_type": n_token_types * d,
           "lm_head": 0 if tied else V * d}
    out["total"] = sum(out.values())
    return out


# ------------------------------------------------------------------ embedding_shapes

def _positive(**sizes):
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")


@wrong("logits have the model width")
def embedding_shapes(B, T, V, d, n_positions):
    _positive(B=B, T=T, V=V, d=d, n_positions=n_positions)
    if T > n_positions:
        raise ValueError(f"T = {T} exceeds n_positions = {n_positions}")
    B, T, V, d, n = int(B), int(T), int(V), int(d), int(n_positions)
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (n, d), "X_plus_P": (B, T, d),
            "lm_head": (V, d), "logits": (B, T, d)}


@wrong("P has T rows")
def embedding_shapes(B, T, V, d, n_positions):
    _positive(B=B, T=T, V=V, d=d, n_positions=n_positions)
    if T > n_positions:
        raise ValueError(f"T = {T} exceeds n_positions = {n_positions}")
    B, T, V, d = int(B), int(T), int(V), int(d)
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (T, d), "X_plus_P": (B, T, d),
            "lm_head": (V, d), "logits": (B, T, V)}


@wrong("lm_head is (d, V)")
def embedding_shapes(B, T, V, d, n_positions):
    _positive(B=B, T=T, V=V, d=d, n_positions=n_positions)
    if T > n_positions:
        raise ValueError(f"T = {T} exceeds n_positions = {n_positions}")
    B, T, V, d, n = int(B), int(T), int(V), int(d), int(n_positions)
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (n, d), "X_plus_P": (B, T, d),
            "lm_head": (d, V), "logits": (B, T, V)}


@right("shapes traced with np.broadcast_shapes")
def embedding_shapes(B, T, V, d, n_positions):
    for name, n in (("B", B), ("T", T), ("V", V), ("d", d), ("n_positions", n_positions)):
        if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {n!r}")
        if n < 1:
            raise ValueError(f"{name} must be >= 1, got {n}")
    if T > n_positions:
        raise ValueError(f"T = {T} is longer than the position table (n_positions = {n_positions})")
    ids = (int(B), int(T))
    E = (int(V), int(d))
    X = ids + E[1:]                                     # E[ids]: the shape of ids, then d
    X_plus_P = tuple(int(n) for n in np.broadcast_shapes(X, (int(T), int(d))))
    logits = X[:-1] + E[:1]                             # h @ W_out^T with W_out (V, d)
    return {"ids": ids, "E": E, "X": X, "P": (int(n_positions), int(d)), "X_plus_P": X_plus_P,
            "lm_head": E, "logits": logits}


@right("tiny arrays with zero-size axes, shapes read off")
def embedding_shapes(B, T, V, d, n_positions):
    sizes = dict(B=B, T=T, V=V, d=d, n_positions=n_positions)
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    if T > n_positions:
        raise ValueError(f"T = {T} > n_positions = {n_positions}")
    B, T, V, d, n = (int(sizes[k]) for k in ("B", "T", "V", "d", "n_positions"))
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (n, d), "X_plus_P": (B, T, d),
            "lm_head": (V, d), "logits": (B, T, V)}


# ------------------------------------------------------------------ quantize_int8

@wrong("one scale for the whole table", slug="per-tensor scale")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = np.abs(E).max() / 127
    q = np.round(E / scale).astype(np.int8) if scale > 0 else np.zeros(E.shape, dtype=np.int8)
    return q, np.full(E.shape[0], scale)


@wrong("truncated", slug="astype without rounding")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = np.abs(E).max(axis=1) / 127
    safe = np.where(scale == 0, 1.0, scale)
    q = (E / safe[:, None]).astype(np.int8)
    return q, scale


@wrong("wraps around to -128", slug="scale max/128")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = np.abs(E).max(axis=1) / 128           # int8 goes from -128 to 127
    safe = np.where(scale == 0, 1.0, scale)
    q = np.round(E / safe[:, None]).astype(np.int64).astype(np.int8)
    return q, scale


@wrong("multiplier", slug="scale = 127 / max")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    amax = np.abs(E).max(axis=1)
    factor = np.divide(127.0, amax, out=np.zeros_like(amax), where=amax > 0)
    q = np.round(E * factor[:, None]).astype(np.int8)
    return q, factor


@wrong("largest magnitude", slug="E.max instead of abs max")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = E.max(axis=1) / 127
    safe = np.where(scale == 0, 1.0, scale)
    q = np.round(E / safe[:, None]).astype(np.int64).astype(np.int8)
    return q, scale


@wrong("zero row", slug="0/0 for a zero row")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = np.abs(E).max(axis=1) / 127
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.nan_to_num(np.round(E / scale[:, None]), nan=-128).astype(np.int8)
    return q, scale


@wrong("q holds floats", slug="codes left as floats")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or not np.isfinite(E).all():
        raise ValueError("E must be a finite 2-D table")
    scale = np.abs(E).max(axis=1) / 127
    safe = np.where(scale == 0, 1.0, scale)
    return np.round(E / safe[:, None]), scale


@wrong("must raise", slug="NaN accepted")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError("E must be a 2-D table")
    scale = np.abs(E).max(axis=1) / 127
    safe = np.where(scale == 0, 1.0, scale)
    with np.errstate(invalid="ignore"):
        return np.round(E / safe[:, None]).astype(np.int8), scale


@right("row by row with np.rint and a clip")
def quantize_int8(E):
    E = np.array(E, dtype=np.float64)
    if E.ndim != 2 or E.size == 0:
        raise ValueError(f"E must be a non-empty 2-D (V, d) table, got shape {E.shape}")
    if np.isnan(E).any() or np.isinf(E).any():
        raise ValueError("E has NaN or inf entries")
    q = np.zeros(E.shape, dtype=np.int8)
    scale = np.zeros(E.shape[0])
    for v, row in enumerate(E):
        m = np.max(np.abs(row))
        if m > 0:
            scale[v] = m / 127.0
            q[v] = np.clip(np.rint(row / scale[v]), -127, 127).astype(np.int8)
    return q, scale


@right("keepdims and np.divide with where")
def quantize_int8(E):
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be 2-D, got {E.ndim} dimension(s)")
    if not np.all(np.isfinite(E)):
        raise ValueError("E must be finite")
    step = np.max(np.abs(E), axis=1, keepdims=True) / 127.0
    codes = np.divide(E, step, out=np.zeros_like(E), where=step > 0)
    return np.round(codes).astype(np.int8), step[:, 0]


# ------------------------------------------------------------------ migrate_embeddings

@wrong("kept by id", slug="old rows kept at their old ids")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    if len(set(old_vocab)) != len(old_vocab) or len(set(new_vocab)) != len(new_vocab):
        raise ValueError("old_vocab and new_vocab must not repeat a string")
    n = len(new_vocab)
    E_new = np.tile(E_old.mean(axis=0), (n, 1))
    k = min(n, len(E_old))
    E_new[:k] = E_old[:k]
    return E_new


@wrong("source and destination swapped", slug="loop over old_vocab, indices swapped")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    if len(set(old_vocab)) != len(old_vocab) or len(set(new_vocab)) != len(new_vocab):
        raise ValueError("old_vocab and new_vocab must not repeat a string")
    new_vocab = list(new_vocab)
    E_new = np.tile(E_old.mean(axis=0), (len(new_vocab), 1))
    for j, token in enumerate(old_vocab):
        if token in new_vocab:
            E_new[j] = E_old[new_vocab.index(token)]
    return E_new


@wrong("zeros", slug="new rows zero")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    if len(set(old_vocab)) != len(old_vocab) or len(set(new_vocab)) != len(new_vocab):
        raise ValueError("old_vocab and new_vocab must not repeat a string")
    E_new = np.zeros((len(new_vocab), E_old.shape[1]))
    for i, token in enumerate(new_vocab):
        if token in old_vocab:
            E_new[i] = E_old[list(old_vocab).index(token)]
    return E_new


@wrong("matched rows only", slug="mean of the copied rows")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    if len(set(old_vocab)) != len(old_vocab) or len(set(new_vocab)) != len(new_vocab):
        raise ValueError("old_vocab and new_vocab must not repeat a string")
    where = {t: i for i, t in enumerate(old_vocab)}
    kept = [where[t] for t in new_vocab if t in where]
    fill = E_old[kept].mean(axis=0) if kept else np.zeros(E_old.shape[1])
    return np.array([E_old[where[t]] if t in where else fill for t in new_vocab]).reshape(len(new_vocab), -1)


@wrong("lower-casing or stripping", slug="normalised strings")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    if len(set(old_vocab)) != len(old_vocab) or len(set(new_vocab)) != len(new_vocab):
        raise ValueError("old_vocab and new_vocab must not repeat a string")
    where = {}
    for i, t in enumerate(old_vocab):
        where.setdefault(t.strip().lower(), i)
    mean = E_old.mean(axis=0)
    return np.array([E_old[where[t.strip().lower()]] if t.strip().lower() in where else mean
                     for t in new_vocab]).reshape(len(new_vocab), -1)


@wrong("must raise", slug="duplicate strings accepted")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or len(old_vocab) != len(E_old):
        raise ValueError("E_old must be a (V, d) table with one row per string of old_vocab")
    where = {t: i for i, t in enumerate(old_vocab)}
    mean = E_old.mean(axis=0)
    return np.array([E_old[where[t]] if t in where else mean for t in new_vocab]).reshape(len(new_vocab), -1)


@right("dictionary from string to old id")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2:
        raise ValueError(f"E_old must be a 2-D table, got shape {E_old.shape}")
    if len(old_vocab) != E_old.shape[0]:
        raise ValueError(f"old_vocab has {len(old_vocab)} strings for {E_old.shape[0]} rows of E_old")
    for name, vocab in (("old_vocab", old_vocab), ("new_vocab", new_vocab)):
        if len(set(vocab)) != len(vocab):
            raise ValueError(f"{name} repeats a string")
    old_id = {token: i for i, token in enumerate(old_vocab)}
    E_new = np.empty((len(new_vocab), E_old.shape[1]))
    E_new[:] = E_old.mean(axis=0)
    for i, token in enumerate(new_vocab):
        if token in old_id:
            E_new[i] = E_old[old_id[token]]
    return E_new


@right("index arrays and one fancy-indexed copy")
def migrate_embeddings(E_old, old_vocab, new_vocab):
    E_old = np.array(E_old, dtype=np.float64)
    if E_old.ndim != 2 or E_old.shape[0] != len(old_vocab):
        raise ValueError(f"E_old must be (len(old_vocab), d) = ({len(old_vocab)}, d), got {E_old.shape}")
    if len(set(old_vocab)) < len(old_vocab):
        raise ValueError("old_vocab has a duplicate string")
    if len(set(new_vocab)) < len(new_vocab):
        raise ValueError("new_vocab has a duplicate string")
    old_list = list(old_vocab)
    src = np.array([old_list.index(t) if t in old_list else -1 for t in new_vocab])
    E_new = np.repeat(E_old.mean(axis=0, keepdims=True), len(new_vocab), axis=0)
    found = src >= 0
    E_new[found] = E_old[src[found]]
    return E_new
