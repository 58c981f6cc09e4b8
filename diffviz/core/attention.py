"""Recording where self-attention looks: the attention weights of diffusers' ``Attention`` modules.

Why the weights and not only the block's output: a feature map shows *what* a block computed; the
attention weights show *how* it mixed the image: for every position (a query), how much it took from
every other position (the keys). They are the thing a learner cannot see anywhere else, and the one
part of a UNet2DModel that reaches across the whole image at once.

How: diffusers computes attention with a fused kernel (``scaled_dot_product_attention``) that never
forms the weights. While a capture is active, each attention module gets diffusers' own plain
processor (``AttnProcessor``: the same arithmetic, written out), and the module's
``get_attention_scores`` is wrapped to keep a copy of the weights it returns. On leaving, the
module's own processor is put back. The model's code and results are unchanged (the plain and fused
kernels agree to float rounding).

What is kept, per image: the weights averaged over the heads, as (queries, key height, key width),
so each query's weights are an image of where it looks that sums to 1, and the inspector can show
them as tiles like a layer's channels. Sizes are capped so a large model's recording stays small: at
most ``MAX_QUERY_SIDE``² query positions (neighbouring queries averaged) and ``MAX_KEY_SIDE``² key
positions (neighbouring keys summed, so every map still sums to 1).
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

MAX_QUERY_SIDE = 8   # at most 8 x 8 = 64 query positions per map (tiles in the inspector)
MAX_KEY_SIDE = 32    # at most 32 x 32 key positions per tile

Store = Callable[[np.ndarray], None]


def attention_modules(model: nn.Module) -> dict[str, nn.Module]:
    """The named self-attention modules of ``model`` whose weights are worth showing (empty when none)."""
    getter = getattr(model, "attention_layers", None)
    return getter() if callable(getter) else {}


def _pool_factor(side: int, most: int) -> int:
    """The smallest whole factor that brings ``side`` to at most ``most`` (1 when it already fits)."""
    return max(1, math.ceil(side / most))


def kept_weights(probs: torch.Tensor, heads: int, height: int, width: int, limit: int | None) -> np.ndarray:
    """(images, queries, key height, key width) float16: ``probs`` (images x heads, queries, keys) of the first
    ``limit`` images, averaged over heads and pooled to the caps (queries averaged, keys summed)."""
    batch = probs.shape[0] // heads
    kept = batch if limit is None else min(batch, limit)
    weights = probs.detach().float().reshape(batch, heads, height * width, height, width)[:kept].mean(dim=1)
    key_factor = _pool_factor(max(height, width), MAX_KEY_SIDE)
    if key_factor > 1:  # sum neighbouring keys: each query's weights still add up to 1
        images, queries = weights.shape[:2]
        weights = F.avg_pool2d(weights.reshape(images * queries, 1, height, width), key_factor, ceil_mode=True)
        weights = weights.reshape(images, queries, *weights.shape[-2:]) * key_factor ** 2
    query_factor = _pool_factor(max(height, width), MAX_QUERY_SIDE)
    if query_factor > 1:  # average neighbouring queries: a coarser grid of "where it looks from"
        images, _, key_h, key_w = weights.shape
        grid = weights.reshape(images, height, width, key_h * key_w).permute(0, 3, 1, 2)
        grid = F.avg_pool2d(grid, query_factor, ceil_mode=True)
        weights = grid.permute(0, 2, 3, 1).reshape(images, -1, key_h, key_w)
    return weights.to("cpu", torch.float16).numpy()


def query_grid(height: int, width: int) -> tuple[int, int]:
    """(rows, columns) of the query positions kept for an attention over ``height`` x ``width``."""
    factor = _pool_factor(max(height, width), MAX_QUERY_SIDE)
    return math.ceil(height / factor), math.ceil(width / factor)


def _recording_processor(store: Store, limit: int | None):
    """diffusers' plain ``AttnProcessor`` that hands the weights it computes to ``store``."""
    from diffusers.models.attention_processor import AttnProcessor  # lazy: importing diffusers takes seconds

    class RecordingProcessor(AttnProcessor):
        def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None,
                     *args, **kwargs):  # noqa: D102 (diffusers' signature: it hands on only what it names)
            if hidden_states.ndim == 4:
                height, width = hidden_states.shape[-2:]
            else:  # (batch, tokens, channels) of a square image
                height = width = math.isqrt(hidden_states.shape[1])
            scores = attn.get_attention_scores

            def keep(query, key, attention_mask=None):
                probs = scores(query, key, attention_mask)
                store(kept_weights(probs, attn.heads, int(height), int(width), limit))
                return probs

            attn.get_attention_scores = keep
            try:
                return super().__call__(attn, hidden_states, encoder_hidden_states, attention_mask, temb,
                                        *args, **kwargs)
            finally:
                del attn.get_attention_scores

    return RecordingProcessor()


class AttentionRecorder:
    """While active, keeps the latest weights of each named attention module (see the module docstring)."""

    def __init__(self, modules: dict[str, nn.Module], limit: int | None,
                 latest: dict[str, np.ndarray]) -> None:
        self.modules = modules
        self.limit = limit
        self.latest = latest  # shared with the feature capture, so one ``take()`` returns both
        self._saved: dict[str, object] = {}

    def _store(self, name: str) -> Store:
        def store(weights: np.ndarray) -> None:
            self.latest[name] = weights
        return store

    def __enter__(self) -> "AttentionRecorder":
        for name, module in self.modules.items():
            self._saved[name] = module.processor
            module.set_processor(_recording_processor(self._store(name), self.limit))
        return self

    def __exit__(self, *exc) -> None:
        for name, processor in self._saved.items():
            self.modules[name].set_processor(processor)
        self._saved = {}
