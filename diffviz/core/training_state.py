"""A training run saved between two epochs, so a long run (the bundled models' hours on a CPU) survives a restart.

Why a file of its own rather than the checkpoint: a checkpoint holds only the weights a learner samples with,
and going on from those alone would restart Adam's moment estimates, the EMA and the shuffling, a different run
from the one the command describes. The state holds the training weights, the EMA, Adam's state, the shuffling
generator's state and the run's counters, so a resumed run continues exactly as an unbroken one would. It is a
safetensors file like the checkpoints (nothing is unpickled) and is written atomically; ``diffviz train
--save-every`` writes it next to ``--out`` as ``<name>.resume.safetensors`` and ``--resume`` reads it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch

from diffviz import __version__
from diffviz.core import i18n
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.checkpoints import check_compatible, read_safetensors
from diffviz.core.errors import CheckpointError, ConfigError
from diffviz.core.training import RunPosition, Trainer

FORMAT_NAME = "diffviz-training-state"
FORMAT_VERSION = 1
SUFFIX = ".resume.safetensors"
# What must match for a saved run to go on as the same run; anything else (threads, precision) may change.
SAME_RUN = ("recipe", "recipe_revision", "architecture", "model_config", "batch_size", "lr", "seed", "data")
BEFORE = {"recipe_revision": 1}  # what a state written before a setting was recorded held


def state_path(out: str | os.PathLike) -> Path:
    """Where the run that writes the checkpoint ``out`` keeps its state: ``ddpm.safetensors`` →
    ``ddpm.resume.safetensors``, beside it."""
    out = Path(out)
    return out.with_name(out.name.removesuffix(".safetensors") + SUFFIX)


def run_identity(trainer: Trainer, data_name: str) -> dict[str, Any]:
    """What makes a run the same run (``SAME_RUN``), as JSON-safe values."""
    model = trainer.model
    return {"recipe": trainer.recipe.name, "recipe_revision": trainer.recipe.revision,
            "architecture": type(model).__name__,
            "model_config": model.config() if hasattr(model, "config") else {},
            "batch_size": trainer.config.batch_size, "lr": trainer.config.lr, "seed": trainer.config.seed,
            "data": data_name}


def save_training_state(path: str | os.PathLike, trainer: Trainer, data_name: str) -> Path:
    """Write ``trainer``'s whole state atomically to ``path``; call it between epochs (at an ``epoch_end``
    report), where the shuffling generator is about to draw the next epoch's order."""
    from safetensors.torch import save

    tensors: dict[str, torch.Tensor] = {}
    for prefix, model in (("model.", trainer.model), ("ema.", trainer.ema_model)):
        if model is not None:
            tensors.update({prefix + k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()})
    optimiser = trainer.optimizer.state_dict()
    for index, entry in optimiser["state"].items():
        for key, value in entry.items():
            tensors[f"optimizer.{index}.{key}"] = torch.as_tensor(value).detach().cpu().contiguous()
    tensors["generator"] = trainer.generator.get_state()
    position = trainer.position()
    header = {"format_version": FORMAT_VERSION, "diffviz_version": __version__,
              "run": run_identity(trainer, data_name),
              "position": {"step": position.step, "images": position.images, "elapsed": position.elapsed,
                           "epoch": position.epoch, "epoch_losses": position.epoch_losses},
              "param_groups": optimiser["param_groups"]}
    return atomic_write_bytes(path, save(tensors, metadata={"format": FORMAT_NAME, "diffviz": json.dumps(header)}))


def _parse(path: Path, metadata: dict[str, str] | None) -> dict[str, Any]:
    if not metadata or metadata.get("format") != FORMAT_NAME or "diffviz" not in metadata:
        raise CheckpointError(i18n.tr("{name} is not a diffviz training state (no training-state metadata)")
                              .format(name=path.name))
    try:
        header = json.loads(metadata["diffviz"])
        version = int(header.get("format_version", -1))
        run, position = header["run"], header["position"]
        if not (isinstance(run, dict) and isinstance(position, dict) and isinstance(header["param_groups"], list)):
            raise TypeError("run, position or param_groups has the wrong type")
    except Exception as exc:
        raise CheckpointError(i18n.tr("{name} has damaged training-state metadata ({reason})")
                              .format(name=path.name, reason=exc)) from exc
    if version != FORMAT_VERSION:
        raise CheckpointError(i18n.tr("{name} is a training state of format {version}; this diffviz resumes format "
                                      "{supported}").format(name=path.name, version=version, supported=FORMAT_VERSION))
    return header


def resume_training(path: str | os.PathLike, trainer: Trainer, data_name: str) -> RunPosition:
    """Load the run saved at ``path`` into ``trainer`` (freshly made with the same command). Refuses, naming the
    file, a state of another run (a different recipe, batch, learning rate, seed or data) and one whose tensors do
    not fit: nothing is left at its fresh values silently."""
    path = Path(path)
    header, tensors = read_safetensors(path, lambda metadata: _parse(path, metadata),
                                       what=i18n.QT_TR_NOOP("training state"))
    saved, here = header["run"], run_identity(trainer, data_name)
    saved = {**BEFORE, **saved}
    differ = [i18n.tr("{setting} {saved} (now {now})").format(setting=key, saved=repr(saved.get(key)),
                                                               now=repr(here[key]))
              for key in SAME_RUN if saved.get(key) != here[key]]
    if differ:
        raise ConfigError(i18n.tr("{name} saved another run: {differences}. Resume with the command that started it, "
                                  "or delete {name} to start afresh").format(name=path.name,
                                                                             differences="; ".join(differ)))
    try:
        for prefix, model in (("model.", trainer.model), ("ema.", trainer.ema_model)):
            if model is None:
                continue
            own = {k.removeprefix(prefix): v for k, v in tensors.items() if k.startswith(prefix)}
            check_compatible(model, own, path.name)
            model.load_state_dict(own)
        state: dict[int, dict[str, torch.Tensor]] = {}
        for key, value in tensors.items():
            if key.startswith("optimizer."):
                _, index, name = key.split(".", 2)
                state.setdefault(int(index), {})[name] = value
        trainer.optimizer.load_state_dict({"state": state, "param_groups": header["param_groups"]})
        position = RunPosition(**header["position"])
        trainer.resume(position, tensors["generator"])
    except (CheckpointError, ConfigError):
        raise
    except Exception as exc:
        raise CheckpointError(i18n.tr("{name} does not fit this run ({reason})").format(name=path.name, reason=exc)) \
            from exc
    return position
