"""What a model says about itself: its layers' notes, how it is shaped, and how its skips join.

Why on the model: the inspector and the architecture view explain what the learner is looking at,
and those words are facts about one architecture. Kept in a table elsewhere they drift (a
UNet2DModel's blocks were once shown BasicUNet's notes about 5×5 convolutions and max-pooling).
Each architecture builds its ``ModelFacts`` from what it is (for diffusers' blocks, from the loaded
blocks themselves; for BasicUNet and TimeUNet, from their own size and channels), so a model of any
configuration describes itself truthfully. The texts are made when ``facts()`` is asked, in the language
shown (``core.i18n``), each sentence translated whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diffviz.core import i18n


@dataclass(frozen=True)
class ModelFacts:
    """How one model describes itself to a learner.

    ``layout_html`` and ``features_html`` are rich text for the architecture view's and the inspector's
    explanation boxes; ``skip_html`` says how a skip connection joins the up path; ``skips`` names which
    down layer's output reaches which up layer; the labels go on the architecture view's arrows.
    """

    layout_html: str
    features_html: str
    skip_html: str
    notes: dict[str, str] = field(default_factory=dict)     # feature layer name -> one line
    skips: tuple[tuple[str, str], ...] = ()                 # (down layer, up layer it reaches)
    downsample_label: str = "½"                             # on an arrow where the resolution halves
    upsample_label: str = "×2"                              # where it doubles
    attention_layers: tuple[str, ...] = ()                  # its self-attention modules (core.attention)


def sentences(*texts: str) -> str:
    """Whole sentences, each translated on its own, one after another as the language writes them: a space
    between English sentences, none between Chinese ones. Empty texts are left out."""
    joined = ""
    for text in texts:
        if text:
            joined = i18n.tr("{first} {second}", "one whole sentence after another").format(
                first=joined, second=text) if joined else text
    return joined
