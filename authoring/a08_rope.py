"""Source of source/08_rope/08_rope.ipynb (write it with `python3 course.py author 08_rope`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "08_rope"
cells = [
md(r"""
# 08 · Rotary position embeddings (RoPE)

Learned and sinusoidal position vectors are *added* to the token vectors. **RoPE** (RoFormer,
Su et al., 2021; used by GPT-NeoX, Llama, Mistral, Qwen and most recent LLMs) does something
else: inside every attention head it **rotates** the query and key vectors by an angle that
grows with the token's position. Rotations keep lengths, and two rotations of the same plane
combine into one rotation by the difference of their angles, so the attention score between a
query at position $p$ and a key at position $s$ depends on their contents and on the offset
$s - p$ only.

| object | meaning | shape |
|---|---|---|
| $x$ | queries (or keys) of $T$ tokens, with any leading axes (batch $B$, heads $H$, ...) | $(\dots, T, d)$ |
| `positions` | the integer position of each of the $T$ rows | $(T,)$ |
| $\omega_i = b^{-2i/d}$ | frequency of pair $i = 0, \dots, d/2 - 1$; base $b = 10{,}000$ | $(d/2,)$ |
| $\theta$ | angles $\theta[t, i] = \text{positions}[t]\,\omega_i$ | $(T, d/2)$ |
| $R_p$ | the rotation at position $p$: $d/2$ blocks of $2 \times 2$ on the diagonal | $(d, d)$ |
| $q$, $k$ | one query and one key vector | $(d,)$ |
| score | $(R_p q) \cdot (R_s k)$ | scalar |

The coordinates of a vector are read as $d/2$ **pairs** $(x_{2i}, x_{2i+1})$, and the pair $i$
of the vector at position $p$ turns by the angle $\theta = p\,\omega_i$:

$$
\begin{pmatrix} \text{out}_{2i} \\ \text{out}_{2i+1} \end{pmatrix}
= \begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}
\begin{pmatrix} x_{2i} \\ x_{2i+1} \end{pmatrix},
\qquad \theta = p\, b^{-2i/d}.
$$

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (14 points: 12 autograded, 2 graded by hand; one of the 12 for
invalid input). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a
rough estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each function you
write is followed by graded cells. The visible lines in such a cell are *sanity checks*: they
catch common slips and say why, but they are not exhaustive. When your notebook is graded,
hidden checks run your function on other inputs (random vectors, batches with several leading
axes, positions out of order, lists instead of arrays, float32, invalid sizes) and compare it
with a reference. A failed hidden check tells you the input, what was expected and what you
returned, and names the mistake when it recognises it.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays (`rope_score` returns a `float`); never modify an input; raise
`ValueError` (with a message naming the argument) on invalid input. Positions are integers
(an integer array or a list of ints; booleans and floats are not positions); they need not be
$0, 1, \dots, T-1$: a model generating text with a cache rotates its new tokens at positions
such as $100, 101, \dots$, and any integer, negative too, is a valid angle multiplier.
Before you submit: *Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=4, suppress=True)
"""),
md(r"""
## (a) Shapes: queries, keys and angles inside one attention layer

RoPE lives inside attention, so before any rotation, trace the shapes through one layer. The layer
receives the token vectors `X` of $B$ sequences of $T$ tokens, each of width $d_{\text{model}}$. The
query projection maps every token vector to $d_{\text{model}}$ numbers, which are cut into $H$ heads
of equal width; the keys are made the same way. Attention then runs separately for every sequence
and every head, over the positions, so the heads go *before* the positions (axis $-2$ holds the
positions, as `apply_rope` below expects). Each head rotates its own queries and keys, pair by pair,
and then compares every rotated query with every rotated key.

### Exercise 1 · `rope_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict of tuples of Python `int`s with the shapes of
`"X"` (the layer's input), `"Q"` and `"K"` (split into heads), `"theta"` (the angle table one head
uses for its $T$ positions), `"Q_rot"` (the rotated queries) and `"scores"` (rotated queries times
rotated keys transposed, before the softmax). Derive each from the operations above: which axes does
a matrix product keep, which does it remove? Invalid: a size that is not an integer $\ge 1$ (`bool`
is not a size), a $d_{\text{model}}$ that $H$ does not divide, or heads of odd width (RoPE rotates
pairs).

<details><summary>Hint 1</summary>

Start from the width of one head: $d_{\text{model}}$ split into $H$ equal parts.
</details>

<details><summary>Hint 2</summary>

`X @ W_q` keeps the axes of `X` except the last; splitting the last axis into heads gives
$(B, T, H, d_{\text{head}})$, and moving the heads before the positions gives the layout of `Q`. A
head has $d_{\text{head}} / 2$ pairs, each with its own angle at each position. `Q_rot @ K_rot`
transposed over the last two axes contracts the head width and leaves a $T \times T$ matrix per
sequence and head.
</details>
"""),
solution("rope_shapes", r'''
def rope_shapes(B, H, T, d_model):
    """Shapes along one attention layer with RoPE (B sequences, H heads, T positions).

    Parameters
    ----------
    B, H, T, d_model : int
        Batch size, number of heads, number of positions and model width (each >= 1).
        d_model must split into H heads of an even width.

    Returns
    -------
    dict
        Tuples of Python ints for the keys "X", "Q", "K", "theta", "Q_rot" and "scores".

    Raises
    ------
    ValueError
        If a size is not an integer >= 1 (bools are not), H does not divide d_model, or
        d_model / H is odd.
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
    if d_head % 2:
        raise ValueError(f"d_model / H = {d_head} is odd: RoPE rotates pairs, so d_model must be a multiple of 2 H")
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "K": (B, H, T, d_head), "theta": (T, d_head // 2),
            "Q_rot": (B, H, T, d_head), "scores": (B, H, T, T)}
    ### END SOLUTION
'''),
test(A, "rope_shapes", 2, r'''
# Sanity checks for rope_shapes on one layer of a Llama-7B-sized model: 32 heads, width 4096.
shapes = rope_shapes(2, 32, 10, 4096)
assert isinstance(shapes, dict) and set(shapes) == {"X", "Q", "K", "theta", "Q_rot", "scores"}, \
    f"return a dict with keys X, Q, K, theta, Q_rot, scores; got {shapes!r}"
