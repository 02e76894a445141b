"""Source of source/09_alibi/09_alibi.ipynb (write it with `python3 course.py author 09_alibi`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "09_alibi"
cells = [
md(r"""
# 09 · ALiBi: attention with linear biases

Learned position tables (notebook 01) and sinusoids (07) add a position vector to every token
vector; RoPE (08) rotates queries and keys. **ALiBi** (Press, Smith and Lewis, 2021, *Train
Short, Test Long*) does neither: the token vectors $X = E[\text{ids}]$ enter the first layer
unchanged, and every attention head instead subtracts a penalty proportional to the distance
between the query $i$ and the key $j$ from the attention logit:

$$A_h[i, :] = \operatorname{softmax}_j\big(S_h[i, j] + B_h[i, j]\big), \qquad
B_h[i, j] = \begin{cases} -m_h\,(i - j) & j \le i \\ -\infty & j > i \ \text{(causal)} \end{cases}$$

Head $h$ has its own fixed **slope** $m_h > 0$; nothing about positions is learned.

| object | meaning |
|---|---|
| $m$ | the slopes, $m_h$ for head $h$ |
| $B$ | the bias, $B[h, i, j]$ for query $i$ and key $j$ of head $h$ |
| $S$ | raw attention logits $q_i \cdot k_j / \sqrt{d_h}$ of each head |
| $A = \operatorname{softmax}(S + B)$ | attention weights, each row sums to 1 |

Their shapes are yours to work out in (a).

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, one of them for invalid input, and 2
graded by hand). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a
rough estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each function you write is followed by a graded
cell. The visible lines in that cell are *sanity checks*: they catch common slips and say why,
but they are not exhaustive. When your notebook is graded, hidden checks run your function on
other inputs (head counts that are not powers of two, $H \ne T$, huge logits, invalid
arguments) and compare it with a reference. A failed hidden check tells you the input, what was
expected and what you returned, and names the mistake when it recognises it.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays; never modify an input; raise `ValueError` (with a message naming
the argument) on invalid input. Before you submit: *Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=4, suppress=True)
"""),
md(r"""
## (a) Shapes, and one slope per head

Trace one causal attention layer of a model with ALiBi. It receives the token vectors `X` of $B$
sequences of $T$ tokens, width $d_{\text{model}}$ (no position vector is added). The queries and keys
are projected and cut into $H$ heads of equal width, heads before positions as in notebook 08. Each
head compares each of its queries with each of its keys (row $i$ = the query, column $j$ = the key),
adds its bias, takes a softmax over the keys, mixes the values with the weights, and the heads'
outputs are put side by side again. The bias depends on the head, the query position and the key
position, and on nothing else: not on the tokens, not on the sequence.

### Exercise 1 · `alibi_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict of tuples of Python `int`s with the shapes of `"X"`, `"Q"` (the
queries split into heads), `"slopes"`, `"bias"` (as small as it can be: no axis it does not depend on),
`"scores"` (before the bias), `"weights"` (after bias and softmax) and `"out"` (the layer's output,
heads side by side). Invalid: a size that is not an integer $\ge 1$ (`bool` is not a size), or a
$d_{\text{model}}$ that $H$ does not divide.

<details><summary>Hint 1</summary>

Which of $B$, $H$, $T$ does the bias depend on? Adding it to the scores then relies on numpy's
broadcasting over the missing axis.
</details>

<details><summary>Hint 2</summary>

