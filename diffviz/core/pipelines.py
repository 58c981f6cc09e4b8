"""A learner's own diffusers pipeline folder, opened like a checkpoint.

Why: the course's "Introduction to diffusers" notebook ends with ``pipeline.save_pretrained(folder)``:
a ``model_index.json``, ``unet/config.json`` with ``unet/diffusion_pytorch_model.safetensors``, and
``scheduler/scheduler_config.json``. diffviz opens that folder and shows the learner's model as it
shows its own: the UNet2DModel wrapped as ``models.unet2d.PipelineUNet``, its scheduler's config as
a ``processes.SchedulerProcess`` (betas, timesteps, what the model predicts), and a recipe made from
both and registered for the session (``recipes.register_loaded``), so every sampler of DDPM models,
the Edit lab and the exports work on it.

Safety, in order, before anything is built: the folder's JSON files are read by us and checked (a
pipeline we can show, a ``UNet2DModel``, a scheduler diffusers has, and every config value diffviz or
diffusers reads, by the rules of ``pipeline_config``); the weights must be safetensors (a folder holding
only ``.bin`` / ``.pt`` pickles is refused with the line that re-saves it safely). Then the network is
built on torch's meta device, which allocates nothing: its size is checked and one forward pass at the
folder's image size proves the shapes fit. The weight file's header is read and held to that network,
every tensor name, shape and kind, and only then are the weights read, straight into the network (no
random initialisation first), so a damaged file is refused with the names at fault and never opened with
parts left random, as diffusers' own ``from_pretrained`` would (it warns on stderr and goes on). Nothing is
unpickled, nothing is fetched from a hub, and whatever a folder does, the caller gets a ``CheckpointError``
with one line naming it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diffviz.core import i18n
from diffviz.core.errors import CheckpointError, DiffvizError, UnforeseenFileError
from diffviz.core.pipeline_config import checked_scheduler_config, checked_unet_config, cut

SHOWN_PIPELINES = ("DDPMPipeline", "DDIMPipeline")  # an unconditional UNet2DModel and a scheduler: nothing else
SCHEDULER_SAMPLERS = {  # the scheduler a folder names -> the sampler its model is drawn with by default
    "DDPMScheduler": "ddpm", "DDIMScheduler": "ddim", "DPMSolverMultistepScheduler": "dpm-solver++",
    "EulerDiscreteScheduler": "euler", "PNDMScheduler": "ddim", "EulerAncestralDiscreteScheduler": "euler",
    "DEISMultistepScheduler": "dpm-solver++", "UniPCMultistepScheduler": "dpm-solver++",
}
MAX_WEIGHTS_BYTES = 1024**3    # the course's butterflies model is ~70 MB
WEIGHT_DTYPES = ("F16", "BF16", "F32", "F64")  # safetensors' names of the float kinds; all are read as fp32
# the attention layers' names before diffusers 0.15 (query, key, value, proj_attn) -> today's
DEPRECATED_ATTENTION = {"query": "to_q", "key": "to_k", "value": "to_v", "proj_attn": "to_out.0"}
MAX_JSON_BYTES = 1024**2
PICKLED_WEIGHTS = ("diffusion_pytorch_model.bin", "pytorch_model.bin", "diffusion_pytorch_model.pt",
                   "model.pt", "model.pth")
WEIGHTS = "diffusion_pytorch_model.safetensors"


@dataclass(frozen=True)
class PipelineFolder:
    """What a pipeline folder says about itself, checked; no weights read."""

    root: Path
    pipeline: str
    scheduler_class: str
    unet_config: dict[str, Any]
    scheduler_config: dict[str, Any]

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(channels, height, width): the configs are checked (``pipeline_config``), so these are whole numbers."""
        size = self.unet_config["sample_size"]
        height, width = (size, size) if isinstance(size, int) else tuple(size)
        return int(self.unet_config["in_channels"]), int(height), int(width)

    @property
    def name(self) -> str:
        return f"diffusers:{self.root.name}"


