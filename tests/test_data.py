"""Data sources: the bundled digits, MNIST-style IDX folders through torchvision, image folders, and refusals."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.core.data import DigitData, fixed_batch, load_bundled, load_source
from diffviz.core.errors import DataError

IDX_NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


# --- the bundled digits -----------------------------------------------------------------------------------

def test_bundled_digits(bundled_data):
    images, labels = bundled_data.images, bundled_data.labels
    assert len(bundled_data) == 10_000
    assert images.shape == (10_000, 1, 28, 28)
    assert images.dtype == torch.float32
    assert float(images.min()) == 0.0 and float(images.max()) == 1.0
    # ToTensor of uint8 pixels: every value is a multiple of 1/255
    sample = images[::97]
    assert torch.allclose(sample * 255, torch.round(sample * 255), atol=1e-3)
    assert labels.shape == (10_000,)
    counts = torch.bincount(labels, minlength=10)
    assert counts.shape == (10,)
    assert sorted(torch.unique(labels).tolist()) == list(range(10))
    assert all(800 <= int(c) <= 1200 for c in counts), counts.tolist()
    # MNIST digits are light strokes on a dark background
    assert float(images.mean()) < 0.25


def test_load_source_bundled_is_the_default():
    for spec in ("bundled", "", " Bundled"):
        data = load_source(spec)
        assert len(data) == 10_000 and data.images.shape[1:] == (1, 28, 28)


def test_bundled_file_missing_or_damaged(tmp_path):
    with pytest.raises(DataError, match="missing"):
        load_source(f"bundled:{tmp_path / 'nothing.npz'}")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"PK\x03\x04 this is not a zip archive")
    with pytest.raises(DataError, match="cannot be read"):
        load_bundled(junk)
    wrong = tmp_path / "wrong.npz"
    np.savez(wrong, images=np.zeros((3, 14, 14), np.uint8), labels=np.zeros(3, np.int64))
    with pytest.raises(DataError, match="unexpected layout"):
        load_bundled(wrong)


def test_bundled_file_with_pickled_objects_is_refused(tmp_path):
    evil = tmp_path / "evil.npz"
    np.savez(evil, images=np.array([object()], dtype=object), labels=np.zeros(1, np.int64))
    with pytest.raises(DataError):
        load_bundled(evil)


# --- MNIST-style IDX folders ------------------------------------------------------------------------------

def _idx_images(images: np.ndarray) -> bytes:
    n, h, w = images.shape
    return struct.pack(">IIII", 0x00000803, n, h, w) + images.astype(np.uint8).tobytes()


def _idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 0x00000801, len(labels)) + labels.astype(np.uint8).tobytes()


def _write_idx_dataset(root: Path, folder: str, train_images: np.ndarray, train_labels: np.ndarray,
                       names=IDX_NAMES) -> Path:
    raw = root / folder / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(1)
    test_images = rng.integers(0, 256, (2, 28, 28), dtype=np.uint8)
    contents = {
        "train-images-idx3-ubyte": _idx_images(train_images),
        "train-labels-idx1-ubyte": _idx_labels(train_labels),
        "t10k-images-idx3-ubyte": _idx_images(test_images),
        "t10k-labels-idx1-ubyte": _idx_labels(np.array([3, 4])),
    }
    for name in names:
        (raw / name).write_bytes(contents[name])
    return raw


@pytest.fixture
def tiny_idx():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (5, 28, 28), dtype=np.uint8), np.array([7, 1, 0, 9, 1])


@pytest.mark.parametrize("kind, folder", [("mnist", "MNIST"), ("fashion-mnist", "FashionMNIST")])
def test_a_tiny_valid_idx_dataset_loads(tmp_path, tiny_idx, kind, folder):
    images, labels = tiny_idx
    _write_idx_dataset(tmp_path, folder, images, labels)
    data = load_source(f"{kind}:{tmp_path}", download=False)
    assert isinstance(data, DigitData)
    assert data.images.shape == (5, 1, 28, 28) and data.images.dtype == torch.float32
    assert torch.equal(data.images, torch.from_numpy(images).float().div(255).reshape(5, 1, 28, 28))
    assert data.labels.tolist() == labels.tolist()  # the training split, not t10k


def test_missing_mnist_names_the_files_to_put_there(tmp_path):
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    message = str(info.value)
    assert "train-images-idx3-ubyte" in message and "train-labels-idx1-ubyte" in message
    assert str(tmp_path / "MNIST" / "raw") in message
    assert "bundled" in message


def test_the_named_files_are_enough(tmp_path, tiny_idx):
    """Whatever files the 'not found' message asks for, putting exactly those there makes loading work."""
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    named = [n for n in IDX_NAMES if n in str(info.value)]
    _write_idx_dataset(tmp_path, "MNIST", *tiny_idx, names=named)
    assert len(load_source(f"mnist:{tmp_path}", download=False)) == 5


def test_junk_idx_files_raise_data_error(tmp_path):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in IDX_NAMES:
        (raw / name).write_bytes(b"\x00\x00\x00\x00 this is not an IDX file at all")
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert "train-images-idx3-ubyte" in str(info.value)


@pytest.mark.parametrize("damage", ["swapped", "truncated", "wrong-size"])
def test_damaged_idx_files_are_called_damaged(tmp_path, tiny_idx, damage):
    images, labels = tiny_idx
    raw = _write_idx_dataset(tmp_path, "MNIST", images, labels)
    target = raw / "train-images-idx3-ubyte"
    if damage == "swapped":  # a labels file where the images belong: one dimension, not three
        target.write_bytes(_idx_labels(labels))
    elif damage == "truncated":  # the header promises 5 images, the file holds 2
        target.write_bytes(target.read_bytes()[: 16 + 2 * 28 * 28])
    else:  # 14x14 images
        target.write_bytes(_idx_images(np.zeros((5, 14, 14), np.uint8)))
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    message = str(info.value).replace(str(tmp_path), "<root>").lower()  # the test's own path says "damaged"
    assert "damaged" in message or "unexpected shape" in message, message
    assert "not found" not in message


# --- folders of images ------------------------------------------------------------------------------------

def _stroke(size: tuple[int, int], background: int, ink: int) -> Image.Image:
    image = Image.new("L", size, background)
    w, h = size
    for y in range(h // 4, 3 * h // 4):
        for x in range(w // 2 - max(1, w // 10), w // 2 + max(1, w // 10)):
            image.putpixel((x, y), ink)
    return image


def test_image_folder(tmp_path):
    _stroke((28, 28), 0, 255).save(tmp_path / "a_light_on_dark.png")
    _stroke((64, 64), 255, 0).save(tmp_path / "b_dark_on_light.png")       # must be inverted
    _stroke((40, 20), 10, 240).convert("RGB").save(tmp_path / "c_wide_colour.png")
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "sub").mkdir()
    _stroke((28, 28), 0, 255).save(tmp_path / "sub" / "ignored.png")     # not recursive
    data = load_source(f"folder:{tmp_path}")
    assert len(data) == 3 and data.labels is None
    assert data.images.shape == (3, 1, 28, 28) and data.images.dtype == torch.float32
    assert float(data.images.min()) >= 0.0 and float(data.images.max()) <= 1.0
    for image in data.images:  # every image is light-on-dark, like MNIST
        assert float(image.mean()) < 0.5
        assert float(image.max()) > 0.8
    inverted = data.images[1, 0]
    assert float(inverted[0, 0]) == 0.0 and float(inverted[14, 14]) == 1.0


def test_image_folder_refusals(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_source(f"folder:{tmp_path / 'missing'}")
    with pytest.raises(DataError, match="no images"):
        load_source(f"folder:{tmp_path}")
    with pytest.raises(DataError, match="needs a path"):
        load_source("folder:")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n but then nothing sensible")
    with pytest.raises(DataError, match="broken.png"):
        load_source(f"folder:{tmp_path}")


@pytest.mark.parametrize("spec", ["unknown:source", "cifar10", "http://example.com/mnist.npz", "pickle:x.pkl"])
def test_unknown_source(spec):
    with pytest.raises(DataError, match="unknown data source"):
        load_source(spec, download=False)


# --- the preview batch ------------------------------------------------------------------------------------

def test_fixed_batch_one_per_class(bundled_data):
    for n in (1, 8, 10):
        batch = fixed_batch(bundled_data, n)
        assert batch.shape == (n, 1, 28, 28)
        for c in range(n):
            first = int(torch.nonzero(bundled_data.labels == c)[0])
            assert torch.equal(batch[c], bundled_data.images[first])


def test_fixed_batch_is_a_copy_and_repeatable(bundled_data):
    batch = fixed_batch(bundled_data, 16, seed=3)
    assert batch.shape == (16, 1, 28, 28)
    assert torch.equal(batch, fixed_batch(bundled_data, 16, seed=3))
    assert not torch.equal(batch, fixed_batch(bundled_data, 16, seed=4))
    before = bundled_data.images[:1].clone()
    fixed_batch(bundled_data, 4).fill_(0.5)
    assert torch.equal(bundled_data.images[:1], before)


def test_fixed_batch_without_labels():
    data = DigitData(torch.rand(30, 1, 28, 28), None, "unlabelled")
    batch = fixed_batch(data, 8, seed=0)
    assert batch.shape == (8, 1, 28, 28)
    assert torch.equal(batch, fixed_batch(data, 8, seed=0))
