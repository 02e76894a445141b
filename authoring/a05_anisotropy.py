"""Source of source/05_anisotropy/05_anisotropy.ipynb (write it with `python3 course.py author 05_anisotropy`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "05_anisotropy"
cells = [
md(r"""
# 05 · Anisotropy: measure it before and after centering

Trained embedding tables, and even more the contextual vectors inside a transformer, are often
**anisotropic**: instead of pointing in every direction, the vectors crowd into a narrow cone.
Two things do it: a **shared offset** (every vector carries the same mean vector $\mu$) and a few
**dominant directions** along which the vectors spread far more than along the others. Cosine
similarity, the usual measure for nearest neighbours, retrieval and analogies, then calls almost
every pair "similar". In this notebook you measure anisotropy, remove it (centering, all-but-the-top,
whitening) and weigh what each removal costs, then look at a real model: its anisotropy, a linear
probe and a bias direction.

| object | meaning | shape |
|---|---|---|
| $E$ | a table of $V$ vectors; row $e_i$ is vector $i$ | $(V, d)$ |
| $\mu = \frac{1}{V}\sum_i e_i$ | the mean row (`E.mean(axis=0)`) | Exercise 1 |
| $C = E - \mathbf{1}\mu^\top$ | the centered table: $\mu$ subtracted from every row | $(V, d)$ |
| $C = U\,\operatorname{diag}(s)\,W^\top$ | thin SVD (`np.linalg.svd(C, full_matrices=False)`), $s_1 \ge s_2 \ge \dots \ge 0$ | Exercise 1 |
| $w_1, \dots, w_k$ | the top $k$ principal directions: the first $k$ rows of $W^\top$ (numpy's `Vt[:k]`) | $(k, d)$ |

(The SVD's right factor is called `Vt` in numpy; here it is $W^\top$, so that $V$ stays the
number of rows.)

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (14 points: 12 autograded, 2 graded by hand). Each function you
write is followed by one or two graded cells; one cell near the end (1 point) checks that every
function rejects invalid input. The visible lines in those cells are *sanity
checks*: they catch common slips and say why, but they are not exhaustive. When your notebook is
graded, hidden checks run your function on other inputs (random tables, lists instead of arrays,
`float32` tables, zero vectors, tables with zero variance, invalid `k`) and compare it with a
reference. A failed hidden check tells you the input, what was expected and what you returned,
and names the likely mistake when it recognises one.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested lists;
return `float64` arrays (or a Python `float` where stated); never modify an input; raise
`ValueError` (with a message naming the argument) on invalid input. Before you submit:
*Kernel → Restart Kernel and Run All Cells*.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# A synthetic anisotropic cloud of V = 1,000 vectors in d = 50 dimensions, from a fixed seed.
# Every row = a shared offset (length 10) + a spread along one dominant direction (std 5)
#           + isotropic noise (std 1 along every direction).
rng = np.random.default_rng(2018)
V_cloud, d_cloud = 1000, 50
offset = rng.normal(size=d_cloud)
offset *= 10.0 / np.linalg.norm(offset)
direction = rng.normal(size=d_cloud)
direction -= (direction @ offset) / (offset @ offset) * offset    # orthogonal to the offset
direction /= np.linalg.norm(direction)                              # unit length
E_cloud = (offset + rng.normal(0.0, 5.0, size=(V_cloud, 1)) * direction
           + rng.normal(size=(V_cloud, d_cloud)))
"""),
md(r"""
### Picture: the cloud seen from the side

The 1,000 rows of `E_cloud` drawn in the plane spanned by the offset and the dominant direction
(the other 48 coordinates are noise). The cloud sits far from the origin (black cross), so the
angle between two rows is mostly small: seen from the origin, the cloud fills a cone. Centering moves
the origin to the cloud's mean; the long axis of the cloud is its top principal direction.

Careful with what a 2-D picture shows. In this projection the dashed 90-degree cone (45 degrees on
either side of the offset axis) holds about 95% of the rows, but the 48 coordinates you do not see
add length *across* the offset, so in all 50 dimensions the rows sit further from the axis: only
about 82% lie within 45 degrees of it. The cell prints both numbers.
"""),
code(r"""
unit_offset = offset / np.linalg.norm(offset)
x, y = E_cloud @ unit_offset, E_cloud @ direction
fig, ax = plt.subplots(figsize=(7, 5))
ax.scatter(x, y, s=4, alpha=0.4, label="rows of E_cloud")
for sign in (1, -1):                                         # the 90-degree cone of the projection
    ax.plot([0, 17], [0, 17 * sign], color="gray", lw=1, ls="--")
ax.plot(0, 0, "k+", markersize=14, mew=2, label="origin")
ax.plot(x.mean(), y.mean(), "rx", markersize=10, mew=2, label="mean row $\\mu$")
ax.set_xlabel("coordinate along the offset")
ax.set_ylabel("coordinate along the dominant direction")
ax.set_xlim(-1, 24)
ax.set_ylim(-17, 17)
ax.set_aspect("equal")                                       # true angles
ax.legend(loc="center right")
ax.set_title("E_cloud: far from the origin, long along one direction")
plt.show()
angle_2d = np.degrees(np.arctan2(np.abs(y), x))                            # angle to the offset axis, in the plane
angle_50d = np.degrees(np.arccos(x / np.linalg.norm(E_cloud, axis=1)))     # the same angle in all 50 dimensions
print(f"rows within 45 degrees of the offset axis: {np.mean(angle_2d <= 45):.1%} in the 2-D projection, "
      f"{np.mean(angle_50d <= 45):.1%} in 50 dimensions")
print(f"half-angle of the cone that holds 95% of the rows in 50 dimensions: {np.quantile(angle_50d, 0.95):.1f} degrees")
"""),
md(r"""
## (a) Shapes

Before computing anything, know the shape of every object. Derive them from what each object is:

* the mean row $\mu$ averages over the $V$ rows;
* numpy's **thin** SVD of the $(V, d)$ table $C$ (`full_matrices=False`) keeps
  $r = \min(V, d)$ singular values, and $U \operatorname{diag}(s) W^\top$ must multiply back to
  the $(V, d)$ table $C$. Rows of $W^\top$ are directions in $\mathbb{R}^d$ (one entry per embedding
  coordinate); columns of $U$ have one entry per row of $E$;
* `n_pairs` counts the pairs $i < j$ of distinct rows (the pairs that `mean_pairwise_cosine`
  averages over).

### Exercise 1 · `anisotropy_shapes` (1 point · ★★ · about 10 min)

Return `{"E": ..., "mean": ..., "U": ..., "s": ..., "Vt": ..., "n_pairs": ...}`: the shapes as
tuples of Python `int`s and `n_pairs` as a Python `int`. $V$ and $d$ must be integers $\ge 1$
(Python or numpy integers); a size below 1 raises `ValueError` naming the size.

<details><summary>Hint 1</summary>

Write the product $U \operatorname{diag}(s)\, W^\top$ with the shapes as unknowns and ask which
sizes must match for it to be a $(V, d)$ table with $r$ singular values.

</details>

<details><summary>Hint 2</summary>

$\operatorname{diag}(s)$ is $r \times r$, so $U$ has $r$ columns and $W^\top$ has $r$ rows; the
outer sizes are those of $C$. With $V = 5$ rows and $d = 8$ there are only $r = 5$ singular
values, so `Vt` is not square. The mean row has one entry per **column**. Pairs $i < j$ of $V$
rows: $V$ choose 2.

</details>

<details><summary>Hint 3</summary>

With `r = min(V, d)`: `{"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d),
"n_pairs": V * (V - 1) // 2}`, all sizes converted with `int(...)` after the checks.

</details>
"""),
solution("anisotropy_shapes", r'''
def anisotropy_shapes(V, d):
    """Shapes of the objects of this notebook for a table of V rows of width d.

    Parameters
    ----------
    V, d : int
        Number of rows and width of the table E (each >= 1).

    Returns
    -------
    dict
        {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V (V - 1) / 2}
        with r = min(V, d) (the thin SVD of the centered table); shapes are tuples of Python
        ints, n_pairs is a Python int.

    Raises
    ------
    ValueError
        If V or d is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    V, d = int(V), int(d)
    r = min(V, d)
    return {"E": (V, d), "mean": (d,), "U": (V, r), "s": (r,), "Vt": (r, d), "n_pairs": V * (V - 1) // 2}
    ### END SOLUTION
'''),
test(A, "anisotropy_shapes", 1, r'''
# Sanity checks for anisotropy_shapes (the hidden checks use other sizes and invalid ones).
shapes = anisotropy_shapes(1000, 50)            # the cloud of this notebook
assert isinstance(shapes, dict) and set(shapes) == {"E", "mean", "U", "s", "Vt", "n_pairs"}, \
    f"return a dict with keys E, mean, U, s, Vt, n_pairs; got {shapes!r}"
assert shapes["mean"] == (50,), f"the mean row has one entry per column: (d,) = (50,), got {shapes['mean']}"
assert shapes["Vt"] == (50, 50) and shapes["U"] == (1000, 50), \
    f"thin SVD with r = min(V, d) = 50: U (1000, 50), Vt (50, 50); got U {shapes['U']}, Vt {shapes['Vt']}"
assert anisotropy_shapes(5, 8)["Vt"] == (5, 8), "with V = 5 < d = 8 the thin SVD keeps r = 5: Vt is (5, 8)"
assert shapes["n_pairs"] == 499500, f"1,000 rows form 1000 * 999 / 2 = 499,500 pairs i < j, got {shapes['n_pairs']}"
print("anisotropy_shapes: sanity checks passed")
'''),
md(r"""
## (b) Measuring anisotropy, and removing it

### Exercise 2 · `mean_pairwise_cosine` (2 points · ★★ · about 15 min)

The **mean pairwise cosine** averages the cosine over all pairs of distinct rows:

$$\cos(e_i, e_j) = \frac{e_i \cdot e_j}{\lVert e_i\rVert\,\lVert e_j\rVert}
\quad (\text{defined as } 0 \text{ when } e_i = 0 \text{ or } e_j = 0), \qquad
\bar c(E) = \frac{2}{V(V-1)} \sum_{i<j} \cos(e_i, e_j).$$

Isotropic vectors (pointing in random directions) give $\bar c \approx 0$; a narrow cone gives a
value close to 1. Return a Python `float`. A table with fewer than 2 rows has no pair and raises
`ValueError`.

<details><summary>Hint 1</summary>

Notebook 03 computed all cosines between the rows of two tables with one matrix product. Which
entries of that $V \times V$ table are the pairs $i < j$, and which must stay out of the mean?

</details>

<details><summary>Hint 2</summary>

With unit rows $\hat E$, $G = \hat E \hat E^\top$ holds every cosine, $G_{ij} = \cos(e_i, e_j)$.
The classic mistake is `G.mean()`: it includes the $V$ self-pairs on the diagonal
($\cos(e_i, e_i) = 1$) and counts every pair twice. A zero row must not produce `nan` ($0/0$): give
it cosine 0 and keep its pairs in the mean.

</details>

<details><summary>Hint 3</summary>

`unit = np.divide(E, n, out=np.zeros_like(E), where=n > 0)` with the row lengths
`n = np.linalg.norm(E, axis=1, keepdims=True)`, then `i, j = np.triu_indices(V, k=1)` and
`float((unit @ unit.T)[i, j].mean())`.

</details>
"""),
solution("mean_pairwise_cosine", r'''
def mean_pairwise_cosine(E):
    """Mean cosine similarity over all pairs of distinct rows i < j.

    Parameters
    ----------
    E : array_like, shape (V, d)
        A table of V vectors (any float dtype, or nested lists), V >= 2.

    Returns
    -------
    float
        (2 / (V (V - 1))) * sum over i < j of cos(E[i], E[j]); the cosine with a zero
        vector is 0.0 (such pairs still count in the mean).

    Raises
    ------
    ValueError
        If E is not 2-D or has fewer than 2 rows.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    V = E.shape[0]
    if V < 2:
        raise ValueError(f"E must have at least 2 rows to form a pair, got {V}")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    unit = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)   # zero rows stay zero
    G = unit @ unit.T                                                     # all cosines
    i, j = np.triu_indices(V, k=1)                                        # the pairs i < j
    return float(G[i, j].mean())
    ### END SOLUTION
'''),
test(A, "mean_pairwise_cosine_values", 1, r'''
# Sanity checks for mean_pairwise_cosine.
E_three = np.array([[1.0, 0.0],
                    [0.0, 1.0],
                    [1.0, 1.0]])
c_three = mean_pairwise_cosine(E_three)
assert isinstance(c_three, float), f"return a Python float, got {type(c_three).__name__}"
assert not np.isclose(c_three, (3 + 2 * np.sqrt(2)) / 9), \
    "you included the diagonal: the 3 self-pairs (cosine 1) are not pairs i < j"
assert np.isclose(c_three, np.sqrt(2) / 3), \
    f"the pairs are (0,1): 0, (0,2): 1/sqrt(2), (1,2): 1/sqrt(2); their mean is sqrt(2)/3 = 0.4714, got {c_three}"
assert np.isclose(mean_pairwise_cosine(10 * E_three), c_three), "cosine does not depend on the rows' lengths"
c_cloud = mean_pairwise_cosine(E_cloud)
assert 0.5 < c_cloud < 0.7, f"the rows of E_cloud share a large offset: their mean cosine is about 0.6, got {c_cloud}"
print(f"mean_pairwise_cosine: sanity checks passed (E_cloud: {c_cloud:.3f})")
'''),
test(A, "mean_pairwise_cosine_edge_cases", 1, r'''
# Sanity checks: a zero vector has cosine 0 with everything, and one row has no pair.
E_zero = np.array([[1.0, 0.0],
                   [0.0, 0.0],
                   [2.0, 0.0]])
c_zero = mean_pairwise_cosine(E_zero)
assert not np.isnan(c_zero), "a zero row gave nan (0/0): its cosine with any row is 0.0"
assert np.isclose(c_zero, 1 / 3), \
    f"pairs (0,1): 0, (0,2): 1, (1,2): 0 give 1/3; the pairs with the zero row still count, got {c_zero}"
print("mean_pairwise_cosine: zero rows give cosine 0.0 and their pairs still count")
'''),
md(r"""
### Exercise 3 · `center` (1 point · ★ · about 5 min)

Centering subtracts the mean row from every row:

$$\mu = \frac{1}{V}\sum_{i=1}^{V} e_i \in \mathbb{R}^d, \qquad C = E - \mathbf{1}\mu^\top,
\quad\text{i.e. } C[i, :] = E[i, :] - \mu .$$

After centering, every column of $C$ sums to zero and the shared offset is gone.

<details><summary>Hint 1</summary>

Which axis of $E$ do you average over to get one number per column? Check the shape you derived for
`"mean"` in Exercise 1.

</details>

<details><summary>Hint 2</summary>

`axis=0` averages **over the rows** and gives shape $(d,)$; `E.mean(axis=1)` would give each
row's own average over its $d$ coordinates, a different operation (it is what LayerNorm
subtracts, see part (c)). Check that `E` is 2-D first.

</details>

<details><summary>Hint 3</summary>

`E - E.mean(axis=0)`, after converting `E` with `np.asarray(..., dtype=np.float64)`: broadcasting
subtracts the mean row from every row and leaves the input itself unchanged.

</details>
"""),
solution("center", r'''
def center(E):
    """Subtract the mean row from every row.

    Parameters
    ----------
    E : array_like, shape (V, d)
        A table of V vectors (any float dtype, or nested lists).

    Returns
    -------
    np.ndarray, shape (V, d), dtype float64
        C = E - mean, with mean = E.mean(axis=0) of shape (d,); every column of C sums to 0.

    Raises
    ------
    ValueError
        If E is not 2-D.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    return E - E.mean(axis=0)
    ### END SOLUTION
'''),
test(A, "center", 1, r'''
# Sanity checks for center.
C_small = center(np.array([[1.0, 2.0, 3.0],
                           [3.0, 6.0, 5.0]]))
assert isinstance(C_small, np.ndarray) and C_small.shape == (2, 3), \
    f"center keeps the shape of E, (2, 3), got {getattr(C_small, 'shape', type(C_small))}"
assert C_small.dtype == np.float64, f"return float64, got {C_small.dtype}"
assert np.allclose(C_small, [[-1.0, -2.0, -1.0], [1.0, 2.0, 1.0]]), \
    f"the mean row is [2, 4, 4] (mean over the rows, axis=0); E minus it is [[-1, -2, -1], [1, 2, 1]], got\n{C_small}"
C_cloud = center(E_cloud)
assert C_cloud.shape == (1000, 50), f"center(E_cloud) keeps the shape (1000, 50), got {C_cloud.shape}"
assert np.allclose(C_cloud.mean(axis=0), 0.0), \
    "every column of a centered table has mean 0 (did you subtract each row's own mean, axis=1?)"
assert not np.allclose(C_cloud.mean(axis=1), 0.0), \
    "the rows of center(E_cloud) should not all average to 0: that happens when each row's own mean is subtracted"
print("center: sanity checks passed")
'''),
md(r"""
### Exercise 4 · `top_component_share` (2 points · ★★ · about 15 min)

Centering removes the offset but not the dominant directions. The singular values of $C$ measure
the spread along each principal direction: the squared length of the table is

$$\lVert C\rVert_F^2 = \sum_{i,j} C_{ij}^2 = \sum_{i=1}^{r} s_i^2,$$

and the part along direction $w_i$ is $s_i^2$ (the variance along $w_i$ is $s_i^2/V$). The
**top-component share** is the fraction of the total on the first direction:

$$\rho_1 = \frac{s_1^2}{\sum_{i=1}^{r} s_i^2}.$$

An isotropic cloud spreads its variance evenly, $\rho_1 \approx 1/d$ (a bit more, from sampling
noise); one dominant direction pushes $\rho_1$ toward 1. Return a Python `float`. A table with
**zero variance** (every row equal to the mean row, for instance a single row) has
$\sum s_i^2 = 0$: the share is $0/0$, so raise `ValueError` instead of returning `nan`. (The
checks use tables whose centered entries are exactly 0 in that case.)

<details><summary>Hint 1</summary>

Which table do you decompose, $E$ or $C$? What would the shared offset look like in the SVD of
$E$? And is a singular value a variance, or the square root of one?

</details>

<details><summary>Hint 2</summary>

Take the SVD of the **centered** table: in the SVD of $E$ itself the shared offset poses as the
top component. Square the singular values: $s_1 / \sum s_i$ is not a share of variance. Check for
zero variance (every entry of the centered table 0) before dividing.

</details>

<details><summary>Hint 3</summary>

`np.linalg.svd(C, compute_uv=False)` returns the singular values $s$ in decreasing order; the share is
`float(s[0] ** 2 / np.sum(s ** 2))`.

</details>
"""),
solution("top_component_share", r'''
def top_component_share(E):
    """Share of the total variance on the first principal direction of the centered rows.

    Parameters
    ----------
    E : array_like, shape (V, d)
        A table of V vectors (any float dtype, or nested lists).

    Returns
    -------
    float
        s1**2 / sum(s_i**2), with s the singular values of center(E); between 1/min(V, d) and 1.

    Raises
    ------
    ValueError
        If E is not 2-D, or has zero variance (every row equals the mean row).
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    C = E - E.mean(axis=0)
    # zero variance, allowing for the rounding of the mean itself
    if not np.any(C) or np.abs(C).max() <= 8 * np.finfo(np.float64).eps * len(E) * np.abs(E).max():
        raise ValueError("E has zero variance (every row equals the mean row): the share is 0/0")
    s = np.linalg.svd(C, compute_uv=False)
    return float(s[0] ** 2 / np.sum(s ** 2))
    ### END SOLUTION
'''),
test(A, "top_component_share_values", 2, r'''
# Sanity checks for top_component_share.
share_cloud = top_component_share(E_cloud)
assert isinstance(share_cloud, float), f"return a Python float, got {type(share_cloud).__name__}"
assert share_cloud < 0.9, \
    f"got {share_cloud:.3f}: did you take the SVD of E instead of center(E)? The offset then dominates"
assert 0.25 < share_cloud < 0.45, \
    (f"E_cloud spreads with variance 25 + 1 = 26 along its dominant direction (the planted spread plus the "
     f"noise) and 1 along each of the 49 others: its share is about 26 / (26 + 49) = 26/75 = 0.347, "
     f"got {share_cloud:.3f} (are the singular values squared?)")
two_rows = top_component_share(np.array([[1.0, 2.0, 0.0], [3.0, 1.0, 1.0]]))
assert np.isclose(two_rows, 1.0), f"2 centered rows are opposite vectors (rank 1): the share is 1, got {two_rows}"
print(f"top_component_share: sanity checks passed (E_cloud: {share_cloud:.3f}; isotropic would be about 1/d = 0.02)")
'''),
md(r"""
### Exercise 5 · `remove_top_components` (3 points · ★★★ · about 25 min)

**All-but-the-top** (Mu, Bhat and Viswanath, *All-but-the-Top: Simple and Effective Postprocessing
for Word Representations*, ICLR 2018) removes both causes of anisotropy: subtract the mean row,
then project out the top $k$ principal directions (the paper's rule of thumb is $k \approx d/100$).
With $W_k^\top$ = `Vt[:k]`, shape $(k, d)$, whose rows $w_1, \dots, w_k$ are orthonormal:

$$\tilde E = C - C\,W_k W_k^\top = C\Big(I_d - \sum_{i=1}^{k} w_i w_i^\top\Big),
\qquad \text{in numpy: } \texttt{C - (C @ P.T) @ P} \text{ with } \texttt{P = Vt[:k]}.$$

Every row of $\tilde E$ is orthogonal to $w_1, \dots, w_k$, and $\tilde E$ keeps the shape
$(V, d)$. For $k = 0$ nothing is projected out: return $C$ = `center(E)`. $k$ must be an integer
with $0 \le k < \min(V, d)$; a `k` outside that range raises `ValueError` naming `k`.

**Signs.** A singular vector is only defined up to its sign: the SVD may return $-w_i$ instead of
$w_i$ (another numpy build, or a tiny change in the data, can flip it). The projector
$w_i w_i^\top = (-w_i)(-w_i)^\top$ is the same either way, so the result above does not depend on
the signs. Keep it that way: do not return coordinates along $w_i$ and do not "fix" a sign.

<details><summary>Hint 1</summary>

Three steps: center, find the top $k$ directions, subtract from every row its components along
them. Which factor of the SVD holds directions in $\mathbb{R}^d$, and where in it are the *top*
ones?

</details>

<details><summary>Hint 2</summary>

numpy sorts singular values in decreasing order, so the top directions are the **first** rows of
`Vt` (not `Vt[-k:]`). They are rows of `Vt`, vectors in $\mathbb{R}^d$; the columns of `U` have one
entry per row of $E$ and are not directions in embedding space. Handle $k = 0$ (nothing to remove)
and check $0 \le k < \min(V, d)$ with a message that names `k`.

</details>

<details><summary>Hint 3</summary>

Take `Vt` from `np.linalg.svd(C, full_matrices=False)`, then `P = Vt[:k]` and `C - (C @ P.T) @ P`.

</details>
"""),
solution("remove_top_components", r'''
def remove_top_components(E, k):
    """All-but-the-top: center E, then project out its top k principal directions.

    Parameters
    ----------
    E : array_like, shape (V, d)
        A table of V vectors (any float dtype, or nested lists).
    k : int
        Number of top principal directions to remove, 0 <= k < min(V, d).

    Returns
    -------
    np.ndarray, shape (V, d), dtype float64
        C - (C @ P.T) @ P with C = center(E) and P = Vt[:k] from the thin SVD of C
        (the first k rows, largest singular values). k = 0 returns center(E).

    Raises
    ------
    ValueError
        If E is not 2-D, or k is not an integer (bools and floats are not) with 0 <= k < min(V, d).
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be an integer, got {k!r}")
    V, d = E.shape
    if not 0 <= k < min(V, d):
        raise ValueError(f"k must satisfy 0 <= k < min(V, d) = {min(V, d)}, got {k}")
    C = E - E.mean(axis=0)
    if k == 0:
        return C
    _, _, Vt = np.linalg.svd(C, full_matrices=False)
    P = Vt[:k]                       # (k, d): the top k principal directions
    return C - (C @ P.T) @ P         # P.T @ P is the same whatever the signs of the rows of P
    ### END SOLUTION
'''),
test(A, "remove_top_components_values", 3, r'''
# Sanity checks for remove_top_components.
R_cloud = remove_top_components(E_cloud, 1)
assert isinstance(R_cloud, np.ndarray) and R_cloud.shape == E_cloud.shape, \
    f"the result keeps the shape (V, d) = {E_cloud.shape}, got {getattr(R_cloud, 'shape', type(R_cloud))}"
assert np.allclose(remove_top_components(E_cloud, 0), E_cloud - E_cloud.mean(axis=0)), \
    "k = 0 removes nothing: it returns center(E), the table minus its mean row"
assert np.allclose(R_cloud.mean(axis=0), 0.0), "all-but-the-top centers first: the columns of the result have mean 0"
spread = np.std(R_cloud @ direction)
assert spread < 1.0, (f"the top direction of E_cloud is (almost) the planted `direction`, with std 5 along it; "
                      f"after removing it the std along it should be small, got {spread:.2f}. "
                      f"Did you remove the bottom components, or use U instead of Vt?")
E_small = np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 3.0], [1.0, 4.0, 0.0], [3.0, 2.0, 2.0]])
assert np.allclose(remove_top_components(-E_small, 1), -remove_top_components(E_small, 1)), \
    "negating E negates the result: the projection must not depend on the signs of the singular vectors"
