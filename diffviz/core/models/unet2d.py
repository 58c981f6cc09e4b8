"""diffusers' UNet2DModel, wrapped so the rest of diffviz can treat it like BasicUNet.

Why a wrapper: the course's second half swaps BasicUNet for ``UNet2DModel`` to show what
a "real" diffusion UNet (residual blocks, attention, a timestep embedding) buys. The
wrapper gives it the same small surface BasicUNet has: ``forward``, ``config()`` for
checkpoints and ``feature_layers()`` for the inspector (its down blocks, mid block and
up blocks). diffusers is imported only when such a model is built, so launching the app
and every BasicUNet path stay fast, and nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import torch
from torch import nn

# The course's configuration (DESIGN §2): 1,707,009 parameters.
COURSE_CONFIG = dict(sample_size=28, in_channels=1, out_channels=1, layers_per_block=2,
                     block_out_channels=(32, 64, 64),
                     down_block_types=("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"),
                     up_block_types=("AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"))

# A smaller timestep-conditioned UNet for the DDPM recipe: the same layout without attention
# at 14×14 and one layer per block, so a CPU can train it in minutes.
SMALL_CONFIG = dict(sample_size=28, in_channels=1, out_channels=1, layers_per_block=1,
                    block_out_channels=(32, 64, 64),
                    down_block_types=("DownBlock2D", "DownBlock2D", "AttnDownBlock2D"),
                    up_block_types=("AttnUpBlock2D", "UpBlock2D", "UpBlock2D"))


def _unet2d(config: dict) -> nn.Module:
    from diffusers import UNet2DModel  # lazy: importing diffusers takes seconds

    return UNet2DModel(**config)


class _Wrapped(nn.Module):
    base_config: dict = {}

    def __init__(self, in_channels: int = 1, out_channels: int = 1) -> None:
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.unet = _unet2d({**self.base_config, "in_channels": in_channels, "out_channels": out_channels})

    def config(self) -> dict:
        """What ``build_model`` needs to make this model again (stored in checkpoints)."""
        return {"in_channels": self.in_channels, "out_channels": self.out_channels}

    def feature_layers(self) -> dict[str, nn.Module]:
        """Down blocks, the mid block and up blocks, in forward order, for the inspector."""
        layers = {f"down{i}": block for i, block in enumerate(self.unet.down_blocks)}
        layers["mid"] = self.unet.mid_block
        layers.update({f"up{i}": block for i, block in enumerate(self.unet.up_blocks)})
        return layers


class CourseUNet2D(_Wrapped):
    """The course's UNet2DModel, used like BasicUNet: ``forward(x)`` at timestep 0, predicts the clean image."""

    takes_amount = False
    base_config = COURSE_CONFIG

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.unet(x, 0).sample


class DDPMUNet(_Wrapped):
    """A small UNet2DModel told the integer timestep: ``forward(x, t)`` predicts the noise (ε)."""

    takes_amount = True
    base_config = SMALL_CONFIG

    def forward(self, x: torch.Tensor, timestep: torch.Tensor | None = None) -> torch.Tensor:  # type: ignore[override]
        if timestep is None:
            raise TypeError("DDPMUNet needs the timestep: model(x, t)")
        return self.unet(x, timestep).sample
