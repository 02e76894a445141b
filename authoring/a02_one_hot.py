"""Source of source/02_one_hot/02_one_hot.ipynb (write it with `python3 course.py author 02_one_hot`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "02_one_hot"
cells = [
md(r"""
# 02 · One-hot lookup equivalence

Textbooks often write the embedding layer as a matrix product. Write token id $v$ as the
**one-hot** vector $e_v \in \mathbb{R}^V$ (a 1.0 at position $v$, zeros elsewhere); then
$e_v^\top E$ is row $v$ of $E$. Stack the one-hot vectors of a batch into $O$ and the whole layer
is $X = O\,E$: a linear layer without bias whose input happens to be one-hot. Frameworks never
build $O$: they **index**, $X = E[\text{ids}]$. In this notebook you show that both routes give
the same numbers, count what the product would cost at GPT-2 scale, and derive the backward
pass, where the one-hot view tells you what indexing must do with repeated tokens.

| object | meaning | shape |
|---|---|---|
| $\text{ids}$ | token ids, $0 \le \text{id} < V$ | $S$, e.g. $(B, T)$ |
| $O = \text{one\_hot}(\text{ids}, V)$ | $O[s, v] = 1$ if $\text{ids}[s] = v$, else $0$ | $S + (V,)$ |
| $E$ | embedding table, row $v$ is the vector of token $v$ | $(V, d)$ |
| $X = O\,E = E[\text{ids}]$ | the looked-up vectors | Exercise 1 |
| $G = \partial L / \partial X$ | the gradient that arrives from the layers above | Exercise 1 |
| $\partial L / \partial E = O^\top G$ | the gradient of the table | Exercise 1 |

Here $s$ runs over every position of the batch (for ids of shape $(B, T)$, $s = (b, t)$), and
$O\,E$ multiplies along the last axis of $O$:

$$X[s, j] = \sum_{v=0}^{V-1} O[s, v]\, E[v, j] = E[\text{ids}[s], j], \qquad
\frac{\partial L}{\partial E[v, j]} = \sum_{s} O[s, v]\, G[s, j] = \sum_{s \,:\, \text{ids}[s] = v} G[s, j].$$

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 in autograded cells, 2 for your explanation).
Each function you write is followed by graded cells; one cell near the end (1 point) checks that
every function rejects invalid input. The visible lines in those cells are
*sanity checks*: they catch common slips and say why, but they are not exhaustive. When your
notebook is graded, hidden checks run your function on other inputs (random ids and tables,
lists instead of arrays, `float32` and `int32` inputs, repeated ids, invalid input) and compare
it with a reference. A failed hidden check tells you the input, what was expected, what you
returned and, when it recognises it, the mistake behind it.

Rules for every function: use numpy only; accept numpy arrays (any float dtype for tables and
gradients, any integer dtype for ids) or nested lists; return `float64` arrays (and Python
`int`s where a count is asked for); never modify an input; raise `ValueError` (with a message
naming the argument) on invalid input. Before you submit: *Kernel → Restart Kernel and Run All
Cells*.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.
"""),
setup(r"""
import time

import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)
"""),
md(r"""
## (a) Shapes: the one-hot matrix

One id becomes a vector of length $V$; ids of shape $S$ become an array of shape $S + (V,)$,
with the new axis **last**, so that the product with $E$ (shape $(V, d)$) contracts it:

$$O[s, v] = \begin{cases} 1.0 & \text{if } \text{ids}[s] = v \\ 0.0 & \text{otherwise} \end{cases}
\qquad \text{ids} \in \{0, \dots, V-1\}^S \;\longmapsto\; O \in \{0.0, 1.0\}^{S + (V,)} .$$

For a batch of $B = 2$ sequences of $T = 3$ ids and $V = 5$: ids $(2, 3)$, $O$ $(2, 3, 5)$, and
every $O[b, t, :]$ holds exactly one 1.0.
"""),
md(r"""
### Exercise 1 · `backward_shapes`: forward and back (1 point · ★★ · about 10 min)

Before any code, trace one batch of $B$ sequences of $T$ ids through the layer **and back**. Derive
each shape from the formulas above (nothing is tabulated) and return them as tuples of Python
`int`s under these keys:

* `"ids"`, `"O"`, `"X"`: the forward pass, $X = O\,E$;
* `"grad_X"`: $G = \partial L / \partial X$, one number for every number of $X$ that the loss depends on;
* `"O_rows"`, `"G_rows"`: $O$ and $G$ reshaped to one row per position (the $B\,T$ positions in a
  single axis), ready for an ordinary matrix product;
* `"dE"`: $\partial L / \partial E = $ `O_rows.T @ G_rows`.

Sizes are Python or numpy integers; a size below 1 raises `ValueError` naming it. The check cell
after the sanity checks builds the arrays and compares.

<details><summary>Hint 1</summary>

A gradient with respect to an array has one entry for every entry of that array. Which arrays
are $G$ and $\partial L / \partial E$ gradients of?

</details>

<details><summary>Hint 2</summary>

$G$ has the shape of $X$, and $\partial L / \partial E$ the shape of $E$. Flattening the batch puts
$B\,T$ in front; then `O_rows.T @ G_rows` is $(V, B\,T) \,@\, (B\,T, d)$.

</details>