def is_pipeline_path(path: str | Path) -> bool:
    """A folder with a ``model_index.json``, or that file itself."""
    path = Path(path)
    return (path.is_dir() and (path / "model_index.json").is_file()) or path.name == "model_index.json"


def _read_json(path: Path, what: str) -> dict[str, Any]:
    """The JSON object in ``path``; ``what`` (translated) names the file in a refusal."""
    if not path.is_file():
        raise CheckpointError(i18n.tr("{what} is missing: expected {path}").format(what=what, path=path))
    if path.stat().st_size > MAX_JSON_BYTES:
        raise CheckpointError(i18n.tr("{path} is too large for {what} ({size:,} bytes)").format(
            path=path, what=what, size=path.stat().st_size))
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:  # [[[[...]]]] nested deeper than Python's stack
        raise CheckpointError(i18n.tr("{path} is not valid JSON (nested too deeply)").format(path=path)) from None
    except (OSError, ValueError) as exc:  # JSONDecodeError, bad UTF-8, a number with too many digits
        raise CheckpointError(i18n.tr("{path} is not valid JSON ({error})").format(
            path=path, error=str(exc)[:200])) from None
    if not isinstance(value, dict):
        raise CheckpointError(i18n.tr("{path} should hold a JSON object, not {kind}").format(
            path=path, kind=type(value).__name__))
    return value


def _component(index: dict[str, Any], name: str, root: Path) -> str:
    entry = index.get(name)
    if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(part, str) for part in entry)):
        raise CheckpointError(i18n.tr("{index} names no {name} (expected [\"diffusers\", class])").format(
            index=root / "model_index.json", name=name))
    if entry[0] != "diffusers":
        raise CheckpointError(i18n.tr("{index}: the pipeline's {name} comes from {source}; diffviz opens "
                                      "diffusers' own classes").format(
                                          index=root / "model_index.json", name=name, source=cut(entry[0])))
    return entry[1]


def read_pipeline_folder(path: str | Path) -> PipelineFolder:
    """Check a pipeline folder (or its ``model_index.json``) without loading weights; refuse with one line."""
    root = Path(path)
    root = root.parent if root.name == "model_index.json" else root
    if not root.is_dir():
        raise CheckpointError(i18n.tr("{root} is not a folder").format(root=root))
    index = _read_json(root / "model_index.json", i18n.tr("the pipeline's model_index.json"))
    pipeline = index.get("_class_name")
    if pipeline not in SHOWN_PIPELINES:
        parts = cut(", ".join(sorted(key for key, value in index.items()
                                     if not key.startswith("_") and isinstance(value, list))))
        if pipeline:
            refusal = i18n.tr("{folder} holds a {pipeline} pipeline ({parts}); diffviz opens {first} and {second} "
                              "folders: an unconditional UNet2DModel with a scheduler")
        else:
            refusal = i18n.tr("{folder} holds a nameless pipeline ({parts}); diffviz opens {first} and {second} "
                              "folders: an unconditional UNet2DModel with a scheduler")
        first, second = SHOWN_PIPELINES
        raise CheckpointError(refusal.format(folder=root.name, pipeline=cut(pipeline), parts=parts, first=first,
                                             second=second))
    unet_class = _component(index, "unet", root)
    if unet_class != "UNet2DModel":
        raise CheckpointError(i18n.tr("the pipeline's unet is a {unet}; diffviz opens a UNet2DModel").format(
            unet=cut(unet_class)))
    scheduler_class = _component(index, "scheduler", root)
    if scheduler_class not in SCHEDULER_SAMPLERS:
        raise CheckpointError(i18n.tr("the pipeline's scheduler is a {scheduler}; diffviz reads {known}").format(
            scheduler=cut(scheduler_class), known=", ".join(SCHEDULER_SAMPLERS)))
    unet_path, scheduler_path = root / "unet" / "config.json", root / "scheduler" / "scheduler_config.json"
    unet_config = checked_unet_config(_read_json(unet_path, i18n.tr("the UNet's config")), str(unet_path))
    scheduler_config = checked_scheduler_config(_read_json(scheduler_path, i18n.tr("the scheduler's config")),
                                                str(scheduler_path))
    weights = root / "unet" / WEIGHTS
    if not weights.is_file():
        pickled = [name for name in PICKLED_WEIGHTS if (root / "unet" / name).is_file()]
        if pickled:
            raise CheckpointError(i18n.tr(
                "{folder}/unet holds only {file} (a pickle, which can run code when loaded); diffviz loads "
                "safetensors only. Re-save it safely in Python: "
                "pipeline.save_pretrained(folder, safe_serialization=True)").format(folder=root.name, file=pickled[0]))
        raise CheckpointError(i18n.tr("the UNet's weights are missing: expected {path}").format(path=weights))
    if weights.stat().st_size > MAX_WEIGHTS_BYTES:
        raise CheckpointError(i18n.tr("{path} is {size:.0f} MB, above the {limit:.0f} MB limit").format(
            path=weights, size=weights.stat().st_size / 2**20, limit=MAX_WEIGHTS_BYTES / 2**20))
    return PipelineFolder(root=root, pipeline=str(pipeline), scheduler_class=scheduler_class,
                          unet_config=unet_config, scheduler_config=scheduler_config)


