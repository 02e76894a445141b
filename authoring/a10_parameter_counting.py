"""Source of source/10_parameter_counting/10_parameter_counting.ipynb (write it with `python3 course.py author 10_parameter_counting`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "10_parameter_counting"
cells = [
md(r"""
# 10 · Counting embedding parameters, and tied embeddings

An embedding table is a plain matrix: $V$ rows of $d$ learned numbers. A language model has up
to four matrices of that kind, and for small models they are a large part of the whole model.
The lesson's worked model, **ANDREA-120M**, spends 5.4% of its 120M parameters on embeddings;
this notebook counts such tables, stores them in fewer bytes (int8), and moves a trained table to
a new tokenizer.

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

**How this notebook is graded** (14 points: 12 autograded, one of them for invalid input, and 2
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
### The worked model: ANDREA-120M and its variants (predict, then check; not graded)

The lesson's worked model, **ANDREA-120M**, spends **5.4% of its 120M parameters** on
embeddings. The lesson also gives two variants: **ANDREA-480M** with **25,560,576** embedding
parameters and **ANDREA-12M** with **1,671,552**. Those are all the numbers we use about them: we
do not know their vocabulary sizes, widths or context lengths, so nothing below treats a guess as a
fact. We do take each name's "12M", "120M", "480M" as its total parameter
count (an assumption: names round).

Write your predictions in the next cell **before** you run the check below it:

1. About how many embedding parameters does ANDREA-120M have?
2. Which of the three spends the largest share of its parameters on embeddings, and roughly what
   share? (Think before you divide: which parts of a model grow with its width, and how fast?)
3. Solving for an unknown. *If* ANDREA-12M had width $d = 384$ and kept all its embedding
   parameters in one tied token table with no position table, what vocabulary size $V$ would its
   1,671,552 parameters imply?
4. *If* ANDREA-480M had one tied token table and no position table, which of the widths
   512, 640, 768 and 1,024 are possible at all (V must be a whole number), and which $V$ would
   each give?
"""),
code(r"""
# Your predictions (replace each None by a number, or a list of widths for the last one).
my_predictions = {
    "ANDREA-120M embedding parameters": None,
    "largest share (12M, 120M or 480M)": None,
    "V if ANDREA-12M had d = 384": None,
    "possible widths of ANDREA-480M": None,
}
"""),
code(r"""
ANDREA = {"ANDREA-12M": (12_000_000, 1_671_552), "ANDREA-480M": (480_000_000, 25_560_576)}
andrea_120 = 0.054 * 120_000_000
print(f"ANDREA-120M: 5.4% of 120M = {andrea_120:,.0f} embedding parameters (about 6.5M)")
for name, (total, emb) in ANDREA.items():
    print(f"{name}: {emb:,} of {total:,} = {emb / total:.2%} of its parameters")
print("ANDREA-120M: 5.40%")
V_12 = 1_671_552 / 384
print(f"if ANDREA-12M had d = 384 and one token table only: V = 1,671,552 / 384 = {V_12:,.1f}")
widths = {d: 25_560_576 / d for d in (512, 640, 768, 1024)}
for d, V in widths.items():
    verdict = f"V = {V:,.0f}" if V == int(V) else f"V = {V:,.1f}, not a whole number: impossible"
    print(f"if ANDREA-480M had d = {d:>5,} and one token table only: {verdict}")
try:
    check = {d: embedding_params(int(V), d) for d, V in widths.items() if V == int(V)}
    assert all(n == 25_560_576 for n in check.values())
    print("embedding_params(V, d) gives 25,560,576 back for each possible width:", sorted(check))
except NotImplementedError:
    print("(write embedding_params to check the last line with your own function)")
print()
print("your predictions:", my_predictions)
"""),
md(r"""
The share **falls** as the model grows: 13.9% for ANDREA-12M, 5.4% for ANDREA-120M and 5.3% for
ANDREA-480M. For a given vocabulary the embedding tables grow with $d$, while the transformer
layers grow with $d^2$ (a layer of attention and a 4x feed-forward block holds about $12 d^2$
weights), so the wider the model, the smaller the embeddings' share: a large part of the budget
of a small model, about 2% of a 7B model (the real-model table below). The last check shows how little a
total pins down: under the stated assumption 512 and 768 both fit ANDREA-480M's count, and
without it (a position table, an untied head) other widths could. For comparison, the course example of
Exercise 3 ($V = 8{,}449$, $d = 768$) has a token table of 6,488,832 parameters, 5.4% of 120M:
*if* ANDREA-120M's embeddings were a table of that size, its share would be the lesson's 5.4%.
"""),
md(r"""
## (b) Memory, int8, and changing the vocabulary

### Exercise 4 · `embedding_memory_bytes` (1 point · ★ · about 10 min)

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
test(A, "embedding_memory_bytes_values", 1, r'''
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
### Exercise 5 · `quantize_int8` (2 points · ★★ · about 20 min)

`embedding_memory_bytes` counts 1 byte a value for int8, but a table of floats does not become
int8 by itself. **Symmetric per-row quantisation** stores each value as an integer code from
$-127$ to $127$ and keeps one float **scale** per row to turn codes back into numbers:

$$s_v = \frac{\max_j |E[v, j]|}{127}, \qquad q[v, j] = \operatorname{round}\!\left(\frac{E[v, j]}{s_v}\right),
\qquad E[v, j] \approx \hat E[v, j] = q[v, j]\, s_v .$$

The entry of largest magnitude in each row gets the code $\pm 127$, and rounding moves every
entry by at most half a step, $|E[v, j] - \hat E[v, j]| \le s_v / 2$. Why one scale per **row**:
a single scale for the whole table is set by its largest entry anywhere, and a row of small
numbers then gets only a handful of distinct codes.

Return the tuple `(q, scale)`: `q` of dtype `np.int8` and shape $(V, d)$, `scale` of dtype
`float64` and shape $(V,)$. A row of zeros has scale 0 and codes 0 (no division by zero, no
`nan`). Round with `np.round` (the checks never put an entry exactly half-way between two codes).
`E` must be a 2-D table of finite numbers; otherwise raise `ValueError` naming `E`.

<details><summary>Hint 1</summary>

One scale per row: over which axis does the maximum run, and of what (the values, or their
magnitudes)? What must happen to a row whose maximum is 0?
</details>

<details><summary>Hint 2</summary>

`astype(np.int8)` **truncates** toward zero: round first. int8 holds $-128 \dots 127$, but the
symmetric range stops at $127$ on both sides: a scale of $\max/128$ would turn the largest entry
into $128$, which wraps around to $-128$. Divide by a "safe" scale that is 1 where the row is all
zeros (`np.where`), so that those rows get codes 0.
</details>

<details><summary>Hint 3</summary>

After checking `E` (2-D, `np.isfinite`): `scale = np.abs(E).max(axis=1) / 127`; divide `E` by the
safe scale broadcast as a column (`[:, None]`), `np.round`, then `.astype(np.int8)`; return the
codes and `scale`.
</details>
"""),
solution("quantize_int8", r'''
def quantize_int8(E):
    """Symmetric per-row int8 quantisation of an embedding table.

    Parameters
    ----------
    E : array_like, shape (V, d)
        The table (any float dtype, or nested lists), finite values only; not modified.

    Returns
    -------
    tuple (q, scale)
        q : np.ndarray of dtype int8, shape (V, d), codes in -127..127, q[v] = round(E[v] / scale[v]);
        scale : np.ndarray of dtype float64, shape (V,), scale[v] = max_j |E[v, j]| / 127
        (a zero row has scale 0 and codes 0). E is approximately q * scale[:, None].

    Raises
    ------
    ValueError
        If E is not a 2-D table or holds NaN or infinite values.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2 or E.size == 0:
        raise ValueError(f"E must be a non-empty 2-D (V, d) table, got shape {E.shape}")
    if not np.isfinite(E).all():
        raise ValueError("E holds NaN or infinite values, which have no int8 code")
    row_max = np.max(np.abs(E), axis=1)
    scale = row_max / 127.0
    step = np.where(row_max > 0, scale, 1.0)[:, None]        # zero rows: divide by 1, codes 0
    codes = np.clip(np.round(E / step), -127, 127)
    return codes.astype(np.int8), scale
    ### END SOLUTION
'''),
test(A, "quantize_int8_values", 2, r'''
# Sanity checks for quantize_int8: three rows, the middle one all zeros.
E_q = np.array([[0.5, -1.27, 0.0],
                [0.0, 0.0, 0.0],
                [2.54, 1.0, -0.3]])
result_q = quantize_int8(E_q)
assert isinstance(result_q, tuple) and len(result_q) == 2, "return the tuple (q, scale)"
q_demo, s_demo = result_q
assert isinstance(q_demo, np.ndarray) and q_demo.dtype == np.int8, \
    f"q holds int8 codes (1 byte a value): use .astype(np.int8), got {getattr(q_demo, 'dtype', type(q_demo))}"
assert q_demo.shape == (3, 3) and np.shape(s_demo) == (3,), "q has the shape of E, scale one entry per row: (V,)"
assert np.allclose(s_demo, [0.01, 0.0, 0.02]), \
    f"scale[v] = max |E[v]| / 127: 1.27 / 127 = 0.01, 0 for the zero row, 2.54 / 127 = 0.02; got {s_demo}"
assert list(q_demo[0]) == [50, -127, 0], \
    f"row 0: 0.5 / 0.01 = 50, -1.27 / 0.01 = -127, 0; got {list(q_demo[0])} (rounded, not truncated?)"
assert list(q_demo[1]) == [0, 0, 0], f"a zero row has codes 0 (no division by a zero scale), got {list(q_demo[1])}"
assert list(q_demo[2]) == [127, 50, -15], \
    f"row 2 has its own scale 0.02: 2.54 -> 127, 1.0 -> 50, -0.3 -> -15; got {list(q_demo[2])}"
print("quantize_int8: sanity checks passed")
'''),
md(r"""
### The error of int8, measured

The cell below quantises a table of $V = 2{,}000$ rows of width $d = 256$ whose entries are drawn
with standard deviation $1/\sqrt{d}$ (see the next section), turns the codes back into floats,
$\hat E = q \cdot s$, and measures what was lost: the largest error of any entry against the bound
$s_v / 2$, the relative error of the whole table, and the cosine of each row with its own
dequantised row. It then gives row 0 an outlier (one entry 40 times larger) and compares one scale
per row with one scale for the whole table.
"""),
code(r"""
rng_q = np.random.default_rng(8)
V_q, d_q = 2_000, 256
E_float = rng_q.normal(0.0, 1 / np.sqrt(d_q), size=(V_q, d_q))

def dequantize(q, scale):
    return q.astype(np.float64) * np.asarray(scale, dtype=np.float64).reshape(-1, 1)

def row_cosines(A, B):
    return np.sum(A * B, axis=1) / (np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1))

try:
    q_tab, s_tab = quantize_int8(E_float)
except NotImplementedError:
    print("Write quantize_int8 first, then run this cell again.")
else:
    E_hat = dequantize(q_tab, s_tab)
    err = np.abs(E_float - E_hat)
    print(f"largest error / (s_v / 2), over all entries: {np.max(err / (s_tab[:, None] / 2)):.3f}  (at most 1)")
    print(f"relative error ||E - E_hat|| / ||E||: {np.linalg.norm(E_float - E_hat) / np.linalg.norm(E_float):.2%}")
    print(f"smallest cosine of a row with its dequantised row: {row_cosines(E_float, E_hat).min():.5f}")
    print(f"bytes: float32 {4 * V_q * d_q:,}; int8 codes + float32 scales {V_q * d_q + 4 * V_q:,} "
          f"({(V_q * d_q + 4 * V_q) / (4 * V_q * d_q):.1%} of float32)")

    E_out = E_float.copy()
    E_out[0, 0] = 40 * np.abs(E_float).max()                   # one outlier entry in row 0
    q_row, s_row = quantize_int8(E_out)
    s_all = np.abs(E_out).max() / 127                          # one scale for the whole table
    q_all = np.round(E_out / s_all)
    rest = slice(1, None)                                      # the 1,999 rows without the outlier
    for label, codes, E_back in (("one scale per row", q_row, dequantize(q_row, s_row)),
                                 ("one scale for the table", q_all, q_all * s_all)):
        rel = np.linalg.norm(E_out[rest] - E_back[rest]) / np.linalg.norm(E_out[rest])
        distinct = np.mean([len(np.unique(row)) for row in codes[rest]])
        print(f"outlier in row 0, {label:23s}: relative error of the other rows {rel:6.1%}, "
              f"{distinct:5.1f} distinct codes a row")
"""),
md(r"""
Per-row int8 keeps this table to within 0.7% (relative error), every row's direction to a
cosine above 0.9999, and every entry within half a step of its value, at 25.4% of the float32
bytes (the scales cost 4 bytes a row). One outlier shows why the scale belongs to the row: with
one scale for the whole table, the outlier sets a step 40 times coarser for every row, the other
rows use about 5 distinct codes instead of about 129, and their error jumps to about 40% of their
size; with one scale per row, only row 0 pays. (Outliers are also why LLM.int8() keeps a few outlier
dimensions in 16 bits; Dettmers et al., 2022.)

### How rows start: the $1/\sqrt{d}$ initialisation, and the $\sqrt{d_{\text{model}}}$ scaling

The lesson initialises an embedding table with entries of standard deviation $1/\sqrt{d}$. Predict
before you run the cell: how long is such a row, and how does that length depend on $d$? What is
the typical cosine of two different rows?

Each entry has variance $1/d$, so the squared length, a sum of $d$ of them, has expectation
$d \cdot 1/d = 1$: **rows start with length about 1 whatever the width**, and two rows are nearly
orthogonal (their cosine has standard deviation about $1/\sqrt{d}$). The original Transformer
(Vaswani et al., 2017, section 3.4) multiplies the embedding weights by $\sqrt{d_{\text{model}}}$
before adding the sinusoidal positions. A sinusoidal position vector has $d/2$ (sin, cos) pairs,
each of squared length $\sin^2 + \cos^2 = 1$, so its length is exactly $\sqrt{d/2}$, 16 for
$d_{\text{model}} = 512$. Unscaled, a token row of length 1 would be drowned by a position of
length 16; scaled by $\sqrt{512} \approx 22.6$, token and position carry comparable weight.
(That is one reading of the factor, consistent with rows initialised at standard deviation
$d^{-1/2}$; the paper states the scaling without a reason.)
"""),
code(r"""
rng_i = np.random.default_rng(0)
for d_i in (64, 384, 4096):
    rows_i = rng_i.normal(0.0, 1 / np.sqrt(d_i), size=(500, d_i))
    lengths = np.linalg.norm(rows_i, axis=1)
    unit_i = rows_i / lengths[:, None]
    cos_i = (unit_i @ unit_i.T)[np.triu_indices(500, k=1)]
    print(f"d = {d_i:4d}: row length {lengths.mean():.3f} +- {lengths.std():.3f}; cosine of two rows: "
          f"std {cos_i.std():.4f} (1/sqrt(d) = {1 / np.sqrt(d_i):.4f})")

d_model = 512
p_i = np.arange(100)[:, None]
w_i = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
PE_i = np.zeros((100, d_model))
PE_i[:, 0::2], PE_i[:, 1::2] = np.sin(p_i * w_i), np.cos(p_i * w_i)
tok_i = rng_i.normal(0.0, 1 / np.sqrt(d_model), size=(100, d_model))
print(f"\nd_model = {d_model}: position length {np.linalg.norm(PE_i, axis=1).min():.3f} to "
      f"{np.linalg.norm(PE_i, axis=1).max():.3f} (sqrt(d/2) = {np.sqrt(d_model / 2):.1f})")
for label, tok in (("unscaled", tok_i), ("times sqrt(d_model)", tok_i * np.sqrt(d_model))):
    x_i = tok + PE_i
    share = np.mean(np.sum(x_i * tok, axis=1) / (np.linalg.norm(x_i, axis=1) * np.linalg.norm(tok, axis=1)))
    print(f"token rows {label:20s}: length {np.linalg.norm(tok, axis=1).mean():5.1f}; "
          f"cosine of token + position with the token alone {share:.2f}")
"""),
md(r"""
### Exercise 6 · `resize_embeddings` (1 point · ★★ · about 15 min)

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
test(A, "resize_embeddings_values", 1, r'''
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
## When the tokenizer changes under a trained table

A trained table means something only together with the tokenizer that produced its ids: row 3 is
"the vector learned for whatever string had id 3 during training". Retrain the tokenizer (a new
corpus, other merges), add special tokens in front, or drop unused entries, and the ids change
meaning. The table does not notice: `E[ids]` still returns rows, only now **the rows of other
strings**. Nothing raises; the model just reads nonsense.

The toy below has a trained table for an old vocabulary of 12 strings (function words, animals,
colours, numbers) and a new tokenizer whose vocabulary adds `<bos>` and `cats` and orders the
rest differently. The cell encodes a few words with the new tokenizer and looks the ids up in the
old table.
"""),
code(r"""
old_vocab = ["<pad>", "the", "a", "cat", "dog", "horse", "red", "green", "blue", "one", "two", "three"]
new_vocab = ["<pad>", "<bos>", "the", "a", "blue", "green", "red", "cat", "cats", "dog", "horse",
             "one", "two", "three"]
rng_t = np.random.default_rng(3)
group_of = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]                    # function words, animals, colours, numbers
E_trained = 2.0 * rng_t.normal(size=(4, 8))[group_of] + 0.5 * rng_t.normal(size=(12, 8))

def neighbour(E, i, vocab):
    # the string whose row has the largest cosine with row i (other than i itself)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    scores = unit @ unit[i]
    scores[i] = -np.inf
    return vocab[int(np.argmax(scores))]

for word in ("cat", "dog", "blue", "the", "three"):
    new_id = new_vocab.index(word)
    if new_id < len(old_vocab):
        print(f"new tokenizer: {word!r:8} -> id {new_id:2d}; the old table's row {new_id} was trained for "
              f"{old_vocab[new_id]!r}")
    else:
        print(f"new tokenizer: {word!r:8} -> id {new_id:2d}; past the end of the old table (an IndexError: "
              "the lucky case, it at least fails)")
"""),
md(r"""
The fix is to **migrate** the table: give every string of the new vocabulary the row it had under
the old one, found by the string itself, and start the strings the old tokenizer never had
(`<bos>`, `cats`) as `resize_embeddings` does, at the mean row. The migrated rows are still the
trained ones; only the new rows need training (often with the rest of the table frozen at first).

### Exercise 7 · `migrate_embeddings` (2 points · ★★ · about 15 min)

`E_old` is $(V, d)$ with one row per string of `old_vocab` (row $j$ belongs to `old_vocab[j]`);
`new_vocab` lists the new tokenizer's strings by id. Return the float64 table of shape
`(len(new_vocab), d)` whose row $i$ is

* `E_old[j]` when `new_vocab[i] == old_vocab[j]` (exact string match: `"The"`, `" the"` and
  `"the"` are three different tokens);
* the mean of **all** rows of `E_old` when `new_vocab[i]` is not in `old_vocab`.

Vocabularies are lists or tuples of strings. Raise `ValueError` naming the argument when `E_old` is
not 2-D, when `old_vocab` does not have exactly one string per row of `E_old`, or when a string
appears twice in either vocabulary (it would have two ids). `E_old` is not modified.

<details><summary>Hint 1</summary>

Loop over the **new** ids: for each new string, where was it in the old vocabulary? Looking it up
with `list.index` in a loop works but is slow for $V = 50{,}000$.
</details>

<details><summary>Hint 2</summary>

Build a dictionary from old string to old id once, `{token: j for j, token in enumerate(old_vocab)}`.
Fill a new array with the mean row (`axis=0`) and overwrite the rows of the strings found in the
dictionary. Compare `len(set(vocab))` with `len(vocab)` to detect a repeated string.
</details>
"""),
solution("migrate_embeddings", r'''
def migrate_embeddings(E_old, old_vocab, new_vocab):
    """Move a trained table to a new tokenizer's ids, matching rows by their string.

    Parameters
    ----------
    E_old : array_like, shape (V, d)
        The trained table; row j belongs to the string old_vocab[j]. Not modified.
    old_vocab : list or tuple of str, length V
        The old tokenizer's strings, by id.
    new_vocab : list or tuple of str
        The new tokenizer's strings, by id.

    Returns
    -------
    np.ndarray, shape (len(new_vocab), d), dtype float64
        Row i = E_old[j] where old_vocab[j] == new_vocab[i]; rows of strings not in old_vocab
        are the mean of all rows of E_old.

    Raises
    ------
    ValueError
        If E_old is not 2-D, len(old_vocab) != V, or a vocabulary repeats a string.
    """
    ### BEGIN SOLUTION
    E_old = np.asarray(E_old, dtype=np.float64)
    if E_old.ndim != 2 or E_old.size == 0:
        raise ValueError(f"E_old must be a non-empty 2-D (V, d) table, got shape {E_old.shape}")
    if len(old_vocab) != E_old.shape[0]:
        raise ValueError(f"old_vocab has {len(old_vocab)} strings but E_old has {E_old.shape[0]} rows")
    for name, vocab in (("old_vocab", old_vocab), ("new_vocab", new_vocab)):
        if len(set(vocab)) != len(vocab):
            raise ValueError(f"{name} holds a string twice: every string must have one id")
    row_of = {token: j for j, token in enumerate(old_vocab)}
    migrated = np.tile(E_old.mean(axis=0), (len(new_vocab), 1))
    for i, token in enumerate(new_vocab):
        j = row_of.get(token)
        if j is not None:
            migrated[i] = E_old[j]
    return migrated
    ### END SOLUTION
'''),
test(A, "migrate_embeddings_values", 2, r'''
# Sanity checks for migrate_embeddings: three old strings, a new tokenizer with one new string.
E_m = np.array([[1.0, 0.0],
                [0.0, 1.0],
                [2.0, 2.0]])
E_m_before = E_m.copy()
M_demo = migrate_embeddings(E_m, ["a", "b", "c"], ["c", "new", "a"])
assert isinstance(M_demo, np.ndarray) and M_demo.shape == (3, 2) and M_demo.dtype == np.float64, \
    "return a float64 array of shape (len(new_vocab), d) = (3, 2)"
assert np.array_equal(E_m, E_m_before), "E_old was modified: build a new array"
assert np.array_equal(M_demo[0], [2.0, 2.0]), \
    f"new id 0 is the string 'c', which was row 2 of E_old: [2, 2] (not row 0, whose id now means 'c'); got {M_demo[0]}"
assert np.allclose(M_demo[1], [1.0, 1.0]), \
    f"'new' was not in the old vocabulary: its row is the mean of all old rows, [1, 1]; got {M_demo[1]}"
assert np.array_equal(M_demo[2], [1.0, 0.0]), f"new id 2 is 'a', old row 0: [1, 0]; got {M_demo[2]}"
print("migrate_embeddings: sanity checks passed")
'''),
code(r"""
try:
    E_migrated = migrate_embeddings(E_trained, old_vocab, new_vocab)
except NotImplementedError:
    print("Write migrate_embeddings first, then run this cell again.")
else:
    print(f"{'word':8s}{'old table read with new ids':>30s}{'migrated table':>18s}")
    for word in ("cat", "dog", "blue", "the"):
        i = new_vocab.index(word)
        print(f"{word:8s}{neighbour(E_trained, i, old_vocab) + ' (row of ' + repr(old_vocab[i]) + ')':>30s}"
              f"{neighbour(E_migrated, i, new_vocab):>18s}")
    print("new strings start at the mean row:",
          all(np.allclose(E_migrated[new_vocab.index(w)], E_trained.mean(axis=0)) for w in ("<bos>", "cats")))
"""),
md(r"""
### Invalid input (1 point for the whole notebook)

One graded cell checks that every function of this notebook raises `ValueError`, with a message
naming the argument, on the inputs that the rules call invalid (sizes below 1, floats or booleans
as sizes, negative table sizes, unknown dtype names, a table that is not 2-D or holds NaN,
shrinking a table, $T > n_{\text{pos}}$, a vocabulary that repeats a string or does not match the table). `tied`
is not among them: it is always a bool. Nothing to write here: it grades the validation you
already wrote.
"""),
test(A, ("embedding_shapes_invalid", "embedding_params_invalid", "model_embedding_params_invalid",
         "embedding_memory_bytes_invalid", "quantize_int8_invalid", "resize_embeddings_invalid",
         "migrate_embeddings_invalid"), 1, r'''
# Sanity checks: invalid sizes, an unknown dtype name, a 1-D table, a shrinking resize and a
# vocabulary that does not match its table raise ValueError.
for call, what in [(lambda: embedding_shapes(2, 600, 1000, 64, 512), "embedding_shapes with T = 600 > 512"),
                   (lambda: embedding_params(0, 4), "embedding_params with V = 0"),
                   (lambda: model_embedding_params(100, 16, n_positions=-1), "model_embedding_params, n_positions=-1"),
                   (lambda: embedding_memory_bytes(100, 16, dtype="FLOAT32"), 'embedding_memory_bytes, "FLOAT32"'),
                   (lambda: quantize_int8(np.array([1.0, np.nan])), "quantize_int8 of a 1-D array"),
                   (lambda: resize_embeddings(np.zeros((3, 2)), 2), "resize_embeddings from 3 to 2 rows"),
                   (lambda: migrate_embeddings(np.zeros((3, 2)), ["a", "b"], ["a"]),
                    "migrate_embeddings with 2 strings for 3 rows")]:
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
The same table in int8, and under a changed tokenizer. The next cell quantises MiniLM's token table
with your `quantize_int8` and asks whether the nearest neighbours of a few words survive. Then it
simulates a tokenizer change that only **drops the 994 `[unused]` entries** of the vocabulary:
every later id moves down, so the old table read with the new ids returns the rows of other words,
until `migrate_embeddings` moves them by string.
"""),
code(r"""
if real is not None:
    E_real = real.tokens.astype(np.float64)
    vocab_real = list(real.vocab)

    def top_ids(E, i, k=10):
        unit = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
        scores = unit @ unit[i]
        scores[i] = -np.inf
        return np.argsort(-scores, kind="stable")[:k]

    words_real = ["king", "paris", "music", "three", "happy"]
    try:
        q_real, s_real = quantize_int8(E_real)
    except NotImplementedError:
        print("Write quantize_int8 first, then run this cell again.")
    else:
        E_real_hat = q_real.astype(np.float64) * s_real[:, None]
        rel_real = np.linalg.norm(E_real - E_real_hat) / np.linalg.norm(E_real)
        kept = np.mean([len(set(top_ids(E_real, real.id(w))) & set(top_ids(E_real_hat, real.id(w)))) / 10
                        for w in words_real])
        print(f"int8 MiniLM table: {q_real.nbytes + 4 * len(s_real):,} bytes instead of {4 * E_real.size:,}; "
              f"relative error {rel_real:.2%}; top-10 neighbours kept for {words_real}: {kept:.0%}")

    new_vocab_real = [w for w in vocab_real if not w.startswith("[unused")]
    king_new = new_vocab_real.index("king")
    print(f"\nwithout the [unused] entries: {len(vocab_real):,} -> {len(new_vocab_real):,} strings; "
          f"'king' has id {real.id('king')} before, {king_new} after")
    print(f"the old table read with the new id {king_new} gives the row of {vocab_real[king_new]!r}")
    try:
        E_new_real = migrate_embeddings(E_real, vocab_real, new_vocab_real)
    except NotImplementedError:
        print("Write migrate_embeddings first, then run this cell again.")
    else:
        print("after migrate_embeddings, the row of new id", king_new, "is king's:",
              bool(np.array_equal(E_new_real[king_new], E_real[real.id("king")])))
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
   `resize_embeddings` refuse to shrink? Why is appending new ids safe, while retraining the
   tokenizer needs `migrate_embeddings`?
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
wrong row. Appending keeps every old id pointing at its own trained row; a retrained tokenizer
gives old strings new ids, so the table must be reindexed by string (rows of new strings start at
the mean), or every lookup returns another token's vector without any error.
""", r"""
1 point (tying): the same row serves as input vector and as output scorer ($z_v = E[v]\cdot h$);
numbers: GPT-2 small saves about 38.6M (about 31%), the 7B model about 131M (about 2%); small
models tie because embeddings are a large share (and it regularises), large models can afford a
separate head (more flexibility). 1 point (resizing): mean initialisation gives the new token a
typical vector/average logit so the output distribution is not disturbed; zeros/random can give
arbitrary or dominating logits; shrinking drops existing tokens whose ids are still produced; a
retrained tokenizer changes what the ids mean, so rows must be moved by string.
Half a point per part when the numbers or the reasoning is missing.
"""),
]

NOTEBOOK = notebook(cells)