<details><summary>Hint 3</summary>

`{"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d), "O_rows": (B * T, V),
"G_rows": (B * T, d), "dE": (V, d)}`, with every size checked and converted with `int(...)`.

</details>
"""),
solution("backward_shapes", r'''
def backward_shapes(B, T, V, d):
    """Shapes of the one-hot layer's forward pass (X = O E) and backward pass (dE = O^T G).

    Parameters
    ----------
    B, T, V, d : int
        Batch size, sequence length, vocabulary size and embedding width (each >= 1).

    Returns
    -------
    dict
        Keys "ids", "O", "X", "grad_X", "O_rows", "G_rows", "dE"; values are tuples of
        Python ints (the shapes you derived).

    Raises
    ------
    ValueError
        If a size is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"B": B, "T": T, "V": V, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, T, V, d = (int(sizes[k]) for k in ("B", "T", "V", "d"))
    return {"ids": (B, T), "O": (B, T, V), "X": (B, T, d), "grad_X": (B, T, d),
            "O_rows": (B * T, V), "G_rows": (B * T, d), "dE": (V, d)}
    ### END SOLUTION
'''),
test(A, "backward_shapes", 1, r'''
# Sanity checks for backward_shapes (the hidden checks use other sizes), then a check with real arrays.
traced = backward_shapes(2, 3, 5, 7)            # B=2, T=3, V=5, d=7
assert isinstance(traced, dict) and set(traced) == {"ids", "O", "X", "grad_X", "O_rows", "G_rows", "dE"}, \
    f"return a dict with the keys ids, O, X, grad_X, O_rows, G_rows, dE; got {traced!r}"
assert traced["dE"] != (2, 3, 7), "dE is a gradient with respect to E: it has the shape of E, not of X"
assert traced["O_rows"] != (5, 6), "O_rows has one row per position: (V, B*T) is already its transpose"
assert all(type(n) is int for shape in traced.values() for n in shape), "use tuples of Python ints"
rng_s = np.random.default_rng(5)
ids_s = rng_s.integers(0, 5, size=(2, 3))
O_s = (ids_s[..., None] == np.arange(5)).astype(float)
G_s = rng_s.normal(size=(2, 3, 7))
actual = {"ids": ids_s, "O": O_s, "X": O_s @ rng_s.normal(size=(5, 7)), "grad_X": G_s,
          "O_rows": O_s.reshape(6, 5), "G_rows": G_s.reshape(6, 7), "dE": O_s.reshape(6, 5).T @ G_s.reshape(6, 7)}
for name, array in actual.items():
    assert tuple(traced[name]) == array.shape, f"{name}: you predicted {traced[name]}, the real array is {array.shape}"
print("backward_shapes: sanity checks passed, and every prediction matches a real array")
'''),
md(r"""
### Exercise 2 · `one_hot` (2 points · ★ · about 15 min)

Return $O$ as a `float64` array of shape $S + (V,)$. `V` is a Python or numpy integer, and
`V < 1` raises; ids must have an integer dtype (booleans are not ids) and satisfy
$0 \le \text{id} < V$, else `ValueError` naming the argument (an `IndexError` is accepted for ids
out of range).

<details><summary>Hint 1</summary>

Start from an array of zeros of the final shape, then put a single 1.0 in each position's row.
Which argument fixes the length of the new last axis: `V`, or the largest id you were given?

</details>

<details><summary>Hint 2</summary>

The width is the argument `V`, not `max(ids) + 1` (what PyTorch's `F.one_hot` guesses when you do
not pass `num_classes`). The entries are the **floats** 0.0 and 1.0: `np.zeros(shape)` is
`float64`, but `np.zeros(shape, dtype=ids.dtype)` or `np.eye(V, dtype=int)` is an integer
matrix and `ids[..., None] == np.arange(V)` a boolean one. Check the ids before you build
anything: indexing reads id $-1$ as the last row, and the comparison route quietly returns a row
of zeros for an id $\ge V$.

</details>

<details><summary>Hint 3</summary>

After the checks, `(ids[..., None] == np.arange(V)).astype(np.float64)` is $O$ (or fill zeros
with `np.put_along_axis`). Avoid `np.eye(V)[ids]`: it builds a $V \times V$ identity first, for
$V = 50{,}257$ that is 2.5 billion entries, 20 GB in `float64`.

</details>
"""),
solution("one_hot", r'''
def one_hot(ids, V):
    """One-hot encode token ids.

    Parameters
    ----------
    ids : array_like of int, any shape S
        Token ids with 0 <= id < V (numpy array of any integer dtype, or nested lists).
    V : int
        Vocabulary size, an integer >= 1.

    Returns
    -------
    np.ndarray, shape S + (V,), dtype float64
        O with O[s, v] = 1.0 if ids[s] == v else 0.0 (a single 1.0 along the last axis).

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If V is not an integer >= 1 (bools and floats are not), or ids are not integers,
        negative or >= V.
    """
    ### BEGIN SOLUTION
    if isinstance(V, (bool, np.bool_)) or not isinstance(V, (int, np.integer)):
        raise ValueError(f"V must be an integer, got {V!r}")
    if V < 1:
        raise ValueError(f"V must be >= 1, got {V}")
    V = int(V)
    ids = np.asarray(ids)
    if ids.dtype == np.bool_ or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}, got values from {ids.min()} to {ids.max()}")
    O = np.zeros(ids.shape + (V,), dtype=np.float64)
    np.put_along_axis(O, ids[..., None].astype(np.intp), 1.0, axis=-1)
    return O
    ### END SOLUTION
