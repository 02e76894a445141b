"""Student implementations for 11_learned_embeddings: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ learned_shapes

def _check_sizes(**sizes):
    for name, value in sizes.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")


@wrong("one side only")
def learned_shapes(V, d, n_tokens, window):
    for name, value in (("V", V), ("d", d), ("n_tokens", n_tokens), ("window", window)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer")
    pairs = sum(max(n_tokens - k, 0) for k in range(1, window + 1))
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d), "n_pairs": pairs}


@wrong("ignores the edges")
def learned_shapes(V, d, n_tokens, window):
    _check_sizes(V=V, d=d, n_tokens=n_tokens, window=window)
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d),
            "n_pairs": 2 * window * n_tokens}


@wrong("(V, d): the co-occurrence matrix")
def learned_shapes(V, d, n_tokens, window):
    _check_sizes(V=V, d=d, n_tokens=n_tokens, window=window)
    n_pairs = 2 * sum(n_tokens - k for k in range(1, min(window, n_tokens - 1) + 1))
    return {"C": (V, d), "ppmi": (V, d), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d), "n_pairs": n_pairs}


@wrong("must raise", slug="no validation")
def learned_shapes(V, d, n_tokens, window):
    n_pairs = 2 * sum(n_tokens - k for k in range(1, min(window, n_tokens - 1) + 1))
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d), "n_pairs": n_pairs}


@right("loop over positions")
def learned_shapes(V, d, n_tokens, window):
    _check_sizes(V=V, d=d, n_tokens=n_tokens, window=window)
    V, d, n, w = int(V), int(d), int(n_tokens), int(window)
    pairs = 0
    for i in range(n):
        for j in range(n):
            if i != j and abs(i - j) <= w:
                pairs += 1
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d), "n_pairs": pairs}


@right("closed form")
def learned_shapes(V, d, n_tokens, window):
    import operator
    values = {}
    for name, value in (("V", V), ("d", d), ("n_tokens", n_tokens), ("window", window)):
        if type(value) is bool:
            raise ValueError(f"{name} is a bool")
        try:
            value = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if value < 1:
            raise ValueError(f"{name} must be >= 1")
        values[name] = value
    V, d, n, w = values["V"], values["d"], values["n_tokens"], values["window"]
    m = min(w, n - 1)                                     # distances that fit in the sentence
    n_pairs = 2 * (m * n - m * (m + 1) // 2)
    return dict(C=(V, V), ppmi=(V, V), E_svd=(V, d), W_in=(V, d), W_out=(V, d), n_pairs=n_pairs)


# -------------------------------------------------------------- cooccurrence_counts

def _ids(sentences, V, window):
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError("window must be an integer >= 1")
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be an integer >= 1")
    if isinstance(sentences, np.ndarray) and sentences.ndim != 2:
        raise ValueError("sentences must be a list of sentences")
    out = []
    for s in sentences:
        s = np.asarray(s)
        if s.ndim != 1 or s.dtype.kind not in "iu":
            raise ValueError("sentences: each sentence must be a 1-D integer array")
        if s.min() < 0 or s.max() >= V:
            raise ValueError("sentences: ids out of range")
        out.append(s)
    return out


@wrong("only the contexts to the right")
def cooccurrence_counts(sentences, V, window):
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError("window must be a positive integer")
    if isinstance(V, bool) or not isinstance(V, (int, np.integer)) or V < 1:
        raise ValueError("V must be a positive integer")
    if isinstance(sentences, np.ndarray) and sentences.ndim != 2:
        raise ValueError("sentences must be a list of sentences")
    rows = [np.asarray(s) for s in sentences]
    for s in rows:
        if s.ndim != 1 or s.dtype.kind not in "iu" or s.min() < 0 or s.max() >= V:
            raise ValueError("sentences must hold 1-D integer ids in 0 .. V - 1")
    C = np.zeros((V, V))
    for s in rows:
        for i in range(len(s)):
            for j in range(i + 1, min(len(s), i + window + 1)):
                C[s[i], s[j]] += 1
    return C


@wrong("crossed sentence boundaries")
def cooccurrence_counts(sentences, V, window):
    stream = np.concatenate(_ids(sentences, V, window))
    C = np.zeros((V, V))
    for i in range(len(stream)):
        for j in range(max(0, i - window), min(len(stream), i + window + 1)):
            if i != j:
                C[stream[i], stream[j]] += 1
    return C


@wrong("repeated pairs were lost")
def cooccurrence_counts(sentences, V, window):
    C = np.zeros((V, V))
    for s in _ids(sentences, V, window):
        for k in range(1, window + 1):
            if k < len(s):
                C[s[:-k], s[k:]] += 1
                C[s[k:], s[:-k]] += 1
    return C


@wrong("its own context")
def cooccurrence_counts(sentences, V, window):
    C = np.zeros((V, V))
    for s in _ids(sentences, V, window):
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                C[s[i], s[j]] += 1
    return C


@wrong("GloVe")
def cooccurrence_counts(sentences, V, window):
    C = np.zeros((V, V))
    for s in _ids(sentences, V, window):
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                if j != i:
                    C[s[i], s[j]] += 1.0 / abs(i - j)
    return C


@wrong("one too short")
def cooccurrence_counts(sentences, V, window):
    C = np.zeros((V, V))
    for s in _ids(sentences, V, window):
        for k in range(1, window):
            if k < len(s):
                np.add.at(C, (s[:-k], s[k:]), 1)
                np.add.at(C, (s[k:], s[:-k]), 1)
    return C


@wrong("must raise", slug="negative ids wrap")
def cooccurrence_counts(sentences, V, window):
    C = np.zeros((V, V))
    for s in sentences:
        s = np.asarray(s)
        for k in range(1, window + 1):
            if k < len(s):
                np.add.at(C, (s[:-k], s[k:]), 1)
                np.add.at(C, (s[k:], s[:-k]), 1)
    return C


@right("double loop")
def cooccurrence_counts(sentences, V, window):
    rows = _ids(sentences, V, window)
    C = np.zeros((V, V), dtype=np.float64)
    for s in rows:
        n = len(s)
        for i in range(n):
            for j in range(max(0, i - window), min(n, i + window + 1)):
                if j != i:
                    C[s[i], s[j]] += 1.0
    return C


@right("bincount of pair codes")
def cooccurrence_counts(sentences, V, window):
    import operator
    try:
        V, window = operator.index(V), operator.index(window)
    except TypeError:
        raise ValueError("V and window must be integers") from None
    if isinstance(V, bool) or isinstance(window, bool) or V < 1 or window < 1:
        raise ValueError("V and window must be integers >= 1")
    if isinstance(sentences, np.ndarray) and sentences.ndim != 2:
        raise ValueError(f"sentences must be a list of sentences, got shape {sentences.shape}")
    rows = []
    for i, s in enumerate(sentences):
        s = np.asarray(s)
        if s.ndim != 1 or s.size == 0 or not np.issubdtype(s.dtype, np.integer) or s.dtype == bool:
            raise ValueError(f"sentences[{i}] must be a 1-D sequence of integer ids")
        if s.min() < 0 or s.max() >= V:
            raise IndexError(f"sentences[{i}] has an id outside 0 .. {V - 1}")
        rows.append(s)
    codes = []
    for s in rows:
        s = s.astype(np.int64)
        for k in range(1, min(window, len(s) - 1) + 1):
            codes.append(s[:-k] * V + s[k:])
    if not codes:
        return np.zeros((V, V))
    upper = np.bincount(np.concatenate(codes), minlength=V * V).reshape(V, V).astype(float)
    return upper + upper.T                            # left contexts are the right ones, transposed


# ------------------------------------------------------------------------ ppmi

def _counts(C):
    C = np.array(C, dtype=np.float64)
    if C.ndim != 2:
        raise ValueError("C must be 2-D")
    if not np.isfinite(C).all() or (C < 0).any():
        raise ValueError("C must hold finite counts >= 0")
    if C.sum() == 0:
        raise ValueError("C is all zeros")
    return C


@wrong("negative PMI values were kept")
def ppmi(C):
    C = np.array(C, dtype=float)
    if C.ndim != 2 or not np.isfinite(C).all() or (C < 0).any() or C.sum() == 0:
        raise ValueError("C must be a 2-D matrix of counts >= 0, not all zero")
    N, r, c = C.sum(), C.sum(1, keepdims=True), C.sum(0, keepdims=True)
    out = np.zeros_like(C)
    mask = C > 0
    pmi = np.log(np.where(mask, C, 1) * N / (np.where(r > 0, r, 1) * np.where(c > 0, c, 1)))
    out[mask] = pmi[mask]
    return out


@wrong("log2")
def ppmi(C):
    C = _counts(C)
    N, r, c = C.sum(), C.sum(1, keepdims=True), C.sum(0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(C * N / (r * c))
    return np.where(C > 0, np.maximum(pmi, 0), 0.0)


@wrong("NaN (0 / 0)")
def ppmi(C):
    C = _counts(C)
    N, r, c = C.sum(), C.sum(1, keepdims=True), C.sum(0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.maximum(np.log(C * N / (r * c)), 0)


@wrong("row sums were used for both")
def ppmi(C):
    C = _counts(C)
    N, r = C.sum(), C.sum(1)
    out = np.zeros_like(C)
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            if C[i, j] > 0:
                out[i, j] = max(0.0, np.log(C[i, j] * N / (r[i] * r[j])))
    return out


@wrong("total N = C.sum() is missing")
def ppmi(C):
    C = _counts(C)
    r, c = C.sum(1, keepdims=True), C.sum(0, keepdims=True)
    out = np.zeros_like(C)
    mask = C > 0
    out[mask] = np.maximum(np.log((C / (r * c))[mask]), 0)
    return out


@right("probabilities")
def ppmi(C):
    C = _counts(C)
    P = C / C.sum()
    pw, pc = P.sum(axis=1), P.sum(axis=0)
    out = np.zeros_like(P)
    for i, j in zip(*np.nonzero(P)):
        out[i, j] = max(0.0, np.log(P[i, j] / (pw[i] * pc[j])))
    return out


@right("np.divide with where")
def ppmi(C):
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2:
        raise ValueError(f"C must be 2-D, got {C.ndim}-D")
    if not np.isfinite(C).all() or C.min() < 0:
        raise ValueError("C must hold finite, non-negative counts")
    if not C.sum() > 0:
        raise ValueError("C has no counts")
    expected = np.outer(C.sum(axis=1), C.sum(axis=0)) / C.sum()     # counts if rows and columns were independent
    ratio = np.divide(C, expected, out=np.ones_like(C), where=C > 0)
    return np.maximum(np.log(ratio), 0.0)


# ------------------------------------------------------------------ svd_embeddings

def _matrix(M, d):
    M = np.asarray(M, dtype=np.float64)
    if M.ndim != 2 or not np.isfinite(M).all():
        raise ValueError("M must be a finite 2-D matrix")
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or not 1 <= d <= min(M.shape):
        raise ValueError(f"d must be an integer in 1 .. {min(M.shape)}")
    return M, int(d)


def _flip(E):
    for j in range(E.shape[1]):
        i = np.argmax(np.abs(E[:, j]))
        if E[i, j] < 0:
            E[:, j] = -E[:, j]
    return E


@wrong("opposite sign", slug="no sign convention")
def svd_embeddings(M, d):
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or np.isnan(M).any() or np.isinf(M).any():
        raise ValueError("M must be a finite 2-D matrix")
    if type(d) is bool or not isinstance(d, (int, np.integer)) or d < 1 or d > min(M.shape):
        raise ValueError("d must be between 1 and min(M.shape)")
    U, s, Vt = np.linalg.svd(M)
    return U[:, :d] * s[:d]


@wrong("singular values are missing")
def svd_embeddings(M, d):
    M, d = _matrix(M, d)
    U, s, Vt = np.linalg.svd(M)
    return _flip(U[:, :d].copy())


@wrong("smallest singular values")
def svd_embeddings(M, d):
    M, d = _matrix(M, d)
    w, Q = np.linalg.eigh(M @ M.T)                       # eigenvalues in increasing order
    w = np.clip(w, 0, None)[-min(M.shape):]
    Q = Q[:, -min(M.shape):]
    return _flip(Q[:, :d] * np.sqrt(w[:d]))


@wrong("right singular vectors")
def svd_embeddings(M, d):
    M, d = _matrix(M, d)
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return _flip(Vt[:d].T * s[:d])


@wrong("rank-d reconstruction")
def svd_embeddings(M, d):
    M, d = _matrix(M, d)
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return (U[:, :d] * s[:d]) @ Vt[:d]


@right("eigh of M M^T")
def svd_embeddings(M, d):
    M, d = _matrix(M, d)
    w, Q = np.linalg.eigh(M @ M.T)
    order = np.argsort(w)[::-1][:d]                      # the d largest eigenvalues, s_i^2
    E = Q[:, order] * np.sqrt(np.clip(w[order], 0, None))
    return _flip(E)


@right("M V_d")
def svd_embeddings(M, d):
    M = np.array(M, dtype=np.float64)
    if M.ndim != 2 or not np.all(np.isfinite(M)):
        raise ValueError(f"M must be a finite 2-D matrix, got shape {M.shape}")
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)):
        raise ValueError(f"d must be an integer, got {d!r}")
    if not 1 <= d <= min(M.shape):
        raise ValueError(f"d must be in 1 .. {min(M.shape)}, got {d}")
    d = int(d)
    U, s, Vt = np.linalg.svd(M, full_matrices=True)
    E = M @ Vt[:d].T                                     # M v_i = s_i u_i
    signs = np.sign(E[np.argmax(np.abs(E), axis=0), np.arange(d)])
    return E * signs


# --------------------------------------------------------------------- sgns

def sgns_batch(W_in, W_out, centers, contexts, negatives):
    """The notebook's read-only helper (same name, same behaviour), so these entries run there too."""
    W_in = np.asarray(W_in, dtype=np.float64)
    W_out = np.asarray(W_out, dtype=np.float64)
    if W_in.ndim != 2:
        raise ValueError(f"W_in must have shape (V, d), got {W_in.shape}")
    if W_out.shape != W_in.shape:
        raise ValueError(f"W_out must have the shape of W_in, {W_in.shape}, got {W_out.shape}")
    V = W_in.shape[0]
    ids = {}
    for name, value in (("centers", centers), ("contexts", contexts), ("negatives", negatives)):
        arr = np.asarray(value)
        if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
            raise ValueError(f"{name} must hold integer ids, got dtype {arr.dtype}")
        if arr.size and (arr.min() < 0 or arr.max() >= V):
            raise ValueError(f"{name} must satisfy 0 <= id < V = {V}, got {arr.min()} .. {arr.max()}")
        ids[name] = arr
    B = ids["centers"].shape[0] if ids["centers"].ndim == 1 else -1
    if B < 1:
        raise ValueError(f"centers must be a non-empty 1-D array of ids, got shape {ids['centers'].shape}")
    if ids["contexts"].shape != (B,):
        raise ValueError(f"contexts must have shape (B,) = ({B},), got {ids['contexts'].shape}")
    if ids["negatives"].ndim != 2 or ids["negatives"].shape[0] != B or ids["negatives"].shape[1] < 1:
        raise ValueError(f"negatives must have shape (B, k) = ({B}, k), got {ids['negatives'].shape}")
    return W_in, W_out, ids["centers"], ids["contexts"], ids["negatives"]


