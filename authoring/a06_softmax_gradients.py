"""Source of source/06_softmax_gradients/06_softmax_gradients.ipynb (write it with `python3 course.py author 06_softmax_gradients`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "06_softmax_gradients"
cells = [
md(r"""
# 06 · Softmax, cross-entropy and the gradient of the output embedding

The last layer of a language model turns a hidden state $h$ into a probability for every token of
the vocabulary. It multiplies $h$ by the **output embedding** $W$ (one row per token, the "LM head";
in GPT-2 it is the input embedding table itself), applies a softmax, and is trained with the
cross-entropy loss of the token that actually came next. In this notebook you compute all of it,
and the two gradients that training uses: the gradient with respect to $W$ and with respect to $h$.

| object | meaning |
|---|---|
| $W$ | output embedding, $V$ rows of width $d$: row $w_v$ belongs to token $v$ |
| $h$ | a hidden state of width $d$ (a batch: $N$ of them, as rows) |
| $y$ | target token id(s), $0 \le y < V$ |
| $z = W h$ | logits, one per token of the vocabulary |
| $p = \mathrm{softmax}(z)$ | probabilities |
| $L$ | loss: $-\log p_y$, the mean over the batch |
| $\partial L / \partial W$ | gradient for the output embedding |
| $\partial L / \partial h$ | gradient for the hidden state |

The shapes are yours to derive in (a).

$$p_v = \frac{e^{z_v}}{\sum_{u} e^{z_u}}, \qquad
L = -\log p_y = \underbrace{\log \sum_u e^{z_u}}_{\mathrm{logsumexp}(z)} - z_y, \qquad
\frac{\partial L}{\partial z} = p - e_y ,$$

where $e_y$ is the one-hot vector of the target. With $z_v = w_v \cdot h$ the chain rule gives

$$\frac{\partial L}{\partial W} = (p - e_y)\, h^{\top}, \qquad
\frac{\partial L}{\partial h} = W^{\top} (p - e_y).$$

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (13 points: 11 autograded, one of them for invalid input, and 2 by
hand). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a rough
estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each function you write
is followed by graded cells. The visible lines in such a cell are *sanity checks*: they catch
common slips and say why, but they are not exhaustive. When your notebook is graded, hidden
checks run your function on other inputs (random batches, logits of $\pm 10^4$, lists instead of
arrays, `float32` input, invalid targets) and compare it with a reference. A failed hidden check
tells you the input, what was expected and what you returned, and names the likely mistake.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays (or a Python `float` where stated); never modify an input; raise
`ValueError` (with a message naming the argument) on invalid input. Before you submit:
*Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=4, suppress=True)
"""),
md(r"""
## (a) Shapes

Trace one training step of the output layer for a **batch**: $N$ hidden states stacked as the rows of
`h`, one target id per row in `y`. All $N$ logit vectors come from one matrix product, `z = h @ W.T`,
whose row $i$ is $W h_i$. Work out what each product keeps and what it contracts. Two facts do the
rest: the softmax keeps the shape of its input, and a gradient has the shape of the thing it is the
gradient of (that is what lets a descent step subtract it).

### Exercise 1 · `gradient_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict with the keys `"W"`, `"h"`, `"y"`, `"z"`, `"p"`, `"dW"`, `"dh"`
giving the shapes for a batch of $N$ examples, as tuples of Python `int`s (a 1-tuple is written
`(N,)`). Sizes must be integers $\ge 1$ (`bool` is not a size); anything else raises `ValueError`.
Then run the cell after the graded one: it computes every object for a small batch with plain numpy
and compares.

<details><summary>Hint 1</summary>

`A @ B` with `A` of shape $(a, b)$ and `B` of shape $(b, c)$ is $(a, c)$: which axis does
`h @ W.T` contract?
</details>

<details><summary>Hint 2</summary>

`(N, d) @ (d, V) -> (N, V)`: the product contracts the width $d$. The targets are ids, one per
example, not one-hot rows. `dW` is subtracted from `W` in a descent step and `dh` from `h`.
</details>
"""),
solution("gradient_shapes", r'''
def gradient_shapes(V, d, N):
    """Shapes of the objects of one training step of the output layer, for a batch of N.

    Parameters
    ----------
    V, d, N : int
        Vocabulary size, hidden width and batch size (each >= 1).

    Returns
    -------
    dict
        {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V),
         "dW": (V, d), "dh": (N, d)}, tuples of Python ints.

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d, "N": N}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    V, d, N = (int(sizes[k]) for k in ("V", "d", "N"))
    return {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}
    ### END SOLUTION
'''),
test(A, "gradient_shapes", 2, r'''
# Sanity checks for gradient_shapes (the hidden checks use other sizes and invalid ones).
shapes = gradient_shapes(50257, 768, 8)     # GPT-2's vocabulary and width, a batch of 8 positions
assert isinstance(shapes, dict) and set(shapes) == {"W", "h", "y", "z", "p", "dW", "dh"}, \
    f"return a dict with keys W, h, y, z, p, dW, dh; got {shapes!r}"
