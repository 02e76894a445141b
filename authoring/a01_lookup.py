"""Source of source/01_lookup/01_lookup.ipynb (write it with `python3 course.py author 01_lookup`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "01_lookup"
cells = [
md(r"""
# 01 · Embedding lookup for a batch of token ids

A language model never sees text: a tokenizer turns text into integer **token ids**, and the
first layer turns each id into a vector by reading one row of an **embedding table**.

| object | meaning | shape |
|---|---|---|
| $E$ | embedding table, row $v$ is the vector of token $v$ | $(V, d)$ |
| $\text{ids}$ | a batch of $B$ sequences of $T$ token ids, $0 \le \text{ids}[b,t] < V$ | $(B, T)$ |
| $X = E[\text{ids}]$ | the looked-up vectors | $(B, T, d)$ |

$$X[b, t, :] = E[\text{ids}[b, t], :]$$

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (10 points). Each function you write is followed by a graded
cell. The visible lines in that cell are *sanity checks*: they catch common slips and say why,
but they are not exhaustive. When your notebook is graded, hidden checks run your function on
other inputs (random tables, lists instead of arrays, invalid ids) and compare it with a
reference. A failed hidden check tells you the input, what was expected and what you returned.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays; never modify an input; raise `ValueError` (with a message naming
the argument) on invalid input. Before you submit: *Kernel → Restart Kernel and Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)
"""),
md(r"""
## (a) Shapes

Before computing anything, know the shape of every object. With vocabulary size $V$, width $d$,
batch size $B$ and sequence length $T$: the table has one row of $d$ numbers per token, the ids
have one row of $T$ ids per sequence, and the lookup replaces every id by a row of $E$.

### Exercise 1 · `lookup_shapes` (2 points)

Return a dict `{"E": ..., "ids": ..., "X": ...}` whose values are tuples of Python `int`s.
The sizes must be integers $\ge 1$ (Python or numpy integers; `bool` is not a size):
anything else raises `ValueError`.
"""),
solution("lookup_shapes", r'''
def lookup_shapes(V, d, B, T):
    """Shapes of the embedding table, the batch of ids and the looked-up batch.

    Parameters
    ----------
    V, d, B, T : int
        Vocabulary size, embedding width, batch size and sequence length (each >= 1).

    Returns
    -------
    dict
        {"E": (V, d), "ids": (B, T), "X": (B, T, d)}, tuples of Python ints.

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d, "B": B, "T": T}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    V, d, B, T = (int(sizes[k]) for k in ("V", "d", "B", "T"))
    return {"E": (V, d), "ids": (B, T), "X": (B, T, d)}
    ### END SOLUTION
'''),
test(A, "lookup_shapes", 1, r'''
# Sanity checks for lookup_shapes (the hidden checks use other sizes).
shapes = lookup_shapes(50257, 768, 8, 1024)   # GPT-2's vocabulary and width, 8 sequences of 1,024 tokens
assert isinstance(shapes, dict) and set(shapes) == {"E", "ids", "X"}, \
    f"return a dict with keys 'E', 'ids' and 'X', got {shapes!r}"
assert shapes["E"] == (50257, 768), f"E has one row of d numbers per token: (V, d), got {shapes['E']}"
assert shapes["ids"] == (8, 1024), f"ids has one row of T ids per sequence: (B, T), got {shapes['ids']}"
assert shapes["X"] == (8, 1024, 768), f"X replaces every id by a row of E: (B, T, d), got {shapes['X']}"
assert all(type(n) is int for shape in shapes.values() for n in shape), "use tuples of Python ints"
print("lookup_shapes: sanity checks passed")
'''),
test(A, "lookup_shapes_invalid", 1, r'''
# Sanity check: a size of 0 is not a size.
try:
    lookup_shapes(0, 4, 2, 3)
except ValueError as err:
    print("lookup_shapes(0, 4, 2, 3) raised ValueError as it should:", err)
else:
    raise AssertionError("lookup_shapes(0, 4, 2, 3) returned a value: V = 0 must raise ValueError")
