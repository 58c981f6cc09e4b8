"""Training data: the bundled 10,000 MNIST digits, full MNIST / Fashion-MNIST, or a folder of images.

Why one loader for all: the trainer only needs a float tensor (N, 1, 28, 28) in [0, 1]
(the course's ``ToTensor``), so every source is turned into that once, in memory.
At 28x28 even full MNIST is 188 MB as float32, and batching by indexing a tensor is
much cheaper per step than a DataLoader collating 128 PIL images.

Sources are named by a short spec string, the same in the CLI and the app:
``bundled`` | ``mnist[:DIR]`` | ``fashion-mnist[:DIR]`` | ``folder:DIR``.

Your data as it comes: ``mnist:DIR`` reads the IDX files as their authors distribute them
(``.gz`` or not) directly in DIR, or in torchvision's ``DIR/MNIST/raw/``; ``folder:DIR`` reads
sub-folders as class labels like torchvision's ``ImageFolder`` and skips the files it cannot read,
saying which, instead of refusing the whole folder. Every file is untrusted: headers are checked
before their sizes are believed, and decompression (gzip, Pillow) is bounded.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import torch

from diffviz.core import i18n
from diffviz.core.errors import DataError
from diffviz.core.paths import bundled_digits_path

IMAGE_SIZE = 28
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
DEFAULT_DATA_ROOT = Path.home() / ".cache" / "diffviz" / "data"


@dataclass
class DigitData:
    """A whole dataset in memory: images float32 (N, 1, 28, 28) in [0, 1], optional labels.

    What a person should hear about how the data was read travels with it, for the CLI and the app
    to show beside ``name``: ``classes`` names the labels when they came from sub-folders
    (``classes[label]``), ``skipped`` names the first few files a folder source could not read
    (relative to the folder) out of ``skipped_count``, and ``notes`` says all that in sentences,
    e.g. "skipped 3 unreadable files (a.png, b.jpg, c.gif)".
    """

    images: torch.Tensor
    labels: torch.Tensor | None
    name: str
    classes: list[str] | None = None
    skipped: list[str] = field(default_factory=list)
    skipped_count: int = 0
    notes: list[str] = field(default_factory=list)
    digits: bool = True  # handwritten digits, what the quality meter scores (Fashion-MNIST, a folder: not known)

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
        raise DataError(i18n.tr("the bundled digits are missing: expected {path} (reinstall diffviz)")
                        .format(path=path))
    try:
        # open the file ourselves: np.load leaks its handle when a damaged zip fails to parse
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as archive:
            pixels, labels = archive["images"], archive["labels"]
    except Exception as exc:  # a damaged file can fail in many ways inside numpy/zipfile
        raise DataError(i18n.tr("the bundled digits at {path} cannot be read ({reason}); reinstall diffviz")
                        .format(path=path, reason=exc)) from exc
    if pixels.dtype != np.uint8 or pixels.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
        raise DataError(i18n.tr("the bundled digits at {path} have an unexpected layout {dtype} {shape}")
                        .format(path=path, dtype=pixels.dtype, shape=pixels.shape))
    return _from_uint8(pixels, labels, "bundled MNIST (10,000 digits)")


# --- MNIST and Fashion-MNIST: IDX files --------------------------------------------------------------------

_IDX_SETS = {  # spec kind -> (the set's name, torchvision's folder for it under DIR, whether it is digits)
    "mnist": ("MNIST", "MNIST", True),
    "fashion-mnist": ("FashionMNIST", "FashionMNIST", False),  # clothes: the quality meter does not apply
}
TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
IDX_IMAGES_MAGIC = 0x00000803  # unsigned bytes, three dimensions (N, rows, cols)
IDX_LABELS_MAGIC = 0x00000801  # unsigned bytes, one dimension (N)
# Both sets have 60,000 training images; the cap bounds what a header may make us read (78 MB of
# pixels, 314 MB as float32), so a lying header or a gzip bomb cannot exhaust memory.
MAX_IDX_IMAGES = 100_000
_GZIP_MAGIC = b"\x1f\x8b"


def _damaged(message: str, path: Path, **values) -> DataError:
    """A refusal of the IDX file ``path``: ``message`` is a whole translated sentence whose ``{path}`` and other
    placeholders are filled here."""
    return DataError(message.format(path=path, **values))


def _magic_meaning(magic: int) -> str:
    if magic == IDX_IMAGES_MAGIC:
        return i18n.tr("an IDX images file")
    if magic == IDX_LABELS_MAGIC:
        return i18n.tr("an IDX labels file")
    if magic >> 16 == 0:
        return i18n.tr("an IDX file of data type 0x{code:02x} with %n dimension(s)", None, magic & 0xFF).format(
            code=(magic >> 8) & 0xFF)
    return i18n.tr("not an IDX file at all")


def _read_up_to(handle: BinaryIO, size: int) -> tuple[bytearray, int]:
    """Read ``size`` bytes into one writable buffer (torch wants writable arrays; no second copy).
    Returns the buffer and how many bytes came before the end of the stream."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        count = handle.readinto(view[got:])
        if not count:
            break
        got += count
    return buffer, got


