"""diffusers' DDPM, DDIM, DPM-Solver++ and Euler samplers, recorded frame by frame.

Why diffusers: these are its well-kept implementations, and the course's second half uses
them. What diffviz adds is recording: every step's x_t and the model's clean estimate, from
the same betas the model was trained with (the process's scheduler config). Euler works with
x scaled by its σ; the model (and the screen) see ``scale_model_input(x)``, which is x_t in
the DDPM sense, so every sampler's frames look alike. The last frame is the result; the model
looks at it once more (at t = 0) so that frame too has an estimate and feature maps.

"trailing" timestep spacing starts every run at t = 999, pure noise, whatever the step count
(the default "leading" spacing would start 5 steps at t = 800, on noise the model never saw).
diffusers is imported when a run starts, never at import.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
import math
from typing import TYPE_CHECKING, Any, Iterator

import torch

from diffviz.core import i18n
from diffviz.core.processes import DDPMProcess
from diffviz.core.samplers.base import Anchor, Denoiser, Sampler, SamplerStep, full, measured_mix

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess
    from diffviz.core.trajectory import Trajectory


@dataclass(frozen=True)
class DiffusersSampler(Sampler):
    """One of diffusers' schedulers, made ``from_config`` of the process's training schedule."""

    name: str
    summary: str
    scheduler_class: str                          # its class name in diffusers
    options: dict[str, Any] = field(default_factory=dict)
    takes_eta: bool = False
    takes_generator: bool = True                  # its step draws fresh noise (or may): seed it
    resamples: bool = True                        # its step keeps no state between calls (RePaint's jumps)
    stochastic: bool = False                      # its step adds fresh noise (DDPM's)

    def works_with(self, process: "NoisingProcess") -> bool:
        return isinstance(process, DDPMProcess)

    def make_scheduler(self, process: DDPMProcess, steps: int, start: float = 1.0) -> Any:
        """The scheduler for ``steps`` steps; from a start level < 1 (an edit) its timesteps are those of a
        longer run from pure noise, of which the walk takes the last ``steps`` (diffusers' img2img does the
        same): ``timesteps_from`` gives them."""
        import diffusers

        scheduler = getattr(diffusers, self.scheduler_class).from_config(
            process.scheduler_config(), timestep_spacing="trailing", **self.options)
        total = steps if start >= 1.0 else min(math.ceil(steps / start), process.train_timesteps)
        with warnings.catch_warnings():  # diffusers' DPM-Solver hands numpy a tensor the old way; harmless
            warnings.filterwarnings("ignore", message="__array__ implementation", category=DeprecationWarning)
            scheduler.set_timesteps(total)
        return scheduler

    @staticmethod
    def timesteps_from(scheduler: Any, steps: int) -> torch.Tensor:
        return scheduler.timesteps[len(scheduler.timesteps) - steps:]

    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        process = denoiser.process
        scheduler = self.make_scheduler(process, steps, anchor.start if anchor is not None else 1.0)
        timesteps = self.timesteps_from(scheduler, steps)
        last = process.train_timesteps - 1
        step_options: dict[str, Any] = {"eta": eta} if self.takes_eta else {}
        if self.takes_generator and generator is not None:
            step_options["generator"] = generator
        image = None if anchor is None else process.from_screen(anchor.image.to(x))
        if anchor is not None and anchor.starts_from_image:
            x = scheduler.add_noise(image, x, timesteps[:1])  # in the scheduler's own space (Euler's σ scale)
        else:
            x = x * scheduler.init_noise_sigma
        repeats = anchor.repeats if anchor is not None else 1
        for frame, t in enumerate(timesteps):
            t_next = timesteps[frame + 1] if frame + 1 < len(timesteps) else None
            for repeat in range(repeats):
                if repeat:  # a resampling jump: back up to t with fresh noise, and the step again
                    x = self._renoise(scheduler, x_next, t_next, t, generator)
                model_input = scheduler.scale_model_input(x, t)
                eps, x0 = denoiser.clean(model_input, full(x, int(t), torch.long))
                features = denoiser.take_features()
                x_next = scheduler.step(eps, t, x, **step_options).prev_sample
                if anchor is not None and anchor.mask is not None:
                    known = image if t_next is None else scheduler.add_noise(
                        image, torch.randn(x.shape, generator=generator).to(x), t_next.reshape(1))
                    x_next = anchor.held(x_next, known)
            shown_next = scheduler.scale_model_input(x_next, t_next) if t_next is not None else x_next
            yield SamplerStep(frame, model_input, x0, condition=int(t), level=int(t) / last,
                              mix=measured_mix(model_input, shown_next, x0), features=features)
            x = x_next
        x0 = denoiser.clean(x, full(x, 0, torch.long))[1] if inspect_result else x
        yield SamplerStep(steps, x, x0, condition=0, level=0.0, mix=0.0, features=denoiser.take_features())

    @staticmethod
    def _renoise(scheduler: Any, x: torch.Tensor, t: torch.Tensor | None, to_t: torch.Tensor,
                 generator: torch.Generator | None) -> torch.Tensor:
        """x at timestep ``t`` (None: clean) taken forward to ``to_t`` in DDPM space: √(ᾱ'/ᾱ) x + √(1 − ᾱ'/ᾱ) ε."""
        alphas = scheduler.alphas_cumprod
        ratio = alphas[int(to_t)] / (alphas[int(t)] if t is not None else 1.0)
        return ratio.sqrt() * x + (1 - ratio).sqrt() * torch.randn(x.shape, generator=generator).to(x)

    def caption(self, trajectory: "Trajectory", frame: int) -> str:
        if frame >= trajectory.n_steps:
            return super().caption(trajectory, frame)
        return i18n.tr("step {step}/{steps} · {sampler_name} · t = {t}").format(
            step=frame + 1, steps=trajectory.n_steps, sampler_name=self.name, t=int(trajectory.conditions[frame]))


DDPM = DiffusersSampler("ddpm", i18n.QT_TR_NOOP("DDPM's own sampler: a little fresh noise every step"),
                        "DDPMScheduler", stochastic=True)
DDIM = DiffusersSampler("ddim", i18n.QT_TR_NOOP("DDIM: deterministic at eta 0, good in few steps"), "DDIMScheduler",
                        takes_eta=True)
DPM_SOLVER = DiffusersSampler("dpm-solver++",
                              i18n.QT_TR_NOOP("DPM-Solver++: a multistep solver, sharp in 10-20 steps"),
                              "DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++"},
                              takes_generator=False, resamples=False)  # it remembers its last outputs
EULER = DiffusersSampler("euler", i18n.QT_TR_NOOP("Euler on the σ scale (Karras et al.)"), "EulerDiscreteScheduler",
                         resamples=False)  # it counts its own steps
