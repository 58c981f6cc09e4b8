"""The 2-D lab's network: a small MLP that maps a noisy point and its noise level to a prediction.

Why an MLP: a point has two numbers, so there is nothing for a convolution to slide over; three hidden layers of
256 units, told the noise level through the same sin/cos features as TimeUNet, learn the field of a 2-D data set
in seconds on a CPU. With ``classes`` it is also told which class to draw (guidance in 2-D), with one extra index
for "no label", as the class recipes' UNets are.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.ddpm import TRAIN_TIMESTEPS
from diffviz.core.models.facts import ModelFacts

N_FREQUENCIES = 16


class ToyMLP(nn.Module):
    """``forward(x, amount, labels=None)``: points (N, 2) at noise levels (N,) -> a prediction (N, 2)."""

    takes_amount = True
    image_shape = (2,)  # what a sample is: a point (the image models say (C, H, W))

    def __init__(self, hidden: int = 256, layers: int = 3, classes: int = 0) -> None:
        super().__init__()
        self.hidden, self.layers, self.classes = int(hidden), int(layers), int(classes)
        self.register_buffer("frequencies", torch.arange(1, N_FREQUENCIES + 1).float() * math.pi, persistent=False)
        widths = [2 + 2 * N_FREQUENCIES] + [self.hidden] * self.layers
        blocks: list[nn.Module] = []
        for inputs, outputs in zip(widths, widths[1:]):
            blocks += [nn.Linear(inputs, outputs), nn.SiLU()]
        self.body = nn.Sequential(*blocks)
        self.out = nn.Linear(self.hidden, 2)
        if self.classes:
            self.label_embed = nn.Embedding(self.classes + 1, 2 * N_FREQUENCIES)

    def forward(self, x: torch.Tensor, amount: torch.Tensor | None = None,
                labels: torch.Tensor | None = None) -> torch.Tensor:
        if amount is None:
            raise TypeError("ToyMLP needs the noise level: model(x, amount)")
        if not amount.is_floating_point():  # DDPM's integer timestep 0..999, brought to the blends' 0..1
            amount = amount.float() / TRAIN_TIMESTEPS
        phases = amount.reshape(-1, 1).to(x) * self.frequencies
        level = torch.cat([phases.sin(), phases.cos()], dim=1)
        if self.classes:
            if labels is None:
                labels = torch.full((x.shape[0],), self.classes, dtype=torch.long, device=x.device)
            level = level + self.label_embed(labels.to(x.device))
        return self.out(self.body(torch.cat([x, level], dim=1)))

    def config(self) -> dict:
        return {"hidden": self.hidden, "layers": self.layers, **({"classes": self.classes} if self.classes else {})}

    def facts(self) -> ModelFacts:
        return ModelFacts(layout_html=i18n.tr("<p>A small MLP: the point and sin/cos features of its noise level in, "
                                              "%n hidden layer(s) of {units} units with SiLU, two numbers out.</p>",
                                              None, self.layers).format(units=self.hidden),
                          features_html=i18n.tr("<p>A point has no feature maps to show: its field is drawn "
                                                "instead.</p>"),
                          skip_html="")
