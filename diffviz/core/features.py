"""Capturing every layer's feature maps during a forward pass, with forward hooks.

Why hooks: the model stays the course's code, untouched; the inspector asks for the
outputs of named layers (``model.feature_layers()``) and gets copies of them. Copies
are stored as float16 numpy arrays: half the memory of float32 and ample precision
for drawing, so a 64 x 40-step trajectory with all six maps fits comfortably.
"""

from __future__ import annotations

import itertools

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core.attention import AttentionRecorder, attention_modules

if TYPE_CHECKING:
    from diffviz.core.models.facts import ModelFacts


def feature_layers(model: nn.Module) -> dict[str, nn.Module]:
    """The named layers of ``model`` whose outputs are worth showing (empty when it names none)."""
    getter = getattr(model, "feature_layers", None)
    return getter() if callable(getter) else {}


class FeatureCapture:
    """Collects the output of each named layer on every forward pass while active.

    ``limit`` keeps only the first ``limit`` images of the batch (None keeps all), so
    large sampling runs can inspect a subset without storing everything.
    """

    def __init__(self, model: nn.Module, limit: int | None = None,
                 layers: dict[str, nn.Module] | None = None, attention: bool = True) -> None:
        self.layers = layers if layers is not None else feature_layers(model)
        self.limit = limit
        self.latest: dict[str, np.ndarray] = {}
        self._handles: list = []
        modules = attention_modules(model) if attention else {}
        self.attention = AttentionRecorder(modules, limit, self.latest)
        # The order maps are handed out in: each block's output, then the attention inside it.
        self._order = [name for layer_name, layer in self.layers.items() for name in
                       [layer_name, *(a for a, module in modules.items()
                                      if any(module is inner for inner in layer.modules()))]]
        self._order += [name for name in modules if name not in self._order]

    @property
    def attention_names(self) -> list[str]:
        """The layers whose maps are attention weights (``core.attention``), not a block's channels."""
        return list(self.attention.modules)

    def _hook(self, name: str):
        def store(_module: nn.Module, _inputs, output: torch.Tensor | tuple) -> None:
            if isinstance(output, tuple):  # diffusers' down blocks return (hidden states, skip tensors)
                output = output[0]
            kept = output if self.limit is None else output[: self.limit]
            self.latest[name] = kept.detach().to("cpu", torch.float16).numpy()
        return store

    def __enter__(self) -> "FeatureCapture":
        self._handles = [layer.register_forward_hook(self._hook(name)) for name, layer in self.layers.items()]
        self.attention.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []
        self.attention.__exit__(*exc)

    def take(self) -> dict[str, np.ndarray]:
        """The maps of the last forward pass (each block's, then its attention's), and forget them."""
        taken = {name: self.latest.pop(name) for name in self._order if name in self.latest}
        taken.update(self.latest)
        self.latest.clear()  # the same dict the attention recorder writes into
        return taken


@contextmanager
def capture_features(model: nn.Module, limit: int | None = None) -> Iterator[FeatureCapture]:
    """``with capture_features(model) as cap: model(x); maps = cap.take()``."""
    with FeatureCapture(model, limit) as capture:
        yield capture


@dataclass
class LayerInfo:
    """One inspectable layer: its name, which half of the UNet it is in, its output shape and the model's
    note on what it does (from the model's own ``facts()``)."""

    name: str
    part: str            # "down" | "mid" | "up"
    channels: int
    height: int
    width: int
    note: str = ""
    attention: tuple[str, ...] = ()  # the self-attention modules inside it (their weights are maps too)

    @property
    def values(self) -> int:
        """Feature values this layer's output holds per image."""
        return self.channels * self.height * self.width


@torch.no_grad()
def _one_forward_maps(model: nn.Module, input_shape: tuple[int, int, int], attention: bool = True
                      ) -> dict[str, np.ndarray]:
    """Every map (and, with ``attention``, every attention's weights) of one dummy image through ``model``."""
    was_training = model.training
    model.eval()
    held = next(itertools.chain(model.parameters(), model.buffers()), None)  # a perfect denoiser has no weights
    device = held.device if held is not None else torch.device("cpu")
    with FeatureCapture(model, limit=1, attention=attention) as capture:
        x = torch.zeros((1, *input_shape), device=device)
        model(x, torch.zeros(1, device=device)) if getattr(model, "takes_amount", False) else model(x)
        maps = capture.take()
    model.train(was_training)
    return maps


def describe_layers(model: nn.Module, input_shape: tuple[int, int, int] = (1, 28, 28)) -> list[LayerInfo]:
    """Run one dummy image through ``model`` and report each feature layer's output shape, in order."""
    maps = _one_forward_maps(model, input_shape, attention=False)
    facts = model_facts(model)
    attention = attention_modules(model)
    infos = []
    for name, layer in feature_layers(model).items():
        if name not in maps:
            continue
        _, c, h, w = maps[name].shape
        part = "down" if name.startswith("down") else "up" if name.startswith("up") else "mid"
        inside = tuple(a for a, module in attention.items() if any(module is inner for inner in layer.modules()))
        infos.append(LayerInfo(name, part, int(c), int(h), int(w), facts.notes.get(name, "") if facts else "",
                               inside))
    return infos


def model_facts(model: nn.Module) -> "ModelFacts | None":
    """What ``model`` says about itself (layer notes, explanations), or None for a model that says nothing."""
    getter = getattr(model, "facts", None)
    return getter() if callable(getter) else None


_FEATURE_VALUES: dict[tuple, int] = {}


def feature_values_per_sample(model: nn.Module, input_shape: tuple[int, int, int] = (1, 28, 28)) -> int:
    """Feature values one sample's recording keeps per frame: the sum of every feature layer's output size.

    Measured with one dummy forward (block outputs and attention weights) once per architecture, configuration
    and input shape, on a fresh twin built from the model's ``config()``: sizing a recording must not run the
    model it is about to refuse.
    """
    config = model.config() if callable(getattr(model, "config", None)) else None
    # A model made elsewhere (a pipeline folder's) has no config of ours: its parameters' names and shapes
    # say what it is (an object's id would be reused by the next model in the same memory).
    shape = repr(sorted(config.items())) if config is not None else \
        tuple((name, tuple(p.shape)) for name, p in model.named_parameters())
    key = (type(model).__qualname__, shape, input_shape)
    if key not in _FEATURE_VALUES:
        twin = type(model)(**config) if config is not None else model
        _FEATURE_VALUES[key] = sum(int(np.prod(m.shape[1:])) for m in _one_forward_maps(twin, input_shape).values())
    return _FEATURE_VALUES[key]


@torch.no_grad()
def maps_for_image(model: nn.Module, recipe, image: torch.Tensor, amount: float, seed: int = 0) -> dict[str, np.ndarray]:
    """Every layer's maps (C, H, W) float32 for one image corrupted by ``amount`` with the recipe's noise.

    For the inspector's "training batch" mode: one tiny forward pass, repeatable by ``seed``.
    """
    x = image.reshape(1, *image.shape[-3:])
    noise = recipe.draw_noise(tuple(x.shape), torch.Generator().manual_seed(seed))
    noisy, condition = recipe.noisy_at(x, torch.tensor([float(amount)]), noise)
    with FeatureCapture(model) as capture:
        recipe.predict(model, noisy, condition)
        maps = capture.take()
    return {name: m[0].astype(np.float32) for name, m in maps.items()}