def read_idx(path: Path, kind: str) -> np.ndarray:
    """One IDX file as uint8: images (N, 28, 28) when ``kind`` is "images", labels (N,) when "labels".

    Why our own reader: the authors distribute the files gzip-compressed and torchvision reads them
    only uncompressed, in its own folder layout. Compression is told by the file's first bytes, not
    its name. Everything is checked before it is trusted: the magic number, 28x28, at most
    ``MAX_IDX_IMAGES``, and a byte count that matches the header exactly. A compressed file is
    decompressed only up to what its header promises (plus one byte to notice more), so a file that
    inflates to gigabytes is refused after reading at most that much.
    """
    path = Path(path)
    images = kind == "images"
    expected_magic, header_size, item_size = (
        (IDX_IMAGES_MAGIC, 16, IMAGE_SIZE * IMAGE_SIZE) if images else (IDX_LABELS_MAGIC, 8, 1))
    try:
        with open(path, "rb") as raw:
            compressed = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
            with (gzip.GzipFile(fileobj=raw, mode="rb") if compressed else contextlib.nullcontext(raw)) as handle:
                header = handle.read(header_size)
                if len(header) < 4:
                    raise _damaged(i18n.tr("the IDX file {path} is damaged or not MNIST-style: it holds only "
                                           "%n byte(s), not even an IDX magic number", None, len(header)), path)
                (magic,) = struct.unpack(">I", header[:4])
                if magic != expected_magic:
                    raise _damaged(
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its magic number is "
                                "0x{magic:08x} ({meaning}); an IDX images file starts with 0x{expected:08x}")
                        if images else
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its magic number is "
                                "0x{magic:08x} ({meaning}); an IDX labels file starts with 0x{expected:08x}"),
                        path, magic=magic, meaning=_magic_meaning(magic), expected=expected_magic)
                if len(header) < header_size:
                    raise _damaged(i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header is cut "
                                           "short"), path)
                n, *shape = struct.unpack(">III" if images else ">I", header[4:])
                if images and tuple(shape) != (IMAGE_SIZE, IMAGE_SIZE):
                    raise _damaged(i18n.tr("the IDX file {path} is damaged or not MNIST-style: its images are "
                                           "{height}x{width}; diffviz needs 28x28 (MNIST's size)"),
                                   path, height=shape[0], width=shape[1])
                if n == 0:
                    raise _damaged(
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: it holds no images") if images
                        else i18n.tr("the IDX file {path} is damaged or not MNIST-style: it holds no labels"), path)
                if n > MAX_IDX_IMAGES:
                    raise _damaged(
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header claims {count:,} "
                                "images, more than the {most:,} diffviz reads (MNIST and Fashion-MNIST have 60,000)")
                        if images else
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header claims {count:,} "
                                "labels, more than the {most:,} diffviz reads (MNIST and Fashion-MNIST have 60,000)"),
                        path, count=n, most=MAX_IDX_IMAGES)
                size = n * item_size
                if not compressed:
                    stored = os.fstat(raw.fileno()).st_size - header_size
                    if stored != size:
                        raise _damaged(_size_mismatch(images, stored < size), path, count=n, size=size, stored=stored)
                body, got = _read_up_to(handle, size)
                if got < size:
                    raise _damaged(
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} "
                                "images ({size:,} bytes) but it holds only {got:,} (truncated)") if images else
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} "
                                "labels ({size:,} bytes) but it holds only {got:,} (truncated)"),
                        path, count=n, size=size, got=got)
                if compressed and handle.read(1):
                    raise _damaged(
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: it decompresses to more than the "
                                "{count:,} images its header promises; refused without reading the rest (a damaged "
                                "file, or a gzip bomb)") if images else
                        i18n.tr("the IDX file {path} is damaged or not MNIST-style: it decompresses to more than the "
                                "{count:,} labels its header promises; refused without reading the rest (a damaged "
                                "file, or a gzip bomb)"),
                        path, count=n)
    except DataError:
        raise
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError; a cut .gz ends in EOFError
        raise _damaged(i18n.tr("the IDX file {path} is damaged or not MNIST-style: it cannot be read or "
                               "decompressed ({reason})"), path, reason=exc or type(exc).__name__) from exc
    array = np.frombuffer(body, dtype=np.uint8)
    if images:
        return array.reshape(n, IMAGE_SIZE, IMAGE_SIZE)
    if int(array.max()) > 9:
        raise _damaged(i18n.tr("the IDX file {path} is damaged or not MNIST-style: its labels run up to {most}; "
                               "MNIST-style labels are 0-9"), path, most=int(array.max()))
    return array


