"""Reference implementations for 01_lookup: embedding lookup for a batch of token ids."""
from __future__ import annotations

import numpy as np

from . import validate


def lookup_shapes(V, d, B, T) -> dict:
    """Shapes of the table E (V, d), the ids (B, T) and the looked-up batch X (B, T, d)."""
    V, d, B, T = (validate.size(v, n) for v, n in ((V, "V"), (d, "d"), (B, "B"), (T, "T")))
    return {"E": (V, d), "ids": (B, T), "X": (B, T, d)}


def embedding_lookup(E, ids) -> np.ndarray:
    """X = E[ids]: ids of any shape S give shape S + (d,)."""
    E = validate.float_array(E, "E", ndim=2)
    ids = validate.ids_array(ids, E.shape[0])
    return E[ids]


def add_learned_positions(X, P) -> np.ndarray:
    """X + P[:T], with X (T, d) or (B, T, d) and a learned position table P (T_max, d)."""
    X = validate.float_array(X, "X", ndim=(2, 3))
    P = validate.float_array(P, "P", ndim=2)
    T, d = X.shape[-2:]
    if P.shape[1] != d:
        raise ValueError(f"P has width {P.shape[1]} but X has width d = {d}")
    if T > P.shape[0]:
        raise ValueError(f"X has T = {T} positions but P only has T_max = {P.shape[0]} rows")
    return X + P[:T]


def attention_shapes(V, d, B, T, n_heads) -> dict:
    """Shapes met by a batch of ids on its way through the embedding, one multi-head
    attention layer and a tied output layer (course addition, part (a))."""
    V, d, B, T, n_heads = (validate.size(v, n) for v, n in
                           ((V, "V"), (d, "d"), (B, "B"), (T, "T"), (n_heads, "n_heads")))
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d} (every head gets d / n_heads coordinates)")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, V)}
