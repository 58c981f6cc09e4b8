"""Point data sets for the 2-D lab, each standardised (mean 0, standard deviation 1 over both coordinates).

Why standardised: the noise the processes add is Gaussian or uniform of a fixed scale, so data of any scale is
brought to one the noise can cover, as pixels are brought to [0, 1]; the data set owns that mapping, not the
process. Each set is an object in a registry (``DATASETS``) with a summary a learner reads; ``make(name, n,
seed)`` draws ``n`` points. A CSV of one's own points comes through ``read_points_csv``, a file door like the
others: bounded, checked, one line naming the file for anything it cannot read. Points a learner draws or sprays
with the mouse come through ``points_from_strokes``; those are not standardised, since they are drawn in the
data's own window.

The ``word`` set is letters, because a learner knows at a glance whether a sample reads as the word: the text is
drawn by Pillow's own scalable font (bundled with Pillow since 10.1, so nothing is downloaded) into a mask and
points are drawn from its pixels.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from diffviz.core import i18n
from diffviz.core.errors import ConfigError, DataError

MAX_POINTS = 100_000          # a data set or a CSV; enough to see any shape, far below a memory bomb
MAX_CSV_BYTES = 16 * 1024**2  # 100,000 rows of three long numbers fit many times over
MAX_CLASSES = 10


def standardise(points: np.ndarray) -> np.ndarray:
    """Points moved to mean 0 and scaled to one standard deviation over both coordinates (shape kept)."""
    points = np.asarray(points, dtype=np.float64)
    centred = points - points.mean(axis=0)
    scale = float(np.sqrt((centred ** 2).mean())) or 1.0
    return (centred / scale).astype(np.float32)


def _moons(n: int, rng: np.random.Generator) -> np.ndarray:
    upper = n // 2
    angle = rng.uniform(0, math.pi, n)
    x = np.where(np.arange(n) < upper, np.cos(angle), 1 - np.cos(angle))
    y = np.where(np.arange(n) < upper, np.sin(angle), 0.5 - np.sin(angle))
    return np.stack([x, y], 1) + rng.normal(0, 0.05, (n, 2))


def _eight_gaussians(n: int, rng: np.random.Generator) -> np.ndarray:
    centre = rng.integers(0, 8, n) * (2 * math.pi / 8)
    return 2 * np.stack([np.cos(centre), np.sin(centre)], 1) + rng.normal(0, 0.1, (n, 2))


def _swiss_roll(n: int, rng: np.random.Generator) -> np.ndarray:
    turn = 1.5 * math.pi * (1 + 2 * rng.uniform(0, 1, n))
    return np.stack([turn * np.cos(turn), turn * np.sin(turn)], 1) / 5 + rng.normal(0, 0.1, (n, 2))


def _checkerboard(n: int, rng: np.random.Generator) -> np.ndarray:
    x = rng.uniform(-2, 2, n)
    y = rng.uniform(0, 1, n) + rng.integers(0, 2, n) * 2 - 2  # in [-2, -1) or [0, 1)
    y = y + np.floor(x) % 2                                    # shifted up by one square on every other column
    return np.stack([x, y], 1)


def _rings(n: int, rng: np.random.Generator) -> np.ndarray:
    radius = np.where(rng.uniform(0, 1, n) < 1 / 3, 1.0, 2.0)
    angle = rng.uniform(0, 2 * math.pi, n)
    return radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], 1) + rng.normal(0, 0.08, (n, 2))


WORD = "DIFF"        # short, and each letter a different mix of straight strokes, corners and a hole
WORD_FONT_SIZE = 64  # px: strokes about 7 px thick, about 1,800 pixels of ink to draw points from


@functools.lru_cache(maxsize=2)
def _word_mask(word: str, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ink of ``word`` drawn in Pillow's font at ``size`` px: (columns, rows, ink 0..1) of every inked pixel."""
    from PIL import Image, ImageDraw

    from diffviz.core.export import caption_font  # Pillow's bundled font, loaded once per size

    font = caption_font(size)
    left, top, right, bottom = font.getbbox(word)
    canvas = Image.new("L", (right - left + 2, bottom - top + 2), 0)
    ImageDraw.Draw(canvas).text((1 - left, 1 - top), word, fill=255, font=font)
    ink = np.asarray(canvas, np.float64) / 255.0
    rows, cols = np.nonzero(ink)
    return cols.astype(np.float64), rows.astype(np.float64), ink[rows, cols]


def _word(n: int, rng: np.random.Generator) -> np.ndarray:
    cols, rows, ink = _word_mask(WORD, WORD_FONT_SIZE)
    pixel = rng.choice(len(ink), n, p=ink / ink.sum())    # an anti-aliased edge pixel is drawn as often as it is inked
    x = cols[pixel] + rng.uniform(0, 1, n)                 # anywhere inside the pixel, so no grid shows
    y = -(rows[pixel] + rng.uniform(0, 1, n))              # image rows run down; y runs up, so the word reads upright
    return np.stack([x, y], 1)