assert shapes["z"] == (8, 50257), f"z = h @ W.T has one row of V logits per example: (N, V), got {shapes['z']}"
assert shapes["y"] == (8,), f"y holds N integer ids: the 1-tuple (N,), got {shapes['y']!r}"
assert shapes["dW"] == (50257, 768), f"a gradient has the shape of its parameter: dW is (V, d) like W, got {shapes['dW']}"
assert shapes["dh"] == (8, 768), f"dh has the shape of h, one row per example: (N, d), got {shapes['dh']}"
print("gradient_shapes: sanity checks passed")
'''),
code(r"""
# One training step of the output layer on a small batch, plain numpy; compare with your prediction.
V_s, d_s, N_s = 7, 3, 4
rng_s = np.random.default_rng(0)
W_s, h_s = rng_s.normal(size=(V_s, d_s)), rng_s.normal(size=(N_s, d_s))
y_s = rng_s.integers(0, V_s, size=N_s)
z_s = h_s @ W_s.T
p_s = np.exp(z_s - z_s.max(axis=1, keepdims=True))
p_s /= p_s.sum(axis=1, keepdims=True)
G_s = p_s.copy()
G_s[np.arange(N_s), y_s] -= 1                      # dL/dz, one row per example
dW_s, dh_s = G_s.T @ h_s / N_s, G_s @ W_s / N_s
actual = {"W": W_s.shape, "h": h_s.shape, "y": y_s.shape, "z": z_s.shape, "p": p_s.shape,
          "dW": dW_s.shape, "dh": dh_s.shape}
try:
    predicted = gradient_shapes(V_s, d_s, N_s)
except NotImplementedError:
    print("Write gradient_shapes first, then run this cell again. The shapes of this step:", actual)
except Exception as err:
    print(f"gradient_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:3s} {str(shape):7s} {verdict}")
"""),
md(r"""
## (b) The computation

### Exercise 2 · `softmax` (2 points · ★★ · about 15 min)

$$\mathrm{softmax}(z)_v = \frac{e^{z_v - m}}{\sum_u e^{z_u - m}}, \qquad m = \max_u z_u .$$

Subtracting $m$ changes nothing mathematically (it cancels between numerator and denominator),
but it is what makes the softmax computable: `np.exp(1000.0)` is `inf` and `np.exp(-1000.0)` is
`0.0`, so the textbook formula gives `inf / inf = nan` for large logits and `0 / 0 = nan` for very
negative ones. After the shift every exponent is $\le 0$ and the largest term is exactly 1.

`z` may have any number of dimensions; normalise along `axis` (default: the last one), so every
slice along that axis sums to 1.

An `axis` out of range raises `ValueError`.

<details><summary>Hint 1</summary>

Which maximum do you subtract: of the whole array, or of each slice along `axis`? Try a row of
logits all near $-10^4$ next to a row near $+10^4$.
</details>

<details><summary>Hint 2</summary>

The max of the whole array is not enough: a row far below the global max would still underflow to
$0/0$. Each slice needs its own max, and it must broadcast back against `z`: without `keepdims` the
max of a $(3, 5)$ array along axis 1 has shape $(3,)$ and does not broadcast against it (or, for a
square array, silently broadcasts along the wrong axis).
</details>

<details><summary>Hint 3</summary>

`z.max(axis=axis, keepdims=True)`, then `np.exp` of the difference and a sum along the same axis
with `keepdims=True`.
</details>
"""),
solution("softmax", r'''
def softmax(z, axis=-1):
    """Numerically stable softmax along one axis.

    Parameters
    ----------
    z : array_like, any shape with at least one dimension
        Logits (any float dtype, or nested lists). Values of +-1e4 must work.
    axis : int, default -1
        The axis to normalise over (negative values count from the end).

    Returns
    -------
    np.ndarray, same shape as z, dtype float64
        exp(z - max) / sum(exp(z - max)) along `axis`: finite, non-negative, and every
        slice along `axis` sums to 1.

    Raises
    ------
    ValueError
        If axis is not an integer axis of z.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a softmax normalises along an axis)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)) \
            or not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer axis of z (z has {z.ndim} dimensions), got {axis!r}")
    shifted = z - z.max(axis=axis, keepdims=True)      # every exponent <= 0, the largest is 0
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
    ### END SOLUTION
'''),
test(A, "softmax_values", 1, r'''
# Sanity checks for softmax on ordinary logits.
z_demo = np.array([[1.0, 2.0, 3.0],
                   [0.0, 0.0, 0.0]])
p_demo = softmax(z_demo)
assert isinstance(p_demo, np.ndarray) and p_demo.shape == (2, 3), \
    f"softmax keeps the shape of z, (2, 3), got {getattr(p_demo, 'shape', type(p_demo))}"
assert p_demo.dtype == np.float64, f"return float64, got {p_demo.dtype}"
assert np.allclose(p_demo.sum(axis=-1), 1.0), \
    f"with the default axis=-1 every row sums to 1, got row sums {p_demo.sum(axis=-1)}"
assert np.allclose(p_demo[0], np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()), \
    f"softmax([1, 2, 3]) is exp(z) / sum(exp(z)) = [0.0900, 0.2447, 0.6652], got {p_demo[0]}"
assert np.allclose(p_demo[1], 1 / 3), f"equal logits give equal probabilities (1/3 each), got {p_demo[1]}"
assert np.allclose(softmax(z_demo, axis=0).sum(axis=0), 1.0), "with axis=0 every column sums to 1"
print("softmax: sanity checks passed")
'''),
test(A, "softmax_stable", 1, r'''
# Sanity checks: logits of +-1e4 (the naive formula gives nan here), first one row, then two rows.
with np.errstate(all="ignore"):          # judge the result, not the warnings
    p_one = softmax(np.array([1e4, -1e4, 0.0]))
    p_big = softmax(np.array([[1e4, -1e4, 0.0],
                              [-1e4, -1e4, -1e4 + 1.0]]))
assert np.all(np.isfinite(p_one)), \
    f"softmax([1e4, -1e4, 0]) must be finite, got {p_one}: exp(1e4) = inf and exp(-1e4) = 0, subtract the max first"
assert np.allclose(p_one, [1.0, 0.0, 0.0]), f"softmax([1e4, -1e4, 0]) is [1, 0, 0] to machine precision, got {p_one}"
assert np.all(np.isfinite(p_big[1])), (
    f"the second row [-1e4, -1e4, -1e4 + 1] gives {p_big[1]}: each row needs its own max. Its logits lie 2e4 below "
    "the max of the whole array, so exp(z - global max) underflows to 0 and 0/0 = nan; use z.max(axis=axis, keepdims=True)")
assert np.allclose(p_big[1], softmax(np.array([0.0, 0.0, 1.0]))), \
    "shifting a row by a constant does not change its softmax; each row needs its own max (keepdims=True)"
print("softmax: stability sanity checks passed")
'''),
md(r"""
### The batch form of $(h, W, y)$