`Q` is $(B, H, T, d_{\text{head}})$ with $d_{\text{head}} = d_{\text{model}} / H$; `Q @ K` transposed
over the last two axes is one $T \times T$ matrix per sequence and head; the bias has one
$T \times T$ matrix per head; `weights @ V` is per head again, and putting the heads side by side
restores the model width.
</details>
"""),
solution("alibi_shapes", r'''
def alibi_shapes(B, H, T, d_model):
    """Shapes along one causal attention layer with ALiBi (B sequences, H heads, T positions).

    Parameters
    ----------
    B, H, T, d_model : int
        Batch size, number of heads, number of positions and model width (each >= 1);
        H must divide d_model.

    Returns
    -------
    dict
        Tuples of Python ints for the keys "X", "Q", "slopes", "bias", "scores", "weights", "out".

    Raises
    ------
    ValueError
        If a size is not an integer >= 1 (bools are not) or H does not divide d_model.
    """
    ### BEGIN SOLUTION
    sizes = {"B": B, "H": H, "T": T, "d_model": d_model}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, H, T, d_model = (int(sizes[k]) for k in ("B", "H", "T", "d_model"))
    if d_model % H:
        raise ValueError(f"d_model = {d_model} must be divisible by H = {H}")
    d_head = d_model // H
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "slopes": (H,), "bias": (H, T, T),
            "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, T, d_model)}
    ### END SOLUTION
'''),
test(A, "alibi_shapes", 2, r'''
# Sanity checks for alibi_shapes: BLOOM-like sizes, 16 heads of width 64, a batch of 2, T = 7.
shapes = alibi_shapes(2, 16, 7, 1024)
assert isinstance(shapes, dict) and set(shapes) == {"X", "Q", "slopes", "bias", "scores", "weights", "out"}, \
    f"return a dict with keys X, Q, slopes, bias, scores, weights, out; got {shapes!r}"
assert shapes["slopes"] == (16,), f"one slope per head: the 1-tuple (H,), got {shapes['slopes']!r}"
assert shapes["bias"] != (2, 16, 7, 7), "the bias does not depend on the sequence: it has no batch axis"
assert shapes["out"] == (2, 7, 1024), f"the heads' outputs side by side give back the model width, got {shapes['out']}"
print("alibi_shapes: sanity checks passed")
'''),
code(r"""
# Run a small layer with plain numpy and compare with your prediction.
B_s, H_s, T_s, D_s = 2, 4, 5, 12
rng_s = np.random.default_rng(0)
X_s = rng_s.normal(size=(B_s, T_s, D_s))
W_q_s, W_k_s, W_v_s = rng_s.normal(size=(3, D_s, D_s))
split = lambda M: M.reshape(B_s, T_s, H_s, D_s // H_s).transpose(0, 2, 1, 3)
Q_s, K_s, V_s = split(X_s @ W_q_s), split(X_s @ W_k_s), split(X_s @ W_v_s)
slopes_s = 2.0 ** (-8 * np.arange(1, H_s + 1) / H_s)
dist = np.arange(T_s)[:, None] - np.arange(T_s)[None, :]
bias_s = np.where(dist < 0, -np.inf, -slopes_s[:, None, None] * dist)
scores_s = Q_s @ np.swapaxes(K_s, -1, -2) / np.sqrt(D_s // H_s)
logits_s = scores_s + bias_s
weights_s = np.exp(logits_s - logits_s.max(axis=-1, keepdims=True))
weights_s /= weights_s.sum(axis=-1, keepdims=True)
out_s = (weights_s @ V_s).transpose(0, 2, 1, 3).reshape(B_s, T_s, D_s)
actual = {"X": X_s.shape, "Q": Q_s.shape, "slopes": slopes_s.shape, "bias": bias_s.shape,
          "scores": scores_s.shape, "weights": weights_s.shape, "out": out_s.shape}
try:
    predicted = alibi_shapes(B_s, H_s, T_s, D_s)
except NotImplementedError:
    print("Write alibi_shapes first, then run this cell again. The shapes of this small layer:", actual)
except Exception as err:
    print(f"alibi_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:8s} {str(shape):15s} {verdict}")
"""),
md(r"""
### The slopes

The slopes form a geometric sequence. For $H$ a power of two (1, 2, 4, 8, 16, ...):

$$m_h = 2^{-8h/H}, \qquad h = 1, \dots, H .$$

Eight heads get $\tfrac12, \tfrac14, \dots, \tfrac1{256}$; sixteen heads get
$2^{-0.5}, 2^{-1}, \dots, 2^{-8}$. The last slope is always $2^{-8}$, and the first head is
*not* $2^0 = 1$.

For other head counts the paper's code (`get_slopes` in the authors' repository) does not
use this formula. With $H_0$ the largest power of two below $H$, it takes

1. the $H_0$ slopes for $H_0$ heads, then
2. the first $H - H_0$ of the **even-indexed** slopes for $2H_0$ heads, `slopes(2*H0)[0::2]`.

Twelve heads: the eight slopes $2^{-1}, \dots, 2^{-8}$, then from
`slopes(16)[0::2]` $= 2^{-0.5}, 2^{-1.5}, 2^{-2.5}, \dots$ the first four:
$2^{-0.5}, 2^{-1.5}, 2^{-2.5}, 2^{-3.5}$. The extra heads never repeat a slope, but they do not
all fall between the first eight either: $2^{-1.5}$, $2^{-2.5}$ and $2^{-3.5}$ sit halfway (on
a log scale) between neighbours of the first eight, while $2^{-0.5} \approx 0.71$ is steeper
than all of them (the steepest of the eight is $2^{-1} = 0.5$).

### Exercise 2 · `alibi_slopes` (2 points · ★★ · about 15 min)

Return the $H$ slopes as a float64 array of shape `(n_heads,)`, in the order above.
`n_heads` must be an integer $\ge 1$ (Python or numpy; `bool` is not a size), else `ValueError`.

<details><summary>Hint 1</summary>

Write a small helper for the power-of-two case first, and build the general case from two calls of it.
</details>

<details><summary>Hint 2</summary>

`2 ** (-8 * h / n)` for `h = 1 .. n` is right only when `n` is a power of two. The largest power of
two $H_0 \le H$ is `2 ** (n.bit_length() - 1)` for a Python int `n` (or use a loop).
</details>

<details><summary>Hint 3</summary>

`np.concatenate([helper(H0), helper(2 * H0)[0::2][:n - H0]])`.
</details>
"""),
solution("alibi_slopes", r'''
def alibi_slopes(n_heads):
    """The ALiBi slope of every head (Press et al., 2021).

    Parameters
    ----------
    n_heads : int
        Number of attention heads H >= 1.

    Returns
    -------
    np.ndarray, shape (n_heads,), dtype float64
        For H a power of two, m_h = 2^(-8h/H), h = 1 .. H. Otherwise, with H0 the
        largest power of two below H: the H0 slopes for H0 heads, then the first
        H - H0 of the slopes for 2*H0 heads taken at even indices ([0::2]).

    Raises
    ------
    ValueError
        If n_heads is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    if isinstance(n_heads, (bool, np.bool_)) or not isinstance(n_heads, (int, np.integer)):
        raise ValueError(f"n_heads must be an integer, got {n_heads!r}")
    if n_heads < 1:
        raise ValueError(f"n_heads must be >= 1, got {n_heads}")
    n_heads = int(n_heads)

    def power_of_two_slopes(n):
        return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)

    n0 = 1 << (n_heads.bit_length() - 1)      # the largest power of two <= n_heads
    slopes = power_of_two_slopes(n0)
    if n0 < n_heads:
        extra = power_of_two_slopes(2 * n0)[0::2][: n_heads - n0]
        slopes = np.concatenate([slopes, extra])
    return slopes
    ### END SOLUTION
