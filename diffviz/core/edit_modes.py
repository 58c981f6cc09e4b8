"""The Edit lab's modes as objects: what each does, in words and in a formula, and what it left on a run.

Why a registry of modes: the Edit view, the CLI and the captions of an edited run all ask the
same questions of a mode (its title, what it explains, which controls it uses, whether a
recipe can do it) and none of them should compare mode names to find out. The algorithms
live in ``core.editing`` (they need torch); this module is torch-free, so the view can lay
out its controls and texts before the engine is loaded.

An edit's run is an ordinary ``Trajectory`` (the timeline, inspector, Compare view and
exports work on it as on any other) carrying an ``EditRecord``: the input it started from,
the mask, the strength, and what the view plots beside it (the noise's norm along an
interpolation path, the round trip's error per step of an inversion).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from diffviz.core import i18n

if TYPE_CHECKING:
    from diffviz.core.trajectory import Trajectory


@dataclass(frozen=True)
class EditMode:
    """One way of handing the model an image (or two noises) and watching what it does with it."""

    # The texts (title, summary, formula, explanation, reads_by_default) are marked with i18n.QT_TR_NOOP where they
    # are written and shown through i18n.tr.
    key: str                  # its name in EDIT_MODES and on the command line
    title: str                # how the Edit view lists it
    summary: str              # one line: what a learner will see
    formula: str              # the step that makes it, as the view shows it (HTML)
    explanation: str          # a paragraph for the view (HTML)
    uses_strength: bool = False
    uses_mask: bool = False
    uses_jumps: bool = False
    uses_image: bool = True   # interpolation starts from two noises, not from an image
    needs_inversion: bool = False  # only for processes that can walk an image back to its noise
    default_strength: float = 1.0
    reads_by_default: str = ""  # why a class model reads the digit first by default here (measured); "": told none

    def unavailable_for(self, invertible: bool) -> str:
        """Why a model whose process is (or is not) ``invertible`` cannot do this mode; empty when it can."""
        if self.needs_inversion and not invertible:
            return i18n.tr("{mode} needs a DDPM model (the ddpm, ddpm-cosine or ddpm-unet2d recipe): DDIM walks an "
                           "image to noise and back deterministically; the blend recipes' sampler has no such "
                           "inverse").format(mode=i18n.tr(self.title))
        return ""


# Measured with ``diffviz bench edit``: 500 held-out real digits, the bundled flow-class model, 40 steps; the share
# whose class the quality meter still reads after the edit
READS_SDEDIT = i18n.QT_TR_NOOP("measured on 500 held-out digits at the default strength 0.5, reading first keeps the "
                               "class in 0.93 (0.83 told nothing)")
READS_INPAINT = i18n.QT_TR_NOOP("measured on 500 held-out digits, reading first keeps the class in 0.86 of central "
                                "10x10 holes (0.70 told nothing) and 0.83 of bottom halves (0.52)")

SDEDIT = EditMode(
    key="sdedit", title=i18n.QT_TR_NOOP("Noise and denoise (SDEdit)"), uses_strength=True, default_strength=0.5,
    reads_by_default=READS_SDEDIT,
    summary=i18n.QT_TR_NOOP("your image, noised to the strength, then denoised back: a sketch becomes a digit"),
    formula=i18n.QT_TR_NOOP("x<sub>s</sub> = noised(image, s), then the sampler from s to 0"),
    explanation=i18n.QT_TR_NOOP(
        "The image is noised to the <b>strength</b> s with the recipe's own noising, exactly as training "
        "would, and the sampler walks down from there instead of from pure noise (Meng et al. 2022, "
        "SDEdit). At strength 0 nothing is noised and the result is your image; at 1 the image is "
        "forgotten and this is ordinary sampling. In between, the noise hides the details and keeps the "
        "rough shape: the model repaints the details its own way."))
INPAINT = EditMode(
    key="inpaint", title=i18n.QT_TR_NOOP("Inpaint (RePaint)"), uses_strength=True, uses_mask=True, uses_jumps=True,
    reads_by_default=READS_INPAINT,
    summary=i18n.QT_TR_NOOP("paint a hole with the mask tool: the model fills it, in harmony with the rest"),
    formula="x = m ⊙ x<sub>gen</sub> + (1 − m) ⊙ noised(x<sub>known</sub>)",
    explanation=i18n.QT_TR_NOOP(
        "After every step the pixels outside the mask m are replaced by your image noised to the level "
        "the step reached (Lugmayr et al. 2022, RePaint), so the model only ever fills the hole, and "
        "sees at each level a surrounding that looks like its own work. <b>Jumps</b> redo each step "
        "after noising its result back up, so the hole's content has more chances to agree with what "
        "is kept. The result keeps every unmasked pixel of your image exactly."))
INTERPOLATE = EditMode(
    key="interpolate", title=i18n.QT_TR_NOOP("Interpolate two noises"), uses_image=False,
    summary=i18n.QT_TR_NOOP("two seeds' noises and the images between them, sampled along one path"),
    formula="slerp(a, b, w) = sin((1−w)θ)/sin θ · a + sin(wθ)/sin θ · b",
    explanation=i18n.QT_TR_NOOP(
        "Two starting noises a and b (two seeds) and noises between them, each sampled the same way. "
        "A straight line (lerp) between two Gaussian noises passes through noise that is too weak: "
        "halfway its norm is about 0.71 of theirs, and the model, which never saw noise that faint, "
        "draws blurry grey images there. The spherical path (slerp) keeps the norm, so every image on "
        "it is as sharp as the ends. The plot shows the norm along both paths."))
INVERT = EditMode(
    key="invert", title=i18n.QT_TR_NOOP("Invert (DDIM)"), needs_inversion=True,
    summary=i18n.QT_TR_NOOP("your image walked back to noise, then forward again: how much comes back?"),
    formula="x<sub>t+1</sub> = √ᾱ<sub>t+1</sub> · x̂<sub>0</sub> + √(1 − ᾱ<sub>t+1</sub>) · ε̂",
    explanation=i18n.QT_TR_NOOP(
        "DDIM at eta 0 is deterministic, so it can run backwards: each step moves the image to the next "
        "noise level along the model's own estimate of the noise in it. The first half of the run walks "
        "your image to pure noise, the second half samples from that noise. The plot shows the round "
        "trip's error at each level: a model that understands the image well brings it back almost "
        "unchanged, and the noise it found is the image's own point in the model's noise space."))

EDIT_MODES: dict[str, EditMode] = {mode.key: mode for mode in (SDEDIT, INPAINT, INTERPOLATE, INVERT)}
INTERPOLATIONS = ("slerp", "lerp")


@dataclass
class EditRequest:
    """What a learner asked of the Edit lab, as the view and the CLI hand it to ``core.editing.run_edit``."""

    mode: str                                  # a key of EDIT_MODES
    images: np.ndarray | None = None           # (N, C, H, W) of the model's shape in [0, 1]; None: interpolation
    mask: np.ndarray | None = None             # inpainting: (1 or N, 1, H, W), 1 = regenerate
    strength: float | None = None              # None: the mode's default
    jumps: int = 0
    steps: int = 40
    seeds: tuple[int, int] = (0, 1)            # interpolation's two noises
    n: int = 8                                 # interpolation's images, ends included
    method: str = "slerp"
    digit: int | None = None                   # class models: the digit to steer toward (None: told none)
    read_digit: bool = False                   # class models: steer toward the digit the model reads in the image
    guidance: float | None = None
    sampler: str | None = None                 # None: the recipe's
    seed: int = 0

    @property
    def edit_mode(self) -> EditMode:
        return check_mode(self.mode)

    @property
    def samples(self) -> int:
        """The images its run makes: the images edited, or the points along an interpolation's path."""
        if not self.edit_mode.uses_image or self.images is None:
            return self.n
        return len(self.images)

    @property
    def frames(self) -> int:
        """The frames its run will have (for progress bars): an inversion walks both ways."""
        return (2 if self.edit_mode.needs_inversion else 1) * self.steps + 1


