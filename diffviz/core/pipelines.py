"""A learner's own diffusers pipeline folder, opened like a checkpoint.

Why: the course's "Introduction to diffusers" notebook ends with ``pipeline.save_pretrained(folder)``:
a ``model_index.json``, ``unet/config.json`` with ``unet/diffusion_pytorch_model.safetensors``, and
``scheduler/scheduler_config.json``. diffviz opens that folder and shows the learner's model as it
shows its own: the UNet2DModel wrapped as ``models.unet2d.PipelineUNet``, its scheduler's config as
a ``processes.SchedulerProcess`` (betas, timesteps, what the model predicts), and a recipe made from
both and registered for the session (``recipes.register_loaded``), so every sampler of DDPM models,
the Edit lab and the exports work on it.

Safety, in order, before diffusers reads anything: the folder's JSON files are read by us and
checked (a pipeline we can show, a ``UNet2DModel``, a scheduler diffusers has, sizes within caps);
the weights must be safetensors (a folder holding only ``.bin`` / ``.pt`` pickles is refused with the
line that re-saves it safely); then diffusers loads the UNet with ``use_safetensors=True`` and
``local_files_only=True``, so nothing is unpickled and nothing is fetched from a hub.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diffviz.core.errors import CheckpointError

SHOWN_PIPELINES = ("DDPMPipeline", "DDIMPipeline")  # an unconditional UNet2DModel and a scheduler: nothing else
SCHEDULER_SAMPLERS = {  # the scheduler a folder names -> the sampler its model is drawn with by default
    "DDPMScheduler": "ddpm", "DDIMScheduler": "ddim", "DPMSolverMultistepScheduler": "dpm-solver++",
    "EulerDiscreteScheduler": "euler", "PNDMScheduler": "ddim", "EulerAncestralDiscreteScheduler": "euler",
    "DEISMultistepScheduler": "dpm-solver++", "UniPCMultistepScheduler": "dpm-solver++",
}
IMAGE_CHANNELS = (1, 3)
MAX_SAMPLE_SIZE = 256          # 128 px is the largest the views are made for; 256 leaves room, a typo does not
MAX_TIMESTEPS = 10_000
MAX_WEIGHTS_BYTES = 1024**3    # the course's butterflies model is ~70 MB
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
        size = self.unet_config.get("sample_size", 32)
        height, width = (size, size) if isinstance(size, int) else tuple(size)
        return int(self.unet_config.get("in_channels", 3)), int(height), int(width)

    @property
    def name(self) -> str:
        return f"diffusers:{self.root.name}"


def is_pipeline_path(path: str | Path) -> bool:
    """A folder with a ``model_index.json``, or that file itself."""
    path = Path(path)
    return (path.is_dir() and (path / "model_index.json").is_file()) or path.name == "model_index.json"


def _read_json(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise CheckpointError(f"{what} is missing: expected {path}")
    if path.stat().st_size > MAX_JSON_BYTES:
        raise CheckpointError(f"{path} is too large for {what} ({path.stat().st_size:,} bytes)")
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"{path} is not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise CheckpointError(f"{path} should hold a JSON object, not {type(value).__name__}")
    return value


def _component(index: dict[str, Any], name: str, root: Path) -> str:
    entry = index.get(name)
    if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(part, str) for part in entry)):
        raise CheckpointError(f"{root / 'model_index.json'} names no {name} (expected [\"diffusers\", class])")
    if entry[0] != "diffusers":
        raise CheckpointError(f"the pipeline's {name} comes from {entry[0]!r}; diffviz opens diffusers' own classes")
    return entry[1]


def _whole(value: Any, what: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CheckpointError(f"the UNet's {what} is {value!r}; diffviz shows {low} to {high}")
    return value


def read_pipeline_folder(path: str | Path) -> PipelineFolder:
    """Check a pipeline folder (or its ``model_index.json``) without loading weights; refuse with one line."""
    root = Path(path)
    root = root.parent if root.name == "model_index.json" else root
    if not root.is_dir():
        raise CheckpointError(f"{root} is not a folder")
    index = _read_json(root / "model_index.json", "the pipeline's model_index.json")
    pipeline = index.get("_class_name")
    if pipeline not in SHOWN_PIPELINES:
        parts = sorted(key for key, value in index.items() if not key.startswith("_") and isinstance(value, list))
        raise CheckpointError(f"{root.name} holds a {pipeline or 'nameless'} pipeline ({', '.join(parts)}); diffviz "
                              f"opens {' and '.join(SHOWN_PIPELINES)} folders: an unconditional UNet2DModel with a "
                              "scheduler")
    unet_class = _component(index, "unet", root)
    if unet_class != "UNet2DModel":
        raise CheckpointError(f"the pipeline's unet is a {unet_class}; diffviz opens a UNet2DModel")
    scheduler_class = _component(index, "scheduler", root)
    if scheduler_class not in SCHEDULER_SAMPLERS:
        raise CheckpointError(f"the pipeline's scheduler is a {scheduler_class}; diffviz reads "
                              f"{', '.join(SCHEDULER_SAMPLERS)}")
    unet_config = _read_json(root / "unet" / "config.json", "the UNet's config")
    scheduler_config = _read_json(root / "scheduler" / "scheduler_config.json", "the scheduler's config")
    _whole(unet_config.get("in_channels", 3), "number of input channels", 1, 3)
    if unet_config.get("in_channels", 3) not in IMAGE_CHANNELS or \
            unet_config.get("out_channels", 3) != unet_config.get("in_channels", 3):
        raise CheckpointError(f"the UNet maps {unet_config.get('in_channels')} channels to "
                              f"{unet_config.get('out_channels')}; diffviz shows grey (1) or colour (3) images "
                              "in and out")
    size = unet_config.get("sample_size", 32)
    for side in (size if isinstance(size, (list, tuple)) else [size]):
        _whole(side, "sample size", 8, MAX_SAMPLE_SIZE)
    _whole(scheduler_config.get("num_train_timesteps", 1000), "scheduler's number of timesteps", 2, MAX_TIMESTEPS)
    if unet_config.get("class_embed_type") is not None or unet_config.get("num_class_embeds") is not None:
        raise CheckpointError("the UNet is told a class; diffviz opens unconditional pipelines (DDPMPipeline)")
    weights = root / "unet" / WEIGHTS
    if not weights.is_file():
        pickled = [name for name in PICKLED_WEIGHTS if (root / "unet" / name).is_file()]
        if pickled:
            raise CheckpointError(
                f"{root.name}/unet holds only {pickled[0]} (a pickle, which can run code when loaded); diffviz "
                "loads safetensors only. Re-save it safely in Python: "
                "pipeline.save_pretrained(folder, safe_serialization=True)")
        raise CheckpointError(f"the UNet's weights are missing: expected {weights}")
    if weights.stat().st_size > MAX_WEIGHTS_BYTES:
        raise CheckpointError(f"{weights} is {weights.stat().st_size / 2**20:.0f} MB, above the "
                              f"{MAX_WEIGHTS_BYTES / 2**20:.0f} MB limit")
    return PipelineFolder(root=root, pipeline=str(pipeline), scheduler_class=scheduler_class,
                          unet_config=unet_config, scheduler_config=scheduler_config)


def load_pipeline(path: str | Path):
    """(model, CheckpointInfo, Recipe) for a pipeline folder: the UNet loaded by diffusers from safetensors,
    the recipe registered for the session under the folder's name (``diffusers:<folder>``)."""
    import torch
    from diffusers import UNet2DModel
    from diffusers.utils import is_accelerate_available

    from diffviz.core.checkpoints import CheckpointInfo
    from diffviz.core.models.unet2d import PipelineUNet
    from diffviz.core.processes import SchedulerProcess
    from diffviz.core.recipes import Recipe, register_loaded

    folder = read_pipeline_folder(path)
    try:  # low_cpu_mem_usage as diffusers would choose it, without its warning that accelerate is missing
        unet = UNet2DModel.from_pretrained(str(folder.root / "unet"), use_safetensors=True, local_files_only=True,
                                           low_cpu_mem_usage=is_accelerate_available())
    except Exception as exc:  # a damaged file or a config diffusers cannot build: one line
        raise CheckpointError(f"diffusers could not load the UNet of {folder.root.name} "
                              f"({str(exc).splitlines()[0][:300]})") from None
    model = PipelineUNet(unet).eval()
    for name, tensor in model.state_dict().items():
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise CheckpointError(f"{folder.root.name} holds NaN or infinite values in {name}")
    process = SchedulerProcess(key=folder.name, title=f"{folder.name}: {folder.scheduler_class}'s schedule",
                               beta_schedule="linear", config=dict(folder.scheduler_config))
    channels, height, width = folder.image_shape
    recipe = register_loaded(Recipe(
        name=folder.name, architecture="PipelineUNet", process=process, conditioned=True, lr=1e-4, warmup_steps=0,
        ema_decay=None, sampler=SCHEDULER_SAMPLERS[folder.scheduler_class],
        summary=f"{folder.pipeline} from {folder.root}: UNet2DModel, {channels} channel{'s' if channels > 1 else ''}, "
                f"{height}x{width}, {folder.scheduler_class}, predicts {process.target_name}"))
    info = CheckpointInfo(architecture="PipelineUNet", model_config={}, recipe=recipe.name,
                          training={"data": f"{folder.pipeline} folder {folder.root.name}",
                                    "digits": False})  # what it learnt is unknown: the meter does not judge it
    info.hyperparameters["image"] = f"{channels}x{height}x{width}"
    return model, info, recipe


def export_pipeline(model, recipe, out: str | Path) -> Path:
    """Write a diffviz model as a diffusers ``DDPMPipeline`` folder that ``DDPMPipeline.from_pretrained(out)``
    loads: its UNet2DModel (safetensors) and a ``DDPMScheduler`` with the recipe's own betas. Only models that
    are a UNet2DModel trained on a DDPM schedule can be (the ddpm recipes', or an opened pipeline's); the
    folder is written beside ``out`` and moved into place whole, and an existing ``out`` is never overwritten."""
    import os
    import shutil
    import tempfile

    from diffviz.core.processes import DDPMProcess

    unet = getattr(model, "unet", None)
    if unet is None or not isinstance(recipe.process, DDPMProcess):
        raise CheckpointError(f"a {recipe.name} model ({type(model).__name__}) is not a UNet2DModel trained on a "
                              "DDPM schedule, so diffusers' DDPMPipeline cannot run it: the ddpm and ddpm-cosine "
                              "recipes' models (and opened pipeline folders) export")
    out = Path(out)
    if out.exists():
        raise CheckpointError(f"{out} already exists: choose a new folder for the pipeline")
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise CheckpointError(f"cannot write {out}: the folder {out.parent} does not exist or is not writable")
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