@dataclass(frozen=True)
class PointSet:
    """A named 2-D data set: its title and what it is, in a sentence (both marked with ``i18n.QT_TR_NOOP``, shown
    through ``i18n.tr``), and how to draw from it (before standardising). ``name`` is what the CLI and files say."""

    name: str
    title: str
    summary: str
    draw: Callable[[int, np.random.Generator], np.ndarray]


DATASETS = {s.name: s for s in (
    PointSet("moons", i18n.QT_TR_NOOP("two moons"), i18n.QT_TR_NOOP("two interleaved half circles: thin curved structures"), _moons),
    PointSet("8gaussians", i18n.QT_TR_NOOP("eight Gaussians"), i18n.QT_TR_NOOP("eight small round clusters on a circle: well separated modes"),
             _eight_gaussians),
    PointSet("swissroll", i18n.QT_TR_NOOP("Swiss roll"), i18n.QT_TR_NOOP("a spiral: one long thin curve that winds around itself"), _swiss_roll),
    PointSet("checkerboard", i18n.QT_TR_NOOP("checkerboard"), i18n.QT_TR_NOOP("eight squares of a checkerboard: sharp edges and empty squares between"),
             _checkerboard),
    PointSet("rings", i18n.QT_TR_NOOP("two rings"), i18n.QT_TR_NOOP("two concentric circles: a hole in the middle of the data"), _rings),
    # the word is WORD's, written out: a marked text is one literal
    PointSet("word", i18n.QT_TR_NOOP("the word DIFF"), i18n.QT_TR_NOOP("the word DIFF in Pillow's font: letters a learner can read, straight strokes, "
                                     "corners and a hole"), _word),
)}


def make(name: str, n: int, seed: int = 0) -> np.ndarray:
    """``n`` standardised points of the data set ``name``, (n, 2) float32, repeatable by ``seed``."""
    if name not in DATASETS:
        raise ConfigError(i18n.tr("unknown 2-D data set {name}; choose one of {names} or csv:FILE")
                          .format(name=repr(name), names=", ".join(DATASETS)))
    if not 2 <= n <= MAX_POINTS:
        raise ConfigError(i18n.tr("the number of points must be between 2 and {most:,} (got {n})")
                          .format(most=MAX_POINTS, n=n))
    rng = np.random.default_rng(seed)
    points = DATASETS[name].draw(n, rng)
    return standardise(points[rng.permutation(n)])  # shuffled: any first k points are a fair sample of the set


MAX_STROKES = 10_000  # strokes (or clicks) in one drawing: far more than a hand draws


def points_from_strokes(strokes: Sequence[np.ndarray], n: int, spread: float = 0.1, seed: int = 0) -> np.ndarray:
    """``n`` points along and around what a learner drew, (n, 2) float32 in the drawing's own coordinates (not
    standardised: the app draws in the data's ±3 window). Each stroke is a polyline (K, 2); points fall evenly
    along all the strokes' length, each moved by Gaussian noise of standard deviation ``spread``. A stroke of one
    point (a click) is a spray blob of that spread around it, counted as long as the blob is wide (4 spreads).
    An empty drawing, a stroke that is not (K, 2) numbers, or NaN is refused in one line."""
    if not 2 <= n <= MAX_POINTS:
        raise ConfigError(i18n.tr("the number of points must be between 2 and {most:,} (got {n})")
                          .format(most=MAX_POINTS, n=n))
    if not (math.isfinite(spread) and spread >= 0):
        raise ConfigError(i18n.tr("the spread must be a finite number of 0 or more (got {spread})")
                          .format(spread=spread))
    if len(strokes) > MAX_STROKES:
        raise DataError(i18n.tr("the drawing has {count:,} strokes; at most {most:,} are read")
                        .format(count=len(strokes), most=MAX_STROKES))
    lines = []
    for number, stroke in enumerate(strokes, start=1):
        try:
            line = np.asarray(stroke, np.float64)
        except (TypeError, ValueError):
            raise DataError(i18n.tr("stroke {number} of the drawing is not a list of x,y points")
                            .format(number=number)) from None
        if line.size == 0:
            continue
        if line.ndim != 2 or line.shape[1] != 2:
            raise DataError(i18n.tr("stroke {number} of the drawing has shape {shape}; (K, 2) x,y points are expected")
                            .format(number=number, shape=line.shape))
        if not np.isfinite(line).all():
            raise DataError(i18n.tr("stroke {number} of the drawing holds NaN or infinite coordinates")
                            .format(number=number))
        lines.append(line)
    if not lines:
        raise DataError(i18n.tr("the drawing has no points: draw a stroke, or click to spray points, first"))
    segments = [np.sqrt((np.diff(line, axis=0) ** 2).sum(1)) for line in lines]  # each stroke's segment lengths
    weights = np.array([max(float(lengths.sum()), 4 * spread) for lengths in segments])
    if weights.sum() == 0:
        weights = np.ones(len(lines))
    if spread == 0 and float(np.ptp(np.concatenate(lines), axis=0).max()) == 0.0:
        raise DataError(i18n.tr("the drawing is a single point and the spread is 0: every point would be the same; "
                                "give the spray a spread or draw a stroke"))
    rng = np.random.default_rng(seed)
    which = rng.choice(len(lines), n, p=weights / weights.sum())
    points = np.empty((n, 2), np.float64)
    for index, (line, lengths) in enumerate(zip(lines, segments)):
        chosen = np.flatnonzero(which == index)
        total = float(lengths.sum())
        if total == 0:  # a click (or a stroke that never moved): the blob's centre
            points[chosen] = line[0]
            continue
        along = rng.uniform(0, total, len(chosen))
        ends = np.cumsum(lengths)
        segment = np.minimum(np.searchsorted(ends, along, side="right"), len(lengths) - 1)
        share = (along - (ends[segment] - lengths[segment])) / np.where(lengths[segment] > 0, lengths[segment], 1)
        points[chosen] = line[segment] + share[:, None] * (line[segment + 1] - line[segment])
    return (points + rng.normal(0, spread, (n, 2))).astype(np.float32)


