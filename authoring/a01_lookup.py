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
| $X = E[\text{ids}]$ | the looked-up vectors | you derive it in Exercise 1 |

$$X[b, t, :] = E[\text{ids}[b, t], :]$$

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, 2 for your explanation in (c)).
Each function you write is followed by a graded cell. The visible lines in that cell are *sanity
checks*: they catch common slips and say why, but they are not exhaustive. When your notebook is
graded, hidden checks run your function on other inputs (random tables, lists instead of arrays)
and compare it with a reference. A failed hidden check tells you the input, what was expected and
what you returned. One cell near the end (1 point) checks that every function rejects invalid
input.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.

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

### Exercise 1 · `lookup_shapes` (1 point · ★ · about 5 min)

Return a dict `{"E": ..., "ids": ..., "X": ...}` whose values are tuples of Python `int`s.
The sizes are Python or numpy integers; a size below 1 raises `ValueError` naming the size.

<details><summary>Hint 1</summary>

Read the formula $X[b, t, :] = E[\text{ids}[b, t], :]$: which indices does $X$ have, and over
how many values does each one run?

</details>

<details><summary>Hint 2</summary>

$b$ runs over the $B$ sequences, $t$ over the $T$ positions, and the last axis over the $d$
numbers of one row of $E$. The order of the axes is the order of the indices.

</details>

<details><summary>Hint 3</summary>

