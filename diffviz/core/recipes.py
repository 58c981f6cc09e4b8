"""Recipes: which model, which noise, what the model is told, and how it is optimised.

``course`` is the Hugging Face course's recipe to the letter: BasicUNet, uniform noise,
the model not told the amount, Adam 1e-3. ``flow`` keeps the course's story (blend toward
noise by an amount, predict the clean image, sample with ``mix = 1/(n - i)``: an Euler
step along a straight line) and adds three well-known ideas that make a small model
learn much faster on a CPU:

1. the model is told the amount (``TimeUNet``), so it knows how much to trust its input;
2. Gaussian noise, the usual starting point of flow and diffusion models;
3. an exponential moving average (EMA) of the weights, with a short warm-up, for
   sampling, plus a learning-rate warm-up to a higher rate (2e-3);
4. amounts drawn from a logit-normal distribution (``sigmoid(randn)``): more practice at
   middle amounts, where the digit's shape is decided, and less at the trivial ends.
   Measured over 300 s of training on this project's 2-core machine, this raised the
   recognised share of 500 samples from 0.42 to 0.49 and halved the Fréchet distance.

The sampler is the same for both: at step i of n the model is asked at amount
``t = 1 - i/n`` (the course model simply ignores it).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from diffviz.core.corruption import random_amounts
from diffviz.core.errors import ConfigError
from diffviz.core.models import build_model


@dataclass(frozen=True)
class Recipe:
    name: str
    architecture: str
    noise_kind: str         # "uniform" (torch.rand, the course) | "gaussian" (torch.randn)
    amount_kind: str        # "uniform" (torch.rand, the course) | "logit-normal" (sigmoid(torch.randn))
    conditioned: bool       # the model is told the amount
    lr: float               # default learning rate
    warmup_steps: int       # linear learning-rate warm-up
    ema_decay: float | None  # EMA of the weights used for sampling; None: the weights themselves
    summary: str

    def make_model(self) -> nn.Module:
        return build_model(self.architecture)

    def draw_noise(self, shape: tuple[int, ...], generator: torch.Generator | None = None) -> torch.Tensor:
        if self.noise_kind == "gaussian":
            return torch.randn(shape, generator=generator)
        return torch.rand(shape, generator=generator)

    def draw_amounts(self, batch: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """One corruption amount per image, in (0, 1)."""
        if self.amount_kind == "logit-normal":
            return torch.sigmoid(torch.randn(batch, generator=generator))
        return random_amounts(batch, generator)  # the course's torch.rand(B)

    def predict(self, model: nn.Module, x: torch.Tensor, amount: torch.Tensor) -> torch.Tensor:
        """The model's prediction of the clean image; ``amount`` has one value per image."""
        return model(x, amount) if self.conditioned else model(x)


RECIPES: dict[str, Recipe] = {
    "course": Recipe("course", "BasicUNet", "uniform", "uniform", False, 1e-3, 0, None,
                     "the course's recipe: BasicUNet, uniform noise, Adam 1e-3"),
    "course-unet2d": Recipe("course-unet2d", "CourseUNet2D", "uniform", "uniform", False, 1e-3, 0, None,
                            "the course's comparison: diffusers' UNet2DModel (1.7M parameters), same corruption"),
    "flow": Recipe("flow", "TimeUNet", "gaussian", "logit-normal", True, 2e-3, 100, 0.999,
                   "fast: told the amount, Gaussian noise, mid-range amounts, EMA weights, lr 2e-3 with warm-up"),
}


def get_recipe(name: str) -> Recipe:
    try:
        return RECIPES[name]
    except KeyError:
        raise ConfigError(f"unknown recipe {name!r}; choose one of {', '.join(RECIPES)}") from None
