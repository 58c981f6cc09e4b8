"""Export: a Trajectory as an animated GIF, an animated WebP or PNG frames, and image batches as PNG grids.

Pillow writes the GIF and the WebP, and grids are laid out as torchvision's ``make_grid`` does; all this
module decides is what goes in a frame: one grid per panel (the noisy x, the model's
prediction, or one channel-mosaic of a layer's feature maps), side by side, scaled by
an integer factor with nearest-neighbour (so pixels stay crisp), under an optional
caption such as ``step 3/40 · mix 1/37``; and, for a GIF, which pixels each frame stores
(``encode_gif``). Every file is written atomically.

The one copy of each drawing helper lives here, so a picture looks the same wherever it is
made: ``tile_grid`` lays out every grid and mosaic (the timeline's, the inspector's colour
mosaic, the comparison's columns, the export's panels), ``compose`` puts titled panels and a
caption line on a canvas (an exported frame and a comparison frame), and ``encode_gif`` /
``encode_webp`` turn any frame source into a looping GIF / lossless WebP with a hold on the last
frame, a stop check and progress (``save_gif``, ``save_webp``, ``save_animation`` which picks one by
the file's suffix, and ``comparison.save_comparison_gif``). The limits of a GIF's timing and size
(``FPS_RANGE``, ``SCALE_RANGE``, ``HOLD_RANGE``) are the engine's and the export dialog's.
"""

from __future__ import annotations

import functools
import io
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont, features

from diffviz.core.atomic import atomic_write, atomic_write_bytes
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.sampling import Trajectory

PANELS = ("x", "pred")
PANEL_TITLES = {"x": "x (current)", "pred": "prediction"}
GAP = 8                 # pixels between two panels of a frame
CAPTION_HEIGHT = 18     # pixels per caption line above the panels
LINE_SHADES = (255, 200)  # the first caption line white, the lines under it light grey
FPS_RANGE = (0.5, 50.0)   # GIF durations are whole 1/100 s: 50 fps is 2/100 s, the shortest viewers honour
SCALE_RANGE = (1, 16)     # one panel of 64 digits at 16x is ~3900 px wide: beyond that no screen shows it
HOLD_RANGE = (0.0, 60.0)  # seconds on the result before the loop restarts

FrameSource = Callable[[int], Image.Image]
Progress = Callable[[int, int], None]
StopCheck = Callable[[], bool]


