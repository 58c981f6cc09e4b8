"""Noising processes: how clean images become the noisy inputs a model learns from, and back.

A recipe says *which* model learns; its process says *what the model is shown and asked*.
Two families, one small interface, the shape of diffusers' schedulers (stateless maths,
every process answering the same questions):

- ``BlendProcess``: the course's idea, ``noisy = (1 - amount) * x + amount * noise`` with one
  amount per image; the model is asked for the clean image, and the screen shows model space
  as it is. The course draws uniform noise and uniform amounts; the flow recipes Gaussian
  noise and logit-normal amounts.
- ``DDPMProcess``: diffusers' ``DDPMScheduler`` noising, ``x_t = √ᾱ_t · x0 + √(1 - ᾱ_t) · ε``
  with x0 in [-1, 1] and an integer timestep per image; the model is asked for the noise ε.

Every process can: draw a training batch (noisy input, what the model is told, target and a
0..1 amount per image for the loss-by-noise plot), noise clean images at a 0..1 amount (the
views' sliders), turn the model's output into a clean-image estimate, map model space to
the screen's [0, 1], and describe its schedule for the Schedule view. The string choices
(which noise, which amounts, which betas) are switched on inside these classes only.

diffusers is imported only when a DDPM process first needs its scheduler.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import torch

from diffviz.core import ddpm, i18n
from diffviz.core.corruption import corrupt, random_amounts
from diffviz.core.errors import ConfigError
from diffviz.core.shapes import per_sample

SCHEDULE_POINTS = 1000  # the Schedule view's t axis: DDPM's 1,000 training timesteps, the blend's amount·999


class ProcessBatch(NamedTuple):
    """One training batch as a process makes it: the model's input and what it is told, the target, and a
    0..1 amount per image (the blend amount, or t/999) for the loss-by-amount plot."""

    noisy: torch.Tensor
    condition: torch.Tensor
    target: torch.Tensor
    amount: torch.Tensor


class Schedule(ABC):
    """A process's schedule as numpy tables over t = 0..999, for the Schedule view: how much of the digit
    (``signal``) and of the noise (``noise``) frame t keeps, and the digits noised at t on the screen scale."""

    signal: np.ndarray
    noise: np.ndarray
    alpha_bar: np.ndarray | None = None  # DDPM's ᾱ_t; a blend has none

    def noised(self, images: np.ndarray, t: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Clean images (N, C, H, W) in [0, 1] noised at timestep ``t[i]`` each, on the screen's [0, 1] scale:
        ``signal_t · x + noise_t · noise`` in the process's own space."""
        signal, noise_w = (per_sample(w[np.asarray(t)], images) for w in (self.signal, self.noise))
        return self.to_screen(signal * self.from_screen(images) + noise_w * self.draw(rng, images.shape))

    @abstractmethod
    def draw(self, rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
        """The process's noise, float32."""

    def from_screen(self, images: np.ndarray) -> np.ndarray:
        """Screen [0, 1] to the process's space (the blends work on the screen's scale)."""
        return images

    def to_screen(self, x: np.ndarray) -> np.ndarray:
        return x

    @abstractmethod
    def describe(self, t: int) -> str:
        """The numbers at timestep ``t``, in a line."""


class NoisingProcess(ABC):
    """The interface every noising process offers; see the module docstring."""

    key: str            # its name in PROCESSES
    title: str          # how the Schedule view lists it (marked with i18n.QT_TR_NOOP: shown through i18n.tr)
    target_name: str    # what the model is trained to output, in words ("clean image", "noise"; i18n.tr where shown)
    schedule_is_slow = False  # its schedule() takes seconds the first time (imports diffusers): make it off the GUI
    invertible = False  # an image can be walked back to its noise and forward again (DDIM; core.editing)

    @abstractmethod
    def draw_noise(self, shape: tuple[int, ...], generator: torch.Generator | None = None) -> torch.Tensor:
        """The noise this process blends toward (and sampling starts from)."""

    @abstractmethod
    def training_batch(self, x: torch.Tensor, generator: torch.Generator | None = None) -> ProcessBatch:
        """Noise a batch of clean images (in [0, 1]) for one training step."""

    @abstractmethod
    def noisy_at(self, x: torch.Tensor, amount: torch.Tensor,
                 noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(model input, what the model is told) for clean images ``x`` at a 0..1 ``amount`` each."""

    @abstractmethod
    def clean_estimate(self, noisy: torch.Tensor, output: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        """The clean image the model's ``output`` implies, in model space."""

    @abstractmethod
    @abstractmethod
    def implied_noise(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        """The noise that, added to ``clean`` at ``condition``, gives ``noisy``: what the 2-D lab draws as the
        predicted noise (``core.toy.lab``)."""

    @abstractmethod
    def output_for(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        """What a model of this process would output to mean ``clean`` for ``noisy``: ``clean_estimate``'s
        inverse, so a denoiser that knows the clean point (the perfect one, ``core.toy.ideal``) can speak as any
        network of the process."""

    def told(self, x: torch.Tensor, condition: float) -> torch.Tensor:
        """What the model is told for each sample of ``x`` at a recorded ``condition`` (a frame's)."""
        return torch.full((x.shape[0],), float(condition), device=x.device)

    def to_screen(self, x: torch.Tensor) -> torch.Tensor:
        """Model-space images to the [0, 1] the views show."""

    def from_screen(self, images: torch.Tensor) -> torch.Tensor:
        """Screen [0, 1] images to model space (the blends work on the screen's scale): where an edit's
        input image enters the walk (``core.editing``)."""
        return images

    def level_of(self, condition: float) -> float:
        """How noisy an input told ``condition`` is, 0 (clean) to 1 (noise): the blend amount itself."""
        return float(condition)

    def steps_below(self, level: float) -> int | None:
        """The most sampling steps a walk starting at noise ``level`` can take (None: no limit). A DDPM
        model knows only its integer timesteps, so an edit at strength 0.02 has 20 of them to walk."""
        return None

    @abstractmethod
    def schedule(self) -> Schedule:
        """The schedule's tables (may import diffusers: call it off the GUI thread)."""


# ----- the blend ---------------------------------------------------------------------------------------
NOISE_KINDS = ("uniform", "gaussian")         # torch.rand (the course) | torch.randn
BLEND_TARGETS = {"x": i18n.QT_TR_NOOP("clean image"), "velocity": i18n.QT_TR_NOOP("velocity (noise − clean)"),
                 "noise": i18n.QT_TR_NOOP("noise")}  # what it predicts, in words (shown through i18n.tr)
AMOUNT_KINDS = ("uniform", "logit-normal")    # torch.rand(B) (the course) | sigmoid(torch.randn(B))


@dataclass(frozen=True)
class BlendSchedule(Schedule):
    """The blend's straight lines: signal ``1 - amount``, noise ``amount``, with amount = t / 999."""

    gaussian: bool = False

    def __post_init__(self) -> None:
        amount = np.arange(SCHEDULE_POINTS) / (SCHEDULE_POINTS - 1)
        object.__setattr__(self, "signal", 1 - amount)
        object.__setattr__(self, "noise", amount)

    def draw(self, rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
        return (rng.standard_normal(shape) if self.gaussian else rng.random(shape)).astype(np.float32)

    def describe(self, t: int) -> str:
        return i18n.tr("t = {t} · amount = {amount:.3f} · signal 1 − amount = {signal:.3f}").format(
            t=t, amount=self.noise[t], signal=self.signal[t])


@dataclass(frozen=True)
class BlendProcess(NoisingProcess):
    """The course's blend toward noise by an amount; the model predicts the clean image, or (``predicts``) the
    velocity of the straight path, noise − clean, or the noise itself. All three are read back as a clean
    estimate, so every blend sampler walks them alike; which one a network learns best can be seen in 2-D."""

    key: str
    title: str
    noise_kind: str = "uniform"
    amount_kind: str = "uniform"
    target_name: str = i18n.QT_TR_NOOP("clean image")
    predicts: str = "x"

    def __post_init__(self) -> None:
        if self.noise_kind not in NOISE_KINDS or self.amount_kind not in AMOUNT_KINDS or \
                self.predicts not in BLEND_TARGETS:
            raise ConfigError(i18n.tr("a blend takes noise {noises}, amounts {amounts} and targets {targets} "
                                      "(got {noise}, {amount}, {target})").format(
                noises=NOISE_KINDS, amounts=AMOUNT_KINDS, targets=tuple(BLEND_TARGETS), noise=repr(self.noise_kind),
                amount=repr(self.amount_kind), target=repr(self.predicts)))
        object.__setattr__(self, "target_name", BLEND_TARGETS[self.predicts])

    @property
    def gaussian(self) -> bool:
        """Its noise is Gaussian (``torch.randn``), not the course's uniform ``torch.rand``."""
        return self.noise_kind == "gaussian"

    def _target(self, x: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        return {"x": x, "velocity": noise - x, "noise": noise}[self.predicts]

    def draw_noise(self, shape: tuple[int, ...], generator: torch.Generator | None = None) -> torch.Tensor:
        if self.noise_kind == "gaussian":
            return torch.randn(shape, generator=generator)
        return torch.rand(shape, generator=generator)

    def draw_amounts(self, batch: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """One corruption amount per image, in (0, 1)."""
        if self.amount_kind == "logit-normal":
            return torch.sigmoid(torch.randn(batch, generator=generator))
        return random_amounts(batch, generator)  # the course's torch.rand(B)

    def training_batch(self, x: torch.Tensor, generator: torch.Generator | None = None) -> ProcessBatch:
        # The course's order (amounts, then noise), so a course run repeats the course's draws exactly.
        amount = self.draw_amounts(x.shape[0], generator).to(x.device)
        noise = self.draw_noise(tuple(x.shape), generator).to(x.device)
        return ProcessBatch(corrupt(x, amount, noise), amount, self._target(x, noise), amount)

    def noisy_at(self, x: torch.Tensor, amount: torch.Tensor,
                 noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return corrupt(x, amount, noise), amount

    def clean_estimate(self, noisy: torch.Tensor, output: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        if self.predicts == "x":
            return output  # the model is asked for the clean image itself
        t = per_sample(condition.to(noisy), noisy)
        if self.predicts == "velocity":
            return noisy - t * output                       # x_t = x + t (noise - x)
        return (noisy - t * output) / (1 - t).clamp_min(1e-3)  # x_t = (1 - t) x + t noise

    def implied_noise(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        t = per_sample(condition.to(noisy), noisy).clamp_min(1e-3)
        return (noisy - (1 - t) * clean) / t

    def output_for(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        if self.predicts == "x":
            return clean
        noise = self.implied_noise(noisy, clean, condition)
        return noise - clean if self.predicts == "velocity" else noise

    def to_screen(self, x: torch.Tensor) -> torch.Tensor:
        return x

    def renoise(self, x: torch.Tensor, level: float, to_level: float,
                generator: torch.Generator | None = None) -> torch.Tensor:
        """``x`` at noise ``level`` taken forward to the noisier ``to_level``, as noising would have made it:
        RePaint's resampling jump (``core.editing``). The digit's share falls to ``1 - to_level``; fresh noise
        makes up the rest. For Gaussian noise that is exact (the variances add); the course's uniform noise
        has no such rule, so the missing share is simply blended in from a fresh draw."""
        keep = (1.0 - to_level) / (1.0 - level)
        noise = self.draw_noise(tuple(x.shape), generator).to(x.device)
        if self.noise_kind == "gaussian":
            extra = max(to_level ** 2 - (keep * level) ** 2, 0.0) ** 0.5
        else:
            extra = to_level - keep * level
        return keep * x + extra * noise

    def schedule(self) -> Schedule:
        return BlendSchedule(gaussian=self.noise_kind == "gaussian")


# ----- DDPM --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DDPMSchedule(Schedule):
    """√ᾱ_t of the digit (in [-1, 1]) and √(1 - ᾱ_t) of Gaussian noise."""

    alpha_bar: np.ndarray = field(default_factory=lambda: np.ones(SCHEDULE_POINTS))

    def __post_init__(self) -> None:
        object.__setattr__(self, "signal", np.sqrt(self.alpha_bar))
        object.__setattr__(self, "noise", np.sqrt(1 - self.alpha_bar))

    def draw(self, rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
        return rng.standard_normal(shape).astype(np.float32)

    def from_screen(self, images: np.ndarray) -> np.ndarray:
        return 2 * images - 1  # DDPM's data lives in [-1, 1]

    def to_screen(self, x: np.ndarray) -> np.ndarray:
        return (x + 1) / 2

    def describe(self, t: int) -> str:
        return (f"t = {t} · ᾱ = {self.alpha_bar[t]:.4f} · √ᾱ = {self.signal[t]:.3f} · "
                f"√(1 − ᾱ) = {self.noise[t]:.3f}")


@dataclass(frozen=True)
class DDPMProcess(NoisingProcess):
    """diffusers' DDPM noising with ``beta_schedule``; the model is told the integer timestep and predicts what
    ``prediction_type`` says (diffusers' own words): ``epsilon``, the noise; ``v_prediction``, the velocity
    √ᾱ ε − √(1 − ᾱ) x₀; ``sample``, the clean image. The samplers' schedulers read it from ``scheduler_config``.

    Why v as well as ε: the clean image an ε-model implies divides its error by √ᾱ, which nears 0 at high noise,
    so ε needs a network that passes fine detail straight through (diffusers' UNet2DModel, with its residual
    blocks); the lean TimeUNet the CPU recipes use learns v in a minute and ε not at all (``diffviz bench
    quality --recipes ddpm@eps,ddpm``)."""

    key: str
    title: str
    beta_schedule: str = "linear"
    prediction_type: str = "epsilon"
    centred: bool = False  # the data is already centred on 0 (the 2-D lab's standardised points): taken as is
    schedule_is_slow = True
    invertible = True  # DDIM at eta 0 is deterministic both ways
    _cache: dict = field(default_factory=dict, compare=False, repr=False)  # the DDPMScheduler, made on first use

    def __post_init__(self) -> None:
        if self.beta_schedule not in ddpm.BETA_SCHEDULES:
            raise ConfigError(i18n.tr("unknown beta schedule {schedule}; choose one of {names}")
                              .format(schedule=repr(self.beta_schedule), names=", ".join(ddpm.BETA_SCHEDULES)))
        self._check_prediction()

    def _check_prediction(self) -> None:
        if self.prediction_type not in PREDICTION_TYPES:
            raise ConfigError(i18n.tr("the scheduler predicts {prediction}; diffviz shows {names}")
                              .format(prediction=repr(self.prediction_type), names=", ".join(PREDICTION_TYPES)))

    @property
    def target_name(self) -> str:  # type: ignore[override]
        return PREDICTION_TYPES[self.prediction_type]

    @property
    def train_timesteps(self) -> int:
        return ddpm.TRAIN_TIMESTEPS

    @property
    def scheduler(self) -> Any:
        """The training ``DDPMScheduler`` (diffusers is imported on first use)."""
        if "scheduler" not in self._cache:
            self._cache["scheduler"] = ddpm.training_scheduler(self.beta_schedule, self.prediction_type)
        return self._cache["scheduler"]

    def scheduler_config(self) -> Any:
        """The config every sampling scheduler of this process starts from (the same betas).

        Clipping the clean estimate to [-1, 1] (diffusers' default) is an image's range, and it rescues an ε-model,
        whose estimate at high noise divides its error by √ᾱ ≈ 0.01. Centred data (standardised points) is clipped
        to its own range, ±``CENTRED_RANGE`` (without a clip, an ε-MLP's first DDIM estimates land far outside the
        data). A v- or x-model's estimate needs no rescue, and clipping it hurts: DDIM then steps with the clipped
        image but the unclipped noise, and with guidance that mismatch wrecks the digits (bundled ddpm model, 200
        samples, 40 DDIM steps: recognised 0.46 clipped against 0.97 not)."""
        if self.centred:
            changes: dict[str, Any] = {"clip_sample_range": CENTRED_RANGE}
        elif self.prediction_type != "epsilon":
            changes = {"clip_sample": False}
        else:
            return self.scheduler.config
        kept = {key: value for key, value in self.scheduler.config.items() if key != "_use_default_values"}
        return {**kept, **changes}  # without the list, diffusers would reset a key it lists as a default

    def alpha_bars(self) -> torch.Tensor:
        return self.scheduler.alphas_cumprod

    def level_of(self, condition: float) -> float:
        """The timestep 0..999 as a 0..1 noise level (what the samplers record as a frame's level)."""
        return float(condition) / (self.train_timesteps - 1)

    def timestep_at(self, amount: torch.Tensor) -> torch.Tensor:
        """0..1 amounts to the nearest integer timestep 0..999."""
        return (amount.clamp(0, 1) * (self.train_timesteps - 1)).round().long()

    def draw_noise(self, shape: tuple[int, ...], generator: torch.Generator | None = None) -> torch.Tensor:
        return torch.randn(shape, generator=generator)

    def training_batch(self, x: torch.Tensor, generator: torch.Generator | None = None) -> ProcessBatch:
        t = torch.randint(0, self.train_timesteps, (x.shape[0],), generator=generator).to(x.device)
        noise = torch.randn(x.shape, generator=generator).to(x.device)
        clean = self.from_screen(x)
        noisy = self.scheduler.add_noise(clean, noise, t)
        return ProcessBatch(noisy, t, self._target(clean, noise, t), t.float() / (self.train_timesteps - 1))

    def _target(self, clean: torch.Tensor, noise: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """What the model is asked to output for ``clean`` noised with ``noise`` at timesteps ``t``."""
        if self.prediction_type == "epsilon":
            return noise
        if self.prediction_type == "sample":
            return clean
        return self.scheduler.get_velocity(clean, noise, t)

    def noisy_at(self, x: torch.Tensor, amount: torch.Tensor,
                 noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        t = self.timestep_at(amount)
        return self.scheduler.add_noise(self.from_screen(x), noise, t), t

    def clean_estimate(self, noisy: torch.Tensor, output: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        if self.prediction_type == "epsilon":
            return ddpm.clean_estimate(noisy, output, condition, self.alpha_bars())
        if self.prediction_type == "sample":
            return output
        a = per_sample(self.alpha_bars().to(noisy)[condition.long()], noisy)
        return a.sqrt() * noisy - (1 - a).sqrt() * output  # v-prediction

    def implied_noise(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        a = per_sample(self.alpha_bars().to(noisy)[condition.long()], noisy)
        return (noisy - a.sqrt() * clean) / (1 - a).sqrt().clamp_min(1e-3)

    def output_for(self, noisy: torch.Tensor, clean: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        noise = self.implied_noise(noisy, clean, condition)
        return self._target(clean, noise, condition.long())

    def told(self, x: torch.Tensor, condition: float) -> torch.Tensor:
        return torch.full((x.shape[0],), int(round(float(condition))), device=x.device, dtype=torch.long)

    def to_screen(self, x: torch.Tensor) -> torch.Tensor:
        return x if self.centred else ddpm.to_screen(x)

    def from_screen(self, images: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] to DDPM's [-1, 1]; centred data (points) as it is: the data owns its range."""
        return images if self.centred else images * 2 - 1

    def steps_below(self, level: float) -> int | None:
        return max(int(level * self.train_timesteps), 0)

    def schedule(self) -> Schedule:
        return DDPMSchedule(alpha_bar=self.alpha_bars().double().numpy())


@dataclass(frozen=True)
class SchedulerProcess(DDPMProcess):
    """DDPM noising from a diffusers scheduler's own config: a pipeline folder's (``core.pipelines``).

    Its betas, number of training timesteps and ``prediction_type`` come from the config, so a model trained
    elsewhere is noised, read and sampled exactly as it was trained. Every sampler of DDPM models works with it
    (they make their schedulers ``from_config`` of this config)."""

    config: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prediction_type", str(self.config.get("prediction_type", "epsilon")))
        self._check_prediction()

    @property
    def train_timesteps(self) -> int:
        return int(self.config.get("num_train_timesteps", ddpm.TRAIN_TIMESTEPS))

    @property
    def scheduler(self) -> Any:
        if "scheduler" not in self._cache:
            from diffusers import DDPMScheduler

            self._cache["scheduler"] = DDPMScheduler.from_config(self.config)
        return self._cache["scheduler"]

    def scheduler_config(self) -> Any:
        """The folder's own config, clipping as its author chose: it is sampled as it was made to be."""
        return self.scheduler.config


CENTRED_RANGE = 4.0  # standard deviations: where a centred, standardised data set's clean points can lie
# what the model outputs, in words (shown through i18n.tr)
PREDICTION_TYPES = {"epsilon": i18n.QT_TR_NOOP("noise"), "v_prediction": i18n.QT_TR_NOOP("velocity (v)"),
                    "sample": i18n.QT_TR_NOOP("clean image")}

COURSE_BLEND = BlendProcess(key="course", title=i18n.QT_TR_NOOP("course: amount = t / 999"),
                            noise_kind="uniform", amount_kind="uniform")
FLOW_BLEND = BlendProcess(key="flow", title=i18n.QT_TR_NOOP("flow: amount = t / 999, Gaussian noise"),
                          noise_kind="gaussian", amount_kind="logit-normal")
FLOW_BLEND_V = BlendProcess(key="flow-v", title=i18n.QT_TR_NOOP("flow: amount = t / 999, Gaussian noise, predicts the "
                                                                "velocity"),
                            noise_kind="gaussian", amount_kind="logit-normal", predicts="velocity")
DDPM_LINEAR = DDPMProcess(key="ddpm-linear", title=i18n.QT_TR_NOOP("DDPM, linear betas"), beta_schedule="linear")
DDPM_LINEAR_V = DDPMProcess(key="ddpm-linear-v", title=i18n.QT_TR_NOOP("DDPM, linear betas, v-prediction"),
                            beta_schedule="linear", prediction_type="v_prediction")
DDPM_COSINE_V = DDPMProcess(key="ddpm-cosine-v",
                            title=i18n.QT_TR_NOOP("DDPM, cosine (squaredcos_cap_v2), v-prediction"),
                            beta_schedule="squaredcos_cap_v2", prediction_type="v_prediction")
DDPM_COSINE = DDPMProcess(key="ddpm-cosine", title=i18n.QT_TR_NOOP("DDPM, cosine (squaredcos_cap_v2)"),
                          beta_schedule="squaredcos_cap_v2")

PROCESSES: dict[str, NoisingProcess] = {p.key: p for p in (COURSE_BLEND, FLOW_BLEND, FLOW_BLEND_V, DDPM_LINEAR,
                                                           DDPM_LINEAR_V, DDPM_COSINE, DDPM_COSINE_V)}


def get_process(key: str) -> NoisingProcess:
    try:
        return PROCESSES[key]
    except KeyError:
        raise ConfigError(i18n.tr("unknown noising process {name}; choose one of {names}")
                          .format(name=repr(key), names=", ".join(PROCESSES))) from None
