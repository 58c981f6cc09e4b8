"""Precision and memory layout, chosen by measurement on the machine at hand.

Why measure: on a CPU with bf16 hardware (AVX-512-BF16, AMX) bf16 autocast with channels_last
memory trains these small UNets more than twice as fast as fp32; on a laptop without it,
bf16 is *slower* than fp32. Nothing about the processor's name says which, so ``auto`` times a
few training steps of each candidate for the model and batch at hand, keeps the fastest, and
remembers the verdict per machine and model in a small JSON cache (written atomically). A verdict is
measured again under another release of torch (part of the machine's key) or of diffviz (kept with the verdict),
and ``forget_verdicts`` (``diffviz --forget-precision``, the Precision box's Measure again) drops them all.

Because the verdict differs from machine to machine, so do the numbers a run through ``auto`` makes (bf16
rounds where fp32 does not). ``DIFFVIZ_AUTO_PRECISION`` makes ``auto`` decide as another machine would,
without that machine: set to a candidate's name (``fp32``, ``fp32-cl``, ``bf16-cl``), ``auto`` takes it
without measuring. bf16 autocast runs on every x86 processor, only slower where the hardware lacks it, so a
developer without bf16 hardware can still see what a bf16 machine computes; the test suite uses it so that
no result depends on the processor it happens to run on.

Whatever runs fast, what is kept stays exact: weights, the optimiser and the EMA are fp32
(autocast only lowers the arithmetic of the forward pass), losses are computed in fp32, and
checkpoints are written in fp32 and contiguous layout.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager

import torch
from torch import nn

from diffviz import __version__
from diffviz.core import i18n
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.errors import ConfigError, DiffvizError
from diffviz.core.names import PRECISION_CHOICES

CHOICES = PRECISION_CHOICES  # what --precision and the app offer: auto, fp32, bf16
PROBE_STEPS = 3       # timed training steps per candidate (after one warm-up step)
HOPELESS = 4.0        # a warm-up step this many times slower than the best median so far ends that candidate
CACHE_VERSION = 1
FORCE_VARIABLE = "DIFFVIZ_AUTO_PRECISION"  # names the candidate auto takes without measuring


@dataclass(frozen=True)
class Precision:
    """One way to run the network: the autocast dtype (None: plain fp32) and the memory layout."""

    name: str
    title: str
    autocast_dtype: torch.dtype | None = None
    channels_last: bool = False

    def autocast(self, device: torch.device | str) -> ContextManager:
        """The context the forward pass runs in (a no-op for fp32)."""
        if self.autocast_dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(torch.device(device).type, dtype=self.autocast_dtype)

    def prepare(self, model: nn.Module) -> nn.Module:
        """Put the model's weights in this layout (in place; they stay fp32)."""
        return model.to(memory_format=torch.channels_last) if self.channels_last else model

    def images(self, x: torch.Tensor) -> torch.Tensor:
        """A batch of images in this layout."""
        return x.contiguous(memory_format=torch.channels_last) if self.channels_last and x.dim() == 4 else x

    def available(self, device: torch.device | str) -> bool:
        device = torch.device(device)
        if self.autocast_dtype is torch.bfloat16 and device.type == "cuda":
            return torch.cuda.is_bf16_supported()
        return self.autocast_dtype in (None, torch.bfloat16)


FP32 = Precision("fp32", "fp32")
FP32_CHANNELS_LAST = Precision("fp32-cl", "fp32, channels_last", channels_last=True)
BF16_CHANNELS_LAST = Precision("bf16-cl", "bf16 autocast, channels_last", torch.bfloat16, channels_last=True)
CANDIDATES = (FP32, FP32_CHANNELS_LAST, BF16_CHANNELS_LAST)
PRECISIONS = {p.name: p for p in CANDIDATES}


@dataclass(frozen=True)
class PrecisionChoice:
    """What was chosen and why: the measured seconds per step of each candidate (empty when asked for by
    name), and whether the verdict came from the cache."""

    precision: Precision
    timings: dict[str, float]
    cached: bool = False
    forced: bool = False  # auto's verdict was named by FORCE_VARIABLE, not measured

    def line(self) -> str:
        """One line for the CLI's first output and the app's status bar."""
        title = self.precision.title
        if self.forced:
            return i18n.tr("precision {title} (auto, forced by {variable})").format(title=title,
                                                                                   variable=FORCE_VARIABLE)
        if not self.timings:
            return i18n.tr("precision {title} (as asked)").format(title=title)
        fp32 = self.timings.get(FP32.name)
        best = self.timings[self.precision.name]
        if fp32 and self.precision is not FP32:
            text = (i18n.tr("precision {title} (remembered for this machine, {gain:.2f}x fp32)") if self.cached
                    else i18n.tr("precision {title} (measured, {gain:.2f}x fp32)"))
            return text.format(title=title, gain=fp32 / best)
        text = i18n.tr("precision {title} (remembered for this machine)") if self.cached \
            else i18n.tr("precision {title} (measured)")
        return text.format(title=title)


def forced_verdict() -> Precision | None:
    """The candidate ``auto`` must take, if ``FORCE_VARIABLE`` names one (None when it is unset or empty).
    A name that is not a candidate is refused rather than ignored, so a typo never passes for a measurement."""
    value = os.environ.get(FORCE_VARIABLE, "").strip()
    if not value:
        return None
    if value not in PRECISIONS:
        raise ConfigError(i18n.tr("{variable}={value} is not a precision; use one of {choices}, or leave it unset to "
                                  "measure").format(variable=FORCE_VARIABLE, value=repr(value),
                                                    choices=", ".join(PRECISIONS)))
    return PRECISIONS[value]


