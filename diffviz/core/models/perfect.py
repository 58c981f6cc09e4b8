"""The perfect denoiser of a set of digits, as a model: the network a recipe would have if it learned its loss exactly.

Why a model: the question "does the trained network draw *new* digits, or the ones it was shown?" has a
reference answer. Over a finite training set the loss is minimised by the posterior mean of the training images
given the noisy input (``core.toy.ideal``, the same closed form as the 2-D lab's), and a sampler driven by that
mean walks every sample onto one of the training images: it memorises perfectly. Wrapped as an ``nn.Module``
that answers ``forward(x, amount, labels)`` the way the recipe's network does (the clean image, the velocity or
the noise of a blend through ``process.output_for``; DDPM's ε), it goes through ``Recipe.predict`` and
``core.sampling.sample`` like any trained model, so the timeline, the inspector's predictions and the exports
show it unchanged, beside the trained network from the same noise.

It has no parameters and no layers to inspect: the training images are a non-persistent buffer (``images``,
on the screen's [0, 1]; ``points``, the same in the process's model space), moved by ``.to(device)`` and never
saved. It has no ``config()`` either: nothing of it can be rebuilt from a checkpoint's metadata, so it is made
here (``perfect_denoiser``) and not through the architecture registry (``core.models.build_model``). A model
told the amount is what it needs: recipes whose network guesses the amount from the image (``course``,
``course-unet2d``) are refused.

Over the 10,000 bundled digits of 784 pixels a batch of 64 noisy digits is a (64, 10,000) distance matrix from
one matmul per block of data points, with a running softmax (``core.toy.ideal``): memory stays bounded by the
block, not the data set. A class recipe's model is told each sample's digit; the perfect class-conditional
denoiser averages only the training images of that digit (the label "none", ``classes``, averages all), so
classifier-free guidance works with it as with the trained network.

``nearest_training`` lives here, beside it, because it is the question its samples raise (is each one a copy of
a training image?) and it walks the same training images with the same chunked matmul distances; it measures
any model's samples, and real held-out digits, on the one scale (``diffviz bench memorise``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.errors import ConfigError, DataError
from diffviz.core.models.facts import ModelFacts
from diffviz.core.processes import BlendProcess, DDPMProcess, NoisingProcess
from diffviz.core.toy import ideal

if TYPE_CHECKING:
    from diffviz.core.data import DigitData
    from diffviz.core.recipes import Recipe

NEAREST_CHUNK = 2048  # training images per block of the nearest search
NEAREST_ROWS = 1024   # images looked up per block (memory: rows x chunk distances)


def _as_images(images: torch.Tensor | np.ndarray, what: str) -> torch.Tensor:
    """``images`` as a float tensor (N, C, H, W); ``what`` (translated) names them in the refusal."""
    tensor = torch.as_tensor(np.asarray(images) if not isinstance(images, torch.Tensor) else images)
    if tensor.ndim != 4 or tensor.shape[0] == 0:
        raise DataError(i18n.tr("{what} must be a non-empty batch of images (N, C, H, W), got shape {shape}").format(
            what=what, shape=tuple(tensor.shape)))
    return tensor.float()


class PerfectDenoiser(nn.Module):
    """``forward(x, amount, labels=None)``: noisy images (N, C, H, W) in the process's model space, told the
    blend amount (N,) or DDPM's integer timestep (N,) -> what the recipe's network would output if it were the
    exact posterior-mean denoiser of ``images`` (M, C, H, W) in [0, 1]. ``labels`` (M,) are the images' digits, for
    a class recipe's model (``classes`` > 0); ``chunk``: training images per block (None: as many as keep a block
    within ``core.toy.ideal.BLOCK`` numbers). See the module docstring."""

    takes_amount = True

    def __init__(self, images: torch.Tensor | np.ndarray, process: NoisingProcess,
                 labels: torch.Tensor | np.ndarray | None = None, classes: int = 0, chunk: int | None = None) -> None:
        super().__init__()
        images = _as_images(images, i18n.tr("the perfect denoiser's training images"))
        if not isinstance(process, (BlendProcess, DDPMProcess)):
            raise ConfigError(i18n.tr("there is no perfect denoiser for a {process}").format(
                process=type(process).__name__))
        if chunk is not None and chunk < 1:
            raise ConfigError(i18n.tr("the perfect denoiser's chunk must be at least 1 image (got {chunk})").format(
                chunk=chunk))
        self.process, self.classes, self.chunk = process, int(classes), chunk
        self.register_buffer("images", images, persistent=False)
        self.register_buffer("points", process.from_screen(images), persistent=False)
        point_labels = None
        if labels is not None and self.classes:
            point_labels = torch.as_tensor(np.asarray(labels) if not isinstance(labels, torch.Tensor) else labels)
            point_labels = point_labels.long().reshape(-1)
            if len(point_labels) != len(images):
                raise DataError(i18n.tr("%n label(s) for {images} images", None, len(point_labels)).format(
                    images=len(images)))
        self.register_buffer("point_labels", point_labels, persistent=False)

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return tuple(int(side) for side in self.images.shape[1:])

    @property
    def size(self) -> int:
        """How many training images it averages over."""
        return int(self.images.shape[0])

    def _sample_labels(self, labels: torch.Tensor | None, n: int) -> torch.Tensor | None:
        """Each sample's label as an index into the training labels, −1 for "any digit": no label given, the
        "no label" index (``classes``), or a digit the training images do not hold."""
        if labels is None or self.point_labels is None:
            return None
        labels = labels.to(self.point_labels.device).long().reshape(n)
        held = torch.zeros(self.classes + 1, dtype=torch.bool, device=labels.device)
        held[self.point_labels.clamp(0, self.classes)] = True
        known = (labels >= 0) & (labels < self.classes)
        known &= held[labels.clamp(0, self.classes)]
        return torch.where(known, labels, torch.full_like(labels, -1))

    def clean_mean(self, x: torch.Tensor, amount: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """E[x₀ | x] over the training images, in model space (N, C, H, W)."""
        own = self._sample_labels(labels, x.shape[0])
        if isinstance(self.process, BlendProcess):
            return ideal.blend_mean(self.points, x, amount, self.process.gaussian, self.chunk, own, self.point_labels)
        return ideal.ddpm_mean(self.points, x, amount, self.process.alpha_bars(), self.chunk, own, self.point_labels)

    def forward(self, x: torch.Tensor, amount: torch.Tensor | None = None,
                labels: torch.Tensor | None = None) -> torch.Tensor:
        if amount is None:
            raise ConfigError(i18n.tr("the perfect denoiser needs the noise level: use it with a recipe whose model "
                                      "is told the amount (flow, flow-class, ddpm, ddpm-cosine)"))
        if tuple(x.shape[1:]) != self.image_shape:
            raise ConfigError(i18n.tr("the perfect denoiser knows {known} images, not {given}").format(
                known="x".join(map(str, self.image_shape)), given="x".join(map(str, x.shape[1:]))))
        with torch.autocast(x.device.type, enabled=False):  # distances of 784 pixels need fp32, whatever runs
            x32 = x.float()
            amount = amount.to(x.device)
            condition = amount if not amount.is_floating_point() else amount.float()
            mean = self.clean_mean(x32, condition, labels)
            return self.process.output_for(x32, mean, condition).to(x.dtype)

    def extra_repr(self) -> str:
        return f"{self.size} images {'x'.join(map(str, self.image_shape))}, {self.process.key}"

    def facts(self) -> ModelFacts:
        if self.classes:
            layout = i18n.tr(
                "<p>No network: the <b>perfect denoiser</b> of {count:,} training images. Told the noisy image and its "
                "noise level and the digit's class (averaging only the training images of that digit), it returns "
                "the average of the training images, each weighted by how likely it is to have become this noisy "
                "image: the prediction a network would make if it learned its loss exactly. Its samples are copies "
                "of training images; a trained network's that are not show it generalising.</p>")
        else:
            layout = i18n.tr(
                "<p>No network: the <b>perfect denoiser</b> of {count:,} training images. Told the noisy image and "
                "its noise level, it returns the average of the training images, each weighted by how likely it is "
                "to have become this noisy image: the prediction a network would make if it learned its loss "
                "exactly. Its samples are copies of training images; a trained network's that are not show it "
                "generalising.</p>")
        return ModelFacts(
            layout_html=layout.format(count=self.size),
            features_html=i18n.tr("<p>It has no layers, so there are no feature maps to show: only its "
                                  "prediction.</p>"),
            skip_html="")


def perfect_denoiser(recipe: "Recipe | str", data: "DigitData | None" = None,
                     chunk: int | None = None) -> PerfectDenoiser:
    """The perfect denoiser of ``data``'s images (None: the bundled 10,000 digits), speaking as ``recipe``'s network
    (told the class too, for a class recipe with labelled data). The bundled digits are stored sorted by class:
    a subset of them is a stride or a random pick, never the first few (those are all zeros)."""
    from diffviz.core.data import load_bundled
    from diffviz.core.recipes import get_recipe

    recipe = get_recipe(recipe) if isinstance(recipe, str) else recipe
    if not recipe.conditioned:
        raise ConfigError(i18n.tr("the {recipe} recipe's network is not told the noise level, which the perfect "
                                  "denoiser needs: choose flow, flow-class, ddpm or ddpm-cosine").format(
                                      recipe=recipe.name))
    data = data if data is not None else load_bundled()
    labels = data.labels if recipe.classes else None
    return PerfectDenoiser(data.images, recipe.process, labels=labels, classes=recipe.classes, chunk=chunk)


@torch.no_grad()
def nearest_training(images: torch.Tensor | np.ndarray, training: torch.Tensor | np.ndarray,
                     chunk: int = NEAREST_CHUNK) -> tuple[torch.Tensor, torch.Tensor]:
    """For each of ``images`` (N, C, H, W) in [0, 1], the index (N,) of the nearest of ``training`` (M, C, H, W)
    and the root-mean-square pixel distance (N,) to it: 0 for an exact copy, about 0.36 between two random
    bundled digits. Searched in blocks of ``chunk`` training images by matmul distances; the distance to the one
    found is then measured directly, so a copy reads 0 and not the expansion's rounding."""
    images = _as_images(images, i18n.tr("the images to look up"))
    training = _as_images(training, i18n.tr("the training images"))
    if images.shape[1:] != training.shape[1:]:
        raise ConfigError(i18n.tr("images of {shape} cannot be compared with training images of {training}").format(
            shape=tuple(images.shape[1:]), training=tuple(training.shape[1:])))
    if chunk < 1:
        raise ConfigError(i18n.tr("the nearest search's chunk must be at least 1 image (got {chunk})").format(
            chunk=chunk))
    flat, flat_training = images.reshape(len(images), -1), training.reshape(len(training), -1).to(images.device)
    indices = torch.empty(len(flat), dtype=torch.long)
    for row in range(0, len(flat), NEAREST_ROWS):
        queries = flat[row:row + NEAREST_ROWS]
        best = torch.full((len(queries),), torch.inf)
        best_index = torch.zeros(len(queries), dtype=torch.long)
        for start in range(0, len(flat_training), chunk):
            values, found = ideal.squared_distances(queries, flat_training[start:start + chunk]).min(1)
            better = values < best
            best = torch.where(better, values, best)
            best_index = torch.where(better, found + start, best_index)
        indices[row:row + len(queries)] = best_index
    distances = (flat - flat_training[indices]).pow(2).mean(1).sqrt()
    return indices, distances
