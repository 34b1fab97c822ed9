"""The evaluation log, implicit-evaluation guards, the graph-size threshold and scoped
peak memory. See docs/graph-tools.md.

The environment variables ``MXGRAPH_EVAL_LOG``, ``MXGRAPH_IMPLICIT_EVAL`` and
``MXGRAPH_GRAPH_THRESHOLD`` are applied by the C++ library as it loads (see
docs/settings.md); a value that does not parse makes the import fail with ValueError.
"""

import collections
import contextlib
import logging
import os
import threading
import warnings

from mxgraph import _core
from mxgraph._core import ImplicitEvalError  # noqa: F401  (RuntimeError subclass)

__all__ = [
    "EvalRecord", "EvalLog", "eval_log", "eval_guard", "ImplicitEvalError",
    "ImplicitEvalWarning", "GraphThresholdWarning", "set_graph_threshold",
    "peak_memory_scope",
]

_logger = logging.getLogger("mxgraph")


class ImplicitEvalWarning(UserWarning):
    """The warning an implicit evaluation gives under ``eval_guard("warn")``.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     with mx.eval_guard("warn"):
        ...         _ = (mx.array(1) + 1).item()
        >>> caught[0].category is mx.ImplicitEvalWarning
        True
    """


class GraphThresholdWarning(UserWarning):
    """The warning a pending graph gives when it passes the threshold that
    :func:`set_graph_threshold` set (with the call site that built it).

    Example:
        >>> import warnings
        >>> mx.set_graph_threshold(nodes=3)
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     x = mx.array([1.0])
        ...     for _ in range(5):
        ...         x = x + 1
        >>> mx.set_graph_threshold()
        >>> caught[0].category is mx.GraphThresholdWarning
        True
    """


EvalRecord = collections.namedtuple(
    "EvalRecord", "cause implicit call_site nodes_run bytes_allocated wall_ns")
EvalRecord.__doc__ = """One evaluation, as :func:`eval_log` records it.

Its fields:

- ``cause`` (str): what triggered it: ``"explicit"``, ``"async"``, ``"print"``,
  ``"item"``, ``"bool"`` (also int and float), ``"tolist"``, ``"numpy"``,
  ``"buffer"``, ``"save"``...
- ``implicit`` (bool): whether the code asked for a value rather than an evaluation.
- ``call_site`` (str): ``"file:line"`` of the code that triggered it.
- ``nodes_run`` (int): primitives computed.
- ``bytes_allocated`` (int): change in active memory.
- ``wall_ns`` (int): time taken, in nanoseconds.

Example:
    >>> with mx.eval_log() as log:
    ...     _ = (mx.array([1.0]) + 1).tolist()
    >>> r = log.records[0]
    >>> r.cause, r.implicit, r.nodes_run
    ('tolist', True, 1)
"""

class EvalLog:
    """The records of an :func:`eval_log` block (filled as the block runs): ``records``,
    a list of :class:`EvalRecord`.

    Example:
        >>> with mx.eval_log() as log:
        ...     mx.eval(mx.array([1.0]) * 2)
        array([2], dtype=float32)
        >>> len(log.records), log.records[0].cause
        (1, 'explicit')
    """

    def __init__(self):
        self.records = []

    def summary(self):
        """Summarises the records: one line per call site and cause, most evaluations first,
        e.g. ``900 implicit evaluations via bool()/int()/float() at train.py:41``.

        Returns:
            str: The summary.

        Example:
            >>> with mx.eval_log() as log:
            ...     for i in range(3):
            ...         _ = (mx.array(i) + 1).item()
            >>> "3 implicit evaluations via item()" in log.summary()
            True
        """
        return _core._eval_log_summary([(r.cause, r.call_site) for r in self.records])

    def __repr__(self):
        return f"EvalLog({len(self.records)} records)"


def _records(start):
    return [EvalRecord(*r) for r in _core._eval_log_records(start)]


@contextlib.contextmanager
def eval_log():
    """A context manager that records every evaluation inside the block (scopes nest).

    Returns:
        EvalLog: Yielded by the ``with``; its ``records`` are complete when the block
        ends.

    Example:
        >>> with mx.eval_log() as log:
        ...     print(mx.array([1, 2]) + 1)
        array([2, 3], dtype=int32)
        >>> log.records[0].cause, log.records[0].implicit
        ('print', True)
    """
    log = EvalLog()
    _core._eval_log_begin()
    start = _core._eval_log_size()
    try:
        yield log
    finally:
        log.records = _records(start)
        _core._eval_log_end()