Validate first: for each size, `if value < 1: raise ValueError(f"V must be >= 1, got {value}")`
(with the size's own name). Convert with `int(...)` so that the tuples hold Python `int`s, and return
`{"E": (V, d), "ids": (B, T), "X": (B, T, d)}`.

</details>
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
md(r"""
### Exercise 2 · `attention_shapes`: predict, then check (2 points · ★★ · about 20 min)

The lookup is only the first step. Follow the batch one step further, through one multi-head
attention layer and the output layer, and **derive** the shape of every intermediate object.
No table gives them: work them out from what each operation does, write them down, and only
then run the check cell below, which builds the arrays for real.

With vocabulary size $V$, width $d$, batch size $B$, sequence length $T$ and $n_{\text{heads}}$
heads:

1. `X`: the looked-up batch, as in Exercise 1.
2. `W_Q`: the learned query matrix; it maps every position's vector of width $d$ to a query of
   the same width $d$, through the product `X @ W_Q`.
3. `Q = X @ W_Q`.
4. `Q_heads`: the heads split the width: each head gets $d_{\text{head}} = d / n_{\text{heads}}$
   consecutive coordinates of every query. The last axis is split into the two axes
   $(n_{\text{heads}}, d_{\text{head}})$, then the head axis is moved **in front of the positions**,
   so that every (sequence, head) pair owns one matrix of $T$ queries.
   (`K_heads` and `V_heads` are built the same way from $W_K$ and $W_V$.)
5. `scores = Q_heads @ K_heads.swapaxes(-1, -2) / sqrt(d_head)`: within each sequence and head, the
   query of every position against the key of every position.
6. `head_outputs = softmax(scores) @ V_heads`: every position's weighted average of the value
   vectors of its head.
7. `merged`: the heads moved back behind the positions and concatenated again.
8. `logits = merged @ E.T`: a tied output layer scores every token of the vocabulary at every
   position (the output projection $W_O$ and the feed-forward layers are left out: they keep
   the shape).

Return a dict with the keys `"X"`, `"W_Q"`, `"Q"`, `"Q_heads"`, `"scores"`, `"head_outputs"`,
`"merged"`, `"logits"` and tuples of Python `int`s as values. Sizes are integers $\ge 1$;
$n_{\text{heads}}$ must divide $d$, otherwise raise `ValueError` naming `n_heads`.

<details><summary>Hint 1</summary>

Follow one axis at a time. Which operations change only the **last** axis, which one turns one
axis into two, and which one compares positions with positions?

</details>

<details><summary>Hint 2</summary>

numpy's `@` keeps every leading (batch) axis and multiplies the last two:
$(\dots, n, k) \,@\, (k, m) \to (\dots, n, m)$ and $(\dots, n, k) \,@\, (\dots, k, m) \to (\dots, n, m)$.
Write the shape of each operand before you write the shape of the product.

</details>

<details><summary>Hint 3</summary>

`Q` keeps the shape of `X`. Splitting gives $(B, T, n_{\text{heads}}, d_{\text{head}})$, and moving
the heads in front of $T$ gives $(B, n_{\text{heads}}, T, d_{\text{head}})$. Then
$(\dots, T, d_{\text{head}}) \,@\, (\dots, d_{\text{head}}, T) \to (\dots, T, T)$ for the scores,
$(\dots, T, T) \,@\, (\dots, T, d_{\text{head}}) \to (\dots, T, d_{\text{head}})$ for the head outputs,
and $(B, T, d) \,@\, (d, V)$ for the logits.

</details>
"""),
solution("attention_shapes", r'''
def attention_shapes(V, d, B, T, n_heads):
    """Shapes met by a batch of token ids on its way through the embedding, one multi-head
    attention layer and a tied output layer.

    Parameters
    ----------
    V, d, B, T, n_heads : int
        Vocabulary size, width, batch size, sequence length and number of heads
        (each >= 1; n_heads divides d).

    Returns
    -------
    dict
        Keys "X", "W_Q", "Q", "Q_heads", "scores", "head_outputs", "merged", "logits";
        values are tuples of Python ints (the shapes you derived).

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not) or is < 1, or if
        n_heads does not divide d.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d, "B": B, "T": T, "n_heads": n_heads}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    V, d, B, T, n_heads = (int(sizes[k]) for k in ("V", "d", "B", "T", "n_heads"))
    if d % n_heads:
        raise ValueError(f"n_heads = {n_heads} must divide d = {d}")
    h = d // n_heads
    return {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
            "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
            "logits": (B, T, V)}
    ### END SOLUTION
'''),
test(A, "attention_shapes", 2, r'''
# Sanity checks for attention_shapes (the hidden checks use other sizes).
traced = attention_shapes(11, 12, 2, 5, 3)      # V=11, d=12, B=2, T=5, 3 heads of width 4
keys = {"X", "W_Q", "Q", "Q_heads", "scores", "head_outputs", "merged", "logits"}
assert isinstance(traced, dict) and set(traced) == keys, f"return a dict with the keys {sorted(keys)}, got {traced!r}"
assert traced["Q_heads"] != (2, 5, 3, 4), \
    "Q_heads is (B, T, n_heads, d_head): move the head axis in front of T, so each head owns a (T, d_head) matrix"
assert len(traced["scores"]) == 4 and traced["scores"][-2:] == (5, 5), \
    (f"the scores compare every position with every position, once per sequence and head: "
     f"4 axes ending in (T, T) = (5, 5); got {traced['scores']}")
assert traced["logits"][-1] == 11, f"the logits score every token of the vocabulary: the last axis is V = 11, got {traced['logits']}"
assert all(type(n) is int for shape in traced.values() for n in shape), "use tuples of Python ints"
print("attention_shapes: sanity checks passed; now run the next cell to compare with real arrays")
'''),
md(r"""
**Check your prediction.** The cell below builds the arrays of Exercise 2 with numpy for small
sizes and compares each shape with what your `attention_shapes` predicted. Where they differ,
find the step of your derivation that went wrong before you change the code.
"""),
code(r"""
V_t, d_t, B_t, T_t, heads_t = 11, 12, 2, 5, 3
rng_t = np.random.default_rng(7)
E_t = rng_t.normal(size=(V_t, d_t))
ids_t = rng_t.integers(0, V_t, size=(B_t, T_t))
W_Q_t, W_K_t, W_V_t = (rng_t.normal(size=(d_t, d_t)) for _ in range(3))

def split_heads(M):                                   # (B, T, d) -> (B, n_heads, T, d_head)
    return M.reshape(B_t, T_t, heads_t, d_t // heads_t).transpose(0, 2, 1, 3)

X_t = E_t[ids_t]
Q_t = X_t @ W_Q_t
Qh_t, Kh_t, Vh_t = split_heads(Q_t), split_heads(X_t @ W_K_t), split_heads(X_t @ W_V_t)
scores_t = Qh_t @ Kh_t.swapaxes(-1, -2) / np.sqrt(d_t // heads_t)
weights_t = np.exp(scores_t - scores_t.max(axis=-1, keepdims=True))
weights_t /= weights_t.sum(axis=-1, keepdims=True)
out_t = weights_t @ Vh_t
merged_t = out_t.transpose(0, 2, 1, 3).reshape(B_t, T_t, d_t)
actual = {"X": X_t, "W_Q": W_Q_t, "Q": Q_t, "Q_heads": Qh_t, "scores": scores_t,
          "head_outputs": out_t, "merged": merged_t, "logits": merged_t @ E_t.T}
try:
    predicted = attention_shapes(V_t, d_t, B_t, T_t, heads_t)
except NotImplementedError:
    print("Write attention_shapes first, then run this cell again.")
except Exception as err:
    print(f"attention_shapes raised {type(err).__name__}: {err}. Fix it, then run this cell again.")
else:
    for name, array in actual.items():
        guess = predicted.get(name) if isinstance(predicted, dict) else None
        verdict = "ok" if tuple(guess or ()) == array.shape else "<- differs"
        print(f"{name:13s} predicted {str(guess):18s} actual {str(array.shape):18s} {verdict}")
"""),
md(r"""
## (b) The lookup

### Exercise 3 · `embedding_lookup` (3 points · ★ · about 10 min)

Return $X = E[\text{ids}]$. The ids may have any shape $S$ (a single id, one sequence, a batch,
...); the result has shape $S + (d,)$. Two occurrences of the same id give identical rows:
the lookup knows nothing about context or position. Ids must have an integer dtype (a float
array raises even if its values are whole numbers, and booleans are not ids), and
$0 \le$ id $< V$; anything else raises `ValueError` (an `IndexError` is accepted for ids out of
range).

<details><summary>Hint 1</summary>

numpy can look up many rows at once with an *array* of indices. Before you use it, ask what it
does with an id of $-1$, and whether that is what a corrupted token id should do.

</details>

<details><summary>Hint 2</summary>

Indexing accepts $-1$ and silently returns the **last** row: the classic bug of this exercise.
Check the ids before you index: `np.issubdtype(ids.dtype, np.integer)` (and not `bool`), then
`ids.min() >= 0` and `ids.max() < V`, and raise a `ValueError` that names `ids`.

</details>

<details><summary>Hint 3</summary>

After the checks, `np.asarray(E, dtype=np.float64)[ids]` is the whole lookup, for ids of any
shape.

</details>
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
test(A, "embedding_lookup_values", 3, r'''
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
except Exception as err:
    print(f"embedding_lookup raised {type(err).__name__}: {err}. Fix it (the graded cell above says more), "
          "then run this cell again.")
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
### Exercise 4 · `add_learned_positions` (3 points · ★★ · about 15 min)

The lookup gives the same vector to a token wherever it stands. Models with **learned absolute
positions** (GPT-2, BERT) keep a second table $P$ of shape $(T_{\max}, d)$ and add row $t$ to the
token at position $t$:

$$H[b, t, :] = X[b, t, :] + P[t, :], \qquad t = 0, \dots, T-1 .$$

`X` is one sequence $(T, d)$ or a batch $(B, T, d)$. A sequence longer than the table
($T > T_{\max}$) has no rows for its last positions and must raise `ValueError`, as must a width
that differs from $d$.

<details><summary>Hint 1</summary>

Which rows of $P$ belong to a sequence of $T$ tokens? And which axis of `X` holds $T$, both when
`X` is $(T, d)$ and when it is $(B, T, d)$?

</details>

<details><summary>Hint 2</summary>

`X.shape[-2]` is $T$ in both cases (`X.shape[0]` is $B$ for a batch). Check that `P` is 2-D,
that `P.shape[1]` equals `X.shape[-1]`, and that $T \le$ `P.shape[0]`, with messages that name
`X` or `P`.

</details>

<details><summary>Hint 3</summary>

`X + P[:T]` adds row $t$ to position $t$, and numpy broadcasting repeats it for every sequence of
the batch.

</details>
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
test(A, "add_learned_positions_values", 3, r'''
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
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them (the graded cells above say more), "
          "then run this cell again.")
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
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong (for ids out of range an `IndexError` is accepted too). The hidden part of this cell calls
each of your four functions on invalid inputs (sizes below 1, a head count
that does not divide $d$, negative, too large, float or boolean ids, tables of the wrong
dimension, sequences longer than $T_{\max}$, mismatched widths), and on two valid inputs each,
which must still return.
"""),
test(A, ("lookup_shapes_invalid", "attention_shapes_invalid", "embedding_lookup_invalid",
         "add_learned_positions_invalid"), 1, grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: one invalid input per function (the hidden checks try many more).
invalid_calls = [
    ("lookup_shapes(0, 4, 2, 3)", lambda: lookup_shapes(0, 4, 2, 3), (ValueError,), "V = 0 is not a size"),
    ("attention_shapes(10, 10, 2, 3, 4)", lambda: attention_shapes(10, 10, 2, 3, 4), (ValueError,),
     "4 heads cannot split d = 10 coordinates evenly"),
    ("embedding_lookup(E, [[0, -1]])", lambda: embedding_lookup(np.arange(12.0).reshape(4, 3), np.array([[0, -1]])),
     (ValueError, IndexError), "-1 is not a token id (E[-1] silently reads the last row)"),
    ("add_learned_positions(X with T = 6, P with T_max = 5)",
     lambda: add_learned_positions(np.zeros((6, 4)), np.zeros((5, 4))), (ValueError,), "there is no row P[5]"),
]
for text, call, errors, why in invalid_calls:
    try:
        call()
    except errors as err:
        print(f"{text} raised {type(err).__name__} as it should: {err}")
    else:
        raise AssertionError(f"{text} returned a value, but {why}: raise ValueError naming the argument")
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
never trained. In practice the prompt is truncated or processed in windows of at most 1,024
tokens, or the table is extended (new rows initialised, for example by copying or interpolating
the trained ones) and the model fine-tuned on longer sequences. Switching to a scheme that is
defined for every position does not by itself solve the problem: sinusoidal encodings have a
vector for position 1,200 but models trained with them degrade beyond their training length
(Press et al., 2021, and notebook 07); RoPE needs position interpolation or a rescaled base plus
some fine-tuning; ALiBi was designed to extrapolate and degrades more gracefully.
""", r"""
1 point: the lookup ignores context and order, so context comes from
later layers (attention) and order only from the added position vectors, which make equal
tokens at different positions differ. 1 point: positions beyond $T_{\max}$ have no learned row
(error, or silent misuse), a learned table cannot extrapolate; naming a remedy (truncate or use
windows, or extend the table and fine-tune) is expected. An answer that offers sinusoidal
encodings or RoPE as a drop-in fix that "works for any length" loses half of this point: they
are defined for every position but degrade past the training length (ALiBi, or RoPE with
interpolation and fine-tuning, are acceptable when presented that way).
"""),
]

NOTEBOOK = notebook(cells)
