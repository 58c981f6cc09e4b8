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


def test_a_run_of_points_measures_each_steps_change_like_a_run_of_images():
    from diffviz.core.trajectory import Trajectory

    xs = np.zeros((4, 5, 2), np.float32)
    xs[1:] += 0.5
    xs[3] += 1.0
    run = Trajectory(xs=xs, preds=xs.copy(), mix=np.array([1 / 3, 1 / 2, 1.0]))
    assert np.allclose(run.change_per_step(), [0.5, 0.0, 1.0])


def test_the_trainer_takes_one_loss_per_sample_whatever_a_sample_is():
    """A per-sample loss over (1, 2, 3) fits images only; a batch of points (N, 2) has one dimension after N."""
    from diffviz.core.data import DigitData
    from diffviz.core.recipes import get_recipe
    from diffviz.core.training import TrainConfig, Trainer

    class Points(torch.nn.Module):  # a stand-in told the amount, as the flow recipe's network is
        takes_amount = True

        def __init__(self):
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(3, 32), torch.nn.SiLU(), torch.nn.Linear(32, 2))

        def forward(self, x, amount, labels=None):
            return self.net(torch.cat([x, amount.reshape(-1, 1).to(x)], 1))

    points = torch.randn(256, 2) * 0.3 + 0.5
    trainer = Trainer(Points(), DigitData(points, None, "points"),
                      TrainConfig(epochs=None, seconds=60, batch_size=64, lr=1e-2), recipe=get_recipe("flow"))
    reports = []
    for report in trainer.steps():
        reports.append(report)
        if len(reports) == 60:
            trainer.cancel.set()
    assert reports[0].image_losses.shape == (64,)
    assert np.mean([r.loss for r in reports[-10:]]) < np.mean([r.loss for r in reports[:10]])


def test_no_step_made_yet_has_no_change_to_show():
    from diffviz.core.trajectory import Trajectory

    for shape in ((3, 2, 1, 28, 28), (3, 5, 2)):
        run = Trajectory(xs=np.zeros(shape, np.float32), preds=np.zeros(shape, np.float32), mix=np.ones(2),
                         frames_made=1)
        assert run.change_per_step().shape == (0,) and run.change_per_step(0, 1).shape == (0,)