The next three functions take the same arguments, in two forms:

* **one example**: `h` of shape $(d,)$ and `y` one integer id (a Python or numpy integer);
* **a batch**: `h` of shape $(N, d)$ and `y` of shape $(N,)$ with an integer dtype; the loss is the
  **mean** over the $N$ examples, $L = \frac{1}{N} \sum_i L_i$.

Targets are validated like token ids everywhere in this course: a negative `y` must raise (numpy's
`z[-1]` would silently read the *last* logit), as must `y >= V`, a float or `bool` target, or a `y`
whose length differs from $N$. The read-only cell below gives you a helper that does all of this
and returns the batch form, so that each function can work on batches only. Using it is optional.
"""),
setup(r'''
def as_batch(h, W, y):
    """Check (h, W, y) and return the batch form (H, W, Y, single).

    H is h as a float64 (N, d) array (N = 1 for a single example), W a float64 (V, d)
    array, Y the targets as an integer (N,) array, and single is True when h was one
    hidden state of shape (d,). Raises ValueError for invalid input.
    """
    W = np.asarray(W, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    if W.ndim != 2:
        raise ValueError(f"W must have shape (V, d), got {W.shape}")
    if h.ndim not in (1, 2) or h.shape[-1] != W.shape[1]:
        raise ValueError(f"h must have shape (d,) or (N, d) with d = {W.shape[1]}, got {h.shape}")
    single = h.ndim == 1
    Y = np.asarray(y)
    if Y.dtype == np.bool_ or not np.issubdtype(Y.dtype, np.integer):
        raise ValueError(f"y must hold integer ids, got {y!r} (dtype {Y.dtype})")
    if single and Y.ndim != 0:
        raise ValueError(f"y must be one integer id for h of shape (d,), got shape {Y.shape}")
    if not single and Y.shape != (h.shape[0],):
        raise ValueError(f"y must have shape (N,) = ({h.shape[0]},) for h of shape {h.shape}, got {Y.shape}")
    if Y.size and (Y.min() < 0 or Y.max() >= W.shape[0]):
        raise ValueError(f"y must satisfy 0 <= y < V = {W.shape[0]}, got {Y.min()} .. {Y.max()}")
    return (h[None] if single else h), W, Y.reshape(-1), single
''', grade_id="as_batch"),
md(r"""
### Exercise 3 · `cross_entropy` (2 points · ★★ · about 15 min)

$$L = \frac{1}{N}\sum_{i=1}^{N} \bigl(\mathrm{logsumexp}(z_i) - z_{i, y_i}\bigr), \qquad
\mathrm{logsumexp}(z) = m + \log \sum_u e^{z_u - m}, \quad m = \max_u z_u .$$

Return a Python `float`. Compute it through log-sum-exp, **not** as `-np.log(softmax(z)[y])`: when the
target's logit is far below the largest one (a gap above about 745 in float64), $p_y$ rounds to
exactly 0 and $-\log 0 = \infty$, although the true loss is a perfectly finite number (the gap).
Log-sum-exp never forms $p_y$: every exponent is $\le 0$ and the sum is $\ge 1$.

<details><summary>Hint 1</summary>

`as_batch` gives you the batch form; then you need, for every row, the log-sum-exp of its logits and
its target's logit.
</details>

<details><summary>Hint 2</summary>

For a batch, `Z = H @ W.T` is $(N, V)$; the target logits are `Z[np.arange(N), Y]`, one per row.
`Z[:, Y]` would be an $(N, N)$ block.
</details>
"""),
solution("cross_entropy", r'''
def cross_entropy(h, W, y):
    """Cross-entropy loss of the targets under softmax(W h), averaged over the batch.

    Parameters
    ----------
    h : array_like, shape (d,) or (N, d)
        One hidden state, or a batch of N hidden states (rows).
    W : array_like, shape (V, d)
        Output embedding: row v gives the logit z_v = W[v] . h of token v.
    y : int, or array_like of int with shape (N,)
        The target id for one hidden state, or one target per row of h; 0 <= y < V.

    Returns
    -------
    float
        -log softmax(W h)[y] for one example; the mean over the batch of
        logsumexp(z_i) - z_i[y_i] for a batch. Finite whenever the true loss is
        (logits of +-1e4 included).

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If the shapes do not fit, or y is not an integer id with 0 <= y < V.
    """
    ### BEGIN SOLUTION
    H, W, Y, single = as_batch(h, W, y)
    Z = H @ W.T                                          # (N, V): row i holds z_i = W h_i
    m = Z.max(axis=1)                                    # (N,)
    lse = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))  # logsumexp of every row
    return float(np.mean(lse - Z[np.arange(len(Y)), Y]))
    ### END SOLUTION
'''),
test(A, "cross_entropy_values", 1, r'''
# Sanity checks for cross_entropy: W has V = 3 rows, d = 2.
W_demo = np.array([[1.0, 0.0],
                   [0.0, 1.0],
                   [-1.0, -1.0]])
h_demo = np.array([2.0, 0.0])                        # logits z = W h = [2, 0, -2]
loss_demo = cross_entropy(h_demo, W_demo, 0)
assert isinstance(loss_demo, float), f"return a Python float, got {type(loss_demo).__name__}"
expected_demo = np.log(np.exp(2.0) + 1.0 + np.exp(-2.0)) - 2.0
assert np.isclose(loss_demo, expected_demo), \
    f"for z = [2, 0, -2] and y = 0 the loss is log(e^2 + 1 + e^-2) - 2 = {expected_demo:.6f}, got {loss_demo}"
assert np.isclose(cross_entropy(np.zeros(2), W_demo, 1), np.log(3)), \
    "with h = 0 every logit is 0, p is uniform and the loss is log V = log 3"
batch_loss = cross_entropy(np.array([[2.0, 0.0], [0.0, 0.0]]), W_demo, np.array([0, 1]))
assert np.isclose(batch_loss, (expected_demo + np.log(3)) / 2), \
    f"the batch loss is the mean of the two losses, {(expected_demo + np.log(3)) / 2:.6f}; got {batch_loss}"
print("cross_entropy: sanity checks passed")
'''),
test(A, "cross_entropy_stable", 1, r'''
# Sanity check: logits [1e4, 0, -1e4] and the least likely target; the true loss is the gap, 2e4.
W_demo = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
with np.errstate(all="ignore"):
    big_loss = cross_entropy(np.array([1e4, 0.0]), W_demo, 2)
assert np.isfinite(big_loss), \
    f"the loss must be finite, got {big_loss}: p[y] = exp(-2e4) rounds to 0 and -log(0) = inf; use log-sum-exp"
assert np.isclose(big_loss, 2e4), f"logsumexp([1e4, 0, -1e4]) - (-1e4) = 2e4 (to machine precision), got {big_loss}"
print("cross_entropy: stability sanity check passed")
'''),
md(r"""
### Exercise 4 · `numerical_gradient` (2 points · ★★ · about 15 min)