@wrong("overflow")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    sigmoid = lambda x: 1 / (1 + np.exp(-x))
    v = W_in[c]
    pos = np.sum(W_out[o] * v, axis=1)
    neg = np.einsum("bkd,bd->bk", W_out[n], v)
    return float(np.mean(-np.log(sigmoid(pos)) - np.log(sigmoid(-neg)).sum(axis=1)))


@wrong("negatives' sign is flipped")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v = W_in[c]
    pos = np.sum(W_out[o] * v, axis=1)
    neg = np.einsum("bkd,bd->bk", W_out[n], v)
    return float(np.mean(np.logaddexp(0, -pos) + np.logaddexp(0, -neg).sum(axis=1)))


@wrong("averaged over the k negatives")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v = W_in[c]
    pos = np.sum(W_out[o] * v, axis=1)
    neg = np.einsum("bkd,bd->bk", W_out[n], v)
    return float(np.mean(np.logaddexp(0, -pos) + np.logaddexp(0, neg).mean(axis=1)))


@wrong("W_in was used for the contexts")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v = W_in[c]
    pos = np.sum(W_in[o] * v, axis=1)
    neg = np.einsum("bkd,bd->bk", W_in[n], v)
    return float(np.mean(np.logaddexp(0, -pos) + np.logaddexp(0, neg).sum(axis=1)))