def _refusal(where: Path, problem: str) -> CheckpointError:
    """A refusal naming the file at fault; ``problem`` is a whole clause, already translated."""
    return CheckpointError(i18n.tr("{where}: {problem}").format(where=where, problem=problem))


def build_unet(folder: PipelineFolder, device: str = "meta"):
    """The folder's UNet2DModel built from its checked config on ``device``. On the meta device nothing is
    allocated: the size is measured and one forward pass at the folder's image size proves its shapes fit
    before any memory is spent; refusals name the config file."""
    import torch
    from diffusers import UNet2DModel

    where = folder.root / "unet" / "config.json"
    try:
        with torch.device(device):
            unet = UNet2DModel.from_config(dict(folder.unet_config))
    except Exception as exc:  # the rules let through something diffusers cannot build: still one line
        raise _refusal(where, i18n.tr("diffusers cannot build this UNet ({error})").format(
            error=_first_line(exc))) from None
    if device == "meta":
        size = sum(parameter.numel() for parameter in unet.parameters()) * 4
        if size > MAX_WEIGHTS_BYTES:
            raise _refusal(where, i18n.tr("this UNet would need {size:,.0f} MB of weights, above the {limit:.0f} MB "
                                          "limit").format(size=size / 2**20, limit=MAX_WEIGHTS_BYTES / 2**20))
        channels, height, width = folder.image_shape
        try:
            with torch.no_grad():
                out = unet(torch.empty((1, channels, height, width), device="meta"),
                           torch.zeros(1, device="meta")).sample
        except Exception as exc:
            raise _refusal(where, i18n.tr("this UNet does not run on {height}x{width} images ({error})").format(
                height=height, width=width, error=_first_line(exc))) from None
        if tuple(out.shape) != (1, channels, height, width):
            raise _refusal(where, i18n.tr("this UNet turns {height}x{width} images into {shape}").format(
                height=height, width=width, shape=tuple(out.shape[1:])))
    return unet


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def _current_name(name: str) -> str:
    """A tensor's name as today's diffusers calls it (attention layers were renamed in 0.15)."""
    head, _, tail = name.rpartition(".")  # ...attentions.0.query.weight -> (...attentions.0.query, weight)
    block, _, layer = head.rpartition(".")
    if ".attentions." in f".{block}." and layer in DEPRECATED_ATTENTION:
        return f"{block}.{DEPRECATED_ATTENTION[layer]}.{tail}"
    return name


