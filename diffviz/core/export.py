"""Export: a Trajectory as an animated GIF, an animated WebP or PNG frames, and image batches as PNG grids.

Pillow writes the GIF and the WebP, and grids are laid out as torchvision's ``make_grid`` does; all this
module decides is what goes in a frame: one grid per panel (the noisy x, the model's
prediction, or one channel-mosaic of a layer's feature maps), side by side, scaled by
an integer factor with nearest-neighbour (so pixels stay crisp; the factor asked for is
meant for 28 px digits, and larger images are enlarged less, ``image_scale``), under an optional
caption such as ``step 3/40 · mix 1/37``. How frames become a small file is ``core.animation``'s.
Every file is written atomically.

The one copy of each drawing helper lives here, so a picture looks the same wherever it is
made: ``tile_grid`` lays out every grid and mosaic (the timeline's, the inspector's colour
mosaic, the comparison's columns, the export's panels), ``compose`` puts titled panels and a
caption line on a canvas (an exported frame and a comparison frame); ``save_gif``, ``save_webp`` and
``save_animation`` (which picks one by the file's suffix) hand the rendered frames to
``core.animation``'s ``encode_gif`` / ``encode_webp``. The limits of a GIF's timing and size
(``FPS_RANGE``, ``SCALE_RANGE``, ``HOLD_RANGE``) are the engine's and the export dialog's.
"""

from __future__ import annotations

import functools
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from diffviz.core import i18n
from diffviz.core.animation import Progress, StopCheck, encode_gif, encode_webp, frame_duration_ms
from diffviz.core.captions import status_text, step_label
from diffviz.core.atomic import atomic_write, atomic_write_bytes
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.trajectory import Trajectory

log = logging.getLogger(__name__)

PANELS = ("x", "pred")
PANEL_TITLES = {"x": i18n.QT_TR_NOOP("x (current)"), "pred": i18n.QT_TR_NOOP("prediction")}  # translated when drawn
GAP = 8                 # pixels between two panels of a frame
CAPTION_HEIGHT = 18     # pixels per caption line above the panels
LINE_SHADES = (255, 200)  # the first caption line white, the lines under it light grey
FPS_RANGE = (0.5, 50.0)   # GIF durations are whole 1/100 s: 50 fps is 2/100 s, the shortest viewers honour
SCALE_RANGE = (1, 16)     # one panel of 64 digits at 16x is ~3900 px wide: beyond that no screen shows it
HOLD_RANGE = (0.0, 60.0)  # seconds on the result before the loop restarts
SCALE_SIDE = 28           # the image side a scale is meant for: MNIST's (see ``image_scale``)



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
    """Lay out (N, 1, H, W) images in a grid (H', W'), pixel for pixel as torchvision's ``make_grid``; colour
    images (N, 3, H, W) in a grid (H', W', 3).

    Written in numpy rather than calling ``make_grid`` because the views build grids
    on the GUI thread while a training thread keeps torch's intra-op pool busy: there
    ``make_grid``'s ``cat``/``fill_`` took 60-75 ms per grid, this takes ~0.2 ms. A test
    checks the two agree exactly.
    """
    images = np.asarray(images)
    pixels = images[:, 0] if images.shape[1] == 1 else np.moveaxis(images, 1, -1)  # colour: (N, H, W, C)
    n = pixels.shape[0]
    if n == 1:  # make_grid returns a lone image without a border
        return pixels[0].copy()
    return tile_grid(pixels, nrow or max(1, math.ceil(math.sqrt(n))), padding)


def feature_mosaic(maps: np.ndarray, padding: int = 1) -> np.ndarray:
    """One sample's feature maps (C, H, W) as a grid of channels, each scaled to its own range, uint8."""
    return image_grid(to_uint8(normalise(maps, per_channel=True))[:, None], padding=padding)


def image_scale(scale: int, height: int, width: int) -> int:
    """The whole-number factor images of ``height`` x ``width`` are enlarged by for a requested ``scale``.

    A scale is meant for a 28 px digit (``SCALE_SIDE``: the default 3 shows it 84 px wide). Larger images
    are enlarged less, to about the same size on screen, never below 1 (pixels are never dropped) and never
    above ``scale``: a 32 px image keeps x3, a 64 or 128 px one is drawn x1 (64 digits of 128 px are then
    a 1042 px grid, not 3126 px), and x16 draws a 128 px image x4. Images of 28 px or less get ``scale``.
    """
    side = max(int(height), int(width), 1)
    return max(1, min(int(scale), math.floor(scale * SCALE_SIDE / side + 0.5)))


