"""``mx.cuda``, as in MLX: mxgraph has no CUDA backend, so CUDA is never available."""

__all__ = ["is_available"]


def is_available() -> bool:
    """Tells whether a CUDA GPU is available: never, in this CPU-only build.

    Returns:
        bool: ``False``.

    Example:
        >>> mx.cuda.is_available()
        False
    """
    return False
