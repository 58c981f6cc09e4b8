"""Model architectures by name, so checkpoints can say which one they hold."""

from __future__ import annotations

from typing import Any, Callable

from torch import nn

from diffviz.core import i18n
from diffviz.core.errors import CheckpointError
from diffviz.core.models.basic_unet import BasicUNet
from diffviz.core.models.time_unet import TimeUNet
from diffviz.core.models.toy_mlp import ToyMLP
from diffviz.core.models.unet2d import CourseUNet2D, DDPMUNet

MAX_CONFIG_INT = 1024  # channels, sizes: far above any real model here, far below a memory bomb

ARCHITECTURES: dict[str, Callable[..., nn.Module]] = {
    "BasicUNet": BasicUNet,
    "TimeUNet": TimeUNet,
    "CourseUNet2D": CourseUNet2D,
    "DDPMUNet": DDPMUNet,
    "ToyMLP": ToyMLP,
}


def build_model(architecture: str, **config: Any) -> nn.Module:
    """Create a fresh model of a known architecture; unknown names are refused, never imported."""
    try:
        factory = ARCHITECTURES[architecture]
    except KeyError:
        known = ", ".join(sorted(ARCHITECTURES))
        raise CheckpointError(i18n.tr("unknown architecture {name} (this diffviz knows {known})").format(
            name=repr(architecture), known=known)) from None
    for key, value in config.items():  # from a file: a huge channel count must not allocate gigabytes
        if isinstance(value, int) and not isinstance(value, bool) and not 0 < value <= MAX_CONFIG_INT:
            raise CheckpointError(i18n.tr("{architecture} setting {key}={value} is out of range (1..{limit})").format(
                architecture=architecture, key=key, value=value, limit=MAX_CONFIG_INT))
    return factory(**config)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


__all__ = ["ARCHITECTURES", "BasicUNet", "CourseUNet2D", "DDPMUNet", "TimeUNet", "ToyMLP", "build_model",
           "count_parameters"]