print(f"remove_top_components: sanity checks passed (std along the planted direction: 5 before, {spread:.2f} after)")
'''),
md(r"""
### Exercise 6 · `whiten` (2 points · ★★★ · about 25 min)

Centering removes the shared offset; all-but-the-top removes the $k$ directions you choose.
**Whitening** goes all the way: it centers, then rescales every direction to the same variance
and removes every correlation, so that the covariance of the result is the identity. With the
centered table $C$ and its covariance

$$\Sigma = \frac{1}{V} C^\top C = Q \operatorname{diag}(\lambda) Q^\top \quad (d \times d,\ \text{eigendecomposition}),
\qquad \operatorname{whiten}(E) = C\, \Sigma^{-1/2} = C\, Q \operatorname{diag}(\lambda^{-1/2})\, Q^\top .$$

This is **ZCA whitening** (the rotation $Q^\top$ at the end brings the result back to the
original axes, so it stays as close as possible to $C$; BERT-whitening, Su et al. 2021, applies
the same idea to sentence vectors). The covariance uses $1/V$, so `W.T @ W / V` is exactly the
identity for the result `W`. Return a float64 array of the shape of $E$.

$\Sigma^{-1/2}$ exists only when every direction has some variance: with $V \le d$ rows, or a
direction of zero variance (a constant column, say), $\Sigma$ is singular. Raise `ValueError` naming
`E` then (treat an eigenvalue below $10^{-10}$ times the largest as zero), and when `E` is not 2-D.

<details><summary>Hint 1</summary>

`np.linalg.eigh` decomposes a symmetric matrix: it returns the eigenvalues $\lambda$ (increasing)
and the eigenvectors as the **columns** of $Q$. What does $\Sigma^{-1/2}$ do to an eigenvector?
</details>

<details><summary>Hint 2</summary>

$\Sigma^{-1/2}$ has the same eigenvectors and eigenvalues $\lambda^{-1/2}$. Careful: `cov ** -0.5` is
taken entry by entry (and gives `nan` for negative entries), not the matrix inverse square root;
`np.cov` divides by $V - 1$ unless you pass `bias=True`; and dividing each column by its own
standard deviation (z-scores) leaves the correlations in.
</details>

<details><summary>Hint 3</summary>

`Q * lam ** -0.5` scales the columns of $Q$; multiply it by `Q.T` to get $\Sigma^{-1/2}$, and `C` by
that. Check the smallest eigenvalue against the largest before you take the power.
</details>
"""),
solution("whiten", r'''
def whiten(E):
    """ZCA whitening: center E, then multiply by the inverse square root of its covariance.

    Parameters
    ----------
    E : array_like, shape (V, d)
        A table of V vectors (any float dtype, or nested lists), V > d; not modified.

    Returns
    -------
    np.ndarray, shape (V, d), dtype float64
        C Q diag(lam^-1/2) Q^T with C = center(E) and C^T C / V = Q diag(lam) Q^T; its
        covariance (with 1/V) is the identity.

    Raises
    ------
    ValueError
        If E is not 2-D, or its covariance is singular (V <= d, or an eigenvalue below
        1e-10 times the largest).
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    V, d = E.shape
    if V <= d:
        raise ValueError(f"E has V = {V} rows for d = {d} columns: its covariance is singular")
    C = E - E.mean(axis=0)
    lam, Q = np.linalg.eigh(C.T @ C / V)
    if lam[0] <= 1e-10 * lam[-1]:
        raise ValueError("E has a direction of zero variance: its covariance cannot be inverted")
    inv_sqrt = (Q / np.sqrt(lam)) @ Q.T
    return C @ inv_sqrt
    ### END SOLUTION
'''),
test(A, "whiten_values", 2, r'''
# Sanity checks for whiten: a small table with correlated columns, and E_cloud.
E_w = np.array([[2.0, 1.0], [0.0, 1.5], [1.0, 3.0], [3.0, 2.5], [4.0, 4.0]])
W_w = whiten(E_w)
assert isinstance(W_w, np.ndarray) and W_w.shape == (5, 2) and W_w.dtype == np.float64, \
    "return a float64 array of the shape of E"
assert np.allclose(W_w.mean(axis=0), 0.0), "whitening centers first: the columns of the result have mean 0"
cov_w = W_w.T @ W_w / len(W_w)
assert not np.allclose(np.diag(cov_w), 1.0) or np.allclose(cov_w, np.eye(2)), \
    ("each column has variance 1 but the columns are still correlated: scaling each column (z-scores) is not "
     "whitening, multiply by the inverse square root of the covariance matrix")
assert np.allclose(cov_w, np.eye(2)), \
    f"the covariance of the result (W.T @ W / V, with 1/V) must be the identity, got\n{cov_w}"
assert np.allclose(W_w, [[0.44054, -1.57245], [-1.36178, -0.38152], [-1.01129, 0.98858],
                         [0.79102, -0.20235], [1.14151, 1.16774]], atol=1e-4), \
    "the result is white but not the ZCA result: rotate back to the original axes, C Q diag(lam^-1/2) Q^T"
W_cloud = whiten(E_cloud)
print(f"whiten: sanity checks passed (E_cloud: top-component share {np.linalg.svd(W_cloud, compute_uv=False)[0] ** 2 / np.sum(W_cloud ** 2):.4f} = 1/d)")
'''),
md(r"""
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong. The hidden part of this cell calls each of your five functions on invalid inputs (sizes
below 1, tables that are not 2-D, a single row where pairs are needed, a table with zero
variance, `k` outside $0 \le k < \min(V, d)$, too few rows to whiten), and on two valid
inputs each, which must still return.
"""),
test(A, ("anisotropy_shapes_invalid", "mean_pairwise_cosine_invalid", "center_invalid",
         "top_component_share_invalid", "remove_top_components_invalid", "whiten_invalid"), 1,
     grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: invalid inputs for each function (the hidden checks try many more).
invalid_calls = [
    ("anisotropy_shapes(0, 4)", lambda: anisotropy_shapes(0, 4), "V = 0 is not a size"),
    ("mean_pairwise_cosine(one row)", lambda: mean_pairwise_cosine(np.ones((1, 4))), "one row has no pair i < j"),
    ("center(a 1-D vector)", lambda: center(np.arange(5.0)), "E must be a 2-D (V, d) table"),
    ("top_component_share(4 equal rows)", lambda: top_component_share(np.tile([[1.5, -2.0, 0.25]], (4, 1))),
     "equal rows have zero variance: the share is 0/0 (not nan)"),
    ("remove_top_components(E of shape (4, 3), k=3)",
     lambda: remove_top_components(np.arange(12.0).reshape(4, 3) ** 2, 3), "k must be < min(V, d) = 3"),
    ("whiten(E of shape (3, 4))", lambda: whiten(np.arange(12.0).reshape(3, 4) ** 2),
     "V = 3 <= d = 4 rows give a singular covariance"),
]
for text, call, why in invalid_calls:
    try:
        call()
    except ValueError as err:
        print(f"{text} raised ValueError as it should: {err}")
    else:
        raise AssertionError(f"{text} returned a value, but {why}: raise ValueError naming the argument")
"""),
md(r"""
### Picture: pairwise cosines before and after

The histograms show all 499,500 pairwise cosines of `E_cloud`: raw, centered, and after
all-but-the-top with $k = 1$. On the right, the share of variance $s_i^2 / \sum s_j^2$ of the
first ten principal directions before and after removing the top one. Run the cell once your
functions work.
"""),
code(r"""
def pairwise_cosines(X):
    # every cos(x_i, x_j), i < j (the rows here are never zero)
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    return (unit @ unit.T)[np.triu_indices(len(X), k=1)]

def variance_shares(X):
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s ** 2 / np.sum(s ** 2)

try:
    versions = {"raw E": E_cloud, "center(E)": center(E_cloud),
                "all-but-the-top, k = 1": remove_top_components(E_cloud, 1)}
    means = {name: mean_pairwise_cosine(X) for name, X in versions.items()}
except NotImplementedError:
    print("Write mean_pairwise_cosine, center and remove_top_components first, then run this cell again.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4))
    bins = np.linspace(-1, 1, 81)
    for name, X in versions.items():
        ax.hist(pairwise_cosines(X), bins=bins, alpha=0.55, density=True,
                label=f"{name}: mean {means[name]:.3f}")
    ax.set_xlabel("cosine of a pair of rows")
    ax.set_ylabel("density")
    ax.set_title("pairwise cosines of E_cloud")
    ax.legend()
    top = np.arange(1, 11)
    ax2.bar(top - 0.2, variance_shares(E_cloud)[:10], width=0.4, label="center(E)")
    ax2.bar(top + 0.2, variance_shares(versions["all-but-the-top, k = 1"])[:10], width=0.4,
            label="all-but-the-top, k = 1")
    ax2.axhline(1 / d_cloud, color="k", ls="--", lw=1, label="isotropic: 1/d")
    ax2.set_xlabel("principal direction i")
    ax2.set_ylabel("share of variance")
    ax2.set_title("$s_i^2 / \\sum_j s_j^2$ of the first ten directions")
    ax2.set_xticks(top)
    ax2.legend()
    plt.show()
"""),
md(r"""
Centering moves the mean cosine from about 0.6 to about 0: the shared offset was the whole reason
the raw rows looked similar. But the centered histogram is still wide: pairs of rows that lie on
the same side of the dominant direction have large positive cosines, pairs on opposite sides large
negative ones. Removing the top direction narrows the histogram to the isotropic noise, and the
variance shares flatten to about $1/d$.

"""),
md(r"""
### Whitening beside centering: the trade-off

Whitening makes any table perfectly isotropic: mean cosine 0, and every direction carries the
same share of the variance, $1/d$. That is not the same as making it *better*. Whitening cannot
tell signal from noise: a direction of tiny variance (often noise) is blown up to the same size as
the directions that carry meaning. The cell builds a table where that matters: $V = 600$ rows in
$d = 50$ dimensions, six topics that differ in 5 directions, a shared offset and one dominant
nuisance direction (as in `E_cloud`), and a little noise in all 50 directions. It measures
anisotropy and a task a retrieval system cares about: of each row's 10 nearest neighbours (by
cosine), the share that belong to its own topic.
"""),
code(r"""
rng_t = np.random.default_rng(44)
V_t, d_t = 600, 50
topic = rng_t.integers(0, 6, size=V_t)
signal = np.zeros((V_t, d_t))
signal[:, :5] = rng_t.normal(size=(6, 5))[topic]                    # six topics, 5 directions
offset_t = rng_t.normal(size=d_t)
offset_t *= 10 / np.linalg.norm(offset_t)
nuisance = rng_t.normal(size=d_t)
nuisance /= np.linalg.norm(nuisance)
E_topics = (signal + offset_t + rng_t.normal(0, 5, size=(V_t, 1)) * nuisance
            + rng_t.normal(0, 0.3, size=(V_t, d_t)))

def same_topic_share(X, k=10):
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    G = unit @ unit.T
    np.fill_diagonal(G, -np.inf)
    nearest = np.argsort(-G, axis=1)[:, :k]
    return np.mean(topic[nearest] == topic[:, None])

try:
    versions_t = {"raw": E_topics, "center": center(E_topics),
                  "all-but-the-top, k = 1": remove_top_components(E_topics, 1), "whiten": whiten(E_topics)}
    rows_t = [(name, mean_pairwise_cosine(X), top_component_share(X), same_topic_share(X))
              for name, X in versions_t.items()]
except NotImplementedError:
    print("Write mean_pairwise_cosine, center, top_component_share, remove_top_components and whiten first.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    print(f"{'':24s}{'mean cosine':>12s}{'top share':>11s}{'same-topic neighbours':>23s}")
    for name, c, share, hit in rows_t:
        print(f"{name:24s}{c:12.3f}{share:11.3f}{hit:23.1%}")
"""),
md(r"""
Centering removes the offset (mean cosine 0.78 to 0) but leaves the nuisance direction, which still
holds 73% of the variance. All-but-the-top with $k = 1$ removes it, and the neighbours improve
(84% to 92% from the same topic). Whitening is the most isotropic of all (a top share of exactly
$1/d = 0.02$), yet its neighbours are the worst (49%): it shrank the nuisance direction, but it
also stretched the 45 directions of pure noise to the size of the 5 that carry the topics. The
trade-off: whitening needs no choice of $k$ and removes every correlation, but it trusts every
direction equally, and it needs a good covariance estimate ($V$ well above $d$). In practice it
is combined with a cut: BERT-whitening keeps only the top few whitened directions (Su et al.,
2021).
"""),
md(r"""
### Do not read a 2-D PCA plot too literally

A scatter plot of the top two principal components is the usual picture of an embedding table,
and it shows only the two directions of largest variance. The cell builds two groups of 200 rows
in $d = 50$ that differ **only** along one direction of small variance (a shift of 4 standard
deviations there), plus two large nuisance directions. On the left, the 2-D PCA plot: one blob, no
groups. On the right, the same rows on the one direction that separates them (the difference of
the group means): two groups that barely overlap. It then asks how many of each row's 10 nearest neighbours in
the plot are among its 10 nearest neighbours in all 50 dimensions.
"""),
code(r"""
rng_m = np.random.default_rng(9)
group = np.repeat([0, 1], 200)
X_m = rng_m.normal(size=(400, 50))
X_m[:, 0] *= 6.0
X_m[:, 1] *= 5.0                                    # two directions of large variance, unrelated to the groups
X_m[:, 7] += 4.0 * group                            # the groups differ only along coordinate 7
C_m = X_m - X_m.mean(axis=0)
_, s_m, Vt_m = np.linalg.svd(C_m, full_matrices=False)
plane = C_m @ Vt_m[:2].T                            # the 2-D PCA picture
separating = X_m[group == 1].mean(axis=0) - X_m[group == 0].mean(axis=0)
along = C_m @ (separating / np.linalg.norm(separating))

def knn(X, k=10):
    D = np.sum(X ** 2, axis=1)[:, None] - 2 * X @ X.T + np.sum(X ** 2, axis=1)[None, :]
    np.fill_diagonal(D, np.inf)
    return np.argsort(D, axis=1)[:, :k]

kept_m = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(knn(plane), knn(C_m))])
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
axes[0].scatter(plane[:, 0], plane[:, 1], c=group, cmap="coolwarm", s=8)
axes[0].set_title(f"top two principal components ({np.sum(s_m[:2] ** 2) / np.sum(s_m ** 2):.0%} of the variance)")
axes[1].scatter(along, rng_m.uniform(-1, 1, size=400), c=group, cmap="coolwarm", s=8)
axes[1].set_title("the direction that separates the groups")
axes[1].set_yticks([])
plt.show()
print(f"share of the variance in the 2-D picture: {np.sum(s_m[:2] ** 2) / np.sum(s_m ** 2):.1%}")
midpoint = (along[group == 1].mean() + along[group == 0].mean()) / 2
print(f"along the separating direction, {np.mean((along > midpoint) == (group == 1)):.0%} of the rows lie on "
      "their group's side of the midpoint")
print(f"of each row's 10 nearest neighbours in the picture, {kept_m:.0%} are among its 10 nearest in 50 dimensions")
"""),
md(r"""
The picture holds 54% of the variance and shows no trace of the two groups, although one direction
puts 95% of the rows on their own group's side; and only about 31% of
the neighbours it suggests are real neighbours. Lessons: a 2-D PCA plot shows the directions of
largest *variance*, which need not be the directions that *matter*; clusters, distances and
neighbours in the plot are not those of the table (and t-SNE or UMAP pictures distort distances
further); always report how much variance the picture keeps, and check a pattern you see in the
full space before you believe it.
"""),
md(r"""
## Real embeddings: all-MiniLM-L6-v2 (not graded)

The same measurements on a real model: the input token table of **all-MiniLM-L6-v2** (a
6-layer BERT-family sentence encoder, $V = 30{,}522$ word pieces of width $d = 384$), shipped with
this notebook as `minilm.py`. The next cells take well under two seconds. If the package is
missing, they print how to install it and the rest of the notebook still runs.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()          # an ImportError (MiniLMUnavailable) when the package is missing
except ImportError as err:
    real = None
    print("The real-embedding cells are skipped:", err)
else:
    print("token table:", real.tokens.shape, real.tokens.dtype)
"""),
code(r"""
if real is not None:
    sample_ids = np.random.default_rng(0).choice(len(real.tokens), size=2000, replace=False)
    sample = real.tokens[sample_ids].astype(np.float64)       # 2,000 random rows of the table
    groups = {
        "whole words": [i for i, w in enumerate(real.vocab) if w.isalpha() and not w.startswith("[")],
        "'##' word pieces": [i for i, w in enumerate(real.vocab) if w.startswith("##")],
        "[unused] rows": [i for i, w in enumerate(real.vocab) if w.startswith("[unused")],
    }
    noise = np.random.default_rng(1).normal(size=sample.shape)  # an isotropic cloud of the same size
    try:
        c_raw, c_centered = mean_pairwise_cosine(sample), mean_pairwise_cosine(center(sample))
        share, share_noise = top_component_share(sample), top_component_share(noise)
        by_group = {name: mean_pairwise_cosine(real.tokens[np.random.default_rng(2).permutation(ids)[:1000]])
                    for name, ids in groups.items()}                   # up to 1,000 rows of each group
    except NotImplementedError:
        print("Write mean_pairwise_cosine, center and top_component_share first.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
    else:
        print(f"2,000 random rows: mean pairwise cosine {c_raw:.3f}, after centering {c_centered:.3f}")
        print(f"top-component share {share:.4f} "
              f"(isotropic Gaussian cloud of the same size: {share_noise:.4f}; 1/d = {1 / 384:.4f})")
        for name, ids in groups.items():
            print(f"  {name:17s} ({len(ids):5d} rows): mean pairwise cosine {by_group[name]:.3f}")
"""),
md(r"""
The real input table is **far less anisotropic than you may have expected**: a mean pairwise
cosine of about 0.02 and a top-component share of about 0.02 (a few times the isotropic value,
but nowhere near a narrow cone). Why?

* **These are input embeddings of a small distilled model.** all-MiniLM-L6-v2 was distilled by
  matching a teacher's self-attention (MiniLM, Wang et al., 2020) and then fine-tuned with a
  contrastive objective on sentence pairs (its model card). Neither objective has a vocabulary
  softmax that shares this table, the mechanism usually blamed for a common drift of embedding
  rows (Gao et al., 2019, "representation degeneration"); contrastive training is even known to
  make a space *more* uniform (Gao, Yao and Chen, SimCSE, 2021).
* **The rows are word pieces, not words.** About a fifth are `##` continuation pieces, which
  are somewhat more similar to each other than whole words are.
* **Some rows are never used.** The 994 `[unused]` rows never occur in text. They form a tight
  cluster of their own (mean cosine about 0.8 among themselves), a reminder that rows a model
  never trains carry no meaning; at 3% of the table they barely move the overall mean.
* **The famous anisotropy is about contextual vectors.** Ethayarajh (2019, *How Contextual are
  Contextualized Word Representations?*) measured the hidden states of ELMo, BERT and GPT-2,
  not their input tables, and found them anisotropic in every layer, extremely so in GPT-2's
  upper layers.

So look at contextual vectors: `real.hidden_states(ids)` runs the 6 layers on one sequence
(`[CLS]` = 101, the word pieces, `[SEP]` = 102) and returns one 384-dimensional vector per
position. The sentences below use whole-word tokens only.
"""),
code(r"""
sentences = ["the cat sat on the mat", "a dog ran in the park", "she reads a book every night",
             "the sun is hot today", "we went to the old city", "he plays music with his friends",
             "i like green tea", "the river flows to the sea"]
if real is not None:
    per_sentence = []
    for text in sentences:
        ids = np.concatenate([[101], real.ids(text.split()), [102]])   # [CLS] words [SEP]
        per_sentence.append(real.hidden_states(ids)[1:-1])              # drop [CLS] and [SEP]
    H = np.vstack(per_sentence)                                         # (number of words, 384)
    try:
        c_raw, c_centered = mean_pairwise_cosine(H), mean_pairwise_cosine(center(H))
        within = np.mean([mean_pairwise_cosine(h) for h in per_sentence])
    except NotImplementedError:
        print("Write mean_pairwise_cosine and center first.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
    else:
        print(f"{len(H)} contextual vectors from {len(sentences)} sentences")
        print(f"  mean pairwise cosine:                 {c_raw:.3f}")
        print(f"  after centering:                      {c_centered:.3f}")
        print(f"  within one sentence (mean over them): {within:.3f}")
"""),
md(r"""
The contextual vectors are more alike than the input rows (mean cosine about 0.07 against 0.02),
and centering takes the mean to about 0 (slightly negative), as on the synthetic cloud. Yet they
are far from GPT-2's cone: the contrastive fine-tuning that made all-MiniLM-L6-v2 a good sentence
encoder pushes unrelated sentences apart. Within one sentence, however, the words' vectors share a
strong common component (mean cosine about 0.4): attention has mixed the sentence into every
position, which is exactly what the model's mean pooling turns into a sentence embedding.
Anisotropy is a property of a set of vectors: of which model, which layer and which texts you
measure.

"""),
md(r"""
### A linear probe, and a bias direction (not graded)

Anisotropy is about the *whole* cloud. Two other tools ask about *one* direction in it.

A **linear probe** is a small classifier, here logistic regression, trained on frozen vectors to
predict a property; if it succeeds on held-out rows, the property is *linearly decodable* from the
table. The cell asks whether MiniLM's input rows tell `##` continuation pieces (`##ing`) from
whole words (`sing`), with 2,000 rows of each, 3,000 to train and 1,000 to test. A **control**
(Hewitt and Liang, 2019) trains the same probe on the same rows with shuffled labels: a probe that
does well there is memorising, not reading the table.

**The caveat.** A probe that finds a direction shows that the information is *there*, readable
by a linear map. It does not show that the model *uses* it: the layers may never read that
direction, and a probe trained on enough dimensions finds some direction for many properties.
Showing use takes an intervention (remove or change the direction and watch the model's
behaviour change).
"""),
code(r"""
if real is not None:
    rng_p = np.random.default_rng(0)
    pieces = [i for i, w in enumerate(real.vocab) if w.startswith("##") and w[2:].isalpha()]
    whole = [i for i, w in enumerate(real.vocab) if w.isalpha() and w.isascii() and not w.startswith("[")]
    probe_ids = np.concatenate([rng_p.choice(pieces, 2000, replace=False), rng_p.choice(whole, 2000, replace=False)])
    labels = np.concatenate([np.ones(2000), np.zeros(2000)])
    order = rng_p.permutation(4000)
    probe_ids, labels = probe_ids[order], labels[order]
    X_p = real.tokens[probe_ids].astype(np.float64)
    X_p = (X_p - X_p.mean(axis=0)) / X_p.std(axis=0)            # standardised features

    def train_probe(X, y, steps=150, lr=0.5, decay=1e-3):
        # logistic regression by gradient descent on the mean cross-entropy (+ a little weight decay)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(steps):
            p = 1 / (1 + np.exp(-(X @ w + b)))
            w -= lr * (X.T @ (p - y) / len(y) + decay * w)
            b -= lr * np.mean(p - y)
        return w, b

    def accuracy(w, b, X, y):
        return np.mean(((X @ w + b) > 0) == y)

    train, test = slice(0, 3000), slice(3000, None)
    shuffled = rng_p.permutation(labels)
    for name, y in (("'##' piece or whole word", labels), ("control: shuffled labels", shuffled)):
        w_p, b_p = train_probe(X_p[train], y[train])
        print(f"{name:26s} train {accuracy(w_p, b_p, X_p[train], y[train]):6.1%}   "
              f"test {accuracy(w_p, b_p, X_p[test], y[test]):6.1%}")
"""),
md(r"""
The probe is right on essentially every held-out row (about 100%), the control only at chance
(about 49% on the test rows, although it fits 64% of its training rows): whether a row is a `##`
piece is plainly written into MiniLM's input table. By the caveat, that says the model *could*
read it, not that it does.

A **bias direction** (Bolukbasi et al., 2016) is found without training: average the differences
of pairs that differ only in one attribute, here gender ($he - she$, $man - woman$, $his - her$,
$himself - herself$, $son - daughter$, $father - mother$, $boy - girl$, $king - queen$,
$brother - sister$, each on unit rows), and project other words on it. Occupation words carry no
grammatical gender in English, so any projection they have was learned from how the training
text uses them.
"""),
code(r"""
if real is not None:
    def unit_rows(words):
        rows = real.tokens[real.ids(words)].astype(np.float64)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    gender_pairs = [("he", "she"), ("man", "woman"), ("his", "her"), ("himself", "herself"), ("son", "daughter"),
                    ("father", "mother"), ("boy", "girl"), ("king", "queen"), ("brother", "sister")]
    g = np.mean(unit_rows([a for a, _ in gender_pairs]) - unit_rows([b for _, b in gender_pairs]), axis=0)
    g /= np.linalg.norm(g)                                           # unit "he minus she" direction
    jobs = ["nurse", "engineer", "doctor", "teacher", "programmer", "secretary", "surgeon", "dancer", "pilot",
            "librarian", "carpenter", "receptionist", "lawyer", "mechanic", "scientist", "chef", "soldier", "maid"]
    job_rows = unit_rows(jobs)
    projection = {job: float(row @ g) for job, row in zip(jobs, job_rows)}
    random_dirs = np.random.default_rng(5).normal(size=(200, len(g)))
    random_dirs /= np.linalg.norm(random_dirs, axis=1, keepdims=True)      # 200 random unit directions
    spread_random = np.mean(np.std(job_rows @ random_dirs.T, axis=0))
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ranked = sorted(projection.items(), key=lambda kv: kv[1])
    ax.barh([j for j, _ in ranked], [v for _, v in ranked], color=["tab:red" if v < 0 else "tab:blue" for _, v in ranked])
    ax.set_xlabel("cosine with the gender direction (negative: toward 'she', positive: toward 'he')")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title("MiniLM input rows of occupation words on a he-she direction")
    plt.show()
    print(f"spread (std) of the projections: {np.std(list(projection.values())):.3f} on the gender direction, "
          f"{spread_random:.3f} on a random direction (mean over 200)")
"""),
md(r"""
*maid*, *nurse*, *receptionist*, *dancer* and *librarian* lie toward *she*; *carpenter*, *soldier*,
*mechanic* and *engineer* toward *he*, with a spread about two and a half times that of a random
direction. The table has absorbed the stereotypes of its training text. The same caveat applies:
this is a direction in the *input* table of a sentence encoder; whether and how the model's
outputs are biased must be measured on its outputs. And removing the direction (projecting it out,
as all-but-the-top does for its $k$ directions) hides the bias from this one measurement but not
from the neighbourhoods: Gonen and Goldberg (2019) showed that words keep clustering by the
removed attribute.
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. Suppose every key vector of an attention layer contains the same offset $m$:
   $k_j = k'_j + m$. Show that the attention weights of a query $q$,
   $\operatorname{softmax}_j(q \cdot k_j / \sqrt{d})$, do not depend on $m$ (the same holds for
   the logits $h \cdot e_v$ of an output layer whose rows share an offset). What does this say
   about whether training has any reason to remove a shared offset?
2. A retrieval system ranks stored vectors by their cosine with a query vector. What goes wrong
   when the vectors share a large offset, and what would you do about it? LayerNorm already
   subtracts a mean from every vector before attention: why does that not remove the offset you
   measured in this notebook?
"""),
answer("explain_anisotropy", r"""
(1) $q \cdot k_j = q \cdot k'_j + q \cdot m$, and $q \cdot m$ is the same number for every key $j$.
Softmax is unchanged when the same constant is added to all its inputs
($e^{z_j + c} / \sum_l e^{z_l + c} = e^{z_j} / \sum_l e^{z_l}$), so the attention weights (and,
in the same way, the next-token probabilities from logits $h \cdot (e_v + m)$) do not see $m$. The
loss is therefore flat along a shared offset (its gradient through the softmax is zero, since
the softmax's gradient sums to zero over $j$): the loss never pushes the offset away, so
anisotropy costs the model nothing. The one force that does act on it is weight decay, which
shrinks every weight, the offset included, at every step; with the small decay rates used in
practice that pull is slow and can be outweighed wherever the offset does matter elsewhere in the
network (a tied table also feeds it into the input), so an offset can appear and persist. (2) Cosine is not shift-invariant: with a large
common offset every pair has a high cosine, the spread of scores is compressed, and the ranking is
driven by the offset and the few dominant directions instead of the content. Center the vectors
with the mean of the stored collection (and optionally remove the top few principal directions,
all-but-the-top), or use a model trained contrastively to spread its vectors. LayerNorm subtracts
the mean of each vector's own $d$ coordinates (the other axis): it removes only the component
along the fixed direction $(1, \dots, 1)/\sqrt{d}$ and rescales each vector; a shared offset in
any other direction survives, and LayerNorm's learned bias $\beta$ even adds the same vector to
every position.
""", r"""
1 point: shows that $q \cdot m$ is the same for every key and that softmax is invariant to adding
a constant, and concludes that the model (loss) does not notice or penalise a shared offset, so
the loss gives no reason to remove it. Full credit needs the conclusion about the loss; an answer
that says "nothing in training removes it" without qualification should be told that weight decay
does shrink it (no deduction if the loss argument is right, half a point off if it claims the
offset can never shrink). 1 point: explains that cosine similarity is not invariant to
the offset (all pairs look similar, rankings are distorted), proposes centering with a mean over
the collection (or all-but-the-top / contrastive training), and says that LayerNorm centers each
vector over its own coordinates (per row, axis = features), not across vectors, so the offset
remains. Half credit for each part when the reasoning is right but incomplete.
"""),
]

NOTEBOOK = notebook(cells)
