"""Source of source/12_attention_bridge/12_attention_bridge.ipynb (write it with `python3 course.py author 12_attention_bridge`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "12_attention_bridge"
cells = [
md(r"""
# 12 · The attention bridge: from embeddings to queries, keys and values

Notebooks 01 to 11 built token vectors $X = E[\text{ids}]$ and gave them positions. What does the
first layer do with them? Attention reads the same table three times, through three learned
matrices, and then performs a **lookup**: every token asks a question (its *query*), every token
offers a label (its *key*) and a content (its *value*), and each token receives a mix of the
contents whose labels best match its question:

$$Q = X W_Q, \quad K = X W_K, \quad V = X W_V, \qquad
A = \operatorname{softmax}\!\Big(\frac{Q K^{\top}}{\sqrt{d_k}}\Big), \qquad \text{out} = A V .$$

Notebook 03 looked up the nearest neighbours of a vector: a **hard** lookup, one winner. Attention
is the **soft** version: every key gets a weight, larger for more similar keys, and the weights sum
to 1. This notebook builds one attention head in numpy, compares the two lookups, and then follows
one word through the six layers of a real model (all-MiniLM-L6-v2) to see how its vector changes
with its context (Vaswani et al., 2017, section 3.2).

| object | meaning |
|---|---|
| $X$ | the token vectors of one sequence (one row per token) |
| $W_Q$, $W_K$, $W_V$ | learned projections: queries and keys of width $d_k$, values of width $d_v$ |
| $Q$, $K$, $V$ | queries, keys and values, one row per token |
| $S = Q K^\top / \sqrt{d_k}$ | scores: query $i$ against key $j$ |
| $A = \operatorname{softmax}(S)$ | attention weights, softmax over the keys: each row sums to 1 |
| out $= A V$ | each token's mix of the values |

Their shapes are yours to work out in (a).

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, one of them for invalid input, and 2
graded by hand). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a
rough estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each
function you write is followed by a graded cell. The visible lines in that cell are *sanity
checks*: they catch common slips and say why, but they are not exhaustive. When your notebook is
graded, hidden checks run your function on other inputs (square matrices where a transpose still
fits, logits of several thousand, ties, zero vectors, lists, `float32`, invalid arguments) and
compare it with a reference. A failed hidden check tells you the input, what was expected and what
you returned, and names the mistake when it recognises it.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays (or a Python `int` where stated); never modify an input; raise
`ValueError` (with a message naming the argument) on invalid input. Before you submit:
*Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# A toy vocabulary with a toy embedding table (rounded, so printed numbers stay short) and one
# attention head's projections. In a trained model all four matrices are learned.
WORDS = ["the", "cat", "dog", "sat", "ran", "on", "mat", "rug"]
_rng = np.random.default_rng(12)
E = np.round(_rng.normal(size=(len(WORDS), 6)), 2)             # token table, d = 6
E[2] = np.round(E[1] + 0.3 * _rng.normal(size=6), 2)            # "dog" close to "cat"
E[7] = np.round(E[6] + 0.3 * _rng.normal(size=6), 2)            # "rug" close to "mat"
W_Q_toy = np.round(_rng.normal(size=(6, 4)) / np.sqrt(6), 2)    # d_k = 4
W_K_toy = np.round(_rng.normal(size=(6, 4)) / np.sqrt(6), 2)
W_V_toy = np.round(_rng.normal(size=(6, 3)) / np.sqrt(6), 2)    # d_v = 3
ids_toy = np.array([0, 1, 3, 5, 0, 6])                          # "the cat sat on the mat"
X_toy = E[ids_toy]
"""),
md(r"""
## (a) Shapes: one attention head

Take one sequence of $T$ token vectors of width $d$ (no batch axis here: notebooks 01, 08 and 09
added it, and the heads). The projections are multiplied **on the right**, $Q = X W_Q$, so each
row of $Q$ is one token's query. Queries and keys must have the same width $d_k$ to be compared
by a dot product; values have their own width $d_v$.