Before deriving gradients by hand, build the tool that checks them. The **central difference**

$$\frac{\partial f}{\partial X_i} \approx \frac{f(X + \varepsilon e_i) - f(X - \varepsilon e_i)}{2 \varepsilon}$$

perturbs **one entry at a time** and has an error of order $\varepsilon^2$; the forward difference
$(f(X + \varepsilon e_i) - f(X)) / \varepsilon$ is only accurate to order $\varepsilon$. For
$f(x) = x^3$ the central difference is exactly $3x^2 + \varepsilon^2$.

Work on a `float64` copy of `X`: in `float32`, $1 + 10^{-6}$ is rounded to a multiple of
$1.2 \times 10^{-7}$, and an integer array drops $\varepsilon$ altogether. If you perturb an array in
place, put the old value back (`X[index] = old`; adding $\varepsilon$ back can leave a rounding
error): the caller's `X` must be unchanged afterwards. `np.ndindex(*X.shape)` visits every index of
an array of any shape. `f` must be callable and `eps` a number $> 0$; otherwise raise `ValueError`.

<details><summary>Hint 1</summary>

One entry at a time: for each index, evaluate `f` twice, once with that entry a little larger and
once a little smaller, all other entries as they were.
</details>

<details><summary>Hint 2</summary>

`X = np.array(X, dtype=np.float64)` makes a float64 copy you may perturb. For each `index` of
`np.ndindex(*X.shape)`: `old = X[index]`, set `old + eps`, call `f`, set `old - eps`, call `f`, put
`old` back, and store the difference divided by `2 * eps` in `grad[index]`.
</details>
"""),
solution("numerical_gradient", r'''
def numerical_gradient(f, X, eps=1e-6):
    """Central-difference gradient of a scalar function at X.

    Parameters
    ----------
    f : callable
        f(X) returns a scalar for an array of the shape of X.
    X : array_like, any shape
        The point (any float dtype, or nested lists). It is not modified.
    eps : float, default 1e-6
        The step, > 0.

    Returns
    -------
    np.ndarray, shape of X, dtype float64
        G[i] = (f(X + eps e_i) - f(X - eps e_i)) / (2 eps) for every index i, computed
        in float64 on a copy of X.

    Raises
    ------
    ValueError
        If f is not callable or eps is not a number > 0.
    """
    ### BEGIN SOLUTION
    if not callable(f):
        raise ValueError(f"f must be a callable returning a scalar, got {type(f).__name__}")
    if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, (int, float, np.integer, np.floating)) \
            or not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a number > 0, got {eps!r}")
    eps = float(eps)
    X = np.array(X, dtype=np.float64)                 # a float64 copy: the caller's X is never touched
    grad = np.zeros(X.shape)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = float(f(X))
        X[index] = old - eps
        minus = float(f(X))
        X[index] = old                                # restore exactly
        grad[index] = (plus - minus) / (2.0 * eps)
    return grad
    ### END SOLUTION
'''),
test(A, "numerical_gradient_values", 1, r'''
# Sanity checks for numerical_gradient on functions whose gradient is known exactly.
X_demo = np.array([[1.0, -2.0, 0.5],
                   [0.0, 3.0, -1.5]])
g_square = numerical_gradient(lambda X: np.sum(X ** 2), X_demo)
assert isinstance(g_square, np.ndarray) and g_square.shape == X_demo.shape, \
    f"the gradient has the shape of X, (2, 3), got {getattr(g_square, 'shape', type(g_square))}"
assert np.allclose(g_square, 2 * X_demo, atol=1e-6), f"the gradient of sum(X**2) is 2X, got\n{g_square}"
g_cube = numerical_gradient(lambda X: np.sum(X ** 3), X_demo, eps=0.1)
assert np.allclose(g_cube, 3 * X_demo ** 2 + 0.01), (
    "with eps = 0.1 the central difference of x**3 is exactly 3x^2 + eps^2 = 3x^2 + 0.01;"
    f" got\n{g_cube}\n(forward differences give 3x^2 + 3x eps + eps^2)")
print("numerical_gradient: sanity checks passed")
'''),
test(A, "numerical_gradient_inputs", 1, r'''
# Sanity checks: X is unchanged afterwards, float32 input is handled in float64.
X_keep = np.array([0.1, 0.2, 0.3])
X_copy = X_keep.copy()
numerical_gradient(lambda X: np.sum(np.sin(X)), X_keep)
assert np.array_equal(X_keep, X_copy), f"X must be unchanged afterwards: it was {X_copy}, now {X_keep}"
g32 = numerical_gradient(lambda X: np.sum(X ** 2), np.array([1.0, 2.0], dtype=np.float32))
assert g32.dtype == np.float64 and np.allclose(g32, [2.0, 4.0], atol=1e-6), \
    f"a float32 X must be differentiated in float64 (the gradient of sum(X**2) at [1, 2] is [2, 4]), got {g32!r}"
print("numerical_gradient: input sanity checks passed")
'''),
md(r"""
### Exercise 5 · `output_embedding_grad` (1 point · ★★ · about 15 min)

