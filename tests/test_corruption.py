"""The course's corruption: noisy = (1 - amount) * x + amount * noise, one amount per image."""

from __future__ import annotations

import pytest
import torch

from diffviz.core.corruption import corrupt, random_amounts


def _batch(b: int, c: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.rand((b, c, 28, 28), generator=g)
    noise = torch.rand((b, c, 28, 28), generator=g)
    return x, noise


@pytest.mark.parametrize("channels", [1, 3])
def test_amount_zero_returns_x_exactly(channels):
    x, noise = _batch(4, channels)
    out = corrupt(x, torch.zeros(4), noise)
    assert out.shape == x.shape
    assert torch.equal(out, x)


@pytest.mark.parametrize("channels", [1, 3])
def test_amount_one_returns_noise_exactly(channels):
    x, noise = _batch(4, channels)
    out = corrupt(x, torch.ones(4), noise)
    assert torch.equal(out, noise)


@pytest.mark.parametrize("channels", [1, 3])
def test_amount_is_per_image_not_per_batch_axis(channels):
    """Amounts [0, 1] on a batch of 2: image 0 stays clean, image 1 becomes pure noise.

    With a wrong broadcast (amount shaped (B,) against (B, C, H, W)) the amounts would
    run along the width axis instead, or fail for C=3.
    """
    x, noise = _batch(2, channels)
    out = corrupt(x, torch.tensor([0.0, 1.0]), noise)
    assert out.shape == (2, channels, 28, 28)
    assert torch.equal(out[0], x[0])
    assert torch.equal(out[1], noise[1])


@pytest.mark.parametrize("shape", [(3,), (3, 1, 1, 1)])
def test_amount_shapes_b_and_b111_agree(shape):
    x, noise = _batch(3, 1, seed=5)
    amounts = torch.tensor([0.0, 0.25, 0.8])
    out = corrupt(x, amounts.reshape(shape), noise)
    expected = torch.stack([(1 - a) * x[i] + a * noise[i] for i, a in enumerate(amounts.tolist())])
    assert torch.allclose(out, expected, atol=1e-6, rtol=0)


def test_default_noise_is_uniform_and_seeded():
    x = torch.zeros(2, 1, 28, 28)
    a = corrupt(x, torch.ones(2), generator=torch.Generator().manual_seed(3))
    b = corrupt(x, torch.ones(2), generator=torch.Generator().manual_seed(3))
    c = corrupt(x, torch.ones(2), generator=torch.Generator().manual_seed(4))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)
    assert 0.0 <= float(a.min()) and float(a.max()) < 1.0
    assert 0.4 < float(a.mean()) < 0.6


def test_random_amounts_shape_and_range():
    amounts = random_amounts(1000, torch.Generator().manual_seed(0))
    assert amounts.shape == (1000,)
    assert float(amounts.min()) >= 0.0 and float(amounts.max()) < 1.0
    # uniform in [0, 1): both halves are well populated
    assert 400 < int((amounts < 0.5).sum()) < 600


def test_random_amounts_seeded_repeatability():
    a = random_amounts(16, torch.Generator().manual_seed(7))
    b = random_amounts(16, torch.Generator().manual_seed(7))
    c = random_amounts(16, torch.Generator().manual_seed(8))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)