assert shapes["X"] == (2, 10, 4096), f"X holds B sequences of T token vectors of width d_model, got {shapes['X']}"
assert shapes["theta"] != (10, 2048), "theta is the angle table of one head: its width is that of a head, not of the model"
assert shapes["scores"][-2:] == (10, 10), "scores compare each of the T queries with each of the T keys"
print("rope_shapes: sanity checks passed")
'''),
md(r"""
Now run the layer for real on small sizes and compare with your prediction. The cell uses plain numpy
(no function of yours except `rope_shapes`); if a line disagrees, trace that object again.
"""),
code(r"""
B_s, H_s, T_s, D_s = 2, 3, 5, 12                  # d_head = 4: two pairs per head
rng_s = np.random.default_rng(0)
X_s = rng_s.normal(size=(B_s, T_s, D_s))
W_q_s, W_k_s = rng_s.normal(size=(2, D_s, D_s))
split = lambda M: M.reshape(B_s, T_s, H_s, D_s // H_s).transpose(0, 2, 1, 3)     # heads before positions
Q_s, K_s = split(X_s @ W_q_s), split(X_s @ W_k_s)
theta_s = np.arange(T_s)[:, None] * 10000.0 ** (-np.arange(0, D_s // H_s, 2) / (D_s // H_s))
Q_rot_s = np.empty_like(Q_s)
Q_rot_s[..., 0::2] = Q_s[..., 0::2] * np.cos(theta_s) - Q_s[..., 1::2] * np.sin(theta_s)
Q_rot_s[..., 1::2] = Q_s[..., 0::2] * np.sin(theta_s) + Q_s[..., 1::2] * np.cos(theta_s)
scores_s = Q_rot_s @ np.swapaxes(K_s, -1, -2)     # (K unrotated here: only the shapes matter)
actual = {"X": X_s.shape, "Q": Q_s.shape, "K": K_s.shape, "theta": theta_s.shape, "Q_rot": Q_rot_s.shape,
          "scores": scores_s.shape}
try:
    predicted = rope_shapes(B_s, H_s, T_s, D_s)
except NotImplementedError:
    print("Write rope_shapes first, then run this cell again. The shapes of this small layer:", actual)
except Exception as err:
    print(f"rope_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:7s} {str(shape):16s} {verdict}")
"""),
md(r"""
## The angle table: one angle per position and per pair

A vector of width $d$ has $d/2$ pairs, so RoPE needs $d/2$ frequencies

$$\omega_i = b^{-2i/d}, \qquad i = 0, 1, \dots, d/2 - 1,$$

from $\omega_0 = 1$ (one radian per position) down to $\omega_{d/2-1} = b^{-(d-2)/d}$, just above
$1/b$: a bank of clocks from fast to very slow. The angle of pair $i$ at position $p$ is
$p\,\omega_i$, so for $T$ positions the angle table $\theta$ has shape $(T, d/2)$: one row per
position, one column per **pair** (not per coordinate).

### Exercise 2 · `rope_angles` (1 point · ★ · about 10 min)

Return $\theta[t, i] = \text{positions}[t] \cdot b^{-2i/d}$ as a float64 array of shape $(T, d/2)$.
`d` must be a positive **even** integer (a Python or numpy integer; `bool` and `float` are not
sizes) and `positions` a 1-D array (or list) of integers; anything else raises `ValueError`.

<details><summary>Hint 1</summary>

Every entry is (a position) times (a frequency): the table is an outer product of a $(T,)$ array
and a $(d/2,)$ array.
</details>

<details><summary>Hint 2</summary>

The exponent counts pairs, so it steps by 2: $0, 2/d, 4/d, \dots, (d-2)/d$. The classic slip writes
$i/d$ (frequencies that decay half as fast); the last frequency must be $b^{-(d-2)/d}$.
</details>

<details><summary>Hint 3</summary>

`omega = base ** (-np.arange(0, d, 2) / d)`, then `positions[:, None] * omega[None, :]` (after
checking and converting the inputs).
</details>
"""),
solution("rope_angles", r'''
def rope_angles(positions, d, base=10000.0):
    """The RoPE angle table theta[t, i] = positions[t] * base**(-2i/d).

    Parameters
    ----------
    positions : array_like of int, shape (T,)
        Integer positions (a list or an integer array; not bool, not float).
    d : int
        Width of the vectors to rotate; a positive even integer.
    base : float, optional
        The base b of the frequencies omega_i = b**(-2i/d), i = 0 .. d/2 - 1 (default 10000).

    Returns
    -------
    np.ndarray, shape (T, d/2), dtype float64
        One angle (in radians) per position and per pair.

    Raises
    ------
    ValueError
        If d is not a positive even integer, positions is not a 1-D integer array, or base <= 0.
    """
    ### BEGIN SOLUTION
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)):
        raise ValueError(f"d must be an integer, got {d!r}")
    if d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer (coordinates come in pairs), got {d}")
    positions = np.asarray(positions)
    if positions.dtype == np.bool_ or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must have an integer dtype, got {positions.dtype}")
    if positions.ndim != 1:
        raise ValueError(f"positions must be 1-D, shape (T,), got shape {positions.shape}")
    if not float(base) > 0:
        raise ValueError(f"base must be a positive number, got {base!r}")
    omega = float(base) ** (-np.arange(0, d, 2) / d)          # (d/2,): exponent 2i/d
    return positions.astype(np.float64)[:, None] * omega[None, :]
    ### END SOLUTION
'''),
test(A, "rope_angles_values", 1, r'''
# Sanity checks for rope_angles with d = 6 (three pairs, three frequencies).
theta = rope_angles([0, 1, 2], 6)
assert isinstance(theta, np.ndarray), f"return a numpy array, got {type(theta).__name__}"
assert theta.shape == (3, 3), f"3 positions and d/2 = 3 pairs give shape (3, 3), got {theta.shape}"
assert theta.dtype == np.float64, f"return float64, got {theta.dtype}"
assert np.allclose(theta[0], 0.0), "position 0 has angle 0 in every pair"
omega = np.array([1.0, 10000 ** (-2 / 6), 10000 ** (-4 / 6)])     # 1, 0.0464, 0.00215
assert not np.allclose(theta[1], [1.0, 10000 ** (-1 / 6), 10000 ** (-2 / 6)]), \
    "these are the frequencies base^(-i/d): the exponent is 2i/d (i counts pairs)"
