"""The Edit lab's file door: the images and masks a learner hands ``diffviz edit`` (``--input``, ``--mask``).

Why a module of its own in core: it is a door a user-chosen file comes through, like the checkpoint and
pipeline doors, and the fuzzing (``bench.fuzz``) tries it the same way. An image file is read at the model's
channels and fitted into its size; a ``.npy`` is read without unpickling, its header checked (numbers, a size
within ``MAX_NPY_BYTES``, as many bytes as the header promises) before a byte of data is read, so a header that
promises gigabytes costs nothing. Every refusal is one line naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from diffviz.core import i18n
from diffviz.core.errors import DataError

MAX_NPY_BYTES = 256 * 1024 * 1024  # 10,000 grey digits in float64 are 63 MB; 1,000 colour 128 px images 197 MB


def read_npy(path: Path, what: str) -> np.ndarray:
    """A plain numeric ``.npy`` array, never unpickled, its header checked before its data is read."""
    try:
        with open(path, "rb") as handle:
            version = np.lib.format.read_magic(handle)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle, max_header_size=10_000)
            elif version in ((2, 0), (3, 0)):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle, max_header_size=10_000)
            else:
                raise ValueError(f"numpy file format {version} is unknown")
            start = handle.tell()
        if dtype.hasobject or dtype.kind not in "biuf":
            raise DataError(i18n.tr("{what} {path} holds {dtype} values, not numbers (a pickle is never loaded)")
                            .format(what=what, path=path, dtype=dtype))
        size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize if all(side >= 0 for side in shape) else -1
        if not 0 <= size <= MAX_NPY_BYTES:
            raise DataError(i18n.tr("{what} {path} promises an array of shape {shape}, over the {limit} MB diffviz "
                                    "reads").format(what=what, path=path, shape=shape, limit=MAX_NPY_BYTES // 2**20))
        stored = os.path.getsize(path) - start
        if stored != size:
            raise DataError(i18n.tr("{what} {path} is damaged: its header promises {size:,} bytes of {dtype} values, "
                                    "and it holds {stored:,}").format(what=what, path=path, size=size, dtype=dtype,
                                                                      stored=stored))
        return np.load(path, allow_pickle=False)
    except DataError:
        raise
    except Exception as exc:  # not a numpy file, a damaged header, a pickle: one line either way
        why = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise DataError(i18n.tr("{what} {path} is not a plain numpy array file ({reason})")
                        .format(what=what, path=path, reason=why)) from None


def read_edit_input(path: Path, what: str, light_on_dark: bool = True,
                    shape: tuple[int, int, int] = (1, 28, 28), mask: bool = False, images: int = 1) -> np.ndarray:
    """``--input`` / ``--mask`` for a model that makes ``shape`` images: an image file read in the model's channels
    and fitted into its size (a mask always as one grey plane), or a .npy of (N, C, H, W) in [0, 1] (a mask's
    (N, 1, H, W)), never unpickled; checked by ``core.editing.check_images`` / ``check_mask``'s shape rules,
    a mask against the ``images`` it is for."""
    from diffviz.core.data import IMAGE_SUFFIXES, read_image_file
    from diffviz.core.editing import check_images, check_mask

    channels, size = (1, shape[1]) if mask else (shape[0], shape[1])
    planes = (1, shape[1], shape[2]) if mask else tuple(shape)
    if not path.is_file():
        raise DataError(i18n.tr("{what} {path} does not exist").format(what=what, path=path))
    if path.suffix.lower() == ".npy":
        array = read_npy(path, what)
        named = f"{what} {path.name}"
        return check_mask(array, images, shape, what=named) if mask else check_images(array, named, shape=planes)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise DataError(i18n.tr("{what} must be an image file ({suffixes}) or a .npy (got {name})")
                        .format(what=what, suffixes=", ".join(sorted(IMAGE_SUFFIXES)), name=path.name))
    pixels = read_image_file(path, light_on_dark=light_on_dark, channels=channels, size=size)
    pixels = pixels[None] if pixels.ndim == 2 else np.moveaxis(pixels, -1, 0)  # (C, H, W)
    if mask:
        return check_mask(pixels[None] / 255.0, images, shape, what=f"{what} {path.name}")
    return check_images(pixels[None] / 255.0, what, shape=planes)