'''),
md(r"""
## (b) The lookup

### Exercise 2 · `embedding_lookup` (3 points)

Return $X = E[\text{ids}]$. The ids may have any shape $S$ (a single id, one sequence, a batch,
...); the result has shape $S + (d,)$. Two occurrences of the same id give identical rows:
the lookup knows nothing about context or position.

*Hint.* numpy's integer-array indexing `E[ids]` does the lookup in one step. It also accepts
`-1` and silently returns the **last** row, the classic bug of this exercise: a corrupted id
must raise, not wrap around. Ids must have an integer dtype (a float array raises even if its
values are whole numbers, and booleans are not ids), and $0 \le$ id $< V$.
"""),
solution("embedding_lookup", r'''
def embedding_lookup(E, ids):
    """Look up the rows of E for a batch of token ids.

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table (any float dtype, or nested lists).
    ids : array_like of int, any shape S
        Token ids with 0 <= id < V.

    Returns
    -------
    np.ndarray, shape S + (d,), dtype float64
        X with X[s] = E[ids[s]].

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If E is not 2-D, or ids are not integers, negative or >= V.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    ids = np.asarray(ids)
    if ids.dtype == np.bool_ or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= E.shape[0]).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {E.shape[0]}, got values from {ids.min()} to {ids.max()}")
    return E[ids]
    ### END SOLUTION
'''),
test(A, "embedding_lookup_values", 2, r'''
# Sanity checks for embedding_lookup: row v of this table is [3v, 3v+1, 3v+2].
E_demo = np.arange(12.0).reshape(4, 3)
ids_demo = np.array([[0, 3],
                     [3, 1]])
X_demo = embedding_lookup(E_demo, ids_demo)
assert isinstance(X_demo, np.ndarray), f"return a numpy array, got {type(X_demo).__name__}"
assert X_demo.shape == (2, 2, 3), f"ids (B=2, T=2) and d=3 give shape (2, 2, 3), got {X_demo.shape}"
assert X_demo.dtype == np.float64, f"return float64, got {X_demo.dtype}"
assert np.array_equal(X_demo[1, 1], [3.0, 4.0, 5.0]), f"X[1, 1] is row ids[1, 1] = 1 of E, got {X_demo[1, 1]}"
assert np.array_equal(X_demo[0, 1], X_demo[1, 0]), "the same id (3) must give the same row"
assert embedding_lookup(E_demo, np.array([2, 0])).shape == (2, 3), "1-D ids of length T give shape (T, d)"
print("embedding_lookup: sanity checks passed")
'''),
test(A, "embedding_lookup_invalid", 1, r'''
# Sanity check: -1 is not a token id (numpy would silently read the last row).
try:
    embedding_lookup(np.arange(12.0).reshape(4, 3), np.array([[0, -1]]))
except (ValueError, IndexError) as err:
    print("a negative id raised as it should:", err)
else:
    raise AssertionError("embedding_lookup accepted id -1: E[-1] wraps around to the last row; raise ValueError")
'''),
md(r"""
### Picture: a sentence through the table

A toy vocabulary of six tokens and a random table with $d = 8$. The sentence
*"the cat sat on the mat"* is looked up: both occurrences of *the* (positions 0 and 4)
get exactly the same row. Run the cell once your function works.
"""),
code(r"""
vocab = ["the", "cat", "sat", "on", "mat", "<pad>"]
sentence = "the cat sat on the mat".split()
ids_sentence = np.array([vocab.index(w) for w in sentence])
E_toy = np.random.default_rng(0).normal(size=(len(vocab), 8))

try:
    X_sentence = embedding_lookup(E_toy, ids_sentence)
except NotImplementedError:
    print("Write embedding_lookup first, then run this cell again.")
else:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
    for ax, data, labels, title in [(axes[0], E_toy, vocab, "E: one row per token (V=6, d=8)"),
                                    (axes[1], X_sentence, sentence, "X = E[ids]: one row per position")]:
        im = ax.imshow(data, cmap="RdBu_r", vmin=-2.5, vmax=2.5)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("embedding dimension")
        ax.set_title(title)
    fig.colorbar(im, ax=axes, shrink=0.8)
    plt.show()
    print("rows for 'the' at positions 0 and 4 are identical:", np.array_equal(X_sentence[0], X_sentence[4]))
"""),
md(r"""
### Exercise 3 · `add_learned_positions` (3 points)

The lookup gives the same vector to a token wherever it stands. Models with **learned absolute
positions** (GPT-2, BERT) keep a second table $P$ of shape $(T_{\max}, d)$ and add row $t$ to the
token at position $t$:

$$H[b, t, :] = X[b, t, :] + P[t, :], \qquad t = 0, \dots, T-1 .$$

`X` is one sequence $(T, d)$ or a batch $(B, T, d)$; in numpy, `X + P[:T]` broadcasts over the
batch. A sequence longer than the table ($T > T_{\max}$) has no rows for its last positions and
must raise `ValueError`, as must a width that differs from $d$.
"""),
solution("add_learned_positions", r'''
def add_learned_positions(X, P):
    """Add learned absolute position vectors to a sequence or a batch.

    Parameters
    ----------
    X : array_like, shape (T, d) or (B, T, d)
        Token vectors.
    P : array_like, shape (T_max, d)
        Learned position table; row t belongs to position t.

    Returns
    -------
    np.ndarray, same shape as X, dtype float64
        X + P[:T], broadcast over the batch.

    Raises
    ------
    ValueError
        If X is not 2-D or 3-D, P is not 2-D, the widths differ, or T > T_max.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    if X.ndim not in (2, 3):
        raise ValueError(f"X must have shape (T, d) or (B, T, d), got {X.shape}")
    if P.ndim != 2:
        raise ValueError(f"P must have shape (T_max, d), got {P.shape}")
    T, d = X.shape[-2:]
    if P.shape[1] != d:
        raise ValueError(f"P has width {P.shape[1]} but X has width d = {d}")
    if T > P.shape[0]:
        raise ValueError(f"X has T = {T} positions but P has only T_max = {P.shape[0]} rows")
    return X + P[:T]
    ### END SOLUTION
