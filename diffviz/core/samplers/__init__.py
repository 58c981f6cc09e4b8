"""The samplers: one module per family, one interface (``base.Sampler``), one registry.

The registry is the table in ``core.names`` (name -> the module object implementing it),
so ``--help`` lists the samplers without torch; objects are imported here on first use.
Code that offers samplers asks ``samplers_for(process)``; nothing compares sampler names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from diffviz.core import i18n
from diffviz.core.errors import ConfigError
from diffviz.core.names import SAMPLERS as _WHERE
from diffviz.core.samplers.base import Denoiser, Sampler, SamplerStep

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess

_loaded: dict[str, Sampler] = {}


def get_sampler(name: str) -> Sampler:
    """The sampler registered as ``name``; an unknown name is refused with the list of known ones."""
    sampler = _loaded.get(name)
    if sampler is None:
        try:
            module, attribute = _WHERE[name].split(":")
        except KeyError:
            raise ConfigError(i18n.tr("unknown sampler {name}; choose one of {names}")
                              .format(name=repr(name), names=", ".join(_WHERE))) from None
        sampler = _loaded[name] = getattr(importlib.import_module(module), attribute)
    return sampler


def all_samplers() -> list[Sampler]:
    return [get_sampler(name) for name in _WHERE]


def samplers_for(process: "NoisingProcess") -> tuple[str, ...]:
    """The names of the samplers that can walk ``process`` back, in the registry's order."""
    return tuple(sampler.name for sampler in all_samplers() if sampler.works_with(process))


__all__ = ["Denoiser", "Sampler", "SamplerStep", "all_samplers", "get_sampler", "samplers_for"]
