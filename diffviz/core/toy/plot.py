"""A scatter plot of points as a PNG, drawn with Pillow: what ``diffviz toy`` writes for ``--out FILE.png``.

Why Pillow and not a plotting library: the points are standardised, so one fixed window (±3 standard deviations)
shows any data set and its samples alike, and a dot per point is all a learner needs to compare two clouds.

The dot rasteriser (``draw_dots``) is the one copy of that drawing: the scatter plot here and every frame of an
animation of particles (``core.toy.render``) put their dots down with it, in numpy (20,000 dots in about a
millisecond), so a plot and an animation of the same points look the same.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from diffviz.core.atomic import atomic_write

EXTENT = 3.0  # the window shows ±3 standard deviations
DATA_SHADE = 70  # the training data under samples or particles: faint grey on a dark canvas
# one colour per class (0..9), the first white: what an unlabelled point is drawn in
PALETTE = np.array([[255, 255, 255], [255, 120, 80], [90, 170, 255], [120, 220, 120], [250, 210, 80],
                    [200, 120, 255], [80, 220, 220], [255, 140, 200], [170, 170, 170], [200, 255, 140]], np.uint8)


def pixel_coordinates(points: np.ndarray, size: int, extent: float = EXTENT) -> tuple[np.ndarray, np.ndarray]:
    """Where points (..., 2) fall on a ``size`` px square showing ±``extent``: (columns, rows) as floats, y up
    (row 0 at the top is y = +extent). Points outside the window fall outside 0..size-1."""
    points = np.asarray(points, np.float64)
    cols = (points[..., 0] + extent) / (2 * extent) * (size - 1)
    rows = (extent - points[..., 1]) / (2 * extent) * (size - 1)
    return cols, rows


def class_colours(classes: np.ndarray) -> np.ndarray:
    """(N,) class numbers -> (N, 3) uint8 colours of ``PALETTE``."""
    return PALETTE[np.asarray(classes, np.int64) % len(PALETTE)]


def draw_dots(pixels: np.ndarray, points: np.ndarray, colours, dot: int = 2, extent: float = EXTENT) -> None:
    """Put a ``dot`` x ``dot`` px square at each point (N, 2) inside ±``extent`` onto the square canvas ``pixels``,
    in place: (S, S) grey or (S, S, 3) colour uint8. ``colours`` is one colour for all (a grey level, or an RGB
    triple) or one per point ((N,) greys, (N, 3) RGB); NaN and points outside the window are skipped."""
    points = np.asarray(points, np.float64).reshape(-1, 2)
    size = pixels.shape[0]
    inside = np.isfinite(points).all(1) & (np.abs(points) < extent).all(1)
    cols, rows = pixel_coordinates(points[inside], size, extent)
    cols, rows = cols.astype(np.intp), rows.astype(np.intp)
    colours = np.asarray(colours, np.uint8)
    if colours.ndim == pixels.ndim - 1:  # one per point
        colours = colours[inside]
    offsets = range(-((dot - 1) // 2), dot // 2 + 1)
    for dr in offsets:
        for dc in offsets:
            pixels[np.clip(rows + dr, 0, size - 1), np.clip(cols + dc, 0, size - 1)] = colours


def scatter_png(points: np.ndarray, out: str | Path, size: int = 512, classes: np.ndarray | None = None,
                data: np.ndarray | None = None) -> Path:
    """``points`` (N, 2), standardised, as white dots (or one colour per class) on black, over ``data`` (M, 2) in
    faint grey if given; written atomically."""
    from PIL import Image

    pixels = np.zeros((size, size, 3), np.uint8)
    if data is not None:
        draw_dots(pixels, data, (DATA_SHADE,) * 3)
    draw_dots(pixels, points, PALETTE[0] if classes is None else class_colours(classes))
    return atomic_write(Path(out), lambda handle: Image.fromarray(pixels, "RGB").save(handle, "PNG"))