@wrong("summed over the batch")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v = W_in[c]
    pos = np.sum(W_out[o] * v, axis=1)
    neg = np.einsum("bkd,bd->bk", W_out[n], v)
    return float(np.sum(np.logaddexp(0, -pos) + np.logaddexp(0, neg).sum(axis=1)))


@right("loop over pairs")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)

    def minus_log_sigmoid(x):                            # -log(1 / (1 + e^-x)), stable on both sides
        return np.log1p(np.exp(-x)) if x >= 0 else -x + np.log1p(np.exp(x))

    total = 0.0
    for b in range(len(c)):
        v = W_in[c[b]]
        total += minus_log_sigmoid(W_out[o[b]] @ v)
        for j in n[b]:
            total += minus_log_sigmoid(-(W_out[j] @ v))
    return total / len(c)


@right("scores matrix with a sign column")
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    targets = np.concatenate([o[:, None], n], axis=1)                  # (B, k + 1): the context, then negatives
    scores = np.einsum("bjd,bd->bj", W_out[targets], W_in[c])
    labels = np.ones(targets.shape)
    labels[:, 1:] = -1.0                                               # +1 for the context, -1 for negatives
    return float(np.logaddexp(0.0, -labels * scores).sum(axis=1).mean())


@wrong("repeated ids lost")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = len(c)
    v, up, un = W_in[c], W_out[o], W_out[n]
    gp = (1 / (1 + np.exp(-np.sum(up * v, axis=1))) - 1) / B
    gn = 1 / (1 + np.exp(-np.einsum("bkd,bd->bk", un, v))) / B
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    dW_in[c] += gp[:, None] * up + np.einsum("bk,bkd->bd", gn, un)
    dW_out[o] += gp[:, None] * v
    dW_out[n] += gn[:, :, None] * v[:, None, :]
    return dW_in, dW_out