assert np.allclose(theta[1], omega), f"at position 1 the angles are the frequencies {omega}, got {theta[1]}"
assert np.allclose(theta[2], 2 * omega), "the angle grows linearly with the position: theta[p] = p * omega"
assert np.allclose(rope_angles([7, 0], 6)[0], 7 * omega), "use the given positions (here 7 and 0), not 0, 1, ..."
print("rope_angles: sanity checks passed")
'''),
md(r"""
## (b) Rotating queries and keys

### Exercise 3 · `apply_rope` (3 points · ★★ · about 20 min)

Rotate every adjacent pair of every vector of `x` by its angle: for the row at position
$p = \text{positions}[t]$ and each pair $i$, with $\theta = p\,\omega_i$,

$$\text{out}_{2i} = x_{2i}\cos\theta - x_{2i+1}\sin\theta, \qquad
\text{out}_{2i+1} = x_{2i}\sin\theta + x_{2i+1}\cos\theta .$$

`x` has shape $(\dots, T, d)$: a single sequence $(T, d)$, a batch $(B, T, d)$, or queries of
several heads $(B, H, T, d)$. The positions run along axis $-2$; the same angles apply to every
batch element and every head. Return a new float64 array of the shape of `x`.

Invalid: an odd $d$, fewer than 2 dimensions, or `positions` whose length is not $T$ (a
length-1 array must not be stretched by broadcasting).

<details><summary>Hint 1</summary>

No loop is needed: handle the first coordinates of all pairs at once, and the second coordinates
at once. Which slices of the last axis are they, and what is their shape?
</details>

<details><summary>Hint 2</summary>

`x[..., 0::2]` and `x[..., 1::2]` have shape $(\dots, T, d/2)$, like the angle table $(T, d/2)$.
numpy aligns trailing axes, so a product with `np.cos(theta)` broadcasts over any number of leading
axes. Do not reshape the angles to $(T, 1, d/2)$ as Llama's reference code does for its
$(B, T, H, d)$ layout: here the positions are axis $-2$.
</details>

<details><summary>Hint 3</summary>

Read both coordinates of a pair before writing either: if you overwrite `x[..., 0::2]` first, the
second formula uses the *rotated* value. And `np.asarray(x, dtype=float)` does not copy an array
that is already float64: writing into it changes the caller's data. Write into
`out = np.empty_like(x)`.
</details>

<details><summary>Hint 4</summary>

Take the angle table from your `rope_angles` and its cosine and sine, both $(T, d/2)$. Keep
`x[..., 0::2]` and `x[..., 1::2]` in two names, then fill `out[..., 0::2]` with the first formula
and `out[..., 1::2]` with the second, straight from the two kept slices.
</details>
"""),
solution("apply_rope", r'''
def apply_rope(x, positions, base=10000.0):
    """Rotate each adjacent pair (x[2i], x[2i+1]) of the vectors at position p by +p * base**(-2i/d).

    Parameters
    ----------
    x : array_like, shape (..., T, d)
        Vectors to rotate (queries or keys); any leading axes, e.g. (B, H, T, d). d must be even.
    positions : array_like of int, shape (T,)
        The position of each of the T rows (axis -2 of x).
    base : float, optional
        Base of the frequencies (default 10000).

    Returns
    -------
    np.ndarray, same shape as x, dtype float64
        out[..., t, 2i]   = x[..., t, 2i] cos - x[..., t, 2i+1] sin
        out[..., t, 2i+1] = x[..., t, 2i] sin + x[..., t, 2i+1] cos,  angle theta[t, i].
        x itself is not modified.

    Raises
    ------
    ValueError
        If x has fewer than 2 dimensions or an odd d, or positions is not (T,) integers.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2:
        raise ValueError(f"x must have shape (..., T, d), got shape {x.shape}")
    T, d = x.shape[-2:]
    if d % 2:
        raise ValueError(f"x has odd width d = {d}: RoPE rotates pairs of coordinates")
    if np.ndim(positions) != 1 or len(positions) != T:
        raise ValueError(f"positions must have shape (T,) = ({T},), got shape {np.shape(positions)}")
    theta = rope_angles(positions, d, base)                  # (T, d/2), validates the positions
    cos, sin = np.cos(theta), np.sin(theta)
    even, odd = x[..., 0::2], x[..., 1::2]                   # (..., T, d/2), read before writing
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out
    ### END SOLUTION
'''),
test(A, "apply_rope_values", 2, r'''
# Sanity checks for apply_rope with d = 6: the pairs are (x0, x1), (x2, x3), (x4, x5).
x_demo = np.array([[1.0, 0.0, 0.0, 1.0, 2.0, 0.0],
                   [1.0, 0.0, 0.0, 1.0, 2.0, 0.0]])
x_before = x_demo.copy()
r = apply_rope(x_demo, [0, 1])
assert isinstance(r, np.ndarray) and r.shape == (2, 6), \
    f"the result has the shape of x, (2, 6), got {getattr(r, 'shape', type(r).__name__)}"
assert r.dtype == np.float64, f"return float64, got {r.dtype}"
assert np.array_equal(x_demo, x_before), "x was modified in place: build the result in a new array"
assert np.allclose(r[0], x_demo[0]), "position 0 has angle 0 in every pair: row 0 must come back unchanged"
assert not np.allclose(r[1, :2], [np.cos(1), -np.sin(1)]), \
    "(1, 0) went to (cos 1, -sin 1): a rotation by -1 radian; RoPE rotates by +theta"
assert np.allclose(r[1, :2], [np.cos(1), np.sin(1)]), (
    "the pair (x0, x1) = (1, 0) at position 1 turns by omega_0 = 1 radian to (cos 1, sin 1) = (0.540, 0.841), "
    f"got {r[1, :2]}; the pairs are adjacent coordinates (x[2i], x[2i+1])")
w1, w2 = 10000 ** (-2 / 6), 10000 ** (-4 / 6)
assert np.allclose(r[1, 2:], [-np.sin(w1), np.cos(w1), 2 * np.cos(w2), 2 * np.sin(w2)]), \
    f"pairs 1 and 2 turn by omega_1 = 10000^(-2/6) and omega_2 = 10000^(-4/6) radians, got {r[1, 2:]}"
assert np.allclose(np.linalg.norm(r, axis=-1), np.linalg.norm(x_demo, axis=-1)), \
    "a rotation keeps the norm of every vector"
assert np.allclose(apply_rope(x_demo[1:], [1]), r[1:]), \
    "the angle comes from the given position (here 1), not from the row's index in x (here 0)"
print("apply_rope: sanity checks passed")
'''),
test(A, "apply_rope_batched", 1, r'''
# Sanity checks for apply_rope on queries of B = 2 sequences, H = 3 heads, T = 4 positions, d = 6.
x_bhtd = np.random.default_rng(8).normal(size=(2, 3, 4, 6))
pos_demo = np.array([5, 6, 7, 8])               # e.g. 4 new tokens after 5 cached ones
r = apply_rope(x_bhtd, pos_demo)
assert isinstance(r, np.ndarray) and r.shape == (2, 3, 4, 6), \
    f"the result has the shape of x, (2, 3, 4, 6), got {getattr(r, 'shape', type(r).__name__)}"
for b in range(2):
    for h in range(3):
        assert np.allclose(r[b, h], apply_rope(x_bhtd[b, h], pos_demo)), (
            f"sequence {b}, head {h} differs from rotating that (T, d) slice alone: the positions run "
            "along axis -2 and every batch element and head uses the same angles")
print("apply_rope (batched): sanity checks passed")
'''),
md(r"""
### Picture: every pair is a clock

