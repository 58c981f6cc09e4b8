"""Your data as it comes: IDX files as their authors ship them (.gz or not, in DIR or torchvision's layout),
image folders with class sub-folders, unreadable files skipped and named, and bounded decompression."""

from __future__ import annotations

import gzip
import struct
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from diffviz.core.data import MAX_IDX_IMAGES, SKIPPED_NAMES, DigitData, load_bundled, load_source, read_image_file
from diffviz.core.errors import DataError

TRAIN_IMAGES, TRAIN_LABELS = "train-images-idx3-ubyte", "train-labels-idx1-ubyte"


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    """300 real digits of every class (the bundled set is sorted by label: every 33rd) as uint8 (N, 28, 28)."""
    data = load_bundled()
    pixels = data.images[::33][:300, 0].mul(255).round().byte().numpy()
    labels = data.labels[::33][:300].numpy().astype(np.uint8)
    assert len(pixels) == 300 and set(labels.tolist()) == set(range(10))
    return pixels, labels


def _idx_images(images: np.ndarray, n: int | None = None) -> bytes:
    count, h, w = images.shape
    return struct.pack(">IIII", 0x00000803, count if n is None else n, h, w) + images.astype(np.uint8).tobytes()


def _idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 0x00000801, len(labels)) + labels.astype(np.uint8).tobytes()


def _write(path: Path, content: bytes, compressed: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_name(path.name + ".gz") if compressed else path
    target.write_bytes(gzip.compress(content) if compressed else content)
    return target


def _as_uint8(data: DigitData) -> np.ndarray:
    return data.images[:, 0].mul(255).round().byte().numpy()


# --- IDX files as distributed -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["mnist", "fashion-mnist"])
@pytest.mark.parametrize("images_gz, labels_gz", [(True, True), (False, False), (True, False)])
def test_idx_files_directly_in_the_folder_load(tmp_path, digits, kind, images_gz, labels_gz):
    """The authors' four files sit in one folder, gzipped; only the training pair is needed (no t10k here)."""
    pixels, labels = digits
    _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels), images_gz)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), labels_gz)
    data = load_source(f"{kind}:{tmp_path}", download=False)
    assert data.images.shape == (300, 1, 28, 28)
    assert np.array_equal(_as_uint8(data), pixels)
    assert data.labels.tolist() == labels.tolist()
    assert data.classes is None and data.skipped_count == 0


def test_gz_files_in_torchvisions_layout_load_and_that_layout_comes_first(tmp_path, digits):
    """torchvision leaves the .gz files in MNIST/raw; they are enough. Both layouts present: torchvision's wins."""
    pixels, labels = digits
    _write(tmp_path / "MNIST" / "raw" / TRAIN_IMAGES, _idx_images(pixels[:40]), True)
    _write(tmp_path / "MNIST" / "raw" / TRAIN_LABELS, _idx_labels(labels[:40]), True)
    _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels[40:50]), True)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels[40:50]), True)
    data = load_source(f"mnist:{tmp_path}", download=False)
    assert len(data) == 40 and np.array_equal(_as_uint8(data), pixels[:40])
    assert data.labels.tolist() == labels[:40].tolist()


def test_nothing_there_names_both_layouts(tmp_path):
    with pytest.raises(DataError) as info:
        load_source(f"fashion-mnist:{tmp_path}", download=False)
    message = str(info.value)
    assert str(tmp_path / "FashionMNIST" / "raw") in message          # torchvision's layout
    assert f"directly in {tmp_path}" in message                       # the authors' layout
    assert TRAIN_IMAGES in message and TRAIN_LABELS in message and ".gz" in message


def test_images_without_their_labels_say_which_file_is_missing(tmp_path, digits):
    _write(tmp_path / TRAIN_IMAGES, _idx_images(digits[0]), True)
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    message = str(info.value)
    assert f"{TRAIN_LABELS} (or {TRAIN_LABELS}.gz) is missing" in message and str(tmp_path) in message


@pytest.mark.parametrize("cut", [10, 3000, -30])
def test_a_truncated_gz_is_refused_naming_the_file(tmp_path, digits, cut):
    """Cut inside the header, inside the pixels, and just before the gzip trailer (its CRC and length)."""
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels), True)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), True)
    images.write_bytes(images.read_bytes()[:cut])
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert str(images) in str(info.value)


def test_a_complete_gz_with_fewer_images_than_its_header_is_refused(tmp_path, digits):
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels[:200], n=300), True)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), True)
    with pytest.raises(DataError, match="truncated") as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert str(images) in str(info.value)


@pytest.mark.parametrize("content, says", [
    (lambda p, l: _idx_labels(l), "0x00000801 (an IDX labels file)"),
    (lambda p, l: b"\x89PNG\r\n\x1a\n" + bytes(2000), "not an IDX file"),
    (lambda p, l: _idx_images(np.zeros((3, 32, 32), np.uint8)), "32x32"),
])
def test_a_foreign_images_file_is_refused_naming_the_file(tmp_path, digits, content, says):
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, content(pixels, labels), True)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), True)
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert str(images) in str(info.value) and says in str(info.value)


