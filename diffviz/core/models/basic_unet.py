"""The course's BasicUNet, layer for layer (309,057 parameters).

Down: conv 1->32, 32->64, 64->64 (kernel 5, padding 2), SiLU after each, MaxPool(2)
after the first two. Up: conv 64->64, 64->32, 32->1, Upsample(x2) before the last two,
and the matching down activation added as a skip connection (``x + h.pop()``).

``width`` (default the course's 32) scales every layer's channels (``width``, twice it, twice it), so a
wider TimeUNet can be weighed against the course's per training image (``diffviz bench quality``,
``flow-class-x@w48``). At the default it is the course's network exactly.

One deliberate difference in form, none in maths or weights: every layer has its own
SiLU module. SiLU has no parameters, so the state dict is the course's
(``down_layers.0.weight`` ...), but each activation is a separate module, so a forward
hook on it captures exactly "the output of that layer" for the feature-map inspector.
"""

from __future__ import annotations

import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.models.facts import ModelFacts

# the notes on its layers that do not depend on its channels out, by layer; translated where facts() gives them
NOTES = {
    "down0": i18n.QT_TR_NOOP("First conv ({inputs}→{narrow}) on the full {full}×{full} image: edges and bits of "
                             "stroke."),
    "down1": i18n.QT_TR_NOOP("Second conv ({narrow}→{wide}) after one 2× pooling, {half}×{half}: strokes and "
                             "corners."),
    "down2": i18n.QT_TR_NOOP("Third conv ({wide}→{wide}) at {quarter}×{quarter}, the coarsest view: which parts "
                             "of the image are where."),
    "up0": i18n.QT_TR_NOOP("First up conv ({wide}→{wide}), still {quarter}×{quarter}: starts to decide what to "
                           "draw."),
    "up1": i18n.QT_TR_NOOP("Upsampled to {half}×{half} plus down1's maps (skip connection): rebuilds strokes."),
}


class BasicUNet(nn.Module):
    """A minimal UNet: three down convs, three up convs, two skip connections."""

    takes_amount = False  # forward(x): the course's model is not told how noisy x is

    def __init__(self, in_channels: int = 1, out_channels: int = 1, size: int = 28, width: int = 32) -> None:
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        if size % 4:
            raise ValueError(i18n.tr("the image size must be a multiple of 4 (two halvings), not {size}").format(
                size=size))
        self.size = int(size)
        self.width = int(width)
        narrow, wide = self.width, 2 * self.width  # the course's 32 and 64
        self.down_layers = nn.ModuleList([
            nn.Conv2d(in_channels, narrow, kernel_size=5, padding=2),
            nn.Conv2d(narrow, wide, kernel_size=5, padding=2),
            nn.Conv2d(wide, wide, kernel_size=5, padding=2),
        ])
        self.up_layers = nn.ModuleList([
            nn.Conv2d(wide, wide, kernel_size=5, padding=2),
            nn.Conv2d(wide, narrow, kernel_size=5, padding=2),
            nn.Conv2d(narrow, out_channels, kernel_size=5, padding=2),
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
        """What ``build_model`` needs to make this model again (stored in checkpoints); the size only when it is
        not MNIST's 28, so older checkpoints and the bundled ones read the same."""
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                **({"size": self.size} if self.size != 28 else {}),
                **({"width": self.width} if self.width != 32 else {})}

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(channels, height, width) of the images it learns: MNIST's, or a folder's own (``--channels``,
        ``--size``)."""
        return (self.in_channels, self.size, self.size)

    def sizes(self) -> dict[str, int]:
        """The numbers its texts speak of: its resolutions (28→14→7 for MNIST) and channels, so a colour or
        larger model of the flow recipes is described as it is."""
        return {"full": self.size, "half": self.size // 2, "quarter": self.size // 4, "inputs": self.in_channels,
                "narrow": self.width, "wide": 2 * self.width}

    def facts(self) -> ModelFacts:
        """The course's network, described for the architecture view and the inspector at its own size."""
        sizes, channels = self.sizes(), self.out_channels
        layout = i18n.tr(
            "<p><b>Why a U?</b> The left half (<i>down</i>) looks at the noisy image through 5×5 convolutions, each "
            "followed by SiLU, and halves the resolution twice with max-pooling ({full}→{half}→{quarter}), so deeper "
            "layers see larger parts of the image with more channels. The right half (<i>up</i>) doubles the "
            "resolution back ({quarter}→{half}→{full}) and ends with %n channel(s): the model's guess of the clean "
            "image.</p>", None, channels).format(**sizes)
        features = i18n.tr(
            "<p>A <b>feature map</b> is the output of one layer of this UNet: a convolution followed by SiLU. Each "
            "small tile is one <b>channel</b>: the response of one learned 5×5 filter at every position (bright = "
            "the filter's pattern is strongly present there).</p><p>The <b>down</b> layers look at the image at "
            "falling resolution ({full}→{half}→{quarter} pixels): the first responds to edges and strokes, deeper "
            "ones to larger parts of the image. The <b>up</b> layers rebuild it at rising resolution, and the "
            "<b>skip connections</b> add the matching down maps back in, so fine detail lost in the pooling "
            "returns. The last layer's %n channel(s) is the model's prediction itself.</p>",
            None, channels).format(**sizes)
        notes = {name: i18n.tr(note).format(**sizes) for name, note in NOTES.items()}
        notes["up2"] = i18n.tr("Upsampled to {full}×{full} plus down0's maps: its %n channel(s) is the prediction.",
                               None, channels).format(**sizes)
        return ModelFacts(layout_html=layout, features_html=features, notes=notes,
                          skip_html=i18n.tr("fine detail is lost in the {quarter}×{quarter} bottleneck, so each "
                                            "down layer's output is kept and <i>added</i> to the up path at the "
                                            "same resolution (<code>x = upscale(x) + h.pop()</code>)"
                                            ).format(**sizes),
                          skips=(("down0", "up2"), ("down1", "up1")), downsample_label=i18n.tr("MaxPool ½"),
                          upsample_label=i18n.tr("Upsample ×2"))

    def feature_layers(self) -> dict[str, nn.Module]:
        """The six layers the inspector shows, by display name, in forward order."""
        layers = {f"down{i}": act for i, act in enumerate(self.down_acts)}
        layers.update({f"up{i}": act for i, act in enumerate(self.up_acts)})
        return layers
