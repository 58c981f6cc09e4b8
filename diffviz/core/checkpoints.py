"""Checkpoints: safetensors weights with JSON metadata, loaded safely and checked before use.

Why safetensors: a ``.pt`` pickle can run arbitrary code when it is loaded, and people
download checkpoints from anywhere. A safetensors file is a JSON header plus raw
tensor bytes; nothing in it is executed. The metadata (a JSON string under the
``diffviz`` key) says which recipe and architecture made the weights, with which
hyperparameters, and for how long they were trained.

Loading is careful in order: size cap, a sniff of the first bytes (so a pickle, an
HTML page or a git-lfs pointer gets a message that says what it is), the header and
metadata, then every key and shape against a freshly built model. Only when all of
that holds are the weights copied into a model, so a bad file never changes the
model on screen. Writes go through ``atomic_write``.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import torch
from torch import nn

from diffviz import __version__
from diffviz.core import i18n
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.errors import CheckpointError
from diffviz.core.models import build_model
from diffviz.core.recipes import RECIPES, RETIRED_RECIPES, read_as, revision_of

FORMAT_NAME = "diffviz-checkpoint"
FORMAT_VERSION = 1
MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024  # our largest model is a few MB; refuse big files before reading
_SNIFF = {  # first bytes -> the refusal, a whole sentence translated where it is raised ({name}: the file's)
    b"PK\x03\x04": i18n.QT_TR_NOOP("{name} is a PyTorch .pt/.pth file (a zipped pickle), not a diffviz checkpoint. "
                                   "diffviz only loads .safetensors checkpoints, because pickles can run code when "
                                   "loaded."),
    b"\x80": i18n.QT_TR_NOOP("{name} is a Python pickle, not a diffviz checkpoint. diffviz only loads .safetensors "
                             "checkpoints, because pickles can run code when loaded."),
    b"version https://git-lfs": i18n.QT_TR_NOOP("{name} is a git-lfs pointer, not the file itself (run `git lfs "
                                                "pull`), not a diffviz checkpoint."),
    b"<": i18n.QT_TR_NOOP("{name} is an HTML or XML page (was a web page saved instead of the file?), not a diffviz "
                          "checkpoint."),
}


@dataclass
class CheckpointInfo:
    """What a checkpoint says about itself (shown to users as plain text, never used as a path)."""

    architecture: str
    model_config: dict[str, Any]
    recipe: str = "course"
    recipe_revision: int = 1  # the recipe's revision when it was written (``core.recipes.Recipe.revision``)
    hyperparameters: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION
    created: str = ""
    diffviz_version: str = __version__

    @property
    def images(self) -> int | None:
        """How many training images made these weights (None where the file does not say, or says nonsense)."""
        images = self.training.get("images")
        return images if isinstance(images, int) and not isinstance(images, bool) and images >= 0 else None

    def summary(self) -> str:
        """One line for people; a field of the wrong type from a foreign file is left out, not trusted."""
        steps = self.training.get("steps")
        secs = self.training.get("seconds")
        parts = [i18n.tr("{recipe} recipe").format(recipe=self.recipe), self.architecture]
        if isinstance(steps, int) and not isinstance(steps, bool) and steps > 0:
            parts.append(i18n.tr("{steps:,} steps").format(steps=steps))
        if isinstance(secs, (int, float)) and not isinstance(secs, bool) and 0 < secs < float("inf"):
            parts.append(i18n.tr("{minutes:.1f} min").format(minutes=secs / 60))
        return ", ".join(parts)


def save_checkpoint(path: str | os.PathLike, model: nn.Module, *, recipe: str = "course",
                    hyperparameters: dict[str, Any] | None = None,
                    training: dict[str, Any] | None = None) -> Path:
    """Write ``model``'s weights and metadata atomically to ``path`` (a ``.safetensors`` file)."""
    from safetensors.torch import save

    config = model.config() if hasattr(model, "config") else {}
    if config is None:
        raise CheckpointError(i18n.tr("a {architecture} is opened from its diffusers pipeline folder, which is where "
                                      "it lives: it is not saved as a diffviz checkpoint")
                              .format(architecture=type(model).__name__))
    info = CheckpointInfo(architecture=type(model).__name__, model_config=config, recipe=recipe,
                          recipe_revision=revision_of(recipe),
                          hyperparameters=dict(hyperparameters or {}), training=dict(training or {}),
                          created=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    metadata = {"format": FORMAT_NAME, "diffviz": json.dumps(asdict(info))}
    return atomic_write_bytes(path, save(tensors, metadata=metadata))


def _sniff(path: Path, head: bytes) -> None:
    if not head:
        raise CheckpointError(i18n.tr("{name} is empty (0 bytes): not a checkpoint").format(name=path.name))
    if len(head) > 8 and head[8:9] == b"{":  # a safetensors length prefix and JSON header: let the reader judge
        return
    for magic, refusal in _SNIFF.items():
        if head.lstrip().startswith(magic):
            raise CheckpointError(i18n.tr(refusal).format(name=path.name))


def _parse_info(path: Path, metadata: dict[str, str] | None) -> CheckpointInfo:
    if not metadata or metadata.get("format") != FORMAT_NAME or "diffviz" not in metadata:
        raise CheckpointError(i18n.tr("{name} is a safetensors file but not a diffviz checkpoint (no diffviz "
                                      "metadata)").format(name=path.name))
    try:
        raw = json.loads(metadata["diffviz"])
        version = int(raw.get("format_version", -1))
        if version > FORMAT_VERSION or version < 1:
            raise CheckpointError(i18n.tr("{name} has checkpoint format {version}; this diffviz reads format "
                                          "{supported}. Update diffviz to open it.")
                                  .format(name=path.name, version=version, supported=FORMAT_VERSION))
        known = {f for f in CheckpointInfo.__dataclass_fields__}
        info = CheckpointInfo(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(info.architecture, str) or not isinstance(info.model_config, dict):
            raise TypeError("architecture / model_config have the wrong types")
        for name in ("recipe", "created", "diffviz_version"):
            if not isinstance(getattr(info, name), str):
                raise TypeError(f"{name} is not a string")
        if not all(isinstance(v, (int, float, str, bool)) for v in info.model_config.values()):
            raise TypeError("model_config holds non-scalar values")
        for name in ("hyperparameters", "training"):
            if not isinstance(getattr(info, name), dict):
                raise TypeError(f"{name} is not a mapping")
        if not isinstance(info.recipe_revision, int) or isinstance(info.recipe_revision, bool):
            raise TypeError("recipe_revision is not a whole number")
        # an earlier diffviz's DDPM or flow-class (core.recipes.READ_AS, REVISED): read as it was trained
        info.recipe = read_as(info.recipe, info.architecture, info.recipe_revision)
        return info
    except CheckpointError:
        raise
    except Exception as exc:
        raise CheckpointError(i18n.tr("{name} has damaged diffviz metadata ({reason})")
                              .format(name=path.name, reason=exc)) from exc


def read_checkpoint_info(path: str | os.PathLike) -> CheckpointInfo:
    """Only a checkpoint's metadata, with every check but the tensors' (cheap: no weights are read)."""
    return read_checkpoint(path, tensors=False)[0]


def read_checkpoint(path: str | os.PathLike, tensors: bool = True) -> tuple[CheckpointInfo, dict[str, torch.Tensor]]:
    """Read and check a checkpoint file; return its metadata and tensors (CPU), or raise CheckpointError."""
    path = Path(path)
    return read_safetensors(path, lambda metadata: _parse_info(path, metadata), tensors)


def read_safetensors(path: str | os.PathLike, parse: Callable[[dict[str, str] | None], Any], tensors: bool = True,
                     what: str = i18n.QT_TR_NOOP("checkpoint")) -> tuple[Any, dict[str, torch.Tensor]]:
    """Open a safetensors file of ours safely: size limit, a sniff for pickles and pages, and every failure of the
    reader as one CheckpointError naming the file. ``parse`` turns the header's metadata into what the caller
    needs (and raises CheckpointError on anything foreign); ``what`` names the kind of file in messages (a text
    marked with ``i18n.QT_TR_NOOP``, translated here)."""
    from safetensors import safe_open

    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CheckpointError(i18n.tr("no {what} at {path}").format(what=i18n.tr(what), path=path)) from None
    except OSError as exc:
        raise CheckpointError(i18n.tr("cannot open {path}: {reason}").format(path=path, reason=exc.strerror or exc)) \
            from exc
    if not path.is_file():
        raise CheckpointError(i18n.tr("{path} is not a file").format(path=path))
    if size > MAX_CHECKPOINT_BYTES:
        raise CheckpointError(i18n.tr("{name} is {size:.0f} MB, above the {limit} MB limit for a {what}")
                              .format(name=path.name, size=size / 2**20, limit=MAX_CHECKPOINT_BYTES // 2**20,
                                      what=i18n.tr(what)))
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise CheckpointError(i18n.tr("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)) \
            from exc
    _sniff(path, head)
    try:
        with safe_open(str(path), framework="pt", device="cpu") as reader:
            parsed = parse(reader.metadata())
            weights = {key: reader.get_tensor(key) for key in reader.keys()} if tensors else {}
    except CheckpointError:
        raise
    except BaseException as exc:  # safetensors' Rust side can raise a PanicException (a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise CheckpointError(i18n.tr("{name} is not a valid safetensors file ({reason})")
                              .format(name=path.name, reason=_short(exc))) from None
    return parsed, weights


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def describe_mismatch(expected: dict[str, tuple[int, ...]], found: dict[str, tuple[int, ...]]) -> str:
    """Every missing, unexpected or mis-shaped tensor name (at most four of each, names cut short, and how many
    more), in one line; empty when ``found`` has exactly the names and shapes ``expected`` has."""
    def listed(items: list[str]) -> str:
        shown = ", ".join(item if len(item) <= 100 else item[:97] + "..." for item in items[:4])
        if len(items) <= 4:
            return shown
        return i18n.tr("{names} and {count} more").format(names=shown, count=len(items) - 4)

    missing = sorted(set(expected) - set(found))
    unexpected = sorted(set(found) - set(expected))
    wrong = [i18n.tr("{name}: {found} vs {expected}").format(name=k, found=found[k], expected=expected[k])
             for k in sorted(set(expected) & set(found)) if found[k] != expected[k]]
    problems = []
    if missing:
        problems.append(i18n.tr("missing {names}").format(names=listed(missing)))
    if unexpected:
        problems.append(i18n.tr("unexpected {names}").format(names=listed(unexpected)))
    if wrong:
        problems.append(i18n.tr("wrong shapes {names}").format(names=listed(wrong)))
    return " | ".join(problems)


def check_compatible(model: nn.Module, tensors: dict[str, torch.Tensor], name: str = "checkpoint") -> None:
    """Raise CheckpointError naming every missing, unexpected or mis-shaped tensor, or a non-finite one."""
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    problem = describe_mismatch(expected, {k: tuple(v.shape) for k, v in tensors.items()})
    if problem:
        raise CheckpointError(i18n.tr("{name} does not fit a {architecture}: {problems}")
                              .format(name=name, architecture=type(model).__name__, problems=problem))
    for key, tensor in tensors.items():
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise CheckpointError(i18n.tr("{name} holds NaN or infinite values in {tensor}")
                                  .format(name=name, tensor=key))


def build_described(info: CheckpointInfo, path: str | os.PathLike) -> nn.Module:
    """A fresh model of the architecture and settings a checkpoint's metadata describes; whatever the metadata
    holds, a refusal is one CheckpointError naming the file."""
    try:
        return build_model(info.architecture, **info.model_config)
    except CheckpointError as exc:
        raise CheckpointError(i18n.tr("{name}: {reason}").format(name=Path(path).name, reason=exc)) from None
    except Exception as exc:
        raise CheckpointError(i18n.tr("{name}: cannot build {architecture} from its metadata ({reason})")
                              .format(name=Path(path).name, architecture=info.architecture, reason=exc)) from exc


def load_checkpoint(path: str | os.PathLike) -> tuple[nn.Module, CheckpointInfo]:
    """Build the model a checkpoint describes and fill it with its weights (``core.opening.open_model`` also
    opens diffusers pipeline folders)."""
    name = Path(path).name
    if Path(path).is_dir():
        raise CheckpointError(i18n.tr("{name} is a folder without a model_index.json: neither a diffviz checkpoint "
                                      "(.safetensors) nor a diffusers pipeline folder").format(name=name))
    info, tensors = read_checkpoint(path)
    model = build_described(info, path)
    recipe = RECIPES.get(info.recipe) or RETIRED_RECIPES.get(info.recipe)
    if recipe is None and len(getattr(model, "image_shape", (1, 28, 28))) == 1:
        raise CheckpointError(i18n.tr("{name} holds a 2-D lab model of the {recipe} recipe: it draws points, not "
                                      "images; use diffviz toy sample").format(name=name, recipe=repr(info.recipe)))
    if recipe is None:
        raise CheckpointError(i18n.tr("{name} was made with the recipe {recipe}, which this diffviz does not know (it "
                                      "knows {known})").format(name=name, recipe=repr(info.recipe),
                                                               known=", ".join(RECIPES)))
    if recipe.architecture != info.architecture:
        raise CheckpointError(i18n.tr("{name} holds a {architecture}, but the {recipe} recipe uses a {expected}")
                              .format(name=name, architecture=info.architecture, recipe=recipe.name,
                                      expected=recipe.architecture))
    if getattr(model, "classes", 0) != recipe.classes:
        raise CheckpointError(i18n.tr("{name}: its model is told {classes} classes, but the {recipe} recipe tells it "
                                      "{expected}").format(name=name, classes=getattr(model, "classes", 0),
                                                           recipe=recipe.name, expected=recipe.classes))
    config = model.config() if hasattr(model, "config") else {}
    for key, value in recipe.model_options:
        if config.get(key) != value:
            raise CheckpointError(i18n.tr("{name}: its {architecture} has {option} {value}, but the {recipe} recipe's "
                                          "has {expected}").format(name=name, architecture=info.architecture,
                                                                   option=key, value=config.get(key),
                                                                   recipe=recipe.name, expected=value))
    check_compatible(model, tensors, Path(path).name)
    model.load_state_dict(tensors)
    return model, info


def load_into(model: nn.Module, path: str | os.PathLike) -> CheckpointInfo:
    """Load weights into an existing model; on any problem raise and leave ``model`` unchanged."""
    info, tensors = read_checkpoint(path)
    if info.architecture != type(model).__name__:
        raise CheckpointError(i18n.tr("{name} holds a {architecture} ({recipe} recipe); the current model is a "
                                      "{current}").format(name=Path(path).name, architecture=info.architecture,
                                                          recipe=info.recipe, current=type(model).__name__))
    check_compatible(model, tensors, Path(path).name)
    model.load_state_dict(tensors)
    return info


def training_metadata(steps: int, images: int, seconds: float, epoch_losses: list[float], data: str,
                      digits: bool = True) -> dict:
    """The ``training`` block of a checkpoint's metadata, with floats made JSON-safe; ``digits``: the data was
    handwritten digits, what the quality meter scores (``core.quality.meter_applies``)."""
    return {"steps": int(steps), "images": int(images), "seconds": round(float(seconds), 2),
            "epoch_losses": [round(float(x), 6) for x in epoch_losses if math.isfinite(x)], "data": data,
            "digits": bool(digits)}
