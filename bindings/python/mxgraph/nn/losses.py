"""Loss functions with mlx.nn.losses' names, defaults and formulas.

Every loss takes `reduction` in ('none', 'mean', 'sum'); the default differs per loss,
as in MLX. All of them are lazy compositions of mxgraph.core ops, so they differentiate.
"""

import math

import mxgraph.core as mx

_REDUCTIONS = ("none", "mean", "sum")


def _reduce(loss, reduction, name):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"[{name}] Invalid reduction {reduction!r}. "
                         f"Use one of {_REDUCTIONS}.")
    if reduction == "mean":
        return mx.mean(loss)
    if reduction == "sum":
        return mx.sum(loss)
    return loss


def _same_shape(name, what, a, b):
    if a.shape != b.shape:
        raise ValueError(f"[{name}] {what[0]} shape {tuple(a.shape)} does not match "
                         f"{what[1]} shape {tuple(b.shape)}. Pass arrays of the same shape.")


def _broadcastable(name, **arrays):
    """Losses that broadcast (as in MLX) still name themselves when shapes clash."""
    try:
        mx.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {tuple(a.shape)}" for k, a in arrays.items())
        raise ValueError(f"[{name}] Shapes do not broadcast: {shapes}. "
                         "Pass arrays of broadcastable shapes.") from None


def _apply_weights(name, loss, weights):
    if weights is None:
        return loss
    if weights.shape != loss.shape:
        raise ValueError(f"[{name}] Weights shape {tuple(weights.shape)} does not match "
                         f"the loss shape {tuple(loss.shape)}. Pass one weight per loss.")
    return loss * weights


def _gather(x, indices, axis):
    """x[..., indices, ...] along `axis`, one index per position."""
    return mx.squeeze(mx.take_along_axis(x, mx.expand_dims(indices, axis), axis), axis)


def cross_entropy(logits, targets, weights=None, axis=-1, label_smoothing=0.0,
                  reduction="none"):
    """Cross entropy of `logits` against class indices (one fewer dimension) or
    probabilities (same shape), with optional label smoothing and per-loss weights."""
    name = "cross_entropy"
    if label_smoothing < 0 or label_smoothing >= 1:
        raise ValueError(f"[{name}] label_smoothing must be in [0, 1), got "
                         f"{label_smoothing}.")
    as_probs = targets.ndim == logits.ndim
    if as_probs:
        expected = tuple(logits.shape)
    else:
        expected = list(logits.shape)
        if not -len(expected) <= axis < len(expected):
            raise ValueError(f"[{name}] axis {axis} is out of range for logits with "
                             f"{len(expected)} dimensions.")
        expected.pop(axis)
        expected = tuple(expected)
    if tuple(targets.shape) != expected:
        raise ValueError(f"[{name}] Targets shape {tuple(targets.shape)} does not match "
                         f"logits shape {tuple(logits.shape)}. Pass class indices with "
                         "the class axis dropped, or probabilities of the logits' shape.")
    # Shifting by the (constant) max keeps exp in range without changing the loss.
    logits = logits - mx.stop_gradient(mx.max(logits, axis=axis, keepdims=True))
    if as_probs:
        score = mx.sum(logits * targets, axis=axis)
    else:
        score = _gather(logits, targets, axis)
    lse = mx.logsumexp(logits, axis=axis)
    if label_smoothing > 0:
        smoothed = label_smoothing * mx.mean(logits, axis=axis)
        loss = lse - (1 - label_smoothing) * score - smoothed
    else:
        loss = lse - score
    return _reduce(_apply_weights(name, loss, weights), reduction, name)


def binary_cross_entropy(inputs, targets, weights=None, with_logits=True,
                         reduction="mean"):
    """Binary cross entropy of logits (default) or probabilities against targets."""
    name = "binary_cross_entropy"
    _same_shape(name, ("Inputs", "targets"), inputs, targets)
    if with_logits:
        loss = mx.logaddexp(0.0, inputs) - inputs * targets
    else:
        # log is clipped at -100 so that probabilities of exactly 0 or 1 stay finite.
        log_p = mx.maximum(mx.log(inputs), -100)
        log_q = mx.maximum(mx.log(1 - inputs), -100)
        loss = -(targets * log_p + (1 - targets) * log_q)
    return _reduce(_apply_weights(name, loss, weights), reduction, name)


def l1_loss(predictions, targets, reduction="mean"):
    """|predictions - targets|."""
    _same_shape("l1_loss", ("Predictions", "targets"), predictions, targets)
    return _reduce(mx.abs(predictions - targets), reduction, "l1_loss")


def mse_loss(predictions, targets, reduction="mean"):
    """(predictions - targets)^2."""
    _same_shape("mse_loss", ("Predictions", "targets"), predictions, targets)
    return _reduce(mx.square(predictions - targets), reduction, "mse_loss")