@dataclass
class EditRecord:
    """What an edit left on its ``Trajectory``: its mode and settings, its input, and what the view plots."""

    mode: str                                  # a key of EDIT_MODES
    source: np.ndarray | None = None           # (N, C, H, W) in [0, 1]: the images edited (None: interpolation)
    mask: np.ndarray | None = None             # (1 or N, 1, H, W): 1 = regenerated, 0 = kept
    strength: float = 1.0
    jumps: int = 0
    seeds: tuple[int, int] | None = None       # interpolation's two noises
    method: str = "slerp"                      # interpolation's path
    weights: np.ndarray | None = None          # (N,) where along the path each image lies, 0..1
    norms: dict[str, np.ndarray] = field(default_factory=dict)  # path -> the noise's norm at each weight
    inversion_steps: int = 0                   # inversion: frames below this walk the image toward noise
    read: np.ndarray | None = None             # (N,) the digit the model read in each image, when asked to

    @property
    def edit_mode(self) -> EditMode:
        return EDIT_MODES[self.mode]

    def text(self) -> str:
        """The settings in a line, for captions and the status bar (translated: one whole template per case)."""
        mode = self.edit_mode
        if not mode.uses_image:
            return i18n.tr("{method} between seeds {first} and {second}").format(
                method=self.method, first=self.seeds[0], second=self.seeds[1])
        if not mode.uses_strength:
            return i18n.tr(mode.title)
        jumps = self.jumps if mode.uses_jumps else 0
        if self.read is None:
            if jumps:
                return i18n.tr("strength {strength:g} · %n jump(s)", None, jumps).format(strength=self.strength)
            return i18n.tr("strength {strength:g}").format(strength=self.strength)
        digits = sorted(set(self.read.tolist()))
        if len(digits) == 1:
            if jumps:
                return i18n.tr("strength {strength:g} · read as {digit} · %n jump(s)", None, jumps).format(
                    strength=self.strength, digit=digits[0])
            return i18n.tr("strength {strength:g} · read as {digit}").format(strength=self.strength, digit=digits[0])
        if jumps:
            return i18n.tr("strength {strength:g} · each toward the digit read in it · %n jump(s)", None,
                           jumps).format(strength=self.strength)
        return i18n.tr("strength {strength:g} · each toward the digit read in it").format(strength=self.strength)

    def headline(self) -> str:
        """The mode and its settings, e.g. ``Inpaint (RePaint): strength 1 · 3 jumps``."""
        mode = self.edit_mode
        if mode.uses_image and not mode.uses_strength:  # the settings are the mode's title alone
            return i18n.tr(mode.title)
        return i18n.tr("{mode}: {settings}").format(mode=i18n.tr(mode.title), settings=self.text())

    def caption(self, trajectory: "Trajectory", frame: int) -> str:
        """A frame's caption in the edit's words, or empty to let the sampler caption it."""
        if trajectory.stopped and frame >= trajectory.n_steps:
            return ""  # "stopped after step k/n" is the trajectory's own
        k = self.inversion_steps
        if k:
            if frame < k:
                return i18n.tr("inverting {step}/{steps} · image → noise · t = {t}").format(
                    step=frame + 1, steps=k, t=int(trajectory.levels[frame] * 999))
            if frame < trajectory.n_steps:
                return i18n.tr("back {step}/{steps} · noise → image · t = {t}").format(
                    step=frame - k + 1, steps=k, t=int(trajectory.conditions[frame]))
            return i18n.tr("round trip done ({steps} + {steps} steps)").format(steps=k)
        if frame >= trajectory.n_steps:
            return i18n.tr("{mode}: result (%n step(s), {settings})", None, trajectory.n_steps).format(
                mode=i18n.tr(self.edit_mode.title), settings=self.text())
        return ""

    def round_trip_error(self, trajectory: "Trajectory") -> np.ndarray:
        """Inversion: mean absolute difference between the image walked toward noise and the image walked
        back, at each of the k + 1 noise levels they share (index 0: the input against the result)."""
        k = self.inversion_steps
        if not k or trajectory.frames_made < trajectory.n_frames:
            return np.zeros(0)
        xs = trajectory.xs
        return np.array([np.abs(xs[i] - xs[2 * k - i]).mean() for i in range(k + 1)])


def check_mode(key: str) -> EditMode:
    from diffviz.core.errors import ConfigError

    try:
        return EDIT_MODES[key]
    except KeyError:
        raise ConfigError(i18n.tr("unknown edit mode {name}; choose one of {names}")
                          .format(name=repr(key), names=", ".join(EDIT_MODES))) from None