### Exercise 1 · `bridge_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict of tuples of Python `int`s with the shapes of `"X"`, `"W_Q"`,
`"W_K"`, `"W_V"`, `"Q"`, `"K"`, `"V"`, `"scores"`, `"weights"` and `"out"`. Invalid: a size that is
not an integer $\ge 1$ (`bool` is not a size).

<details><summary>Hint 1</summary>

Write each product with its shapes: $(T, d) @ (d, d_k)$. The inner sizes must agree and disappear.
</details>

<details><summary>Hint 2</summary>

`scores` compares every query with every key: `Q @ K.T` is $(T, d_k) @ (d_k, T)$. The output mixes
value rows: `weights @ V`.
</details>
"""),
solution("bridge_shapes", r'''
def bridge_shapes(T, d, d_k, d_v):
    """Shapes of one attention head over T token vectors of width d.

    Parameters
    ----------
    T, d, d_k, d_v : int
        Number of tokens, model width, width of queries and keys, width of values (each >= 1).

    Returns
    -------
    dict
        Tuples of Python ints for "X", "W_Q", "W_K", "W_V", "Q", "K", "V", "scores", "weights", "out".

    Raises
    ------
    ValueError
        If a size is not an integer >= 1 (bools are not).
    """
    ### BEGIN SOLUTION
    sizes = {"T": T, "d": d, "d_k": d_k, "d_v": d_v}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    T, d, d_k, d_v = (int(sizes[k]) for k in ("T", "d", "d_k", "d_v"))
    return {"X": (T, d), "W_Q": (d, d_k), "W_K": (d, d_k), "W_V": (d, d_v),
            "Q": (T, d_k), "K": (T, d_k), "V": (T, d_v),
            "scores": (T, T), "weights": (T, T), "out": (T, d_v)}
    ### END SOLUTION
'''),
test(A, "bridge_shapes", 2, r'''
# Sanity checks for bridge_shapes: 5 tokens of width 8, queries and keys of width 4, values of width 3.
shapes = bridge_shapes(5, 8, 4, 3)
keys = {"X", "W_Q", "W_K", "W_V", "Q", "K", "V", "scores", "weights", "out"}
assert isinstance(shapes, dict) and set(shapes) == keys, f"return a dict with the keys {sorted(keys)}; got {shapes!r}"
assert shapes["W_Q"] == (8, 4), f"Q = X @ W_Q with X (5, 8) and Q (5, 4): W_Q is (8, 4), got {shapes['W_Q']}"
assert shapes["scores"] != (5, 4), "scores compare every query with every key: one number per (query, key) pair"
print("bridge_shapes: sanity checks passed")
'''),
code(r"""
# Build the toy head with plain numpy and compare with your prediction.
Q_s, K_s, V_s = X_toy @ W_Q_toy, X_toy @ W_K_toy, X_toy @ W_V_toy
S_s = Q_s @ K_s.T / np.sqrt(Q_s.shape[1])
A_s = np.exp(S_s - S_s.max(axis=1, keepdims=True))
A_s /= A_s.sum(axis=1, keepdims=True)
actual = {"X": X_toy.shape, "W_Q": W_Q_toy.shape, "W_K": W_K_toy.shape, "W_V": W_V_toy.shape, "Q": Q_s.shape,
          "K": K_s.shape, "V": V_s.shape, "scores": S_s.shape, "weights": A_s.shape, "out": (A_s @ V_s).shape}
try:
    predicted = bridge_shapes(*X_toy.shape, W_Q_toy.shape[1], W_V_toy.shape[1])
except NotImplementedError:
    print("Write bridge_shapes first, then run this cell again. The shapes of the toy head:", actual)
except Exception as err:
    print(f"bridge_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:8s} {str(shape):8s} {verdict}")
"""),
md(r"""
## (b) Queries, keys, values and the weights

### Exercise 2 · `qkv_projection` (2 points · ★ · about 10 min)