def nll_loss(inputs, targets, axis=-1, reduction="none"):
    """Negative log likelihood: -inputs[target] along `axis` (inputs are log-probs)."""
    return _reduce(-_gather(inputs, targets, axis), reduction, "nll_loss")


def gaussian_nll_loss(inputs, targets, vars, full=False, eps=1e-6, reduction="mean"):
    """0.5 (log var + (target - mean)^2 / var), var clamped below at eps."""
    name = "gaussian_nll_loss"
    _same_shape(name, ("Inputs", "targets"), inputs, targets)
    _same_shape(name, ("Inputs", "vars"), inputs, vars)
    vars = mx.maximum(vars, eps)
    loss = 0.5 * (mx.log(vars) + mx.square(targets - inputs) / vars)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction, name)


def kl_div_loss(inputs, targets, axis=-1, reduction="none"):
    """KL(targets || inputs) for log-probabilities, summed over `axis`."""
    _broadcastable("kl_div_loss", inputs=inputs, targets=targets)
    loss = mx.sum(mx.exp(targets) * (targets - inputs), axis=axis)
    return _reduce(loss, reduction, "kl_div_loss")


def smooth_l1_loss(predictions, targets, beta=1.0, reduction="mean"):
    """0.5 d^2 / beta where d = |predictions - targets| < beta, else d - 0.5 beta."""
    name = "smooth_l1_loss"
    _same_shape(name, ("Predictions", "targets"), predictions, targets)
    diff = mx.abs(predictions - targets)
    loss = mx.where(diff < beta, 0.5 * mx.square(diff) / beta, diff - 0.5 * beta)
    return _reduce(loss, reduction, name)


def _p_distance(a, b, axis, p, eps):
    return mx.power(mx.sum(mx.power(mx.abs(a - b), p), axis=axis) + eps, 1.0 / p)


def triplet_loss(anchors, positives, negatives, axis=-1, p=2, margin=1.0, eps=1e-6,
                 reduction="none"):
    """max(d(anchor, positive) - d(anchor, negative) + margin, 0), d the p-norm."""
    _broadcastable("triplet_loss", anchors=anchors, positives=positives, negatives=negatives)
    pos = _p_distance(anchors, positives, axis, p, eps)
    neg = _p_distance(anchors, negatives, axis, p, eps)
    return _reduce(mx.maximum(pos - neg + margin, 0), reduction, "triplet_loss")


def hinge_loss(inputs, targets, reduction="none"):
    """max(1 - inputs * targets, 0), targets in {-1, 1}."""
    _broadcastable("hinge_loss", inputs=inputs, targets=targets)
    return _reduce(mx.maximum(1 - inputs * targets, 0), reduction, "hinge_loss")


def huber_loss(inputs, targets, delta=1.0, reduction="none"):
    """Quadratic for errors up to `delta`, linear beyond."""
    _broadcastable("huber_loss", inputs=inputs, targets=targets)
    err = mx.abs(inputs - targets)
    quadratic = mx.minimum(err, delta)
    loss = 0.5 * mx.square(quadratic) + delta * (err - quadratic)
    return _reduce(loss, reduction, "huber_loss")


def log_cosh_loss(inputs, targets, reduction="none"):
    """log(cosh(inputs - targets)), computed as logaddexp(e, -e) - log 2 to stay finite."""
    _broadcastable("log_cosh_loss", inputs=inputs, targets=targets)
    err = inputs - targets
    loss = mx.logaddexp(err, -err) - math.log(2)
    return _reduce(loss, reduction, "log_cosh_loss")


def _norm(x, axis):
    return mx.sqrt(mx.sum(mx.square(x), axis=axis))


def cosine_similarity_loss(x1, x2, axis=1, eps=1e-8, reduction="none"):
    """x1 . x2 / max(|x1| |x2|, eps) along `axis`."""
    _broadcastable("cosine_similarity_loss", x1=x1, x2=x2)
    denom = mx.maximum(_norm(x1, axis) * _norm(x2, axis), eps)
    loss = mx.sum(x1 * x2, axis=axis) / denom
    return _reduce(loss, reduction, "cosine_similarity_loss")


def margin_ranking_loss(inputs1, inputs2, targets, margin=0.0, reduction="none"):
    """max(0, -targets * (inputs1 - inputs2) + margin), targets in {-1, 1}."""
    name = "margin_ranking_loss"
    if not inputs1.shape == inputs2.shape == targets.shape:
        raise ValueError(f"[{name}] Shapes differ: inputs1 {tuple(inputs1.shape)}, "
                         f"inputs2 {tuple(inputs2.shape)}, targets "
                         f"{tuple(targets.shape)}. Pass arrays of the same shape.")
    loss = mx.maximum(0, -targets * (inputs1 - inputs2) + margin)
    return _reduce(loss, reduction, name)
