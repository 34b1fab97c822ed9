"""``mx.metal``, as in MLX: mxgraph has no Metal backend, so Metal is never available.

The memory functions MLX keeps here (deprecated there) forward to the device-neutral
ones in ``mxgraph.core``.
"""

from mxgraph import _core

__all__ = [
    "is_available", "device_info", "start_capture", "stop_capture",
    "get_active_memory", "get_peak_memory", "reset_peak_memory", "get_cache_memory",
    "set_memory_limit", "set_cache_limit", "set_wired_limit", "clear_cache",
]


def is_available() -> bool:
    """Tells whether a Metal GPU is available: never, in this CPU-only build.

    Returns:
        bool: ``False``.

    Example:
        >>> mx.metal.is_available()
        False
    """
    return False


def _unavailable(fn):
    raise RuntimeError(f"[metal.{fn}] Metal is not available in mxgraph; it runs on the CPU.")


def device_info() -> dict:
    """Facts about the Metal device: an empty dict, as MLX gives where there is none.

    Returns:
        dict: ``{}``.

    Example:
        >>> mx.metal.device_info()
        {}
    """
    return {}


def start_capture(path: str) -> None:
    """Starts a Metal GPU capture; raises ``RuntimeError`` here, as capture needs a Metal device.

    Args:
        path (str): Where the capture would be written.

    Example:
        >>> try:
        ...     mx.metal.start_capture("trace.gputrace")
        ... except RuntimeError:
        ...     print("no Metal device")
        no Metal device
    """
    _unavailable("start_capture")


def stop_capture() -> None:
    """Stops a Metal GPU capture; raises ``RuntimeError`` here, as capture needs a Metal device.

    Example:
        >>> try:
        ...     mx.metal.stop_capture()
        ... except RuntimeError:
        ...     print("no Metal device")
        no Metal device
    """
    _unavailable("stop_capture")


get_active_memory = _core.get_active_memory
get_peak_memory = _core.get_peak_memory
reset_peak_memory = _core.reset_peak_memory
get_cache_memory = _core.get_cache_memory
set_memory_limit = _core.set_memory_limit
set_cache_limit = _core.set_cache_limit
set_wired_limit = _core.set_wired_limit
clear_cache = _core.clear_cache
