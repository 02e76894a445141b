"""Reference implementations for 02_one_hot: one-hot lookup equivalence.

With O = one_hot(ids, V) of shape S + (V,) and a table E (V, d):

* O @ E == E[ids] (the one-hot product selects rows);
* the product costs 2 * |S| * V * d FLOPs, the lookup copies |S| * d numbers;
* the gradient of the table is dE = O^T G: dE[v] is the sum of the rows of
  G = dL/dX at every position whose id is v (repeated ids accumulate).
"""
from __future__ import annotations

import numpy as np

from . import validate


def one_hot(ids, V) -> np.ndarray:
    """O[s, v] = 1.0 if ids[s] == v else 0.0: shape S + (V,), float64."""
    V = validate.size(V, "V")
    ids = validate.ids_array(ids, V)
    out = np.zeros(ids.shape + (V,), dtype=np.float64)
    np.put_along_axis(out, ids[..., None].astype(np.intp), 1.0, axis=-1)
    return out


def one_hot_lookup(E, ids) -> np.ndarray:
    """one_hot(ids, V) @ E, shape S + (d,): equal to the lookup E[ids]."""
    E = validate.float_array(E, "E", ndim=2)
    return one_hot(ids, E.shape[0]) @ E


def one_hot_costs(B, T, V, d) -> dict:
    """Sizes of the one-hot route and the lookup for a batch (B, T), as Python ints.

    one_hot_entries: entries of the one-hot matrix (B, T, V), zeros included;
    matmul_flops:    (B*T, V) @ (V, d), each of the B*T*d outputs needs V
                     multiply-adds and a multiply-add is 2 FLOPs;
    lookup_copies:   numbers copied by E[ids], B*T rows of d numbers.
    """
    B, T, V, d = (validate.size(v, n) for v, n in ((B, "B"), (T, "T"), (V, "V"), (d, "d")))
    return {"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}


def embedding_backward(ids, grad_X, V) -> np.ndarray:
    """dL/dE (V, d) for X = E[ids], given grad_X = dL/dX of shape S + (d,).

    dE[v] = sum of grad_X[s] over every position s with ids[s] == v (repeated
    ids accumulate); rows never looked up are 0.
    """
    V = validate.size(V, "V")
    ids = validate.ids_array(ids, V)
    grad_X = validate.float_array(grad_X, "grad_X")
    if grad_X.ndim != ids.ndim + 1 or grad_X.shape[:-1] != ids.shape:
        raise ValueError(f"grad_X must have shape ids.shape + (d,) = {ids.shape} + (d,), got {grad_X.shape}")
    d = grad_X.shape[-1]
    if d < 1:
        raise ValueError(f"grad_X must have a last axis d >= 1, got shape {grad_X.shape}")
    dE = np.zeros((V, d), dtype=np.float64)
    np.add.at(dE, ids.reshape(-1), grad_X.reshape(-1, d))
    return dE


def backward_shapes(B, T, V, d) -> dict:
    """Shapes on the way forward (X = O E) and back (dE = O^T G) for a batch of B x T ids
    (course addition, part (a)): O and G flattened to one row per position for the product."""
    B, T, V, d = (validate.size(v, n) for v, n in ((B, "B"), (T, "T"), (V, "V"), (d, "d")))
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (V, d)}
