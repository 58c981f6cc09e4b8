"""What the app's controls say about each recipe, without torch: its summary, defaults and samplers.

Why a torch-free copy: the main window is on screen before PyTorch has loaded (importing torch
takes seconds), and its controls already list the recipes with their summaries, fill in the
default batch size and learning rate, offer the guidance scale and the digit to a recipe told
the class and list its samplers; and the opening run's recording (``ui.opening_run``) is
checked against the sampler and guidance its recipe draws with. ``core.recipes.RECIPES`` stays the truth: each ``RecipeFacts``
field has the same name as the ``Recipe`` attribute it copies (so either can be handed to the
controls), and ``tests/ui/test_startup.py`` checks that every fact here equals its recipe's.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffviz.core import i18n
from diffviz.core.guidance import EVERYWHERE, default_scale

BLEND_SAMPLERS = ("course", "heun")                      # the course's blend (uniform noise)
FLOW_SAMPLERS = (*BLEND_SAMPLERS, "ancestral")            # the flow recipes' straight line toward Gaussian noise
DDPM_SAMPLERS = ("ddpm", "ddim", "dpm-solver++", "euler")  # diffusers' schedulers


@dataclass(frozen=True)
class RecipeFacts:
    """The part of a ``core.recipes.Recipe`` the controls show, under the same attribute names."""

    name: str
    summary: str
    batch_size: int
    lr: float
    sampler: str                   # the default sampler
    samplers: tuple[str, ...]      # every sampler its models can be drawn with, in the menus' order
    classes: int = 0               # told each image's class (0: not told): the Digit and Guidance boxes apply
    guidance: float = 1.0          # the default classifier-free guidance scale
    guidance_interval: tuple[float, float] = EVERYWHERE  # the noise levels it applies at (``core.guidance``)
    early_guidance: tuple[float, int] | None = None  # (scale, images): the default below that many training images

    def guidance_scale_for(self, images: int | None) -> float:
        """The default scale for a model of this recipe trained on ``images`` images (``core.guidance``)."""
        return default_scale(self.guidance, self.early_guidance, images)


_FACTS = (
    RecipeFacts("flow-class",
                i18n.QT_TR_NOOP("flow, told each digit's class (one in ten unlabelled) and predicting the velocity, "
                                "batch 32, the rate falling over the last 30 % of the run; drawn with "
                                "classifier-free guidance 2 (2.5 before 150,000 training images) at noise levels "
                                "0.1-0.7: pick the digit to draw"),
                32, 2e-3, "course", FLOW_SAMPLERS, classes=10, guidance=2.0, guidance_interval=(0.1, 0.7),
                early_guidance=(2.5, 150_000)),
    RecipeFacts("flow",
                i18n.QT_TR_NOOP("fast: told the amount, Gaussian noise, mid-range amounts, EMA weights, lr 2e-3 "
                                "with warm-up, batch 64"),
                64, 2e-3, "course", FLOW_SAMPLERS),
    RecipeFacts("course", i18n.QT_TR_NOOP("the course's recipe: BasicUNet, uniform noise, Adam 1e-3"),
                128, 1e-3, "course", BLEND_SAMPLERS),
    RecipeFacts("course-unet2d",
                i18n.QT_TR_NOOP("the course's comparison: diffusers' UNet2DModel (1.7M parameters), same "
                                "corruption"),
                128, 1e-3, "course", BLEND_SAMPLERS),
    RecipeFacts("ddpm",
                i18n.QT_TR_NOOP("DDPM: the flow recipes' TimeUNet told the timestep and the digit, data in "
                                "[-1, 1], linear betas, predicts the velocity v"),
                64, 2e-3, "ddim", DDPM_SAMPLERS, classes=10, guidance=1.5, guidance_interval=(0.1, 0.7)),
    RecipeFacts("ddpm-cosine",
                i18n.QT_TR_NOOP("DDPM with the squaredcos_cap_v2 (cosine) schedule: more steps at low noise"),
                64, 2e-3, "ddim", DDPM_SAMPLERS, classes=10, guidance=1.5, guidance_interval=(0.1, 0.7)),
    RecipeFacts("ddpm-unet2d",
                i18n.QT_TR_NOOP("the course's diffusers DDPM: a small UNet2DModel predicting the noise, linear "
                                "betas; slow on a CPU, exports as a diffusers pipeline"),
                128, 1e-3, "ddim", DDPM_SAMPLERS),
)
RECIPE_FACTS: dict[str, RecipeFacts] = {facts.name: facts for facts in _FACTS}
UNTRAINED_RECIPE = "course"  # an untrained model (no checkpoint) is the course's BasicUNet
