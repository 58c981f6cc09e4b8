"""Training data: the bundled 10,000 MNIST digits, full MNIST / Fashion-MNIST, or a folder of images.

Why one loader for all: the trainer only needs a float tensor (N, 1, 28, 28) in [0, 1]
(the course's ``ToTensor``), so every source is turned into that once, in memory.
At 28x28 even full MNIST is 188 MB as float32, and batching by indexing a tensor is
much cheaper per step than a DataLoader collating 128 PIL images.

Sources are named by a short spec string, the same in the CLI and the app:
``bundled`` | ``mnist[:DIR]`` | ``fashion-mnist[:DIR]`` | ``folder:DIR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from diffviz.core.errors import DataError
from diffviz.core.paths import bundled_digits_path

IMAGE_SIZE = 28
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
DEFAULT_DATA_ROOT = Path.home() / ".cache" / "diffviz" / "data"


@dataclass
class DigitData:
    """A whole dataset in memory: images float32 (N, 1, 28, 28) in [0, 1], optional labels."""

    images: torch.Tensor
    labels: torch.Tensor | None
    name: str

    def __len__(self) -> int:
        return int(self.images.shape[0])


def _from_uint8(pixels: np.ndarray | torch.Tensor, labels, name: str) -> DigitData:
    images = torch.as_tensor(np.asarray(pixels), dtype=torch.uint8).reshape(-1, 1, IMAGE_SIZE, IMAGE_SIZE)
    label_tensor = None if labels is None else torch.as_tensor(np.asarray(labels), dtype=torch.long)
    return DigitData(images.float().div_(255.0), label_tensor, name)


def load_bundled(path: Path | None = None) -> DigitData:
    """The 10,000 real MNIST digits shipped in ``resources/digits`` (see resources/NOTICE)."""
    path = path or bundled_digits_path()
    if not path.is_file():
        raise DataError(f"the bundled digits are missing: expected {path} (reinstall diffviz)")
    try:
        # open the file ourselves: np.load leaks its handle when a damaged zip fails to parse
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as archive:
            pixels, labels = archive["images"], archive["labels"]
    except Exception as exc:  # a damaged file can fail in many ways inside numpy/zipfile
        raise DataError(f"the bundled digits at {path} cannot be read ({exc}); reinstall diffviz") from exc
    if pixels.dtype != np.uint8 or pixels.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
        raise DataError(f"the bundled digits at {path} have an unexpected layout {pixels.dtype} {pixels.shape}")
    return _from_uint8(pixels, labels, "bundled MNIST (10,000 digits)")


_TORCHVISION_SETS = {
    "mnist": ("MNIST", "MNIST"),
    "fashion-mnist": ("FashionMNIST", "FashionMNIST"),
}
# torchvision checks for all four (the test split too) before it reads the training split
_RAW_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def load_torchvision(kind: str, root: Path | None = None, download: bool = True) -> DigitData:
    """Full MNIST or Fashion-MNIST (training split) through ``torchvision.datasets``.

    Offline, torchvision needs the uncompressed IDX files in ``root/<Name>/raw``; when
    they are missing or damaged the DataError names the exact files expected.
    """
    import torchvision  # imported here: it is slow to import and most runs use the bundled digits

    class_name, folder = _TORCHVISION_SETS[kind]
    root = Path(root) if root else DEFAULT_DATA_ROOT
    dataset_cls = getattr(torchvision.datasets, class_name)
    expected = ", ".join(str(root / folder / "raw" / f) for f in _RAW_FILES)
    try:
        dataset = dataset_cls(str(root), train=True, download=False)
    except RuntimeError as exc:
        if all((root / folder / "raw" / f).is_file() for f in _RAW_FILES):  # present, so unreadable (truncated)
            raise DataError(f"{class_name} in {root} is damaged ({exc}); expected valid IDX files: {expected}") from exc
        dataset = None
    except Exception as exc:
        raise DataError(f"{class_name} in {root} is damaged ({exc}); expected valid IDX files: {expected}") from exc
    if dataset is None and download:
        try:
            dataset = dataset_cls(str(root), train=True, download=True)
        except Exception:
            dataset = None
    if dataset is None:
        raise DataError(
            f"{class_name} was not found in {root} and could not be downloaded. "
            f"Put the uncompressed files {expected} there, or use the bundled digits (--data bundled)."
        )
    pixels, labels = dataset.data, dataset.targets
    if pixels.ndim != 3 or tuple(pixels.shape[1:]) != (IMAGE_SIZE, IMAGE_SIZE) or len(pixels) == 0:
        raise DataError(f"{class_name} in {root} has an unexpected shape {tuple(pixels.shape)}; expected (N, 28, 28)")
    return _from_uint8(pixels, labels, f"{class_name} ({len(pixels):,} images)")


def read_image_file(path: Path, light_on_dark: bool = True) -> np.ndarray:
    """One image file made grey and fitted into 28x28 (uint8): how ``folder:`` data and the Edit lab's
    "open an image" read a picture. ``light_on_dark`` turns dark strokes on a light page into MNIST's
    light strokes on black; a mask keeps its own values (white = regenerate)."""
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as image:
            grey = ImageOps.pad(image.convert("L"), (IMAGE_SIZE, IMAGE_SIZE), color=None)
    except Exception as exc:
        raise DataError(f"cannot read the image {path}: {exc}") from exc
    array = np.asarray(grey, dtype=np.uint8)
    if light_on_dark and array.mean() > 127:  # dark strokes on a light page: invert to MNIST's light-on-dark
        array = 255 - array
    return array


def load_image_folder(folder: Path) -> DigitData:
    """Every image file in ``folder`` (not recursive), made grey, fitted into 28x28, light-on-dark like MNIST."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"the image folder {folder} does not exist")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    if not files:
        raise DataError(f"no images ({', '.join(sorted(IMAGE_SUFFIXES))}) found in {folder}")
    pixels = [read_image_file(file) for file in files]
    return _from_uint8(np.stack(pixels), None, f"{folder.name} ({len(pixels)} images)")


def load_source(spec: str = "bundled", download: bool = True) -> DigitData:
    """Load a dataset from its spec string (see the module docstring)."""
    kind, _, location = (spec or "bundled").partition(":")
    kind = kind.strip().lower()
    root = Path(location).expanduser() if location else None
    if kind == "bundled":
        return load_bundled(root)
    if kind in _TORCHVISION_SETS:
        return load_torchvision(kind, root, download=download)
    if kind == "folder":
        if root is None:
            raise DataError("folder: needs a path, e.g. --data folder:~/my_digits")
        return load_image_folder(root)
    raise DataError(f"unknown data source {spec!r}; use bundled, mnist[:DIR], fashion-mnist[:DIR] or folder:DIR")


def fixed_batch(data: DigitData, n: int = 8, seed: int = 0) -> torch.Tensor:
    """A repeatable batch of ``n`` images (one per class where labels allow) for previews."""
    if data.labels is not None and n <= 10:
        picks = [int(torch.nonzero(data.labels == c)[0]) for c in range(n) if (data.labels == c).any()]
        if len(picks) == n:
            return data.images[picks].clone()
    generator = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(data), generator=generator)[:n]
    return data.images[idx].clone()
