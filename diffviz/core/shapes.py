"""One value per sample, broadcast over whatever a sample is.

Why: the engine works on any state, images (N, C, H, W) or points (N, 2). A per-sample amount written as
``amount.reshape(-1, 1, 1, 1)`` fits images only, and on (N, 2) points it does not fail: it broadcasts to an
(N, 1, N, 2) tensor and every sample is blended with every amount. ``per_sample`` shapes it for the state at hand.
"""

from __future__ import annotations

from typing import TypeVar

Values = TypeVar("Values")  # a torch tensor or a numpy array: both have reshape and ndim


def per_sample(values: Values, like) -> Values:
    """``values`` (N elements, one per sample) shaped (N, 1, ..., 1) to broadcast over the trailing dimensions of
    ``like`` (N, ...): (N, 1, 1, 1) for images, (N, 1) for points."""
    return values.reshape((-1,) + (1,) * (like.ndim - 1))