'''),
test(A, "one_hot_values", 2, r'''
# Sanity checks for one_hot (not exhaustive: the hidden checks use other ids and sizes).
O_demo = one_hot(np.array([[0, 3], [3, 1], [2, 2]]), 5)      # B=3, T=2, V=5
assert isinstance(O_demo, np.ndarray), f"return a numpy array, got {type(O_demo).__name__}"
assert O_demo.shape == (3, 2, 5), \
    f"ids of shape (B, T) = (3, 2) and V = 5 give S + (V,) = (3, 2, 5), with the one-hot axis last; got {O_demo.shape}"
assert O_demo.dtype == np.float64, f"the entries are the floats 0.0 and 1.0 (float64), got dtype {O_demo.dtype}"
assert np.array_equal(O_demo.sum(axis=-1), np.ones((3, 2))), "every position has exactly one 1.0 along the last axis"
assert O_demo[1, 0, 3] == 1.0, "ids[1, 0] = 3, so O[1, 0] has its 1.0 in column 3"
assert one_hot(np.array([1, 0]), 4).shape == (2, 4), \
    "V is the argument (4 here), not max(ids) + 1 = 2: two ids give shape (2, 4)"
print("one_hot: sanity checks passed")
'''),
md(r"""
## (b) Computation

### Exercise 3 · `one_hot_lookup` (1 point · ★ · about 5 min)

Compute $X = O\,E$ with $O = $ `one_hot(ids, V)` and $V$ = the number of rows of $E$. In numpy,
`@` contracts the last axis of its left operand with the first axis of a 2-D right operand and
keeps all leading axes: $(S + (V,)) \,@\, (V, d) \to S + (d,)$ (a single id gives
$(V,) \,@\, (V, d) \to (d,)$). The result equals the lookup $E[\text{ids}]$ exactly: every sum
$\sum_v O[s, v] E[v, j]$ adds one entry of $E$ and $V - 1$ exact zeros.

<details><summary>Hint 1</summary>

Reuse what you have already written: which of your functions builds $O$ and checks the ids? What
is $V$ here, given only `E` and `ids`?

</details>

<details><summary>Hint 2</summary>

$V$ is the number of rows of `E`, `E.shape[0]` (not `max(ids) + 1`). Check yourself that `E` is a
2-D $(V, d)$ table: with a 1-D or 3-D `E`, `@` would still run and return something.

</details>

<details><summary>Hint 3</summary>

`one_hot(ids, E.shape[0]) @ E`, after converting `E` with `np.asarray(E, dtype=np.float64)` and
checking `E.ndim == 2`.

</details>
"""),
solution("one_hot_lookup", r'''
def one_hot_lookup(E, ids):
    """The embedding lookup computed as a product with the one-hot matrix.

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table (any float dtype, or nested lists).
    ids : array_like of int, any shape S
        Token ids with 0 <= id < V.

    Returns
    -------
    np.ndarray, shape S + (d,), dtype float64
        one_hot(ids, V) @ E, equal to the lookup E[ids].

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If E is not 2-D, or ids are not integers, negative or >= V.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    return one_hot(ids, E.shape[0]) @ E
    ### END SOLUTION
'''),
test(A, "one_hot_lookup_values", 1, r'''
# Sanity checks for one_hot_lookup: row v of this table is [3v, 3v+1, 3v+2].
E_demo = np.arange(15.0).reshape(5, 3)                        # V=5, d=3
ids_demo = np.array([[0, 4], [4, 2]])                         # B=2, T=2
X_demo = one_hot_lookup(E_demo, ids_demo)
assert isinstance(X_demo, np.ndarray) and X_demo.shape == (2, 2, 3), \
    f"ids (2, 2) and d = 3 give S + (d,) = (2, 2, 3), got {getattr(X_demo, 'shape', type(X_demo))}"
assert X_demo.dtype == np.float64, f"return float64, got {X_demo.dtype}"
assert np.array_equal(X_demo, E_demo[ids_demo]), "one_hot(ids, V) @ E must equal the lookup E[ids] exactly"
assert one_hot_lookup(E_demo, np.array([3, 1])).shape == (2, 3), \
    "V is E.shape[0] = 5 (not max(ids) + 1 = 4): 1-D ids of length 2 give shape (2, d)"
print("one_hot_lookup: sanity checks passed")
'''),
md(r"""
### Picture: the product selects rows

*"the cat sat on the mat"* in a toy vocabulary of $V = 8$ words with $d = 6$. Each row of $O$
(left) has a single 1.0, in the column of its token; multiplying by $E$ (middle) keeps exactly
that row of $E$, so $X = O\,E$ (right) is $E$'s rows in sentence order, with *the* twice.
"""),
code(r"""
vocab = ["<pad>", "the", "cat", "sat", "on", "mat", "dog", "log"]
sentence = "the cat sat on the mat".split()
ids_sentence = np.array([vocab.index(w) for w in sentence])
E_toy = np.round(np.random.default_rng(0).normal(size=(len(vocab), 6)), 2)

