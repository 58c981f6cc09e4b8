"""Recipes: which model, which noising process, what the model is told, and how it is optimised.

``course`` is the Hugging Face course's recipe to the letter: BasicUNet, uniform noise,
the model not told the amount, Adam 1e-3. ``flow`` keeps the course's story (blend toward
noise by an amount, predict the clean image, sample with ``mix = 1/(n - i)``: an Euler
step along a straight line) and adds five well-known ideas that make a small model learn
much faster on a CPU:

1. the model is told the amount (``TimeUNet``), so it knows how much to trust its input;
2. Gaussian noise, the usual starting point of flow and diffusion models;
3. an exponential moving average (EMA) of the weights, with a short warm-up, for
   sampling, plus a learning-rate warm-up to a higher rate (2e-3);
4. amounts drawn from a logit-normal distribution (``sigmoid(randn)``): more practice at
   middle amounts, where the digit's shape is decided, and less at the trivial ends;
5. batches of 64: on a CPU a step costs about half as much, so a time budget buys twice
   the updates.

``flow-class`` (the default for new training, ``core.names.DEFAULT_RECIPE``) is ``flow``
told which digit each training image is (the course's second unit builds this
class-conditioned model on MNIST). Knowing the class, the network no longer has to decide
*which* digit a blob of noise becomes, only how to draw it, and that is most of what a
small model gets wrong early. One image in ten is shown without its label, so the same
network also draws unlabelled digits, and sampling can push away from those
(classifier-free guidance, ``core.guidance``), applied only while the noise level is
between 0.1 and 0.7: pushed from the first step, every 3 comes out the same 3.

Its second revision (``revision=2``) trains the way ``diffviz bench quality`` measured best per
training image (500 samples, 40 course steps; recognised / Fréchet, real digits 0.93 / 9.0):

* the network predicts the velocity of the straight path, noise − clean, where the first revision
  (``flow-class-x``, which reads the checkpoints written before) predicted the clean image;
* the learning rate stays flat, then falls along a cosine to a tenth over the last 30 % of the run;
* the EMA's warm-up is shorter (``ema_gamma=16``): in a run of 400k images the old one still
  averaged in weights from early in the run;
* batches of 32, twice the updates per image (batches of 16 gained early and lost late, and
  spiked without gradient clipping).

Each alone bought little; together, after 400k images, 0.97 / 11.0 against flow-class-x's 0.97 / 16.8,
and after 60k, 0.94 / 22.7 against 0.91 / 31.2 at guidance 2. Guidance is the lever that moves
recognition early and costs variety late: after 60k images scale 2.5 recognises 0.96 (at 26.2), and
after 400k it costs Fréchet 13.5. So the default scale follows the model's age (``early_guidance``):
2.5 for a model trained on fewer than 150,000 images, 2 after (at 150k, 2 already gives 0.95 / 15.2).

What did not pay, measured on the first revision: a network half as wide again (``width=48``,
720,737 parameters against 327,489) gained only early, for 1.5 to 2.4 times the seconds per image;
a rate falling over the whole run hurt a short one (0.90 / 55.0 after 60k): the EMA of the weights
still carries the early ones when the rate has already fallen; longer EMAs were worse at 400k; Heun,
more steps or a time grid shifted toward either end sharpened the digits and narrowed their variety.
``bench.quality.VARIANTS`` keeps these alternatives by name.

``course-unet2d`` is the course's own comparison (diffusers' UNet2DModel, same
corruption). ``ddpm`` and ``ddpm-cosine`` are DDPM through diffusers' schedulers, made to learn on a
CPU: the flow recipes' lean TimeUNet told the timestep, predicting the velocity v (an ε-model of
this network never learns to denoise: ``core.processes.DDPMProcess``), batch 64 and lr 2e-3 with
an EMA; their learning rate falls to a tenth by the end of the budget and their gradients are clipped
to length 1, because at a flat 2e-3 a 150-epoch run spiked at epoch 110 (loss 0.16 to 0.84) and
its EMA carried the damage. They sample with guidance 1.5 at noise levels 0.1-0.7: on the bundled
ddpm model (500 samples, 40 DDIM steps) that draws digits recognised 0.94 of the time, as often as
real ones (0.93), and as varied (Fréchet 9.7 against real digits' 9.0); guidance 2 gives 0.98 at
16.6, 2.5 0.99 at 27.7, none (1) 0.79 at 17.3. ``ddpm-unet2d`` is the DDPM of the course's
diffusers notebook as it is: a UNet2DModel predicting the noise, slow on a CPU, and the one recipe
whose models export as a diffusers ``DDPMPipeline`` folder. What a recipe shows its model and asks
of it is its noising process (``core.processes``); the samplers that can draw from it follow from
that process (``core.samplers.samplers_for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.errors import ConfigError
from diffviz.core.guidance import EVERYWHERE, Guidance, default_scale
from diffviz.core.models import build_model
from diffviz.core.names import DEFAULT_RECIPE
from diffviz.core.ddpm import TRAIN_TIMESTEPS
from diffviz.core.processes import (COURSE_BLEND, DDPM_COSINE, DDPM_COSINE_V, DDPM_LINEAR, DDPM_LINEAR_V, FLOW_BLEND,
                                    FLOW_BLEND_V, BlendProcess, NoisingProcess)


class TrainingBatch(NamedTuple):
    """What one training step needs: the model's input and condition, the target, and a 0..1 amount per image
    (the corruption amount, or t/999 for DDPM) for the loss-by-amount plot; for class recipes, the labels the
    model is shown (some replaced by "no label")."""

    noisy: torch.Tensor
    condition: torch.Tensor
    target: torch.Tensor
    amount: torch.Tensor
    labels: torch.Tensor | None = None


@dataclass(frozen=True)
class Recipe:
    """A model, the noising process it learns, what it is told, and how it is optimised."""

    name: str
    architecture: str
    process: NoisingProcess  # how clean images are noised, what the model predicts, how it maps to the screen
    conditioned: bool        # the model is told the amount (or timestep)
    lr: float                # default learning rate
    warmup_steps: int        # linear learning-rate warm-up
    ema_decay: float | None  # EMA of the weights used for sampling; None: the weights themselves
    summary: str
    sampler: str = "course"  # the default sampler
    batch_size: int = 128    # the default batch (the course's 128)
    classes: int = 0         # told each image's class (0: not told)
    label_drop: float = 0.1  # class recipes: the share of training images shown without their label
    guidance: float = 1.0    # class recipes: the default classifier-free guidance scale (1: none)
    guidance_interval: tuple[float, float] = EVERYWHERE  # the noise levels where it applies (core.guidance)
    # (scale, images): the default scale for a model trained on fewer images than that (``core.guidance``)
    early_guidance: tuple[float, int] | None = None
    any_shape: bool = False  # trains on colour or other-size images too (a folder's own, ``--channels``/``--size``)
    model_options: tuple[tuple[str, int], ...] = ()  # settings of its network beyond the image shape and classes
    width: int | None = None  # the TimeUNet's channels (None: the course's 32); a checkpoint of any width opens
    lr_final: float = 1.0    # the learning rate falls along a cosine to this share of it by the budget's end (1: flat)
    lr_fall_from: float = 0.0  # the share of the budget after which that fall begins (0: from the start)
    adam_beta2: float = 0.999  # Adam's memory of squared gradients (0.99 forgets faster: a shorter run adapts sooner)
    # The EMA's warm-up, decay = 1 - (γ + 1) / (γ + 2 + step) until it reaches ``ema_decay``: a "power" average of
    # the run so far whose width shrinks as γ grows. With γ = 8, the decay reaches 0.999 only after 8,991 steps, so
    # in a shorter run (400k images at batch 64 are 6,250) the warm-up alone sets how far back the average reaches.
    ema_gamma: float = 8.0
    max_grad_norm: float | None = None  # gradients longer than this are scaled down to it (None: never)
    # Raised when a change makes the recipe's earlier checkpoints mean something else (what its network predicts):
    # checkpoints record it (``core.checkpoints``), and one of an earlier revision is read with the recipe that
    # ``REVISED`` names, the one it was trained with.
    revision: int = 1

    @property
    def default_guidance(self) -> Guidance:
        """The guidance this recipe samples a learnt model with unless told otherwise (scale 1 for models not told
        the class)."""
        return self.default_guidance_for(None)

    def guidance_scale_for(self, images: int | None) -> float:
        """The default scale for a model of this recipe trained on ``images`` images (None: not known)."""
        return default_scale(self.guidance, self.early_guidance, images)

    def sampling_scale(self, images: int | None, given: float | None = None) -> float | None:
        """The scale a run draws a model trained on ``images`` images with: ``given``, else the default for the
        model's age; None for a recipe not told the class (there is nothing to guide toward)."""
        if given is not None or not self.classes:
            return given
        return self.guidance_scale_for(images)

    def default_guidance_for(self, images: int | None) -> Guidance:
        """The guidance a model of this recipe trained on ``images`` images samples with unless told otherwise:
        a young model is pushed harder toward its digit (``early_guidance``)."""
        return Guidance(self.guidance_scale_for(images), self.guidance_interval) if self.classes else Guidance()

    @property
    def samplers(self) -> tuple[str, ...]:
        """The samplers this recipe's models can be drawn with."""
        from diffviz.core.samplers import samplers_for

        return samplers_for(self.process)

    def make_model(self, image_shape: tuple[int, int, int] = (1, 28, 28)) -> nn.Module:
        """A fresh model for images of ``image_shape`` (channels, height, width): MNIST's unless the recipe
        trains on any shape (``any_shape``), square sides a multiple of 4 (the networks halve twice)."""
        channels, height, width = image_shape
        config: dict = {"classes": self.classes} if self.classes else {}
        config.update(self.model_options)
        if self.width:
            config["width"] = self.width
        if tuple(image_shape) != (1, 28, 28):
            if not self.any_shape:
                able = ", ".join(recipe.name for recipe in RECIPES.values() if recipe.any_shape)
                raise ConfigError(i18n.tr("the {recipe} recipe is the course's own and learns 28x28 grey digits; for "
                                          "{channels}x{height}x{width} images choose one of {able}")
                                  .format(recipe=self.name, channels=channels, height=height, width=width, able=able))
            if height != width or height % 4 or not 8 <= height <= 128 or channels not in (1, 3):
                raise ConfigError(i18n.tr("images of {channels}x{height}x{width}: diffviz trains on 1 or 3 channels, "
                                          "square sides from 8 to 128 px that are a multiple of 4")
                                  .format(channels=channels, height=height, width=width))
            config.update(in_channels=channels, out_channels=channels, size=height)
        return build_model(self.architecture, **config)

    def draw_noise(self, shape: tuple[int, ...], generator: torch.Generator | None = None) -> torch.Tensor:
        return self.process.draw_noise(shape, generator)

    def predict(self, model: nn.Module, x: torch.Tensor, amount: torch.Tensor,
                labels: torch.Tensor | None = None) -> torch.Tensor:
        """The model's output (the clean image for blend recipes, the noise for DDPM); ``amount`` has one
        value per image: the blend amount, or the integer timestep for DDPM. ``labels`` reach only class
        recipes' models (None: "no label")."""
        if self.classes:
            return model(x, amount, labels)
        return model(x, amount) if self.conditioned else model(x)

    def guided_predict(self, model: nn.Module, x: torch.Tensor, amount: torch.Tensor,
                       labels: torch.Tensor | None, guidance: "Guidance | float",
                       batched: bool = True) -> torch.Tensor:
        """Classifier-free guidance: ``unlabelled + scale · (labelled - unlabelled)``.

        Scale 1 is the labelled prediction alone; above 1 the step leans further toward what
        makes the image *this* digit rather than any digit. ``guidance`` is a ``Guidance`` (scale and
        the noise levels it applies at) or a bare scale (everywhere). ``batched`` runs the labelled and
        unlabelled passes as one forward of twice the batch (labelled half first, so a feature capture
        limited to the batch keeps the labelled maps); otherwise two passes, the unlabelled one first
        so the capture keeps the labelled pass's maps, the ones the inspector should show.
        """
        guidance = guidance if isinstance(guidance, Guidance) else Guidance(float(guidance))
        scale = guidance.scale_at(self.process.level_of(float(amount[0]))) if len(amount) else 1.0
        if not self.classes or labels is None or scale == 1.0:
            return self.predict(model, x, amount, labels)
        if batched:
            unlabelled_ids = torch.full_like(labels, self.classes)
            both = self.predict(model, torch.cat([x, x]), torch.cat([amount, amount]),
                                torch.cat([labels, unlabelled_ids]))
            labelled, unlabelled = both.chunk(2)
        else:
            unlabelled = self.predict(model, x, amount, None)
            labelled = self.predict(model, x, amount, labels)
        return unlabelled + scale * (labelled - unlabelled)

    def predictor(self, model: nn.Module, labels: torch.Tensor | None = None,
                  guidance: "Guidance | float" = 1.0):
        """``predict(x, condition, batched)``: the (guided) network output with ``labels`` and ``guidance`` fixed
        for a run, what a sampler's ``Denoiser`` calls; the samplers never see the recipe itself."""
        guidance = guidance if isinstance(guidance, Guidance) else Guidance(float(guidance))

        def predict(x: torch.Tensor, condition: torch.Tensor, batched: bool = True) -> torch.Tensor:
            return self.guided_predict(model, x, condition, labels, guidance, batched=batched)

        return predict

    def training_batch(self, x: torch.Tensor, generator: torch.Generator | None = None,
                       labels: torch.Tensor | None = None) -> TrainingBatch:
        """Noise a batch of clean images (in [0, 1]) the process's way. Class recipes show each image's
        label, except for a random ``label_drop`` share (and all of them when the data has no labels)."""
        batch = self.process.training_batch(x, generator)
        shown = None
        if self.classes:
            unlabelled = torch.full((x.shape[0],), self.classes, dtype=torch.long)
            if labels is None:
                shown = unlabelled
            else:
                dropped = torch.rand(x.shape[0], generator=generator) < self.label_drop
                shown = torch.where(dropped, unlabelled, labels.cpu().long())
            shown = shown.to(x.device)
        return TrainingBatch(*batch, shown)

    def noisy_at(self, x: torch.Tensor, amount: torch.Tensor, noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(model input, condition) for clean images ``x`` at a 0..1 ``amount`` each (views' sliders)."""
        return self.process.noisy_at(x, amount, noise)

    def clean_image(self, model: nn.Module, noisy: torch.Tensor, condition: torch.Tensor,
                    labels: torch.Tensor | None = None) -> torch.Tensor:
        """The model's estimate of the clean image, in [0, 1] screen space, whatever it predicts."""
        out = self.predict(model, noisy, condition, labels)
        return self.process.to_screen(self.process.clean_estimate(noisy, out, condition))

    def to_screen(self, x: torch.Tensor) -> torch.Tensor:
        """Model-space images to the [0, 1] the views show."""
        return self.process.to_screen(x)


_TOLD_TIMESTEPS = (("timesteps", TRAIN_TIMESTEPS),)  # TimeUNet reads DDPM's integer timestep as t / 999

_RECIPES = (
    Recipe(name="flow-class", architecture="TimeUNet", process=FLOW_BLEND_V, conditioned=True, lr=2e-3,
           warmup_steps=100, ema_decay=0.999, ema_gamma=16.0, batch_size=32, classes=10, guidance=2.0,
           guidance_interval=(0.1, 0.7), early_guidance=(2.5, 150_000), any_shape=True, lr_final=0.1,
           lr_fall_from=0.7, revision=2,
           summary=i18n.QT_TR_NOOP("flow, told each digit's class (one in ten unlabelled) and predicting the velocity, "
                                   "batch 32, the rate falling over the last 30 % of the run; drawn with "
                                   "classifier-free guidance 2 (2.5 before 150,000 training images) at noise levels "
                                   "0.1-0.7: pick the digit to draw")),
    Recipe(name="flow", architecture="TimeUNet", process=FLOW_BLEND, conditioned=True, lr=2e-3, warmup_steps=100,
           ema_decay=0.999, batch_size=64,
           any_shape=True,
           summary=i18n.QT_TR_NOOP("fast: told the amount, Gaussian noise, mid-range amounts, EMA weights, lr 2e-3 "
                                   "with warm-up, batch 64")),
    Recipe(name="course", architecture="BasicUNet", process=COURSE_BLEND, conditioned=False, lr=1e-3,
           warmup_steps=0, ema_decay=None, summary=i18n.QT_TR_NOOP("the course's recipe: BasicUNet, uniform noise, "
                                                                   "Adam 1e-3")),
    Recipe(name="course-unet2d", architecture="CourseUNet2D", process=COURSE_BLEND, conditioned=False, lr=1e-3,
           warmup_steps=0, ema_decay=None,
           summary=i18n.QT_TR_NOOP("the course's comparison: diffusers' UNet2DModel (1.7M parameters), same "
                                   "corruption")),
    Recipe(name="ddpm", architecture="TimeUNet", process=DDPM_LINEAR_V, conditioned=True, lr=2e-3, warmup_steps=100,
           ema_decay=0.999, sampler="ddim", batch_size=64, classes=10, guidance=1.5, guidance_interval=(0.1, 0.7),
           any_shape=True, model_options=_TOLD_TIMESTEPS, lr_final=0.1, max_grad_norm=1.0,
           summary=i18n.QT_TR_NOOP("DDPM: the flow recipes' TimeUNet told the timestep and the digit, data in "
                                   "[-1, 1], linear betas, predicts the velocity v")),
    Recipe(name="ddpm-cosine", architecture="TimeUNet", process=DDPM_COSINE_V, conditioned=True, lr=2e-3,
           warmup_steps=100, ema_decay=0.999, sampler="ddim", batch_size=64, classes=10, guidance=1.5,
           guidance_interval=(0.1, 0.7), any_shape=True, model_options=_TOLD_TIMESTEPS, lr_final=0.1,
           max_grad_norm=1.0,
           summary=i18n.QT_TR_NOOP("DDPM with the squaredcos_cap_v2 (cosine) schedule: more steps at low noise")),
    Recipe(name="ddpm-unet2d", architecture="DDPMUNet", process=DDPM_LINEAR, conditioned=True, lr=1e-3,
           warmup_steps=100, ema_decay=0.999, sampler="ddim", any_shape=True,
           summary=i18n.QT_TR_NOOP("the course's diffusers DDPM: a small UNet2DModel predicting the noise, linear "
                                   "betas; slow on a CPU, exports as a diffusers pipeline")),
)
RECIPES: dict[str, Recipe] = {recipe.name: recipe for recipe in _RECIPES}  # tests/test_cli.py: == RECIPE_NAMES
# Recipes that read what an earlier diffviz wrote under a name that now means something else (``READ_AS``,
# ``REVISED``): findable by name, so such a checkpoint opens, samples and trains on as it was trained, but not
# offered for new training.
_RETIRED = (
    Recipe(name="ddpm-cosine-unet2d", architecture="DDPMUNet", process=DDPM_COSINE, conditioned=True, lr=1e-3,
           warmup_steps=100, ema_decay=0.999, sampler="ddim", any_shape=True,
           summary=i18n.QT_TR_NOOP("DDPM with the cosine schedule on a small UNet2DModel predicting the noise (an "
                                   "earlier diffviz's ddpm-cosine recipe)")),
    Recipe(name="flow-class-x", architecture="TimeUNet", process=FLOW_BLEND, conditioned=True, lr=2e-3,
           warmup_steps=100, ema_decay=0.999, batch_size=64, classes=10, guidance=2.0, guidance_interval=(0.1, 0.7),
           any_shape=True,
           summary=i18n.QT_TR_NOOP("flow-class as an earlier diffviz trained it: predicts the clean image, batch 64, "
                                   "a flat learning rate")),
)
RETIRED_RECIPES: dict[str, Recipe] = {recipe.name: recipe for recipe in _RETIRED}
# Checkpoints written before the DDPM recipes moved to the TimeUNet name a recipe and a network that no longer go
# together: (recipe, architecture) -> the recipe that reads them as they were trained (a UNet2DModel predicting the
# noise).
READ_AS: dict[tuple[str, str], str] = {("ddpm", "DDPMUNet"): "ddpm-unet2d", ("ddpm-cosine", "DDPMUNet"): "ddpm-cosine-unet2d"}
# (recipe, the revision a checkpoint records) -> the recipe that reads it, for revisions a recipe has left behind:
# flow-class's first predicted the clean image (revision 2 predicts the velocity).
REVISED: dict[tuple[str, int], str] = {("flow-class", 1): "flow-class-x"}
# Recipes read from models opened this session (a diffusers pipeline folder's, ``core.pipelines``): looked up by
# name like the built-in ones, so everything that finds a model's recipe by its checkpoint's name finds them too.
LOADED_RECIPES: dict[str, Recipe] = {}

__all__ = ["DEFAULT_RECIPE", "LOADED_RECIPES", "RECIPES", "RETIRED_RECIPES", "BlendProcess", "Recipe", "TrainingBatch",
           "get_recipe", "read_as", "register_loaded", "revision_of"]


def read_as(recipe: str, architecture: str, revision: int = 1) -> str:
    """The recipe a checkpoint of ``recipe`` (at ``revision``) holding an ``architecture`` network is read with:
    the recipe itself, or the one that reads what an earlier diffviz wrote under its name (``READ_AS``,
    ``REVISED``)."""
    return READ_AS.get((recipe, architecture)) or REVISED.get((recipe, revision), recipe)


def revision_of(recipe: str) -> int:
    """The revision a checkpoint of ``recipe`` made now records (1 for recipes never revised, and names that are
    not image recipes)."""
    known = RECIPES.get(recipe) or RETIRED_RECIPES.get(recipe)
    return known.revision if known else 1


def get_recipe(name: str) -> Recipe:
    recipe = RECIPES.get(name) or LOADED_RECIPES.get(name) or RETIRED_RECIPES.get(name)
    if recipe is None:
        raise ConfigError(i18n.tr("unknown recipe {name}; choose one of {names}")
                          .format(name=repr(name), names=", ".join(RECIPES)))
    return recipe


def register_loaded(recipe: Recipe) -> Recipe:
    """Make a recipe read from an opened model findable by name for the rest of the session."""
    LOADED_RECIPES[recipe.name] = recipe
    return recipe
