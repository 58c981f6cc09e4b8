"""The course's corruption: blend each image toward uniform noise by its own ``amount``.

    noisy = (1 - amount) * x + amount * noise,   noise ~ U(0, 1),   amount ~ U(0, 1) per image

This is written out by hand on purpose: it is the first idea a learner meets, and the
whole point is to read it. ``amount`` has one value per image, reshaped to (B, 1, 1, 1)
so it broadcasts over channels and pixels instead of over the batch by accident (``per_sample``
shapes it for whatever a sample is: (B, 1) for 2-D points).
"""

from __future__ import annotations

import torch

from diffviz.core.shapes import per_sample


def corrupt(x: torch.Tensor, amount: torch.Tensor, noise: torch.Tensor | None = None,
            generator: torch.Generator | None = None) -> torch.Tensor:
    """Return ``(1 - amount) * x + amount * noise`` with one amount per image.

    ``amount`` has shape (B,) (or anything with B elements); ``noise`` defaults to
    ``U(0, 1)`` like ``torch.rand_like(x)``, drawn from ``generator`` when given.
    """
    if noise is None:
        noise = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    amount = per_sample(amount, x).to(x)  # one per image, broadcast over (C, H, W)
    return x * (1 - amount) + noise * amount


def random_amounts(batch_size: int, generator: torch.Generator | None = None,
                   device: torch.device | str = "cpu") -> torch.Tensor:
    """One amount per image, uniform in [0, 1): the course's ``torch.rand(x.shape[0])``."""
    return torch.rand(batch_size, generator=generator).to(device)