try:
    O_sentence = one_hot(ids_sentence, len(vocab))
    X_sentence = one_hot_lookup(E_toy, ids_sentence)
except NotImplementedError:
    print("Write one_hot and one_hot_lookup first, then run this cell again.")
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
else:
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.4), gridspec_kw={"width_ratios": [8, 6, 6]})
    axes[0].imshow(O_sentence, cmap="Greys", vmin=0, vmax=1)
    axes[0].set_xticks(range(len(vocab)), vocab, rotation=45)
    axes[0].set_yticks(range(len(sentence)), sentence)
    axes[0].set_title("O = one_hot(ids, V)   (T, V)")
    for ax, data, labels, title in [(axes[1], E_toy, vocab, "E   (V, d)"),
                                    (axes[2], X_sentence, sentence, "X = O @ E   (T, d)")]:
        im = ax.imshow(data, cmap="RdBu_r", vmin=-2.5, vmax=2.5)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("embedding dimension")
        ax.set_title(title)
    fig.colorbar(im, ax=axes[1:], shrink=0.8)
    plt.show()
    print("O @ E equals E[ids] exactly:", np.array_equal(X_sentence, E_toy[ids_sentence]))
"""),
md(r"""
### Exercise 4 · `one_hot_costs` (1 point · ★★ · about 15 min)

Same numbers, very different work. For a batch of $B$ sequences of $T$ tokens, count:

| key | what it counts | formula |
|---|---|---|
| `"one_hot_entries"` | entries of $O$, shape $(B, T, V)$, the zeros included | $B\,T\,V$ |
| `"matmul_flops"` | floating-point operations of $O\,E$ as a $(BT, V) \times (V, d)$ product | $2\,B\,T\,V\,d$ |
| `"lookup_copies"` | numbers the lookup copies: $B\,T$ rows of $d$ numbers | $B\,T\,d$ |

Each of the $B\,T\,d$ outputs $X[s, j] = \sum_v O[s, v] E[v, j]$ takes $V$ multiply-adds, and a
multiply-add counts as **2 FLOPs** (one multiplication, one addition; the convention behind the
"$2N$ FLOPs per token" of scaling-law papers). Return a dict with these three keys and Python
`int` values; the sizes are Python or numpy integers, and a size below 1 raises `ValueError`.

<details><summary>Hint 1</summary>

Count one output number first: how many multiply-adds does $X[s, j]$ take, and how many output
numbers are there? Then count what the lookup does instead of all that arithmetic.

</details>

<details><summary>Hint 2</summary>

Not $B\,T\,V\,d$ (that counts multiply-adds, not FLOPs) and not $(2V - 1)\,B\,T\,d$ (that counts
the $V - 1$ additions exactly; the convention rounds to $2V$). Validate the four sizes like the
sizes of notebook 01, and convert them with `int(...)` **before** multiplying: numpy integers in
the dict are not Python `int`s, and `int32` sizes overflow silently past
$2^{31} = 2{,}147{,}483{,}648$, far below the 632 billion FLOPs of the GPT-2 case below.

</details>

<details><summary>Hint 3</summary>

With `B, T, V, d = (int(x) for x in (B, T, V, d))` after the checks, return
`{"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}`.

</details>
"""),
solution("one_hot_costs", r'''
def one_hot_costs(B, T, V, d):
    """Cost of the one-hot product against the lookup for a batch of B x T tokens.

    Parameters
    ----------
    B, T, V, d : int
        Batch size, sequence length, vocabulary size and embedding width (each >= 1).

    Returns
    -------
    dict of Python ints
        {"one_hot_entries": B*T*V, "matmul_flops": 2*B*T*V*d, "lookup_copies": B*T*d}.

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"B": B, "T": T, "V": V, "d": d}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, T, V, d = (int(sizes[k]) for k in ("B", "T", "V", "d"))
    return {"one_hot_entries": B * T * V, "matmul_flops": 2 * B * T * V * d, "lookup_copies": B * T * d}
    ### END SOLUTION
'''),
test(A, "one_hot_costs", 1, r'''
# Sanity checks for one_hot_costs with B=2, T=3, V=5, d=7.
costs_demo = one_hot_costs(2, 3, 5, 7)
assert isinstance(costs_demo, dict) and set(costs_demo) == {"one_hot_entries", "matmul_flops", "lookup_copies"}, \
    f"return a dict with keys 'one_hot_entries', 'matmul_flops', 'lookup_copies', got {costs_demo!r}"
assert costs_demo["one_hot_entries"] == 30, "O has shape (B, T, V) = (2, 3, 5): 30 entries, the zeros included"
assert costs_demo["matmul_flops"] == 420, \
    f"B*T*d = 42 outputs, each V = 5 multiply-adds of 2 FLOPs: 2*2*3*5*7 = 420, got {costs_demo['matmul_flops']}"