'''),
test(A, "alibi_slopes_values", 2, r'''
# Sanity checks for alibi_slopes (the hidden checks try many more head counts).
m8 = alibi_slopes(8)
assert isinstance(m8, np.ndarray) and m8.shape == (8,), \
    f"one slope per head: shape (8,), got {getattr(m8, 'shape', type(m8).__name__)}"
assert m8.dtype == np.float64, f"return float64, got {m8.dtype}"
assert m8[0] != 1.0, "the first slope is 2^(-8/H), not 2^0 = 1: h runs from 1 to H"
assert np.allclose(m8, [1/2, 1/4, 1/8, 1/16, 1/32, 1/64, 1/128, 1/256]), \
    f"8 heads have the slopes 1/2, 1/4, ..., 1/256, got {m8}"
m12 = alibi_slopes(12)
assert m12.shape == (12,), f"12 heads need 12 slopes, got shape {m12.shape}"
assert np.allclose(m12[:8], m8), "the first 8 of 12 slopes are the slopes for 8 heads (12 is not a power of two)"
assert np.allclose(-np.log2(m12[8:]), [0.5, 1.5, 2.5, 3.5]), \
    f"heads 9..12 take slopes(16)[0::2][:4] = 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5; got 2^-{-np.log2(m12[8:])}"
