"""The evaluation log, implicit-evaluation guards, the graph-size threshold and scoped
peak memory. See docs/graph-tools.md.

Environment (read once, at import):

- ``MXGRAPH_EVAL_LOG=1`` prints every evaluation record to stderr at exit;
  ``MXGRAPH_EVAL_LOG=path`` writes them (and the summary) to that file.
- ``MXGRAPH_IMPLICIT_EVAL=allow|log|warn|raise`` sets the implicit-evaluation policy.
- ``MXGRAPH_GRAPH_THRESHOLD=nodes[,bytes=B][,action=warn|eval|raise]`` (for example
  ``100000`` or ``nodes=100000,bytes=4e9,action=eval``) sets the graph-size threshold.
"""

import atexit
import collections
import contextlib
import logging
import os
import sys
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

_VIA = {
    "explicit": "eval()", "async": "async_eval()", "print": "print()/repr()",
    "item": "item()", "bool": "bool()/int()/float()", "tolist": "tolist()",
    "numpy": "NumPy conversion", "buffer": "the buffer protocol (memoryview, np.array)", "save": "save",
    "data": "data access", "other": "the graph threshold",
}


def _short(site):
    path, _, line = site.rpartition(":")
    return f"{os.path.basename(path)}:{line}" if path else site or "<unknown>"


class EvalLog:
    """The records of an ``eval_log()`` block (filled as the block runs)."""

    def __init__(self):
        self.records = []

    def summary(self):
        """One line per (call site, cause), most evaluations first, e.g.
        ``900 implicit evaluations via bool()/int()/float() at train.py:41``."""
        groups = collections.Counter((r.call_site, r.cause, r.implicit) for r in self.records)
        lines = []
        for (site, cause, implicit), n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
            kind = "implicit" if implicit else "explicit"
            noun = "evaluation" if n == 1 else "evaluations"
            lines.append(f"{n} {kind} {noun} via {_VIA.get(cause, cause)} at {_short(site)}")
        return "\n".join(lines)

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


def _parse_threshold(text):
    kw = {}
    for part in text.split(","):
        key, eq, val = part.strip().partition("=")
        if not eq:
            key, val = "nodes", key
        if key == "action":
            kw[key] = val
        elif key in ("nodes", "bytes"):
            kw[key] = int(float(val))
        else:
            raise ValueError(f"[MXGRAPH_GRAPH_THRESHOLD] Unknown key '{key}'; use nodes=, bytes=, action=.")
    return kw


def _write_log_at_exit(target, start):
    log = EvalLog()
    log.records = _records(start)
    lines = [f"{r.cause}\t{'implicit' if r.implicit else 'explicit'}\t{r.call_site}\t"
             f"nodes={r.nodes_run}\tbytes={r.bytes_allocated}\twall_ns={r.wall_ns}"
             for r in log.records]
    text = "mxgraph evaluation log:\n" + "\n".join(lines) + "\nsummary:\n" + log.summary() + "\n"
    if target in ("1", "stderr", "true"):
        sys.stderr.write(text)
    else:
        with open(target, "w") as f:
            f.write(text)


def _from_environment():
    target = os.environ.get("MXGRAPH_EVAL_LOG", "")
    if target and target != "0":
        _core._eval_log_begin()
        atexit.register(_write_log_at_exit, target, _core._eval_log_size())
    policy = os.environ.get("MXGRAPH_IMPLICIT_EVAL", "")
    if policy:
        _core._set_implicit_eval_policy(policy)
    threshold = os.environ.get("MXGRAPH_GRAPH_THRESHOLD", "")
    if threshold:
        set_graph_threshold(**_parse_threshold(threshold))


_from_environment()
