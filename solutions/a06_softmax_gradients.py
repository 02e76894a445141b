"""Reference implementations for 06_softmax_gradients: the softmax output-row gradient.

Logits are z = W h with the output embedding W (V, d) and a hidden state h (d,).

Two forms, used consistently by every function that takes (h, W, y):

* single example: h has shape (d,) and y is one integer id (a Python or numpy
  integer, or a 0-d integer array); the loss is -log softmax(W h)[y];
* batch: h has shape (N, d) and y has shape (N,) (integer dtype); row i of h
  has target y[i] and the loss is the mean over the N examples, so every
  gradient carries the factor 1/N.

A batch of one, h[None] with [y], gives the same loss and dW as the single
example, and hidden_state_grad of it is the single-example gradient as a row.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import validate


# ------------------------------------------------------------------ helpers


def _axis(axis, ndim: int) -> int:
    if not validate.is_integer(axis):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis = {axis} is out of range for z with {ndim} dimension(s)")
    return int(axis) % ndim


def _stable_softmax(z: np.ndarray, axis: int) -> np.ndarray:
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def _problem(h, W, y):
    """Validated float64 h (N, d), W (V, d), int y (N,), and whether h was a single example."""
    W = validate.float_array(W, "W", ndim=2)
    h = validate.float_array(h, "h", ndim=(1, 2))
    V, d = W.shape
    if h.shape[-1] != d:
        raise ValueError(f"h has width {h.shape[-1]} but W has shape (V, d) = {W.shape}: the widths must agree")
    single = h.ndim == 1
    if single:
        if isinstance(y, (list, tuple)) or np.ndim(y) != 0:
            raise ValueError(f"y must be one integer id for a single hidden state h of shape (d,), "
                             f"got shape {np.shape(y)}")
        y = np.asarray(y)
        if y.dtype == np.bool_ or not np.issubdtype(y.dtype, np.integer):
            raise ValueError(f"y must be an integer id, got {y.item()!r} ({y.dtype})")
        y = validate.ids_array(y.reshape(1), V, "y")
        h = h[None, :]
    else:
        y = validate.ids_array(y, V, "y")
        if y.shape != (h.shape[0],):
            raise ValueError(f"y must have shape (N,) = ({h.shape[0]},) to match h of shape {h.shape}, "
                             f"got shape {y.shape}")
    return h, W, y, single


def _logits(h: np.ndarray, W: np.ndarray) -> np.ndarray:
    return h @ W.T                                   # (N, V): row i is z_i = W h_i


def _residual(h, W, y) -> np.ndarray:
    """(p - e_y) / N, shape (N, V): dL/dz for the mean loss."""
    N = h.shape[0]
    g = _stable_softmax(_logits(h, W), axis=1)
    g[np.arange(N), y] -= 1.0
    return g / N


# ------------------------------------------------------------------ (a) shapes


def gradient_shapes(V, d, N) -> dict:
    """Shapes of W, a batch h and y, the logits z, the probabilities p and the gradients."""
    V, d, N = (validate.size(v, n) for v, n in ((V, "V"), (d, "d"), (N, "N")))
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}


# ------------------------------------------------------------------ (b) functions


def softmax(z, axis=-1) -> np.ndarray:
    """exp(z - max) / sum(exp(z - max)) along `axis`: stable for logits of +-1e4."""
    z = validate.float_array(z, "z")
    if z.ndim < 1:
        raise ValueError("z must have at least one dimension (a softmax needs an axis to normalise over)")
    return _stable_softmax(z, _axis(axis, z.ndim))


def cross_entropy(h, W, y) -> float:
    """Mean over the batch of -log softmax(W h)[y] = logsumexp(z) - z[y]."""
    h, W, y, _ = _problem(h, W, y)
    z = _logits(h, W)
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


def output_embedding_grad(h, W, y) -> np.ndarray:
    """dL/dW = mean over the batch of (p - e_y) h^T, shape (V, d)."""
    h, W, y, _ = _problem(h, W, y)
    return _residual(h, W, y).T @ h


def hidden_state_grad(h, W, y) -> np.ndarray:
    """dL/dh = W^T (p - e_y) (times 1/N for a batch), the shape of h."""
    h, W, y, single = _problem(h, W, y)
    grad = _residual(h, W, y) @ W                    # row i is W^T (p_i - e_{y_i}) / N
    return grad[0] if single else grad


def numerical_gradient(f, X, eps=1e-6) -> np.ndarray:
    """Central differences (f(X + eps e_i) - f(X - eps e_i)) / (2 eps) for every entry i of X."""
    if not callable(f):
        raise ValueError(f"f must be a callable returning a scalar, got {type(f).__name__}")
    if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, (numbers.Real, np.floating, np.integer)):
        raise ValueError(f"eps must be a positive number, got {eps!r}")
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    eps = float(eps)
    work = np.array(validate.float_array(X, "X"), dtype=np.float64, copy=True)   # the caller's X is never touched

    def value(at):
        out = np.asarray(f(at), dtype=np.float64)
        if out.size != 1:
            raise ValueError(f"f must return a scalar, got an array of shape {out.shape}")
        return float(out.reshape(()))

    grad = np.zeros(work.shape, dtype=np.float64)
    for index in np.ndindex(*work.shape):
        old = work[index]
        work[index] = old + eps
        plus = value(work)
        work[index] = old - eps
        minus = value(work)
        work[index] = old
        grad[index] = (plus - minus) / (2.0 * eps)
    return grad