def test_labels_outside_0_to_9_are_refused(tmp_path, digits):
    pixels, labels = digits
    _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels), False)
    bad = _write(tmp_path / TRAIN_LABELS, _idx_labels(np.where(labels == 3, 26, labels)), False)
    with pytest.raises(DataError, match="up to 26") as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert str(bad) in str(info.value)


def test_images_and_labels_of_different_counts_are_refused(tmp_path, digits):
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels), True)
    label_file = _write(tmp_path / TRAIN_LABELS, _idx_labels(labels[:299]), True)
    with pytest.raises(DataError) as info:
        load_source(f"mnist:{tmp_path}", download=False)
    message = str(info.value)
    assert str(images) in message and str(label_file) in message
    assert "300 images" in message and "299 labels" in message


def test_a_plain_file_with_extra_bytes_is_refused(tmp_path, digits):
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels) + bytes(784), False)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), False)
    with pytest.raises(DataError, match="extra data") as info:
        load_source(f"mnist:{tmp_path}", download=False)
    assert str(images) in str(info.value)


def test_a_header_claiming_too_many_images_is_refused_from_the_header(tmp_path, digits):
    """4 billion images claimed in a tiny file: refused before anything is allocated for them."""
    pixels, labels = digits
    images = _write(tmp_path / TRAIN_IMAGES, _idx_images(pixels[:2], n=0xFFFFFFFF), True)
    _write(tmp_path / TRAIN_LABELS, _idx_labels(labels), True)
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match=f"{MAX_IDX_IMAGES:,}") as info:
            load_source(f"mnist:{tmp_path}", download=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(images) in str(info.value)
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MiB allocated for a refused header"


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path, digits):
    """A 1 MiB .gz whose header claims 60,000 images but which inflates to 1 GiB: reading stops at what the
    header promises (47 MB), so far less than the bomb is ever held in memory."""
    pixels, labels = digits
    zeros = gzip.compress(bytes(16 * 2**20), compresslevel=9)  # 16 MiB of zeros in about 16 KiB
    bomb = tmp_path / f"{TRAIN_IMAGES}.gz"
    bomb.write_bytes(gzip.compress(struct.pack(">IIII", 0x00000803, 60_000, 28, 28)) + zeros * 64)  # members
    assert bomb.stat().st_size < 2 * 2**20
    _write(tmp_path / TRAIN_LABELS, _idx_labels(np.zeros(60_000, np.uint8)), True)
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="gzip bomb") as info:
            load_source(f"mnist:{tmp_path}", download=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(bomb) in str(info.value)
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MiB allocated while refusing a gzip bomb"


# --- image folders ----------------------------------------------------------------------------------------

def _png(path: Path, pixels: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels, mode="L").save(path)
    return path


def test_sub_folders_are_classes_in_sorted_order(tmp_path, digits):
    """Each sub-folder holding images is a class, numbered in sorted name order; images inside nested folders
    belong to their class folder; hidden folders and folders without images are not classes."""
    pixels, _ = digits
    layout = {"zero": [0, 1], "b_one": [2], "a_two": [3, 4, 5]}  # sorted: a_two=0, b_one=1, zero=2
    for folder, picks in layout.items():
        for i in picks:
            _png(tmp_path / folder / f"{i:03d}.png", pixels[i])
    _png(tmp_path / "zero" / "more" / "006.png", pixels[6])            # nested: still class "zero"
    _png(tmp_path / ".hidden" / "007.png", pixels[7])                 # hidden: not data
    (tmp_path / "empty_notes").mkdir()
    (tmp_path / "empty_notes" / "readme.txt").write_text("no images here")
    data = load_source(f"folder:{tmp_path}")
    assert data.classes == ["a_two", "b_one", "zero"]
    assert data.labels.tolist() == [0, 0, 0, 1, 2, 2, 2]
    assert np.array_equal(_as_uint8(data), pixels[[3, 4, 5, 2, 0, 1, 6]])
    assert data.skipped == [] and data.skipped_count == 0 and data.notes == []
    assert "3 classes" in data.name


def test_images_directly_in_the_folder_stay_one_unlabelled_set(tmp_path, digits):
    pixels, _ = digits
    _png(tmp_path / "a.png", pixels[0])
    _png(tmp_path / "b.png", pixels[1])
    _png(tmp_path / "sevens" / "c.png", pixels[2])
    data = load_source(f"folder:{tmp_path}")
    assert len(data) == 2 and data.labels is None and data.classes is None
    assert any("sevens" in note and "not read" in note for note in data.notes), data.notes


def test_more_than_ten_sub_folders_are_read_unlabelled_with_a_note(tmp_path, digits):
    pixels, _ = digits
    for k in range(11):
        _png(tmp_path / f"letter_{k:02d}" / "x.png", pixels[k])
    data = load_source(f"folder:{tmp_path}")
    assert len(data) == 11 and data.labels is None and data.classes is None
    assert any("11 sub-folders" in note and "10 classes" in note for note in data.notes), data.notes


def test_ten_digit_folders_are_the_digits_and_a_gap_is_pointed_out(tmp_path, digits):
    pixels, labels = digits
    for k in range(10):
        _png(tmp_path / "all" / str(k) / "x.png", pixels[int(np.nonzero(labels == k)[0][0])])
    data = load_source(f"folder:{tmp_path / 'all'}")
    assert data.classes == [str(k) for k in range(10)] and data.labels.tolist() == list(range(10))
    assert data.notes == []
    for k in (1, 2, 3):  # no folder "0": "1" becomes class 0, which a person should be told
        _png(tmp_path / "gap" / str(k) / "x.png", pixels[k])
    gap = load_source(f"folder:{tmp_path / 'gap'}")
    assert gap.labels.tolist() == [0, 1, 2]
    assert any("'1' is class 0" in note for note in gap.notes), gap.notes


def test_unreadable_files_are_skipped_counted_and_named(tmp_path, digits):
    pixels, _ = digits
    _png(tmp_path / "ones" / "good_a.png", pixels[0])
    _png(tmp_path / "twos" / "good_b.png", pixels[1])
    _png(tmp_path / "twos" / "good_c.png", pixels[2])
    (tmp_path / "ones" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n but then nothing sensible")
    (tmp_path / "twos" / "text.jpg").write_text("not a JPEG")
    (tmp_path / "twos" / "._good_b.png").write_bytes(b"macOS resource fork")  # hidden: ignored, not skipped
    data = load_source(f"folder:{tmp_path}")
    assert len(data) == 3 and data.labels.tolist() == [0, 1, 1]
    assert np.array_equal(_as_uint8(data), pixels[[0, 1, 2]])
    assert data.skipped_count == 2
    assert data.skipped == ["ones/broken.png", "twos/text.jpg"]
    assert "skipped 2 unreadable files (ones/broken.png, twos/text.jpg)" in data.notes


def test_many_unreadable_files_are_counted_and_the_first_few_named(tmp_path, digits):
    _png(tmp_path / "keep.png", digits[0][0])
    for i in range(SKIPPED_NAMES + 3):
        (tmp_path / f"bad_{i}.png").write_bytes(b"junk")
    data = load_source(f"folder:{tmp_path}")
    assert len(data) == 1 and data.skipped_count == SKIPPED_NAMES + 3
    assert data.skipped == [f"bad_{i}.png" for i in range(SKIPPED_NAMES)]
    assert any(note.startswith(f"skipped {SKIPPED_NAMES + 3} unreadable files") and note.endswith(", ...)")
               for note in data.notes), data.notes


def test_nothing_readable_is_refused_naming_the_folder_and_the_first_error(tmp_path):
    (tmp_path / "class_a").mkdir()
    (tmp_path / "class_a" / "first.png").write_bytes(b"junk")
    (tmp_path / "class_a" / "second.gif").write_bytes(b"junk")
    with pytest.raises(DataError) as info:
        load_source(f"folder:{tmp_path}")
    message = str(info.value)
    assert str(tmp_path) in message and "none of the 2 image files" in message and "first.png" in message


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """The file names Pillow decodes pixels of (ImageFile.load is where every plugin's decoding starts)."""
    names: list[str] = []
    original = ImageFile.ImageFile.load

    def spy(self):
        names.append(Path(getattr(self, "filename", "") or "").name)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return names


@pytest.mark.parametrize("pillow_warnings", ["as errors", "ignored"])
def test_decompression_bomb_images_are_skipped_never_decoded(tmp_path, digits, monkeypatch, decoded,
                                                             pillow_warnings):
    """Pillow refuses an image over twice MAX_IMAGE_PIXELS but only warns over once; with its warning
    ignored (as outside the test suite, where warnings are not errors) the image must still not be decoded."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 28x28 = 784 is within it
    _png(tmp_path / "fine.png", digits[0][0])
    _png(tmp_path / "warned.png", np.zeros((40, 40), np.uint8))     # 1,600 pixels: Pillow only warns
    _png(tmp_path / "refused.png", np.zeros((100, 100), np.uint8))  # 10,000: Pillow raises
    with warnings.catch_warnings():
        warnings.simplefilter("error" if pillow_warnings == "as errors" else "ignore", Image.DecompressionBombWarning)
        data = load_source(f"folder:{tmp_path}")
    assert len(data) == 1 and np.array_equal(_as_uint8(data), digits[0][:1])
    assert data.skipped == ["refused.png", "warned.png"] and data.skipped_count == 2
    assert "fine.png" in decoded                        # the spy sees decoding...
    assert "warned.png" not in decoded and "refused.png" not in decoded  # ...and the bombs were never decoded


def test_read_image_file_refuses_a_bomb_for_the_edit_lab_too(tmp_path, monkeypatch, decoded):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = _png(tmp_path / "big.png", np.zeros((40, 40), np.uint8))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with pytest.raises(DataError, match="not decoded") as info:
            read_image_file(path)
    assert str(path) in str(info.value) and decoded == []
