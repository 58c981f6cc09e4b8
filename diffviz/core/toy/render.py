"""Particles moving from noise to data, drawn with Pillow: the 2-D lab's frames and its animated GIF or WebP.

Why its own renderer: an image run's frames are grids of pixels (``core.export``); a walk of points is a cloud
that has to be drawn on a plane, and a learner reads it best as particles crossing a fixed window over the faint
training data, each trailing the path it came by. The window is ``plot.EXTENT`` (±3 standard deviations, the same
for every frame and every data set), so nothing rescales while the particles move. The dots come from the one
rasteriser of ``plot`` (the scatter plot draws with it too); panels and caption lines are laid out by
``export.compose``, as an image run's frames are; the frames are encoded by ``core.animation`` and written
atomically, as ``export.save_animation`` writes an image run. ``diffviz toy sample --out FILE.gif`` and the 2-D
view's export (two samplers from the same noise side by side) both call ``save_points_animation``.

Speed, for 2,000 particles: a trail is one line segment per particle per frame it covers. Pillow's
``ImageDraw.line`` takes one Python call per segment (16,000 for trails of 8 frames: 32 ms a frame, measured
here), or one per particle as a polyline (10 ms, but a polyline has one shade and cannot fade with age). The
segments are instead sampled at one point per pixel of their length in numpy and set in one indexed write, as the
dots are: 6 ms for those 16,000 segments, and a whole frame of two 384 px panels with trails of 8 in about 4 ms
(a walk's steps are short; a 41-frame GIF of it encodes in 0.3 s).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from diffviz.core.animation import Progress, StopCheck, encode_gif, encode_webp
from diffviz.core.captions import status_text, step_label
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core import i18n
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.export import ANIMATION_SUFFIXES, Panel, check_gif_limits, compose
from diffviz.core.toy.plot import DATA_SHADE, PALETTE, class_colours, draw_dots, pixel_coordinates
from diffviz.core.trajectory import Trajectory

SIZE = 384                 # a panel's side in pixels (two panels and their captions fit a laptop screen)
SIZE_RANGE = (64, 2048)
MAX_TRAIL = 200            # frames a trail may cover
BACKGROUND = 16            # the canvas's grey: dark, so the faint data and the bright particles both show
TRAIL_SHADE = 150          # the newest part of a grey trail; older parts fade toward the background
TRAIL_COLOUR = 0.6         # a coloured trail's newest part: this share of its particle's colour over the background
PARTICLE_DOT = 3           # px; the data's dots are 2 px, as in the scatter plot
DATA_DOT = 2


def _walk_points(walk: Trajectory) -> np.ndarray:
    xs = np.asarray(walk.xs)
    if xs.ndim != 3 or xs.shape[-1] != 2:
        raise ConfigError(i18n.tr("the {sampler} run is not a walk of 2-D points: its frames are {shape}, not (N, 2)")
                          .format(sampler=walk.sampler, shape=tuple(xs.shape[1:])))
    return xs


def check_points_animation(walks: Sequence[Trajectory], *, size: int = SIZE, trail: int = 0, fps: float = 10.0,
                           hold_last: float = 1.0, classes: np.ndarray | None = None) -> None:
    """Refuse, before any drawing, what cannot be drawn: no walks, walks that are not of points or of different
    particles, a run still being made, classes that are not one per particle, and sizes, trails and timings out
    of range (one line each)."""
    if not walks:
        raise ConfigError(i18n.tr("there is no walk of particles to draw"))
    counts = set()
    for walk in walks:
        counts.add(_walk_points(walk).shape[1])
        if walk.growing:
            raise ExportError(i18n.tr("the {sampler} walk is still being made ({status}): export it once it has "
                                      "finished").format(sampler=walk.sampler, status=status_text(walk)))
    if len(counts) > 1:
        raise ConfigError(i18n.tr("the walks move different numbers of particles ({counts}); side by side they must "
                                  "start from the same noise").format(counts=", ".join(map(str, sorted(counts)))))
    if classes is not None and np.shape(classes) != (next(iter(counts)),):
        raise ConfigError(i18n.tr("{shape} classes for {count} particles: one class each is needed")
                          .format(shape=np.shape(classes), count=next(iter(counts))))
    check_animation_settings(size=size, trail=trail, fps=fps, hold_last=hold_last)


def check_animation_settings(*, size: int = SIZE, trail: int = 0, fps: float = 10.0, hold_last: float = 1.0) -> None:
    """Refuse a panel size, a trail or a timing out of range in one line (the timings are an image animation's,
    ``export.check_gif_limits``), before a walk is made to draw."""
    if not SIZE_RANGE[0] <= size <= SIZE_RANGE[1] or int(size) != size:
        raise ConfigError(i18n.tr("the panel size must be a whole number of pixels from {least} to {most} (got "
                                  "{size})").format(least=SIZE_RANGE[0], most=SIZE_RANGE[1], size=size))
    if not 0 <= trail <= MAX_TRAIL or int(trail) != trail:
        raise ConfigError(i18n.tr("the trail must be 0 to {most} frames (got {trail})").format(most=MAX_TRAIL,
                                                                                             trail=trail))
    check_gif_limits(fps, 1, hold_last)  # scale 1: a points panel is drawn at its size, never enlarged


def _backdrop(data: np.ndarray | None, size: int, colour: bool) -> np.ndarray:
    """The dark canvas with the training data on it as faint grey dots: (S, S) grey or (S, S, 3) colour."""
    pixels = np.full((size, size, 3) if colour else (size, size), BACKGROUND, np.uint8)
    if data is not None:
        draw_dots(pixels, data, (DATA_SHADE,) * 3 if colour else DATA_SHADE, dot=DATA_DOT)
    return pixels


def _draw_trails(pixels: np.ndarray, path: np.ndarray, colours: np.ndarray | None) -> None:
    """Each particle's path (T+1, N, 2), oldest frame first, as thin lines fading with age, in place. A segment is
    sampled at one point per pixel of its length (at most two canvas sides: a particle thrown far out is not drawn
    across the whole window pixel by pixel); ``colours`` (N, 3) for a colour canvas, None for grey."""
    size = pixels.shape[0]
    cols, rows = pixel_coordinates(path, size)  # (T+1, N) each
    steps = len(path) - 1
    c0, r0 = cols[:-1].ravel(), rows[:-1].ravel()
    dc, dr = (cols[1:] - cols[:-1]).ravel(), (rows[1:] - rows[:-1]).ravel()
    age = np.repeat(np.arange(steps, 0, -1), path.shape[1])   # the newest segment has age 1
    usable = np.isfinite(c0) & np.isfinite(r0) & np.isfinite(dc) & np.isfinite(dr)
    c0, r0, dc, dr, age = c0[usable], r0[usable], dc[usable], dr[usable], age[usable]
    particle = np.flatnonzero(usable) % path.shape[1]
    lengths = np.minimum(np.ceil(np.maximum(np.abs(dc), np.abs(dr))), 2 * size).astype(np.intp) + 1
    segment = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.cumsum(lengths) - lengths
    t = (np.arange(len(segment)) - starts[segment]) / np.maximum(lengths[segment] - 1, 1)
    c = np.floor(c0[segment] + t * dc[segment]).astype(np.intp)  # the pixel a dot there is drawn at (``draw_dots``)
    r = np.floor(r0[segment] + t * dr[segment]).astype(np.intp)
    inside = (c >= 0) & (c < size) & (r >= 0) & (r < size)
    segment, c, r = segment[inside], c[inside], r[inside]
    fade = 1.0 - (age[segment] - 1) / steps  # 1 for the newest segment, 1/T for the oldest
    if colours is None:
        pixels[r, c] = (BACKGROUND + (TRAIL_SHADE - BACKGROUND) * fade).astype(np.uint8)
    else:
        strength = (TRAIL_COLOUR * fade)[:, None]
        pixels[r, c] = (BACKGROUND + (colours[particle[segment]] - float(BACKGROUND)) * strength).astype(np.uint8)


def _particles(backdrop: np.ndarray, walk: Trajectory, frame: int, classes: np.ndarray | None,
               trail: int) -> np.ndarray:
    """One panel's pixels: the backdrop, the trails up to ``frame`` and the particles of ``frame`` on top."""
    xs = _walk_points(walk)
    frame = min(frame, len(xs) - 1)  # a shorter walk holds its last frame
    pixels = backdrop.copy()
    colours = None if classes is None else class_colours(classes)
    if trail > 0 and frame > 0:
        _draw_trails(pixels, xs[max(0, frame - trail):frame + 1], colours)
    draw_dots(pixels, xs[frame], (PALETTE[0] if pixels.ndim == 3 else 255) if colours is None else colours,
              dot=PARTICLE_DOT)
    return pixels