Return the tuple `(Q, K, V)` $= (X W_Q,\ X W_K,\ X W_V)$ of three float64 arrays. `X` is $(T, d)$,
each projection is $(d, \cdot)$. Invalid (`ValueError` naming the argument): an input that is not
2-D, a projection whose number of rows is not $d$, or `W_Q` and `W_K` of different widths.

<details><summary>Hint 1</summary>

Three matrix products with `@`. Check the shapes before multiplying so that the error names the
argument (numpy's own error would not).
</details>

<details><summary>Hint 2</summary>

Frameworks store a linear layer's weight as (out, in) and compute `x @ W.T`; this notebook stores
the projection as (in, out), so no transpose: `X @ W_Q`.
</details>
"""),
solution("qkv_projection", r'''
def qkv_projection(X, W_Q, W_K, W_V):
    """Queries, keys and values of one attention head.

    Parameters
    ----------
    X : array_like, shape (T, d)
        Token vectors, one row per token.
    W_Q, W_K : array_like, shape (d, d_k)
        Query and key projections (same width d_k).
    W_V : array_like, shape (d, d_v)
        Value projection.

    Returns
    -------
    tuple of three np.ndarray, float64
        (Q, K, V) = (X @ W_Q, X @ W_K, X @ W_V), shapes (T, d_k), (T, d_k), (T, d_v).

    Raises
    ------
    ValueError
        If an input is not 2-D, a projection does not have d rows, or W_Q and W_K differ in width.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, shape (T, d), got shape {X.shape}")
    mats = {}
    for name, W in (("W_Q", W_Q), ("W_K", W_K), ("W_V", W_V)):
        W = np.asarray(W, dtype=np.float64)
        if W.ndim != 2 or W.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must have shape (d, ...) with d = {X.shape[1]}, got shape {W.shape}")
        mats[name] = W
    if mats["W_Q"].shape[1] != mats["W_K"].shape[1]:
        raise ValueError(f"W_Q and W_K must have the same width d_k, got {mats['W_Q'].shape[1]} "
                         f"and {mats['W_K'].shape[1]}")
    return X @ mats["W_Q"], X @ mats["W_K"], X @ mats["W_V"]
    ### END SOLUTION
'''),
test(A, "qkv_projection_values", 2, r'''
# Sanity checks for qkv_projection on the toy sentence.
out = qkv_projection(X_toy, W_Q_toy, W_K_toy, W_V_toy)
assert isinstance(out, tuple) and len(out) == 3, f"return the tuple (Q, K, V), got {type(out).__name__}"
Q_c, K_c, V_c = out
assert Q_c.shape == (6, 4) and V_c.shape == (6, 3), \
    f"Q is (T, d_k) = (6, 4) and V is (T, d_v) = (6, 3), got {Q_c.shape} and {V_c.shape}"
assert np.allclose(Q_c[1], X_toy[1] @ W_Q_toy), "row 1 of Q is token 1's vector times W_Q: X[1] @ W_Q"
assert np.allclose(Q_c[0], Q_c[4]), "tokens 0 and 4 are both 'the' (no positions here): their queries are equal"
assert not np.allclose(Q_c, K_c), "Q and K use different projections, W_Q and W_K"
print("qkv_projection: sanity checks passed")
'''),
md(r"""
### Exercise 3 · `attention_weights` (2 points · ★★ · about 15 min)

Given queries `Q` $(n, d_k)$ and keys `K` $(m, d_k)$, return the $(n, m)$ weights

$$A[i, j] = \frac{\exp(S[i, j])}{\sum_{j'} \exp(S[i, j'])}, \qquad S = \frac{Q K^\top}{\sqrt{d_k}} .$$

Row $i$ belongs to query $i$ and sums to 1. The function must stay finite for logits of several
thousand. Queries and keys may come from different sequences ($n \ne m$). Invalid: `Q` or `K` not
2-D, or of different widths.

<details><summary>Hint 1</summary>

The scaling by $\sqrt{d_k}$ keeps the scores of wide heads from growing with the width: a dot
product of $d_k$ terms of unit size has a spread of about $\sqrt{d_k}$.
</details>

<details><summary>Hint 2</summary>

Subtract each row's maximum before `np.exp` (notebook 06): the softmax does not change, and the
largest exponent is then `exp(0) = 1`.
</details>
"""),
solution("attention_weights", r'''
def attention_weights(Q, K):
    """Scaled dot-product attention weights, softmax over the keys.

    Parameters
    ----------
    Q : array_like, shape (n, d_k)
        Queries.
    K : array_like, shape (m, d_k)
        Keys.

    Returns
    -------
    np.ndarray, shape (n, m), dtype float64
        softmax(Q @ K.T / sqrt(d_k)) over the last axis: every row sums to 1.

    Raises
    ------
    ValueError
        If Q or K is not 2-D or their widths differ.
    """
    ### BEGIN SOLUTION
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    if Q.ndim != 2:
        raise ValueError(f"Q must be 2-D, shape (n, d_k), got shape {Q.shape}")
    if K.ndim != 2:
        raise ValueError(f"K must be 2-D, shape (m, d_k), got shape {K.shape}")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same width d_k, got {Q.shape[1]} and {K.shape[1]}")
    S = Q @ K.T / np.sqrt(Q.shape[1])
    S = S - S.max(axis=1, keepdims=True)
    weights = np.exp(S)
    return weights / weights.sum(axis=1, keepdims=True)
    ### END SOLUTION
'''),
test(A, "attention_weights_values", 2, r'''
# Sanity checks for attention_weights.
A_c = attention_weights(np.array([[1.0, 0.0]]), np.array([[2.0, 0.0], [0.0, 2.0], [0.0, 0.0]]))
assert isinstance(A_c, np.ndarray) and A_c.shape == (1, 3), \
    f"one query, three keys: shape (1, 3), got {getattr(A_c, 'shape', type(A_c).__name__)}"
e = np.exp(np.array([2.0, 0.0, 0.0]) / np.sqrt(2))
assert np.allclose(A_c[0], e / e.sum()), \
    f"scores q.k / sqrt(d_k) = [2, 0, 0] / sqrt(2), then a softmax over the keys; got {A_c[0]}"
A_big = attention_weights(np.array([[3000.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]))
assert np.all(np.isfinite(A_big)), "logits of about 2,000 overflowed: subtract each row's max before np.exp"
A_toy = attention_weights(X_toy @ W_Q_toy, X_toy @ W_K_toy)
assert np.allclose(A_toy.sum(axis=1), 1.0), f"each query's weights sum to 1; row sums {A_toy.sum(axis=1)}"
print("attention_weights: sanity checks passed")
'''),
md(r"""
### Picture: who attends to whom in the toy sentence

Rows are queries, columns keys. Both occurrences of *the* have the same vector (no positions were
added), so their rows and their columns are equal: without a position signal, attention cannot
tell the two apart (notebooks 07 to 09 are about fixing exactly that).
"""),
code(r"""
try:
    Q_t, K_t, V_t = qkv_projection(X_toy, W_Q_toy, W_K_toy, W_V_toy)
    A_t = attention_weights(Q_t, K_t)
except NotImplementedError:
    print("Write qkv_projection and attention_weights first, then run this cell again.")
else:
    labels = [WORDS[i] for i in ids_toy]
    fig, ax = plt.subplots(figsize=(4.8, 4))
    im = ax.imshow(A_t, cmap="viridis", vmin=0)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("key")
    ax.set_ylabel("query")
    fig.colorbar(im, ax=ax, shrink=0.8)
    plt.show()
    print("rows 0 and 4 ('the') equal:", np.allclose(A_t[0], A_t[4]))
"""),
md(r"""
### Exercise 4 · `attention_output` (1 point · ★ · about 5 min)

Return `attention_weights(Q, K) @ V`, shape $(n, d_v)$: row $i$ is
$\sum_j A[i, j]\, V[j]$, a weighted average of the value rows. `V` is $(m, d_v)$, one row per key;
a `V` that is not 2-D or whose number of rows differs from `K`'s raises `ValueError`.

<details><summary>Hint 1</summary>

Use your `attention_weights`; check `V` first so that the error names it.
</details>
"""),
solution("attention_output", r'''
def attention_output(Q, K, V):
    """One attention head's output: the values mixed by the attention weights.

    Parameters
    ----------
    Q : array_like, shape (n, d_k)
    K : array_like, shape (m, d_k)
    V : array_like, shape (m, d_v)
        One value row per key.

    Returns
    -------
    np.ndarray, shape (n, d_v), dtype float64
        attention_weights(Q, K) @ V.

    Raises
    ------
    ValueError
        If V is not 2-D or has another number of rows than K, or as attention_weights.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=np.float64)
    if V.ndim != 2:
        raise ValueError(f"V must be 2-D, shape (m, d_v), got shape {V.shape}")
    if np.ndim(K) != 2 or np.shape(K)[0] != V.shape[0]:
        raise ValueError(f"V must have one row per key: K has shape {np.shape(K)}, V has {V.shape[0]} rows")
    return attention_weights(Q, K) @ V
    ### END SOLUTION
'''),
test(A, "attention_output_values", 1, r'''
# Sanity checks for attention_output.
V_demo = np.array([[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]])
out_c = attention_output(np.zeros((2, 3)), np.ones((3, 3)), V_demo)
assert isinstance(out_c, np.ndarray) and out_c.shape == (2, 2), \
    f"two queries, values of width 2: shape (2, 2), got {getattr(out_c, 'shape', type(out_c).__name__)}"
assert np.allclose(out_c, [[2.0, 2.0], [2.0, 2.0]]), \
    f"zero queries give equal weights 1/3: each output row is the mean of the value rows, [2, 2]; got {out_c}"
print("attention_output: sanity checks passed")
'''),
md(r"""
## Attention as a soft nearest-neighbour lookup

Notebook 03's `nearest_neighbours` ranks the rows of a table by cosine with a query and returns
the best: a **hard** lookup. Attention keeps every row, weighted by a softmax of the similarities.
With a temperature factor $\beta \ge 0$:

$$w_j = \frac{\exp(\beta \cos(q, k_j))}{\sum_{j'} \exp(\beta \cos(q, k_{j'}))}, \qquad
\text{soft} = \sum_j w_j\, v_j, \qquad \text{hard} = v_{j^*},\ j^* = \arg\max_j \cos(q, k_j).$$