def to_uint8(images: np.ndarray, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """Map [low, high] to 0..255 (clipping), the fixed levels every panel uses."""
    scaled = (np.asarray(images, dtype=np.float32) - low) / max(high - low, 1e-12)
    return (np.clip(scaled, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def normalise(maps: np.ndarray, per_channel: bool, shared: tuple[float, float] | None = None) -> np.ndarray:
    """(C, H, W) float32 -> values in [0, 1], each channel against its own min..max or all against one range.

    ``shared`` is that one range (None: the maps' own min..max). Per-channel shows the pattern of a weak
    channel; a shared range shows how weak it is (the inspector offers both, a GIF's feature panel is
    per-channel).
    """
    maps = np.asarray(maps, dtype=np.float32)
    if per_channel:
        low = maps.min(axis=(1, 2), keepdims=True)
        high = maps.max(axis=(1, 2), keepdims=True)
    else:
        low, high = (np.float32(v) for v in (shared or (maps.min(), maps.max())))
    return np.clip((maps - low) / np.maximum(high - low, 1e-6), 0.0, 1.0)


def tile_grid(tiles: np.ndarray, columns: int, padding: int = 2, fill: int | np.ndarray = 0) -> np.ndarray:
    """Tile (N, H, W[, K]) pixels row by row, ``columns`` wide, ``padding`` pixels of ``fill`` around each.

    The one layout of every grid and mosaic: grey (K absent) for images and exported panels, RGBA
    (K = 4, ``fill`` a colour) for the inspector's colour-mapped channels. Tile i's top-left pixel is at
    (padding + row * (H + padding), padding + column * (W + padding)), which is how a click on a mosaic
    is mapped back to its tile. numpy only, for the speed reason given under ``image_grid``.
    """
    tiles = np.asarray(tiles)
    n, h, w = tiles.shape[:3]
    extra = tiles.shape[3:]
    columns = max(1, min(columns, n))
    rows = math.ceil(n / columns)
    cells = np.full((rows * columns, h + padding, w + padding, *extra), fill, dtype=tiles.dtype)
    cells[:n, :h, :w] = tiles
    grid = np.full((rows * (h + padding) + padding, columns * (w + padding) + padding, *extra), fill,
                   dtype=tiles.dtype)
    grid[padding:, padding:] = cells.reshape(rows, columns, h + padding, w + padding, *extra).swapaxes(1, 2) \
        .reshape(rows * (h + padding), columns * (w + padding), *extra)
    return grid


def image_grid(images: np.ndarray, nrow: int | None = None, padding: int = 2) -> np.ndarray:
    """Lay out (N, 1, H, W) images in a grid (H', W'), pixel for pixel as torchvision's ``make_grid``.

    Written in numpy rather than calling ``make_grid`` because the views build grids
    on the GUI thread while a training thread keeps torch's intra-op pool busy: there
    ``make_grid``'s ``cat``/``fill_`` took 60-75 ms per grid, this takes ~0.2 ms. A test
    checks the two agree exactly.
    """
    pixels = np.asarray(images)[:, 0]
    n = pixels.shape[0]
    if n == 1:  # make_grid returns a lone image without a border
        return pixels[0].copy()
    return tile_grid(pixels, nrow or max(1, math.ceil(math.sqrt(n))), padding)


def feature_mosaic(maps: np.ndarray, padding: int = 1) -> np.ndarray:
    """One sample's feature maps (C, H, W) as a grid of channels, each scaled to its own range, uint8."""
    return image_grid(to_uint8(normalise(maps, per_channel=True))[:, None], padding=padding)


def check_gif_limits(fps: float, scale: int, hold_last: float) -> None:
    """Raise ConfigError unless the frame rate, scale and hold are within the ranges above."""
    if not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ConfigError(f"frame rate must be between {FPS_RANGE[0]:g} and {FPS_RANGE[1]:g} fps (got {fps})")
    if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1] or int(scale) != scale:
        raise ConfigError(f"scale must be a whole number from {SCALE_RANGE[0]} to {SCALE_RANGE[1]} (got {scale})")
    if not HOLD_RANGE[0] <= hold_last <= HOLD_RANGE[1]:
        raise ConfigError(f"the hold on the last frame must be {HOLD_RANGE[0]:g}..{HOLD_RANGE[1]:g} s "
                          f"(got {hold_last})")


def frame_duration_ms(fps: float) -> int:
    """One frame's time at ``fps``: GIF stores durations in 1/100 s, so a multiple of 10 ms, at least 20
    (browsers show shorter frames for 100 ms)."""
    return max(20, int(round(1000.0 / fps / 10.0)) * 10)


@dataclass
class GifOptions:
    """How to draw a trajectory: which panels, how big, how fast, with captions or not."""

    panels: Sequence[str] = ("x", "pred")   # "x", "pred" and/or "feature:<layer>"
    fps: float = 10.0
    scale: int = 3
    labels: bool = True
    hold_last: float = 1.0                  # extra seconds on the result before the loop restarts
    sample: int = 0                         # which sample a feature panel shows
    nrow: int | None = None

    def validate(self, trajectory: Trajectory) -> None:
        if not self.panels:
            raise ConfigError("choose at least one panel to export")
        for panel in self.panels:
            if panel in PANELS:
                continue
            if panel.startswith("feature:"):
                layer = panel.split(":", 1)[1]
                if layer not in trajectory.features:
                    have = ", ".join(trajectory.layer_names) or "none (sample with feature capture)"
                    raise ConfigError(f"the trajectory has no feature maps for {layer!r}; it has {have}")
                continue
            raise ConfigError(f"unknown panel {panel!r}; use x, pred or feature:<layer>")
        check_gif_limits(self.fps, self.scale, self.hold_last)

    @property
    def frame_ms(self) -> int:
        return frame_duration_ms(self.fps)


# --- drawing a frame ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Panel:
    """One picture of a frame: a grey (H, W) uint8 grid and the caption lines written above it."""

    pixels: np.ndarray
    lines: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def caption_font(size: int) -> ImageFont.ImageFont:
    """Pillow's bundled font (loaded once per size: a GIF asks for it every frame)."""
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def compose(panels: Sequence[Panel], scale: int = 1, caption: str | None = None) -> Image.Image:
    """Panels side by side (``GAP`` apart, tops aligned), each scaled ``scale``x with nearest-neighbour,
    under their caption lines; ``caption`` is one more line above them all. A greyscale PIL image.

    Every heading line is ``CAPTION_HEIGHT`` tall and the panels start under the tallest heading, so
    panels with fewer lines still line up; the first line is white, those under it grey.
    """
    heading = (caption is not None) + max((len(p.lines) for p in panels), default=0)
    top = heading * CAPTION_HEIGHT
    height = max(p.pixels.shape[0] for p in panels) * scale
    width = sum(p.pixels.shape[1] for p in panels) * scale + GAP * (len(panels) - 1)
    canvas = Image.new("L", (width, top + height), 0)
    draw = ImageDraw.Draw(canvas)
    font = caption_font(12)
    if caption is not None:
        draw.text((2, 2), caption, fill=LINE_SHADES[0], font=font)
    x = 0
    for panel in panels:
        h, w = panel.pixels.shape
        tile = Image.fromarray(np.ascontiguousarray(panel.pixels), "L")
        canvas.paste(tile.resize((w * scale, h * scale), Image.NEAREST) if scale != 1 else tile, (x, top))
        for k, text in enumerate(panel.lines, start=int(caption is not None)):
            draw.text((x + 2, k * CAPTION_HEIGHT + 2), text, fill=LINE_SHADES[min(k, 1)], font=font)
        x += w * scale + GAP
    return canvas


def _panel_image(trajectory: Trajectory, frame: int, panel: str, options: GifOptions) -> np.ndarray:
    if panel == "x":
        return image_grid(to_uint8(trajectory.xs[frame]), options.nrow)
    if panel == "pred":
        return image_grid(to_uint8(trajectory.preds[frame]), options.nrow)
    layer = panel.split(":", 1)[1]
    maps = trajectory.features[layer][frame]
    sample = min(options.sample, maps.shape[0] - 1)
    return feature_mosaic(maps[sample])


def render_frame(trajectory: Trajectory, frame: int, options: GifOptions) -> Image.Image:
    """One frame of the animation as a greyscale PIL image: the chosen panels under the step's caption."""
    panels = [Panel(_panel_image(trajectory, frame, name, options),
                    (PANEL_TITLES.get(name, name.replace("feature:", "features ")),) if options.labels else ())
              for name in options.panels]
    return compose(panels, options.scale, trajectory.step_label(frame) if options.labels else None)


# --- encoding -----------------------------------------------------------------------------------------

ANIMATION_SUFFIXES = (".gif", ".webp")
GIF_LEVELS = 64   # greys in the GIF's one palette: level k is grey round(k * 255 / 63)
GIF_LAG = 2       # levels a pixel may trail its grey before it is redrawn (the last frame is redrawn exactly)
WEBP_METHOD = 1   # libwebp's lossless effort: method 1 at quality 50 (see encode_webp)
WEBP_QUALITY = 50

_GIF_TRANSPARENT = GIF_LEVELS  # the palette index after the greys: "keep the pixel shown"
_GIF_INDEX = np.round(np.arange(256) / 255 * (GIF_LEVELS - 1)).astype(np.int16)  # grey -> level
_GIF_PALETTE = [int(round(k * 255 / (GIF_LEVELS - 1))) for k in range(GIF_LEVELS) for _ in range(3)] + [0, 0, 0]


class _Stopped(Exception):
    """Raised inside the frame generator to abandon an encode that the user stopped."""


def _durations(count: int, fps: float, hold_last: float) -> list[int]:
    """Every frame's time in ms, the last one held ``hold_last`` s longer (whole 1/100 s, as GIF stores it)."""
    durations = [frame_duration_ms(fps)] * count
    durations[-1] += int(round(hold_last * 100)) * 10
    return durations


def _pull(frames: FrameSource, count: int, on_frame: Progress | None,
          should_stop: StopCheck | None) -> FrameSource:
    """``frames`` with the stop check before each frame and progress after each new one (never backwards)."""
    reported = 0

    def frame(i: int) -> Image.Image:
        nonlocal reported
        if should_stop is not None and should_stop():
            raise _Stopped
        image = frames(i)
        if on_frame is not None and i + 1 > reported:
            reported = i + 1
            on_frame(reported, count)
        return image

    return frame


class _GifDeltas:
    """Grey frames -> the GIF's palette frames: one palette for all (``GIF_LEVELS`` greys and a transparent
    index), each frame after the first carrying only the pixels that must change, the rest transparent.

    A pixel is redrawn once its level is more than ``GIF_LAG`` off the level it shows, or on the last frame
    whatever the difference, so the held result is exact to the palette. Pillow merges a frame identical to
    the one before it into that one (the frame count would drop), so such a frame gets one invisible change:
    a pixel redrawn in the grey it already shows.
    """

    def __init__(self) -> None:
        self._shown: np.ndarray | None = None     # the level each pixel shows after the frames so far
        self._previous: np.ndarray | None = None  # the last frame handed to Pillow

    def frame(self, image: Image.Image, exact: bool = False) -> Image.Image:
        levels = _GIF_INDEX[np.asarray(image if image.mode == "L" else image.convert("L"))]
        if self._shown is None or self._shown.shape != levels.shape:
            out = levels.astype(np.uint8)
            self._shown = levels
        else:
            stale = np.abs(levels - self._shown) > (0 if exact else GIF_LAG)
            out = np.where(stale, levels, _GIF_TRANSPARENT).astype(np.uint8)
            np.copyto(self._shown, levels, where=stale)
            if self._previous is not None and np.array_equal(out, self._previous):
                kept = np.flatnonzero(out == _GIF_TRANSPARENT)
                if kept.size:
                    out.flat[kept[0]] = self._shown.flat[kept[0]]
                else:
                    out.flat[0] = _GIF_TRANSPARENT
        self._previous = out
        frame = Image.fromarray(out, "P")
        frame.putpalette(_GIF_PALETTE)
        return frame


def encode_gif(frames: FrameSource, count: int, fps: float, hold_last: float = 0.0,
               on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> bytes | None:
    """``frames(0) .. frames(count - 1)`` (grey images) as a looping GIF at ``fps``, the last frame held
    ``hold_last`` s longer; None when ``should_stop`` said so.

    Frames are rendered as Pillow asks for them, so a stop is noticed between any two frames and progress
    counts frames handed to the encoder. What makes it small is ``_GifDeltas``: one palette of ``GIF_LEVELS``
    greys shared by all frames, and each frame storing only the pixels more than ``GIF_LAG`` levels off what
    is shown, the rest transparent over the frame before (``disposal=1``), which Pillow also crops to the
    box that changed. Measured on 64 images x 40 steps, x and prediction at 3x (41 frames): all 256 greys in
    every pixel of every frame 12.9 MB; 64 levels with every change drawn 7.0 MB, lagging 1 level 4.7 MB,
    2 levels 3.5 MB (chosen: a change is drawn within 8 greys, the held result within 2, no visible bands);
    128 levels lagging 8 greys 4.3 MB; 48 levels lagging 1 (5 greys) 3.8 MB; 32 levels 4.6 MB with every
    change drawn, 2.7 MB lagging 1 (8-grey steps, 12 greys off while moving). Pillow's own
    ``optimize=True`` finds the same transparent deltas (7.0 MB at 64 levels) and gains nothing on 256.
    """
    if count < 1:
        raise ConfigError("an animation needs at least one frame")
    pull = _pull(frames, count, on_frame, should_stop)
    deltas = _GifDeltas()

    def frame(i: int) -> Image.Image:
        return deltas.frame(pull(i), exact=i == count - 1)

    buffer = io.BytesIO()
    try:
        first = frame(0)
        first.save(buffer, format="GIF", save_all=True, append_images=(frame(i) for i in range(1, count)),
                   duration=_durations(count, fps, hold_last), loop=0, optimize=False, disposal=1,
                   transparency=_GIF_TRANSPARENT)
    except _Stopped:
        return None
    return buffer.getvalue()


class _FrameSequence(Image.Image):
    """``frames(0 .. count - 1)`` as one multi-frame Pillow image whose ``seek`` draws the frame asked for.

    Pillow's animated-WebP writer takes a multi-frame image's frames by seeking to each and encodes it at
    once, so with this only one frame is in memory and a stop or a progress step falls between two frames of
    the encode itself (nearly all of a WebP's time), as for a GIF. libwebp drops a frame equal to the one
    before it (the frame count would fall, a one-frame result stops looping), so such a frame gets one pixel
    one grey level off.
    """

    def __init__(self, frames: FrameSource, count: int) -> None:
        super().__init__()
        self._source = frames
        self._index = -1
        self._last: np.ndarray | None = None
        self.n_frames = count
        self.is_animated = count > 1
        self.seek(0)

    def seek(self, frame: int) -> None:
        if frame == self._index:
            return
        image = self._source(frame)
        image = image if image.mode == "L" else image.convert("L")
        pixels = np.asarray(image)
        if self._last is not None and frame == self._index + 1 and np.array_equal(pixels, self._last):
            pixels = pixels.copy()
            pixels[0, 0] ^= 1
            image = Image.fromarray(pixels, "L")
        self._last, self._index = pixels, frame
        vars(self).update({key: value for key, value in vars(image).items() if not key.startswith("encoder")})

    def tell(self) -> int:
        return self._index


def encode_webp(frames: FrameSource, count: int, fps: float, hold_last: float = 0.0,
                on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> bytes | None:
    """The same animation as ``encode_gif`` as a looping lossless animated WebP: every grey exact; None when
    stopped.

    libwebp's anim encoder stores each frame's changed rectangle itself. Settings measured on the 64 x 40
    animation above (from 41 exact frames, 2 cores): lossless method 1 at quality 50, no key frames but the
    first, 3.5 MB in about 4 s; method 0 5.9 MB in 2 s; quality 75 and up or method 2-4 gain under 1% for
    1.5-3x the time; key frames every 9-17 frames (Pillow's default) cost a second full encode of those
    frames for no gain in a loop played from its start. Lossy WebP is larger on noise (quality 75: 6.6 MB,
    90: 10.9 MB) and smears it below (quality 50: 2.9 MB).
    """
    if count < 1:
        raise ConfigError("an animation needs at least one frame")
    if not features.check("webp"):
        raise ExportError("this Pillow was built without WebP support; export a GIF instead")
    buffer = io.BytesIO()
    try:
        sequence = _FrameSequence(_pull(frames, count, on_frame, should_stop), count)
        sequence.save(buffer, format="WEBP", save_all=True, duration=_durations(count, fps, hold_last), loop=0,
                      lossless=True, method=WEBP_METHOD, quality=WEBP_QUALITY, kmin=0, kmax=0)
    except _Stopped:
        return None
    return buffer.getvalue()


def gif_bytes(trajectory: Trajectory, options: GifOptions | None = None,
              on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> bytes | None:
    """Encode the whole trajectory (frames 0..n) as a looping GIF; None when stopped."""
    options = options or GifOptions()
    options.validate(trajectory)
    return encode_gif(lambda i: render_frame(trajectory, i, options), trajectory.n_frames, options.fps,
                      options.hold_last, on_frame, should_stop)


def webp_bytes(trajectory: Trajectory, options: GifOptions | None = None,
               on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> bytes | None:
    """Encode the whole trajectory (frames 0..n) as a looping lossless animated WebP; None when stopped."""
    options = options or GifOptions()
    options.validate(trajectory)
    return encode_webp(lambda i: render_frame(trajectory, i, options), trajectory.n_frames, options.fps,
                       options.hold_last, on_frame, should_stop)


def save_gif(trajectory: Trajectory, path: str | os.PathLike, options: GifOptions | None = None,
             on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> Path | None:
    """Write the animation to ``path`` atomically; returns None (and writes nothing) when stopped."""
    check_suffix(path, ".gif")
    data = gif_bytes(trajectory, options, on_frame, should_stop)
    return None if data is None else atomic_write_bytes(path, data)


def save_webp(trajectory: Trajectory, path: str | os.PathLike, options: GifOptions | None = None,
              on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> Path | None:
    """Write the animation to ``path`` as animated WebP, atomically; None (and nothing written) when stopped."""
    check_suffix(path, ".webp")
    data = webp_bytes(trajectory, options, on_frame, should_stop)
    return None if data is None else atomic_write_bytes(path, data)


def save_animation(trajectory: Trajectory, path: str | os.PathLike, options: GifOptions | None = None,
                   on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> Path | None:
    """Write the animation as GIF or animated WebP, as ``path``'s suffix says; None when stopped."""
    suffix = Path(path).suffix.lower()
    if suffix not in ANIMATION_SUFFIXES:
        raise ExportError(f"{path}: expected a file name ending in {' or '.join(ANIMATION_SUFFIXES)}")
    save = save_webp if suffix == ".webp" else save_gif
    return save(trajectory, path, options, on_frame, should_stop)


def save_png_grid(images: np.ndarray, path: str | os.PathLike, nrow: int | None = None, scale: int = 1) -> Path:
    """Write (N, 1, H, W) images in [0, 1] as one PNG grid, atomically."""
    check_suffix(path, ".png")
    grid = image_grid(to_uint8(images), nrow)
    image = Image.fromarray(grid, "L")
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.NEAREST)
    return atomic_write(path, lambda handle: image.save(handle, format="PNG"))


def save_png_frames(trajectory: Trajectory, folder: str | os.PathLike, options: GifOptions | None = None,
                    on_frame: Progress | None = None) -> list[Path]:
    """Write every frame as ``frame_000.png`` ... into ``folder`` (created if needed)."""
    options = options or GifOptions()
    options.validate(trajectory)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {folder}: {exc.strerror or exc}") from exc
    digits = len(str(trajectory.n_frames))
    written = []
    for i in range(trajectory.n_frames):
        image = render_frame(trajectory, i, options)
        target = folder / f"frame_{i:0{max(3, digits)}d}.png"
        written.append(atomic_write(target, lambda handle, im=image: im.save(handle, format="PNG")))
        if on_frame is not None:
            on_frame(i + 1, trajectory.n_frames)
    return written


def check_suffix(path: str | os.PathLike, suffix: str) -> None:
    """Refuse a file name that does not end in ``suffix`` (any case), before any work is done."""
    if Path(path).suffix.lower() != suffix:
        raise ExportError(f"{path}: expected a file name ending in {suffix}")