_policy_lock = threading.Lock()


@contextlib.contextmanager
def eval_guard(policy="raise"):
    """A context manager that sets what implicit evaluations (printing, ``item()``,
    ``bool()``/``int()``/``float()``, ``tolist()``, NumPy conversion, memoryview, save)
    do inside the block. Explicit :func:`eval` and :func:`async_eval` are always allowed.
    The previous policy comes back at the end.

    Args:
        policy (str, optional): ``"allow"``, ``"log"`` (to the ``"mxgraph"`` logger),
            ``"warn"`` (:class:`ImplicitEvalWarning`) or ``"raise"``
            (:class:`ImplicitEvalError`, raised before anything runs, leaving the array
            pending). Default: ``"raise"``.

    Returns:
        A context manager.

    Example:
        >>> x = mx.array([1.0]) * 2
        >>> with mx.eval_guard("raise"):
        ...     try:
        ...         x.item()
        ...     except mx.ImplicitEvalError:
        ...         print("refused")
        refused
        >>> mx.eval(x)
        array([2], dtype=float32)
    """
    with _policy_lock:
        old = _core._set_implicit_eval_policy(policy)
    try:
        yield
    finally:
        with _policy_lock:
            _core._set_implicit_eval_policy(old)


def set_graph_threshold(nodes=None, bytes=None, action="warn") -> None:
    """Watches the size of pending graphs: when the graph behind a new array passes
    ``nodes`` primitives or ``bytes`` bytes to allocate, warns once
    (:class:`GraphThresholdWarning`, with the call site), evaluates the array, or
    raises ``RuntimeError``. Without a threshold it switches the watch off; setting it
    again re-arms the warning.

    Args:
        nodes (int, optional): Pending primitives allowed. ``None``: no limit.
        bytes (int, optional): Bytes to allocate allowed. ``None``: no limit.
        action (str, optional): ``"warn"``, ``"eval"`` or ``"raise"``. Default: ``"warn"``.

    Example:
        >>> mx.set_graph_threshold(nodes=10, action="eval")
        >>> x = mx.array([0.0])
        >>> for _ in range(20):
        ...     x = x + 1
        >>> mx.graph_stats(x).pending_nodes <= 10
        True
        >>> mx.set_graph_threshold()
    """
    _core._set_graph_threshold(int(nodes or 0), int(bytes or 0), action)


class _PeakScope:
    def __init__(self):
        self.peak = 0  # bytes; the block's peak active memory, set at its end
        self._seen = 0

    def __repr__(self):
        return f"peak_memory_scope(peak={self.peak})"


_peak_scopes = []


@contextlib.contextmanager
def peak_memory_scope():
    """A context manager that measures the peak active memory inside the block. Scopes
    nest: an inner scope resets the allocator's peak counter (as
    :func:`reset_peak_memory` does), yet an enclosing scope still reports the peak of
    its whole block.

    Returns:
        An object whose ``peak`` (bytes) is set when the block ends.

    Example:
        >>> with mx.peak_memory_scope() as scope:
        ...     y = mx.eval(mx.zeros((1024,)) + 1)
        >>> scope.peak >= 4096
        False
    """
    for outer in _peak_scopes:  # what the outer scopes saw so far survives the reset
        outer._seen = max(outer._seen, _core.get_peak_memory())
    scope = _PeakScope()
    _core.reset_peak_memory()
    _peak_scopes.append(scope)
    try:
        yield scope
    finally:
        _peak_scopes.remove(scope)
        scope.peak = max(scope._seen, _core.get_peak_memory())
        for outer in _peak_scopes:
            outer._seen = max(outer._seen, scope.peak)


def _notify(policy, message, site):
    path, _, line = site.rpartition(":")
    if "[graph threshold]" in message:
        category = GraphThresholdWarning
    elif policy == 1:  # log
        _logger.warning(message)
        return
    else:
        category = ImplicitEvalWarning
    if path:
        warnings.warn_explicit(message, category, path, int(line), module="mxgraph")
    else:
        warnings.warn(message, category, stacklevel=2)


_package_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_core._set_eval_hooks(_notify, _package_dir)


def _from_environment():
    errors = _core._settings_errors()
    if errors:
        raise ValueError(" ".join(errors))


_from_environment()