Row $v$ of $W$ only enters the logit $z_v = w_v \cdot h$, so

$$\frac{\partial L}{\partial w_v} = (p_v - [v = y])\, h, \qquad
\frac{\partial L}{\partial W} = (p - e_y)\, h^{\top} \quad\text{(an outer product, } V \times d\text{)}.$$

For a batch it is the mean of the per-example outer products,
$\frac{1}{N}\sum_i (p_i - e_{y_i})\, h_i^{\top} = \frac{1}{N} (P - Y)^{\top} H$, where $P$ is $(N, V)$ and $Y$
holds the one-hot targets. Read the rows: the target row gets $-(1 - p_y)\,h$, so a descent step
$W \leftarrow W - \eta\,\partial L / \partial W$ moves it **towards** $h$; every other row gets $p_v h$ and
moves away from $h$ in proportion to its probability; rows with $p_v \approx 0$ hardly move.

<details><summary>Hint 1</summary>

Compute $p$ with your stable softmax (logits of $\pm 10^4$ occur in the checks), then subtract the
one-hot targets: that is $\partial L / \partial z$, one row per example.
</details>

<details><summary>Hint 2</summary>

To subtract $e_y$ from each row, `G[np.arange(N), Y] -= 1`; `G[:, Y] -= 1` would hit the target
columns of *every* row. The result has the shape $(V, d)$ of $W$, not $(d, V)$: `G.T @ H`, divided by $N$.
</details>
"""),
solution("output_embedding_grad", r'''
def output_embedding_grad(h, W, y):
    """Gradient of cross_entropy(h, W, y) with respect to the output embedding W.

    Parameters
    ----------
    h : array_like, shape (d,) or (N, d)
        One hidden state, or a batch of N hidden states (rows).
    W : array_like, shape (V, d)
        Output embedding.
    y : int, or array_like of int with shape (N,)
        The target id(s), 0 <= y < V.

    Returns
    -------
    np.ndarray, shape (V, d), dtype float64
        (p - e_y) h^T for one example; the mean over the batch of (p_i - e_{y_i}) h_i^T.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If the shapes do not fit, or y is not an integer id with 0 <= y < V.
    """
    ### BEGIN SOLUTION
    H, W, Y, single = as_batch(h, W, y)
    N = H.shape[0]
    Z = H @ W.T
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)                    # (N, V) probabilities
    P[np.arange(N), Y] -= 1.0                            # p_i - e_{y_i}, one target per row
    return P.T @ H / N                                   # (V, N) @ (N, d): the mean of the outer products
    ### END SOLUTION
'''),
test(A, "output_embedding_grad_values", 1, r'''
# Sanity checks for output_embedding_grad. With W = 0 every logit is 0 and p is uniform (1/3).
h_one = np.array([1.0, 2.0])
dW_one = output_embedding_grad(h_one, np.zeros((3, 2)), 0)
assert isinstance(dW_one, np.ndarray) and dW_one.shape == (3, 2), \
    f"dW has the shape (V, d) = (3, 2) of W, got {getattr(dW_one, 'shape', type(dW_one))}"
expected_one = np.outer([1 / 3 - 1, 1 / 3, 1 / 3], h_one)
assert np.allclose(dW_one, expected_one), (
    f"dW = (p - e_y) h^T with p = [1/3, 1/3, 1/3], y = 0, h = [1, 2] is\n{expected_one}\ngot\n{dW_one}"
    "\n(a flipped sign gives the negative; the target row must be the negative one)")
dW_two = output_embedding_grad(np.stack([h_one, h_one]), np.zeros((3, 2)), np.array([0, 0]))
assert np.allclose(dW_two, dW_one), \
    "a batch of two copies of the same example has the same mean loss, so the same dW: divide by N"
h_pair = np.array([[1.0, 2.0], [0.5, -1.0]])
W_small = np.array([[0.2, -0.1], [0.0, 0.3], [-0.4, 0.1]])
mean_of_two = (output_embedding_grad(h_pair[0], W_small, 0) + output_embedding_grad(h_pair[1], W_small, 1)) / 2
assert np.allclose(output_embedding_grad(h_pair, W_small, np.array([0, 1])), mean_of_two), \
    "the batch gradient is the mean of the single-example gradients (subtract 1 once per row: P[np.arange(N), Y] -= 1)"
with np.errstate(all="ignore"):          # logits z = [1e4, 0, -1e4]: p = [1, 0, 0]
    dW_big = output_embedding_grad(np.array([1e4, 0.0]), np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), 2)
assert np.all(np.isfinite(dW_big)) and np.allclose(dW_big, [[1e4, 0.0], [0.0, 0.0], [-1e4, 0.0]]), \
    f"for logits [1e4, 0, -1e4] and y = 2, p - e_y = [1, 0, -1] and dW = [[1e4, 0], [0, 0], [-1e4, 0]]; got\n{dW_big}"
print("output_embedding_grad: sanity checks passed")
'''),
md(r"""
### Exercise 6 · `hidden_state_grad` (1 point · ★ · about 10 min)