print("alibi_slopes: sanity checks passed")
'''),
md(r"""
### Picture: the slopes of 8, 12 and 16 heads

On a log scale the slopes are evenly spaced: each head halves (8 heads) or divides by
$\sqrt2$ (16 heads) the slope of the previous one. Of the four extra heads of a 12-head model,
three sit halfway between slopes of the first eight ($2^{-1.5}$, $2^{-2.5}$, $2^{-3.5}$) and one,
$2^{-0.5}$, lies above all of them: head 9 is the steepest of the twelve.
"""),
code(r"""
try:
    for n in (8, 12):
        exponents = -np.log2(alibi_slopes(n))
        print(f"{n:2d} heads: m = 2^-k with k =", ", ".join(f"{k:g}" for k in exponents))
except NotImplementedError:
    print("Write alibi_slopes first, then run this cell again.")
else:
    fig, ax = plt.subplots(figsize=(8, 3.2))
    for n, style in ((8, dict(marker="o", ms=11, mfc="none")), (12, dict(marker="s", ms=5)),
                     (16, dict(marker="^", ms=5))):
        m = alibi_slopes(n)
        ax.plot(np.arange(1, n + 1), m, linestyle="none", label=f"{n} heads", **style)
    ax.set_yscale("log", base=2)
    ax.set_xlabel("head h")
    ax.set_ylabel("slope $m_h$ (log scale)")
    ax.set_title("ALiBi slopes: a geometric sequence per head count")
    ax.legend()
    plt.show()
"""),
md(r"""
## (b) The bias matrix and the attention weights

### Exercise 3 · `alibi_bias` (2 points · ★★ · about 15 min)

Return the bias of every head, shape `(n_heads, T, T)`, float64:

$$\text{bias}[h, i, j] = \begin{cases} -m_h\,(i - j) & j \le i \\
-\infty & j > i \text{ and causal} \\ -m_h\,(j - i) & j > i \text{ and not causal} \end{cases}$$

so without the causal mask the bias is $-m_h\,|i - j|$, symmetric in $i$ and $j$. The diagonal
is $0$: a query always sees itself. `causal` is a `bool` (`True` or `False`; the checks pass
nothing else). `n_heads` and `T` are integers $\ge 1$; other sizes raise `ValueError`.

<details><summary>Hint 1</summary>

Build the matrix of distances $i - j$ once, for all pairs, then scale it by each head's slope.
</details>

<details><summary>Hint 2</summary>

`i = np.arange(T)[:, None]` and `j = np.arange(T)[None, :]` broadcast to every $(i, j)$ pair; the
slopes need shape `(H, 1, 1)` to scale one whole matrix per head.
</details>

<details><summary>Hint 3</summary>

Put the mask in with `np.where(j > i, -np.inf, bias)`. Do not multiply a 0/1 mask by `-np.inf`:
`0 * -inf` is `nan`.
</details>
"""),
solution("alibi_bias", r'''
def alibi_bias(n_heads, T, causal=True):
    """The ALiBi bias of every head.

    Parameters
    ----------
    n_heads : int
        Number of heads H >= 1 (slopes from alibi_slopes).
    T : int
        Sequence length >= 1.
    causal : bool, default True
        If True, keys after the query (j > i) get -inf.

    Returns
    -------
    np.ndarray, shape (n_heads, T, T), dtype float64
        bias[h, i, j] = -m_h * (i - j) for j <= i; for j > i, -inf if causal,
        else -m_h * (j - i).

    Raises
    ------
    ValueError
        If n_heads or T is not an integer >= 1, or causal is not a bool.
    """
    ### BEGIN SOLUTION
    m = alibi_slopes(n_heads)
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError(f"T must be an integer >= 1, got {T!r}")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError(f"causal must be True or False, got {causal!r} of type {type(causal).__name__}")
    query = np.arange(T)[:, None]
    key = np.arange(T)[None, :]
    distance = np.abs(query - key)
    bias = m[:, None, None] * -distance
    if causal:
        bias = np.where(key > query, -np.inf, bias)
    return bias
    ### END SOLUTION
'''),
test(A, "alibi_bias_values", 2, r'''
# Sanity checks for alibi_bias: 2 heads have the slopes 1/16 and 1/256.
B_demo = alibi_bias(2, 4)
assert isinstance(B_demo, np.ndarray) and B_demo.shape == (2, 4, 4), \
    f"one (T, T) matrix per head: shape (2, 4, 4), got {getattr(B_demo, 'shape', type(B_demo).__name__)}"
assert B_demo.dtype == np.float64, f"return float64, got {B_demo.dtype}"
assert not np.isnan(B_demo).any(), "the bias contains NaN: 0 * -inf is NaN, use np.where(j > i, -np.inf, ...)"
assert np.all(np.diag(B_demo[0]) == 0), "the diagonal is 0: a query sees itself at distance 0"
assert np.isneginf(B_demo[0, 0, 1]), \
    f"query 0 must not see key 1 (a future key): bias[0, 0, 1] = -inf, got {B_demo[0, 0, 1]}"
assert np.isclose(B_demo[0, 3, 1], -2 / 16), \
    f"bias[0, 3, 1] = -m_1 * (3 - 1) = -2/16 (row = query, column = key, a penalty), got {B_demo[0, 3, 1]}"
assert np.isclose(B_demo[1, 3, 0], -3 / 256), f"head 2 has slope 1/256: bias[1, 3, 0] = -3/256, got {B_demo[1, 3, 0]}"
B_open = alibi_bias(2, 4, causal=False)
assert np.allclose(B_open, np.transpose(B_open, (0, 2, 1))), \
    "without the causal mask the bias is -m |i - j|: the same penalty before and after the query"
