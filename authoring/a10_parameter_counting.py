"""Source of source/10_parameter_counting/10_parameter_counting.ipynb (write it with `python3 course.py author 10_parameter_counting`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "10_parameter_counting"
cells = [
md(r"""
# 10 · Counting embedding parameters, and tied embeddings

An embedding table is a plain matrix: $V$ rows of $d$ learned numbers. A language model has up
to four matrices of that kind, and for small models they are a large part of the whole model.

| object | meaning |
|---|---|
| $E$ | token table: row $v$ is the input vector of token $v$ |
| $P$ | learned positions (GPT-2, BERT): row $t$ is added at position $t$ |
| $S$ | token types (BERT's segments A/B) |
| $W_{\text{out}}$ | output head: logits $z = W_{\text{out}} h$, one per token; tied: $W_{\text{out}} = E$ |

Their shapes, and the shapes of the activations that flow through them, are yours to derive in (a).

With **tied embeddings** (Press and Wolf, 2017; Inan et al., 2017) the output head *is* the token
table: the logit of token $v$ is $z_v = E[v] \cdot h$, and the model stores one $(V, d)$ matrix
instead of two. GPT-2 ties; LLaMA-style 7B models do not.

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, one of them for invalid input, and 2
graded by hand). Stars rate each exercise (★ routine, ★★ needs care, ★★★ hard) and the time is a
rough estimate. Hints are folded: open one at a time, they go from a nudge to the answer. Each function you write is followed by a graded
cell. The visible lines in that cell are *sanity checks*: they catch common slips and say why,
but they are not exhaustive. When your notebook is graded, hidden checks run your function on
other inputs (real model sizes, numpy integers, unknown dtypes, invalid sizes) and compare it
with a reference. A failed hidden check tells you the input, what was expected and what you
returned, and names the mistake when it recognises it.

Rules for every function: use numpy only; counts and byte sizes are Python `int`s (not numpy
integers: `int(...)`); arrays are `float64`; never modify an input; raise `ValueError` (with a
message naming the argument) on invalid input. Before you submit: *Kernel → Restart Kernel and
Run All Cells*.
"""),
setup(r"""
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# Embedding-sized tables of some real models: (V, d, n_positions, n_token_types, tied).
MODELS = {
    "course example": (8_449, 768, 1_024, 0, False),
    "GPT-2 small": (50_257, 768, 1_024, 0, True),
    "BERT-base": (30_522, 768, 512, 2, True),
    "7B (LLaMA-style)": (32_000, 4_096, 0, 0, False),
}
# All parameters of two of them (Hugging Face's num_parameters()), for the shares in (c).
ALL_PARAMS = {"GPT-2 small": 124_439_808, "7B (LLaMA-style)": 6_738_415_616}
"""),
md(r"""
## (a) Shapes and counts

Follow a batch through the embedding layers of a GPT-2-style model. The input is a batch of $B$
sequences of $T$ token ids. The lookup $E[\text{ids}]$ replaces every id by its row of $E$; the
position table has one row for every position the model can handle ($n_{\text{pos}}$ of them) and a
sequence of $T$ tokens adds its first $T$ rows, the same for every sequence of the batch. The
transformer layers keep the shape of their input. At the end, the output head turns every hidden
vector into one logit per vocabulary entry; when it is tied, it *is* $E$, used the other way round.

### Exercise 1 · `embedding_shapes` (2 points · ★ · about 10 min)