$h$ enters every logit, so its gradient collects all rows of $W$:

$$\frac{\partial L}{\partial h} = \sum_v (p_v - [v = y])\, w_v = W^{\top}(p - e_y) = \bar w_p - w_y ,$$

the probability-weighted mean row $\bar w_p = \sum_v p_v w_v$ minus the target's row. A descent step
moves $h$ towards $w_y$ and away from the rows the model currently favours.

For a batch, row $h_i$ only enters the loss of example $i$, but that loss is divided by $N$ in the
mean: row $i$ of the result is $\frac{1}{N} W^{\top}(p_i - e_{y_i})$, shape $(N, d)$ like `h`. For one
example ($h$ of shape $(d,)$) return shape $(d,)$.

<details><summary>Hint 1</summary>

Start from the same $p - e_y$ as for $\partial L / \partial W$; this time the product runs over the
vocabulary instead of over the batch.
</details>

<details><summary>Hint 2</summary>

With `G` the $(N, V)$ matrix of rows $p_i - e_{y_i}$, `G @ W / N` is $(N, d)$; for a single
example return its row 0.
</details>
"""),
solution("hidden_state_grad", r'''
def hidden_state_grad(h, W, y):
    """Gradient of cross_entropy(h, W, y) with respect to the hidden state(s) h.

    Parameters
    ----------
    h : array_like, shape (d,) or (N, d)
        One hidden state, or a batch of N hidden states (rows).
    W : array_like, shape (V, d)
        Output embedding.
    y : int, or array_like of int with shape (N,)
        The target id(s), 0 <= y < V.

    Returns
    -------
    np.ndarray, the shape of h, dtype float64
        W^T (p - e_y) for one example; for a batch, row i is W^T (p_i - e_{y_i}) / N
        (the 1/N of the batch mean).

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If the shapes do not fit, or y is not an integer id with 0 <= y < V.
    """
    ### BEGIN SOLUTION
    H, W, Y, single = as_batch(h, W, y)
    N = H.shape[0]
    Z = H @ W.T
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(N), Y] -= 1.0
    dH = P @ W / N                                       # row i: W^T (p_i - e_{y_i}) / N
    return dH[0] if single else dH
    ### END SOLUTION
'''),
test(A, "hidden_state_grad_values", 1, r'''
# Sanity checks for hidden_state_grad. With h = 0, p is uniform, and the mean row of W_demo is 0,
# so dL/dh = (mean row) - W[y] = -W[y].
W_demo = np.array([[1.0, 0.0],
                   [0.0, 1.0],
                   [-1.0, -1.0]])
dh_one = hidden_state_grad(np.zeros(2), W_demo, 0)
assert isinstance(dh_one, np.ndarray) and dh_one.shape == (2,), \
    f"for h of shape (d,) = (2,) the gradient has shape (2,), got {getattr(dh_one, 'shape', type(dh_one))}"
assert np.allclose(dh_one, -W_demo[0]), f"W^T (p - e_0) = mean row - W[0] = {-W_demo[0]}, got {dh_one}"
dh_two = hidden_state_grad(np.zeros((2, 2)), W_demo, np.array([0, 0]))
assert dh_two.shape == (2, 2), f"a batch h of shape (N, d) = (2, 2) gives a gradient of shape (2, 2), got {dh_two.shape}"
assert np.allclose(dh_two, [-W_demo[0] / 2, -W_demo[0] / 2]), \
    f"each row is W^T (p_i - e_y_i) / N: with N = 2 it is half the single-example gradient, got\n{dh_two}"
with np.errstate(all="ignore"):          # logits z = [1e4, 0, -1e4]: p = [1, 0, 0]
    dh_big = hidden_state_grad(np.array([1e4, 0.0]), W_demo, 2)
assert np.all(np.isfinite(dh_big)) and np.allclose(dh_big, W_demo[0] - W_demo[2]), \
    f"for logits [1e4, 0, -1e4] and y = 2, p = [1, 0, 0] and dL/dh = W[0] - W[2] = [2, 1]; got {dh_big}"
print("hidden_state_grad: sanity checks passed")
'''),
md(r"""
### Invalid input (1 point for the whole notebook)

One graded cell checks that every function of this notebook raises `ValueError`, with a message
naming the argument, on the inputs the rules call invalid (sizes below 1, an `axis` out of range,
targets out of range or not integers, shapes that do not fit, `eps <= 0`, an `f` that is not
callable; ids out of range may raise `IndexError` instead). Nothing to write here: it grades the
validation you already wrote.
"""),
test(A, ("gradient_shapes_invalid", "softmax_invalid", "cross_entropy_invalid", "output_embedding_grad_invalid",
         "hidden_state_grad_invalid", "numerical_gradient_invalid"), 1, r'''
# Sanity checks: -1 is not a class (numpy's z[-1] would silently read the last logit), eps = 0 is no step.
W_inv = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
for call, what in [(lambda: gradient_shapes(0, 4, 2), "gradient_shapes with V = 0"),
                   (lambda: softmax(np.zeros((2, 3)), axis=2), "softmax of a 2-D z with axis=2"),
                   (lambda: cross_entropy(np.array([2.0, 0.0]), W_inv, -1), "cross_entropy with y = -1"),
                   (lambda: output_embedding_grad(np.array([2.0, 0.0]), W_inv, 3), "output_embedding_grad, y = 3 = V"),
                   (lambda: hidden_state_grad(np.array([2.0, 0.0]), W_inv, -1), "hidden_state_grad with y = -1"),
                   (lambda: numerical_gradient(lambda X: np.sum(X), np.ones(3), eps=0.0), "numerical_gradient, eps=0")]:
    try:
        call()
    except (ValueError, IndexError) as err:
        print(f"{what} raised {type(err).__name__} as it should: {err}")
    else:
        raise AssertionError(f"{what} returned a value: it must raise ValueError")
''', grade_id="test_invalid_inputs"),
md(r"""
### Gradient check

