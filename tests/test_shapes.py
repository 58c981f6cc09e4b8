"""Per-sample values broadcast over whatever a sample is: images (N, C, H, W) or 2-D points (N, 2). The old
``reshape(-1, 1, 1, 1)`` turned (N, 2) points into an (N, 1, N, 2) tensor without a word."""

from __future__ import annotations

import numpy as np
import torch

from diffviz.core import ddpm
from diffviz.core.corruption import corrupt
from diffviz.core.processes import DDPM_LINEAR, SchedulerProcess
from diffviz.core.shapes import per_sample


def test_per_sample_shapes_values_for_images_points_and_numpy():
    values = torch.arange(3.0)
    assert per_sample(values, torch.zeros(3, 1, 28, 28)).shape == (3, 1, 1, 1)
    assert per_sample(values, torch.zeros(3, 2)).shape == (3, 1)
    assert per_sample(np.arange(3.0), np.zeros((3, 2))).shape == (3, 1)


def test_the_course_corruption_blends_each_point_by_its_own_amount():
    points, noise = torch.randn(5, 2), torch.randn(5, 2)
    amount = torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0])
    noisy = corrupt(points, amount, noise)
    assert noisy.shape == (5, 2)
    torch.testing.assert_close(noisy, (1 - amount[:, None]) * points + amount[:, None] * noise)
    images = torch.rand(2, 1, 28, 28)
    assert corrupt(images, torch.tensor([0.0, 1.0]), torch.zeros_like(images))[1].abs().max() == 0  # as before


def test_ddpm_clean_estimates_invert_the_noising_for_points():
    points, noise, t = torch.randn(4, 2), torch.randn(4, 2), torch.tensor([0, 10, 500, 990])
    a = DDPM_LINEAR.alpha_bars()
    noisy = a[t, None].sqrt() * points + (1 - a[t, None]).sqrt() * noise
    torch.testing.assert_close(ddpm.clean_estimate(noisy, noise, t, a), points, atol=1e-3, rtol=1e-3)
    v_process = SchedulerProcess(key="v", title="v", beta_schedule="linear",
                                 config={"num_train_timesteps": 1000, "prediction_type": "v_prediction"})
    velocity = a[t, None].sqrt() * noise - (1 - a[t, None]).sqrt() * points
    estimate = v_process.clean_estimate(noisy, velocity, t)
    assert estimate.shape == (4, 2)
    torch.testing.assert_close(estimate, points, atol=1e-4, rtol=1e-4)