print("alibi_bias: sanity checks passed")
'''),
md(r"""
### Picture: the bias of three of eight heads

Each head's bias is a Toeplitz matrix: it depends on $i - j$ only, so every diagonal is
constant. Grey cells are $-\infty$ (future keys). Head 1 ($m = 1/2$) punishes distance hard;
head 8 ($m = 1/256$) barely at all, so it can look far back.
"""),
code(r"""
try:
    B_pic = alibi_bias(8, 12)
except NotImplementedError:
    print("Write alibi_bias first, then run this cell again.")
else:
    cmap = plt.get_cmap("magma").copy()
    cmap.set_bad("lightgrey")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), layout="constrained")
    for ax, h in zip(axes, (0, 3, 7)):
        im = ax.imshow(np.ma.masked_invalid(B_pic[h]), cmap=cmap, vmin=-5.5, vmax=0)
        ax.set_title(f"head {h + 1}: m = 2^-{h + 1}")
        ax.set_xlabel("key j")
        ax.set_ylabel("query i")
    fig.colorbar(im, ax=axes, shrink=0.8, label="bias (grey: -inf)")
    plt.show()
"""),
md(r"""
### Exercise 4 · `alibi_attention_weights` (3 points · ★★ · about 15 min)

Given raw logits `scores` of shape $(H, T, T)$ (one matrix per head), return the causal
ALiBi attention weights

$$A[h, i, j] = \frac{\exp(S[h,i,j] + B[h,i,j])}{\sum_{j'} \exp(S[h,i,j'] + B[h,i,j'])}$$

with $B$ = `alibi_bias(H, T, causal=True)`.

The softmax runs over the **keys** $j$, the last axis: every row sums to 1. Masked entries
($j > i$) must be **exactly** 0, whatever the logits, even $10^{10}$. A `scores` array that is
not 3-D, or not square in its last two axes, raises `ValueError`.

<details><summary>Hint 1</summary>

Use your `alibi_bias` for the mask and the penalty, and write a numerically stable softmax over the
last axis.
</details>

<details><summary>Hint 2</summary>

Subtract each row's maximum before `np.exp` (a logit of 1000 overflows otherwise). The maximum of a
row is finite because the diagonal is never masked, and `np.exp(-np.inf)` is exactly `0.0`. A finite
stand-in for $-\infty$ such as `-1e9` fails as soon as a logit is larger than it.
</details>
"""),
solution("alibi_attention_weights", r'''
def alibi_attention_weights(scores):
    """Causal softmax attention weights with the ALiBi bias added.

    Parameters
    ----------
    scores : array_like, shape (H, T, T)
        Raw attention logits of H heads: scores[h, i, j] for query i and key j.

    Returns
    -------
    np.ndarray, shape (H, T, T), dtype float64
        softmax(scores + alibi_bias(H, T, causal=True)) over the last axis (keys):
        every row sums to 1 and the weights on future keys (j > i) are exactly 0.

    Raises
    ------
    ValueError
        If scores is not 3-D or its last two axes differ in length.
    """
    ### BEGIN SOLUTION
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3:
        raise ValueError(f"scores must have shape (H, T, T), got {scores.ndim} dimension(s)")
    H, T, T_keys = scores.shape
    if T != T_keys:
        raise ValueError(f"scores must be (H, T, T) with one key per position, got shape {scores.shape}")
    logits = scores + alibi_bias(H, T, causal=True)
    logits = logits - np.max(logits, axis=-1, keepdims=True)
    unnormalised = np.exp(logits)
    return unnormalised / np.sum(unnormalised, axis=-1, keepdims=True)
    ### END SOLUTION
'''),
test(A, "alibi_attention_weights_values", 2, r'''
# Sanity checks: with zero logits the weights come from the ALiBi bias alone.
A_demo = alibi_attention_weights(np.zeros((2, 3, 3)))
assert isinstance(A_demo, np.ndarray) and A_demo.shape == (2, 3, 3), \
    f"the weights have the shape of scores, (2, 3, 3), got {getattr(A_demo, 'shape', type(A_demo).__name__)}"
assert A_demo.dtype == np.float64, f"return float64, got {A_demo.dtype}"
assert not np.isnan(A_demo).any(), "the weights contain NaN (0 * -inf, -inf - -inf or inf / inf somewhere)"
assert np.allclose(A_demo.sum(axis=-1), 1.0), \
    f"each query's weights over its keys sum to 1 (softmax over the last axis); row sums:\n{A_demo.sum(axis=-1)}"
assert np.allclose(A_demo[0, 0], [1, 0, 0]), f"query 0 can only see key 0: weights [1, 0, 0], got {A_demo[0, 0]}"
w = np.exp(-np.array([2.0, 1.0, 0.0]) / 16)   # head 1 of 2 (m = 1/16), query 2: logits -m (2 - j), j = 0, 1, 2
assert np.allclose(A_demo[0, 2], w / w.sum()), \
    f"query 2 of head 1 (m = 1/16) weights keys 0, 1, 2 by exp(-m (2 - j)), normalised; got {A_demo[0, 2]}"
