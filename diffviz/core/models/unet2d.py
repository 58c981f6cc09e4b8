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

from diffviz.core import i18n
from diffviz.core.models.facts import ModelFacts, sentences

# The course's configuration: 1,707,009 parameters.
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


def _count(block: nn.Module, part: str) -> int:
    """How many of ``part`` (resnets, attentions, downsamplers, upsamplers) a diffusers block holds."""
    modules = getattr(block, part, None)
    return len(modules) if modules is not None else 0


def _block_note(name: str, block: nn.Module) -> str:
    """What a diffusers block does, read from the block itself: a sentence on its ResNet blocks and attention,
    then one on its skips (an up block) and one on how it changes the resolution."""
    resnets, attentions = _count(block, "resnets"), _count(block, "attentions")
    kind = type(block).__name__
    if not attentions:
        what = i18n.tr("{block}: %n ResNet block(s) of 3×3 convs.", None, resnets)
    elif attentions < resnets:
        what = i18n.tr("{block}: %n ResNet block(s) of 3×3 convs, with self-attention between them.", None, resnets)
    elif resnets > 1:
        what = i18n.tr("{block}: %n ResNet block(s) of 3×3 convs, each followed by self-attention.", None, resnets)
    else:
        what = i18n.tr("{block}: %n ResNet block(s) of 3×3 convs, then self-attention.", None, resnets)
    return sentences(
        what.format(block=kind),
        i18n.tr("Each takes in a down activation (skip, concatenated).") if name.startswith("up") else "",
        i18n.tr("Then a stride-2 conv halves the resolution.") if _count(block, "downsamplers") else "",
        i18n.tr("Then it upsamples ×2 and applies a 3×3 conv.") if _count(block, "upsamplers") else "")


def _attention_note(name: str, attention: nn.Module) -> str:
    """One line on what an attention module's tiles show, for the inspector."""
    heads = int(getattr(attention, "heads", 1))
    block = name.split(".")[0]
    if heads == 1:
        return i18n.tr("Self-attention in {block}, 1 head. Each tile is one position of the image (a query, marked "
                       "red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its "
                       "attention weights over every position. Each tile sums to 1.").format(block=block)
    return i18n.tr("Self-attention in {block}, %n head(s). Each tile is one position of the image (a query, marked "
                   "red when enlarged; at most 8×8 of them, neighbours averaged) and shows where it looks: its "
                   "attention weights over every position, averaged over the heads. Each tile sums to 1.",
                   None, heads).format(block=block)


