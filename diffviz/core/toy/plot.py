"""A scatter plot of points as a PNG, drawn with Pillow: what ``diffviz toy`` writes for ``--out FILE.png``.

Why Pillow and not a plotting library: the points are standardised, so one fixed window (±3 standard deviations)
shows any data set and its samples alike, and a dot per point is all a learner needs to compare two clouds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from diffviz.core.atomic import atomic_write

EXTENT = 3.0  # the window shows ±3 standard deviations


def scatter_png(points: np.ndarray, out: str | Path, size: int = 512, classes: np.ndarray | None = None) -> Path:
    """``points`` (N, 2), standardised, as white dots (or one colour per class) on black; written atomically."""
    from PIL import Image

    points = np.asarray(points, np.float64)
    pixels = np.zeros((size, size, 3), np.uint8)
    inside = np.isfinite(points).all(1) & (np.abs(points) < EXTENT).all(1)
    cols = ((points[inside, 0] + EXTENT) / (2 * EXTENT) * (size - 1)).astype(int)
    rows = ((EXTENT - points[inside, 1]) / (2 * EXTENT) * (size - 1)).astype(int)  # y up
    palette = np.array([[255, 255, 255], [255, 120, 80], [90, 170, 255], [120, 220, 120], [250, 210, 80],
                        [200, 120, 255], [80, 220, 220], [255, 140, 200], [170, 170, 170], [200, 255, 140]],
                       np.uint8)
    colours = palette[0] if classes is None else palette[np.asarray(classes)[inside] % len(palette)]
    for dr in (0, 1):
        for dc in (0, 1):
            pixels[np.minimum(rows + dr, size - 1), np.minimum(cols + dc, size - 1)] = colours
    return atomic_write(Path(out), lambda handle: Image.fromarray(pixels, "RGB").save(handle, "PNG"))
