"""Opening a model from what a learner hands over: a diffviz checkpoint file or a diffusers pipeline folder.

Why a module of its own: ``core.checkpoints`` reads diffviz's safetensors files and ``core.pipelines``
reads diffusers' folders (it builds the ``CheckpointInfo`` that checkpoints define); every place that
opens "a model the user chose" (the CLI's ``--checkpoint``, File → Open, ``gui --checkpoint``) asks
this one function, which tells the two apart, so neither module needs the other's door.
"""

from __future__ import annotations

import os
from pathlib import Path

from torch import nn

from diffviz.core.checkpoints import CheckpointInfo, load_checkpoint
from diffviz.core.pipelines import is_pipeline_path, load_pipeline


def open_model(path: str | os.PathLike) -> tuple[nn.Module, CheckpointInfo]:
    """The model at ``path`` and what it says about itself: a ``.safetensors`` checkpoint, or a diffusers
    pipeline folder (or its ``model_index.json``), whose recipe is then registered for the session."""
    if is_pipeline_path(path):
        model, info, _recipe = load_pipeline(path)
        return model, info
    return load_checkpoint(path)


def model_name(path: str | os.PathLike) -> str:
    """What to call the model at ``path`` on screen: a pipeline's folder name (chosen as the folder or as its
    ``model_index.json``), a checkpoint's file name."""
    path = Path(path)
    return path.parent.name if is_pipeline_path(path) and not path.is_dir() else path.name
