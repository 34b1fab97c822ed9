"""mxgraph: lazy arrays with MLX's API, on any CPU.

Use ``import mxgraph.core as mx``; ``mxgraph.nn`` and ``mxgraph.optimizers`` follow
``mlx.nn`` and ``mlx.optimizers``.
"""

import os as _os

# Developers point MXGRAPH_DEV_BUILD at a CMake build folder to use its extension
# (build/python/mxgraph/_core*.so) with the package sources in this folder.
_dev = _os.environ.get("MXGRAPH_DEV_BUILD")
if _dev:
    __path__.append(_os.path.join(_os.path.abspath(_dev), "python", "mxgraph"))

__version__ = "0.1.0"
