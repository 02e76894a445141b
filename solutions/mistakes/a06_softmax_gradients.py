"""Student implementations for 06_softmax_gradients: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ gradient_shapes

@wrong("dW has shape (d, V)")
def gradient_shapes(V, d, N):
    for name, n in (("V", V), ("d", d), ("N", N)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (d, V), "dh": (N, d)}


@wrong("z and p have shape (V, N)")
def gradient_shapes(V, d, N):
    for name, n in (("V", V), ("d", d), ("N", N)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (V, N), "p": (V, N), "dW": (V, d), "dh": (N, d)}


@wrong("dh has shape (d,)")
def gradient_shapes(V, d, N):
    for name, n in (("V", V), ("d", d), ("N", N)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (d,)}


@wrong("y is an int, not a tuple")
def gradient_shapes(V, d, N):
    for name, n in (("V", V), ("d", d), ("N", N)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}


@wrong("y has shape (N, 1)")
def gradient_shapes(V, d, N):
    for name, n in (("V", V), ("d", d), ("N", N)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer")
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N, 1), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}


@wrong("must raise", slug="no validation")
def gradient_shapes(V, d, N):
    V, d, N = int(V), int(d), int(N)
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}


@right("operator.index")
def gradient_shapes(V, d, N):
    import operator
    sizes = []
    for name, value in (("V", V), ("d", d), ("N", N)):
        if type(value) is bool:
            raise ValueError(f"{name} is a bool, not a size")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
        sizes.append(value)
    V, d, N = sizes
    logits = (N, V)
    return dict(W=(V, d), h=(N, d), y=(N,), z=logits, p=logits, dW=(V, d), dh=(N, d))


@right("shapes built from one table of sizes")
def gradient_shapes(V, d, N):
    sizes = {}
    for name, value in zip(("V", "d", "N"), (V, d, N)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
        sizes[name] = int(value)
    layout = {"W": "Vd", "h": "Nd", "y": "N", "z": "NV", "p": "NV", "dW": "Vd", "dh": "Nd"}
    return {key: tuple(sizes[axis] for axis in axes) for key, axes in layout.items()}


# -------------------------------------------------------------------- softmax

@wrong("overflow")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("whole array instead of each row")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("subtracted the min")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.min(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("clipped the logits")
def softmax(z, axis=-1):
    z = np.clip(np.asarray(z, dtype=np.float64), -500, 500)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("keepdims")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=axis))
    return e / e.sum(axis=axis)


@wrong("axis argument was ignored")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@wrong("wrong axis", slug="normalises over axis 0")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@wrong("sum of the whole array")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum()


@wrong("float32", slug="keeps the input dtype")
def softmax(z, axis=-1):
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@right("log-sum-exp")
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) or not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis!r} is not an axis of z with shape {z.shape}")
    m = np.max(z, axis=axis, keepdims=True)
    log_sum = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return np.exp(z - log_sum)


@right("loop over slices")
def softmax(z, axis=-1):
    z = np.array(z, dtype=np.float64)
    if z.ndim == 0:
        raise ValueError("z is a scalar; a softmax needs an axis")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range for {z.ndim}-D z")
    moved = np.moveaxis(z, axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(*moved.shape[:-1]):
        row = moved[index]
        shifted = row - max(row)
        weights = np.exp(shifted)
        out[index] = weights / weights.sum()
    return np.moveaxis(out, -1, axis)


# -------------------------------------------------------------- cross_entropy
# Each correct variant validates like the reference; the mistakes keep a light
# validation so that they fail for the reason in their name.

@wrong("rounds to exactly 0 and log(0) = -inf", slug="-log(softmax(z)[y]) with a stable softmax")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return float(np.mean(-np.log(p[np.arange(len(y)), y])))


@wrong("p[y] underflows to 0: the softmax itself is fine", slug="-log of the notebook's softmax, validated")
def cross_entropy(h, W, y):
    W = np.asarray(W, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    y = np.asarray(y)
    if W.ndim != 2 or h.ndim not in (1, 2) or h.shape[-1] != W.shape[1]:
        raise ValueError(f"h {h.shape} and W {W.shape} do not fit")
    if y.dtype == np.bool_ or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must hold integer ids, got dtype {y.dtype}")
    H, Y = (h[None], y.reshape(1)) if h.ndim == 1 else (h, y)
    if Y.shape != (H.shape[0],) or Y.min() < 0 or Y.max() >= W.shape[0]:
        raise ValueError(f"y must be {H.shape[0]} ids with 0 <= y < V = {W.shape[0]}")
    Z = H @ W.T
    Z = Z - Z.max(axis=1, keepdims=True)
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)       # a correct, stable softmax
    return float(-np.mean(np.log(P[np.arange(len(Y)), Y])))


@wrong("overflow", slug="exp without the max shift")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    lse = np.log(np.exp(z).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@wrong("a small epsilon inside the log")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return float(np.mean(-np.log(p[np.arange(len(y)), y] + 1e-12)))


@wrong("not added back")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    m = z.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z - m).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@wrong("summed over the batch")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return float(np.sum(lse - z[np.arange(len(y)), y]))


@wrong("returned one loss per example")
def cross_entropy(h, W, y):
    h = np.atleast_2d(np.asarray(h, dtype=np.float64))
    W = np.asarray(W, dtype=np.float64)
    y = np.atleast_1d(np.asarray(y))
    z = h @ W.T
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return lse - z[np.arange(len(y)), y]


@wrong("the minus sign is missing")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    m = z.max(axis=1)
    log_p = z - (m + np.log(np.exp(z - m[:, None]).sum(axis=1)))[:, None]
    return float(np.mean(log_p[np.arange(len(y)), y]))


@wrong("(N, N) block")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W.T
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[:, y]))


@wrong("h @ W multiplies the wrong axes")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    z = h @ W
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@wrong("was not validated", slug="negative y wraps around")
def cross_entropy(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim not in (1, 2) or W.ndim != 2 or h.shape[-1] != W.shape[1]:
        raise ValueError("h must be (d,) or (N, d) and W (V, d)")
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.shape != (h.shape[0],):
        raise ValueError("one target per hidden state")
    z = h @ W.T
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@right("loop over examples, logaddexp")
def cross_entropy(h, W, y):
    W = np.asarray(W, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    if W.ndim != 2 or h.ndim not in (1, 2) or h.shape[-1] != W.shape[1]:
        raise ValueError(f"h {h.shape} and W {W.shape} do not fit: h is (d,) or (N, d), W is (V, d)")
    if h.ndim == 1:
        if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, np.integer)) and not (
                isinstance(y, np.ndarray) and y.ndim == 0 and y.dtype.kind in "iu"):
            raise ValueError(f"y must be one integer id, got {y!r}")
        examples = [(h, int(y))]
    else:
        y = np.asarray(y)
        if y.dtype.kind not in "iu" or y.shape != (h.shape[0],):
            raise ValueError(f"y must be {h.shape[0]} integer ids, got {y!r}")
        examples = list(zip(h, (int(t) for t in y)))
    total = 0.0
    for hi, yi in examples:
        if not 0 <= yi < W.shape[0]:
            raise ValueError(f"y = {yi} is not in 0..{W.shape[0] - 1}")
        z = W @ hi
        total += np.logaddexp.reduce(z) - z[yi]
    return float(total / len(examples))


@right("log-softmax and one-hot")
def cross_entropy(h, W, y):
    W = np.asarray(W, dtype=float)
    h = np.asarray(h, dtype=float)
    if W.ndim != 2:
        raise ValueError("W must be (V, d)")
    V = W.shape[0]
    single = h.ndim == 1
    H = np.atleast_2d(h)
    Y = np.asarray(y)
    if H.ndim != 2 or H.shape[1] != W.shape[1]:
        raise ValueError(f"h has shape {h.shape}, expected (d,) or (N, d) with d = {W.shape[1]}")
    if Y.dtype == bool or Y.dtype.kind not in "iu":
        raise ValueError("y must contain integer ids")
    if (single and Y.ndim != 0) or (not single and Y.shape != (H.shape[0],)):
        raise ValueError(f"y has shape {Y.shape}, which does not match h {h.shape}")
    Y = Y.reshape(-1)
    if np.any(Y < 0) or np.any(Y >= V):
        raise ValueError(f"y must be in [0, {V})")
    Z = np.einsum("vd,nd->nv", W, H)
    m = Z.max(axis=1, keepdims=True)
    log_p = Z - m - np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
    one_hot = np.eye(V)[Y]
    return float(-(one_hot * log_p).sum() / len(Y))


# ------------------------------------------------------- output_embedding_grad
# The mistakes below validate y (except the last one), so each fails for the reason in its name.

@wrong("overflow", slug="dW: exp without the max shift")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    e = np.exp(h @ W.T)
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return g.T @ h / len(y)


@wrong("transposed, shape (d, V)")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return h.T @ g / len(y)


@wrong("the sign is flipped")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(p)
    onehot[np.arange(len(y)), y] = 1
    return (onehot - p).T @ h / len(y)


@wrong("the batch mean is missing", slug="dW: no 1/N")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return g.T @ h


@wrong("e_y was not subtracted", slug="dW: p h^T")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return p.T @ h / len(y)


@wrong("p[:, y] -= 1", slug="dW: p[:, y] -= 1")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[:, y] -= 1
    return p.T @ h / len(y)


@wrong("separately before the outer product")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return np.outer(g.mean(axis=0), h.mean(axis=0))


@wrong("was not validated", slug="dW: negative y wraps around")
def output_embedding_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    if h.ndim not in (1, 2) or W.ndim != 2 or h.shape[-1] != W.shape[1]:
        raise ValueError("h must be (d,) or (N, d) and W (V, d)")
    if h.ndim == 1:
        h, y = h[None], y.reshape(1)
    if y.shape != (len(h),):
        raise ValueError("one target per hidden state")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return g.T @ h / len(y)


@right("loop of outer products")
def output_embedding_grad(h, W, y):
    W = np.array(W, dtype=np.float64)
    h = np.array(h, dtype=np.float64)
    if W.ndim != 2 or h.ndim not in (1, 2) or h.shape[-1] != W.shape[1]:
        raise ValueError(f"h {h.shape} and W {W.shape} do not fit")
    V = W.shape[0]
    if h.ndim == 1:
        if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, np.integer)) and not (
                isinstance(y, np.ndarray) and y.ndim == 0 and y.dtype.kind in "iu"):
            raise ValueError(f"y must be one integer id, got {y!r}")
        pairs = [(h, int(y))]
    else:
        y = np.asarray(y)
        if y.dtype.kind not in "iu" or y.shape != (h.shape[0],):
            raise ValueError(f"y must hold {h.shape[0]} integer ids")
        pairs = [(h[i], int(y[i])) for i in range(h.shape[0])]
    dW = np.zeros((V, W.shape[1]))
    for hi, yi in pairs:
        if yi < 0 or yi >= V:
            raise ValueError(f"y: target {yi} is outside 0..{V - 1}")
        z = W @ hi
        p = np.exp(z - z.max())
        p /= p.sum()
        p[yi] -= 1.0
        dW += np.outer(p, hi)
    return dW / len(pairs)


@right("einsum with one-hot")
def output_embedding_grad(h, W, y):
    W = np.asarray(W, dtype=float)
    h = np.asarray(h, dtype=float)
    if W.ndim != 2:
        raise ValueError("W must be (V, d)")
    V = W.shape[0]
    single = h.ndim == 1
    H = np.atleast_2d(h)
    Y = np.asarray(y)
    if H.ndim != 2 or H.shape[1] != W.shape[1]:
        raise ValueError(f"h has shape {h.shape}, expected (d,) or (N, d) with d = {W.shape[1]}")
    if Y.dtype == bool or Y.dtype.kind not in "iu":
        raise ValueError("y must contain integer ids")
    if (single and Y.ndim != 0) or (not single and Y.shape != (H.shape[0],)):
        raise ValueError(f"y has shape {Y.shape}, which does not match h {h.shape}")
    Y = Y.reshape(-1)
    if np.any(Y < 0) or np.any(Y >= V):
        raise ValueError(f"y must be in [0, {V})")
    Z = np.einsum("vd,nd->nv", W, H)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    G = (P - np.eye(V)[Y]) / len(Y)
    return np.einsum("nv,nd->vd", G, H)


# ------------------------------------------------------------ hidden_state_grad

@wrong("the batch mean is missing", slug="dh: no 1/N")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    dh = g @ W
    return dh[0] if single else dh


@wrong("summed over the batch", slug="dh: summed over the batch")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    return (g @ W).sum(axis=0) / len(y)


@wrong("multiply by the transpose of W")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    dh = (W @ g.T).T / len(y)
    return dh[0] if single else dh


@wrong("the sign is flipped", slug="dh: e_y - p")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    target = np.zeros_like(p)
    target[np.arange(len(y)), y] = 1
    dh = (target - p) @ W / len(y)
    return dh[0] if single else dh


@wrong("overflow", slug="dh: exp without the max shift")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    e = np.exp(h @ W.T)
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(y)), y] -= 1
    dh = g @ W / len(y)
    return dh[0] if single else dh


@wrong("p[:, y] -= 1", slug="dh: p[:, y] -= 1")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[:, y] -= 1
    dh = g @ W / len(y)
    return dh[0] if single else dh


@wrong("e_y was not subtracted", slug="dh: W^T p")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    y = np.asarray(y)
    single = h.ndim == 1
    if single:
        h, y = h[None], y.reshape(1)
    if y.dtype.kind not in "iu" or y.shape != (len(h),) or y.min() < 0 or y.max() >= len(W):
        raise ValueError("bad y")
    z = h @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    dh = p @ W / len(y)
    return dh[0] if single else dh


@wrong("was not validated", slug="dh: negative y wraps around")
def hidden_state_grad(h, W, y):
    h = np.asarray(h, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    single = h.ndim == 1
    if h.ndim not in (1, 2) or W.ndim != 2 or h.shape[-1] != W.shape[1]:
        raise ValueError("h must be (d,) or (N, d) and W (V, d)")
    H = h[None] if single else h
    Y = np.asarray(y).reshape(-1)
    if Y.shape != (len(H),):
        raise ValueError("one target per hidden state")
    z = H @ W.T
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(Y)), Y] -= 1
    dh = g @ W / len(Y)
    return dh[0] if single else dh


@right("loop over examples")
def hidden_state_grad(h, W, y):
    W = np.array(W, dtype=np.float64)
    h = np.array(h, dtype=np.float64)
    if W.ndim != 2 or h.ndim not in (1, 2) or h.shape[-1] != W.shape[1]:
        raise ValueError(f"h {h.shape} and W {W.shape} do not fit")
    V = W.shape[0]
    if h.ndim == 1:
        if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, np.integer)) and not (
                isinstance(y, np.ndarray) and y.ndim == 0 and y.dtype.kind in "iu"):
            raise ValueError(f"y must be one integer id, got {y!r}")
        if not 0 <= int(y) < V:
            raise ValueError(f"y = {y} is outside 0..{V - 1}")
        z = W @ h
        p = np.exp(z - z.max())
        p /= p.sum()
        p[int(y)] -= 1.0
        return W.T @ p
    y = np.asarray(y)
    if y.dtype.kind not in "iu" or y.shape != (h.shape[0],):
        raise ValueError(f"y must hold {h.shape[0]} integer ids")
    N = h.shape[0]
    dh = np.zeros_like(h)
    for i in range(N):
        if not 0 <= y[i] < V:
            raise ValueError(f"y[{i}] = {y[i]} is outside 0..{V - 1}")
        z = W @ h[i]
        p = np.exp(z - z.max())
        p /= p.sum()
        p[y[i]] -= 1.0
        dh[i] = W.T @ p / N
    return dh


@right("einsum with one-hot")
def hidden_state_grad(h, W, y):
    W = np.asarray(W, dtype=float)
    h = np.asarray(h, dtype=float)
    if W.ndim != 2:
        raise ValueError("W must be (V, d)")
    V = W.shape[0]
    single = h.ndim == 1
    H = np.atleast_2d(h)
    Y = np.asarray(y)
    if H.ndim != 2 or H.shape[1] != W.shape[1]:
        raise ValueError(f"h has shape {h.shape}, expected (d,) or (N, d) with d = {W.shape[1]}")
    if Y.dtype == bool or Y.dtype.kind not in "iu":
        raise ValueError("y must contain integer ids")
    if (single and Y.ndim != 0) or (not single and Y.shape != (H.shape[0],)):
        raise ValueError(f"y has shape {Y.shape}, which does not match h {h.shape}")
    Y = Y.reshape(-1)
    if np.any(Y < 0) or np.any(Y >= V):
        raise ValueError(f"y must be in [0, {V})")
    Z = np.einsum("vd,nd->nv", W, H)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    G = (P - np.eye(V)[Y]) / len(Y)
    dH = np.einsum("nv,vd->nd", G, W)
    return dH[0] if single else dH


# ------------------------------------------------------------ numerical_gradient
# The mistakes validate f and eps, so each fails for the reason in its name.

@wrong("forward differences")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    fx = f(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        grad[index] = (f(X) - fx) / eps
        X[index] = old
    return grad


@wrong("divided by eps instead of 2 eps")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        minus = f(X)
        X[index] = old
        grad[index] = (plus - minus) / eps
    return grad


@wrong("perturbed every entry at once")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    slope = (f(X + eps) - f(X - eps)) / (2 * eps)
    return slope * np.ones_like(X)


@wrong("perturbed a whole row")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for i in range(X.shape[0]):
        old = X[i].copy()
        X[i] = old + eps
        plus = f(X)
        X[i] = old - eps
        minus = f(X)
        X[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


@wrong("was not restored")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        minus = f(X)
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@wrong("modified its input", slug="perturbs the caller's X and never restores it")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.asarray(X, dtype=np.float64)
    grad = np.zeros(X.shape)
    it = np.nditer(X, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        index = it.multi_index
        X[index] += eps
        plus = f(X)
        X[index] -= 2 * eps
        minus = f(X)
        grad[index] = (plus - minus) / (2 * eps)
        it.iternext()
    return grad


@wrong("modified its input", slug="restores the caller's X by adding eps back")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.asarray(X, dtype=np.float64)
    grad = np.zeros(X.shape)
    for index in np.ndindex(*X.shape):
        X[index] += eps
        plus = f(X)
        X[index] -= 2 * eps
        minus = f(X)
        X[index] += eps
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@wrong("worked in the input's dtype")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X)
    grad = np.zeros(X.shape)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        minus = f(X)
        X[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@wrong("f was evaluated at the unperturbed X")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f) or not eps > 0:
        raise ValueError("f must be callable and eps > 0")
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        X_plus = X.copy()
        X_plus[index] += eps
        X_minus = X.copy()
        X_minus[index] -= eps
        grad[index] = (f(X) - f(X)) / (2 * eps)
    return grad


@wrong("must raise", slug="no check of f and eps")
def numerical_gradient(f, X, eps=1e-6):
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        minus = f(X)
        X[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@right("basis vectors, flat index")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f):
        raise ValueError("f must be a function of X")
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.integer, np.floating)) or not eps > 0:
        raise ValueError(f"eps must be a number > 0, got {eps!r}")
    X = np.asarray(X, dtype=np.float64)
    grad = np.empty(X.size)
    for i in range(X.size):
        step = np.zeros(X.size)
        step[i] = eps
        step = step.reshape(X.shape)
        grad[i] = (f(X + step) - f(X - step)) / (2 * eps)
    return grad.reshape(X.shape)


@right("cs231n style: in place with nditer, restored")
def numerical_gradient(f, X, eps=1e-6):
    if not callable(f):
        raise ValueError(f"f must be callable, got {type(f).__name__}")
    if isinstance(eps, bool) or not np.isscalar(eps) or not eps > 0:
        raise ValueError(f"eps must be > 0, got {eps!r}")
    x = np.array(X, dtype=np.float64)          # a float64 copy, even for float64 input
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + eps
        fxph = f(x)
        x[ix] = oldval - eps
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * eps)
        it.iternext()
    return grad