assert costs_demo["lookup_copies"] == 42, "the lookup copies B*T = 6 rows of d = 7 numbers: 42"
assert all(type(v) is int for v in costs_demo.values()), "the values must be Python ints (use int(...))"
print("one_hot_costs: sanity checks passed")
'''),
md(r"""
### The cost table at GPT-2 scale

GPT-2 small has $V = 50{,}257$ tokens of width $d = 768$ and a context of $T = 1{,}024$; take a
batch of $B = 8$ sequences. Run the cell and read the ratio: it is the reason every framework
implements the embedding layer as an index (a *gather*), not as a product.
"""),
code(r"""
B, T, V, d = 8, 1024, 50257, 768
try:
    costs = one_hot_costs(B, T, V, d)
except NotImplementedError:
    print("Write one_hot_costs first, then run this cell again.")
except Exception as err:
    print(f"one_hot_costs raised {type(err).__name__}: {err}. Fix it, then run this cell again.")
else:
    print(f"B = {B}, T = {T:,}, V = {V:,}, d = {d}")
    for key, value in costs.items():
        print(f"  {key:16s} {value:>20,}")
    ratio = costs["matmul_flops"] / costs["lookup_copies"]
    print(f"matmul_flops / lookup_copies = {ratio:,.0f}   (= 2V = {2 * V:,}: independent of B, T and d)")
    print(f"O alone in float32: {4 * costs['one_hot_entries'] / 1e9:.2f} GB, "
          f"{costs['one_hot_entries'] / (V * d):.1f} times the size of the table E itself ({4 * V * d / 1e6:.0f} MB)")
    print("\nper token, for three real vocabularies:")
    for name, V_m, d_m in [("MiniLM / BERT", 30522, 384), ("GPT-2 small", 50257, 768), ("Llama 3 8B", 128256, 4096)]:
        per_token = one_hot_costs(1, 1, V_m, d_m)
        print(f"  {name:14s} V = {V_m:>7,}, d = {d_m:>4}: product {per_token['matmul_flops']:>13,} FLOPs, "
              f"lookup {per_token['lookup_copies']:>5,} copies, ratio {per_token['matmul_flops'] // per_token['lookup_copies']:>7,}")

    fig, axes = plt.subplots(1, 2, figsize=(12, 3.6))
    labels = ["one_hot_entries\n(memory of O)", "matmul_flops\n(O @ E)", "lookup_copies\n(E[ids])"]
    bars = axes[0].bar(labels, list(costs.values()), color=["tab:gray", "tab:red", "tab:green"])
    axes[0].set_yscale("log")
    axes[0].bar_label(bars, labels=[f"{v:.3g}" for v in costs.values()])
    axes[0].set_ylim(1e5, 1e13)
    axes[0].set_title(f"one batch at GPT-2 scale (B={B}, T={T:,}, V={V:,}, d={d})")
    V_range = np.unique(np.geomspace(1000, 300000, 30).astype(int))
    per_token = [one_hot_costs(1, 1, int(v), d) for v in V_range]
    axes[1].loglog(V_range, [c["matmul_flops"] for c in per_token], color="tab:red", label="O @ E: FLOPs per token")
    axes[1].loglog(V_range, [c["lookup_copies"] for c in per_token], color="tab:green", label="E[ids]: copies per token")
    for name, V_m in [("MiniLM", 30522), ("GPT-2", 50257), ("Llama 3", 128256)]:
        axes[1].axvline(V_m, color="gray", lw=0.8, ls=":")
        axes[1].text(V_m, 3e3, name, rotation=90, va="bottom", ha="right", fontsize=8)
    axes[1].set_xlabel("vocabulary size V")
    axes[1].set_title(f"cost per token against V (d = {d})")
    axes[1].legend(loc="center left")
    plt.show()
"""),
md(r"""
### Measure it

The same product and the same lookup timed on this machine, for 256 tokens, $V = 10{,}000$ and
$d = 64$. The product is written inline (it is what your `one_hot_lookup` computes), so the cell
runs before your functions do. The times depend on the machine and on what else it is doing;
the gap does not go away.
"""),
code(r"""
def best_time(f, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)

rng_time = np.random.default_rng(2)
n_tok, V_time, d_time = 256, 10000, 64
E_time = rng_time.normal(size=(V_time, d_time))
ids_time = rng_time.integers(0, V_time, size=n_tok)

def product():
    O = np.zeros((n_tok, V_time))
    O[np.arange(n_tok), ids_time] = 1.0
    return O @ E_time

def lookup():
    return E_time[ids_time]

assert np.array_equal(product(), lookup())
t_product, t_lookup = best_time(product), best_time(lookup)
print(f"one-hot product: {1e3 * t_product:8.3f} ms   ({2 * n_tok * V_time * d_time:,} FLOPs)")
print(f"lookup E[ids]:   {1e3 * t_lookup:8.3f} ms   ({n_tok * d_time:,} numbers copied)")
print(f"the product is about {t_product / t_lookup:,.0f} times slower here, for the same X")
"""),
md(r"""
### Exercise 5 · `embedding_backward` (4 points · ★★★ · about 25 min)

In training, the layers above send back $G = \partial L / \partial X$, one row of $d$ numbers per
position. Since $X = O\,E$ is a product, its gradient with respect to $E$ is the familiar one of
a linear layer, $\partial L / \partial E = O^\top G$, that is

$$\frac{\partial L}{\partial E[v, :]} = \sum_{s \,:\, \text{ids}[s] = v} G[s, :] .$$

Two consequences: a row of $E$ that no position looked up gets gradient 0 (the gradient is
*sparse*), and a token that occurs several times gets the **sum** of the gradients of all its
occurrences. Frameworks do not build $O^\top$ either: they scatter-add the rows of $G$ into a
zero $(V, d)$ array.

Return $\partial L / \partial E$, shape $(V, d)$, `float64`, for ids of any shape $S$ and
`grad_X` of shape $S + (d,)$. Invalid ids or `V` (as in Exercise 2) and a `grad_X` whose shape
is not `ids.shape + (d,)` raise `ValueError`.

<details><summary>Hint 1</summary>

Work it out on paper for ids `[0, 1, 0]`: which rows of $G$ end up in row 0 of
$\partial L / \partial E$, and what happens to them there? Then ask whether your numpy expression
really does that when an id repeats.

</details>

<details><summary>Hint 2</summary>

The obvious `dE[ids] += grad_X` is wrong as soon as an id repeats: numpy evaluates it as
`dE[ids] = dE[ids] + grad_X`, so a repeated row is written several times and only the last write
survives (numpy's documentation: `a[[0, 0]] += 1` increments the element once). Do not divide by
the number of occurrences either: the sum is the gradient (PyTorch's `nn.Embedding` rescales by
frequency only if you ask for it, `scale_grad_by_freq=True`).

</details>

<details><summary>Hint 3</summary>

Flatten the positions and accumulate: `np.add.at(dE, ids.ravel(), grad_X.reshape(-1, d))`
(or a loop that adds row by row) into `dE = np.zeros((V, d))`. Check the shape of `grad_X`
yourself first: `np.add.at` broadcasts, so a `grad_X` of shape $(T, d)$ for ids $(B, T)$ would be
accepted silently.

</details>
"""),
solution("embedding_backward", r'''
def embedding_backward(ids, grad_X, V):
    """Gradient of the loss with respect to the embedding table E, for X = E[ids].

    Parameters
    ----------
    ids : array_like of int, any shape S
        Token ids with 0 <= id < V.
    grad_X : array_like, shape S + (d,)
        dL/dX, one row of d numbers per position (any float dtype, or nested lists).
    V : int
        Vocabulary size (the number of rows of E), an integer >= 1.

    Returns
    -------
    np.ndarray, shape (V, d), dtype float64
        dE with dE[v] = sum of grad_X[s] over every position s with ids[s] == v
        (repeated ids accumulate; rows never looked up are 0).

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If V is not an integer >= 1, ids are not integers, negative or >= V, or
        grad_X does not have shape ids.shape + (d,).
    """
    ### BEGIN SOLUTION
    if isinstance(V, (bool, np.bool_)) or not isinstance(V, (int, np.integer)):
        raise ValueError(f"V must be an integer, got {V!r}")
    if V < 1:
        raise ValueError(f"V must be >= 1, got {V}")
    V = int(V)
    ids = np.asarray(ids)
    if ids.dtype == np.bool_ or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must have an integer dtype, got {ids.dtype}")
    if (ids < 0).any() or (ids >= V).any():
        raise ValueError(f"ids must satisfy 0 <= id < V = {V}, got values from {ids.min()} to {ids.max()}")
    grad_X = np.asarray(grad_X, dtype=np.float64)
    if grad_X.ndim != ids.ndim + 1 or grad_X.shape[:-1] != ids.shape:
        raise ValueError(f"grad_X must have shape ids.shape + (d,) = {ids.shape} + (d,), got {grad_X.shape}")
    d = grad_X.shape[-1]
    dE = np.zeros((V, d), dtype=np.float64)
    np.add.at(dE, ids.reshape(-1), grad_X.reshape(-1, d))
    return dE
    ### END SOLUTION