@wrong("coefficient is sigma(s)")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = len(c)
    v, up, un = W_in[c], W_out[o], W_out[n]
    gp = 1 / (1 + np.exp(-np.sum(up * v, axis=1))) / B
    gn = 1 / (1 + np.exp(-np.einsum("bkd,bd->bk", un, v))) / B
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, c, gp[:, None] * up + np.einsum("bk,bkd->bd", gn, un))
    np.add.at(dW_out, o, gp[:, None] * v)
    np.add.at(dW_out, n, gn[:, :, None] * v[:, None, :])
    return dW_in, dW_out


@wrong("batch mean is missing")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v, up, un = W_in[c], W_out[o], W_out[n]
    gp = 1 / (1 + np.exp(-np.sum(up * v, axis=1))) - 1
    gn = 1 / (1 + np.exp(-np.einsum("bkd,bd->bk", un, v)))
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, c, gp[:, None] * up + np.einsum("bk,bkd->bd", gn, un))
    np.add.at(dW_out, o, gp[:, None] * v)
    np.add.at(dW_out, n, gn[:, :, None] * v[:, None, :])
    return dW_in, dW_out


@wrong("inf / inf = NaN")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = len(c)
    sigmoid = lambda x: np.exp(x) / (1 + np.exp(x))
    v, up, un = W_in[c], W_out[o], W_out[n]
    gp = (sigmoid(np.sum(up * v, axis=1)) - 1) / B
    gn = sigmoid(np.einsum("bkd,bd->bk", un, v)) / B
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, c, gp[:, None] * up + np.einsum("bk,bkd->bd", gn, un))
    np.add.at(dW_out, o, gp[:, None] * v)
    np.add.at(dW_out, n, gn[:, :, None] * v[:, None, :])
    return dW_in, dW_out