def _panel_lines(walk: Trajectory, frame: int, title: str | None) -> tuple[str, ...]:
    label = step_label(walk, min(frame, walk.n_frames - 1))
    return (label,) if title is None else (title, label)


def _walk_list(walks: Trajectory | Sequence[Trajectory]) -> list[Trajectory]:
    return [walks] if isinstance(walks, Trajectory) else list(walks)


def _titles(walks: list[Trajectory], titles: Sequence[str] | None) -> list[str]:
    if titles is None:
        return [walk.sampler for walk in walks]
    if len(titles) != len(walks):
        raise ConfigError(i18n.tr("{titles} titles for {walks} walks").format(titles=len(titles), walks=len(walks)))
    return list(titles)


def render_points_frame(walks: Trajectory | Sequence[Trajectory], frame: int, *, data: np.ndarray | None = None,
                        classes: np.ndarray | None = None, size: int = SIZE, trail: int = 0,
                        titles: Sequence[str] | None = None) -> Image.Image:
    """Frame ``frame`` of one walk (or of several side by side): on a dark ``size`` px square showing
    ±``plot.EXTENT``, ``data`` (M, 2) as faint grey dots, the particles of that frame as bright dots (white, or
    coloured by ``classes`` (N,), by default the walk's own labels), each trailing its path over the last ``trail``
    frames, under the walk's title (its sampler's name unless ``titles`` says) and its step's caption
    (``core.captions.step_label``). Greyscale (``L``) unless coloured by class (``RGB``). A walk shorter than
    ``frame`` shows its last frame."""
    walks = _walk_list(walks)
    check_points_animation(walks, size=size, trail=trail, classes=classes)
    return _render(walks, frame, _backdrop(data, size, _coloured(walks, classes)), classes, trail,
                   _titles(walks, titles))


