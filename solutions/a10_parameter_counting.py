"""Reference implementations for 10_parameter_counting: count embedding parameters, explain tied embeddings.

An embedding table of V tokens and width d has V * d parameters. A model may
also have a learned position table (n_positions, d), a token-type (segment)
table (n_token_types, d) and an output head (V, d) that maps hidden states to
vocabulary logits; with tied embeddings the head *is* the token table and adds
no parameters. Counts are Python ints (they exceed 2^31 for real models).
"""
from __future__ import annotations

import numpy as np

from . import validate

# Bytes per stored value. Exactly these four lowercase names are accepted.
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}


def embedding_params(V, d) -> int:
    """The number of parameters of a (V, d) table: V * d, as a Python int."""
    V, d = validate.size(V, "V"), validate.size(d, "d")
    return V * d


def tied_flag(tied) -> bool:
    if not isinstance(tied, (bool, np.bool_)):
        raise ValueError(f"tied must be a bool (True or False), got {tied!r} of type {type(tied).__name__}")
    return bool(tied)


def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True) -> dict:
    """Parameters of every embedding-sized table of a model, and their total (Python ints).

    token: V * d; position: n_positions * d; token_type: n_token_types * d;
    lm_head: 0 when tied (the output head reuses the token table), V * d when
    untied (no bias); total: their sum.
    """
    V, d = validate.size(V, "V"), validate.size(d, "d")
    n_positions = validate.size(n_positions, "n_positions", minimum=0)
    n_token_types = validate.size(n_token_types, "n_token_types", minimum=0)
    tied = tied_flag(tied)
    counts = {
        "token": V * d,
        "position": n_positions * d,
        "token_type": n_token_types * d,
        "lm_head": 0 if tied else V * d,
    }
    counts["total"] = sum(counts.values())
    return counts


def embedding_memory_bytes(V, d, dtype="float32") -> int:
    """Bytes to store a (V, d) table: V * d * (4 for float32, 2 for float16/bfloat16, 1 for int8)."""
    V, d = validate.size(V, "V"), validate.size(d, "d")
    if not isinstance(dtype, str) or dtype not in DTYPE_BYTES:
        raise ValueError(f"dtype must be one of {sorted(DTYPE_BYTES)} (lowercase, exactly), got {dtype!r}")
    return V * d * DTYPE_BYTES[dtype]


def resize_embeddings(E, new_V) -> np.ndarray:
    """Grow a (V, d) table to (new_V, d): the old rows unchanged, every new row the mean of the old rows."""
    E = validate.float_array(E, "E", ndim=2)
    V, d = E.shape
    if V < 1 or d < 1:
        raise ValueError(f"E must have at least one row and one column, got shape {E.shape}")
    new_V = validate.size(new_V, "new_V")
    if new_V < V:
        raise ValueError(f"new_V = {new_V} < V = {V}: shrinking would silently drop the rows of tokens "
                         f"{new_V}..{V - 1}")
    out = np.empty((new_V, d), dtype=np.float64)
    out[:V] = E
    out[V:] = E.mean(axis=0)
    return out


def embedding_shapes(B, T, V, d, n_positions) -> dict:
    """Shapes from token ids to logits in a model with learned positions (B sequences of T tokens)."""
    B, T, V, d = (validate.size(v, n) for v, n in ((B, "B"), (T, "T"), (V, "V"), (d, "d")))
    n_positions = validate.size(n_positions, "n_positions")
    if T > n_positions:
        raise ValueError(f"T = {T} > n_positions = {n_positions}: the position table has no row for "
                         f"positions {n_positions}..{T - 1}")
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (n_positions, d), "X_plus_P": (B, T, d),
            "lm_head": (V, d), "logits": (B, T, V)}
