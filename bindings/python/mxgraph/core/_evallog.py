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
    """An implicit evaluation under ``eval_guard("warn")``."""


class GraphThresholdWarning(UserWarning):
    """A pending graph passed the threshold set by ``set_graph_threshold``."""


EvalRecord = collections.namedtuple(
    "EvalRecord", "cause implicit call_site nodes_run bytes_allocated wall_ns")
EvalRecord.__doc__ = (
    "One evaluation: cause ('explicit', 'async', 'print', 'item', 'bool' (also int/float), "
    "'tolist', 'numpy', 'buffer', 'save', ...), whether it was implicit, call_site "
    "('file:line' of the code that triggered it), nodes_run, bytes_allocated (change in "
    "active memory), wall_ns.")

class EvalLog:
    """The records of an ``eval_log()`` block (filled as the block runs)."""

    def __init__(self):
        self.records = []

    def summary(self):
        """One line per (call site, cause), most evaluations first, e.g.
        ``900 implicit evaluations via bool()/int()/float() at train.py:41``."""
        return _core._eval_log_summary([(r.cause, r.call_site) for r in self.records])

    def __repr__(self):
        return f"EvalLog({len(self.records)} records)"


def _records(start):
    return [EvalRecord(*r) for r in _core._eval_log_records(start)]


@contextlib.contextmanager
def eval_log():
    """Records every evaluation inside the block; yields an ``EvalLog`` whose
    ``records`` are complete when the block ends. Scopes nest."""
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
    """Inside the block, implicit evaluations (print, item, bool/int/float, tolist,
    NumPy, memoryview, save) are allowed, logged (logger "mxgraph"), warned about
    (``ImplicitEvalWarning``) or raise ``ImplicitEvalError`` (a RuntimeError) before
    anything runs, leaving the array pending. Explicit ``eval``/``async_eval`` are
    always allowed. The previous policy comes back at the end."""
    with _policy_lock:
        old = _core._set_implicit_eval_policy(policy)
    try:
        yield
    finally:
        with _policy_lock:
            _core._set_implicit_eval_policy(old)


def set_graph_threshold(nodes=None, bytes=None, action="warn"):
    """When the pending graph behind a new array passes ``nodes`` primitives or
    ``bytes`` bytes to allocate: ``"warn"`` once (``GraphThresholdWarning`` with the
    call site), ``"eval"`` the array right away, or ``"raise"`` RuntimeError.
    ``set_graph_threshold()`` switches it off; setting it again re-arms the warning."""
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
    """Measures the peak active memory (bytes) inside the block: yields an object
    whose ``peak`` is set when the block ends. Scopes nest: an inner scope resets the
    allocator's peak counter (as ``reset_peak_memory`` does), but an enclosing scope
    still reports the peak over its whole block."""
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