def read_weights(folder: PipelineFolder, unet) -> dict:
    """The UNet's weights from the folder's safetensors file, held to ``unet`` (built on the meta device) before
    any tensor is read: every name, shape and kind must be there and fit, nothing more; returned as fp32."""
    import torch
    from safetensors import safe_open

    from diffviz.core.checkpoints import describe_mismatch

    path = folder.root / "unet" / WEIGHTS
    expected = {name: tuple(tensor.shape) for name, tensor in unet.state_dict().items()}
    try:
        with safe_open(str(path), framework="pt", device="cpu") as reader:
            names = {_current_name(name): name for name in reader.keys()}
            found = {}
            for current, name in names.items():
                piece = reader.get_slice(name)
                if piece.get_dtype() not in WEIGHT_DTYPES:
                    raise _refusal(path, i18n.tr("{name} holds {dtype} values; a UNet's weights are floats "
                                                 "({dtypes})").format(name=cut(name), dtype=piece.get_dtype(),
                                                                      dtypes=", ".join(WEIGHT_DTYPES)))
                found[current] = tuple(piece.get_shape())
            problem = describe_mismatch(expected, found)
            if problem:
                raise _refusal(path, i18n.tr("the weights do not fit the UNet its config describes: {problem}"
                                             ).format(problem=problem))
            tensors = {current: reader.get_tensor(name).to(torch.float32) for current, name in names.items()}
    except DiffvizError:
        raise
    except BaseException as exc:  # safetensors' Rust side can raise a PanicException (a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _refusal(path, i18n.tr("not a valid safetensors file ({error})").format(
            error=_first_line(exc))) from None
    for name, tensor in tensors.items():
        if not torch.isfinite(tensor).all():
            raise _refusal(path, i18n.tr("NaN or infinite values in {name}").format(name=name))
    return tensors


def load_pipeline(path: str | Path):
    """(model, CheckpointInfo, Recipe) for a pipeline folder: the UNet built from its checked config and filled
    with its weights, whole (``read_weights``), the recipe registered for the session under the folder's name
    (``diffusers:<folder>``). Whatever the folder holds, a refusal is a CheckpointError naming it."""
    try:
        return _load_pipeline(path)
    except DiffvizError:
        raise
    except Exception as exc:  # a way of failing no check foresaw: still one line naming the folder, never a
        # traceback (``__cause__`` keeps what happened, and the fuzzing counts these apart: each is a check to add)
        raise UnforeseenFileError(i18n.tr("cannot open the pipeline folder {path} ({kind}: {error})").format(
            path=path, kind=type(exc).__name__, error=_first_line(exc))) from exc


def _load_pipeline(path: str | Path):
    from diffviz.core.checkpoints import CheckpointInfo
    from diffviz.core.models.unet2d import PipelineUNet
    from diffviz.core.processes import SchedulerProcess
    from diffviz.core.recipes import Recipe, register_loaded

    folder = read_pipeline_folder(path)
    unet = build_unet(folder)
    tensors = read_weights(folder, unet)
    unet.load_state_dict(tensors, strict=True, assign=True)  # every tensor replaced: none is left on meta
    left = [name for name, tensor in [*unet.named_parameters(), *unet.named_buffers()] if tensor.is_meta]
    if left:
        raise _refusal(folder.root / "unet" / WEIGHTS, i18n.tr("nothing in the weights fills {names}").format(
            names=cut(", ".join(left))))
    unet.eval()
    model = PipelineUNet(unet).eval()
    process = SchedulerProcess(key=folder.name, title=i18n.tr("{name}: {scheduler}'s schedule").format(
                                   name=folder.name, scheduler=folder.scheduler_class),
                               beta_schedule="linear", config=dict(folder.scheduler_config))
    check_schedule(process, folder.root / "scheduler" / "scheduler_config.json")
    channels, height, width = folder.image_shape
    recipe = register_loaded(Recipe(
        name=folder.name, architecture="PipelineUNet", process=process, conditioned=True, lr=1e-4, warmup_steps=0,
        ema_decay=None, sampler=SCHEDULER_SAMPLERS[folder.scheduler_class],
        summary=i18n.tr("{pipeline} from {root}: UNet2DModel, %n channel(s), {height}x{width}, {scheduler}, "
                        "predicts {target}", None, channels).format(
                            pipeline=folder.pipeline, root=folder.root, height=height, width=width,
                            scheduler=folder.scheduler_class, target=i18n.tr(process.target_name))))
    info = CheckpointInfo(architecture="PipelineUNet", model_config={}, recipe=recipe.name,
                          training={"data": f"{folder.pipeline} folder {folder.root.name}",
                                    "digits": False})  # what it learnt is unknown: the meter does not judge it
    info.hyperparameters["image"] = f"{channels}x{height}x{width}"
    return model, info, recipe


