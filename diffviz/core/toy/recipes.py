"""The 2-D lab's recipes: the same process objects as the image recipes, with a small MLP, in a registry of their
own so they never appear among the image recipes (the Recipe box, ``--recipe``), nor those here.

Why three parametrisations of one flow blend: in two dimensions their effect can be seen. Measured in the issue
that asked for the lab (20 s of training, a 3x256 MLP, batch 1024, 100 Euler steps): velocity prediction reaches
the sampling noise floor on moons, 8 Gaussians, swiss roll and checkerboard, while x-prediction blurs thin
structures (0.21-0.27 of a fitted Gaussian's energy distance, 0.03 on the well separated 8 Gaussians). So the
lab's default predicts the velocity; the others stay a choice a learner can compare. The learning rate is 3e-3:
measured here at 2,000 steps of velocity prediction, it takes the swiss roll from 0.06 to the noise floor and the
checkerboard from 0.17 to 0.006 of a fitted Gaussian's energy distance (1e-3 before). At that rate the last
step's weights wander, though: the same run taken to 2,800 steps scored 0.29 on the checkerboard, and sampling an
average of the weights (EMA 0.995, as the image recipes keep one) brought it back to the noise floor (-0.04).
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.data import DigitData
from diffviz.core.errors import ConfigError
from diffviz.core.models import build_model
from diffviz.core.processes import COURSE_BLEND, DDPM_COSINE, BlendProcess, DDPMProcess
from diffviz.core.recipes import Recipe
from diffviz.core.samplers import Denoiser, get_sampler
from diffviz.core.training import TrainConfig, Trainer


TOY_EMA = 0.995  # the sampled weights average the last ~200 steps (module docstring)


def _flow(predicts: str, title: str) -> BlendProcess:
    return BlendProcess(key=f"toy-flow-{predicts}", title=title, noise_kind="gaussian", amount_kind="uniform",
                        predicts=predicts)


TOY_RECIPES = {recipe.name: recipe for recipe in (
    Recipe("flow-v", "ToyMLP", _flow("velocity", i18n.QT_TR_NOOP("flow, Gaussian noise, predicts the velocity")),
           conditioned=True, lr=3e-3, warmup_steps=0, ema_decay=TOY_EMA, batch_size=1024,
           summary=i18n.QT_TR_NOOP("blend toward Gaussian noise; the MLP predicts the velocity noise − point (the "
                                   "lab's default)")),
    Recipe("flow-x", "ToyMLP", _flow("x", i18n.QT_TR_NOOP("flow, Gaussian noise, predicts the clean point")),
           conditioned=True, lr=3e-3, warmup_steps=0, ema_decay=TOY_EMA, batch_size=1024,
           summary=i18n.QT_TR_NOOP("blend toward Gaussian noise; the MLP predicts the clean point, as the course's "
                                   "model does")),
    Recipe("flow-eps", "ToyMLP", _flow("noise", i18n.QT_TR_NOOP("flow, Gaussian noise, predicts the noise")),
           conditioned=True, lr=3e-3, warmup_steps=0, ema_decay=TOY_EMA, batch_size=1024,
           summary=i18n.QT_TR_NOOP("blend toward Gaussian noise; the MLP predicts the noise, as DDPM's models do")),
    Recipe("course-x", "ToyMLP", COURSE_BLEND, conditioned=True, lr=3e-3, warmup_steps=0, ema_decay=TOY_EMA,
           batch_size=1024, summary=i18n.QT_TR_NOOP("the course's blend toward uniform noise in [0, 1); the MLP "
                                                    "predicts the clean point")),
    Recipe("ddpm-eps", "ToyMLP", DDPMProcess(key="toy-ddpm", title=DDPM_COSINE.title,
                                         beta_schedule=DDPM_COSINE.beta_schedule, centred=True), conditioned=True, lr=3e-3, warmup_steps=0, ema_decay=TOY_EMA,
           batch_size=1024, sampler="ddim",
           summary=i18n.QT_TR_NOOP("DDPM's noising (cosine schedule, 1,000 timesteps); the MLP predicts the noise")),
)}
DEFAULT_TOY_RECIPE = "flow-v"


def get_toy_recipe(name: str) -> Recipe:
    if name not in TOY_RECIPES:
        raise ConfigError(i18n.tr("unknown 2-D recipe {name}; choose one of {names}")
                          .format(name=repr(name), names=", ".join(TOY_RECIPES)))
    return TOY_RECIPES[name]


def point_trainer(points: np.ndarray, recipe: Recipe, *, seconds: float | None = None, seed: int = 0,
                  model: nn.Module | None = None) -> Trainer:
    """The image models' trainer, set up for ``points`` (N, 2) and a fresh ToyMLP (or ``model``): its
    ``steps()`` trains until ``seconds`` pass or its ``cancel`` is set; ``sampling_model`` is the result."""
    torch.manual_seed(seed)
    model = model or build_model(recipe.architecture)
    data = DigitData(torch.as_tensor(points, dtype=torch.float32), None, "points", digits=False)
    return Trainer(model, data, TrainConfig(epochs=None, seconds=seconds or 7 * 24 * 3600.0,
                                            batch_size=min(recipe.batch_size, len(data)), lr=recipe.lr, seed=seed),
                   recipe=recipe)


def train_points(points: np.ndarray, recipe: Recipe, *, seconds: float | None = None, steps: int | None = None,
                 seed: int = 0, model: nn.Module | None = None) -> tuple[nn.Module, list[float]]:
    """A ToyMLP trained on ``points`` (N, 2) by the same trainer as the image models, for ``seconds`` or
    ``steps`` (whichever ends first); returns the model and the loss of every step."""
    if seconds is None and steps is None:
        raise ConfigError(i18n.tr("give a training budget: seconds or steps"))
    trainer = point_trainer(points, recipe, seconds=seconds, seed=seed, model=model)
    losses = []
    for report in trainer.steps():
        losses.append(report.loss)
        if steps is not None and len(losses) >= steps:
            trainer.cancel.set()
    return trainer.sampling_model.eval(), losses  # the EMA weights where the recipe keeps them


@torch.no_grad()
def sample_points(model: nn.Module, recipe: Recipe, n: int, steps: int = 100, sampler: str | None = None,
                  seed: int = 0) -> np.ndarray:
    """``n`` points (N, 2) drawn by ``sampler`` (the recipe's own by default) in ``steps`` steps from the
    process's noise, repeatable by ``seed``."""
    chosen = get_sampler(sampler or recipe.sampler)
    if not chosen.works_with(recipe.process):
        raise ConfigError(i18n.tr("the {recipe} recipe samples with {samplers}, not {sampler}").format(
            recipe=recipe.name, samplers=", ".join(recipe.samplers), sampler=repr(chosen.name)))
    x = recipe.process.draw_noise((n, 2), torch.Generator().manual_seed(seed))
    denoiser = Denoiser(recipe.predictor(model), recipe.process)
    for step in chosen.run(denoiser, x, steps, generator=torch.Generator().manual_seed(seed + 1),
                           inspect_result=False):
        pass
    return step.x.numpy()


def save_toy_checkpoint(path, model: nn.Module, recipe: Recipe, training: dict) -> None:
    """A 2-D model as a safetensors checkpoint like the image models', its recipe one of ``TOY_RECIPES``."""
    from diffviz.core.checkpoints import save_checkpoint

    save_checkpoint(path, model, recipe=recipe.name, training=training)


def load_toy_checkpoint(path) -> tuple[nn.Module, Recipe]:
    """A 2-D model and its recipe from a checkpoint; an image model's checkpoint (or anything else) is refused in
    one line naming the file."""
    from pathlib import Path

    from diffviz.core.checkpoints import build_described, check_compatible, read_checkpoint
    from diffviz.core.errors import CheckpointError

    info, tensors = read_checkpoint(path)
    recipe = TOY_RECIPES.get(info.recipe)
    if recipe is None or info.architecture != recipe.architecture:
        raise CheckpointError(i18n.tr("{file} holds a {architecture} of the {recipe} recipe, not a 2-D lab model "
                                      "({names}): open it with diffviz sample or the app").format(
            file=Path(path).name, architecture=info.architecture, recipe=info.recipe, names=", ".join(TOY_RECIPES)))
    model = build_described(info, path)
    check_compatible(model, tensors, Path(path).name)
    model.load_state_dict(tensors)
    return model.eval(), recipe
