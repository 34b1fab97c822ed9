"""Optimizers and learning-rate schedules, name for name with ``mlx.optimizers``:
``import mxgraph.optimizers as optim``."""

from mxgraph.optimizers.optimizers import *  # noqa: F401,F403
from mxgraph.optimizers.schedulers import *  # noqa: F401,F403