def check_gif_limits(fps: float, scale: int, hold_last: float) -> None:
    """Raise ConfigError unless the frame rate, scale and hold are within the ranges above."""
    if not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ConfigError(i18n.tr("frame rate must be between {low:g} and {high:g} fps (got {fps})")
                          .format(low=FPS_RANGE[0], high=FPS_RANGE[1], fps=fps))
    if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1] or int(scale) != scale:
        raise ConfigError(i18n.tr("scale must be a whole number from {low} to {high} (got {scale})")
                          .format(low=SCALE_RANGE[0], high=SCALE_RANGE[1], scale=scale))
    if not HOLD_RANGE[0] <= hold_last <= HOLD_RANGE[1]:
        raise ConfigError(i18n.tr("the hold on the last frame must be {low:g}..{high:g} s (got {hold})")
                          .format(low=HOLD_RANGE[0], high=HOLD_RANGE[1], hold=hold_last))


@dataclass
class GifOptions:
    """How to draw a trajectory: which panels, how big, how fast, with captions or not."""

    panels: Sequence[str] = ("x", "pred")   # "x", "pred" and/or "feature:<layer>"
    fps: float = 10.0
    scale: int = 3                          # for 28 px images; larger ones are enlarged less (``image_scale``)
    labels: bool = True
    hold_last: float = 1.0                  # extra seconds on the result before the loop restarts
    sample: int = 0                         # which sample a feature panel shows
    nrow: int | None = None

    def validate(self, trajectory: Trajectory) -> None:
        """Refuse, before any work, what cannot be drawn. A run still being sampled is refused: its frames
        past ``frames_made`` are not written yet, and the file would be of a run that is not there yet. A
        stopped run exports like any other: its frames are all made, and its last caption says where it
        stopped (``core.captions.step_label``)."""
        if trajectory.growing:
            raise ExportError(i18n.tr("the run is still being sampled ({status}): export it once it has finished, "
                                      "or stop it to export the frames made so far")
                              .format(status=status_text(trajectory)))
        if not self.panels:
            raise ConfigError(i18n.tr("choose at least one panel to export"))
        for panel in self.panels:
            if panel in PANELS:
                continue
            if panel.startswith("feature:"):
                layer = panel.split(":", 1)[1]
                if layer not in trajectory.features:
                    if trajectory.layer_names:
                        raise ConfigError(i18n.tr("the trajectory has no feature maps for {layer}; it has {layers}")
                                          .format(layer=repr(layer), layers=", ".join(trajectory.layer_names)))
                    raise ConfigError(i18n.tr("the trajectory has no feature maps for {layer}; it has none (sample "
                                              "with feature capture)").format(layer=repr(layer)))
                continue
            raise ConfigError(i18n.tr("unknown panel {panel}; use x, pred or feature:<layer>")
                              .format(panel=repr(panel)))
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


# Fonts with Chinese glyphs where Debian (fonts-noto-cjk), Windows and macOS install them: Pillow's own font
# has none, so captions in Chinese need one of these (README names them).
CJK_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
                  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                  "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf",
                  "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/Hiragino Sans GB.ttc",
                  "/System/Library/Fonts/STHeiti Light.ttc")


@functools.lru_cache(maxsize=1)
def cjk_font_file() -> str | None:
    """The first of ``CJK_FONT_FILES`` that Pillow can open, or None."""
    for path in CJK_FONT_FILES:
        try:
            ImageFont.truetype(path, 12)
        except OSError:
            continue
        return path
    return None


@functools.lru_cache(maxsize=8)
def caption_font(size: int, path: str | None = None) -> ImageFont.ImageFont:
    """Pillow's bundled font, or the font file at ``path`` (loaded once per size: a GIF asks for it every
    frame)."""
    if path:
        return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


@functools.lru_cache(maxsize=1)
def _say_captions_stay_english() -> None:
    log.warning("captions stay English: no font with Chinese glyphs is installed (README names fonts that work)")


def captions_in_language() -> bool:
    """Captions can be drawn in the language shown: it needs no CJK font, or one is installed. Otherwise they
    are drawn in English (``render_frame``), and the log says so once."""
    if i18n.needs_cjk_font() and cjk_font_file() is None:
        _say_captions_stay_english()
        return False
    return True


