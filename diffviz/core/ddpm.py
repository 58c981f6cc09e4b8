"""The DDPM family, through diffusers' schedulers: noising for training and four samplers.

Why diffusers here: the course's second half *uses* ``DDPMScheduler`` rather than
building it, and the samplers (DDPM, DDIM, DPM-Solver++, Euler) are diffusers' well-kept
implementations. What diffviz adds is recording: every step's x_t and the model's
estimate of the clean image go into the same ``Trajectory`` the timeline, inspector and
GIF export use, mapped from the model's [-1, 1] to the [0, 1] of the screen.

diffusers is imported inside the functions, so nothing here slows the app's launch.
"""

from __future__ import annotations

import warnings
from typing import Any, Iterator

import torch
from torch import nn

TRAIN_TIMESTEPS = 1000
BETA_SCHEDULES = ("linear", "squaredcos_cap_v2")
SAMPLERS = ("ddpm", "ddim", "dpm-solver++", "euler")


def training_scheduler(beta_schedule: str = "linear") -> Any:
    """The course's ``DDPMScheduler(num_train_timesteps=1000)`` with the chosen beta schedule."""
    from diffusers import DDPMScheduler

    if beta_schedule not in BETA_SCHEDULES:
        raise ValueError(f"unknown beta schedule {beta_schedule!r}; choose one of {', '.join(BETA_SCHEDULES)}")
    return DDPMScheduler(num_train_timesteps=TRAIN_TIMESTEPS, beta_schedule=beta_schedule)


def sampling_scheduler(sampler: str, beta_schedule: str = "linear") -> Any:
    """A fresh scheduler of kind ``sampler`` sharing the training schedule's betas."""
    from diffusers import DDIMScheduler, DDPMScheduler, DPMSolverMultistepScheduler, EulerDiscreteScheduler

    # "trailing" spacing starts every run at t = 999, pure noise, whatever the step count
    # (the default "leading" spacing would start 5 steps at t = 800, on noise the model never saw).
    config = training_scheduler(beta_schedule).config
    spacing = {"timestep_spacing": "trailing"}
    if sampler == "ddpm":
        return DDPMScheduler.from_config(config, **spacing)
    if sampler == "ddim":
        return DDIMScheduler.from_config(config, **spacing)
    if sampler == "dpm-solver++":
        return DPMSolverMultistepScheduler.from_config(config, algorithm_type="dpmsolver++", **spacing)
    if sampler == "euler":
        return EulerDiscreteScheduler.from_config(config, **spacing)
    raise ValueError(f"unknown sampler {sampler!r}; choose one of {', '.join(SAMPLERS)}")


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
    a = alphas.to(x_t)[timesteps.long()].reshape(-1, 1, 1, 1)
    return (x_t - (1 - a).sqrt() * eps) / a.sqrt()


def to_screen(x: torch.Tensor) -> torch.Tensor:
    """[-1, 1] to [0, 1], as the timeline shows every recipe's images."""
    return (x + 1) / 2


def iter_scheduler_sampler(model: nn.Module, x: torch.Tensor, steps: int, sampler: str = "ddim",
                           beta_schedule: str = "linear", eta: float = 0.0, capture=None,
                           generator: torch.Generator | None = None, inspect_result: bool = True
                           ) -> Iterator[tuple[int, torch.Tensor, torch.Tensor, int, dict]]:
    """Run a diffusers sampler from Gaussian ``x``; yield (frame, x on screen, clean estimate on screen,
    timestep, feature maps) for frames 0..steps. The last frame is the result; the model looks at it
    once more (at t = 0) so that frame too has an estimate and feature maps, as in the course sampler.

    Euler works with x scaled by its σ; the model (and the screen) see ``scale_model_input(x)``,
    which is x_t in the DDPM sense, so every sampler's frames look alike.
    """
    scheduler = sampling_scheduler(sampler, beta_schedule)
    with warnings.catch_warnings():  # diffusers' DPM-Solver hands numpy a tensor the old way; harmless
        warnings.filterwarnings("ignore", message="__array__ implementation", category=DeprecationWarning)
        scheduler.set_timesteps(steps)
    alphas = scheduler.alphas_cumprod if hasattr(scheduler, "alphas_cumprod") else alpha_bars(beta_schedule)
    x = x * scheduler.init_noise_sigma
    n = x.shape[0]
    for frame, t in enumerate(scheduler.timesteps):
        model_input = scheduler.scale_model_input(x, t)
        t_batch = torch.full((n,), int(t), device=x.device, dtype=torch.long)
        eps = model(model_input, t_batch)
        x0 = clean_estimate(model_input, eps, t_batch, alphas)
        yield frame, to_screen(model_input), to_screen(x0), int(t), capture.take() if capture is not None else {}
        kwargs = {"eta": eta} if sampler == "ddim" else {}
        if sampler in ("ddpm", "ddim", "euler") and generator is not None:
            kwargs["generator"] = generator
        x = scheduler.step(eps, t, x, **kwargs).prev_sample
    t_zero = torch.zeros(n, device=x.device, dtype=torch.long)
    x0 = clean_estimate(x, model(x, t_zero), t_zero, alphas) if inspect_result else x
    yield steps, to_screen(x), to_screen(x0), 0, capture.take() if capture is not None else {}