At $\beta = 0$ every key gets the same weight and the soft lookup returns the mean value; as
$\beta$ grows the weight concentrates on the best key and the soft lookup approaches the hard one
(when the best key is unique). Scaled dot-product attention is this lookup with dot products
instead of cosines and $\beta = 1/\sqrt{d_k}$. Unlike the hard lookup, the soft one is
differentiable in the query and the keys: the gradient reaches every key, which is what lets
$W_Q$ and $W_K$ be learned.

### Exercise 5 · `soft_vs_hard_lookup` (2 points · ★★ · about 15 min)

`keys` $(m, d)$, `values` $(m, d_v)$, `query` $(d,)$, `beta` a number $\ge 0$. Return a dict:
`"hard_id"`: the index of the key of largest cosine with the query (a Python `int`; ties go to the
smaller index); `"hard"`: that key's value row; `"weights"`: the $(m,)$ softmax of
$\beta \cos$; `"soft"`: the weighted mix of the value rows, $(d_v,)$. A cosine with a zero vector is
0 (notebook 03). Invalid: `keys` or `values` not 2-D, `query` not 1-D, sizes that do not match, a
negative or non-finite `beta`.

<details><summary>Hint 1</summary>

Cosines of all keys at once: divide `keys @ query` by the product of the norms, where it is not 0.
`np.divide(a, b, out=np.zeros_like(a), where=b > 0)` does that without a warning.
</details>

