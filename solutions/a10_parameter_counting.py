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


def quantize_int8(E) -> tuple:
    """Symmetric per-row int8 quantisation of a (V, d) table.

    scale[v] = max_j |E[v, j]| / 127 and q[v, j] = round(E[v, j] / scale[v]) (numpy's round, half to
    even), so every q lies in -127..127; a zero row has scale 0 and q 0. Returns (q, scale): q of
    dtype int8 and shape (V, d), scale float64 of shape (V,). E @ 1 byte a value plus one scale per
    row; the table is approximately q * scale[:, None].
    """
    E = validate.float_array(E, "E", ndim=2)
    if E.shape[0] < 1 or E.shape[1] < 1:
        raise ValueError(f"E must have at least one row and one column, got shape {E.shape}")
    if not np.all(np.isfinite(E)):
        raise ValueError("E contains NaN or infinite entries: they have no int8 code")
    scale = np.abs(E).max(axis=1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.round(E / safe[:, None]), -127, 127).astype(np.int8)
    return q, scale


def migrate_embeddings(E_old, old_vocab, new_vocab) -> np.ndarray:
    """Rows of a trained table moved to a new tokenizer's ids by string match.

    Row i of the result is E_old[old_vocab.index(new_vocab[i])] when the string new_vocab[i] is in
    old_vocab, else the mean of all rows of E_old (as resize_embeddings initialises new tokens).
    """
    E_old = validate.float_array(E_old, "E_old", ndim=2)
    V, d = E_old.shape
    if V < 1 or d < 1:
        raise ValueError(f"E_old must have at least one row and one column, got shape {E_old.shape}")
    old_vocab, new_vocab = _vocabulary(old_vocab, "old_vocab"), _vocabulary(new_vocab, "new_vocab")
    if len(old_vocab) != V:
        raise ValueError(f"old_vocab has {len(old_vocab)} strings but E_old has V = {V} rows: one string per row")
    old_id = {token: i for i, token in enumerate(old_vocab)}
    out = np.empty((len(new_vocab), d), dtype=np.float64)
    mean = E_old.mean(axis=0)
    for i, token in enumerate(new_vocab):
        out[i] = E_old[old_id[token]] if token in old_id else mean
    return out


def _vocabulary(vocab, name: str) -> list:
    if isinstance(vocab, str) or not isinstance(vocab, (list, tuple)):
        raise ValueError(f"{name} must be a list or tuple of strings, got {type(vocab).__name__}")
    if len(vocab) == 0:
        raise ValueError(f"{name} is empty")
    if not all(isinstance(t, str) for t in vocab):
        raise ValueError(f"{name} must hold only strings")
    if len(set(vocab)) != len(vocab):
        seen, dup = set(), None
        for t in vocab:
            if t in seen:
                dup = t
                break
            seen.add(t)
        raise ValueError(f"{name} holds {dup!r} twice: every string must have exactly one id")
    return list(vocab)
