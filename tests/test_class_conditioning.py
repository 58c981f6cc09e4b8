"""The flow-class recipe: a model told which digit to draw, and classifier-free guidance."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.checkpoints import load_checkpoint, save_checkpoint
from diffviz.core.errors import CheckpointError, ConfigError
from diffviz.core.models import TimeUNet
from diffviz.core.paths import bundled_checkpoint_path
from diffviz.core.quality import QualityMeter
from diffviz.core.recipes import DEFAULT_RECIPE, get_recipe
from diffviz.core.sampling import sample, sample_final, sample_labels
from test_cli import run_inprocess

RECIPE = get_recipe("flow-class")


def test_flow_class_is_the_default_and_flow_told_the_class():
    """flow-class noises as flow does, with flow's network told the class; since its second revision it predicts
    the velocity and trains in batches of 32 with a late fall of the rate (#23), and its first revision, flow told
    the class and nothing else, reads the checkpoints written before."""
    flow, first = get_recipe("flow"), get_recipe("flow-class-x")
    assert DEFAULT_RECIPE == "flow-class" and RECIPE.revision == 2
    assert (RECIPE.architecture, RECIPE.process.noise_kind, RECIPE.process.amount_kind, RECIPE.lr) == (
        flow.architecture, flow.process.noise_kind, flow.process.amount_kind, flow.lr)
    assert (RECIPE.process.predicts, RECIPE.batch_size, RECIPE.lr_final) == ("velocity", 32, 0.1)
    assert (first.architecture, first.process, first.lr, first.batch_size, first.lr_final) == (
        flow.architecture, flow.process, flow.lr, flow.batch_size, flow.lr_final)
    assert first.classes == 10 and first.guidance == 2.0
    assert RECIPE.classes == 10 and flow.classes == 0 and RECIPE.guidance == 2.0
    model = RECIPE.make_model()
    assert model.classes == 10 and model.config()["classes"] == 10
    assert "classes" not in flow.make_model().config()  # an unlabelled model's checkpoints are unchanged


def test_the_label_changes_the_prediction_and_none_means_unlabelled():
    torch.manual_seed(0)
    model = TimeUNet(classes=10).eval()
    with torch.no_grad():
        model.label_embed.weight.normal_()  # an untrained embedding may be near zero; make the labels distinct
        x, t = torch.randn(2, 1, 28, 28), torch.full((2,), 0.5)
        three, seven = model(x, t, torch.tensor([3, 3])), model(x, t, torch.tensor([7, 7]))
        assert not torch.allclose(three, seven)
        assert torch.equal(model(x, t), model(x, t, torch.tensor([10, 10])))


def test_training_batches_show_labels_and_hide_about_one_in_ten():
    x = torch.rand(10_000, 1, 2, 2)
    labels = torch.arange(10_000) % 10
    batch = RECIPE.training_batch(x, torch.Generator().manual_seed(0), labels)
    hidden = batch.labels == 10
    assert 0.08 < hidden.float().mean().item() < 0.12
    assert torch.equal(batch.labels[~hidden], labels[~hidden])
    unlabelled = RECIPE.training_batch(x[:8], torch.Generator().manual_seed(0), None)
    assert torch.equal(unlabelled.labels, torch.full((8,), 10))  # data without labels: the model learns without
    assert get_recipe("flow").training_batch(x[:8], torch.Generator().manual_seed(0), labels[:8]).labels is None


def test_guidance_mixes_the_labelled_and_unlabelled_predictions():
    torch.manual_seed(1)
    model = TimeUNet(classes=10).eval()
    with torch.no_grad():
        model.label_embed.weight.normal_()
        x, t, y = torch.randn(3, 1, 28, 28), torch.full((3,), 0.7), torch.tensor([1, 4, 9])
        labelled, unlabelled = model(x, t, y), model(x, t)
        assert torch.allclose(RECIPE.guided_predict(model, x, t, y, 1.0), labelled)
        assert torch.allclose(RECIPE.guided_predict(model, x, t, y, 0.0), unlabelled, atol=1e-6)
        assert torch.allclose(RECIPE.guided_predict(model, x, t, y, 3.0), unlabelled + 3 * (labelled - unlabelled),
                              atol=1e-5)


def test_a_class_recipe_trains_with_a_falling_loss_and_round_trips(train_a_few_steps, tmp_path):
    trainer, reports = train_a_few_steps("flow-class", 40)
    first, last = np.mean([r.loss for r in reports[:8]]), np.mean([r.loss for r in reports[-8:]])
    assert last < 0.7 * first
    path = save_checkpoint(tmp_path / "fc.safetensors", trainer.sampling_model, recipe="flow-class")
    model, info = load_checkpoint(path)
    assert info.recipe == "flow-class" and model.classes == 10
    for key, value in trainer.sampling_model.state_dict().items():
        assert torch.equal(model.state_dict()[key], value)


def test_a_labelled_model_under_an_unlabelled_recipe_is_refused(tmp_path):
    path = save_checkpoint(tmp_path / "odd.safetensors", TimeUNet(classes=10), recipe="flow")
    with pytest.raises(CheckpointError, match="told 10 classes, but the flow recipe tells it 0"):
        load_checkpoint(path)


def test_samples_ask_for_each_digit_in_turn_or_one_digit():
    assert sample_labels(12).tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]
    assert sample_labels(3, digit=4).tolist() == [4, 4, 4]
    model = RECIPE.make_model()
    trajectory = sample(model, 12, 3, seed=0, recipe=RECIPE, features=2)
    assert trajectory.labels.tolist() == sample_labels(12).tolist() and trajectory.guidance == 2.0
    assert set(trajectory.features) and trajectory.features["down0"].shape[:2] == (4, 2)
    one = sample(model, 5, 3, seed=0, recipe=RECIPE, digit=7, guidance=1.5)
    assert one.labels.tolist() == [7] * 5 and one.guidance == 1.5
    unlabelled = sample(get_recipe("flow").make_model(), 3, 2, recipe=get_recipe("flow"))
    assert unlabelled.labels is None and unlabelled.guidance == 1.0


@pytest.mark.parametrize("kwargs, message", [({"digit": 10}, "digit to draw must be 0 to 9"),
                                             ({"digit": -1}, "digit to draw must be 0 to 9"),
                                             ({"guidance": -0.5}, "guidance scale must be between 0 and 20"),
                                             ({"guidance": 1e9}, "guidance scale must be between 0 and 20")])
def test_absurd_digit_or_guidance_is_refused(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        sample(RECIPE.make_model(), 2, 2, recipe=RECIPE, **kwargs)
    with pytest.raises(ConfigError, match=message):
        sample_final(RECIPE.make_model(), 2, 2, recipe=RECIPE, **kwargs)


@pytest.fixture(scope="module")
def meter():
    return QualityMeter.load()


@pytest.fixture(scope="module")
def bundled_class_model():
    path = bundled_checkpoint_path("flow-class")
    model, info = load_checkpoint(path)
    assert info.recipe == "flow-class"
    return model


def test_the_bundled_model_draws_the_digit_asked_for(bundled_class_model, meter):
    for digit in (0, 3, 7):
        images = sample_final(bundled_class_model, 30, 20, seed=digit, recipe=RECIPE, digit=digit)
        report = meter.measure(images)
        assert report.histogram[digit] >= 24, (digit, report.histogram)


def test_guidance_makes_the_bundled_models_digits_clearer(bundled_class_model, meter):
    """Scale 0 ignores the labels (an unlabelled model); the default scale 2 is recognised far more often."""
    scores = {g: meter.measure(sample_final(bundled_class_model, 100, 20, seed=5, recipe=RECIPE, guidance=g))
              for g in (0.0, 2.0)}
    assert scores[2.0].recognised > scores[0.0].recognised + 0.15
    assert scores[2.0].coverage > 0.95


def test_cli_draws_one_digit_and_refuses_digits_for_unlabelled_models(tmp_path, capsys, meter):
    out = tmp_path / "sevens.npy"
    code, stdout, stderr = run_inprocess(capsys, "sample", "--recipe", "flow-class", "--digit", "7", "--n", "20",
                                         "--steps", "20", "--guidance", "3", "--out", out, "--metrics")
    assert code == 0, stderr
    images = np.load(out)
    assert images.shape == (20, 1, 28, 28) and meter.measure(images).histogram[7] >= 16
    assert "quality of 20 samples" in stdout
    code, _, stderr = run_inprocess(capsys, "sample", "--recipe", "course", "--digit", "3", "--out",
                                    tmp_path / "c.npy")
    assert code == 2 and "need a model told the class" in stderr and not (tmp_path / "c.npy").exists()
    code, _, stderr = run_inprocess(capsys, "sample", "--digit", "12", "--out", tmp_path / "d.npy")
    assert code == 2 and "0 to 9" in stderr