The standard test of a hand-derived gradient (CS231n calls it a *gradient check*): compare it with
`numerical_gradient` of the loss, through the relative error
$\max_i |a_i - n_i| / \max(10^{-8}, |a_i| + |n_i|)$. Around $10^{-7}$ or below, the analytic
gradient is right; $10^{-2}$ or more means a bug. The step $\varepsilon = 10^{-5}$ balances the
$\varepsilon^2$ error of the formula against rounding in $f(X + \varepsilon e_i) - f(X - \varepsilon e_i)$.
The last line shows what a missing $1/N$ looks like.
"""),
code(r"""
def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))

rng_chk = np.random.default_rng(6)
W_chk = rng_chk.normal(size=(10, 6))                      # V = 10, d = 6
h_chk = rng_chk.normal(size=(4, 6))                       # N = 4
y_chk = np.array([3, 0, 9, 3])
try:
    dW_analytic = output_embedding_grad(h_chk, W_chk, y_chk)
    dW_numeric = numerical_gradient(lambda W_: cross_entropy(h_chk, W_, y_chk), W_chk, eps=1e-5)
    dh_analytic = hidden_state_grad(h_chk, W_chk, y_chk)
    dh_numeric = numerical_gradient(lambda h_: cross_entropy(h_, W_chk, y_chk), h_chk, eps=1e-5)
