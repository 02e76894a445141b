"""Reference implementations for 11_learned_embeddings: embeddings learned from a corpus.

Two ways to learn a table from text, on a corpus the notebook generates:

* count-based: co-occurrence counts within a window, positive pointwise mutual
  information (PPMI), truncated SVD (Levy, Goldberg and Dagan, 2015);
* predictive: skip-gram with negative sampling (SGNS, Mikolov et al., 2013), whose
  loss for one (center, context) pair with k negatives is
  -log sigma(u_o . v_c) - sum_j log sigma(-u_j . v_c), averaged over a batch.

Conventions (docs/CONTRACT_ADDITIONS.md): logs are natural; a window counts every
ordered pair of positions of one sentence at distance 1 .. window, once each,
without weights; SVD embeddings are U_d diag(s_d) with each column's sign chosen so
that its entry of largest magnitude is positive.
"""
from __future__ import annotations

import numpy as np

from . import validate


# ------------------------------------------------------------------ helpers


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log sigma(x) = -log(1 + exp(-x)), finite for any finite x."""
    return -np.logaddexp(0.0, -x)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """sigma(x) without overflow: exp(log sigma(x))."""
    return np.exp(_log_sigmoid(x))


def _sentences(sentences, V: int) -> list[np.ndarray]:
    """A list of 1-D integer id arrays with 0 <= id < V (a 2-D id array is a list of equal-length rows)."""
    if isinstance(sentences, np.ndarray):
        if sentences.ndim != 2:
            raise ValueError(f"sentences must be a list of 1-D id sequences (or a 2-D id array), "
                             f"got an array of shape {sentences.shape}")
        rows = list(sentences)
    elif isinstance(sentences, (list, tuple)):
        rows = list(sentences)
    else:
        raise ValueError(f"sentences must be a list of 1-D id sequences, got {type(sentences).__name__}")
    if not rows:
        raise ValueError("sentences is empty: at least one sentence is needed")
    out = []
    for i, row in enumerate(rows):
        arr = np.asarray(row)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"sentences[{i}] must be a non-empty 1-D sequence of ids, got shape {arr.shape}")
        out.append(validate.ids_array(arr, V, f"sentences[{i}]"))
    return out


def _sgns_problem(W_in, W_out, centers, contexts, negatives):
    """Validated float64 tables and integer ids: centers (B,), contexts (B,), negatives (B, k)."""
    W_in = validate.float_array(W_in, "W_in", ndim=2)
    W_out = validate.float_array(W_out, "W_out", ndim=2)
    if W_out.shape != W_in.shape:
        raise ValueError(f"W_out must have the shape of W_in, {W_in.shape}, got {W_out.shape}")
    V = W_in.shape[0]
    centers = validate.ids_array(centers, V, "centers")
    contexts = validate.ids_array(contexts, V, "contexts")
    negatives = validate.ids_array(negatives, V, "negatives")
    if centers.ndim != 1 or centers.size == 0:
        raise ValueError(f"centers must be a non-empty 1-D array of ids (B,), got shape {centers.shape}")
    B = centers.shape[0]
    if contexts.shape != (B,):
        raise ValueError(f"contexts must have shape (B,) = ({B},) like centers, got {contexts.shape}")
    if negatives.ndim != 2 or negatives.shape[0] != B or negatives.shape[1] < 1:
        raise ValueError(f"negatives must have shape (B, k) = ({B}, k) with k >= 1, got {negatives.shape}")
    return W_in, W_out, centers, contexts, negatives


def _sgns_scores(W_in, W_out, centers, contexts, negatives):
    v = W_in[centers]                                          # (B, d) center vectors
    u_pos = W_out[contexts]                                    # (B, d) true context vectors
    u_neg = W_out[negatives]                                   # (B, k, d) negative context vectors
    s_pos = np.einsum("bd,bd->b", u_pos, v)                    # (B,)
    s_neg = np.einsum("bkd,bd->bk", u_neg, v)                  # (B, k)
    return v, u_pos, u_neg, s_pos, s_neg


# ------------------------------------------------------------------ (a) shapes


def pair_count(n_tokens: int, window: int) -> int:
    """Ordered (center, context) pairs of one sentence of n_tokens: positions i != j with |i - j| <= window."""
    return 2 * sum(n_tokens - k for k in range(1, min(window, n_tokens - 1) + 1))


def learned_shapes(V, d, n_tokens, window) -> dict:
    """Shapes of this notebook's objects, and the number of training pairs of one sentence."""
    V, d = validate.size(V, "V"), validate.size(d, "d")
    n_tokens, window = validate.size(n_tokens, "n_tokens"), validate.size(window, "window")
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d),
            "n_pairs": pair_count(n_tokens, window)}