def check_schedule(process, where: Path) -> None:
    """The schedule the scheduler's config makes, built now rather than at the first sampling step: every ᾱ must
    be a number above 0 and at most 1, or the samplers would divide by zero on the way back."""
    import torch

    try:
        alpha_bars = process.alpha_bars()
    except Exception as exc:
        raise _refusal(where, i18n.tr("diffusers cannot make this schedule ({error})").format(
            error=_first_line(exc))) from None
    if not (torch.isfinite(alpha_bars).all() and (alpha_bars > 0).all() and (alpha_bars <= 1).all()):
        raise _refusal(where, i18n.tr("its betas leave no signal at the end of the schedule (ᾱ reaches 0), so no "
                                      "sampler could walk back from it"))


def can_export(model, recipe) -> bool:
    """Whether ``export_pipeline`` can write ``model`` (made by ``recipe``): a UNet2DModel (held as ``model.unet``)
    trained on a DDPM schedule, as the ddpm-unet2d recipe's models and opened pipeline folders are. Cheap: the
    window asks it before it asks for a folder."""
    from diffviz.core.processes import DDPMProcess

    return getattr(model, "unet", None) is not None and isinstance(recipe.process, DDPMProcess)


def export_refusal(model, recipe) -> str:
    """Why ``model`` cannot be exported (``can_export`` is False), in one translated line."""
    return i18n.tr("a {recipe} model ({kind}) is not a UNet2DModel trained on a DDPM schedule, so diffusers' "
                   "DDPMPipeline cannot run it: the ddpm-unet2d recipe's models (and opened pipeline folders) "
                   "export").format(recipe=recipe.name, kind=type(model).__name__)


def export_pipeline(model, recipe, out: str | Path) -> Path:
    """Write a diffviz model as a diffusers ``DDPMPipeline`` folder that ``DDPMPipeline.from_pretrained(out)``
    loads: its UNet2DModel (safetensors) and a ``DDPMScheduler`` with the recipe's own betas. Only models that
    are a UNet2DModel trained on a DDPM schedule can be (the ddpm-unet2d recipe's, or an opened pipeline's); the
    folder is written beside ``out`` and moved into place whole, and an existing ``out`` is never overwritten."""
    import os
    import shutil
    import tempfile

    if not can_export(model, recipe):
        raise CheckpointError(export_refusal(model, recipe))
    unet = model.unet
    out = Path(out)
    if out.exists():
        raise CheckpointError(i18n.tr("{out} already exists: choose a new folder for the pipeline").format(out=out))
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise CheckpointError(i18n.tr("cannot write {out}: the folder {parent} does not exist or is not "
                                      "writable").format(out=out, parent=out.parent))
    from diffusers import DDPMPipeline, DDPMScheduler

    scheduler = DDPMScheduler.from_config(recipe.process.scheduler_config())
    partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        DDPMPipeline(unet=unet, scheduler=scheduler).save_pretrained(str(partial), safe_serialization=True)
        os.replace(partial, out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return out