except NotImplementedError:
    print("Write cross_entropy, numerical_gradient and the two gradients first, then run this cell again.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    print(f"dL/dW: relative error {rel_error(dW_analytic, dW_numeric):.1e}")
    print(f"dL/dh: relative error {rel_error(dh_analytic, dh_numeric):.1e}")
    print(f"a dW without the 1/N (N = 4) would show {rel_error(4 * dW_numeric, dW_numeric):.1e}")
"""),
md(r"""
### Large logits

The same logits through the textbook formulas and through yours. In `float16` (used to train large
models) `exp` overflows already at $z \approx 11.1$, so the shift is not optional there.
"""),
code(r"""
z_big = np.array([1e4, 0.0, -1e4])
W_big = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])    # z = W_big @ [1e4, 0] = z_big
with np.errstate(all="ignore"):
    naive_p = np.exp(z_big) / np.exp(z_big).sum()
    print("textbook softmax exp(z) / sum(exp(z)):", naive_p)
    print("float16: np.exp(np.float16(11.1)) =", np.exp(np.float16(11.1)))
    try:
        print("your softmax:                         ", softmax(z_big))
        print("-log(softmax(z)[2]):                  ", -np.log(softmax(z_big)[2]))
        print("your cross_entropy for target 2:      ", cross_entropy(np.array([1e4, 0.0]), W_big, 2))
    except NotImplementedError:
        print("Write softmax and cross_entropy first, then run this cell again.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
"""),
md(r"""
### Picture: one gradient step on $W$ and on $h$

A toy vocabulary of eight tokens, $d = 4$, one hidden state and the target *mat*. Left: the
coefficient $p_v - [v = y]$ of $h$ in row $v$ of $\partial L/\partial W$. Middle: the gradient rows
themselves: only rows with probability mass are non-zero, and the target row points the other way.
Right: the probability of *mat* over gradient steps, taken on $W$ only or on $h$ only.
"""),
code(r"""
words = ["the", "cat", "sat", "on", "mat", "dog", "ran", "."]
rng_toy = np.random.default_rng(60)
W_toy = 1.5 * rng_toy.normal(size=(8, 4))
h_toy = rng_toy.normal(size=4)
target = words.index("mat")
lr, steps = 0.3, 20

try:
    p_before = softmax(W_toy @ h_toy)
    dW_toy = output_embedding_grad(h_toy, W_toy, target)
    dh_toy = hidden_state_grad(h_toy, W_toy, target)
    W_path, h_path, on_W, on_h = W_toy.copy(), h_toy.copy(), [], []
    for _ in range(steps + 1):
        on_W.append(softmax(W_path @ h_toy)[target])
        on_h.append(softmax(W_toy @ h_path)[target])
        W_path = W_path - lr * output_embedding_grad(h_toy, W_path, target)
        h_path = h_path - lr * hidden_state_grad(h_path, W_toy, target)
except NotImplementedError:
    print("Write softmax and the two gradients first, then run this cell again.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    print(f"p(mat) = {p_before[target]:.3f}; after one step on W: {on_W[1]:.3f}; after one step on h: {on_h[1]:.3f}")
    coef = p_before - np.eye(8)[target]
    fig, axes = plt.subplots(1, 3, figsize=(14, 3.6))
    axes[0].barh(range(8), coef, color=["tab:red" if v == target else "tab:blue" for v in range(8)])
    axes[0].set_yticks(range(8), words)
    axes[0].invert_yaxis()
    axes[0].set_title("p - e_y: the weight of h in each row")
    lim = np.abs(dW_toy).max()
    im = axes[1].imshow(dW_toy, cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
    axes[1].set_yticks(range(8), words)
    axes[1].set_xlabel("dimension")
    axes[1].set_title("dL/dW = (p - e_y) h^T")
    fig.colorbar(im, ax=axes[1], shrink=0.8)
    axes[2].plot(on_W, marker="o", label="steps on W")
    axes[2].plot(on_h, marker="s", label="steps on h")
    axes[2].set_xlabel(f"gradient step (learning rate {lr})")
    axes[2].set_ylabel("p(mat)")
    axes[2].set_ylim(0, 1)
    axes[2].legend()
    axes[2].set_title("the target's probability")
    plt.tight_layout()
    plt.show()
"""),
md(r"""
### A real vocabulary, and what it cannot show (ungraded)

all-MiniLM-L6-v2 is a small BERT-family encoder with a vocabulary of $V = 30{,}522$ word pieces
and $d = 384$. It has **no language-model head**: it was trained as a sentence encoder, and its
final hidden states were never trained to predict tokens through its token table. The cell below
nevertheless uses that table as if it were a tied output embedding $W$, with the contextual vector of
*mat* in "the cat sat on the mat" as $h$, for one purpose only: to see the *structure* of the gradient
at a real vocabulary size.

Do not read the probabilities as predictions. They are nearly uniform: the exponential of their
entropy (the number of equally likely tokens that would have the same entropy) is about 21,800 of
the 30,522, and the most probable token gets under 1%. It is *mat* itself, only because the
contextual vector of *mat* still resembles its own row of the table. A trained LM head is far more
peaked. What carries over to a real head is the gradient's structure: row $v$ of
$\partial L/\partial W$ is $(p_v - [v = y])\,h$, non-zero for every token with $p_v > 0$, and in
floating point that is every token whose probability does not underflow. The cell needs about a second.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()
except ImportError as err:
    print("This section needs the real tables, which are not installed here:", err)
else:
    words_real = ["the", "cat", "sat", "on", "the", "mat"]
    ids_real = np.array([101] + [real.id(w) for w in words_real] + [102])   # [CLS] ... [SEP]
    h_mat = real.hidden_states(ids_real)[6]                                  # the vector of "mat", (384,)
    y_mat = real.id("mat")
    V_real, d_real = real.tokens.shape
    try:
        p_real = softmax(real.tokens @ h_mat.astype(np.float32))             # (30522,)
    except NotImplementedError:
        print("Write softmax first, then run this cell again.")
    except Exception as err:
        print(f"Your softmax failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
    else:
        coef_real = p_real - np.eye(1, V_real, y_mat)[0]                    # p - e_y
        rows_moved = int(np.count_nonzero(coef_real))
        top = np.argsort(-p_real)[:5]
        print("most probable tokens:", ", ".join(f"{real.vocab[i]} ({p_real[i]:.4f})" for i in top))
        p_pos = p_real[p_real > 0]
        spread = np.exp(-np.sum(p_pos * np.log(p_pos)))                    # exp of the entropy
        print(f"nearly uniform: exp(entropy) = {spread:,.0f} of {V_real:,} tokens, largest p = {p_real.max():.4f}; "
              f"-log p(mat) = {-np.log(p_real[y_mat]):.2f}, against log V = {np.log(V_real):.2f} for a uniform guess")
        print(f"rows of dL/dW that are not zero: {rows_moved:,} of {V_real:,}, i.e. {rows_moved * d_real:,} numbers")
        print(f"the input lookup's gradient for the same token: 1 row, {d_real} numbers")
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. Row $v$ of $\partial L/\partial W$ is $(p_v - [v = y])\,h$. Which rows of the output embedding does
   one token's loss update, and in which direction? Compare with the input embedding table of
   notebooks 01 and 02, where only the looked-up rows receive a gradient. What follows for the cost
   of the output layer with $V = 50{,}000$, and for the row of a rare token in a model whose input
   and output embeddings are tied ($W = E$)?
2. Deep-learning frameworks compute the loss from the logits with log-sum-exp (a fused
   "cross-entropy from logits") instead of `log(softmax(z))`. Why, especially when training in
   `float16`?
"""),
answer("explain_softmax_gradients", r"""
(1) Every row with probability mass is updated: a descent step moves the target row towards
$h$ (by $\eta(1 - p_y)h$) and pushes every other row away from $h$ in proportion to $p_v$; rows
with $p_v \approx 0$ barely move. The coefficients $p - e_y$ sum to 0. So the output-layer gradient
is dense: all $V$ rows ($V \times d$ numbers, e.g. 50,000 x 768 = 38.4 M) every step, plus an
$N \times V$ matrix of logits and probabilities, whereas the input lookup's gradient touches only the
rows of the ids in the batch. The output layer's cost grows with $V$ (a reason for sampled or
adaptive softmax, and for computing the loss in chunks). With tied embeddings the shared table
receives this dense gradient: a rare token is almost never a target, so its row is rarely pulled
towards a hidden state but is pushed away from the hidden states at every step where it has some
probability; rare-token embeddings drift together in one direction (the "representation
degeneration" of Gao et al., 2019, one source of the anisotropy of notebook 05).
(2) $p_y$ underflows to 0 when the target's logit is far below the maximum (gap > ~745 in float64,
~103 in float32, ~17 in float16), so $\log p_y = -\infty$, the loss is inf and the gradients NaN;
$\exp$ also overflows for large logits (float16 already above $z \approx 11.1$). Log-sum-exp computes
$m + \log\sum e^{z_u - m} - z_y$ with every exponent $\le 0$ and a sum $\ge 1$: finite whenever the true
loss is, and the fused backward pass is simply $p - e_y$.
""", r"""
1 point for (1): all rows with probability mass are updated (target towards $h$, the others
away in proportion to $p_v$), i.e. a dense update of all $V$ rows, unlike the sparse update of the
input lookup, with one consequence: the $O(Vd)$ cost per token/step (memory for logits and
gradients, motivation for sampled/adaptive softmax) or the rare-token rows of tied embeddings being
pushed away from hidden states (degeneration/anisotropy). 1 point for (2): $\log(\mathrm{softmax})$
underflows to $\log 0 = -\infty$ (inf loss, NaN gradients) and exp overflows, much sooner in
float16; log-sum-exp subtracts the max so it stays finite. Half a point each if the direction of the
row updates or the underflow/overflow mechanism is missing.
"""),
]

NOTEBOOK = notebook(cells)
