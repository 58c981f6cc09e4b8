"""Choosing where torch runs: CPU by default, CUDA or Apple's MPS when present and asked for."""

from __future__ import annotations

import torch

from diffviz.core import i18n
from diffviz.core.errors import ConfigError


def resolve_device(name: str = "cpu") -> torch.device:
    """``cpu`` | ``cuda`` | ``mps`` | ``auto`` (the fastest present) -> a torch.device, or ConfigError."""
    name = (name or "cpu").lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError(i18n.tr("--device cuda was asked for, but no CUDA GPU is available"))
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ConfigError(i18n.tr("--device mps was asked for, but Apple's MPS is not available"))
    if name not in {"cpu", "cuda", "mps"}:
        raise ConfigError(i18n.tr("unknown device {device}; use cpu, cuda, mps or auto").format(device=repr(name)))
    return torch.device(name)