def _coloured(walks: list[Trajectory], classes: np.ndarray | None) -> bool:
    return classes is not None or any(walk.labels is not None for walk in walks)


def _render(walks: list[Trajectory], frame: int, backdrop: np.ndarray, classes: np.ndarray | None, trail: int,
            titles: list[str]) -> Image.Image:
    panels = [Panel(_particles(backdrop, walk, frame, walk.labels if classes is None else classes, trail),
                    _panel_lines(walk, frame, title)) for walk, title in zip(walks, titles)]
    return compose(panels)


def save_points_animation(walks: Trajectory | Sequence[Trajectory], path: str | os.PathLike, *,
                          data: np.ndarray | None = None, classes: np.ndarray | None = None, fps: float = 10.0,
                          hold_last: float = 1.0, size: int = SIZE, trail: int = 0,
                          titles: Sequence[str] | None = None, on_frame: Progress | None = None,
                          should_stop: StopCheck | None = None) -> Path | None:
    """The walks' particles moving, one panel per walk side by side (``render_points_frame``), as a looping GIF or
    lossless animated WebP as ``path``'s suffix says, at ``fps`` with the last frame held ``hold_last`` s longer;
    written atomically. As many frames as the longest walk has. ``on_frame(done, total)`` after each frame handed
    to the encoder, ``should_stop()`` checked before each; None (and nothing written) when stopped."""
    suffix = Path(path).suffix.lower()
    if suffix not in ANIMATION_SUFFIXES:
        first, second = ANIMATION_SUFFIXES
        raise ConfigError(i18n.tr("{path}: an animation of particles is written as a file ending in {first} or "
                                  "{second}").format(path=path, first=first, second=second))
    walks = _walk_list(walks)
    check_points_animation(walks, size=size, trail=trail, fps=fps, hold_last=hold_last, classes=classes)
    backdrop = _backdrop(data, size, _coloured(walks, classes))  # drawn once: every frame starts from a copy
    names = _titles(walks, titles)
    encode = encode_webp if suffix == ".webp" else encode_gif
    frames = max(walk.n_frames for walk in walks)
    encoded = encode(lambda i: _render(walks, i, backdrop, classes, trail, names), frames, fps, hold_last,
                     on_frame, should_stop)
    return None if encoded is None else atomic_write_bytes(path, encoded)
