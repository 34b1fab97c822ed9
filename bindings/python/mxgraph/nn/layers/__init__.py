"""The layers of mxgraph.nn."""

from mxgraph.nn.layers.activations import *  # noqa: F401,F403
from mxgraph.nn.layers.base import Module  # noqa: F401
from mxgraph.nn.layers.containers import Sequential  # noqa: F401
from mxgraph.nn.layers.distributed import AllToShardedLinear, ShardedToAllLinear  # noqa: F401
from mxgraph.nn.layers.dropout import Dropout, Dropout2d, Dropout3d  # noqa: F401
from mxgraph.nn.layers.embedding import Embedding  # noqa: F401
from mxgraph.nn.layers.linear import Bilinear, Identity, Linear  # noqa: F401
from mxgraph.nn.layers.normalization import BatchNorm, GroupNorm, LayerNorm, RMSNorm  # noqa: F401
from mxgraph.nn.layers.transformer import MultiHeadAttention  # noqa: F401
