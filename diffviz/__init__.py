"""diffviz: watch a diffusion model learn and create."""

__version__ = "0.1.0"
