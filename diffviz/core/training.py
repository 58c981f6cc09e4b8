"""The course's training loop, as a reusable trainer that any thread can drive.

The loop itself is the course's: sample a batch, draw one ``amount`` per image, corrupt,
predict the recipe's target (the clean image for the course's recipe; the noise or the velocity
for the DDPM and pipeline recipes that ask for it), MSE against it, Adam step. Around it the trainer adds
what a live view needs, cheaply enough to keep ≥0.95x the speed of the bare loop:

* ``steps()`` is a generator yielding a ``StepReport`` after every batch, so the
  caller decides how to pause, cancel (stop iterating, or set ``cancel``), and how
  often to redraw. The report carries numpy copies, never live tensors.
* per-image losses and amounts, for the "loss by noise amount" plot;
* images/s, elapsed time and an ETA against an epoch or time budget;
* a seed that makes a run repeatable (initial weights, shuffling, amounts, noise);
* the first non-finite loss stops the run and restores the last finite weights;
* ``resume``: a run saved at an epoch's end (``core.training_state``) goes on exactly where it
  stopped (same shuffles, noise and weights as an unbroken run), so a long run survives a restart;
* a ``Precision`` (``core.precision``): the forward pass may run under bf16 autocast in
  channels_last layout where that was measured faster; weights, optimiser, EMA and the
  loss stay fp32.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.data import DigitData
from diffviz.core.errors import ConfigError, TrainingDiverged
from diffviz.core.precision import FP32, Precision, PrecisionChoice, choose_precision, model_key, step_timer
from diffviz.core.recipes import RECIPES, Recipe


@dataclass
class TrainConfig:
    """Hyperparameters; the defaults are the course's recipe (batch 128, 3 epochs, Adam 1e-3)."""

    epochs: float | None = 3.0
    seconds: float | None = None  # a time budget instead of (or as well as) epochs
    batch_size: int = 128
    lr: float = 1e-3
    seed: int = 0

    def validate(self, dataset_size: int) -> None:
        """Refuse absurd settings with a message that says what is allowed."""
        if self.epochs is None and self.seconds is None:
            raise ConfigError(i18n.tr("give a training budget: epochs or seconds"))
        if self.epochs is not None and not (0 < self.epochs <= 10_000 and math.isfinite(self.epochs)):
            raise ConfigError(i18n.tr("epochs must be > 0 (got {epochs})").format(epochs=self.epochs))
        if self.seconds is not None and not (0 < self.seconds <= 7 * 24 * 3600):
            raise ConfigError(i18n.tr("seconds must be > 0 and at most a week (got {seconds})")
                              .format(seconds=self.seconds))
        if not 1 <= self.batch_size <= dataset_size:
            raise ConfigError(i18n.tr("batch size must be between 1 and the dataset size {size} (got {batch})")
                              .format(size=dataset_size, batch=self.batch_size))
        if not (0 < self.lr <= 1.0 and math.isfinite(self.lr)):
            raise ConfigError(i18n.tr("learning rate must be in (0, 1] (got {lr})").format(lr=self.lr))
        if not 0 <= self.seed < 2**63:
            raise ConfigError(i18n.tr("seed must be a non-negative integer (got {seed})").format(seed=self.seed))


@dataclass
class StepReport:
    """What happened in one training step, as plain numbers and numpy copies."""

    step: int                  # 1-based count of optimiser steps so far
    epoch: float               # fractional epochs done, e.g. 1.5
    loss: float                # the batch's mean loss
    amounts: np.ndarray        # (B,) the amount each image was corrupted by
    image_losses: np.ndarray   # (B,) each image's own MSE
    images_per_sec: float      # recent throughput (moving average)
    elapsed: float             # seconds of training so far (pauses excluded)
    progress: float            # 0..1 of the budget
    eta: float | None          # seconds left, None while unknown
    epoch_end: bool = False    # True on the last step of an epoch
    epoch_loss: float | None = None  # the mean loss of that epoch, on epoch_end


@dataclass
class RunPosition:
    """Where a run stands between two epochs: what ``core.training_state`` saves besides the tensors, and what
    ``Trainer.resume`` continues from (the shuffling generator's state is the rest)."""

    step: int
    images: int
    elapsed: float
    epoch: int
    epoch_losses: list[float] = field(default_factory=list)


@dataclass
class TrainResult:
    steps: int
    images: int
    seconds: float
    epoch_losses: list[float] = field(default_factory=list)
    stopped_early: bool = False