def _size_mismatch(images: bool, truncated: bool) -> str:
    """The sentence for an uncompressed IDX file whose size is not what its header promises."""
    if images and truncated:
        return i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} images "
                       "({size:,} bytes) but it holds {stored:,} bytes after the header (truncated)")
    if images:
        return i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} images "
                       "({size:,} bytes) but it holds {stored:,} bytes after the header (extra data)")
    if truncated:
        return i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} labels "
                       "({size:,} bytes) but it holds {stored:,} bytes after the header (truncated)")
    return i18n.tr("the IDX file {path} is damaged or not MNIST-style: its header promises {count:,} labels "
                   "({size:,} bytes) but it holds {stored:,} bytes after the header (extra data)")


def _find_idx(directory: Path, name: str) -> Path | None:
    """``name`` or ``name.gz`` in ``directory``; the uncompressed one first (torchvision's download
    leaves both, and the plain file reads faster)."""
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def _find_training_split(layouts: tuple[Path, ...]) -> tuple[Path, Path] | None:
    """(images, labels) of the first layout holding the training images; a half-present pair is refused
    so that the message says which file is missing instead of "not found"."""
    for directory in layouts:
        images, labels = _find_idx(directory, TRAIN_IMAGES), _find_idx(directory, TRAIN_LABELS)
        if images and labels:
            return images, labels
        if images or labels:
            present, missing = (images, TRAIN_LABELS) if images else (labels, TRAIN_IMAGES)
            raise DataError(i18n.tr("{present} is there but {missing} (or {missing}.gz) is missing beside it in "
                                    "{folder}: both training files are needed, the images and their labels")
                            .format(present=present, missing=missing, folder=directory))
    return None


