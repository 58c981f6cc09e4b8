"""The project's own exceptions.

Every refusal the engine makes (bad data, a foreign checkpoint, an unwritable path,
absurd settings) is one of these, so the CLI and the app can show ``str(error)`` to a
person as it is, and anything else is a real bug.
"""


class DiffvizError(Exception):
    """Base class: the message is written for the user and says what to do."""


class DataError(DiffvizError):
    """A dataset could not be found or read."""


class CheckpointError(DiffvizError):
    """A checkpoint could not be read, or does not fit the model."""


class UnforeseenFileError(CheckpointError):
    """A user's file failed in a way no check of ours foresaw: still one line naming the file (never a traceback),
    but each one is a check to write, so the fuzzing (``bench.fuzz``) counts them apart from real refusals."""


class ConfigError(DiffvizError):
    """A hyperparameter or option is out of range."""


class ExportError(DiffvizError):
    """A file could not be written."""


class TrainingDiverged(DiffvizError):
    """The loss became NaN or infinite; the model keeps its last finite weights."""
