"""Source of source/03_cosine_neighbours/03_cosine_neighbours.ipynb (write it with `python3 course.py author 03_cosine_neighbours`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "03_cosine_neighbours"
cells = [
md(r"""
# 03 · Cosine similarity and nearest neighbours

"Which tokens are close to *king*?" is a question about the rows of an embedding table $E$. The
answer depends on what *close* means. This notebook compares three measures: the **cosine** of
the angle between two rows, the **dot product**, and the **Euclidean distance**. They disagree
when rows have different lengths and agree once every row has length 1.

| object | meaning | shape |
|---|---|---|
| $u, v$ | two embedding vectors | $(d,)$ each |
| $\cos(u, v)$ | cosine similarity, a number in $[-1, 1]$ | scalar |
| $A, B$ | two tables of vectors, one per row | $(n, d)$ and $(m, d)$ |
| $C$ | all pairwise cosines, $C[i, j] = \cos(A[i], B[j])$ | $(n, m)$ |
| $E$ | embedding table, row $v$ is token $v$ | $(V, d)$ |
| `nearest_neighbours(E, q, k)` | the $k$ ids nearest to token $q$, nearest first | $(k,)$, integer ids |

$$\cos(u, v) = \frac{u \cdot v}{\lVert u \rVert \, \lVert v \rVert},
\qquad \lVert u \rVert = \sqrt{u \cdot u},
\qquad \cos(u, v) = 0 \ \text{ if } u = 0 \text{ or } v = 0 .$$