<details><summary>Hint 2</summary>

`np.argmax` returns the first maximum, the smaller index; wrap it in `int(...)`. For the softmax,
subtract the largest logit first: $\beta$ can be in the thousands.
</details>
"""),
solution("soft_vs_hard_lookup", r'''
def soft_vs_hard_lookup(keys, values, query, beta):
    """Hard (argmax cosine) and soft (softmax of beta * cosine) lookups of one query in a table.

    Parameters
    ----------
    keys : array_like, shape (m, d)
    values : array_like, shape (m, d_v)
        One value row per key.
    query : array_like, shape (d,)
    beta : float
        Inverse temperature >= 0.

    Returns
    -------
    dict
        "hard_id": int, the key of largest cosine (ties: the smaller index);
        "hard": values[hard_id], shape (d_v,);
        "weights": softmax(beta * cos(query, keys)), shape (m,);
        "soft": weights @ values, shape (d_v,).

    Raises
    ------
    ValueError
        If shapes do not match (keys, values 2-D with equal rows; query 1-D of the keys' width)
        or beta is negative or not finite.
    """
    ### BEGIN SOLUTION
    keys = np.asarray(keys, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    query = np.asarray(query, dtype=np.float64)
    if keys.ndim != 2:
        raise ValueError(f"keys must be 2-D, shape (m, d), got shape {keys.shape}")
    if values.ndim != 2 or values.shape[0] != keys.shape[0]:
        raise ValueError(f"values must be 2-D with one row per key ({keys.shape[0]}), got shape {values.shape}")
    if query.ndim != 1 or query.shape[0] != keys.shape[1]:
        raise ValueError(f"query must have shape ({keys.shape[1]},), got shape {query.shape}")
    if isinstance(beta, (bool, np.bool_)) or not np.isfinite(beta) or beta < 0:
        raise ValueError(f"beta must be a finite number >= 0, got {beta!r}")
    norms = np.linalg.norm(keys, axis=1) * np.linalg.norm(query)
    dots = keys @ query
    cos = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    hard_id = int(np.argmax(cos))
    logits = float(beta) * cos
    weights = np.exp(logits - logits.max())
    weights = weights / weights.sum()
    return {"hard_id": hard_id, "hard": values[hard_id].copy(), "weights": weights, "soft": weights @ values}
    ### END SOLUTION
'''),
test(A, "soft_vs_hard_lookup_values", 2, r'''
# Sanity checks for soft_vs_hard_lookup: keys along the axes, values that name them.
keys_demo = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
vals_demo = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
r = soft_vs_hard_lookup(keys_demo, vals_demo, np.array([2.0, 1.0]), 0.0)
assert isinstance(r, dict) and set(r) == {"hard_id", "hard", "weights", "soft"}, \
    f"return a dict with the keys hard_id, hard, weights, soft; got {r!r}"
assert type(r["hard_id"]) is int and r["hard_id"] == 0, f"key 0 has the largest cosine: hard_id 0 (a Python int), got {r['hard_id']!r}"
assert np.allclose(r["weights"], 1 / 3), f"beta = 0 gives every key the same weight 1/3, got {r['weights']}"
r = soft_vs_hard_lookup(keys_demo, vals_demo, np.array([2.0, 1.0]), 1.0)
c = np.array([2.0, 1.0, -2.0]) / np.sqrt(5)
assert np.allclose(r["weights"], np.exp(c) / np.exp(c).sum()), \
    f"weights are softmax(beta * cos); the cosines are {c}; got {r['weights']}"
long = soft_vs_hard_lookup(np.array([[4.0, 4.0], [1.0, 0.1]]), vals_demo[:2], np.array([1.0, 0.0]), 1.0)
assert long["hard_id"] == 1, "the hard lookup ranks by cosine, not by dot product: the long key 0 is less aligned"
print("soft_vs_hard_lookup: sanity checks passed")
'''),
md(r"""
### Experiment: from soft to hard

Look up the vector of *dog* in the toy table, with the table itself as keys and one-hot values
(so `soft` is simply the weight of each word). *cat* and *dog* were built close together. At
$\beta = 0$ every word gets $1/8$; as $\beta$ grows the weight moves to the most similar word,
which is *dog* itself, and the soft lookup converges to the hard one. The distance between the two
shrinks towards 0.
"""),
code(r"""
try:
    soft_vs_hard_lookup(E, np.eye(len(WORDS)), E[2], 1.0)
except NotImplementedError:
    print("Write soft_vs_hard_lookup first, then run this cell again.")
else:
    betas = [0.0, 1.0, 5.0, 20.0, 100.0]
    print("beta   " + " ".join(f"{w:>6s}" for w in WORDS) + "   |soft - hard|")
    for b in betas:
        r = soft_vs_hard_lookup(E, np.eye(len(WORDS)), E[2], b)
        print(f"{b:5.0f}  " + " ".join(f"{x:6.3f}" for x in r["weights"])
              + f"   {np.linalg.norm(r['soft'] - r['hard']):.3f}")
    r = soft_vs_hard_lookup(np.delete(E, 2, axis=0), np.eye(len(WORDS) - 1), E[2], 20.0)
    others = [w for w in WORDS if w != "dog"]
    print("without 'dog' in the table, the hard lookup returns", repr(others[r["hard_id"]]),
          "and the soft one (beta = 20) puts", f"{r['weights'][r['hard_id']]:.3f}", "of its weight there")
"""),
md(r"""
## Real embeddings: one word through MiniLM's six layers (ungraded)

`minilm.py` ships beside this notebook with a numpy forward pass of all-MiniLM-L6-v2 (6 layers,
12 heads of width 32), and `minilm_layers.py` keeps the hidden state after every layer. Below,
the word *bank* appears in four sentences, two about a river and two about money. At the input
(layer 0: token + position vector, normalised) the four *bank* vectors differ only by their
position. Each layer mixes in other tokens' values through attention, so the vector of *bank*
becomes a vector of *bank in this sentence*.

For every layer the cell prints the mean cosine between *bank* vectors of the same sense and of
different senses, and, for each occurrence, the nearest other word of the four sentences that is
not *bank*. In this run (the numbers are recomputed by the course's tests): at layer 0 all four
*bank* vectors have cosines above 0.95 (mean 0.98 within a sense, 0.97 across), and the
nearest other word of every occurrence is *money*, the same for both senses. From layer 1 on the
same-sense pairs are closer than the different-sense ones at every layer, by 0.07 to 0.10 in mean
cosine (after layer 6: 0.89 against 0.79). From layer 2 on, the nearest other word of both river
sentences is *river* and that of the two money sentences is *money* (except after the last layer,
where "the bank raised its interest rates", which has no word for money, finds *its*). Four
sentences are an illustration, not a study: other sentences and words give other numbers.

The cell needs the model package and takes a few seconds.
"""),
code(r"""
try:
    from minilm import load_minilm
    from minilm_layers import neighbours_by_layer
    real = load_minilm()
except ImportError as err:
    print("The real-embedding part needs the model package:", err)
else:
    sentences = ["we walked along the bank of the river", "she sat on the grassy bank by the water",
                 "the bank raised its interest rates", "he deposited the money at the bank"]
    sense = np.array([0, 0, 1, 1])                     # river, river, money, money
    result = neighbours_by_layer(real, sentences, "bank", k=8)
    same = (sense[:, None] == sense[None, :]) & ~np.eye(4, dtype=bool)
    diff = sense[:, None] != sense[None, :]
    for layer, info in enumerate(result["layers"]):
        C = info["target_cos"]
        nearest = [next(w for w, _ in near if not w.startswith("bank")) for near in info["neighbours"]]
        print(f"layer {layer}: cos same sense {C[same].mean():.2f}, different sense {C[diff].mean():.2f}; "
              f"nearest non-'bank' word: {', '.join(nearest)}")
"""),
md(r"""
### Invalid input (1 point for the whole notebook)

One graded cell checks that every function of this notebook raises `ValueError`, with a message
naming the argument, on the inputs the rules call invalid (sizes below 1, floats or booleans as
sizes, arrays of the wrong number of dimensions, sizes that do not match, a negative `beta`).
Nothing to write here: it grades the validation you already wrote.
"""),
test(A, ("bridge_shapes_invalid", "qkv_projection_invalid", "attention_weights_invalid", "attention_output_invalid",
         "soft_vs_hard_lookup_invalid"), 1, r'''
# Sanity checks: mismatched sizes raise ValueError.
for call, what in [(lambda: bridge_shapes(0, 8, 4, 3), "bridge_shapes with T = 0"),
                   (lambda: qkv_projection(np.ones((5, 6)), np.ones((5, 4)), np.ones((6, 4)), np.ones((6, 3))),
                    "qkv_projection with W_Q of 5 rows for d = 6"),
                   (lambda: attention_weights(np.ones((2, 4)), np.ones((3, 5))), "attention_weights with widths 4 and 5"),
                   (lambda: attention_output(np.ones((2, 4)), np.ones((3, 4)), np.ones((2, 2))),
                    "attention_output with 3 keys and 2 values"),
                   (lambda: soft_vs_hard_lookup(np.ones((3, 2)), np.ones((3, 2)), np.ones(2), -1.0),
                    "soft_vs_hard_lookup with beta = -1")]:
    try:
        call()
    except ValueError as err:
        print(f"{what} raised ValueError as it should: {err}")
    else:
        raise AssertionError(f"{what} returned a value: it must raise ValueError")
''', grade_id="test_invalid_inputs"),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. The embedding table is the only place where a token's identity enters the model. After
   `qkv_projection`, what decides how much token $i$ attends to token $j$, and why can two
   occurrences of the same token (without positions) not attend differently?
2. Compare the hard lookup of notebook 03 with attention's soft lookup: what does the softmax buy
   for training, and what does $\beta$ (or $1/\sqrt{d_k}$) control? What did MiniLM's *bank*
   show about the vectors a later layer works with?
"""),
answer("explain_attention_bridge", r"""
(1) The weight of $j$ for query $i$ is the softmax over $j$ of $(x_i W_Q) \cdot (x_j W_K) / \sqrt{d_k}$:
a learned bilinear similarity between the two token vectors, $x_i^\top W_Q W_K^\top x_j$. It depends
only on the two vectors, so two occurrences of one token with no position signal have identical
queries, keys and values, identical rows and columns of weights and identical outputs; order and
context only enter through positions (01, 07-09) and through the mixing itself in later layers.
(2) The hard lookup returns one row and has no useful gradient with respect to the query or the
keys (a small change either leaves the winner unchanged or jumps); the softmax gives every key a
weight that changes smoothly, so the loss reaches $W_Q$, $W_K$ and every value, and the output can
blend several rows. $\beta$ (the scaling $1/\sqrt{d_k}$) sets the sharpness: small gives an average,
large approaches the argmax (and saturates the softmax, with vanishing gradients). MiniLM showed that
after a few layers a token's vector depends on its sentence: the *bank* vectors of the same sense
are closer than those of different senses, and their nearest words become river or money, so later
layers look up contextual vectors, not dictionary entries.
""", r"""
1 point: weights come from the similarity of the projected query and key (a learned bilinear form
of the two embeddings, scaled by $1/\sqrt{d_k}$, softmax over keys); identical vectors give
identical queries, keys, weights and outputs, so position (or context from earlier layers) is
needed to tell two occurrences apart. 1 point: the softmax is differentiable (gradient reaches all
keys, values and projections; mixes several rows) where the hard argmax is not; $\beta$ / the
scaling sets how sharp the weights are (uniform to argmax); later layers work on contextual
vectors (the *bank* example: same-sense occurrences closer, neighbours river / money). Accept
equivalent wording; half a point each when one of the parts is missing.
"""),
]

NOTEBOOK = notebook(cells)
