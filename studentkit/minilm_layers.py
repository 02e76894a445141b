"""all-MiniLM-L6-v2 layer by layer: the hidden state of every token after every layer.

``minilm.py`` (beside this file) reads the weights and runs the whole encoder
(``real.hidden_states(ids)``, the last layer only). ``layer_states`` runs the same numpy forward
pass and keeps every step: the embedding output (token + position + segment vectors, layer-normed)
and the output of each of the 6 layers. Nothing graded depends on it.

    from minilm import load_minilm
    from minilm_layers import layer_states, encode
    real = load_minilm()
    ids = encode(real, "the bank of the river")     # [CLS] the bank of the river [SEP]
    states = layer_states(real, ids)                # list of 7 arrays (T, 384)
"""
from __future__ import annotations

import numpy as np

from minilm import _dense, _erf, _layer_norm


def encode(real, sentence: str) -> np.ndarray:
    """[CLS] + the ids of the sentence's words (each must be one token of the vocabulary) + [SEP]."""
    return np.array([real.id("[CLS]"), *real.ids(sentence.lower().split()), real.id("[SEP]")])


def layer_states(real, ids) -> list:
    """[embedding output, after layer 1, ..., after layer 6], each (T, d); the last equals real.hidden_states(ids)."""
    w = real.weights
    ids = np.asarray(ids)
    T = len(ids)
    x = real.tokens[ids] + real.positions[:T] + real.token_types[0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    states = [x]
    layer = 0
    while f"encoder.layer.{layer}.attention.self.query.weight" in w:
        p = f"encoder.layer.{layer}."
        heads, d = 12, x.shape[1]
        q, k, v = (_dense(x, w, p + f"attention.self.{n}") for n in ("query", "key", "value"))

        def split(m):
            return m.reshape(T, heads, d // heads).transpose(1, 0, 2)

        scores = split(q) @ split(k).transpose(0, 2, 1) / np.sqrt(d // heads)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        att = (scores / scores.sum(-1, keepdims=True)) @ split(v)
        att = att.transpose(1, 0, 2).reshape(T, d)
        x = _layer_norm(x + _dense(att, w, p + "attention.output.dense"),
                        w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        h = _dense(x, w, p + "intermediate.dense")
        h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))
        x = _layer_norm(x + _dense(h, w, p + "output.dense"),
                        w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        states.append(x)
        layer += 1
    return states


def neighbours_by_layer(real, sentences, word: str, k: int = 5) -> dict:
    """For each sentence containing `word`: per layer, the cosine between this occurrence and the same word
    in every other sentence, and the k nearest other occurrences of any word among all the sentences."""
    runs = [(s, encode(real, s)) for s in sentences]
    states = [layer_states(real, ids) for _, ids in runs]
    labels, where = [], []
    for si, (s, ids) in enumerate(runs):
        for t, tok in enumerate(ids[1:-1], start=1):
            labels.append(f"{real.vocab[tok]} ({si})")
            where.append((si, t))
    n_layers = len(states[0])
    targets = [(si, list(ids).index(real.id(word))) for si, (_, ids) in enumerate(runs)]
    out = {"labels": labels, "targets": targets, "layers": []}
    for layer in range(n_layers):
        table = np.stack([states[si][layer][t] for si, t in where])
        unit = table / np.linalg.norm(table, axis=1, keepdims=True)
        rows = [where.index(tg) for tg in targets]
        sims = unit[rows] @ unit.T
        near = []
        for r, row in zip(rows, sims):
            order = [j for j in np.argsort(-row, kind="stable") if j != r][:k]
            near.append([(labels[j], float(row[j])) for j in order])
        out["layers"].append({"target_cos": unit[rows] @ unit[rows].T, "neighbours": near})
    return out