The last part is a convention, and this course uses it everywhere. A zero vector has no direction,
and padding rows are often exactly zero (PyTorch's `nn.Embedding(..., padding_idx=0)` starts
that row at zero and never updates it). The formula would give $0/0 =$ NaN, and NaN spreads
through everything that uses it.

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, 2 for your explanation in (c)).
Each function you write is followed by graded cells; one cell near the end (1 point) checks that
every function rejects invalid input. The visible lines in those cells are *sanity checks*: they catch common slips and say
why, but they are not exhaustive. When your notebook is graded, hidden checks run your function on
other inputs (random tables, padding rows, rows of very different lengths, exactly equal rows,
lists instead of arrays, float32, invalid input) and compare it with a reference. A failed hidden
check tells you the input, what was expected and what you returned, and names the mistake when
it recognises it.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` (a Python `float` for a single cosine, integer ids for neighbours); never
modify an input; raise `ValueError` (with a message naming the argument) on invalid input. Before
you submit: *Kernel → Restart Kernel and Run All Cells*.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.
"""),
setup(r"""
import warnings

import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# A toy vocabulary in d = 2, so that every vector can be drawn. Row v is the vector of words_toy[v].
words_toy = ["cat", "cats", "kitten", "dog", "animal", "car"]
E_toy = np.array([[2.0, 0.5],     # cat     (the query below)
                  [3.0, 0.9],     # cats    longer, almost the same direction
                  [0.6, 0.25],    # kitten  short, a little further round
                  [1.6, 1.2],     # dog     about as long as cat, further round
                  [2.6, 3.2],     # animal  the longest row, 37 degrees away
                  [0.5, -1.5]])   # car     another direction
"""),
md(r"""
## (a) Shapes: from one pair to all pairs

A cosine compares **two vectors of the same length** $d$ and gives **one number**. Comparing
every row of $A$ $(n, d)$ with every row of $B$ $(m, d)$ gives an $(n, m)$ table. Row $i$ belongs
to $A[i]$ and column $j$ to $B[j]$. With unit rows $\hat A[i] = A[i] / \lVert A[i] \rVert$ (a zero
row stays zero), that table is a single matrix product:

$$C = \hat A \, \hat B^{\top}, \qquad (n, d) \times (d, m) \to (n, m).$$

### Exercise 1 · `cosine_similarity` (2 points · ★ · about 10 min)

Return $\cos(u, v)$ as a Python `float`. `u` and `v` must be 1-D with the same length, otherwise
raise `ValueError` naming `u` or `v`.

<details><summary>Hint 1</summary>

Compute both norms before anything else. What must happen when one of them is exactly 0, and
*when* must it happen?

</details>

<details><summary>Hint 2</summary>

If a norm is 0, return `0.0` **before** dividing. `np.where(n > 0, x / n, 0)` still computes
`x / 0` and prints a `RuntimeWarning`. Do not add a small epsilon to the denominator either: the
cosine does not depend on the lengths of the vectors, but
$u \cdot v / (\lVert u \rVert \lVert v \rVert + 10^{-8})$ does, and it visibly shrinks the cosine
of short vectors.

</details>

<details><summary>Hint 3</summary>

Convert `u` and `v` to `float64` arrays and check `ndim == 1` and equal shapes. With the norms
`np.sqrt(u @ u)` and `np.sqrt(v @ v)` both nonzero, the answer is
`float(np.clip((u / norm_u) @ (v / norm_v), -1.0, 1.0))` (the clip guards against rounding).

</details>
"""),
solution("cosine_similarity", r'''
def cosine_similarity(u, v):
    """Cosine of the angle between two vectors.

    Parameters
    ----------
    u, v : array_like, shape (d,)
        Two vectors of the same length (any float dtype, or lists).

    Returns
    -------
    float
        u . v / (|u| |v|), in [-1, 1]; 0.0 if u or v is the zero vector.

    Raises
    ------
    ValueError
        If u or v is not 1-D, or their lengths differ.
    """
    ### BEGIN SOLUTION
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError(f"u and v must be 1-D vectors, got shapes {u.shape} and {v.shape}")
    if u.shape != v.shape:
        raise ValueError(f"u and v must have the same length, got {u.shape[0]} and {v.shape[0]}")
    norm_u, norm_v = np.sqrt(u @ u), np.sqrt(v @ v)
    if norm_u == 0.0 or norm_v == 0.0:
        return 0.0
    return float(np.clip((u / norm_u) @ (v / norm_v), -1.0, 1.0))
    ### END SOLUTION
'''),
test(A, "cosine_similarity_values", 1, r'''
# Sanity checks for cosine_similarity (the hidden checks use other vectors).
c_demo = cosine_similarity([1.0, 0.0, 0.0], [1.0, 1.0, 0.0])
assert isinstance(c_demo, float), f"return a Python float (float(...)), got {type(c_demo).__name__}"
assert abs(c_demo - 1 / np.sqrt(2)) < 1e-12, \
    f"[1, 0, 0] and [1, 1, 0] are 45 degrees apart: cosine 1/sqrt(2) = 0.7071, got {c_demo}"
u_demo = np.array([3.0, -1.0, 2.0, 0.5, 0.0, 1.0])
assert abs(cosine_similarity(u_demo, 10 * u_demo) - 1.0) < 1e-12, \
    "10u points the same way as u: cosine 1.0 (a dot product would give 10 |u|^2 = 152.5)"
assert abs(cosine_similarity(u_demo, -u_demo) + 1.0) < 1e-12, "-u points the opposite way: cosine -1.0"
assert abs(cosine_similarity([1.0, 2.0], [-2.0, 1.0])) < 1e-12, "perpendicular vectors have cosine 0.0"
print("cosine_similarity: sanity checks passed")
'''),
test(A, "cosine_similarity_zero_and_scale", 1, r'''
# Sanity checks: a padding row of zeros, and short vectors.
w_demo = np.array([1.0, 2.0, 3.0, 4.0])
with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
    warnings.simplefilter("always")
    c_zero = cosine_similarity(np.zeros(4), w_demo)
assert not caught, (f"cosine_similarity(zeros, w) warned ({caught[0].message if caught else ''}): "
                    "return 0.0 before dividing (np.where evaluates x / 0 anyway)")
assert c_zero == 0.0, f"the cosine with a zero vector is 0.0 by convention, got {c_zero} (0/0 gives nan)"
c_full = cosine_similarity(w_demo, w_demo[::-1])
c_short = cosine_similarity(1e-3 * w_demo, 1e-3 * w_demo[::-1])
assert abs(c_short - c_full) < 1e-9, (f"scaling both vectors by 1e-3 must not change their cosine "
                                      f"({c_full:.10f}), got {c_short:.10f}: is there an epsilon in the denominator?")
print("cosine_similarity: zero vectors give 0.0 and short vectors keep their cosine")
'''),
md(r"""
### Exercise 2 · `cosine_matrix` (2 points · ★★ · about 15 min)

Return $C$ with $C[i, j] = \cos(A[i], B[j])$: shape $(n, m)$, `float64`, 0.0 wherever a row of $A$
or of $B$ is zero (no NaN, no warning). `A` and `B` must be 2-D tables of the same width $d$,
otherwise raise `ValueError` naming `A` or `B`.

<details><summary>Hint 1</summary>

Looping over all pairs works but is slow. Normalise every row once; then a single matrix product
gives all $n \times m$ cosines (see the formula in (a)).

</details>

<details><summary>Hint 2</summary>

Normalise the **rows**: `np.linalg.norm(A, axis=1, keepdims=True)` has shape $(n, 1)$ and divides
each row by its own length. Without `keepdims` the shape is $(n,)$ and numpy divides the
*columns* instead (or fails when $n \ne d$). A zero row must stay zero: divide by
`np.where(norms > 0, norms, 1.0)`, so no $0/0$ is ever computed.

</details>

<details><summary>Hint 3</summary>

`A_hat @ B_hat.T` is the $(n, m)$ table; `B_hat @ A_hat.T` would be its $(m, n)$ transpose.

</details>
"""),
solution("cosine_matrix", r'''
def cosine_matrix(A, B):
    """All pairwise cosines between the rows of A and the rows of B.

    Parameters
    ----------
    A : array_like, shape (n, d)
    B : array_like, shape (m, d)

    Returns
    -------
    np.ndarray, shape (n, m), dtype float64
        C[i, j] = cos(A[i], B[j]); 0.0 where A[i] or B[j] is a zero row.

    Raises
    ------
    ValueError
        If A or B is not 2-D, or their widths differ.
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError(f"A and B must be 2-D tables (n, d) and (m, d), got shapes {A.shape} and {B.shape}")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A and B must have the same width d, got {A.shape[1]} and {B.shape[1]}")
    norms_A = np.linalg.norm(A, axis=1, keepdims=True)
    norms_B = np.linalg.norm(B, axis=1, keepdims=True)
    A_hat = A / np.where(norms_A > 0, norms_A, 1.0)   # zero rows stay zero: no 0/0
    B_hat = B / np.where(norms_B > 0, norms_B, 1.0)
    return np.clip(A_hat @ B_hat.T, -1.0, 1.0)
    ### END SOLUTION
'''),
test(A, "cosine_matrix_values", 2, r'''
# Sanity checks for cosine_matrix: n = 3, m = 4, d = 5, and B[1] is a padding row.
A_demo = np.array([[1.0, 0.0, 0.0, 0.0, 0.0],
                   [0.0, 2.0, 0.0, 0.0, 0.0],
                   [3.0, 3.0, 0.0, 0.0, 0.0]])
B_demo = np.array([[5.0, 0.0, 0.0, 0.0, 0.0],
                   [0.0, 0.0, 0.0, 0.0, 0.0],
                   [1.0, 1.0, 0.0, 0.0, 0.0],
                   [0.0, -1.0, 0.0, 0.0, 0.0]])
with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
    warnings.simplefilter("always")
    C_demo = cosine_matrix(A_demo, B_demo)
assert not caught, f"cosine_matrix warned on the padding row B[1] ({caught[0].message if caught else ''})"
assert isinstance(C_demo, np.ndarray) and C_demo.shape == (3, 4), \
    f"A (3, 5) and B (4, 5) give C of shape (n, m) = (3, 4), got {getattr(C_demo, 'shape', type(C_demo))}"
assert C_demo.dtype == np.float64, f"return float64, got {C_demo.dtype}"
assert not np.isnan(C_demo).any(), "C contains NaN: the padding row B[1] must give cosines of 0.0"
r = 1 / np.sqrt(2)
C_expected = np.array([[1.0, 0.0, r, 0.0],
                       [0.0, 0.0, r, -1.0],
                       [r, 0.0, 1.0, -r]])
assert np.allclose(C_demo, C_expected), (f"expected\n{C_expected}\ngot\n{C_demo}\n"
                                         "(lengths do not matter: [0, 2, ...] and [0, -1, ...] have cosine -1)")
print("cosine_matrix: sanity checks passed")
'''),
md(r"""
### Picture: a padding row gives 0.0, not NaN

The toy table plus a padding row of zeros, compared with itself. Left: your `cosine_matrix`.
Right: the classic version `E / np.linalg.norm(E, axis=1, keepdims=True)`, where the padding row
becomes NaN (drawn black). The NaN does more damage than a black square suggests. `np.argmax` returns
the position of the first NaN, so "the most similar word to *cat*" becomes `<pad>`.
"""),
code(r"""
words_pad = words_toy + ["<pad>"]
E_pad = np.vstack([E_toy, np.zeros((1, 2))])        # the toy table plus a padding row of zeros

try:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        C_pad = cosine_matrix(E_pad, E_pad)
except NotImplementedError:
    print("Write cosine_matrix first, then run this cell again.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    print(f"your cosine_matrix: {len(caught)} warnings, {int(np.isnan(C_pad).sum())} NaN entries, "
          f"cos(cat, <pad>) = {C_pad[0, -1]}")
    with np.errstate(invalid="ignore"):              # the naive version divides 0 by 0
        U_naive = E_pad / np.linalg.norm(E_pad, axis=1, keepdims=True)
        C_naive = U_naive @ U_naive.T
    best = 1 + int(np.argmax(C_naive[0, 1:]))        # most similar to 'cat', itself excluded
    print(f"naive version: {int(np.isnan(C_naive).sum())} NaN entries; np.argmax says the word most "
          f"similar to 'cat' is {words_pad[best]!r}")
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="black")   # NaN entries are drawn black
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, C, title in [(axes[0], C_pad, "cosine_matrix: the padding row is 0.0"),
                         (axes[1], C_naive, "naive E / |E|: the padding row is NaN")]:
        im = ax.imshow(C, cmap=cmap, vmin=-1, vmax=1)
        ax.set_xticks(range(len(words_pad)), words_pad, rotation=45)
        ax.set_yticks(range(len(words_pad)), words_pad)
        ax.set_title(title)
    fig.colorbar(im, ax=axes, shrink=0.8, label="cosine")
    plt.show()
"""),
md(r"""
## (b) Nearest neighbours under three metrics

For a query token $q$ with vector $e_q = E[q]$, every other row $v$ gets a score:

| `metric` | score of row $v$ | nearest first means |
|---|---|---|
| `"cosine"` (default) | $\cos(E[v], e_q)$ | largest first |
| `"dot"` | $E[v] \cdot e_q = \lVert E[v] \rVert \, \lVert e_q \rVert \cos(E[v], e_q)$ | largest first |
| `"euclidean"` | $\lVert E[v] - e_q \rVert$, where $\lVert u - w \rVert^2 = \lVert u \rVert^2 + \lVert w \rVert^2 - 2\, u \cdot w$ | **smallest** first |

The dot product rewards **long** rows, the distance rewards rows whose **length** is close to the
query's, and only the cosine looks at direction alone. If every row has length 1, then
$u \cdot w = \cos(u, w)$ and $\lVert u - w \rVert^2 = 2 - 2\cos(u, w)$: all three give the same
ranking.

### Exercise 3 · `nearest_neighbours` (5 points · ★★★ · about 30 min)

Return the `k` ids nearest to `query_id`, nearest first, as an integer numpy array of shape
`(k,)`. Rules:

* The query **id** is never its own neighbour. A *different* id whose row happens to equal the
  query's row **is** a neighbour (it is another token), and it comes first.
* Ties (exactly equal scores) go to the **smaller id**.
* `k` must satisfy $1 \le k \le V - 1$ (every id but the query); `query_id` must be an integer in
  $[0, V)$ (`bool` and `float` are not ids); `metric` must be one of the three names. Anything
  else raises `ValueError`.

<details><summary>Hint 1</summary>

Split the job in two: first one score per row of `E` (so that for every metric "nearer" means a
larger number, for example the negative distance for `"euclidean"`), then choose the candidate
ids and sort them. Is the query always the row with the best score?

</details>

<details><summary>Hint 2</summary>

No: a duplicate of the query ties with it, and for `"dot"` a longer row can score more than the
query itself. So "sort, then skip the first result" is the classic bug: it drops a real neighbour
and keeps the query. Remove the query **by its id** before sorting. For ties, use a stable sort:
numpy's default sort is not stable (on many CPUs it scrambles ties), and
`np.argsort(scores)[::-1]` puts the *larger* id first.

</details>

<details><summary>Hint 3</summary>

`candidates = np.delete(np.arange(V), query_id)`, then
`order = np.argsort(-scores[candidates], kind="stable")` and `candidates[order[:k]]`. For the
cosine, divide the dot products by the norms with `np.divide(..., out=np.zeros(V), where=denom > 0)`
so that zero rows get 0.0.

</details>
"""),
solution("nearest_neighbours", r'''
def nearest_neighbours(E, query_id, k, metric="cosine"):
    """The k tokens nearest to token query_id, nearest first.

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table.
    query_id : int
        Id of the query token, 0 <= query_id < V.
    k : int
        Number of neighbours, 1 <= k <= V - 1.
    metric : {"cosine", "dot", "euclidean"}
        Largest cosine, largest dot product, or smallest Euclidean distance first.

    Returns
    -------
    np.ndarray, shape (k,), integer dtype
        Ids of the k nearest rows, nearest first, never query_id itself; ties go to the smaller id.

    Raises
    ------
    ValueError
        If E is not 2-D, metric is unknown, query_id is not an integer id of E,
        or k is not an integer with 1 <= k <= V - 1.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    V = E.shape[0]
    if not isinstance(metric, str) or metric not in ("cosine", "dot", "euclidean"):
        raise ValueError(f"metric must be 'cosine', 'dot' or 'euclidean', got {metric!r}")
    for name, value in (("query_id", query_id), ("k", k)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    if not 0 <= query_id < V:
        raise ValueError(f"query_id must satisfy 0 <= query_id < V = {V}, got {query_id}")
    if not 1 <= k <= V - 1:
        raise ValueError(f"k must satisfy 1 <= k <= V - 1 = {V - 1}, got {k}")
    q = E[query_id]
    if metric == "euclidean":
        diff = E - q
        scores = -np.sqrt(np.einsum("ij,ij->i", diff, diff))      # nearest = largest -distance
    else:
        scores = np.einsum("ij,j->i", E, q)                         # one dot product per row
        if metric == "cosine":
            norms = np.sqrt(np.einsum("ij,ij->i", E, E))
            denom = norms * norms[query_id]
            scores = np.divide(scores, denom, out=np.zeros(V), where=denom > 0)   # zero rows: 0.0
    candidates = np.delete(np.arange(V), query_id)                   # every id but the query
    order = np.argsort(-scores[candidates], kind="stable")           # ties keep increasing ids
    return candidates[order[:k]]
    ### END SOLUTION
'''),
test(A, "nearest_neighbours_cosine", 2, r'''
# Sanity checks for nearest_neighbours with the cosine (the default metric).
E_nn = np.array([[1.0, 0.0],      # 0: the query
                 [10.0, 10.0],    # 1: long, 45 degrees away
                 [0.9, 0.1],      # 2: short, 6 degrees away
                 [0.0, 0.0],      # 3: a padding row
                 [-1.0, 0.2]])    # 4: pointing the other way
with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
    warnings.simplefilter("always")
    nn_demo = nearest_neighbours(E_nn, 0, 4)
assert not caught, f"nearest_neighbours warned on the padding row ({caught[0].message if caught else ''})"
assert isinstance(nn_demo, np.ndarray) and np.issubdtype(nn_demo.dtype, np.integer), \
    f"return a numpy array of integer ids, got {type(nn_demo).__name__} {getattr(nn_demo, 'dtype', '')}"
assert nn_demo.shape == (4,), f"k = 4 gives shape (4,), got {nn_demo.shape}"
assert 0 not in nn_demo, "the query (id 0) is never its own neighbour"
assert nn_demo[0] == 2, (f"row 2 is 6 degrees from the query and row 1 is 45 degrees away: cosine ranks 2 "
                         f"first (row 1 is only longer), got {nn_demo[0]}")
assert nn_demo.tolist() == [2, 1, 3, 4], (f"cosines 0.994, 0.707, 0.0 (padding row), -0.981 give [2, 1, 3, 4], "
                                          f"got {nn_demo.tolist()} (a NaN cosine for the padding row sorts last)")
print("nearest_neighbours (cosine): sanity checks passed")
'''),
test(A, "nearest_neighbours_metrics", 2, r'''
# Sanity checks for the dot product and the Euclidean distance, on the same E_nn.
E_nn = np.array([[1.0, 0.0], [10.0, 10.0], [0.9, 0.1], [0.0, 0.0], [-1.0, 0.2]])
dot_demo = nearest_neighbours(E_nn, 0, 4, metric="dot")
assert 0 not in dot_demo.tolist(), (
    f"the query id 0 is in your result {dot_demo.tolist()}. With the dot product the query is not its own best "
    "match: row 1 = [10, 10] scores 10 against the query's own 1.0, so a sort puts row 1 first and the query "
    "second, and 'skip the first result' then drops row 1 and keeps the query. Leave out query_id by its id "
    "(np.delete(np.arange(V), query_id)), not by position")
assert dot_demo.tolist() == [1, 2, 3, 4], (f"dot products with the query: 10, 0.9, 0, -1 give [1, 2, 3, 4], got "
                                           f"{dot_demo.tolist()} (the dot product keeps lengths: the long row 1 wins)")
euclid_demo = nearest_neighbours(E_nn, 0, 4, metric="euclidean")
assert euclid_demo.tolist() == [2, 3, 4, 1], (f"distances from the query: 13.45, 0.14, 1.0, 2.01 give [2, 3, 4, 1] "
                                              f"(smallest first), got {euclid_demo.tolist()}")
print("nearest_neighbours (dot, euclidean): sanity checks passed")
'''),
test(A, "nearest_neighbours_ties", 1, r'''
# Sanity checks: rows equal to the query, and ties.
E_tie = np.array([[1.0, 1.0, 1.0, 1.0],      # 0: equal to the query row 2, but another token
                  [2.0, 0.0, 0.0, 0.0],      # 1: equal to row 3
                  [1.0, 1.0, 1.0, 1.0],      # 2: the query
                  [2.0, 0.0, 0.0, 0.0],      # 3: equal to row 1
                  [1.0, 1.0, -1.0, -1.0]])   # 4
for metric_demo in ("cosine", "dot", "euclidean"):
    got_demo = nearest_neighbours(E_tie, 2, 4, metric=metric_demo).tolist()
    assert got_demo == [0, 1, 3, 4], (
        f"metric={metric_demo!r}: expected [0, 1, 3, 4], got {got_demo}. Row 0 equals the query row but is "
        "another token, so it is the nearest neighbour (leave out query_id itself, not 'the first result'); "
        "rows 1 and 3 tie, and ties go to the smaller id (np.argsort(-scores, kind='stable'))")
print("nearest_neighbours (ties, duplicates of the query): sanity checks passed")
'''),
md(r"""
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong (for a `query_id` out of range an `IndexError` is accepted too). The hidden part of this
cell calls each of your three functions on invalid inputs (vectors of different lengths or that
are not 1-D, tables that are not 2-D or have different widths, an unknown metric, `k` outside
$1 \dots V-1$, a `query_id` that is negative, too large, a float or a bool), and on two valid
inputs each, which must still return.
"""),
test(A, ("cosine_similarity_invalid", "cosine_matrix_invalid", "nearest_neighbours_invalid"), 1,
     grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: invalid inputs for each function (the hidden checks try many more).
E_nn = np.array([[1.0, 0.0], [10.0, 10.0], [0.9, 0.1], [0.0, 0.0], [-1.0, 0.2]])
invalid_calls = [
    ("cosine_similarity([1, 2, 3], [1, 2])", lambda: cosine_similarity([1.0, 2.0, 3.0], [1.0, 2.0]),
     "vectors of different lengths (a loop over zip(u, v) silently drops the 3)"),
    ("cosine_matrix(A of shape (5,), B of shape (3, 5))", lambda: cosine_matrix(np.ones(5), np.ones((3, 5))),
     "A must be 2-D (write A[None, :] for one vector)"),
    ("nearest_neighbours(E, 0, 2, metric='manhattan')", lambda: nearest_neighbours(E_nn, 0, 2, metric="manhattan"),
     "the metric is not one of 'cosine', 'dot', 'euclidean'"),
    ("nearest_neighbours(E, 0, 5)", lambda: nearest_neighbours(E_nn, 0, 5),
     "k = 5 = V, but only V - 1 = 4 ids are not the query"),
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
### Experiment: three metrics, three answers, until the rows are normalised

Which word is nearest to *cat* in the toy table? The cell below prints the length of every row,
its cosine, dot product and distance to *cat*, and the ranking by each of your three metrics.
It then does the same on the normalised table, where every row has length 1. Then the
picture: on the left the raw rows, on the right the same rows on the unit circle.
"""),
code(r"""
query_toy = words_toy.index("cat")
norms_toy = np.linalg.norm(E_toy, axis=1)
U_toy = E_toy / norms_toy[:, None]                  # unit rows (no row of E_toy is zero)
metrics = ("cosine", "dot", "euclidean")
try:
    rank_raw = {m: nearest_neighbours(E_toy, query_toy, len(words_toy) - 1, metric=m) for m in metrics}
    rank_unit = {m: nearest_neighbours(U_toy, query_toy, len(words_toy) - 1, metric=m) for m in metrics}
    cos_toy = [cosine_similarity(row, E_toy[query_toy]) for row in E_toy]
except NotImplementedError:
    print("Write cosine_similarity and nearest_neighbours first, then run this cell again.")
except Exception as err:
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
else:
    print(f"{'word':8s} {'|E[v]|':>7s} {'cosine':>7s} {'dot':>7s} {'distance':>9s}   (to 'cat')")
    for v, word in enumerate(words_toy):
        if v != query_toy:
            print(f"{word:8s} {norms_toy[v]:7.3f} {cos_toy[v]:7.3f} {E_toy[v] @ E_toy[query_toy]:7.3f} "
                  f"{np.linalg.norm(E_toy[v] - E_toy[query_toy]):9.3f}")
    for title, ranks in [("raw rows", rank_raw), ("unit rows", rank_unit)]:
        print(f"\nneighbours of 'cat', nearest first ({title}):")
        for m in metrics:
            print(f"  {m:10s}", " ".join(f"{words_toy[i]:8s}" for i in ranks[m]))
    agree = all(np.array_equal(rank_unit[m], rank_unit["cosine"]) for m in metrics)
    print("\nafter normalising, the three metrics give the same ranking:", agree)

    fig, axes = plt.subplots(1, 2, figsize=(11, 5))
    for ax, table, ranks, title in [(axes[0], E_toy, rank_raw, "raw rows"),
                                    (axes[1], U_toy, rank_unit, "unit rows (on the circle)")]:
        if table is U_toy:
            t = np.linspace(0, 2 * np.pi, 200)
            ax.plot(np.cos(t), np.sin(t), color="0.85", lw=1)
        for v, word in enumerate(words_toy):
            color = "black" if v == query_toy else "tab:blue"
            ax.annotate("", xy=table[v], xytext=(0, 0),
                        arrowprops=dict(arrowstyle="->", color=color, lw=2 if v == query_toy else 1.2))
            nudge = {"cat": (0.03, -0.12), "kitten": (0.0, 0.07)}.get(word, (0, 0)) if table is U_toy else (0, 0)
            ax.text(*(table[v] * 1.06 + nudge), word, color=color, fontsize=10)
        winners = ", ".join(f"{m}: {words_toy[ranks[m][0]]}" for m in metrics)
        ax.set_title(f"{title}\nnearest to 'cat' by {winners}", fontsize=10)
        ax.set_aspect("equal")
        ax.axhline(0, color="0.9", lw=0.8)
        ax.axvline(0, color="0.9", lw=0.8)
    axes[0].set_xlim(-0.5, 3.6); axes[0].set_ylim(-1.8, 3.6)
    axes[1].set_xlim(-1.3, 1.3); axes[1].set_ylim(-1.3, 1.3)
    plt.tight_layout()
    plt.show()
"""),
md(r"""
*Read the numbers.* *cats* points almost exactly where *cat* points (cosine 0.999) and wins the
cosine ranking. *animal* is 37 degrees away but is the longest row, so its dot product (6.8) beats
that of *cats* (6.45). *dog* wins the distance ranking because its tip happens to lie closest to the
tip of *cat*, even though two other words point in a more similar direction. On the unit circle only
angles remain, and the three rankings coincide.

## Real embeddings: all-MiniLM-L6-v2

The same function on a real table: the 30,522 × 384 word-piece embeddings of all-MiniLM-L6-v2
(a BERT-family sentence encoder). Its vocabulary holds whole words (`king`), word pieces that
continue a word (`##ing`, written with `##`), special tokens (`[CLS]` = 101, `[SEP]` = 102,
`[MASK]` = 103) and 994 placeholder rows `[unused0]` ... `[unused993]` that no training text ever
contained. Nothing graded depends on these cells; if the model package is missing they only print
how to install it.