'''),
test(A, "add_learned_positions_values", 2, r'''
# Sanity checks for add_learned_positions: with X = 0 the result shows which rows of P were added.
P_demo = np.arange(20.0).reshape(5, 4)          # T_max = 5, d = 4
H_demo = add_learned_positions(np.zeros((2, 3, 4)), P_demo)
assert isinstance(H_demo, np.ndarray) and H_demo.shape == (2, 3, 4), \
    f"the result has the shape of X, (2, 3, 4), got {getattr(H_demo, 'shape', type(H_demo))}"
assert np.array_equal(H_demo[1], P_demo[:3]), \
    f"position t gets row P[t] (rows 0, 1, 2 here), in every sequence of the batch; got\n{H_demo[1]}"
assert add_learned_positions(np.ones((5, 4)), P_demo).shape == (5, 4), "a single (T, d) sequence works too"
print("add_learned_positions: sanity checks passed")
'''),
test(A, "add_learned_positions_invalid", 1, r'''
# Sanity check: 6 positions do not fit a table of T_max = 5 rows.
try:
    add_learned_positions(np.zeros((6, 4)), np.zeros((5, 4)))
except ValueError as err:
    print("T > T_max raised ValueError as it should:", err)
else:
    raise AssertionError("a sequence of T = 6 with T_max = 5 must raise ValueError (there is no row P[5])")
'''),
md(r"""
### Picture: positions make repeated tokens distinguishable

The cosine similarity between the vectors of the six positions of *"the cat sat on the mat"*,
before and after adding a (random) learned position table. Before: positions 0 and 4 (*the*)
are identical (similarity 1). After: they differ.
"""),
code(r"""
def cosine_table(H):
    U = H / np.linalg.norm(H, axis=-1, keepdims=True)
    return U @ U.T

P_toy = 0.8 * np.random.default_rng(1).normal(size=(16, 8))    # T_max = 16
try:
    H_sentence = add_learned_positions(embedding_lookup(E_toy, ids_sentence), P_toy)
except NotImplementedError:
    print("Write embedding_lookup and add_learned_positions first.")
else:
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, H, title in [(axes[0], E_toy[ids_sentence], "tokens only: X"),
                         (axes[1], H_sentence, "tokens + positions: X + P[:T]")]:
        im = ax.imshow(cosine_table(H), cmap="viridis", vmin=-1, vmax=1)
        ax.set_xticks(range(6), sentence, rotation=45)
        ax.set_yticks(range(6), sentence)
        ax.set_title(title)
    fig.colorbar(im, ax=axes, shrink=0.8, label="cosine similarity")
    plt.show()
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. The lookup gives every occurrence of a token the same row of $E$. What does that imply about
   where a model must get context and word order from, and what does adding $P[:T]$ change?
2. A model trained with a learned position table of $T_{\max} = 1{,}024$ rows receives a prompt
   of 1,500 tokens. What happens, and why can't the model simply "use" position 1,200?
"""),
answer("explain_lookup", r"""
(1) The lookup is context-free and order-free: $E[\text{ids}]$ depends only on
the id, so "bank" in "river bank" and "bank account" starts from the same vector, and a
permuted sentence gives the same set of rows. Context must come from the layers after the
embedding (attention mixes positions), and word order from a position signal: adding
$P[:T]$ makes the vector of a token depend on where it stands (the two occurrences of "the"
differ), so attention can tell positions apart. (2) Positions $\ge 1{,}024$ have no row in
$P$: the lookup fails (or an implementation that wraps/clips silently reuses rows the model
never trained for that position). A learned table cannot extrapolate, since row 1,200 was
never trained; the model must be truncated, fine-tuned with a larger table, or use a position
scheme defined for every position (sinusoidal, RoPE, ALiBi).
""", r"""
1 point: the lookup ignores context and order, so context comes from
later layers (attention) and order only from the added position vectors, which make equal
tokens at different positions differ. 1 point: positions beyond $T_{\max}$ have no learned row
(error, or silent misuse), a learned table cannot extrapolate; naming a remedy (truncate,
extend and fine-tune, or a functional scheme such as sinusoidal, RoPE or ALiBi) is expected.
"""),
]

NOTEBOOK = notebook(cells)