class Trainer:
    """Trains ``model`` on ``data`` with the course's recipe; drive it with ``steps()`` or ``run()``."""

    def __init__(self, model: nn.Module, data: DigitData, config: TrainConfig | None = None,
                 device: torch.device | str = "cpu", cancel: threading.Event | None = None,
                 recipe: Recipe = RECIPES["course"], precision: Precision = FP32) -> None:
        self.config = config or TrainConfig()
        self.precision = precision
        self.config.validate(len(data))
        self.recipe = recipe
        self.model = model
        # The weights to sample with: an exponential moving average when the recipe asks for one.
        self.ema_model = copy.deepcopy(model) if recipe.ema_decay else None
        self.data = data
        self.device = torch.device(device)
        self.cancel = cancel or threading.Event()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=self.config.lr, betas=(0.9, recipe.adam_beta2))
        self.loss_fn = nn.MSELoss(reduction="none")
        self.total_steps = 0
        self.images_seen = 0
        self.epoch_losses: list[float] = []
        self.epochs_done = 0
        self.elapsed = 0.0  # training seconds so far, pauses excluded (a resumed run's earlier ones included)
        self.generator = torch.Generator().manual_seed(self.config.seed)  # shuffling, amounts, noise
        self._resumed = False

    def resume(self, position: RunPosition, generator_state: torch.Tensor) -> None:
        """Continue a saved run: its counters and its generator's state (the weights, EMA and optimiser are
        loaded by ``core.training_state``). The budget still counts from the run's first step."""
        self.total_steps, self.images_seen = position.step, position.images
        self.elapsed, self.epochs_done = position.elapsed, position.epoch
        self.epoch_losses = list(position.epoch_losses)
        self.generator.set_state(generator_state)
        self._resumed = True

    def position(self) -> RunPosition:
        """The run's counters now (meaningful between epochs, where ``core.training_state`` saves)."""
        return RunPosition(self.total_steps, self.images_seen, self.elapsed, self.epochs_done,
                           list(self.epoch_losses))

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.data) / self.config.batch_size)

    @property
    def budget_steps(self) -> int | None:
        """Steps the epoch budget allows (None for a pure time budget)."""
        if self.config.epochs is None:
            return None
        return max(1, round(self.config.epochs * self.steps_per_epoch))

    def steps(self) -> Iterator[StepReport]:
        """Train, yielding a report after every step, until the budget is spent or ``cancel`` is set.

        Time spent while the caller holds the generator suspended (a paused GUI) does
        not count toward ``seconds`` or images/s.
        """
        cfg = self.config
        generator = self.generator
        if not self._resumed:
            torch.manual_seed(cfg.seed)
        images, labels = self.data.images, self.data.labels
        n, batch = len(self.data), cfg.batch_size
        budget_steps, budget_seconds = self.budget_steps, cfg.seconds
        self.precision.prepare(self.model.to(self.device)).train()
        if self.ema_model is not None:
            self.precision.prepare(self.ema_model.to(self.device)).eval()
        last_good = copy.deepcopy(self.model.state_dict())
        elapsed, rate, step = self.elapsed, None, self.total_steps
        epoch = self.epochs_done
        if (budget_steps and step >= budget_steps) or (budget_seconds and elapsed >= budget_seconds):
            return  # a resumed run that had already spent its budget
        while True:
            order = torch.randperm(n, generator=generator)
            epoch_sum, epoch_count, epoch_batches = 0.0, 0, 0
            for start in range(0, n, batch):
                if self.cancel.is_set():
                    return
                t0 = time.perf_counter()
                picked = order[start:start + batch]
                x = images[picked].to(self.device, non_blocking=True)
                noisy_x, condition, target, amount, shown = self.recipe.training_batch(
                    x, generator, labels[picked] if labels is not None and self.recipe.classes else None)
                with self.precision.autocast(self.device):
                    pred = self.recipe.predict(self.model, self.precision.images(noisy_x), condition, shown)
                image_losses = self.loss_fn(pred.float(), target).flatten(1).mean(1)  # per sample, in fp32
                loss = image_losses.mean()
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                if self.recipe.max_grad_norm:
                    torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.recipe.max_grad_norm)
                loss_value = loss.item()
                if not math.isfinite(loss_value):
                    # No optimiser step has run on this loss, so the weights are still those from
                    # before this step; only when they are themselves non-finite (an earlier step blew
                    # them up) fall back to the last snapshot.
                    if not all(bool(torch.isfinite(v).all()) for v in self.model.state_dict().values()
                               if v.is_floating_point()):
                        self.model.load_state_dict(last_good)
                    raise TrainingDiverged(
                        i18n.tr("the loss became {loss} at step {step}: training stopped and the model keeps its "
                                "last finite weights. Try a smaller learning rate (now {lr}).")
                        .format(loss=loss_value, step=step + 1, lr=cfg.lr))
                if self.recipe.warmup_steps or self.recipe.lr_final != 1.0:
                    for group in self.optimizer.param_groups:
                        group["lr"] = cfg.lr * self._lr_factor(step, elapsed)
                self.optimizer.step()
                self._update_ema(step)
                if step % 50 == 0:  # cheap insurance against a later blow-up
                    last_good = copy.deepcopy(self.model.state_dict())
                step += 1
                self.total_steps += 1
                self.images_seen += x.shape[0]
                dt = time.perf_counter() - t0
                elapsed += dt
                self.elapsed = elapsed
                rate = x.shape[0] / dt if rate is None else 0.9 * rate + 0.1 * x.shape[0] / dt
                epoch_sum += loss_value  # the course averages batch losses, so do we
                epoch_batches += 1
                epoch_count += x.shape[0]
                done_fraction = []
                if budget_steps:
                    done_fraction.append(step / budget_steps)
                if budget_seconds:
                    done_fraction.append(elapsed / budget_seconds)
                progress = min(1.0, max(done_fraction))
                finished = progress >= 1.0
                epoch_end = start + batch >= n
                epoch_loss = None
                if epoch_end or finished:
                    epoch_loss = epoch_sum / epoch_batches
                    if epoch_end:
                        self.epoch_losses.append(epoch_loss)
                        self.epochs_done = epoch + 1
                eta = elapsed / progress * (1 - progress) if progress > 0 else None
                yield StepReport(
                    step=step, epoch=epoch + epoch_count / n, loss=loss_value,
                    amounts=amount.detach().cpu().numpy(),
                    image_losses=image_losses.detach().cpu().numpy(),
                    images_per_sec=rate, elapsed=elapsed, progress=progress, eta=eta,
                    epoch_end=epoch_end, epoch_loss=epoch_loss)
                if finished:
                    return
            epoch += 1

    def _lr_factor(self, step: int, elapsed: float) -> float:
        """The share of the learning rate at ``step``: a linear warm-up, then (``Recipe.lr_final`` < 1) a cosine
        fall to ``lr_final`` of it at the end of the budget, whichever of steps or seconds ends it first; the fall
        starts once ``Recipe.lr_fall_from`` of the budget is done (flat before it)."""
        factor = min(1.0, (step + 1) / self.recipe.warmup_steps) if self.recipe.warmup_steps else 1.0
        if self.recipe.lr_final != 1.0:
            done = [(step + 1) / self.budget_steps] if self.budget_steps else []
            if self.config.seconds:
                done.append(elapsed / self.config.seconds)
            progress = min(1.0, max(done, default=0.0))
            start = self.recipe.lr_fall_from
            progress = max(0.0, progress - start) / (1 - start) if start < 1 else 0.0
            factor *= self.recipe.lr_final + (1 - self.recipe.lr_final) * 0.5 * (1 + math.cos(math.pi * progress))
        return factor

    @torch.no_grad()
    def _update_ema(self, step: int) -> None:
        if self.ema_model is None:
            return
        gamma = self.recipe.ema_gamma  # warm-up: early weights fade fast (``Recipe.ema_gamma``)
        decay = min(self.recipe.ema_decay, 1 - (gamma + 1) / (gamma + 2 + step))
        for averaged, current in zip(self.ema_model.parameters(), self.model.parameters()):
            averaged.mul_(decay).add_(current.detach(), alpha=1 - decay)

    @property
    def sampling_model(self) -> nn.Module:
        """The weights to sample, preview and save: the EMA when the recipe keeps one."""
        return self.ema_model if self.ema_model is not None else self.model

    def run(self, on_step: Callable[[StepReport], None] | None = None) -> TrainResult:
        """Train to the end of the budget (or until ``cancel`` is set), calling ``on_step`` each step."""
        start_steps, start_images = self.total_steps, self.images_seen
        last: StepReport | None = None
        for report in self.steps():
            last = report
            if on_step is not None:
                on_step(report)
        steps = self.total_steps - start_steps
        return TrainResult(steps=steps, images=self.images_seen - start_images,
                           seconds=last.elapsed if last else 0.0,
                           epoch_losses=list(self.epoch_losses), stopped_early=self.cancel.is_set())