# ------------------------------------------------------------------ (b) count-based


def cooccurrence_counts(sentences, V, window) -> np.ndarray:
    """C[w, c] = number of times c occurs within `window` positions of w (either side, same sentence)."""
    V = validate.size(V, "V")
    window = validate.size(window, "window")
    rows = _sentences(sentences, V)
    C = np.zeros((V, V), dtype=np.float64)
    for s in rows:
        for k in range(1, min(window, len(s) - 1) + 1):
            np.add.at(C, (s[:-k], s[k:]), 1.0)                 # context k positions to the right
            np.add.at(C, (s[k:], s[:-k]), 1.0)                 # context k positions to the left
    return C


def ppmi(C) -> np.ndarray:
    """max(0, log(C[w, c] N / (C[w, :].sum() C[:, c].sum()))) with N = C.sum(); 0 where C[w, c] = 0."""
    C = validate.float_array(C, "C", ndim=2)
    if not np.all(np.isfinite(C)):
        raise ValueError("C must hold finite counts (no NaN or inf)")
    if (C < 0).any():
        raise ValueError(f"C must hold counts >= 0, got a minimum of {C.min()}")
    total = C.sum()
    if not total > 0:
        raise ValueError("C has no co-occurrence at all (every count is 0): PMI is undefined")
    rows, cols = C.sum(axis=1), C.sum(axis=0)
    out = np.zeros(C.shape, dtype=np.float64)
    i, j = np.nonzero(C > 0)                                   # a positive count has positive margins
    pmi = np.log(C[i, j]) + np.log(total) - np.log(rows[i]) - np.log(cols[j])
    out[i, j] = np.maximum(pmi, 0.0)
    return out


def svd_embeddings(M, d) -> np.ndarray:
    """U_d diag(s_d): the first d left singular vectors scaled by their singular values, signs fixed."""
    M = validate.float_array(M, "M", ndim=2)
    if not np.all(np.isfinite(M)):
        raise ValueError("M must be finite (no NaN or inf)")
    d = validate.size(d, "d")
    if d > min(M.shape):
        raise ValueError(f"d must satisfy 1 <= d <= min(M.shape) = {min(M.shape)}, got {d}")
    U, s, _ = np.linalg.svd(M, full_matrices=False)
    E = U[:, :d] * s[:d]
    largest = np.argmax(np.abs(E), axis=0)                     # the entry of largest magnitude in each column
    signs = np.sign(E[largest, np.arange(d)])
    signs[signs == 0] = 1.0
    return E * signs


# ------------------------------------------------------------------ (b) skip-gram


def sgns_loss(W_in, W_out, centers, contexts, negatives) -> float:
    """Mean over the batch of -log sigma(u_o . v_c) - sum_j log sigma(-u_j . v_c)."""
    W_in, W_out, centers, contexts, negatives = _sgns_problem(W_in, W_out, centers, contexts, negatives)
    _, _, _, s_pos, s_neg = _sgns_scores(W_in, W_out, centers, contexts, negatives)
    per_pair = -_log_sigmoid(s_pos) - _log_sigmoid(-s_neg).sum(axis=1)
    return float(per_pair.mean())


def sgns_grads(W_in, W_out, centers, contexts, negatives) -> tuple:
    """(dL/dW_in, dL/dW_out) of sgns_loss, each of the shape (V, d) of the tables."""
    W_in, W_out, centers, contexts, negatives = _sgns_problem(W_in, W_out, centers, contexts, negatives)
    v, u_pos, u_neg, s_pos, s_neg = _sgns_scores(W_in, W_out, centers, contexts, negatives)
    B = centers.shape[0]
    g_pos = -_sigmoid(-s_pos) / B                              # dL/ds_pos = sigma(s) - 1, with the 1/B of the mean
    g_neg = _sigmoid(s_neg) / B                                # dL/ds_neg = sigma(s)
    d_in = np.zeros_like(W_in)
    np.add.at(d_in, centers, g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg))
    d_out = np.zeros_like(W_out)
    np.add.at(d_out, contexts, g_pos[:, None] * v)
    np.add.at(d_out, negatives, g_neg[:, :, None] * v[:, None, :])
    return d_in, d_out