print("alibi_attention_weights: sanity checks passed")
'''),
test(A, "alibi_attention_weights_masking", 1, r'''
# Sanity checks: a huge logit on a future key must not leak through the mask.
S_demo = np.zeros((1, 3, 3))
S_demo[0, 0, 2] = 1e10                  # query 0 "likes" key 2, which it must not see
A_demo = alibi_attention_weights(S_demo)
assert not np.isnan(A_demo).any(), "NaN weights: subtract each row's max before np.exp and mask with -np.inf"
assert A_demo[0, 0, 2] == 0.0, \
    f"a future key gets weight exactly 0 whatever its logit (mask with -np.inf, not -1e9); got {A_demo[0, 0, 2]}"
assert np.all(np.triu(A_demo[0], 1) == 0.0), "every weight above the diagonal (j > i) must be exactly 0"
print("alibi_attention_weights: masking sanity checks passed")
'''),
md(r"""
### Picture: where each head looks

With all logits zero, the weights show ALiBi's prior alone. Every row is a decaying
exponential over the keys behind the query, $A[h, i, j] \propto e^{-m_h (i-j)}$; the
steep heads attend to the last few tokens, the shallow ones spread their attention far back.
"""),
code(r"""
try:
    A_pic = alibi_attention_weights(np.zeros((8, 16, 16)))
except NotImplementedError:
    print("Write alibi_bias and alibi_attention_weights first, then run this cell again.")
else:
    print("rows sum to 1:", np.allclose(A_pic.sum(axis=-1), 1.0),
          "| never looks ahead (all weights above the diagonal are 0):", bool(np.all(np.triu(A_pic, 1) == 0)))
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), layout="constrained")
    im = axes[0].imshow(A_pic[0], cmap="viridis")
    axes[0].set_title("head 1 (m = 1/2): weights A[0]")
    axes[0].set_xlabel("key j")
    axes[0].set_ylabel("query i")
    fig.colorbar(im, ax=axes[0], shrink=0.8)
    distance = np.arange(16)
    for h in (0, 1, 3, 7):
        axes[1].plot(distance, A_pic[h, -1, ::-1], marker=".", label=f"head {h + 1}, m = 2^-{h + 1}")
    axes[1].set_xlabel("distance i - j from the last query")
    axes[1].set_ylabel("attention weight")
    axes[1].set_title("the last query's weights, by distance")
    axes[1].legend()
    plt.show()
"""),
md(r"""
### Experiment: the authors' shortcut

The authors' fairseq code does not build $-m_h (i - j)$. It adds $m_h\, j$, the same vector in
every row (the comment in their code: *"this works because the softmax operation is invariant to
translation"*). Since $-m_h(i - j) = m_h j - m_h i$ and $-m_h i$ is a constant along row $i$,
the softmax over $j$ cannot tell the two apart. Check it with your function:
"""),
code(r"""
rng_demo = np.random.default_rng(9)
S_rand = rng_demo.normal(size=(4, 6, 6))
try:
    exact = alibi_attention_weights(S_rand)
    m_demo = alibi_slopes(4)
except NotImplementedError:
    print("Write the three functions first, then run this cell again.")
else:
    key_pos = np.arange(6)
    shortcut = S_rand + m_demo[:, None, None] * key_pos[None, None, :]         # + m_h * j in every row
    shortcut = np.where(key_pos[None, :] > key_pos[:, None], -np.inf, shortcut)  # causal mask
    shortcut = np.exp(shortcut - shortcut.max(axis=-1, keepdims=True))
    shortcut = shortcut / shortcut.sum(axis=-1, keepdims=True)
    print("softmax(S + m j) equals softmax(S - m (i - j)):", np.allclose(exact, shortcut))
    print("no table: the bias of 8 heads at T = 2,048 is just a formula; bias[7, 2047, 0] =",
          -alibi_slopes(8)[7] * 2047)
"""),
md(r"""
## Learned relative biases: Shaw et al. and T5 (ungraded)

ALiBi was not the first model to put position into attention instead of into the token vectors.
Two earlier designs *learn* what ALiBi fixes by a formula.

**Shaw, Uszkoreit and Vaswani (2018)** learn one vector per clipped relative distance,
$a_{j-i}$ with $j - i$ clipped to $[-k, k]$, and add it to the key before the dot product:
$e_{ij} = q_i \cdot (k_j + a_{\operatorname{clip}(j-i)}) / \sqrt{d}$ (a second set is added to the
values). The position term $q_i \cdot a_{j-i}$ depends on the query's content: a head can learn
"look two tokens back when I hold a verb". All distances beyond $k$ share one vector.

**T5 (Raffel et al., 2020)** simplifies this to a learned *scalar* per head and per **bucket** of
relative positions, added to the logit like ALiBi's bias: $S_h[i, j] + b_h[\text{bucket}(j - i)]$.
Its 32 buckets cover offsets whose ranges grow logarithmically up to 128; every offset beyond 128
shares one bucket. In the encoder half the buckets are for keys before the query and half for keys
after it: offsets 0 to 7 get a bucket each, and (with the published rounding down) the last bucket
of each side already starts at 91; in the decoder, which sees only keys before the query, offsets 0
to 15 get a bucket each and the last bucket starts at 113. The bias table is shared by all layers; each head has its own.

| | ALiBi | T5 bias | Shaw et al. |
|---|---|---|---|
| what is added | $-m_h\,(i - j)$, a fixed line | a learned scalar per bucket and head | a learned vector per clipped distance |
| learned parameters | none | 32 per head | $(2k + 1)$ vectors (keys, and again for values) |
| depends on content | no | no | yes ($q_i \cdot a_{j-i}$) |
| beyond the last bucket or clip | keeps falling | constant (the last bucket) | constant (the clipped vector) |
| shape over distance | decreasing, by design | whatever training makes it | whatever training makes it |

A learned bias can rise again at some distance (a head that looks at the previous sentence),
which ALiBi's line cannot. In exchange it says nothing new beyond its last bucket: every offset
past 128 gets the same bias. In Press et al.'s comparison the T5 bias extrapolates better than the
sinusoidal and rotary models but trains more slowly, and ALiBi extrapolates better still.

The picture below shows T5's bucket function (`t5_bucket`, in `long_context.py`: the definition
of Mesh TensorFlow's `relative_position_bucket`, with 32 buckets and a maximum distance of 128)
and, beside an ALiBi head, what a bias *could* look like once learned: the values here are made up
(a decreasing trend with one bump), drawn only to show its shape, piecewise constant over buckets and
flat beyond the start of the last bucket.
"""),
code(r"""
try:
    from long_context import t5_bucket
except ImportError:
    print("long_context.py belongs beside this notebook (it ships with it); copy it back to run this cell.")
else:
    rel = np.arange(-300, 301)                         # key position - query position
    buckets = t5_bucket(rel, bidirectional=True)
    print("bucket of offsets -1, -8, -9, -16, -64, -128, -129, -300:",
          t5_bucket(np.array([-1, -8, -9, -16, -64, -128, -129, -300])))
    print("offsets per bucket (keys before the query):",
          [int((buckets[rel <= 0] == b).sum()) for b in range(16)])
    fake = np.sort(np.random.default_rng(3).normal(size=32))[::-1]      # made-up values, not a trained table:
    fake[21:24] += 1.5                                                   # a decreasing trend with one bump
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.6), layout="constrained")
    axes[0].plot(rel, buckets, drawstyle="steps-mid")
    axes[0].set(xlabel="offset j - i (key minus query)", ylabel="bucket", title="T5: 32 buckets, log-spaced up to 128")
    back = np.arange(0, 301)
    axes[1].plot(back, fake[t5_bucket(-back, bidirectional=False)], drawstyle="steps-mid",
                 label="a T5-style bias (made-up values)")
    axes[1].plot(back, -back / 16, label="ALiBi, m = 1/16")
    axes[1].axvline(128, color="k", ls="--", lw=0.8)
    axes[1].set(xlabel="distance i - j", ylabel="bias added to the logit", title="learned buckets vs a fixed line",
                ylim=(-8, 3))
    axes[1].legend()
    plt.show()
"""),
md(r"""
## Past the training length: train short, test long (ungraded)

ALiBi was designed for this question: its paper is titled *Train Short, Test Long*. Here the same
experiment as in notebooks 07 and 08 puts its bias beside the sinusoidal code and RoPE.

**What Press, Smith and Lewis (2021) report.** They train language models on WikiText-103 with inputs
of $L = 512$ or $1{,}024$ tokens and evaluate them on longer inputs. The perplexity of the sinusoidal,
rotary (RoPE) and T5-bias models gets worse as the evaluation input grows past $L$; ALiBi's does not
(their Figure 1). At scale, a 1.3-billion-parameter ALiBi model trained on 1,024 tokens and evaluated
on 2,048 reaches the perplexity of a sinusoidal model trained on 2,048, while training 11% faster and
using 11% less memory. Chen et al. (2023) extend RoPE models (LLaMA 7B to 65B) to windows of up to
32,768 tokens with position interpolation and at most 1,000 fine-tuning steps.

**What the experiment below shows** (`long_context.py`, beside this notebook; numpy only, under a
second). It trains nothing: it looks only at the position signal, "trained" on $L_{\text{train}} = 512$
positions and run on $L_{\text{test}} = 2{,}048$, with one head of width $d = 64$ (32 pairs) and base
10,000:

- *Sinusoidal and RoPE* use the same angles $p\,w_i$. In 16 of the 32 pairs (the slow half, pairs 16 to
  31) the angle never completes a turn in 512 positions: the slowest pair reaches 0.068 rad in training
  and 0.273 rad at position 2,047. Those angles, and the sines and cosines they produce, never occurred
  in training.
- *Sinusoidal*: the code of position 2,047 lies at distance 6.48 from the nearest code of a trained
  position, while neighbouring positions are at most 1.47 apart: a new input, not a near copy of one.
- *RoPE, extrapolated*: for 85% of 2,000 random pairs $(q, k)$, some score at a distance of 512 to 2,047
  leaves the range of that pair's scores over distances 0 to 511 by more than 10% of its width (by up
  to 1.21 widths). *RoPE, interpolated* (distances times $1/4$): none does (the largest excess is 0.07
  of the width, between two trained distances).
- *ALiBi*: the bias past 511 is the same line continued, only more negative. With zero content logits,
  the last query of 2,048 puts a weight of 0.14 on keys beyond distance 511 in its flattest head
  ($m = 2^{-8}$), 0.018 in the next, and below $10^{-3}$ in the six others.

What it does not show: a perplexity. A network can learn to cope with new angles, or fail on ALiBi
inputs for other reasons; the paper's curves measure that, this experiment only which inputs to
attention are new.
"""),
code(r"""
try:
    from long_context import experiment, report, plot
except ImportError:
    print("long_context.py belongs beside this notebook (it ships with it); copy it back to run this cell.")
else:
    result = experiment()
    report(result)
    plot(result)
    plt.show()
"""),
md(r"""
### Invalid input (1 point for the whole notebook)

One graded cell checks that every function of this notebook raises `ValueError`, with a message
naming the argument, on the inputs that the rules call invalid (sizes below 1, floats or booleans
as sizes, a width the heads do not divide, `scores` of the wrong shape). `causal` is not among
them: it is always a bool. Nothing to write here: it grades the validation you already wrote.
"""),
test(A, ("alibi_shapes_invalid", "alibi_slopes_invalid", "alibi_bias_invalid", "alibi_attention_weights_invalid"),
     1, r'''