def choose_training_precision(choice: str, model: nn.Module, recipe: Recipe, batch: int,
                              device: torch.device | str = "cpu", timer=None) -> PrecisionChoice:
    """The precision to train ``model`` with: ``fp32``, ``bf16``, or ``auto`` (timed here on a copy of the model
    with random images of the recipe's kind, unless remembered for this machine). ``timer`` replaces the
    measurement (tests force timings with it)."""
    device = torch.device(device)

    def step(probe: nn.Module, precision: Precision) -> None:
        optimizer = step.optimizers.setdefault(id(probe), torch.optim.Adam(probe.parameters(), lr=1e-6))
        shape = tuple(getattr(probe, "image_shape", (1, 28, 28)))  # a colour or larger model's own images
        x = torch.rand((batch, *shape), generator=torch.Generator().manual_seed(0)).to(device)
        labels = torch.zeros(batch, dtype=torch.long) if recipe.classes else None
        noisy, condition, target, _, shown = recipe.training_batch(x, torch.Generator().manual_seed(1), labels)
        with precision.autocast(device):
            pred = recipe.predict(probe, precision.images(noisy), condition, shown)
        loss = ((pred.float() - target) ** 2).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    step.optimizers = {}
    return choose_precision(choice, device, timer=timer or step_timer(model, step, device),
                            key=model_key(model, batch, "train"))

