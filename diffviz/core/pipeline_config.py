"""What a pipeline folder's configs may say, checked before diffusers builds anything.

Why a table of rules: diffusers builds whatever a config asks for, and only then finds out it cannot. Mutating
the configs of a small, valid folder found a ``sample_size`` list of three that crashed with a traceback and a
``layers_per_block`` of 2**63 that took minutes and gigabytes before it was refused. So every key that diffviz or
diffusers reads from ``unet/config.json`` and ``scheduler/scheduler_config.json`` has a rule here (its kind and
bounds, and the default diffusers uses when the key is missing), the keys are checked against each other (as
many channel counts as blocks, channels that the norm's groups divide, an image size the down-sampling halves
evenly), and the config handed to diffusers holds only the checked keys: a key no rule names is left out, as
diffusers itself would ignore it, so nothing unchecked reaches it. Each refusal names the file and the key.

The bounds are far above any model a learner trains on a laptop (the course's has 3 blocks of at most 128
channels, 2 layers each) and far below a memory bomb; the weights' own size limit (``pipelines``) bounds the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from diffviz.core import i18n
from diffviz.core.errors import CheckpointError

MAX_SAMPLE_SIZE = 256      # 128 px is the largest the views are made for; 256 leaves room, a typo does not
MAX_TIMESTEPS = 10_000
MAX_BLOCKS = 6             # each block halves the image: 6 take 256 px to 8 px
MAX_LAYERS_PER_BLOCK = 8
MAX_CHANNELS = 2048
MAX_SHOWN = 60             # characters of a refused value quoted back


def shown(value: Any) -> str:
    """A value quoted in a refusal, cut short: a config can hold a megabyte of list."""
    return cut(repr(value))


def cut(text: str) -> str:
    """A name from a file, cut short for a one-line message."""
    text = str(text)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


@dataclass(frozen=True)
class Whole:
    """A whole number (never a bool) from ``low`` to ``high``."""

    low: int
    high: int

    def holds(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high

    @property
    def wants(self) -> str:
        return i18n.tr("a whole number from {low} to {high}").format(low=self.low, high=self.high)


@dataclass(frozen=True)
class Number:
    """A finite number (a whole one too, never a bool) above ``low`` (or at it, when ``closed``) and at most
    ``high``."""

    low: float
    high: float
    closed: bool = True

    def holds(self, value: Any) -> bool:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        value = float(value)
        above = value >= self.low if self.closed else value > self.low
        return math.isfinite(value) and above and value <= self.high

    @property
    def wants(self) -> str:
        if self.closed:
            return i18n.tr("a number from {low:g} to {high:g}").format(low=self.low, high=self.high)
        return i18n.tr("a number above {low:g} and at most {high:g}").format(low=self.low, high=self.high)


@dataclass(frozen=True)
class Flag:
    """true or false."""

    def holds(self, value: Any) -> bool:
        return isinstance(value, bool)

    @property
    def wants(self) -> str:
        return i18n.tr("true or false")


@dataclass(frozen=True)
class OneOf:
    """One of a few names."""

    choices: tuple[str, ...]

    def holds(self, value: Any) -> bool:
        return isinstance(value, str) and value in self.choices

    @property
    def wants(self) -> str:
        return i18n.tr("one of {choices}").format(choices=", ".join(self.choices))


@dataclass(frozen=True)
class Maybe:
    """null, or what ``rule`` allows."""

    rule: Any

    def holds(self, value: Any) -> bool:
        return value is None or self.rule.holds(value)

    @property
    def wants(self) -> str:
        return i18n.tr("null or {rule}").format(rule=self.rule.wants)


@dataclass(frozen=True)
class ListOf:
    """A list of ``shortest`` to ``longest`` items, each as ``rule`` allows."""

    rule: Any
    shortest: int
    longest: int

    def holds(self, value: Any) -> bool:
        return isinstance(value, (list, tuple)) and self.shortest <= len(value) <= self.longest and \
            all(self.rule.holds(item) for item in value)

    @property
    def wants(self) -> str:
        return i18n.tr("a list of {shortest} to {longest} items, each {rule}").format(
            shortest=self.shortest, longest=self.longest, rule=self.rule.wants)


@dataclass(frozen=True)
class SampleSize:
    """The image size: one whole number, or [height, width] (diffviz shows square images)."""

    side: Whole

    def holds(self, value: Any) -> bool:
        if isinstance(value, (list, tuple)):
            return len(value) == 2 and all(self.side.holds(v) for v in value) and value[0] == value[1]
        return self.side.holds(value)

    @property
    def wants(self) -> str:
        return i18n.tr("{side}, or a list of two equal ones (diffviz shows square images)").format(
            side=self.side.wants)


# the blocks of an unconditional UNet2DModel -> whether they hold self-attention (whose heads must fit their channels)
DOWN_BLOCKS = {"DownBlock2D": False, "AttnDownBlock2D": True, "ResnetDownsampleBlock2D": False,
               "SkipDownBlock2D": False, "AttnSkipDownBlock2D": True}
UP_BLOCKS = {"UpBlock2D": False, "AttnUpBlock2D": True, "ResnetUpsampleBlock2D": False, "SkipUpBlock2D": False,
             "AttnSkipUpBlock2D": True}
CHANNELS = Whole(1, MAX_CHANNELS)

# key -> (rule, what diffusers' UNet2DModel takes when the key is missing); tests/test_pipeline_config.py holds the
# defaults to diffusers' own signature, so the two cannot drift apart
UNET_RULES: dict[str, tuple[Any, Any]] = {
    "sample_size": (SampleSize(Whole(8, MAX_SAMPLE_SIZE)), None),
    "in_channels": (Whole(1, 3), 3),
    "out_channels": (Whole(1, 3), 3),
    "center_input_sample": (Flag(), False),
    "time_embedding_type": (OneOf(("positional", "fourier", "learned")), "positional"),
    "time_embedding_dim": (Maybe(Whole(1, 4 * MAX_CHANNELS)), None),
    "freq_shift": (Whole(0, MAX_TIMESTEPS), 0),
    "flip_sin_to_cos": (Flag(), True),
    "down_block_types": (ListOf(OneOf(tuple(DOWN_BLOCKS)), 1, MAX_BLOCKS),
                         ("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D")),
    "mid_block_type": (Maybe(OneOf(("UNetMidBlock2D",))), "UNetMidBlock2D"),
    "up_block_types": (ListOf(OneOf(tuple(UP_BLOCKS)), 1, MAX_BLOCKS),
                       ("AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D")),
    "block_out_channels": (ListOf(CHANNELS, 1, MAX_BLOCKS), (224, 448, 672, 896)),
    "layers_per_block": (Whole(1, MAX_LAYERS_PER_BLOCK), 2),
    "mid_block_scale_factor": (Number(0.0, 100.0, closed=False), 1),
    "downsample_padding": (Whole(0, 4), 1),
    "downsample_type": (OneOf(("conv", "resnet")), "conv"),
    "upsample_type": (OneOf(("conv", "resnet")), "conv"),
    "dropout": (Number(0.0, 1.0), 0.0),
    "act_fn": (OneOf(("silu", "swish", "mish", "gelu", "relu")), "silu"),
    "attention_head_dim": (Maybe(CHANNELS), 8),
    "norm_num_groups": (CHANNELS, 32),
    "attn_norm_num_groups": (Maybe(CHANNELS), None),
    "norm_eps": (Number(0.0, 1.0, closed=False), 1e-05),
    "resnet_time_scale_shift": (OneOf(("default", "scale_shift")), "default"),
    "add_attention": (Flag(), True),
    "num_train_timesteps": (Maybe(Whole(1, MAX_TIMESTEPS)), None),
}

CLASS_KEYS = ("class_embed_type", "num_class_embeds")  # a class-conditioned UNet: not an unconditional pipeline's

BETA = Number(0.0, 1.0, closed=False)
SCHEDULER_RULES: dict[str, tuple[Any, Any]] = {  # DDPMScheduler's keys: the process and every sampler start from it
    "num_train_timesteps": (Whole(2, MAX_TIMESTEPS), 1000),
    "beta_start": (BETA, 0.0001),
    "beta_end": (BETA, 0.02),
    # sigmoid is DDPM's alone: DDIM, DPM-Solver++ and Euler, made from the same config, do not know it
    "beta_schedule": (OneOf(("linear", "scaled_linear", "squaredcos_cap_v2")), "linear"),
    "trained_betas": (Maybe(ListOf(Number(0.0, 1.0, closed=False), 2, MAX_TIMESTEPS)), None),
    # the "learned" variances need a model that also predicts them (twice the channels out), which diffviz refuses
    "variance_type": (OneOf(("fixed_small", "fixed_small_log", "fixed_large", "fixed_large_log")), "fixed_small"),
    "clip_sample": (Flag(), True),
    "prediction_type": (OneOf(("epsilon", "sample", "v_prediction")), "epsilon"),
    "thresholding": (Flag(), False),
    "dynamic_thresholding_ratio": (Number(0.0, 1.0, closed=False), 0.995),
    "clip_sample_range": (Number(0.0, 1000.0, closed=False), 1.0),
    "sample_max_value": (Number(0.0, 1000.0, closed=False), 1.0),
    "timestep_spacing": (OneOf(("linspace", "leading", "trailing")), "leading"),
    "steps_offset": (Whole(0, MAX_TIMESTEPS), 0),
    "rescale_betas_zero_snr": (Flag(), False),
}


def checked(config: dict[str, Any], rules: dict[str, tuple[Any, Any]], where: str) -> dict[str, Any]:
    """Every rule's key with its value (the file's, else the default), each value as its rule allows; raise
    CheckpointError naming ``where`` and the first key that breaks its rule. Keys no rule names are left out."""
    values = {}
    for key, (rule, default) in rules.items():
        value = config.get(key, default)
        if not rule.holds(value):
            raise CheckpointError(i18n.tr("{where}: {key} is {value}; diffviz opens {wants}").format(
                where=where, key=key, value=shown(value), wants=rule.wants))
        values[key] = list(value) if isinstance(value, tuple) else value
    return values


def checked_unet_config(config: dict[str, Any], where: str) -> dict[str, Any]:
    """A UNet2DModel config that diffusers can build and diffviz can show, or CheckpointError naming the key."""
    if any(config.get(key) is not None for key in CLASS_KEYS):
        raise CheckpointError(i18n.tr("{where}: the UNet is told a class ({keys}); diffviz opens unconditional "
                                      "pipelines (DDPMPipeline)").format(where=where, keys=", ".join(CLASS_KEYS)))
    unet = checked(config, UNET_RULES, where)
    if unet["sample_size"] is None:
        raise CheckpointError(i18n.tr("{where}: sample_size is missing; diffviz needs the size of the model's "
                                      "images").format(where=where))
    if unet["out_channels"] != unet["in_channels"] or unet["in_channels"] == 2:
        raise CheckpointError(i18n.tr("{where}: the UNet maps %n channel(s) to {out}; diffviz shows grey (1) or "
                                      "colour (3) images in and out", None, unet["in_channels"]).format(
                                          where=where, out=unet["out_channels"]))
    blocks = len(unet["block_out_channels"])
    for key in ("down_block_types", "up_block_types"):
        if len(unet[key]) != blocks:
            raise CheckpointError(i18n.tr("{where}: {key} lists %n block(s) but block_out_channels gives channels "
                                          "for {blocks}; they must match", None, len(unet[key])).format(
                                              where=where, key=key, blocks=blocks))
    for key in ("norm_num_groups", "attn_norm_num_groups"):
        groups = unet[key]
        uneven = [c for c in unet["block_out_channels"] if groups is not None and c % groups]
        if uneven:
            raise CheckpointError(i18n.tr("{where}: {key} is {groups}, which does not divide the block channels "
                                          "{uneven} (a group norm splits channels into equal groups)").format(
                                              where=where, key=key, groups=groups, uneven=shown(uneven)))
    head = unet["attention_head_dim"]
    channels = unet["block_out_channels"]
    attended = [c for c, kind in zip(channels, unet["down_block_types"]) if DOWN_BLOCKS[kind]] + \
        [c for c, kind in zip(reversed(channels), unet["up_block_types"]) if UP_BLOCKS[kind]] + \
        ([channels[-1]] if unet["mid_block_type"] is not None and unet["add_attention"] else [])
    if head is not None and attended and head > min(attended):
        raise CheckpointError(i18n.tr("{where}: attention_head_dim is {head}, more than the %n channel(s) of a "
                                      "block with self-attention (no attention head would fit)", None,
                                      min(attended)).format(where=where, head=head))
    if unet["time_embedding_type"] == "learned" and unet["num_train_timesteps"] is None:
        raise CheckpointError(i18n.tr("{where}: a learned time embedding needs num_train_timesteps").format(
            where=where))
    size = unet["sample_size"] if isinstance(unet["sample_size"], int) else unet["sample_size"][0]
    halvings = 2 ** (blocks - 1)
    if size % halvings:
        raise CheckpointError(i18n.tr("{where}: sample_size {size} cannot be halved evenly by the %n "
                                      "down-sampling block(s) (it must be a multiple of {halvings})", None,
                                      blocks - 1).format(where=where, size=size, halvings=halvings))
    return unet


def checked_scheduler_config(config: dict[str, Any], where: str) -> dict[str, Any]:
    """A DDPMScheduler config every sampler of diffviz can start from, or CheckpointError naming the key."""
    scheduler = checked(config, SCHEDULER_RULES, where)
    betas = scheduler["trained_betas"]
    if betas is not None and len(betas) != scheduler["num_train_timesteps"]:
        raise CheckpointError(i18n.tr("{where}: trained_betas holds %n beta(s) for num_train_timesteps {steps}; "
                                      "there must be one per timestep", None, len(betas)).format(
                                          where=where, steps=scheduler["num_train_timesteps"]))
    if scheduler["steps_offset"] >= scheduler["num_train_timesteps"]:
        raise CheckpointError(i18n.tr("{where}: steps_offset {offset} is not below num_train_timesteps "
                                      "{steps}").format(where=where, offset=scheduler["steps_offset"],
                                                        steps=scheduler["num_train_timesteps"]))
    return scheduler
