"""Growing numeric series for live plots: an amortised append-only buffer, an EMA, clock text.

Kept apart from the views so the maths can be tested without widgets.
"""

from __future__ import annotations

import math

import numpy as np


def ema(values: np.ndarray, alpha: float, start: float | None = None, chunk: int = 256) -> np.ndarray:
    """Exponential moving average y[t] = alpha*y[t-1] + (1-alpha)*x[t], vectorised.

    Why chunks: the closed form needs alpha**-t, which overflows for long runs; inside a chunk
    a lower-triangular matrix of alpha**(i-j) is exact, and a tiny scan carries the last value
    from chunk to chunk. ``start`` is y[-1] (defaults to x[0], so the curve starts on the data).
    """
    x = np.asarray(values, dtype=np.float64)
    n = x.size
    if n == 0:
        return x.copy()
    alpha = float(np.clip(alpha, 0.0, 0.999))
    carry = float(x[0] if start is None else start)
    c = min(chunk, n)
    chunks = math.ceil(n / c)
    padded = np.zeros(chunks * c)
    padded[:n] = x
    idx = np.arange(c)
    diff = idx[:, None] - idx[None, :]
    weights = np.where(diff >= 0, (1 - alpha) * alpha ** np.maximum(diff, 0), 0.0)
    local = padded.reshape(chunks, c) @ weights.T          # each chunk as if it started from 0
    decay = alpha ** (idx + 1)                              # how much of the carry survives
    carries = np.empty(chunks)
    for k in range(chunks):                                 # chunks = n/256: a few hundred at most
        carries[k] = carry
        carry = local[k, -1] + decay[-1] * carry
    return (local + carries[:, None] * decay[None, :]).ravel()[:n]


def format_seconds(seconds: float | None) -> str:
    """mm:ss below an hour, h:mm:ss above, a dash while unknown."""
    if seconds is None or not math.isfinite(seconds):
        return "—"
    total = int(round(max(0.0, seconds)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Buffer:
    """A growing float array that doubles its capacity: appends are amortised O(1)."""

    def __init__(self) -> None:
        self.data = np.empty(1024)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        need = self.size + values.size
        if need > self.data.size:
            grown = np.empty(max(need, 2 * self.data.size))
            grown[:self.size] = self.data[:self.size]
            self.data = grown
        self.data[self.size:need] = values
        self.size = need

    def view(self) -> np.ndarray:
        return self.data[:self.size]