@wrong("negatives' terms", slug="dW_in without the negatives")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = len(c)
    v, up, un = W_in[c], W_out[o], W_out[n]
    gp = (1 / (1 + np.exp(-np.sum(up * v, axis=1))) - 1) / B
    gn = 1 / (1 + np.exp(-np.einsum("bkd,bd->bk", un, v))) / B
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, c, gp[:, None] * up)
    np.add.at(dW_out, o, gp[:, None] * v)
    np.add.at(dW_out, n, gn[:, :, None] * v[:, None, :])
    return dW_in, dW_out


@right("loop over pairs")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = len(c)

    def sigmoid(x):
        return 1.0 / (1.0 + np.exp(-x)) if x >= 0 else np.exp(x) / (1.0 + np.exp(x))

    dW_in, dW_out = np.zeros(W_in.shape), np.zeros(W_out.shape)
    for b in range(B):
        v = W_in[c[b]]
        g = sigmoid(W_out[o[b]] @ v) - 1.0            # d(-log sigma(s)) / ds
        dW_in[c[b]] += g * W_out[o[b]] / B
        dW_out[o[b]] += g * v / B
        for j in n[b]:
            g = sigmoid(W_out[j] @ v)                  # d(-log sigma(-s)) / ds
            dW_in[c[b]] += g * W_out[j] / B
            dW_out[j] += g * v / B
    return dW_in, dW_out


@right("one-hot matrices")
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    W_in, W_out, c, o, n = sgns_batch(W_in, W_out, centers, contexts, negatives)
    V, B = W_in.shape[0], len(c)
    targets = np.concatenate([o[:, None], n], axis=1)                   # (B, k + 1)
    labels = np.where(np.arange(targets.shape[1]) == 0, 1.0, -1.0)      # +1 context, -1 negatives
    scores = np.einsum("bjd,bd->bj", W_out[targets], W_in[c])
    coef = -labels * np.exp(-np.logaddexp(0.0, labels * scores)) / B   # dL/dscore = -y sigma(-y s) / B
    center_hot = np.eye(V)[c]                                           # (B, V)
    target_hot = np.eye(V)[targets]                                     # (B, k + 1, V)
    dW_in = center_hot.T @ np.einsum("bj,bjd->bd", coef, W_out[targets])
    dW_out = np.einsum("bjv,bj,bd->vd", target_hot, coef, W_in[c])
    return dW_in, dW_out
