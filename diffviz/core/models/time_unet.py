"""BasicUNet plus one idea: the network is told how noisy its input is.

The course's BasicUNet must guess the corruption amount from the image itself, so for a
very noisy input it can only predict a blurry average digit. Here every layer also gets
a per-channel bias computed from the amount ``t`` (sin/cos features -> a small MLP ->
one bias per channel, added before the SiLU), the same trick every diffusion UNet uses
for its timestep. Everything else is the course's layout: kernel 5, 32/64/64 channels (or wider),
MaxPool and Upsample, skip connections added. The last layer has no SiLU: the
prediction is a plain linear output, so it can reach every pixel value.

With ``classes`` it can also be told which digit to draw (the course's second unit, a
class-conditioned model): a learned vector per class is added to the amount's embedding.
One extra index, ``classes`` itself, means "no label"; training shows it now and then,
so the same network also learns to draw without a label, which classifier-free guidance
needs (see ``core.sampling``).

With ``timesteps`` it is told DDPM's integer timestep 0..timesteps-1 instead of a 0..1
amount, and reads it as the amount ``t / (timesteps - 1)``: the DDPM recipes use this lean
network because diffusers' UNet2DModel learns too slowly on a CPU (``diffviz bench quality --recipes
ddpm-unet2d,ddpm --budgets 120s``).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.models.basic_unet import BasicUNet
from diffviz.core.models.facts import ModelFacts

N_FREQUENCIES = 8
EMBED = 64


class TimeUNet(BasicUNet):
    """BasicUNet whose forward takes ``(x, amount)``; ``amount`` has one value per image in [0, 1]."""

    takes_amount = True

    def __init__(self, in_channels: int = 1, out_channels: int = 1, classes: int = 0, size: int = 28,
                 timesteps: int = 0, width: int = 32) -> None:
        super().__init__(in_channels, out_channels, size, width)
        self.classes = int(classes)
        self.timesteps = int(timesteps)  # 0: told a 0..1 amount; else DDPM's integer timestep
        self.register_buffer("frequencies", torch.arange(1, N_FREQUENCIES + 1).float() * math.pi, persistent=False)
        self.embed = nn.Sequential(nn.Linear(2 * N_FREQUENCIES, EMBED), nn.SiLU())
        widths = [layer.out_channels for layer in self.down_layers] + [layer.out_channels for layer in self.up_layers[:2]]
        self.amount_bias = nn.ModuleList([nn.Linear(EMBED, width) for width in widths])
        self.up_acts[2] = nn.Identity()  # linear output (see the module docstring)
        if self.classes:
            self.label_embed = nn.Embedding(self.classes + 1, EMBED)

    def config(self) -> dict:
        return {**super().config(), **({"classes": self.classes} if self.classes else {}),
                **({"timesteps": self.timesteps} if self.timesteps else {})}

    def facts(self) -> ModelFacts:
        """BasicUNet's facts, plus what the amount (and the class) add to every layer."""
        base = super().facts()
        if self.timesteps and self.classes:
            extra = i18n.tr(
                "<p>Unlike the course's BasicUNet, this network is told <b>DDPM's timestep t (read as t / {last}) "
                "and the digit's class</b>: a small MLP turns it into one bias per channel, added to every conv's "
                "output before the SiLU, so each layer knows how much to trust its input. The last layer has no "
                "SiLU: the prediction can reach every pixel value.</p>")
        elif self.timesteps:
            extra = i18n.tr(
                "<p>Unlike the course's BasicUNet, this network is told <b>DDPM's timestep t (read as t / {last})</b>: "
                "a small MLP turns it into one bias per channel, added to every conv's output before the SiLU, so "
                "each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach "
                "every pixel value.</p>")
        elif self.classes:
            extra = i18n.tr(
                "<p>Unlike the course's BasicUNet, this network is told <b>the amount and the digit's class</b>: a "
                "small MLP turns it into one bias per channel, added to every conv's output before the SiLU, so "
                "each layer knows how much to trust its input. The last layer has no SiLU: the prediction can reach "
                "every pixel value.</p>")
        else:
            extra = i18n.tr(
                "<p>Unlike the course's BasicUNet, this network is told <b>the amount</b>: a small MLP turns it into "
                "one bias per channel, added to every conv's output before the SiLU, so each layer knows how much to "
                "trust its input. The last layer has no SiLU: the prediction can reach every pixel value.</p>")
        extra = extra.format(last=self.timesteps - 1)
        notes = dict(base.notes)
        notes["up2"] = i18n.tr("Upsampled to {full}×{full} plus down0's maps, no SiLU: its %n channel(s) is the "
                               "prediction.", None, self.out_channels).format(**self.sizes())
        return ModelFacts(layout_html=base.layout_html + extra, features_html=base.features_html + extra,
                          skip_html=base.skip_html, notes=notes, skips=base.skips,
                          downsample_label=base.downsample_label, upsample_label=base.upsample_label)

    def forward(self, x: torch.Tensor, amount: torch.Tensor | None = None,  # type: ignore[override]
                labels: torch.Tensor | None = None) -> torch.Tensor:
        """``labels``: one class per image, or ``classes`` for "no label" (None: no label for any)."""
        if amount is None:
            raise TypeError("TimeUNet needs the corruption amount: model(x, amount)")
        if self.timesteps:
            amount = amount.float() / (self.timesteps - 1)
        phases = amount.reshape(-1, 1).to(x) * self.frequencies
        e = self.embed[0](torch.cat([phases.sin(), phases.cos()], dim=1))
        if self.classes:
            if labels is None:
                labels = torch.full((x.shape[0],), self.classes, dtype=torch.long, device=x.device)
            e = e + self.label_embed(labels.to(x.device))
        e = self.embed[1](e)
        bias = [layer(e)[:, :, None, None] for layer in self.amount_bias]
        h = []
        for i, layer in enumerate(self.down_layers):
            x = self.down_acts[i](layer(x) + bias[i])
            if i < 2:
                h.append(x)
                x = self.downscale(x)
        for i, layer in enumerate(self.up_layers):
            if i > 0:
                x = self.upscale(x)
                x = x + h.pop()
            x = layer(x)
            x = self.up_acts[i](x + bias[3 + i]) if i < 2 else self.up_acts[i](x)
        return x