To stay fast, the cell converts the table to float64 and normalises it **once**. On unit rows the
dot product *is* the cosine, so `nearest_neighbours(U_real, q, k, metric="dot")` gives the cosine
ranking without normalising 30,522 rows at every call. It never builds the 30,522 × 30,522 matrix
of all pairs, which would take 7.5 GB in float64.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()
except ImportError as err:
    real = None
    print("The real-embedding section is skipped here:", err)
else:
    E_real = real.tokens.astype(np.float64)                 # (30522, 384), converted once
    norms_real = np.linalg.norm(E_real, axis=1)
    U_real = E_real / norms_real[:, None]                   # normalised once (no row of this table is zero)
    shortest, longest = int(np.argmin(norms_real)), int(np.argmax(norms_real))
    print(f"E: {E_real.shape}; row lengths from {norms_real.min():.2f} ({real.vocab[shortest]}) "
          f"to {norms_real.max():.2f} ({real.vocab[longest]}), median {np.median(norms_real):.2f}")
    try:
        for word in ["king", "paris", "good", "computer"]:
            q = real.id(word)
            by_cosine = nearest_neighbours(U_real, q, 6, metric="dot")     # unit rows: dot = cosine
            by_dot = nearest_neighbours(E_real, q, 6, metric="dot")
            print(f"\n{word!r} (length {norms_real[q]:.2f})")
            print("  cosine:", ", ".join(real.vocab[i] for i in by_cosine))
            print("  dot:   ", ", ".join(f"{real.vocab[i]} ({norms_real[i]:.2f})" for i in by_dot))
        q = real.id("king")
        same = np.array_equal(nearest_neighbours(E_real, q, 6), nearest_neighbours(U_real, q, 6, metric="dot"))
        print("\n'king': cosine on the raw table equals dot on the unit rows:", same)
        q = real.id("good")
        print("'good' by Euclidean distance:",
              ", ".join(f"{real.vocab[i]} ({norms_real[i]:.2f})" for i in nearest_neighbours(E_real, q, 8, "euclidean")))
        q, m = real.id("matrices"), real.id("matrix")
        nearest = real.vocab[nearest_neighbours(E_real, q, 1, "dot")[0]]
        print(f"'matrices': dot product with itself {E_real[q] @ E_real[q]:.3f}, with 'matrix' "
              f"{E_real[q] @ E_real[m]:.3f}; its nearest row by dot product is {nearest!r}, which outscores "
              "the query itself")
    except NotImplementedError:
        print("Write nearest_neighbours first, then run this cell again.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
"""),
md(r"""
*Read the output.* Cosine and dot mostly agree on the first few words: the rows of this table have
similar lengths (80% of them lie between 0.77 and 1.31). Further down the list the dot product
favours long rows. The Euclidean ranking of *good* picks up `[MASK]` and rare word pieces: they are the
**shortest** rows, so they sit close to everything near the origin. With the dot product a row can
even beat the query itself. *matrices* has a larger dot product with the longer *matrix* than with
itself, and checking all 30,522 rows shows 18 such tokens. So "sort and skip the first result"
would drop a real neighbour here.

The next cell looks at lengths by kind of token: whole words, `##` pieces, and the `[unused]`
rows. It also uses your `cosine_matrix` on the 994 `[unused]` rows, a small 994 × 994 table.
"""),
code(r"""
if real is None:
    print("The real-embedding section is skipped here (see the cell above).")
else:
    kinds = np.array(["## piece" if w.startswith("##") else "[unused]" if w.startswith("[unused") else "word or symbol"
                      for w in real.vocab])
    unused = np.flatnonzero(kinds == "[unused]")
    try:
        C_unused = cosine_matrix(E_real[unused], E_real[unused])
    except NotImplementedError:
        print("Write cosine_matrix first, then run this cell again.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
    else:
        off_diagonal = C_unused[~np.eye(len(unused), dtype=bool)]
        print(f"{len(unused)} [unused] rows: mean length {norms_real[unused].mean():.2f} "
              f"(other tokens: {norms_real[kinds != '[unused]'].mean():.2f}); "
              f"mean cosine between two of them: {off_diagonal.mean():.2f}")
        try:
            q = real.id("play")
            print("'play' by cosine:", ", ".join(real.vocab[i] for i in nearest_neighbours(U_real, q, 8, "dot")))
        except NotImplementedError:
            pass
        except Exception as err:
            print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
        fig, ax = plt.subplots(figsize=(8, 3.5))
        for kind, color in [("word or symbol", "tab:blue"), ("## piece", "tab:orange"), ("[unused]", "tab:red")]:
            ax.hist(norms_real[kinds == kind], bins=80, range=(0.2, 1.8), alpha=0.6, color=color,
                    label=f"{kind} ({int((kinds == kind).sum()):,} rows)")
        ax.set_xlabel("row length |E[v]|")
        ax.set_ylabel("number of rows")
        ax.set_title("all-MiniLM-L6-v2 token table: row lengths by kind of token")
        ax.legend()
        plt.show()
"""),
md(r"""
The `[unused]` rows are short (about 0.46 against about 1.09 for the others) and point in much the
same direction (mean cosine about 0.8 between two of them). About 70% of their five nearest
neighbours are other `[unused]` rows, and most of the rest are rare pieces such as `##江`. Word pieces such as `##play` sit among the neighbours of whole words:
the table has one row per piece, not per word.

## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. Inside a transformer, attention scores are dot products $q \cdot k / \sqrt{d_k}$, and the
   output layer scores every token $v$ by the dot product $W[v] \cdot h$, not by a cosine. Using
   $u \cdot w = \lVert u \rVert \lVert w \rVert \cos(u, w)$ and what you saw above, what does
   the **length** of a row contribute to a dot-product score? Why does a search system built on
   all-MiniLM-L6-v2 normalise its sentence vectors (the model's last module does exactly that)
   before ranking them by dot product?
2. A batch is padded with a token whose embedding row is all zeros. If a cosine computed with
   that row is NaN instead of 0.0, where does the NaN go next? Name two places, for example a
   softmax, a loss, an `argmax` or a sort. What do models do instead?
"""),
answer("explain_cosine_neighbours", r"""
(1) A dot product multiplies the cosine by both lengths, so for a fixed query a row's
length is a **gain** on its score: it stretches the score away from zero in both directions,
higher where the row is aligned with the query and lower (more negative) where it points away,
and it adds nothing where the two are orthogonal. It is therefore not a per-token bias (a bias
adds the same amount whatever the query); inside a softmax it acts like a per-token temperature:
the longer the row, the more sharply its probability reacts to the direction of the query. In the
toy table *animal* (37 degrees away, the longest row) beats *cats* (almost the same direction)
because its cosine is positive and its gain large. In MiniLM *matrices* has a larger dot product
with *matrix* than with itself. In a model this is a feature: a long output row $W[v]$ makes the
logit of $v$ respond strongly (confidently) when $h$ points its way, and a long key draws sharp
attention from the queries aligned with it. For retrieval it is a flaw: a few long vectors would
be "near" every query they are even roughly aligned with. Normalising every vector (all-MiniLM-L6-v2
ends with a Normalize module) makes dot product = cosine, so only direction counts, and a
vector index can rank by plain inner product. (2) 0/0 = NaN, and NaN spreads: a softmax over a
row containing a NaN is NaN everywhere, and a loss that sums it becomes NaN, so every gradient
and the next weights become NaN. `np.argmax` returns the NaN position, so the padding token wins
the search, and sorts put NaN last or first depending on the library. Implementations define
the cosine with a zero vector as 0 (or clamp the norm), and models mask padding positions
explicitly (attention masks set their scores to $-\infty$ before the softmax, and the loss
ignores them) instead of relying on the row being zero.
""", r"""
1 point: dot = |u||w| cos, so length scales (multiplies) the score: a gain or temperature that
amplifies positive and negative alignment alike, not an additive per-token bias. An answer that
calls length "a bias toward long tokens" earns the point only if it says the effect depends on
the sign of the cosine (or is multiplicative). Normalising (as all-MiniLM-L6-v2 does) makes dot = cosine, so retrieval compares
directions only. An example from the notebook (animal vs cats, or matrices vs matrix) earns
the point only together with the reason. 1 point: NaN from 0/0 propagates through at least two
named places (softmax, loss and gradients, argmax or sort picking the padding row); the remedy is
the cosine-with-zero = 0 convention and/or masking padding positions.
"""),
]

NOTEBOOK = notebook(cells)
