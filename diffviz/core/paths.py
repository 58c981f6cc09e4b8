"""Where bundled resources live, found relative to the package so it works from a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside it when installed."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE_DIR.parent / "resources"


def bundled_digits_path() -> Path:
    return resources_dir() / "digits" / "mnist10k.npz"


def bundled_checkpoint_path(recipe: str = "flow-class") -> Path:
    """The shipped model of ``recipe`` (the default recipe's is the app's starting model)."""
    return resources_dir() / "checkpoints" / f"{recipe}.safetensors"