def read_points_csv(path: str | Path) -> tuple[np.ndarray, np.ndarray | None]:
    """One's own points from a CSV of ``x,y`` or ``x,y,class`` rows (a header line is allowed): the points
    standardised, (N, 2) float32, and the classes (N,) int64 (0..9, in the order first seen) or None. Read
    only up to ``MAX_CSV_BYTES``; anything else refused in one line naming the file."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise DataError(i18n.tr("cannot read the points file {path}: {reason}")
                        .format(path=path, reason=exc.strerror or exc)) from None
    if len(raw) > MAX_CSV_BYTES:
        raise DataError(i18n.tr("the points file {path} is over {size:,} bytes, more than {most:,} points take; it "
                                "was not read further").format(path=path, size=MAX_CSV_BYTES, most=MAX_POINTS))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(i18n.tr("the points file {path} is not text (UTF-8): a CSV of x,y rows is expected")
                        .format(path=path)) from None
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise DataError(i18n.tr("the points file {path} is not a readable CSV ({reason})")
                        .format(path=path, reason=exc)) from None
    if rows and not _is_number(rows[0][0]):
        rows = rows[1:]  # a header line
    if not rows:
        raise DataError(i18n.tr("the points file {path} holds no points: x,y rows are expected").format(path=path))
    if len(rows) > MAX_POINTS:
        raise DataError(i18n.tr("the points file {path} holds {count:,} points; diffviz reads at most {most:,}")
                        .format(path=path, count=len(rows), most=MAX_POINTS))
    width = len(rows[0])
    if width not in (2, 3):
        raise DataError(i18n.tr("the points file {path} has %n column(s) in its first row; x,y or x,y,class is "
                                "expected", None, width).format(path=path))
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise DataError(i18n.tr("the points file {path}: row {number} has {count} columns, the first has {width}")
                            .format(path=path, number=number, count=len(row), width=width))
    try:
        points = np.array([[float(row[0]), float(row[1])] for row in rows], dtype=np.float64)
    except ValueError:
        bad = next(i for i, row in enumerate(rows, start=1) if not (_is_number(row[0]) and _is_number(row[1])))
        raise DataError(i18n.tr("the points file {path}: row {number} holds {cells}, not two numbers")
                        .format(path=path, number=bad, cells=repr(rows[bad - 1][:2])[:60])) from None
    if not np.isfinite(points).all():
        raise DataError(i18n.tr("the points file {path} holds NaN or infinite coordinates").format(path=path))
    if len(points) < 2 or float(np.ptp(points, axis=0).max()) == 0.0:
        raise DataError(i18n.tr("the points file {path} needs at least two different points").format(path=path))
    classes = None
    if width == 3:
        names = [row[2].strip() for row in rows]
        order = list(dict.fromkeys(names))
        if len(order) > MAX_CLASSES:
            raise DataError(i18n.tr("the points file {path} has {count} classes; at most {most} are told apart")
                            .format(path=path, count=len(order), most=MAX_CLASSES))
        classes = np.array([order.index(name) for name in names], dtype=np.int64)
    return standardise(points), classes


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
