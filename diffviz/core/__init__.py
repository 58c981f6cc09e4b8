"""The engine: data, corruption, models, training, sampling, capture, checkpoints, export.

Nothing in this package imports Qt; the GUI and the CLI both drive it (enforced by
import-linter, see pyproject.toml).
"""
