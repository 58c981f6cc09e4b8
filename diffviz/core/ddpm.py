"""DDPM's schedule maths, through diffusers' ``DDPMScheduler``: ᾱ_t, noising, the clean estimate.

Why diffusers here: the course's second half *uses* ``DDPMScheduler`` rather than building
it. These are stateless functions (the shape of diffusers' ``scheduling_ddpm.py``);
``core.processes.DDPMProcess`` holds one scheduler per beta schedule and offers them
through the common process interface, and ``core.samplers.diffusers_schedulers`` runs
diffusers' samplers over the same betas.

diffusers is imported inside the functions, so nothing here slows the app's launch.
"""

from __future__ import annotations

from typing import Any

import torch

from diffviz.core import i18n
from diffviz.core.shapes import per_sample

TRAIN_TIMESTEPS = 1000
BETA_SCHEDULES = ("linear", "squaredcos_cap_v2")


def training_scheduler(beta_schedule: str = "linear", prediction_type: str = "epsilon") -> Any:
    """The course's ``DDPMScheduler(num_train_timesteps=1000)`` with the chosen beta schedule (and what the
    model predicts, which the samplers' schedulers made from its config read)."""
    from diffusers import DDPMScheduler

    if beta_schedule not in BETA_SCHEDULES:
        raise ValueError(i18n.tr("unknown beta schedule {name}; choose one of {choices}").format(
            name=repr(beta_schedule), choices=", ".join(BETA_SCHEDULES)))
    return DDPMScheduler(num_train_timesteps=TRAIN_TIMESTEPS, beta_schedule=beta_schedule,
                         prediction_type=prediction_type)


def alpha_bars(beta_schedule: str = "linear") -> torch.Tensor:
    """ᾱ_t for t = 0..999: how much of the clean image is left at each timestep."""
    return training_scheduler(beta_schedule).alphas_cumprod.clone()


def add_noise(x01: torch.Tensor, noise: torch.Tensor, timesteps: torch.Tensor, beta_schedule: str = "linear",
              scheduler: Any = None) -> torch.Tensor:
    """x_t = √ᾱ_t · x0 + √(1-ᾱ_t) · noise, with x0 the images moved from [0, 1] to [-1, 1]."""
    scheduler = scheduler or training_scheduler(beta_schedule)
    return scheduler.add_noise(x01 * 2 - 1, noise, timesteps)


def clean_estimate(x_t: torch.Tensor, eps: torch.Tensor, timesteps: torch.Tensor,
                   alphas: torch.Tensor) -> torch.Tensor:
    """The clean image the model implies, in [-1, 1]: (x_t - √(1-ᾱ_t) ε) / √ᾱ_t."""
    a = per_sample(alphas.to(x_t)[timesteps.long()], x_t)
    return (x_t - (1 - a).sqrt() * eps) / a.sqrt()


def to_screen(x: torch.Tensor) -> torch.Tensor:
    """[-1, 1] to [0, 1], as the timeline shows every recipe's images."""
    return (x + 1) / 2