def compose(panels: Sequence[Panel], scale: int = 1, caption: str | None = None) -> Image.Image:
    """Panels side by side (``GAP`` apart, tops aligned), each scaled ``scale``x with nearest-neighbour,
    under their caption lines; ``caption`` is one more line above them all. A PIL image, greyscale (``L``)
    unless a panel is in colour (``RGB``).

    Every heading line is ``CAPTION_HEIGHT`` tall and the panels start under the tallest heading, so
    panels with fewer lines still line up; the first line is white, those under it grey.
    """
    heading = (caption is not None) + max((len(p.lines) for p in panels), default=0)
    top = heading * CAPTION_HEIGHT
    height = max(p.pixels.shape[0] for p in panels) * scale
    width = sum(p.pixels.shape[1] for p in panels) * scale + GAP * (len(panels) - 1)
    colour = any(p.pixels.ndim == 3 for p in panels)
    mode = "RGB" if colour else "L"
    canvas = Image.new(mode, (width, top + height), 0)
    draw = ImageDraw.Draw(canvas)
    font = caption_font(12, cjk_font_file() if i18n.needs_cjk_font() else None)
    if caption is not None:
        draw.text((2, 2), caption, fill=(LINE_SHADES[0],) * 3 if colour else LINE_SHADES[0], font=font)
    x = 0
    for panel in panels:
        h, w = panel.pixels.shape[:2]
        tile = Image.fromarray(np.ascontiguousarray(panel.pixels), "RGB" if panel.pixels.ndim == 3 else "L")
        if tile.mode != mode:
            tile = tile.convert(mode)
        canvas.paste(tile.resize((w * scale, h * scale), Image.NEAREST) if scale != 1 else tile, (x, top))
        for k, text in enumerate(panel.lines, start=int(caption is not None)):
            shade = LINE_SHADES[min(k, 1)]
            draw.text((x + 2, k * CAPTION_HEIGHT + 2), text, fill=(shade,) * 3 if colour else shade, font=font)
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


def panel_title(name: str) -> str:
    """What a panel is called above it: ``x (current)``, ``prediction`` or ``features <layer>``."""
    if name in PANEL_TITLES:
        return i18n.tr(PANEL_TITLES[name])
    return i18n.tr("features {layer}").format(layer=name.removeprefix("feature:"))


def render_frame(trajectory: Trajectory, frame: int, options: GifOptions) -> Image.Image:
    """One frame of the animation as a PIL image (greyscale, or RGB for a colour model): the chosen panels under
    the step's caption (in English when no font can draw the language shown: ``captions_in_language``)."""
    with i18n.source_texts(not captions_in_language()):
        panels = [Panel(_panel_image(trajectory, frame, name, options), (panel_title(name),) if options.labels else ())
                  for name in options.panels]
        caption = step_label(trajectory, frame) if options.labels else None
    height, width = trajectory.xs.shape[-2:]
    return compose(panels, image_scale(options.scale, height, width), caption)


# --- encoding -----------------------------------------------------------------------------------------

ANIMATION_SUFFIXES = (".gif", ".webp")
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
        raise ExportError(i18n.tr("{path}: expected a file name ending in {gif} or {webp}")
                          .format(path=path, gif=ANIMATION_SUFFIXES[0], webp=ANIMATION_SUFFIXES[1]))
    save = save_webp if suffix == ".webp" else save_gif
    return save(trajectory, path, options, on_frame, should_stop)


def save_png_grid(images: np.ndarray, path: str | os.PathLike, nrow: int | None = None, scale: int = 1) -> Path:
    """Write (N, C, H, W) images in [0, 1] as one PNG grid, atomically, enlarged ``image_scale(scale, H, W)``x."""
    check_suffix(path, ".png")
    grid = image_grid(to_uint8(images), nrow)
    image = Image.fromarray(grid, "RGB" if grid.ndim == 3 else "L")
    scale = image_scale(scale, *np.shape(images)[-2:])
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
        raise ExportError(i18n.tr("cannot create the folder {folder}: {reason}")
                          .format(folder=folder, reason=exc.strerror or exc)) from exc
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
        raise ExportError(i18n.tr("{path}: expected a file name ending in {suffix}").format(path=path, suffix=suffix))