def cache_path() -> Path:
    """Where verdicts are remembered: the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diffviz" / "precision.json"


def machine_key(device: torch.device) -> str:
    """What makes timings comparable: the processor (or GPU), torch's version and its thread count."""
    if device.type == "cuda":
        hardware = torch.cuda.get_device_name(device)
    else:
        hardware = _cpu_name() or platform.processor() or platform.machine()
    return f"{hardware} | torch {torch.__version__} | {torch.get_num_threads()} threads | {device.type}"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def model_key(model: nn.Module, batch: int, mode: str) -> str:
    config = model.config() if callable(getattr(model, "config", None)) else {}
    return f"{type(model).__name__} {json.dumps(config, sort_keys=True)} batch {batch} {mode}"


def forget_verdicts(cache: Path | None = None) -> int:
    """Forget every remembered ``auto`` verdict, so the next run measures again; returns how many there were.

    Why a way to forget: a verdict taken while the machine was busy (a browser, another training run) can be
    wrong, and it would be trusted until torch or diffviz changes. Nothing else is in the cache."""
    path = cache or cache_path()
    count = len(_read_cache(path).get("verdicts", {}))
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ConfigError(i18n.tr("cannot forget the remembered precision verdicts in {path}: {reason}")
                          .format(path=path, reason=exc.strerror or exc)) from None
    return count


def _read_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: measure again
    return data if isinstance(data, dict) and data.get("version") == CACHE_VERSION else {}


def _write_cache(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
    except (OSError, DiffvizError):  # a cache that cannot be written only costs a probe next time
        pass


StepTimer = Callable[[Precision], float]


def step_timer(model: nn.Module, step: Callable[[nn.Module, Precision], None], device: torch.device) -> StepTimer:
    """A timer of ``step(model_copy, precision)`` (a training step, or a forward pass): seconds per step,
    the median of PROBE_STEPS after a warm-up, on a copy of the model so the real weights are never touched."""

    best: list[float] = []  # the fastest median so far: a candidate far slower than it is not timed further

    def timer(precision: Precision) -> float:
        probe = precision.prepare(copy.deepcopy(model).to(device))
        start = time.perf_counter()
        step(probe, precision)  # warm-up: the first call allocates and picks kernels
        warm_up = time.perf_counter() - start
        if best and warm_up > HOPELESS * min(best):
            return warm_up  # e.g. bf16 without bf16 hardware: seconds a step, no need to wait for three more
        times = []
        for _ in range(PROBE_STEPS):
            start = time.perf_counter()
            step(probe, precision)
            times.append(time.perf_counter() - start)
        median = sorted(times)[len(times) // 2]
        best.append(median)
        return median

    return timer


def choose_precision(choice: str, device: torch.device | str, *, timer: StepTimer | None = None,
                     key: str = "", cache: Path | None = None) -> PrecisionChoice:
    """``choice`` is one of CHOICES. ``auto`` takes the candidate ``FORCE_VARIABLE`` names if it is set, else
    asks the cache under (this machine, ``key``), else times each available candidate with ``timer`` (seconds
    per step) and remembers the fastest."""
    device = torch.device(device)
    if choice == "fp32":
        return PrecisionChoice(FP32, {})
    if choice == "bf16":
        if not BF16_CHANNELS_LAST.available(device):
            raise ConfigError(i18n.tr("bf16 is not supported on this {device} device; use --precision fp32 or auto")
                              .format(device=device.type))
        return PrecisionChoice(BF16_CHANNELS_LAST, {})
    if choice != "auto":
        raise ConfigError(i18n.tr("unknown precision {choice}; choose one of {choices}")
                          .format(choice=repr(choice), choices=", ".join(CHOICES)))
    forced = forced_verdict()
    if forced is not None:
        if not forced.available(device):
            raise ConfigError(i18n.tr("{variable} names {candidate}, which this {device} device cannot run")
                              .format(variable=FORCE_VARIABLE, candidate=forced.name, device=device.type))
        return PrecisionChoice(forced, {}, forced=True)
    if timer is None:
        return PrecisionChoice(FP32, {})
    path = cache or cache_path()
    entry = f"{machine_key(device)} || {key}"
    data = _read_cache(path) if key else {}
    remembered = data.get("verdicts", {}).get(entry)
    if isinstance(remembered, dict) and remembered.get("name") in PRECISIONS \
            and remembered.get("diffviz") == __version__:  # another release may run the network differently
        timings = {k: float(v) for k, v in remembered.get("timings", {}).items() if isinstance(v, (int, float))}
        if remembered["name"] in timings:
            return PrecisionChoice(PRECISIONS[remembered["name"]], timings, cached=True)
    timings = {p.name: timer(p) for p in CANDIDATES if p.available(device)}
    best = min(timings, key=timings.get)
    if key:
        data = {"version": CACHE_VERSION, "verdicts": {**data.get("verdicts", {}),
                                                       entry: {"name": best, "timings": timings,
                                                               "diffviz": __version__}}}
        _write_cache(path, data)
    return PrecisionChoice(PRECISIONS[best], timings)