class _Wrapped(nn.Module):
    base_config: dict = {}

    def __init__(self, in_channels: int = 1, out_channels: int = 1, size: int = 28) -> None:
        super().__init__()
        self.in_channels, self.out_channels, self.size = in_channels, out_channels, int(size)
        self.unet = _unet2d({**self.base_config, "in_channels": in_channels, "out_channels": out_channels,
                             "sample_size": self.size})

    def config(self) -> dict:
        """What ``build_model`` needs to make this model again (stored in checkpoints); the size only when it is
        not MNIST's 28."""
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                **({"size": self.size} if self.size != 28 else {})}

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return (self.in_channels, self.size, self.size)

    told_timestep = True  # every ResNet block adds the timestep's embedding to its channels (CourseUNet2D: t = 0)

    def facts(self) -> ModelFacts:
        """UNet2DModel's blocks, described from the blocks this model really has."""
        layers = self.feature_layers()
        downs = [name for name in layers if name.startswith("down")]
        ups = [name for name in layers if name.startswith("up")]
        attention = [name for name, block in layers.items() if _count(block, "attentions")]
        if self.told_timestep:
            left = i18n.tr(
                "<b>Why a U?</b> This is diffusers' <code>UNet2DModel</code>. Its left half is %n <i>down block(s)</i> "
                "of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus the timestep's embedding, with a shortcut "
                "around them); every down block but the last halves the resolution with a stride-2 convolution (no "
                "pooling).", None, len(downs))
        else:
            left = i18n.tr(
                "<b>Why a U?</b> This is diffusers' <code>UNet2DModel</code>. Its left half is %n <i>down block(s)</i> "
                "of ResNet blocks (GroupNorm, SiLU, 3×3 convolutions, plus a timestep embedding, always t = 0 here, "
                "with a shortcut around them); every down block but the last halves the resolution with a stride-2 "
                "convolution (no pooling).", None, len(downs))
        if self.out_channels == 1:
            right = i18n.tr("The <i>mid block</i> works at the coarsest resolution, and %n <i>up block(s)</i> double "
                            "it back before a last 3×3 convolution gives one channel: the model's output.",
                            None, len(ups))
        else:
            right = i18n.tr("The <i>mid block</i> works at the coarsest resolution, and %n <i>up block(s)</i> double "
                            "it back before a last 3×3 convolution gives {channels} channels: the model's output.",
                            None, len(ups)).format(channels=self.out_channels)
        layout = f"<p>{sentences(left, right)}</p>" + (
            i18n.tr("<p><b>Self-attention</b> ({layers}): every position looks at every other one and mixes in what "
                    "it finds relevant, so distant parts of the digit can agree.</p>"
                    ).format(layers=", ".join(attention))
            if attention else "")
        features = i18n.tr(
            "<p>A <b>feature map</b> here is the output of one whole <i>block</i> of UNet2DModel (several ResNet "
            "blocks of 3×3 convolutions with GroupNorm and SiLU, some with self-attention), not of a single "
            "convolution. Each small tile is one <b>channel</b> of that output.</p><p>The <b>down</b> blocks see "
            "the image at falling resolution, the <b>mid</b> block at the coarsest, and the <b>up</b> blocks "
            "rebuild it, each taking in the matching down activations (concatenated) through its skip "
            "connections.</p>") + (i18n.tr(
                "<p>An <b>attention</b> layer (<code>down1.attention0</code> and the like) shows weights, not "
                "channels: tile (r, c) of the mosaic is the image's position (r, c), and it shows how much that "
                "position takes from every other one. Early in sampling they spread over the whole image; "
                "later many settle on the strokes.</p>") if attention else "")
        skips = tuple((down, up) for down, up in zip(reversed(downs), ups))
        return ModelFacts(layout_html=layout, features_html=features,
                          skip_html=i18n.tr("every ResNet block of an up block takes one saved down activation, "
                                            "<i>concatenated</i> to its input along the channels"),
                          notes={**{name: _block_note(name, block) for name, block in layers.items()},
                                 **{name: _attention_note(name, module)
                                    for name, module in self.attention_layers().items()}},
                          skips=skips, downsample_label=i18n.tr("stride-2 conv ½"),
                          upsample_label=i18n.tr("Upsample ×2 + conv"),
                          attention_layers=tuple(self.attention_layers()))

    def feature_layers(self) -> dict[str, nn.Module]:
        """Down blocks, the mid block and up blocks, in forward order, for the inspector."""
        layers = {f"down{i}": block for i, block in enumerate(self.unet.down_blocks)}
        if self.unet.mid_block is not None:
            layers["mid"] = self.unet.mid_block
        layers.update({f"up{i}": block for i, block in enumerate(self.unet.up_blocks)})
        return layers

    def attention_layers(self) -> dict[str, nn.Module]:
        """Every self-attention module, named after its block (``down2.attention1``): the inspector shows
        their weights (``core.attention``)."""
        return {f"{name}.attention{j}": attention for name, block in self.feature_layers().items()
                for j, attention in enumerate(getattr(block, "attentions", None) or []) if attention is not None}


class CourseUNet2D(_Wrapped):
    """The course's UNet2DModel, used like BasicUNet: ``forward(x)`` at timestep 0, predicts the clean image."""

    takes_amount = False
    base_config = COURSE_CONFIG
    told_timestep = False

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


class PipelineUNet(_Wrapped):
    """A learner's own ``UNet2DModel`` from a diffusers pipeline folder (``core.pipelines``), told the timestep.

    Built around the model diffusers loaded, not from a config of ours: its blocks, channels, size and
    attention are whatever its author chose, and the facts and the inspector read them from the model itself.
    ``forward(x, t)`` gives what its scheduler says it predicts (noise, velocity or the clean image).
    """

    takes_amount = True

    def __init__(self, unet: nn.Module) -> None:  # noqa: D107 (the model is made by diffusers)
        nn.Module.__init__(self)
        self.unet = unet
        self.in_channels = int(unet.config.in_channels)
        self.out_channels = int(unet.config.out_channels)

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(channels, height, width) of the images it was made for."""
        size = self.unet.config.sample_size
        height, width = (size, size) if isinstance(size, int) else tuple(size)
        return (self.in_channels, int(height), int(width))

    def config(self) -> None:  # type: ignore[override]
        """None: made by diffusers from its own folder, not by ``build_model`` (so not a diffviz checkpoint)."""
        return None

    def forward(self, x: torch.Tensor, timestep: torch.Tensor | None = None) -> torch.Tensor:  # type: ignore[override]
        if timestep is None:
            raise TypeError("this UNet2DModel needs the timestep: model(x, t)")
        return self.unet(x, timestep).sample