# Sanity checks: sizes below 1 and non-square scores raise ValueError.
for call, what in [(lambda: alibi_shapes(2, 8, 5, 60), "alibi_shapes with d_model = 60, H = 8"),
                   (lambda: alibi_slopes(0), "alibi_slopes(0)"),
                   (lambda: alibi_bias(4, 0), "alibi_bias with T = 0"),
                   (lambda: alibi_attention_weights(np.zeros((2, 3, 4))), "alibi_attention_weights of shape (2, 3, 4)")]:
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

1. An ALiBi model adds nothing to its token embeddings. What does its first layer receive,
   where does word order come from, and why can such a model run on sequences longer than
   those it was trained on, when a model with a learned table of $T_{\max}$ rows cannot?
2. In an 8-head model, compare head 1 ($m = 1/2$) and head 8 ($m = 1/256$) on a key 100 tokens
   back: what does each add to the logit, and by what factor does that scale the unnormalised
   weight? What does the geometric spread of slopes give the model?
"""),
answer("explain_alibi", r"""
(1) The first layer receives the plain token vectors $X = E[\text{ids}]$: no position
vector is added and no position parameter is learned. Word order enters only inside attention,
through the bias $-m_h(i - j)$ added to every logit (and the causal mask), in every layer. The
bias is a formula of the distance, defined for any $i - j$, so a longer sequence simply gets more
(and larger) distances; keys far away are down-weighted, so the model mostly sees the local
patterns it trained on, which is why ALiBi extrapolates (Press et al. train on 1,024 tokens and
evaluate on longer inputs). A learned table has no row for position $T_{\max}$ and beyond, and
rows it never trained cannot be invented. (2) Head 1 adds $-50$ to the logit, a factor
$e^{-50} \approx 2\times10^{-22}$: that key is invisible to it. Head 8 adds $-100/256 \approx
-0.39$, a factor $\approx 0.68$: it still sees the key almost fully. The slopes span local to
long-range heads (a multi-scale recency prior): some heads focus on the last few tokens, others
integrate over long contexts, without any learned parameter.
""", r"""
1 point: the first layer gets the token embeddings only; order comes from the distance bias in
attention (plus the causal mask); the bias is defined for every distance (no table), so longer
inputs are possible, while a learned table has no rows beyond $T_{\max}$. 1 point: the numbers
(head 1: $-50$, factor $e^{-50}$, effectively zero; head 8: about $-0.39$, factor about 0.68) and
the interpretation (heads of different ranges, local to global). Accept equivalent wording;
half a point each when the numbers or the interpretation is missing.
"""),
]

NOTEBOOK = notebook(cells)