Put the same vector, whose every pair is $(1, 0)$, at positions $0, 1, \dots, 24$ and rotate it.
Each pair moves on the unit circle, one step of $\omega_i$ radians per position: pair 0 turns by
one radian per step (almost four full turns over these 25 positions), later pairs turn more and
more slowly.
Fast pairs tell neighbouring positions apart; slow pairs keep distant positions distinct.
"""),
code(r"""
d_clock, T_clock = 16, 25
x_clock = np.tile([1.0, 0.0], (T_clock, d_clock // 2))        # every pair is (1, 0)
try:
    r_clock = apply_rope(x_clock, np.arange(T_clock))
except NotImplementedError:
    print("Write apply_rope first, then run this cell again.")
except Exception as err:
    print(f"apply_rope raised {type(err).__name__}: {err}")
else:
    pairs = [0, 1, 2, 4]
    fig, axes = plt.subplots(1, len(pairs), figsize=(15, 4.2), layout="constrained")
    circle = np.linspace(0, 2 * np.pi, 200)
    for ax, i in zip(axes, pairs):
        ax.plot(np.cos(circle), np.sin(circle), color="lightgray", lw=1)
        sc = ax.scatter(r_clock[:, 2 * i], r_clock[:, 2 * i + 1], c=np.arange(T_clock), cmap="viridis", s=18, zorder=3)
        ax.set_title(f"pair {i}\n$\\omega_{i}$ = {10000 ** (-2 * i / d_clock):.3g} rad per position")
        ax.set_aspect("equal")
        ax.set_xlim(-1.2, 1.2)
        ax.set_ylim(-1.2, 1.2)
        ax.set_xlabel(f"out[{2 * i}]")
        ax.set_ylabel(f"out[{2 * i + 1}]")
    fig.colorbar(sc, ax=axes, shrink=0.8, label="position p")
    plt.show()
"""),
md(r"""
### Norms are preserved

A rotation changes the direction of a vector, never its length. Below: random queries of
$B = 2$ sequences, $H = 4$ heads, $T = 64$ positions and $d = 32$ (positions up to 10,000),
and the largest change of any vector's norm. It is at the level of rounding (about $10^{-15}$):
RoPE adds position information without changing the scale of the attention logits.
"""),
code(r"""
x_norms = np.random.default_rng(0).normal(size=(2, 4, 64, 32))
pos_norms = np.sort(np.random.default_rng(1).choice(10_000, size=64, replace=False))
try:
    r_norms = apply_rope(x_norms, pos_norms)
except NotImplementedError:
    print("Write apply_rope first, then run this cell again.")
except Exception as err:
    print(f"apply_rope raised {type(err).__name__}: {err}")
else:
    before, after = np.linalg.norm(x_norms, axis=-1), np.linalg.norm(r_norms, axis=-1)
    print(f"norms before: from {before.min():.3f} to {before.max():.3f}")
    print(f"largest |norm after - norm before| over {before.size} vectors: {np.abs(after - before).max():.2e}")
"""),
md(r"""
### Exercise 4 · `apply_rope_half_split` (1 point · ★★ · about 15 min)

GPT-NeoX and Hugging Face's Llama code pair the coordinates differently: $x_i$ with
$x_{i + d/2}$ (the first half with the second half), with the same angles
$\theta[t, i] = p\,\omega_i$, for $i = 0, \dots, d/2 - 1$:

$$\text{out}_{i} = x_{i}\cos\theta_i - x_{i+d/2}\sin\theta_i, \qquad
\text{out}_{i+d/2} = x_{i+d/2}\cos\theta_i + x_{i}\sin\theta_i .$$

Hugging Face writes this as `x * cos + rotate_half(x) * sin` with
`rotate_half(x) = concatenate([-x2, x1])` (`x1, x2` the two halves) and `cos`, `sin` of the
angles laid out as `concatenate([theta, theta])`, shape $(T, d)$: coordinate $i$ and
$i + d/2$ share the angle $\theta_i$.

The two layouts are the same rotation with the coordinates listed in another order. With the
permutation $P = [0, 2, 4, \dots, d-2, 1, 3, \dots, d-1]$ (first coordinates of all pairs, then
second coordinates),

```python
apply_rope_half_split(x[..., P], positions) == apply_rope(x, positions)[..., P]
```

Same shapes, validation and rules as `apply_rope`.

<details><summary>Hint 1</summary>

The partners are now the two halves of the last axis. Which angle does coordinate $i + d/2$ use?
</details>

<details><summary>Hint 2</summary>

The angle layout belongs to the pairing: `repeat(theta, 2)` ($\theta_0, \theta_0, \theta_1,
\theta_1, \dots$) for adjacent pairs, `concatenate([theta, theta])` for half-split. Mixing one
layout's angles with the other's rotation is a classic silent bug: shapes match and norms are
preserved, only the model's outputs are wrong.
</details>

<details><summary>Hint 3</summary>

`first, second = x[..., :d // 2], x[..., d // 2:]`, then concatenate
`first * cos - second * sin` and `second * cos + first * sin` along the last axis.
</details>
"""),
solution("apply_rope_half_split", r'''
def apply_rope_half_split(x, positions, base=10000.0):
    """RoPE in the GPT-NeoX / Hugging Face layout: x[i] is paired with x[i + d/2].

    Parameters
    ----------
    x : array_like, shape (..., T, d)
        Vectors to rotate; any leading axes. d must be even.
    positions : array_like of int, shape (T,)
        The position of each of the T rows (axis -2 of x).
    base : float, optional
        Base of the frequencies (default 10000).

    Returns
    -------
    np.ndarray, same shape as x, dtype float64
        out[..., i]       = x[..., i] cos - x[..., i + d/2] sin
        out[..., i + d/2] = x[..., i + d/2] cos + x[..., i] sin,  angle theta[t, i], i < d/2.

    Raises
    ------
    ValueError
        If x has fewer than 2 dimensions or an odd d, or positions is not (T,) integers.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2:
        raise ValueError(f"x must have shape (..., T, d), got shape {x.shape}")
    T, d = x.shape[-2:]
    if d % 2:
        raise ValueError(f"x has odd width d = {d}: RoPE rotates pairs of coordinates")
    if np.ndim(positions) != 1 or len(positions) != T:
        raise ValueError(f"positions must have shape (T,) = ({T},), got shape {np.shape(positions)}")
    theta = rope_angles(positions, d, base)
    cos, sin = np.cos(theta), np.sin(theta)
    h = d // 2
    first, second = x[..., :h], x[..., h:]
    return np.concatenate([first * cos - second * sin, second * cos + first * sin], axis=-1)
    ### END SOLUTION
'''),
test(A, "apply_rope_half_split", 1, r'''
# Sanity checks for apply_rope_half_split with d = 6: the pairs are (x0, x3), (x1, x4), (x2, x5).
r = apply_rope_half_split(np.array([[1.0, 0.0, 0.0, 0.0, 0.0, 0.0]]), [1])
assert isinstance(r, np.ndarray) and r.shape == (1, 6), \
    f"the result has the shape of x, (1, 6), got {getattr(r, 'shape', type(r).__name__)}"
assert np.allclose(r[0], [np.cos(1), 0, 0, np.sin(1), 0, 0]), (
    f"x0 = 1 is paired with x3 = x[0 + d/2] and turns by 1 radian: expected [cos 1, 0, 0, sin 1, 0, 0], got {r[0]}")
x_perm = np.random.default_rng(3).normal(size=(2, 4, 8))
P = np.r_[0:8:2, 1:8:2]                          # [0, 2, 4, 6, 1, 3, 5, 7]
try:
    adjacent = apply_rope(x_perm, np.arange(4))
except NotImplementedError:
    adjacent = None
    print("(write apply_rope to also check the permutation identity)")
if adjacent is not None:
    assert np.allclose(apply_rope_half_split(x_perm[..., P], np.arange(4)), adjacent[..., P]), \
        "apply_rope_half_split(x[..., P]) must equal apply_rope(x)[..., P]: the same rotation in another order"
print("apply_rope_half_split: sanity checks passed")
'''),
md(r"""
### Picture: one model, two layouts

Attention computes $q = W_q h$ and $k = W_k h$ from a hidden state $h$. Suppose $W_q$ and $W_k$
were trained with adjacent pairs. If we reorder their **rows** by $P$, the projections come out
already in the half-split order, $q[P]$ and $k[P]$, and the half-split rotation gives
$(R_p q)[P]$ and $(R_s k)[P]$: the same vectors in another order, hence **the same dot
products**. This is what Hugging Face's script that converts Meta's Llama checkpoints does (it
permutes the rows of the query and key weights within each head). Loading the weights without
the permutation runs without any error and gives different attention scores.
"""),
code(r"""
rng_layout = np.random.default_rng(42)
d_head, d_model, T_layout = 8, 12, 6
W_q, W_k = rng_layout.normal(size=(2, d_head, d_model))
h_states = rng_layout.normal(size=(T_layout, d_model))
P_layout = np.r_[0:d_head:2, 1:d_head:2]
pos_layout = np.arange(T_layout)
try:
    q_adj, k_adj = apply_rope(h_states @ W_q.T, pos_layout), apply_rope(h_states @ W_k.T, pos_layout)
    q_half, k_half = (apply_rope_half_split(h_states @ W[P_layout].T, pos_layout) for W in (W_q, W_k))
    q_bad, k_bad = (apply_rope_half_split(h_states @ W.T, pos_layout) for W in (W_q, W_k))
except NotImplementedError:
    print("Write apply_rope and apply_rope_half_split first, then run this cell again.")
except Exception as err:
    print(f"a RoPE function raised {type(err).__name__}: {err}")
else:
    S_adj, S_half, S_bad = q_adj @ k_adj.T, q_half @ k_half.T, q_bad @ k_bad.T
    print(f"attention scores (T x T) of the adjacent-pair model: mean |score| {np.abs(S_adj).mean():.2f}")
    print("largest |difference| from them:")
    print(f"  adjacent pairs vs half-split with rows permuted by P: {np.abs(S_adj - S_half).max():.2e}")
    print(f"  adjacent pairs vs half-split without the permutation: {np.abs(S_adj - S_bad).max():.2f}")
"""),
md(r"""
### Exercise 5 · `rope_score` (2 points · ★ · about 10 min)

The attention logit between a query $q$ at position $p$ and a key $k$ at position $s$ (before the
$1/\sqrt{d}$ scaling) is the dot product of the rotated vectors. Since $R_p^\top = R_{-p}$ and
rotations of the same planes add their angles,

$$\text{score}(p, s) = (R_p q)^\top (R_s k) = q^\top R_p^\top R_s\, k = q^\top R_{s - p}\, k ,$$

which depends on the offset $s - p$ only (with its sign: a key before the query is not the same
as a key after it).

Return the score as a Python `float`, using the adjacent pairs of `apply_rope`. `q` and `k` are
vectors of the same even length $d$; `p` and `s` are integers (negative allowed; `bool` is not a
position). Anything else raises `ValueError`.

`rope_score` calls `apply_rope` (and so `rope_angles`): if a hidden check of `rope_score` fails,
its message says whether the error is upstream.

<details><summary>Hint 1</summary>

Both vectors are rotated, each to its own position.
</details>

<details><summary>Hint 2</summary>

`apply_rope` wants a $(T, d)$ input: `q[None, :]` is $(1, d)$ with the one position `[p]`; take row
0 of the result and return `float(q_rot @ k_rot)`.
</details>
"""),
solution("rope_score", r'''
def rope_score(q, k, p, s, base=10000.0):
    """The RoPE attention score (R_p q) . (R_s k) of a query at position p and a key at position s.

    Parameters
    ----------
    q, k : array_like, shape (d,)
        A query and a key vector of the same even length d.
    p, s : int
        Positions of the query and of the key (any integers, negative allowed; not bool).
    base : float, optional
        Base of the frequencies (default 10000).

    Returns
    -------
    float
        The dot product of q rotated to position p with k rotated to position s; it equals
        q . R_(s-p) k and depends on s - p only.

    Raises
    ------
    ValueError
        If q or k is not 1-D, their lengths differ or are odd, or p or s is not an integer.
    """
    ### BEGIN SOLUTION
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or k.ndim != 1:
        raise ValueError(f"q and k must be 1-D vectors, got shapes {q.shape} and {k.shape}")
    if q.shape != k.shape:
        raise ValueError(f"q and k must have the same length, got {q.shape[0]} and {k.shape[0]}")
    if q.shape[0] % 2:
        raise ValueError(f"q and k have odd length d = {q.shape[0]}: RoPE rotates pairs")
    for name, value in (("p", p), ("s", s)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer position, got {value!r}")
    q_rot = apply_rope(q[None, :], [int(p)], base)[0]
    k_rot = apply_rope(k[None, :], [int(s)], base)[0]
    return float(q_rot @ k_rot)
    ### END SOLUTION
'''),
test(A, "rope_score", 2, r'''
# Sanity checks for rope_score with d = 6.
q_demo = np.array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0])
k_demo = np.array([0.0, 1.0, 0.0, 0.0, 0.0, 0.0])
score = rope_score(q_demo, k_demo, 3, 5)
assert isinstance(score, float), f"return a Python float, got {type(score).__name__}"
assert np.isclose(score, -np.sin(2.0)), (
    f"q . R_(s-p) k with s - p = 2: k = (0, 1) in pair 0 turns by 2 radians to (-sin 2, cos 2), so the score is "
    f"-sin 2 = {-np.sin(2.0):.4f}; got {score:.4f}")
assert np.isclose(rope_score(q_demo, k_demo, 5, 3), np.sin(2.0)), \
    "with p and s exchanged the offset is -2 and the score is +sin 2: the sign of s - p matters"
q_rand, k_rand = np.random.default_rng(5).normal(size=(2, 8))
assert np.isclose(rope_score(q_rand, k_rand, 4, 4), q_rand @ k_rand), "at p = s the rotations cancel: the score is q . k"
assert np.isclose(rope_score(q_rand, k_rand, 2, 9), rope_score(q_rand, k_rand, 100, 107)), \
    "the score depends on s - p only: (2, 9) and (100, 107) have the same offset 7"
assert np.isclose(rope_score(q_rand, k_rand, -3, 4), rope_score(q_rand, k_rand, 0, 7)), \
    "negative positions are positions too: (-3, 4) has offset 7"
print("rope_score: sanity checks passed")
'''),
md(r"""
### Table and picture: the score depends on $s - p$ only, and what decays with it

Left: `rope_score` of one random query and key for $p, s = 0, \dots, 15$. Every diagonal
(constant $s - p$) has a single colour.

Right: the score against the offset $s - p$ (log scale), $d = 64$, for two kinds of pairs.

* **Aligned** $q = k = (1, \dots, 1)$: the score is $q \cdot q = 64$ at offset 0, then falls, with
  oscillations, over thousands of tokens as more and more pairs turn out of phase. This is what
  RoFormer calls *long-term decay*: the paper shows that an *upper bound* of $|\text{score}|$
  shrinks with the offset. Aligned contents are the pairs whose score follows that trend.
* **Independent random** $q$ and $k$ (2,000 pairs of standard normal vectors): the typical size
  of the score, the mean of $|\text{score}|$, stays between about 6.2 and 6.6 at **every** offset
  from 0 to 1,000, around $8\sqrt{2/\pi} \approx 6.38$. Rotating a random vector gives another
  random vector of the same distribution, so nothing decays.

So RoPE does not make far-apart tokens interact less in general. What decays is the *match*: a
query and a key whose contents line up give a large score when they are close, and the same
contents give a smaller and less predictable score the further apart they are. A model that wants
to attend far away can still do so; it just cannot rely on the same content match at every distance.
"""),
code(r"""
q_tab, k_tab = np.random.default_rng(7).normal(size=(2, 16))
try:
    table_ps = np.array([[rope_score(q_tab, k_tab, p, s) for s in range(16)] for p in range(16)])
    offsets = np.unique(np.round(np.logspace(0, 5, 1500)).astype(int))
    ones = np.ones(64)
    decay = np.array([rope_score(ones, ones, 0, int(o)) for o in offsets])
    # 2,000 independent random pairs; the keys rotated to offsets 0 .. 1000 in one batched call
    rng_pairs = np.random.default_rng(8)
    q_rand, k_rand = rng_pairs.normal(size=(2, 2000, 64))
    offsets_rand = np.r_[0, np.unique(np.round(np.logspace(0, 3, 40)).astype(int))]
    k_turned = apply_rope(np.broadcast_to(k_rand[:, None, :], (2000, offsets_rand.size, 64)), offsets_rand)
    typical = np.abs(np.einsum("nd,ntd->nt", q_rand, k_turned)).mean(axis=0)   # mean |score| per offset
except NotImplementedError:
    print("Write apply_rope and rope_score first, then run this cell again.")
except Exception as err:
    print(f"rope_score raised {type(err).__name__}: {err}")
else:
    print("rope_score(q, k, p, s) for p, s = 0..5 (rows p, columns s):")
    print(np.round(table_ps[:6, :6], 3))
    spread = max(np.ptp(np.diagonal(table_ps, o)) for o in range(-15, 16))
    print(f"largest spread (max - min) along any of the 31 diagonals: {spread:.1e}")
    print(f"aligned q = k = ones(64): score {decay[0]:.1f} at offset 1, "
          f"{rope_score(ones, ones, 0, 100):.1f} at 100, {rope_score(ones, ones, 0, 1000):.1f} at 1000")
    print(f"random q, k: mean |score| between {typical.min():.2f} and {typical.max():.2f} "
          f"over {offsets_rand.size} offsets from 0 to 1000 (8 sqrt(2/pi) = {8 * np.sqrt(2 / np.pi):.2f})")
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    im = axes[0].imshow(table_ps, cmap="RdBu_r")
    axes[0].set_xlabel("key position s")
    axes[0].set_ylabel("query position p")
    axes[0].set_title("rope_score(q, k, p, s): constant along diagonals")
    fig.colorbar(im, ax=axes[0], shrink=0.85)
    axes[1].semilogx(offsets, decay, lw=1, label="aligned: q = k = ones(64)")
    axes[1].semilogx(offsets_rand[1:], typical[1:], "o-", ms=3, label="random q, k: mean |score|")
    axes[1].axhline(0, color="gray", lw=0.5)
    axes[1].set_xlabel("offset s - p (log scale)")
    axes[1].set_ylabel("score")
    axes[1].set_title("what decays: the aligned score, not the typical one")
    axes[1].legend(fontsize=8)
    plt.show()
"""),
md(r"""
## RoPE as complex numbers, and the role of the base

Read each pair as one complex number, $z_i = x_{2i} + \mathrm{i}\,x_{2i+1}$. A vector of width $d$
becomes $d/2$ complex numbers, and the rotation of the pair by $\theta$ becomes a product:

$$e^{\mathrm{i}\theta} z_i = (\cos\theta + \mathrm{i}\sin\theta)(x_{2i} + \mathrm{i}\,x_{2i+1})
= \underbrace{(x_{2i}\cos\theta - x_{2i+1}\sin\theta)}_{\text{real part}}
+ \mathrm{i}\,\underbrace{(x_{2i}\sin\theta + x_{2i+1}\cos\theta)}_{\text{imaginary part}},$$

exactly the two lines of `apply_rope`. This is how RoFormer writes RoPE for $d = 2$, and how Meta's
Llama code applies it (`torch.view_as_complex`, a product with `freqs_cis`, `torch.view_as_real`).
The score is then one line too: the dot product of two pairs is $\operatorname{Re}(\bar a\, b)$, so

$$\text{score}(p, s) = \operatorname{Re}\sum_i \overline{z^{(q)}_i}\, z^{(k)}_i\, e^{\mathrm{i}(s - p)\,w_i},$$

which depends on $s - p$ only, for any $q$ and $k$: the two factors $e^{\mathrm{i} p w_i}$ and
$e^{\mathrm{i} s w_i}$ meet as $e^{-\mathrm{i} p w_i} e^{\mathrm{i} s w_i}$.

### Exercise 6 · `rope_complex` (2 points · ★★ · about 15 min)

Write RoPE again, this time with complex numbers: build $z$ from the adjacent pairs, multiply by
$e^{\mathrm{i}\,\theta[p, i]}$ (angles from your `rope_angles`), and put the real parts back at the even
coordinates and the imaginary parts at the odd ones. Same inputs, output and errors as `apply_rope`:
the two must agree to rounding, and return a real float64 array of the shape of `x`.

<details><summary>Hint 1</summary>

numpy does complex arithmetic: `1j` is the imaginary unit, `np.exp(1j * theta)` is $e^{\mathrm{i}\theta}$
element by element, and `z.real`, `z.imag` give the two parts back as float64 arrays.
</details>

<details><summary>Hint 2</summary>

`z = x[..., 0::2] + 1j * x[..., 1::2]` has shape `(..., T, d/2)`, the shape of the angle table
broadcast over the leading axes. Multiply, then fill an `np.empty_like(x)` through the same two
slices you read from.
</details>
"""),
solution("rope_complex", r'''
def rope_complex(x, positions, base=10000.0):
    """RoPE through complex numbers: z_i = x[2i] + 1j x[2i+1] multiplied by e^(1j theta[p, i]).

    Parameters
    ----------
    x : array_like, shape (..., T, d)
        Vectors to rotate; d must be even.
    positions : array_like of int, shape (T,)
        The position of each of the T rows (axis -2 of x).
    base : float, optional
        Base of the frequencies (default 10000).

    Returns
    -------
    np.ndarray, same shape as x, dtype float64
        out[..., 2i] = Re(z_i e^(1j theta)), out[..., 2i+1] = Im(z_i e^(1j theta)): equal to
        apply_rope(x, positions, base). x itself is not modified.

    Raises
    ------
    ValueError
        As apply_rope: x with fewer than 2 dimensions or an odd d, positions not (T,) integers.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2:
        raise ValueError(f"x must have shape (..., T, d), got shape {x.shape}")
    T, d = x.shape[-2:]
    if d % 2:
        raise ValueError(f"x has odd width d = {d}: complex numbers need pairs of coordinates")
    if np.ndim(positions) != 1 or len(positions) != T:
        raise ValueError(f"positions must have shape (T,) = ({T},), got shape {np.shape(positions)}")
    theta = rope_angles(positions, d, base)                  # (T, d/2)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * theta)
    out = np.empty_like(x)
    out[..., 0::2] = z.real
    out[..., 1::2] = z.imag
    return out
    ### END SOLUTION
'''),
test(A, "rope_complex_values", 2, r'''
# Sanity checks for rope_complex: it is apply_rope written another way.
x_demo = np.random.default_rng(5).normal(size=(2, 3, 8))
pos_demo = np.array([0, 7, 300])
out_c = rope_complex(x_demo, pos_demo)
assert isinstance(out_c, np.ndarray) and out_c.shape == x_demo.shape, \
    f"same shape as x, (2, 3, 8), got {getattr(out_c, 'shape', type(out_c).__name__)}"
assert out_c.dtype == np.float64, \
    f"return real float64 pairs, got {out_c.dtype} (a complex array must be split back into real and imaginary parts)"
assert np.allclose(out_c[..., 0, :], x_demo[..., 0, :]), "position 0 has angle 0: e^(1j 0) = 1 leaves the vector as it is"
z1 = x_demo[0, 1, 0] + 1j * x_demo[0, 1, 1]          # the first pair at position 7: angle 7 * base^0 = 7 rad
assert np.allclose(out_c[0, 1, :2], [(z1 * np.exp(7j)).real, (z1 * np.exp(7j)).imag]), \
    "pair 0 at position 7: (x0 + 1j x1) * e^(7j), real part to x0 and imaginary part to x1"
print("rope_complex: sanity checks passed")
'''),
code(r"""
# The complex form and the rotation agree, on a batch of queries with 4 heads.
x_cmp = np.random.default_rng(11).normal(size=(2, 4, 6, 16))
pos_cmp = np.array([0, 1, 2, 50, 51, 4095])
try:
    diff = np.abs(rope_complex(x_cmp, pos_cmp) - apply_rope(x_cmp, pos_cmp)).max()
except NotImplementedError:
    print("Write apply_rope and rope_complex first, then run this cell again.")
else:
    print(f"largest difference between rope_complex and apply_rope: {diff:.1e} (rounding only)")
"""),
md(r"""
### The base sets the wavelengths

Pair $i$ turns by $w_i = \text{base}^{-2i/d}$ radians per position, so it comes back to where it
started after $\lambda_i = 2\pi\,\text{base}^{2i/d}$ positions, its **wavelength**. The fastest pair
($i = 0$) always has $\lambda_0 = 2\pi \approx 6.3$ positions; the slowest has
$2\pi\,\text{base}^{(d-2)/d}$, a little under $2\pi \cdot \text{base}$. With $d = 128$ (a Llama head):

| base | slowest wavelength | pairs with a wavelength above 4,096 | above 32,768 |
|---|---|---|---|
| 10,000 (RoFormer, Llama 1 and 2) | about 54,000 | 18 of 64 | 4 of 64 |
| 500,000 (Llama 3) | about 2.6 million | 32 of 64 | 22 of 64 |

A pair whose wavelength is longer than the training length never completes a turn during
training (notebook 07 has the same picture for sinusoids). A larger base therefore keeps more
pairs "slow": they can tell apart positions far beyond the training length without repeating,
but they also turn so little over a short context that they carry almost no position there.
Raising the base and then training on longer inputs is one way models extend their window
(Code Llama raised it from 10,000 to 1,000,000).

**Position interpolation** (Chen et al., 2023) changes the positions instead: a model trained on
$L$ positions and run on $L' > L$ uses $p \cdot L / L'$. Every pair slows down by the same factor
$L / L'$, the fast ones too, so every angle stays inside the range seen in training. Changing the
base slows the slow pairs a lot and the fastest not at all. The next cell computes both.
"""),
code(r"""
d_b = 128
i_b = np.arange(d_b // 2)
for base_b in (10_000.0, 500_000.0):
    lam = 2 * np.pi * base_b ** (2 * i_b / d_b)
    print(f"base {base_b:>9,.0f}: slowest wavelength {lam[-1]:12,.0f}; "
          f"pairs above 4,096: {(lam > 4096).sum()}, above 32,768: {(lam > 32768).sum()} (of {d_b // 2})")
w_old = 10_000.0 ** (-2 * i_b / d_b)
w_pi = w_old * 2048 / 8192                       # interpolation from 2,048 to 8,192 positions
w_big = 500_000.0 ** (-2 * i_b / d_b)            # a larger base instead
for i in (0, 16, 32, 63):
    print(f"pair {i:2d}: speed divided by {w_old[i] / w_pi[i]:6.1f} with interpolation x 1/4, "
          f"by {w_old[i] / w_big[i]:6.1f} with base 500,000")
"""),
md(r"""
## Past the training length: train short, test long (ungraded)

A rotation is defined for every position, but the attention layers only ever saw the angles of
distances below the training length. Position interpolation (Chen et al., 2023) is the simplest fix
for RoPE models: multiply every position by $L_{\text{train}} / L_{\text{test}}$, so a longer input is
squeezed into angles the model has seen, then fine-tune briefly.

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
naming the argument, on the inputs that the rules call invalid (odd widths, sizes below 1, floats
or booleans where integers are required, `positions` of the wrong shape). Nothing to write here:
it grades the validation you already wrote.
"""),
test(A, ("rope_shapes_invalid", "rope_angles_invalid", "apply_rope_invalid", "apply_rope_half_split_invalid",
         "rope_score_invalid", "rope_complex_invalid"), 1, r'''
# Sanity checks: an odd width has no pairs to rotate, in every function.
for call, what in [(lambda: rope_shapes(2, 4, 5, 12), "rope_shapes with d_model / H = 3"),
                   (lambda: rope_angles([0, 1, 2], 5), "rope_angles with d = 5"),
                   (lambda: apply_rope(np.ones((4, 5)), np.arange(4)), "apply_rope with x of shape (4, 5)"),
                   (lambda: rope_score(np.ones(5), np.ones(5), 0, 1), "rope_score with d = 5")]:
    try:
        call()
    except ValueError as err:
        print(f"{what} raised ValueError as it should: {err}")
    else:
        raise AssertionError(f"{what} returned a value: an odd width must raise ValueError")
''', grade_id="test_invalid_inputs"),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. Which vectors does RoPE rotate inside a transformer layer, and which does it leave alone? Use
   your `rope_score` to explain why attention then depends on relative positions only, and what
   this means for the keys a model keeps in its cache while it generates text token by token.
   RoPE has no table of positions: does that let a model trained on sequences of 4,096 tokens
   read 32,000?
2. A Llama checkpoint trained with adjacent pairs (Meta's original code) is run by code that uses
   the half-split layout (Hugging Face's `rotate_half`), without any conversion. Nothing crashes:
   every shape matches and every norm is preserved. What goes wrong, and how can the weights be
   converted so that the half-split code computes exactly the same attention scores?
"""),
answer("explain_rope", r"""
(1) RoPE rotates only the queries and the keys of every attention head (after $W_q$ and $W_k$),
each at its own position; the values, the residual stream and the embeddings carry no position
signal. The attention logit is $(R_p q)\cdot(R_s k) = q^\top R_{s-p} k$: it depends on the two
contents and on the offset $s - p$ only, so shifting a whole sequence changes no attention
weight, and the model learns relative patterns ("the previous token", "3 tokens back"). During
generation a key is rotated once, at its absolute position, and cached: later queries are
rotated at their own positions and their dot products with the cached keys still depend only on
the offsets, so nothing in the cache has to be recomputed as the text grows. Having no position
table means any integer position *can* be rotated, not that the model works there: beyond the
training length the slow pairs reach angles (and offsets) never seen in training, and quality
degrades quickly (Press et al., 2021, measured this for rotary models; it is why long-context
versions of RoPE models use position interpolation, which scales the positions down into the
trained range (Chen et al., 2023), or a larger base, as Code Llama's 1,000,000, plus some
fine-tuning at the new length). (2) The half-split code rotates the planes
$(x_i, x_{i+d/2})$ where the weights expect $(x_{2i}, x_{2i+1})$: the wrong coordinates are
paired and turned with the wrong frequencies, so every query-key score is wrong and the model's
output degrades into nonsense, silently, because the rotation is still a valid rotation. The fix
permutes the rows of $W_q$ and $W_k$ within each head by $P = [0, 2, \dots, 1, 3, \dots]$ (what
Hugging Face's Llama conversion script does): then $q$ and $k$ arrive in half-split order,
`apply_rope_half_split(x[P]) == apply_rope(x)[P]`, and a dot product is unchanged when both
vectors are permuted the same way, so the scores are identical; $W_v$ and $W_o$ stay as they are.
""", r"""
1 point: only queries and keys are rotated (values/residual stream untouched) and the score
$q^\top R_{s-p} k$ depends on the offset only (relative positions), so cached keys rotated once
at their absolute positions stay valid, and no table does not mean free extrapolation (RoPE
degrades past the training length; interpolation or base scaling is needed). Half a point off for
claiming RoPE handles any length because it has no table. 1 point: the layouts pair different coordinates
(and frequencies), so scores are silently wrong (no error, norms preserved); the fix is to
permute the rows of $W_q$ and $W_k$ per head by $P$ (or equivalently reorder the layout), which
leaves every dot product unchanged. Half a point each for a correct idea without the reason.
"""),
]

NOTEBOOK = notebook(cells)
