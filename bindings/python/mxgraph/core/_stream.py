"""mx.stream(...): a context manager that sets the default stream or device."""

from mxgraph import _core


class stream:
    """A context manager that makes a stream or device the default inside a ``with`` block,
    for the calling thread (each thread has its own default streams, as in MLX).

    Args:
        s (Stream or Device): The stream or device to use.

    Example:
        >>> with mx.stream(mx.cpu):
        ...     print(mx.add(1, 2))
        array(3, dtype=int32)
    """

    def __init__(self, s):
        if isinstance(s, int) and s in (0, 1):  # MLX converts 0/1 to the DeviceType enum
            s = _core.DeviceType.gpu if s else _core.DeviceType.cpu
        if not isinstance(s, (_core.Stream, _core.Device, _core.DeviceType)):
            raise TypeError(f"[stream] Expected a Stream or a Device, not {type(s).__name__}.")
        self._s = s

    def __enter__(self):
        self._old_device = _core.default_device()
        self._old_stream = _core.default_stream(self._old_device)
        if isinstance(self._s, _core.Stream):
            _core.set_default_stream(self._s)
        else:
            _core.set_default_device(self._s)
        return self

    def __exit__(self, *exc):
        _core.set_default_stream(self._old_stream)
        _core.set_default_device(self._old_device)
        return False
