"""``mx.cuda``, as in MLX: mxgraph has no CUDA backend, so CUDA is never available."""

__all__ = ["is_available"]


def is_available() -> bool:
    """False: this build of mxgraph runs on the CPU only."""
    return False
