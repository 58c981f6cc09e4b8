"""Animations: any sequence of frames encoded as a looping GIF or lossless animated WebP.

Why its own module: what goes *in* a frame (panels, captions, grids) is ``core.export``'s;
how frames become a small file is a question of its own, with measured trade-offs (the
GIF's shared grey palette and frame differences, libwebp's effort). Frames are pulled one
at a time as the encoder asks for them, so a stop is noticed between any two frames and
progress counts frames really handed over; a stopped encode returns None and writes nothing.
"""

from __future__ import annotations

import io
from typing import Callable

import numpy as np
from PIL import Image, features

from diffviz.core import i18n
from diffviz.core.errors import ConfigError, ExportError

FrameSource = Callable[[int], Image.Image]
Progress = Callable[[int, int], None]
StopCheck = Callable[[], bool]


def frame_duration_ms(fps: float) -> int:
    """One frame's time at ``fps``: GIF stores durations in 1/100 s, so a multiple of 10 ms, at least 20
    (browsers show shorter frames for 100 ms)."""
    return max(20, int(round(1000.0 / fps / 10.0)) * 10)


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
        raise ConfigError(i18n.tr("an animation needs at least one frame"))
    pull = _pull(frames, count, on_frame, should_stop)
    deltas = _GifDeltas()

    def frame(i: int) -> Image.Image:
        image = pull(i)
        if image.mode == "RGB":  # colour: each frame its own adaptive palette (GIF's local colour tables)
            return image.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        return deltas.frame(image, exact=i == count - 1)

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
        mode = "RGB" if image.mode == "RGB" else "L"  # colour images stay colour (a pipeline's RGB model)
        image = image if image.mode == mode else image.convert(mode)
        pixels = np.asarray(image)
        if self._last is not None and frame == self._index + 1 and np.array_equal(pixels, self._last):
            pixels = pixels.copy()
            pixels.flat[0] ^= 1
            image = Image.fromarray(pixels, mode)
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
        raise ConfigError(i18n.tr("an animation needs at least one frame"))
    if not features.check("webp"):
        raise ExportError(i18n.tr("this Pillow was built without WebP support; export a GIF instead"))
    buffer = io.BytesIO()
    try:
        sequence = _FrameSequence(_pull(frames, count, on_frame, should_stop), count)
        sequence.save(buffer, format="WEBP", save_all=True, duration=_durations(count, fps, hold_last), loop=0,
                      lossless=True, method=WEBP_METHOD, quality=WEBP_QUALITY, kmin=0, kmax=0)
    except _Stopped:
        return None
    return buffer.getvalue()