'''),
test(A, "embedding_backward_values", 2, r'''
# Sanity checks for embedding_backward, every id once: ids (B=2, T=2), d=3, V=6.
G_demo = np.arange(12.0).reshape(2, 2, 3)
dE_demo = embedding_backward(np.array([[0, 3], [4, 1]]), G_demo, 6)
assert isinstance(dE_demo, np.ndarray) and dE_demo.shape == (6, 3), \
    f"dE has the shape of E, (V, d) = (6, 3), got {getattr(dE_demo, 'shape', type(dE_demo))}"
assert dE_demo.dtype == np.float64, f"return float64, got {dE_demo.dtype}"
assert np.array_equal(dE_demo[3], G_demo[0, 1]), "id 3 occurs once, at position [0, 1]: dE[3] = grad_X[0, 1]"
assert not dE_demo[[2, 5]].any(), "ids 2 and 5 are never looked up: their rows of dE are 0"
print("embedding_backward (distinct ids): sanity checks passed")
'''),
test(A, "embedding_backward_repeated_ids", 2, r'''
# Sanity checks with a repeated id: "the cat sat on the mat", id 0 ("the") at positions 0 and 4.
ids_rep = np.array([0, 1, 2, 3, 0, 4])
dE_rep = embedding_backward(ids_rep, np.ones((6, 2)), 5)
assert np.array_equal(dE_rep[0], [2.0, 2.0]), \
    f"'the' occurs twice, so dE[0] = grad_X[0] + grad_X[4] = [2, 2]; got {dE_rep[0]} (dE[ids] += grad_X keeps only one)"