def load_idx_dataset(kind: str, root: Path | None = None, download: bool = True) -> DigitData:
    """Full MNIST or Fashion-MNIST (the training split) from its IDX files under ``root``.

    Two layouts are read, the first found wins: torchvision's ``root/MNIST/raw/`` (resp.
    ``root/FashionMNIST/raw/``) and the files directly in ``root``, as the datasets' authors
    distribute them; each file either gzip-compressed (``.gz``) or not. Only the training pair is
    needed (``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``); the t10k test files may be
    absent. When neither layout is there and ``download`` is set, torchvision downloads the set
    into ``root``; otherwise the DataError names both layouts' paths.
    """
    class_name, folder, digits = _IDX_SETS[kind]
    root = Path(root) if root else DEFAULT_DATA_ROOT
    layouts = (root / folder / "raw", root)
    found = _find_training_split(layouts)
    if found is None and download:
        try:
            import torchvision  # imported here: it is slow to import and only a download needs it

            getattr(torchvision.datasets, class_name)(str(root), train=True, download=True)
        except Exception:  # offline, or the mirror is down: the message below says what to do by hand
            pass
        found = _find_training_split(layouts)
    if found is None:
        if download:
            text = i18n.tr("{name} is not in {root} and could not be downloaded. Put its training files {images} and "
                           "{labels} (.gz as distributed, or uncompressed) either in {layout} (torchvision's layout) "
                           "or directly in {root}, or use the bundled digits (--data bundled).")
        else:
            text = i18n.tr("{name} is not in {root}. Put its training files {images} and {labels} (.gz as "
                           "distributed, or uncompressed) either in {layout} (torchvision's layout) or directly in "
                           "{root}, or use the bundled digits (--data bundled).")
        raise DataError(text.format(name=class_name, root=root, images=TRAIN_IMAGES, labels=TRAIN_LABELS,
                                    layout=layouts[0]))
    images_path, labels_path = found
    pixels, labels = read_idx(images_path, "images"), read_idx(labels_path, "labels")
    if len(pixels) != len(labels):
        raise DataError(i18n.tr("{images} holds {image_count:,} images but {labels} holds {label_count:,} labels: "
                                "they are not the same set (one label per image); put the matching pair side by side")
                        .format(images=images_path, image_count=len(pixels), labels=labels_path,
                                label_count=len(labels)))
    data = _from_uint8(pixels, labels, f"{class_name} ({len(pixels):,} images)")
    data.digits = digits
    return data


# --- folders of images ------------------------------------------------------------------------------------

MAX_CLASSES = 10      # the class recipes' models are told one of 10 digits (plus "no label")
SKIPPED_NAMES = 5     # how many unreadable files a DigitData names; the rest are counted


def read_image_file(path: Path, light_on_dark: bool = True, channels: int = 1, size: int = IMAGE_SIZE) -> np.ndarray:
    """One image file made grey and fitted into 28x28 (uint8): how ``folder:`` data and the Edit lab's
    "open an image" read a picture. ``light_on_dark`` turns dark strokes on a light page into MNIST's
    light strokes on black; a mask keeps its own values (white = regenerate). ``channels=3`` keeps the
    colours, (size, size, 3), and ``size`` fits it into another square (a folder of your own colour images);
    colour images are never inverted (a light photo is not a page of strokes).

    Pillow's decompression-bomb guard is kept and made firm: an image over ``Image.MAX_IMAGE_PIXELS``
    is refused from its header, never decoded. (Pillow refuses above twice the limit but only warns
    between once and twice; a warning does not stop the decode, so the size is checked here.)
    """
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as image:
            limit = Image.MAX_IMAGE_PIXELS
            if limit and image.width * image.height > limit:
                raise DataError(i18n.tr("cannot read the image {path}: it is {width}x{height} pixels, over Pillow's "
                                        "limit of {limit:,} (possibly a decompression bomb), so it was not decoded")
                                .format(path=path, width=image.width, height=image.height, limit=limit))
            grey = ImageOps.pad(image.convert("L" if channels == 1 else "RGB"), (size, size), color=None)
    except DataError:
        raise
    except Exception as exc:  # Pillow fails in many ways on damaged files, DecompressionBombError among them
        raise DataError(i18n.tr("cannot read the image {path}: {reason}").format(path=path, reason=exc)) from exc
    array = np.asarray(grey, dtype=np.uint8)
    if channels != 1:
        return array
    if light_on_dark and array.mean() > 127:  # dark strokes on a light page: invert to MNIST's light-on-dark
        array = 255 - array
    return array


def _hidden(name: str) -> bool:
    """Dot-files and macOS's archive debris (``.DS_Store``, ``._a.png``, ``__MACOSX``) are never data."""
    return name.startswith(".") or name == "__MACOSX"