Predict, then check. Return a dict of tuples of Python `int`s with the shapes of `"ids"`, `"E"`,
`"X"` (the looked-up token vectors), `"P"` (the whole position table), `"X_plus_P"` (token vectors
plus positions), `"lm_head"` (the output head's matrix, stored like $E$) and `"logits"`. Sizes are
integers $\ge 1$ (`bool` is not one); $T > n_{\text{pos}}$ raises `ValueError` (there is no row for
those positions).

<details><summary>Hint 1</summary>

Indexing a table with an array of ids gives the shape of the ids followed by the width of one row.
</details>

<details><summary>Hint 2</summary>

`P[:T]` is $(T, d)$ and broadcasts over the batch when added to `X`. A tied head can be $E$ itself
only if it has $E$'s shape; the logits are `h @ W_out.T`, one per vocabulary entry at each position.
</details>
"""),
solution("embedding_shapes", r'''
def embedding_shapes(B, T, V, d, n_positions):
    """Shapes from token ids to logits in a model with learned positions.

    Parameters
    ----------
    B, T, V, d, n_positions : int
        Batch size, sequence length, vocabulary size, width, rows of the position table
        (each >= 1); T <= n_positions.

    Returns
    -------
    dict
        Tuples of Python ints for the keys "ids", "E", "X", "P", "X_plus_P", "lm_head", "logits".

    Raises
    ------
    ValueError
        If a size is not an integer >= 1 (bools are not) or T > n_positions.
    """
    ### BEGIN SOLUTION
    sizes = {"B": B, "T": T, "V": V, "d": d, "n_positions": n_positions}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    B, T, V, d, n_pos = (int(sizes[k]) for k in ("B", "T", "V", "d", "n_positions"))
    if T > n_pos:
        raise ValueError(f"T = {T} > n_positions = {n_pos}: the position table has no row for the later positions")
    return {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (n_pos, d), "X_plus_P": (B, T, d),
            "lm_head": (V, d), "logits": (B, T, V)}
    ### END SOLUTION
'''),
test(A, "embedding_shapes", 2, r'''
# Sanity checks for embedding_shapes: GPT-2 small, a batch of 4 sequences of 100 tokens.
shapes = embedding_shapes(4, 100, 50_257, 768, 1_024)
assert isinstance(shapes, dict) and set(shapes) == {"ids", "E", "X", "P", "X_plus_P", "lm_head", "logits"}, \
    f"return a dict with keys ids, E, X, P, X_plus_P, lm_head, logits; got {shapes!r}"
assert shapes["ids"] == (4, 100), f"ids: B sequences of T ids, got {shapes['ids']}"
assert shapes["P"][0] == 1_024, "the position table has a row for every position the model handles, not only T"
assert shapes["logits"] != (4, 100, 768), "the head gives one logit per vocabulary entry, not one per dimension"
print("embedding_shapes: sanity checks passed")
'''),
code(r"""
# Run the embedding layers on small sizes with plain numpy and compare with your prediction.
B_s, T_s, V_s, d_s, n_pos_s = 2, 3, 7, 4, 5
rng_s = np.random.default_rng(0)
ids_s = rng_s.integers(0, V_s, size=(B_s, T_s))
E_s = rng_s.normal(size=(V_s, d_s))
P_s = rng_s.normal(size=(n_pos_s, d_s))
X_s = E_s[ids_s]
X_plus_P_s = X_s + P_s[:T_s]
logits_s = X_plus_P_s @ E_s.T          # tied head; the transformer layers would keep the shape
actual = {"ids": ids_s.shape, "E": E_s.shape, "X": X_s.shape, "P": P_s.shape, "X_plus_P": X_plus_P_s.shape,
          "lm_head": E_s.shape, "logits": logits_s.shape}
try:
    predicted = embedding_shapes(B_s, T_s, V_s, d_s, n_pos_s)
except NotImplementedError:
    print("Write embedding_shapes first, then run this cell again. The shapes here:", actual)
except Exception as err:
    print(f"embedding_shapes raised {type(err).__name__}: {err}")
else:
    for key, shape in actual.items():
        verdict = "ok" if predicted.get(key) == shape else f"you predicted {predicted.get(key)}"
        print(f"{key:9s} {str(shape):11s} {verdict}")
"""),
md(r"""
## Counting

Every table is a matrix with $d$ columns, so its parameter count is its number of rows times $d$.
A $50{,}000 \times 4{,}096$ table has $204{,}800{,}000$ parameters, more than all twelve
transformer layers of GPT-2 small together (about 85 million).

### Exercise 2 · `embedding_params` (1 point · ★ · about 5 min)

Return $V \cdot d$ as a Python `int`. `V` and `d` are integers $\ge 1$ (Python or numpy;
`bool` and floats raise `ValueError`).

<details><summary>Hint 1</summary>

Numpy integers have a fixed width. What happens when the product does not fit?
</details>

<details><summary>Hint 2</summary>

Two `np.int32` sizes multiply in 32 bits, and $256{,}000 \times 16{,}384$ silently wraps around
$2^{31}$. Convert the sizes **before** multiplying, `int(V) * int(d)`: Python ints never overflow.
</details>
"""),
solution("embedding_params", r'''
def embedding_params(V, d):
    """Number of parameters of a (V, d) embedding table.

    Parameters
    ----------
    V, d : int
        Vocabulary size and embedding width (each >= 1; Python or numpy integers).

    Returns
    -------
    int
        V * d, a Python int.

    Raises
    ------
    ValueError
        If V or d is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    for name, value in (("V", V), ("d", d)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    return int(V) * int(d)
    ### END SOLUTION
'''),
test(A, "embedding_params", 1, r'''
# Sanity checks for embedding_params.
n_demo = embedding_params(50_000, 4_096)
assert type(n_demo) is int, f"return a Python int (use int(...)), got {type(n_demo).__name__}"
assert n_demo == 204_800_000, f"a 50,000 x 4,096 table has 50,000 * 4,096 = 204,800,000 parameters, got {n_demo:,}"
assert embedding_params(np.int32(256_000), np.int32(16_384)) == 4_194_304_000, \
    "256,000 x 16,384 = 4,194,304,000: convert numpy int32 sizes with int(...) before multiplying (overflow)"
print("embedding_params: sanity checks passed")
'''),
md(r"""
### Exercise 3 · `model_embedding_params` (2 points · ★ · about 10 min)

Count every embedding-sized table of a model and return a dict of Python `int`s:

| key | count |
|---|---|
| `"token"` | $V d$ |
| `"position"` | $n_{\text{pos}}\, d$ with $n_{\text{pos}}$ = `n_positions` |
| `"token_type"` | $n_{\text{types}}\, d$ with $n_{\text{types}}$ = `n_token_types` |
| `"lm_head"` | $0$ when `tied`, $V d$ when untied |
| `"total"` | the sum of the four |

The output head has no bias here. `V` and `d` are integers
$\ge 1$; `n_positions` and `n_token_types` are integers $\ge 0$ (0: the model has no such
table); anything else raises `ValueError`. `tied` is a bool (the checks pass nothing else).

Worked numbers: a model with $V = 8{,}449$, $d = 768$ and $1{,}024$ learned positions has
$6{,}488{,}832 + 786{,}432 = 7{,}275{,}264$ embedding parameters *before* its untied output
head, which adds another $6{,}488{,}832$. GPT-2 small ($V = 50{,}257$, $d = 768$, tied) has
$38{,}597{,}376$ token parameters, and its head adds none.

<details><summary>Hint 1</summary>

"Tied" means the *same* matrix is used twice: count it once.
</details>

<details><summary>Hint 2</summary>

After checking the sizes: `"lm_head": 0 if tied else V * d`, the other three tables rows times `d`,
and `"total"` the sum of the four (all Python ints).
</details>
"""),
solution("model_embedding_params", r'''
def model_embedding_params(V, d, n_positions=0, n_token_types=0, tied=True):
    """Parameters of a model's embedding tables and output head.

    Parameters
    ----------
    V, d : int
        Vocabulary size and embedding width (each >= 1).
    n_positions : int, default 0
        Rows of the learned position table (>= 0; 0 = no table).
    n_token_types : int, default 0
        Rows of the token-type (segment) table (>= 0; 0 = no table).
    tied : bool, default True
        Whether the output head reuses the token table.

    Returns
    -------
    dict of Python ints
        {"token": V*d, "position": n_positions*d, "token_type": n_token_types*d,
         "lm_head": 0 if tied else V*d, "total": the sum of the four}.

    Raises
    ------
    ValueError
        If a size is not an integer, V or d < 1, or a table size < 0.
    """
    ### BEGIN SOLUTION
    sizes = {}
    limits = {"V": (V, 1), "d": (d, 1), "n_positions": (n_positions, 0), "n_token_types": (n_token_types, 0)}
    for name, (value, minimum) in limits.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value}")
        sizes[name] = int(value)
    if not isinstance(tied, (bool, np.bool_)):
        raise ValueError(f"tied must be True or False, got {tied!r}")
    V, d = sizes["V"], sizes["d"]
    counts = {
        "token": V * d,
        "position": sizes["n_positions"] * d,
        "token_type": sizes["n_token_types"] * d,
        "lm_head": 0 if tied else V * d,
    }
    counts["total"] = counts["token"] + counts["position"] + counts["token_type"] + counts["lm_head"]
    return counts
    ### END SOLUTION
'''),
test(A, "model_embedding_params_values", 2, r'''
# Sanity checks for model_embedding_params with the worked numbers.
c_demo = model_embedding_params(8_449, 768, n_positions=1_024, tied=False)
assert isinstance(c_demo, dict) and set(c_demo) == {"token", "position", "token_type", "lm_head", "total"}, \
    f"return a dict with keys token, position, token_type, lm_head, total; got {c_demo!r}"
assert all(type(v) is int for v in c_demo.values()), "every count must be a Python int (int(...), not numpy)"
assert c_demo["token"] == 6_488_832 and c_demo["position"] == 786_432, \
    f"8,449 x 768 = 6,488,832 token and 1,024 x 768 = 786,432 position parameters; got {c_demo}"
assert c_demo["token"] + c_demo["position"] == 7_275_264, "7,275,264 embedding parameters before the output head"
assert c_demo["lm_head"] == 6_488_832, "an untied output head is a second V x d matrix: 6,488,832 parameters"
assert c_demo["total"] == 13_764_096, f"the total adds all four tables: 13,764,096, got {c_demo['total']:,}"
g_demo = model_embedding_params(50_257, 768, n_positions=1_024, tied=True)
assert g_demo["token"] == 38_597_376, f"GPT-2 small has 50,257 x 768 = 38,597,376 token parameters, got {g_demo['token']:,}"
assert g_demo["lm_head"] == 0, "with tied=True the output head is the token table itself: count it once (lm_head = 0)"
print("model_embedding_params: sanity checks passed")
'''),
md(r"""
## (b) Memory, and growing the vocabulary

### Exercise 4 · `embedding_memory_bytes` (2 points · ★ · about 10 min)

A table stored in a format of $b$ bytes per value takes $V \cdot d \cdot b$ bytes:

| dtype | bits | bytes $b$ |
|---|---|---|
| `"float32"` | 32 | 4 |
| `"float16"` | 16 | 2 |
| `"bfloat16"` | 16 (8 exponent bits like float32, 7 mantissa bits) | 2 |
| `"int8"` | 8 | 1 |

Return the number of **bytes** (not bits) as a Python `int`. Exactly these four lowercase names
are accepted: `"FLOAT32"`, `"fp16"`, `"float64"`, `np.float32` or anything else raises
`ValueError`. `V` and `d` are integers $\ge 1$.

<details><summary>Hint 1</summary>

numpy has no `bfloat16`, so `np.dtype(dtype).itemsize` cannot do this (and it accepts
names you must reject): write the table yourself.
</details>

<details><summary>Hint 2</summary>

`{"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}`; check that `dtype` is a key (a `str`
among the four) before looking it up, then multiply by `embedding_params(V, d)`.
</details>
"""),
solution("embedding_memory_bytes", r'''
def embedding_memory_bytes(V, d, dtype="float32"):
    """Bytes needed to store a (V, d) table.

    Parameters
    ----------
    V, d : int
        Table shape (each >= 1).
    dtype : str, default "float32"
        One of "float32" (4 bytes a value), "float16" or "bfloat16" (2), "int8" (1).

    Returns
    -------
    int
        V * d * bytes per value, a Python int.

    Raises
    ------
    ValueError
        If V or d is not an integer >= 1, or dtype is not one of the four names.
    """
    ### BEGIN SOLUTION
    bytes_per_value = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
    if not isinstance(dtype, str) or dtype not in bytes_per_value:
        raise ValueError(f"dtype must be one of {sorted(bytes_per_value)}, got {dtype!r}")
    return embedding_params(V, d) * bytes_per_value[dtype]
    ### END SOLUTION
'''),
test(A, "embedding_memory_bytes_values", 2, r'''
# Sanity checks for embedding_memory_bytes: the 50,000 x 4,096 table.
b_demo = embedding_memory_bytes(50_000, 4_096)
assert type(b_demo) is int, f"return a Python int, got {type(b_demo).__name__}"
assert b_demo == 819_200_000, \
    f"float32 takes 4 bytes a value: 204,800,000 * 4 = 819,200,000 bytes (not bits), got {b_demo:,}"
assert embedding_memory_bytes(50_000, 4_096, "bfloat16") == 409_600_000, "bfloat16 takes 2 bytes a value"
assert embedding_memory_bytes(50_000, 4_096, dtype="int8") == 204_800_000, "int8 takes 1 byte a value"
print("embedding_memory_bytes: sanity checks passed")
'''),
md(r"""
### Real models: counts, memory and what tying saves

The table below uses your three functions on the models of the setup cell. *Tying saves* is the
$V d$ parameters of a second output matrix: saved by the tied models, left on the table by the
untied ones.
"""),
code(r"""
def embedding_tables(V, d, P, S, tied):
    # (rows, d) of every embedding-sized matrix the model stores
    tables = [(V, d), (P, d), (S, d)] + ([] if tied else [(V, d)])
    return [(rows, cols) for rows, cols in tables if rows > 0]

try:
    summary = {}
    for name, (V, d, P, S, tied) in MODELS.items():
        counts = model_embedding_params(V, d, n_positions=P, n_token_types=S, tied=tied)
        memory = {dt: sum(embedding_memory_bytes(r, c, dt) for r, c in embedding_tables(V, d, P, S, tied))
                  for dt in ("float32", "bfloat16", "int8")}
        summary[name] = (counts, memory, embedding_params(V, d), tied)
except NotImplementedError:
    print("Write embedding_params, model_embedding_params and embedding_memory_bytes first, then run this cell again.")
else:
    head = f"{'model':<17}{'token':>13}{'position':>10}{'type':>7}{'lm_head':>13}{'total':>13}" \
           f"{'fp32 MB':>9}{'bf16 MB':>9}{'int8 MB':>9}   tying saves"
    print(head)
    print("-" * len(head))
    for name, (c, mem, saving, tied) in summary.items():
        print(f"{name:<17}{c['token']:>13,}{c['position']:>10,}{c['token_type']:>7,}{c['lm_head']:>13,}"
              f"{c['total']:>13,}{mem['float32'] / 1e6:>9.1f}{mem['bfloat16'] / 1e6:>9.1f}{mem['int8'] / 1e6:>9.1f}"
              f"   {saving:,} {'(saved)' if tied else '(not taken)'}")
    print()
    for name, total in ALL_PARAMS.items():
        saving = summary[name][2]
        print(f"{name}: one V x d matrix = {saving:,} parameters = {saving / total:.1%} of all {total:,}")

    fig, axes = plt.subplots(1, 2, figsize=(13, 3.8), layout="constrained")
    names = list(summary)
    left = np.zeros(len(names))
    for key, colour in (("token", "tab:blue"), ("position", "tab:orange"), ("token_type", "tab:green"),
                        ("lm_head", "tab:red")):
        values = np.array([summary[n][0][key] for n in names]) / 1e6
        axes[0].barh(names, values, left=left, color=colour, label=key)
        left += values
    saved = np.array([summary[n][2] if summary[n][3] else 0 for n in names]) / 1e6
    axes[0].barh(names, saved, left=left, color="none", edgecolor="tab:red", hatch="//", label="saved by tying")
    axes[0].invert_yaxis()
    axes[0].set_xlabel("parameters (millions)")
    axes[0].set_title("embedding-sized tables per model")
    axes[0].legend()
    width = 0.27
    for k, dt in enumerate(("float32", "bfloat16", "int8")):
        axes[1].bar(np.arange(len(names)) + (k - 1) * width, [summary[n][1][dt] / 1e6 for n in names],
                    width, label=dt)
    axes[1].set_xticks(np.arange(len(names)), names)
    axes[1].set_ylabel("MB (10^6 bytes)")
    axes[1].set_title("memory of those tables by dtype")
    axes[1].legend()
    plt.show()
"""),
md(r"""
### Exercise 5 · `resize_embeddings` (2 points · ★★ · about 15 min)

Adding tokens to a trained model (special tokens for a chat format, domain words) grows $E$ from
$(V, d)$ to $(V_{\text{new}}, d)$. The old rows must stay exactly as trained; each new row needs
a starting value. A common choice (Hewitt, 2021) is the **mean of the old rows**:

$$E_{\text{new}}[v] = E[v] \ (v < V), \qquad
E_{\text{new}}[v] = \bar e = \frac1V \sum_{u=0}^{V-1} E[u] \ (V \le v < V_{\text{new}}).$$

$\bar e$ has shape $(d,)$: the mean runs over the **rows** (axis 0). With a tied head the new
token's logit is then $\bar e \cdot h$, the average of the old tokens' logits: it starts as a
typical token instead of an arbitrary one. Return a new float64 array (E itself is unchanged).
`new_V` is an integer $\ge V$; `new_V == V` returns a copy. `new_V < V` raises `ValueError`:
shrinking would silently drop the rows of the last tokens. E must be 2-D.

<details><summary>Hint 1</summary>

The mean row has one number per dimension: which axis of $E$ does the mean run over?
</details>

<details><summary>Hint 2</summary>

Fill a new $(V_{\text{new}}, d)$ array: its first $V$ rows with `E`, the others with
`E.mean(axis=0)` (broadcasting copies it into every new row). Never `E.resize(...)`: it changes
the caller's array.
</details>
"""),
solution("resize_embeddings", r'''
def resize_embeddings(E, new_V):
    """Grow an embedding table to new_V rows, new rows initialised to the mean row.

    Parameters
    ----------
    E : array_like, shape (V, d)
        The trained table (any float dtype, or nested lists); not modified.
    new_V : int
        The new vocabulary size, new_V >= V.

    Returns
    -------
    np.ndarray, shape (new_V, d), dtype float64
        Rows 0 .. V-1 equal E; rows V .. new_V-1 equal E.mean(axis=0).

    Raises
    ------
    ValueError
        If E is not a non-empty 2-D table, new_V is not an integer, or new_V < V.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] == 0 or E.shape[1] == 0:
        raise ValueError(f"E must be a non-empty (V, d) table, got shape {E.shape}")
    if isinstance(new_V, (bool, np.bool_)) or not isinstance(new_V, (int, np.integer)):
        raise ValueError(f"new_V must be an integer, got {new_V!r}")
    V, d = E.shape
    if new_V < V:
        raise ValueError(f"new_V = {new_V} < V = {V}: shrinking would drop the rows of existing tokens")
    grown = np.empty((int(new_V), d))
    grown[:V] = E
    grown[V:] = E.mean(axis=0)
    return grown
    ### END SOLUTION
'''),
test(A, "resize_embeddings_values", 2, r'''
# Sanity checks for resize_embeddings: 3 tokens, d = 2, grown to 5 tokens.
E_demo = np.array([[0.0, 1.0],
                   [2.0, 3.0],
                   [4.0, 8.0]])
E_before = E_demo.copy()
R_demo = resize_embeddings(E_demo, 5)
assert isinstance(R_demo, np.ndarray) and R_demo.shape == (5, 2), \
    f"the grown table has shape (new_V, d) = (5, 2), got {getattr(R_demo, 'shape', type(R_demo).__name__)}"
assert R_demo.dtype == np.float64, f"return float64, got {R_demo.dtype}"
assert np.array_equal(E_demo, E_before), "E was modified: build a new array and leave E as it was"
assert np.array_equal(R_demo[:3], E_demo), "the old rows must stay exactly as they were"
assert np.allclose(R_demo[3], [2.0, 4.0]) and np.allclose(R_demo[4], [2.0, 4.0]), \
    f"each new row is the mean of the old rows over axis 0, [2, 4] (not zeros, not a row mean); got {R_demo[3:]}"
print("resize_embeddings: sanity checks passed")
'''),
md(r"""
### Invalid input (1 point for the whole notebook)

One graded cell checks that every function of this notebook raises `ValueError`, with a message
naming the argument, on the inputs that the rules call invalid (sizes below 1, floats or booleans
as sizes, negative table sizes, unknown dtype names, shrinking a table, $T > n_{\text{pos}}$). `tied`
is not among them: it is always a bool. Nothing to write here: it grades the validation you
already wrote.
"""),
test(A, ("embedding_shapes_invalid", "embedding_params_invalid", "model_embedding_params_invalid",
         "embedding_memory_bytes_invalid", "resize_embeddings_invalid"), 1, r'''
# Sanity checks: invalid sizes, an unknown dtype name and a shrinking resize raise ValueError.
for call, what in [(lambda: embedding_shapes(2, 600, 1000, 64, 512), "embedding_shapes with T = 600 > 512"),
                   (lambda: embedding_params(0, 4), "embedding_params with V = 0"),
                   (lambda: model_embedding_params(100, 16, n_positions=-1), "model_embedding_params, n_positions=-1"),
                   (lambda: embedding_memory_bytes(100, 16, dtype="FLOAT32"), 'embedding_memory_bytes, "FLOAT32"'),
                   (lambda: resize_embeddings(np.zeros((3, 2)), 2), "resize_embeddings from 3 to 2 rows")]:
    try:
        call()
    except ValueError as err:
        print(f"{what} raised ValueError as it should: {err}")
    else:
        raise AssertionError(f"{what} returned a value: it must raise ValueError")
''', grade_id="test_invalid_inputs"),
md(r"""
## Real embeddings: all-MiniLM-L6-v2 (ungraded)

all-MiniLM-L6-v2 is a small BERT-family sentence encoder: a token table, 512 learned positions,
2 token types, 6 layers of width 384, and **no output head** (it produces sentence vectors, not
next-token logits; `tied=True` counts its head as 0). The cell counts its tables from their
shapes with your functions, checks them against the tensors in the file, and compares the bytes
your `embedding_memory_bytes` predicts with the size of the `model.safetensors` file on disk.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()
except ImportError as err:
    print("Skipping the real-embedding section:", err)
else:
    V_r, d_r = real.tokens.shape
    P_r, S_r = real.positions.shape[0], real.token_types.shape[0]
    floats = {name: t for name, t in real.weights.items() if t.dtype.kind == "f"}
    n_all = sum(t.size for t in floats.values())
    try:
        c_r = model_embedding_params(V_r, d_r, n_positions=P_r, n_token_types=S_r, tied=True)
        predicted = sum(embedding_memory_bytes(t.shape[0], t.size // t.shape[0], "float32") for t in floats.values())
    except NotImplementedError:
        print("Write model_embedding_params and embedding_memory_bytes first, then run this cell again.")
    else:
        print(f"all-MiniLM-L6-v2: V = {V_r:,}, d = {d_r}, {P_r} positions, {S_r} token types, no output head")
        for key, tensor in (("token", real.tokens), ("position", real.positions), ("token_type", real.token_types)):
            verdict = "matches" if c_r[key] == tensor.size else "DIFFERS"
            print(f"  {key:<11} counted {c_r[key]:>11,}   in the file {tensor.size:>11,}  {verdict}")
        print(f"  embedding tables: {c_r['total']:,} of the model's {n_all:,} parameters ({c_r['total'] / n_all:.1%})")
        on_disk = real.file.stat().st_size
        ints = sum(t.size * t.itemsize for t in real.weights.values() if t.dtype.kind in "iu")
        print()
        for label, n_bytes in ((f"float32 bytes of the {len(floats)} float tensors (your function)", predicted),
                               ("+ int64 buffers (position_ids)", ints),
                               ("+ the file's header (8-byte length + JSON index)", on_disk - predicted - ints),
                               ("= model.safetensors on disk", on_disk)):
            print(f"  {label:<58}{n_bytes:>12,}")
        print(f"  in bfloat16 the float tensors would take {predicted // 2:,} bytes")
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. **Tied embeddings.** The output head computes one logit per vocabulary token, $z = W_{\text{out}} h$.
   Why can the token table $E$ serve as $W_{\text{out}}$ (what does row $v$ do in each role)? Using
   your table: what does tying save for GPT-2 small and what would it save for the 7B model, as a
   share of all their parameters? Why do small models usually tie, while many large ones do not?
2. **Growing the vocabulary.** You add 1,000 tokens to a trained model with a tied head. Why
   start the new rows at the mean row rather than at zeros or fresh random vectors, and why must
   `resize_embeddings` refuse to shrink?
"""),
answer("explain_tied_embeddings", r"""
(1) Row $v$ of $E$ is the input vector of token $v$; as the output head, the same row is dotted
with the final hidden state, $z_v = E[v]\cdot h$, so it scores how well token $v$ fits the
context. Both roles want tokens that are used alike to have similar vectors, so one matrix can
serve both, and it is trained by gradients from both ends (Press and Wolf 2017; Inan et al. 2017).
GPT-2 small saves $38{,}597{,}376$ parameters, about 31% of its 124.4M (untied it would have
about 163M). The 7B model would save $131{,}072{,}000$, about 1.9% of 6.74B (262 MB in bfloat16).
In a small model the $V \times d$ matrices are a large share of the budget and tying also
regularises; in a large model the saving is a rounding error, and an untied head lets the output
geometry differ from the input geometry, so LLaMA-style models untie. (2) A new row is untrained.
The mean row makes the new token's input vector typical and, tied, its logit $\bar e \cdot h$ the
average of the existing logits, so it neither dominates nor vanishes from the softmax and the
model's predictions barely change until the row is trained (Hewitt 2021). A zero row gives logit 0
for every context (arbitrary relative to the others) and a zero input; random rows of the wrong
scale give arbitrary logits that can swamp the softmax. Shrinking would delete the rows of real
tokens: the tokenizer still produces their ids, which would then point past the table or to the
wrong row.
""", r"""
1 point (tying): the same row serves as input vector and as output scorer ($z_v = E[v]\cdot h$);
numbers: GPT-2 small saves about 38.6M (about 31%), the 7B model about 131M (about 2%); small
models tie because embeddings are a large share (and it regularises), large models can afford a
separate head (more flexibility). 1 point (resizing): mean initialisation gives the new token a
typical vector/average logit so the output distribution is not disturbed; zeros/random can give
arbitrary or dominating logits; shrinking drops existing tokens whose ids are still produced.
Half a point per part when the numbers or the reasoning is missing.
"""),
]

NOTEBOOK = notebook(cells)
