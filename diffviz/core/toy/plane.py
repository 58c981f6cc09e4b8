"""Digits in the plane: the two directions along which the training digits vary most, so an image run can be drawn
in the 2-D lab.

Why: the 2-D lab shows what sampling does to points (particles walking onto the data, the perfect denoiser's
copies against a network's new points) in a window a person can see whole. A 784-pixel digit cannot be drawn that
way, but its shadow on a plane can: the plane of the training digits' first two principal components, where the
digits spread furthest. Projecting every frame of a sampling run (``Trajectory.xs``, (n+1, N, C, H, W)) gives
(n+1, N, 2) particles that the lab draws next to the projected training digits, so an image run and a 2-D run
read alike: the perfect denoiser's samples land on training digits' dots, a trained network's between them.

The plane is fitted by an SVD of a centred random subsample of the training digits (a few thousand are plenty
for two directions, and cost a fraction of a second), repeatable by ``seed``, in torch rather than numpy: the
engine's matmuls run on torch's threads, and numpy's BLAS threads started beside them on a busy two-core laptop
were seen to stall a 300-digit SVD for seconds; each direction's sign is fixed
(its largest loading positive) so the same digits give the same picture on every machine. The coordinates are
then shifted and scaled so that the projected training digits are standardised the way the lab's data sets are
(``datasets.standardise``: mean 0, root mean square 1 over both coordinates), so they fill the lab's ±3 window.
Only the first two directions are kept: the picture is a shadow, and ``explained`` says how much of the digits'
variance it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from diffviz.core import i18n
from diffviz.core.errors import ConfigError, DataError

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess
    from diffviz.core.toy.lab import LabRun
    from diffviz.core.trajectory import Trajectory

SUBSAMPLE = 4_000  # training digits the directions are fitted on


@dataclass(frozen=True)
class Plane:
    """A projection of images of ``image_shape`` onto two standardised coordinates; make one with ``fit_plane``."""

    image_shape: tuple[int, ...]
    mean: np.ndarray          # (D,) the training digits' mean image, flat
    directions: np.ndarray    # (2, D) unit principal directions
    offset: np.ndarray        # (2,) the projected training digits' mean, subtracted
    scale: float              # their root mean square about it over both coordinates, divided by
    explained: tuple[float, float]  # the share of the training digits' variance along each direction

    def project(self, images: np.ndarray | torch.Tensor) -> np.ndarray:
        """Images (..., C, H, W), on the screen's [0, 1] like the training digits, to points (..., 2) float32."""
        tensor = images.detach().cpu() if isinstance(images, torch.Tensor) else torch.from_numpy(np.asarray(images))
        dims = len(self.image_shape)
        trailing = tuple(tensor.shape[max(tensor.ndim - dims, 0):])
        if trailing != self.image_shape:
            raise ConfigError(i18n.tr("the plane was fitted on images of {fitted}; these end in {given}")
                              .format(fitted=self.image_shape, given=trailing))
        lead = tuple(tensor.shape[:tensor.ndim - dims])
        flat = tensor.reshape(-1, self.mean.size).double()
        mean, directions, offset = (torch.from_numpy(a) for a in (self.mean, self.directions, self.offset))
        points = ((flat - mean) @ directions.T - offset) / self.scale
        return points.float().numpy().reshape(*lead, 2)


def fit_plane(training: np.ndarray | torch.Tensor, seed: int = 0, subsample: int = SUBSAMPLE) -> Plane:
    """The plane of the first two principal directions of ``training`` (M, C, H, W) in [0, 1], fitted on a random
    ``subsample`` of them (all when there are fewer) chosen by ``seed``, scaled so the projected training digits
    (all of them) are standardised. See the module docstring."""
    tensor = training.detach().cpu() if isinstance(training, torch.Tensor) else torch.from_numpy(np.asarray(training))
    if tensor.ndim < 2 or tensor.shape[0] < 3:
        raise DataError(i18n.tr("a plane needs at least 3 training images (N, C, H, W), got shape {shape}")
                        .format(shape=tuple(tensor.shape)))
    if subsample < 3:
        raise ConfigError(i18n.tr("a plane is fitted on at least 3 images (got a subsample of {subsample})")
                          .format(subsample=subsample))
    flat = tensor.reshape(tensor.shape[0], -1).double()
    if not torch.isfinite(flat).all():
        raise DataError(i18n.tr("the training images hold NaN or infinite values"))
    rng = np.random.default_rng(seed)
    picked = flat if len(flat) <= subsample else \
        flat[torch.from_numpy(np.sort(rng.choice(len(flat), subsample, replace=False)))]
    mean = picked.mean(0)
    _, singular, vt = torch.linalg.svd(picked - mean, full_matrices=False)
    directions = vt[:2]
    if len(directions) < 2 or singular[1] <= 1e-9 * singular[0].clamp_min(1e-300):
        raise DataError(i18n.tr("the training images vary along fewer than two directions: there is no plane to "
                                "draw"))
    largest = directions.abs().argmax(1)
    directions = directions * directions[torch.arange(2), largest].sign()[:, None]
    share = singular ** 2 / (singular ** 2).sum()
    raw = (flat - mean) @ directions.T
    offset = raw.mean(0)
    scale = float(((raw - offset) ** 2).mean().sqrt()) or 1.0
    return Plane(image_shape=tuple(int(side) for side in tensor.shape[1:]), mean=mean.numpy(),
                 directions=directions.numpy(), offset=offset.numpy(), scale=scale,
                 explained=(float(share[0]), float(share[1])))


def digits_run(trajectory: "Trajectory", training: np.ndarray, process: "NoisingProcess", *, shown: int = 2_000,
               noised: int = 500, seed: int = 0) -> "LabRun":
    """An image run in the plane, as the 2-D view draws a run of points: the training digits' dots (``shown`` of
    them), the run's samples (left) and the model's clean predictions (right) at every frame, and ``noised``
    training digits taken through the forward process to each frame's noise level. No field: a plane's point
    stands for many images, so there is no one prediction to draw at it."""
    from diffviz.core.samplers.base import full
    from diffviz.core.toy.lab import LabRun
    from diffviz.core.trajectory import Trajectory

    training = np.asarray(training, np.float32)
    plane = fit_plane(training, seed=seed)
    rng = np.random.default_rng(seed)
    dots = training[rng.permutation(len(training))[:shown]]
    made = trajectory.frames_made or trajectory.n_frames
    xs, preds = plane.project(trajectory.xs[:made]), plane.project(trajectory.preds[:made])
    kept = dict(mix=trajectory.mix[:max(made - 1, 0)], seed=trajectory.seed, sampler=trajectory.sampler,
                recipe=trajectory.recipe, levels=trajectory.levels[:made], conditions=trajectory.conditions[:made])
    walks = (Trajectory(xs=xs, preds=preds, **kept), Trajectory(xs=preds, preds=preds, **kept))
    images = torch.from_numpy(dots[:noised])
    noise = process.draw_noise(tuple(images.shape), torch.Generator().manual_seed(seed))
    forward = np.stack([plane.project(process.to_screen(process.noisy_at(images, full(images, float(level)), noise)[0]))
                        for level in kept["levels"]])
    return LabRun(data=plane.project(dots), classes=None, forward=forward, walks=walks, fields=(), model="digits",
                  titles=(i18n.tr("the samples (x), {sampler}").format(sampler=trajectory.sampler),
                          i18n.tr("the model's clean prediction")))
