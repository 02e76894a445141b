"""Reference implementations for 09_alibi: build an ALiBi bias matrix.

Press, Smith and Lewis (2021), "Train Short, Test Long: Attention with Linear
Biases Enables Input Length Extrapolation". Head h of n adds -m_h * (i - j) to
the attention logit of query i and key j. The slopes follow the authors'
`get_slopes` (fairseq/models/transformer.py of ofirpress/attention_with_linear_biases):
for n a power of two, m_h = 2^(-8h/n), h = 1 .. n; otherwise, with n0 the
largest power of two below n, the n0 slopes for n0 followed by the first
n - n0 of slopes(2 n0)[0::2].
"""
from __future__ import annotations

import numpy as np

from . import validate


def _power_of_two_slopes(n: int) -> np.ndarray:
    """m_h = 2^(-8h/n) for h = 1 .. n (the geometric sequence that starts and shrinks by 2^(-8/n))."""
    return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)


def alibi_slopes(n_heads) -> np.ndarray:
    """The ALiBi slope of each head, shape (n_heads,), float64."""
    n = validate.size(n_heads, "n_heads")
    n0 = 1 << (n.bit_length() - 1)          # the largest power of two <= n
    slopes = _power_of_two_slopes(n0)
    if n0 < n:
        slopes = np.concatenate([slopes, _power_of_two_slopes(2 * n0)[0::2][: n - n0]])
    return slopes


def causal_flag(causal) -> bool:
    """`causal` must be a bool (a string such as "False" is truthy, so it is rejected)."""
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError(f"causal must be a bool (True or False), got {causal!r} of type {type(causal).__name__}")
    return bool(causal)


def alibi_bias(n_heads, T, causal=True) -> np.ndarray:
    """bias[h, i, j] = -m_h * |i - j|, with -inf for keys j > i when causal; shape (n_heads, T, T)."""
    m = alibi_slopes(n_heads)
    T = validate.size(T, "T")
    causal = causal_flag(causal)
    i = np.arange(T)[:, None]
    j = np.arange(T)[None, :]
    bias = m[:, None, None] * -np.abs(i - j)      # -m_h |i - j|; an integer 0 on the diagonal gives +0.0
    if causal:
        bias = np.where(j > i, -np.inf, bias)
    return bias


def alibi_attention_weights(scores) -> np.ndarray:
    """softmax(scores + alibi_bias(H, T)) over keys (the last axis); shape (H, T, T)."""
    scores = validate.float_array(scores, "scores", ndim=3)
    H, T, T_keys = scores.shape
    if T != T_keys:
        raise ValueError(f"scores must have shape (H, T, T) (one row of T keys per query), got {scores.shape}")
    logits = scores + alibi_bias(H, T, causal=True)
    logits = logits - logits.max(axis=-1, keepdims=True)     # the diagonal is never masked: the max is finite
    weights = np.exp(logits)                                 # exp(-inf) = 0 exactly
    return weights / weights.sum(axis=-1, keepdims=True)


def alibi_shapes(B, H, T, d_model) -> dict:
    """Shapes along one causal attention layer with ALiBi: B sequences, H heads, T positions, width d_model."""
    B, H, T, d_model = (validate.size(v, n) for v, n in ((B, "B"), (H, "H"), (T, "T"), (d_model, "d_model")))
    if d_model % H:
        raise ValueError(f"d_model = {d_model} must be divisible by H = {H} (each head gets d_model / H coordinates)")
    d_head = d_model // H
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "slopes": (H,), "bias": (H, T, T),
            "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, T, d_model)}