def _is_image_name(name: str) -> bool:
    return not _hidden(name) and Path(name).suffix.lower() in IMAGE_SUFFIXES


def _image_files(directory: Path, recursive: bool) -> list[Path]:
    """Image files (by suffix) in ``directory``, sorted; with ``recursive`` also in its sub-folders, as
    ImageFolder reads a class folder. Linked folders are not followed, so a link loop cannot trap it."""
    if not recursive:
        return sorted(p for p in directory.iterdir() if _is_image_name(p.name) and p.is_file())
    found: list[Path] = []
    for current, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        found.extend(Path(current) / f for f in sorted(files) if _is_image_name(f) and (Path(current) / f).is_file())
    return found


def _listed(names: list[str], most: int = SKIPPED_NAMES) -> str:
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def load_image_folder(folder: Path, channels: int = 1, size: int = IMAGE_SIZE) -> DigitData:
    """Every image in ``folder``, made grey, fitted into 28x28 and light-on-dark like MNIST (or, with
    ``channels=3`` and a ``size``, kept in colour and fitted into that square).

    Two layouts, told apart by where the images are:

    * images directly in ``folder``: one unlabelled set (``labels`` None), as before. Sub-folders are
      then not read (a note says so), so a stray folder of extras never changes the data.
    * no images directly in ``folder`` but in its sub-folders: torchvision's ``ImageFolder`` layout.
      Each sub-folder holding images (at any depth inside it) is a class, numbered 0..K-1 in the
      sorted order of the names (so ``0``..``9`` are the digits when all ten are there); ``labels``
      holds them and ``classes`` the names. Sub-folders without any image file are not classes (a
      class whose files all turn out unreadable keeps its number); when digit-named folders do not
      get their own digit as class number (no ``0`` folder, say), a note says so.
      More than 10 classes: the images are still read, but as one unlabelled set (``labels`` and
      ``classes`` None, with a note), because the class recipes' models know 10 classes and the
      unlabelled recipes can still learn from them; refusing would block those.

    Files that cannot be read (damaged, not really images, over Pillow's decompression-bomb limit)
    are skipped rather than failing the whole folder: ``skipped`` names the first few (relative to
    ``folder``), ``skipped_count`` counts them, and ``notes`` says so in words. Only a folder where
    nothing is readable is refused, naming the first error. Hidden files and folders are ignored.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(i18n.tr("the image folder {folder} does not exist").format(folder=folder))
    notes: list[str] = []
    loose = _image_files(folder, recursive=False)
    subfolders = sorted((p for p in folder.iterdir() if p.is_dir() and not _hidden(p.name)), key=lambda p: p.name)
    file_labels: list[int] | None = None
    classes: list[str] | None = None
    if loose:
        files = loose
        unread = [d.name for d in subfolders if _image_files(d, recursive=True)]
        if unread:
            notes.append(i18n.tr("sub-folders not read ({names}): images lie directly in {folder}, so it is one "
                                 "unlabelled set; to label images by folder, put every image in a class sub-folder")
                         .format(names=_listed(unread), folder=folder.name))
    else:
        groups = [(d.name, _image_files(d, recursive=True)) for d in subfolders]
        groups = [(name, group) for name, group in groups if group]
        files = [file for _, group in groups for file in group]
        if not files:
            raise DataError(i18n.tr("no images ({suffixes}) found in {folder} or its sub-folders")
                            .format(suffixes=", ".join(sorted(IMAGE_SUFFIXES)), folder=folder))
        if len(groups) > MAX_CLASSES:
            notes.append(i18n.tr("{count} sub-folders of images: more than the {most} classes the class recipes "
                                 "know, so they are read as one unlabelled set").format(count=len(groups),
                                                                                        most=MAX_CLASSES))
        else:
            classes = [name for name, _ in groups]
            file_labels = [label for label, (_, group) in enumerate(groups) for _ in group]
            renumbered = [i18n.tr("{folder} is class {label}").format(folder=repr(name), label=label)
                          for label, name in enumerate(classes) if name.isdigit() and int(name) != label]
            if renumbered:
                notes.append(i18n.tr("classes are numbered by sorted folder name: {renumbered}")
                             .format(renumbered=_listed(renumbered, 3)))
    pixels: list[np.ndarray] = []
    kept_labels: list[int] = []
    skipped: list[str] = []
    first_error = ""
    for index, file in enumerate(files):
        try:
            pixels.append(read_image_file(file, channels=channels, size=size))
        except DataError as exc:
            skipped.append(file.relative_to(folder).as_posix())
            first_error = first_error or str(exc)
            continue
        if file_labels is not None:
            kept_labels.append(file_labels[index])
    if not pixels:
        raise DataError(i18n.tr("none of the {count} image files in {folder} could be read; the first: {error}")
                        .format(count=len(files), folder=folder, error=first_error))
    if skipped:
        notes.append(i18n.tr("skipped %n unreadable file(s) ({names})", None, len(skipped))
                     .format(names=_listed(skipped)))
    name = f"{folder.name} ({len(pixels)} images{f', {len(classes)} classes' if classes else ''})"
    if (channels, size) == (1, IMAGE_SIZE):
        data = _from_uint8(np.stack(pixels), kept_labels if classes else None, name)
    else:
        stacked = np.stack(pixels)
        stacked = stacked[:, None] if channels == 1 else np.moveaxis(stacked, -1, 1)  # (N, C, size, size)
        images = torch.from_numpy(np.ascontiguousarray(stacked)).float().div_(255.0)
        data = DigitData(images, torch.as_tensor(kept_labels, dtype=torch.long) if classes else None, name)
    data.digits = False  # a learner's own images: the meter cannot know they are digits
    data.classes, data.skipped, data.skipped_count, data.notes = classes, skipped[:SKIPPED_NAMES], len(skipped), notes
    return data


def load_source(spec: str = "bundled", download: bool = True, channels: int = 1,
                size: int = IMAGE_SIZE) -> DigitData:
    """Load a dataset from its spec string (see the module docstring). ``channels`` and ``size`` choose the
    images' shape: only a ``folder:`` of your own images can be read in colour or at another size."""
    kind, _, location = (spec or "bundled").partition(":")
    kind = kind.strip().lower()
    root = Path(location).expanduser() if location else None
    if channels not in (1, 3) or not 8 <= size <= 128 or size % 4:
        raise DataError(i18n.tr("images are read with 1 or 3 channels at a square size from 8 to 128 px, a multiple "
                                "of 4 (got {channels} channels, {size} px)").format(channels=channels, size=size))
    if (channels, size) != (1, IMAGE_SIZE) and kind != "folder":
        raise DataError(i18n.tr("{source} holds 28x28 grey images; --channels and --size are for folder:DIR, your own "
                                "images").format(source=kind))
    if kind == "folder" and root is not None:
        return load_image_folder(root, channels, size)
    if kind == "bundled":
        return load_bundled(root)
    if kind in _IDX_SETS:
        return load_idx_dataset(kind, root, download=download)
    if kind == "folder":
        if root is None:
            raise DataError(i18n.tr("folder: needs a path, e.g. --data folder:~/my_digits"))
        return load_image_folder(root)
    raise DataError(i18n.tr("unknown data source {source}; use bundled, mnist[:DIR], fashion-mnist[:DIR] or "
                            "folder:DIR").format(source=repr(spec)))


def fixed_picks(data: DigitData, n: int = 8, seed: int = 0) -> torch.Tensor:
    """The indices of a repeatable batch of ``n`` images: the first of each class where labels allow, so a
    preview shows every digit."""
    if data.labels is not None and n <= 10:
        picks = [int(torch.nonzero(data.labels == c)[0]) for c in range(n) if (data.labels == c).any()]
        if len(picks) == n:
            return torch.tensor(picks)
    generator = torch.Generator().manual_seed(seed)
    return torch.randperm(len(data), generator=generator)[:n]


def fixed_batch(data: DigitData, n: int = 8, seed: int = 0) -> torch.Tensor:
    """A repeatable batch of ``n`` images (one per class where labels allow) for previews."""
    return data.images[fixed_picks(data, n, seed)].clone()
