"""The course's BasicUNet, layer for layer (309,057 parameters).

Down: conv 1->32, 32->64, 64->64 (kernel 5, padding 2), SiLU after each, MaxPool(2)
after the first two. Up: conv 64->64, 64->32, 32->1, Upsample(x2) before the last two,
and the matching down activation added as a skip connection (``x + h.pop()``).

One deliberate difference in form, none in maths or weights: every layer has its own
SiLU module. SiLU has no parameters, so the state dict is the course's
(``down_layers.0.weight`` ...), but each activation is a separate module, so a forward
hook on it captures exactly "the output of that layer" for the feature-map inspector.
"""

from __future__ import annotations

import torch
from torch import nn


class BasicUNet(nn.Module):
    """A minimal UNet: three down convs, three up convs, two skip connections."""

    takes_amount = False  # forward(x): the course's model is not told how noisy x is

    def __init__(self, in_channels: int = 1, out_channels: int = 1) -> None:
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.down_layers = nn.ModuleList([
            nn.Conv2d(in_channels, 32, kernel_size=5, padding=2),
            nn.Conv2d(32, 64, kernel_size=5, padding=2),
            nn.Conv2d(64, 64, kernel_size=5, padding=2),
        ])
        self.up_layers = nn.ModuleList([
            nn.Conv2d(64, 64, kernel_size=5, padding=2),
            nn.Conv2d(64, 32, kernel_size=5, padding=2),
            nn.Conv2d(32, out_channels, kernel_size=5, padding=2),
        ])
        self.down_acts = nn.ModuleList([nn.SiLU() for _ in self.down_layers])
        self.up_acts = nn.ModuleList([nn.SiLU() for _ in self.up_layers])
        self.downscale = nn.MaxPool2d(2)
        self.upscale = nn.Upsample(scale_factor=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = []
        for i, layer in enumerate(self.down_layers):
            x = self.down_acts[i](layer(x))
            if i < 2:  # keep for the skip connection, then halve the resolution
                h.append(x)
                x = self.downscale(x)
        for i, layer in enumerate(self.up_layers):
            if i > 0:  # double the resolution and add the matching down activation
                x = self.upscale(x)
                x = x + h.pop()
            x = self.up_acts[i](layer(x))
        return x

    def config(self) -> dict:
        """What ``build_model`` needs to make this model again (stored in checkpoints)."""
        return {"in_channels": self.in_channels, "out_channels": self.out_channels}

    def feature_layers(self) -> dict[str, nn.Module]:
        """The six layers the inspector shows, by display name, in forward order."""
        layers = {f"down{i}": act for i, act in enumerate(self.down_acts)}
        layers.update({f"up{i}": act for i, act in enumerate(self.up_acts)})
        return layers