assert dE_rep.sum() == 12.0, "every position's gradient lands in some row: the total of dE is the total of grad_X"
print("embedding_backward (repeated ids): sanity checks passed")
'''),
md(r"""
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong (for ids out of range an `IndexError` is accepted too). The hidden part of this cell calls
each of your five functions on invalid inputs (negative, too large, float or boolean ids; `V` or
other sizes below 1; a table that is not 2-D; a `grad_X` whose shape does
not fit the ids), and on two valid inputs each, which must still return.
"""),
test(A, ("backward_shapes_invalid", "one_hot_invalid", "one_hot_lookup_invalid", "one_hot_costs_invalid",
         "embedding_backward_invalid"), 1,
     grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: invalid inputs for each function (the hidden checks try many more).
invalid_calls = [
    ("backward_shapes(2, 3, 0, 7)", lambda: backward_shapes(2, 3, 0, 7), (ValueError,), "V = 0 is not a size"),
    ("one_hot([0, -1], 5)", lambda: one_hot(np.array([0, -1]), 5), (ValueError, IndexError),
     "-1 is not an id (np.eye(5)[-1] would silently be the last row)"),
    ("one_hot([0, 7], 5)", lambda: one_hot(np.array([0, 7]), 5), (ValueError, IndexError),
     "id 7 needs V >= 8"),
    ("one_hot_lookup(1-D E, [0, 1])", lambda: one_hot_lookup(np.arange(5.0), np.array([0, 1])), (ValueError,),
     "E must be a (V, d) table (O @ E would still run and return a vector)"),
    ("one_hot_costs(8, 1024, 0, 768)", lambda: one_hot_costs(8, 1024, 0, 768), (ValueError,),
     "a vocabulary of V = 0 tokens is not a size"),
    ("embedding_backward(ids (2, 3), grad_X (3, 2, 4), 5)",
     lambda: embedding_backward(np.array([[0, 2, 1], [3, 3, 0]]), np.zeros((3, 2, 4)), 5), (ValueError,),
     "grad_X must have shape ids.shape + (d,) = (2, 3, d)"),
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
### Check the gradient two ways

Take the loss $L(E) = \sum_s X[s] \cdot G[s]$ with $X = E[\text{ids}]$ (its gradient with respect
to $X$ is exactly $G$). The cell compares your `embedding_backward` with the one-hot formula
$O^\top G$ and with central finite differences $\big(L(E + \varepsilon e_{vj}) - L(E - \varepsilon e_{vj})\big) / 2\varepsilon$,
on ids where token 0 occurs three times. The last line shows what `dE[ids] += G` would give.
"""),
code(r"""
rng_check = np.random.default_rng(3)
V_c, d_c = 5, 3
ids_c = np.array([[0, 3, 0], [4, 0, 1]])             # token 0 three times, token 2 never
E_c = rng_check.normal(size=(V_c, d_c))
G_c = rng_check.normal(size=ids_c.shape + (d_c,))

def loss(E):
    return float(np.sum(E[ids_c] * G_c))

try:
    dE_yours = embedding_backward(ids_c, G_c, V_c)
    dE_onehot = one_hot(ids_c, V_c).reshape(-1, V_c).T @ G_c.reshape(-1, d_c)     # O^T G
except NotImplementedError:
    print("Write one_hot and embedding_backward first, then run this cell again.")
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
else:
    eps = 1e-6
    dE_numeric = np.zeros((V_c, d_c))
    for v in range(V_c):
        for j in range(d_c):
            E_plus, E_minus = E_c.copy(), E_c.copy()
            E_plus[v, j] += eps
            E_minus[v, j] -= eps
            dE_numeric[v, j] = (loss(E_plus) - loss(E_minus)) / (2 * eps)
    dE_naive = np.zeros((V_c, d_c))
    dE_naive[ids_c] += G_c
    print(f"max |yours - O^T G|                    = {np.abs(dE_yours - dE_onehot).max():.2e}")
    print(f"max |yours - finite differences|       = {np.abs(dE_yours - dE_numeric).max():.2e}")
    print(f"max |dE[ids] += G - finite differences| = {np.abs(dE_naive - dE_numeric).max():.2e}   <- loses repeats")
"""),
md(r"""
### Picture: the gradient counts the tokens

With $d = 1$ and $G = 1$ at every position, row $v$ of $\partial L / \partial E$ is simply the
number of times token $v$ occurs: the backward pass is a (weighted) histogram of the batch.
`dE[ids] += G` flattens every count to 1.
"""),
code(r"""
text = "the cat sat on the mat and the dog sat on the log".split()
vocab_h = sorted(set(text))
ids_h = np.array([vocab_h.index(w) for w in text])
try:
    counts_yours = embedding_backward(ids_h, np.ones((len(text), 1)), len(vocab_h))[:, 0]
except NotImplementedError:
    print("Write embedding_backward first, then run this cell again.")
except Exception as err:
    print(f"embedding_backward raised {type(err).__name__}: {err}. Fix it, then run this cell again.")
else:
    counts_naive = np.zeros(len(vocab_h))
    counts_naive[ids_h] += 1.0
    x = np.arange(len(vocab_h))
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.bar(x - 0.2, counts_yours, width=0.4, label="embedding_backward (sums)")
    ax.bar(x + 0.2, counts_naive, width=0.4, label="dE[ids] += G (last write wins)")
    ax.set_xticks(x, vocab_h)
    ax.set_ylabel("dE[v]  with d = 1, G = 1")
    ax.legend()
    plt.show()
"""),
md(r"""
### Real embeddings: all-MiniLM-L6-v2

The same three functions on a real table: the 30,522 × 384 word-piece embeddings of
all-MiniLM-L6-v2 (a BERT-family model; ids 101 and 102 are `[CLS]` and `[SEP]`). Nothing graded
depends on this cell; if the model package is missing it only prints how to install it.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()
except ImportError as err:
    print("The real-embedding section is skipped here:", err)
else:
    words = "the cat sat on the mat".split()
    ids_real = np.array([101] + [real.id(w) for w in words] + [102])
    V_real, d_real = real.tokens.shape
    try:
        X_real = one_hot_lookup(real.tokens, ids_real)
        dE_real = embedding_backward(ids_real, np.ones((len(ids_real), d_real)), V_real)
        costs_real = one_hot_costs(8, 512, V_real, d_real)
    except NotImplementedError:
        print("Write one_hot_lookup, one_hot_costs and embedding_backward first, then run this cell again.")
    except Exception as err:
        print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
    else:
        print(f"MiniLM table E: V = {V_real:,}, d = {d_real}; ids = {ids_real.tolist()}")
        print("one_hot_lookup(E, ids) equals E[ids] exactly:", np.array_equal(X_real, real.tokens[ids_real]))
        touched = np.flatnonzero(np.abs(dE_real).sum(axis=1))
        print(f"rows of E with a nonzero gradient: {len(touched)} of {V_real:,}:", [real.vocab[i] for i in touched])
        print(f"dE row of 'the' (twice in the sentence), first entries: {dE_real[real.id('the'), :3]}")
        print(f"a batch of 8 x 512 tokens: the product would take {costs_real['matmul_flops']:,} FLOPs, the lookup "
              f"copies {costs_real['lookup_copies']:,} numbers; at most {8 * 512:,} of the {V_real:,} rows "
              f"({8 * 512 / V_real:.0%}) can receive a gradient in that step")
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below, using numbers from your cost table:

1. `one_hot(ids, V) @ E` and `E[ids]` give exactly the same $X$. Why does every framework
   implement the embedding layer as an index rather than as the product? Give both costs that
   matter at GPT-2 scale (arithmetic and memory) and say how each route scales with $V$.
2. In one training step on a batch of $8 \times 1{,}024$ tokens, at most how many of GPT-2's
   50,257 rows of $E$ can receive a nonzero gradient? What does that mean for rare tokens, and
   what would go wrong in training if the backward pass wrote `dE[ids] = G` instead of adding?
"""),
answer("explain_one_hot", r"""
(1) The product spends $2V$ FLOPs on every output number, of which all but one term
are multiplications by 0: at GPT-2 scale $2BTVd \approx 6.3 \times 10^{11}$ FLOPs against
$BTd = 6{,}291{,}456$ copied numbers, a ratio of $2V = 100{,}514$. It also needs $O$ in memory:
$BTV = 411{,}705{,}344$ entries, 1.65 GB in float32, more than ten times the 154 MB table
itself. The lookup (a gather) gives the same $X$ bit for bit at a cost of $BTd$,
independent of $V$, so a larger vocabulary makes the input layer bigger but not slower; the
product would grow linearly with $V$ in time and memory. The one-hot view stays useful for the
mathematics (the layer is linear, its gradient is $O^\top G$), not for computing. (2) Only
rows of ids present in the batch get a gradient: at most $B T = 8{,}192$ of 50,257 rows (16%),
usually far fewer because frequent tokens repeat. Every other row gets a zero gradient in that
step: a rare token's row **receives gradient** only in the few steps where it appears, so it
learns little from the data and can stay close to its initialisation (undertrained "glitch"
tokens). That is not the same as "its row only changes when it appears": with plain SGD it is,
but with Adam or AdamW the momentum of earlier gradients keeps moving the row for many steps
after its token was last seen, and decoupled weight decay shrinks every row at every step
(PyTorch's `SparseAdam` with `nn.Embedding(sparse=True)` exists to update only the rows that were
looked up). Frequent tokens collect the sum over all their occurrences. With `dE[ids] = G` each token would keep the gradient of one occurrence (the last
write), not the sum: frequent tokens would get gradients too small by a factor of their count,
so the update is no longer the gradient of the loss, and training silently goes wrong (a
finite-difference check exposes it).
""", r"""
1 point: the cost argument with numbers: the ratio of about $10^5$ ($2V$) or the
632 billion FLOPs against 6.3 million copies, and the memory of $O$ (about 0.4 billion entries,
1.6 GB in float32, or larger than $E$); the lookup gives identical results and its cost does not
grow with $V$. 1 point: at most $B T = 8{,}192$ rows (about 16%) get a nonzero gradient, the
others 0, so rare tokens rarely receive gradient (learn little); repeated ids must sum, and
`dE[ids] = G` keeps one occurrence only, giving wrong (too small) gradients for frequent tokens.
"The row is updated only when the token appears" is accepted only if limited to plain SGD (with
Adam/AdamW, momentum and weight decay keep changing the row); do not deduct if the answer simply
does not discuss the optimizer.
"""),
]

NOTEBOOK = notebook(cells)
