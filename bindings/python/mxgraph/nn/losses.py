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
    """Cross entropy between ``logits`` and class indices (with the class axis dropped) or class probabilities (shaped like ``logits``), ``logsumexp(logits) - logits[target]``.

    Args:
        logits (array): Unnormalised log probabilities.
        targets (array): Class indices, or probabilities.
        weights (array, optional): One weight per loss (the logits' shape without ``axis``).
        axis (int, optional): The class axis. Default: ``-1``.
        label_smoothing (float, optional): In ``[0, 1)``: mixes the targets with the uniform distribution. Default: ``0``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> logits = mx.array([[2.0, 0.0], [0.0, 2.0]])
        >>> nn.losses.cross_entropy(logits, mx.array([0, 1]))
        array([0.126928, 0.126928], dtype=float32)
        >>> nn.losses.cross_entropy(logits, mx.array([[1.0, 0.0], [0.5, 0.5]]), reduction="mean")
        array(0.626928, dtype=float32)
    """
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
    """Binary cross entropy between logits (or probabilities) and binary targets.

    Args:
        inputs (array): Logits, or probabilities in ``[0, 1]`` when ``with_logits`` is false.
        targets (array): Targets in ``[0, 1]``, shaped like ``inputs``.
        weights (array, optional): One weight per element.
        with_logits (bool, optional): ``inputs`` are logits. Default: ``True``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"mean"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.binary_cross_entropy(mx.array([0.0, 2.0]), mx.array([0.0, 1.0]))
        array(0.410038, dtype=float32)
        >>> nn.losses.binary_cross_entropy(mx.array([0.5, 0.9]), mx.array([0.0, 1.0]), with_logits=False, reduction="none")
        array([0.693147, 0.105361], dtype=float32)
    """
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
    """The L1 loss, ``|predictions - targets|``.

    Args:
        predictions (array): The predicted values.
        targets (array): The target values, shaped like ``predictions``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"mean"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.l1_loss(mx.array([1.0, 3.0]), mx.array([2.0, 2.0]))
        array(1, dtype=float32)
    """
    _same_shape("l1_loss", ("Predictions", "targets"), predictions, targets)
    return _reduce(mx.abs(predictions - targets), reduction, "l1_loss")


def mse_loss(predictions, targets, reduction="mean"):
    """The mean squared error, ``(predictions - targets) ** 2``.

    Args:
        predictions (array): The predicted values.
        targets (array): The target values, shaped like ``predictions``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"mean"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.mse_loss(mx.array([1.0, 3.0]), mx.array([2.0, 5.0]))
        array(2.5, dtype=float32)
    """
    _same_shape("mse_loss", ("Predictions", "targets"), predictions, targets)
    return _reduce(mx.square(predictions - targets), reduction, "mse_loss")


def nll_loss(inputs, targets, axis=-1, reduction="none"):
    """The negative log likelihood, ``-inputs[target]`` along an axis of log probabilities.

    Args:
        inputs (array): Log probabilities.
        targets (array): Class indices (the inputs' shape without ``axis``).
        axis (int, optional): The class axis. Default: ``-1``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> logp = mx.log(mx.array([[0.5, 0.5], [0.1, 0.9]]))
        >>> nn.losses.nll_loss(logp, mx.array([0, 1]))
        array([0.693147, 0.105361], dtype=float32)
    """
    return _reduce(-_gather(inputs, targets, axis), reduction, "nll_loss")


def gaussian_nll_loss(inputs, targets, vars, full=False, eps=1e-6, reduction="mean"):
    """The negative log likelihood of ``targets`` under a Gaussian with mean ``inputs`` and variance ``vars``: ``0.5 * (log(vars) + (targets - inputs) ** 2 / vars)``, with ``vars`` clamped below at ``eps``.

    Args:
        inputs (array): The predicted means.
        targets (array): The observed values.
        vars (array): The predicted variances.
        full (bool, optional): Add the constant ``0.5 * log(2 * pi)``. Default: ``False``.
        eps (float, optional): The smallest variance. Default: ``1e-6``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"mean"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.gaussian_nll_loss(mx.array([0.0]), mx.array([1.0]), mx.array([1.0]))
        array(0.5, dtype=float32)
    """
    name = "gaussian_nll_loss"
    _same_shape(name, ("Inputs", "targets"), inputs, targets)
    _same_shape(name, ("Inputs", "vars"), inputs, vars)
    vars = mx.maximum(vars, eps)
    loss = 0.5 * (mx.log(vars) + mx.square(targets - inputs) / vars)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction, name)


def kl_div_loss(inputs, targets, axis=-1, reduction="none"):
    """The Kullback-Leibler divergence ``KL(targets || inputs)`` of log probabilities, summed over an axis.

    Args:
        inputs (array): Log probabilities.
        targets (array): Log probabilities of the reference distribution.
        axis (int, optional): The distribution axis. Default: ``-1``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> p = mx.log(mx.array([[0.5, 0.5]]))
        >>> nn.losses.kl_div_loss(p, p)
        array([0], dtype=float32)
    """
    _broadcastable("kl_div_loss", inputs=inputs, targets=targets)
    loss = mx.sum(mx.exp(targets) * (targets - inputs), axis=axis)
    return _reduce(loss, reduction, "kl_div_loss")


def smooth_l1_loss(predictions, targets, beta=1.0, reduction="mean"):
    """The smooth L1 loss: ``0.5 * d ** 2 / beta`` for ``d = |predictions - targets| < beta``, else ``d - 0.5 * beta``.

    Args:
        predictions (array): The predicted values.
        targets (array): The target values, shaped like ``predictions``.
        beta (float, optional): Where the loss turns linear. Default: ``1.0``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"mean"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.smooth_l1_loss(mx.array([0.5, 3.0]), mx.array([0.0, 0.0]), reduction="none")
        array([0.125, 2.5], dtype=float32)
    """
    name = "smooth_l1_loss"
    _same_shape(name, ("Predictions", "targets"), predictions, targets)
    diff = mx.abs(predictions - targets)
    loss = mx.where(diff < beta, 0.5 * mx.square(diff) / beta, diff - 0.5 * beta)
    return _reduce(loss, reduction, name)


def _p_distance(a, b, axis, p, eps):
    return mx.power(mx.sum(mx.power(mx.abs(a - b), p), axis=axis) + eps, 1.0 / p)


def triplet_loss(anchors, positives, negatives, axis=-1, p=2, margin=1.0, eps=1e-6,
                 reduction="none"):
    """The triplet margin loss, ``max(d(anchors, positives) - d(anchors, negatives) + margin, 0)`` with ``d`` the p-norm distance along an axis.

    Args:
        anchors (array): The anchor embeddings.
        positives (array): Embeddings that should be close to the anchors.
        negatives (array): Embeddings that should be far from them.
        axis (int, optional): The embedding axis. Default: ``-1``.
        p (int, optional): The norm's degree. Default: ``2``.
        margin (float, optional): The margin. Default: ``1.0``.
        eps (float, optional): Added under the root for stability. Default: ``1e-6``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> a = mx.array([[0.0, 0.0]])
        >>> nn.losses.triplet_loss(a, mx.array([[0.0, 1.0]]), mx.array([[3.0, 0.0]]))
        array([0], dtype=float32)
    """
    _broadcastable("triplet_loss", anchors=anchors, positives=positives, negatives=negatives)
    pos = _p_distance(anchors, positives, axis, p, eps)
    neg = _p_distance(anchors, negatives, axis, p, eps)
    return _reduce(mx.maximum(pos - neg + margin, 0), reduction, "triplet_loss")


def hinge_loss(inputs, targets, reduction="none"):
    """The hinge loss, ``max(1 - inputs * targets, 0)``, for targets in {-1, 1}.

    Args:
        inputs (array): The predicted values.
        targets (array): The target values. in {-1, 1}.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.hinge_loss(mx.array([0.5, -2.0]), mx.array([1.0, -1.0]))
        array([0.5, 0], dtype=float32)
    """
    _broadcastable("hinge_loss", inputs=inputs, targets=targets)
    return _reduce(mx.maximum(1 - inputs * targets, 0), reduction, "hinge_loss")


def huber_loss(inputs, targets, delta=1.0, reduction="none"):
    """The Huber loss: ``0.5 * d ** 2`` for errors ``d`` up to ``delta``, ``delta * (|d| - 0.5 * delta)`` beyond.

    Args:
        inputs (array): The predicted values.
        targets (array): The target values.
        delta (float, optional): Where the loss turns linear. Default: ``1.0``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.huber_loss(mx.array([0.5, 3.0]), mx.array([0.0, 0.0]))
        array([0.125, 2.5], dtype=float32)
    """
    _broadcastable("huber_loss", inputs=inputs, targets=targets)
    err = mx.abs(inputs - targets)
    quadratic = mx.minimum(err, delta)
    loss = 0.5 * mx.square(quadratic) + delta * (err - quadratic)
    return _reduce(loss, reduction, "huber_loss")


def log_cosh_loss(inputs, targets, reduction="none"):
    """The log-cosh loss, ``log(cosh(inputs - targets))``, computed without overflow.

    Args:
        inputs (array): The predicted values.
        targets (array): The target values.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.log_cosh_loss(mx.array([0.0, 1.0]), mx.array([0.0, 0.0]))
        array([0, 0.433781], dtype=float32)
    """
    _broadcastable("log_cosh_loss", inputs=inputs, targets=targets)
    err = inputs - targets
    loss = mx.logaddexp(err, -err) - math.log(2)
    return _reduce(loss, reduction, "log_cosh_loss")


def _norm(x, axis):
    return mx.sqrt(mx.sum(mx.square(x), axis=axis))


def cosine_similarity_loss(x1, x2, axis=1, eps=1e-8, reduction="none"):
    """The cosine similarity ``sum(x1 * x2) / max(|x1| * |x2|, eps)`` along an axis.

    Args:
        x1 (array): First embeddings.
        x2 (array): Second embeddings.
        axis (int, optional): The embedding axis. Default: ``1``.
        eps (float, optional): The smallest norm product. Default: ``1e-8``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The similarities, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.cosine_similarity_loss(mx.array([[1.0, 0.0]]), mx.array([[1.0, 1.0]]))
        array([0.707107], dtype=float32)
    """
    _broadcastable("cosine_similarity_loss", x1=x1, x2=x2)
    denom = mx.maximum(_norm(x1, axis) * _norm(x2, axis), eps)
    loss = mx.sum(x1 * x2, axis=axis) / denom
    return _reduce(loss, reduction, "cosine_similarity_loss")


def margin_ranking_loss(inputs1, inputs2, targets, margin=0.0, reduction="none"):
    """The margin ranking loss, ``max(0, -targets * (inputs1 - inputs2) + margin)``, for targets in {-1, 1}.

    Args:
        inputs1 (array): First scores.
        inputs2 (array): Second scores.
        targets (array): 1 where ``inputs1`` should rank higher, -1 where ``inputs2`` should.
        margin (float, optional): The margin. Default: ``0.0``.
        reduction (str, optional): ``"none"``, ``"mean"`` or ``"sum"``. Default: ``"none"``.

    Returns:
        array: The loss, reduced as ``reduction`` says.

    Example:
        >>> nn.losses.margin_ranking_loss(mx.array([1.0, 0.0]), mx.array([0.0, 1.0]), mx.array([1.0, 1.0]))
        array([0, 1], dtype=float32)
    """
    name = "margin_ranking_loss"
    if not inputs1.shape == inputs2.shape == targets.shape:
        raise ValueError(f"[{name}] Shapes differ: inputs1 {tuple(inputs1.shape)}, "
                         f"inputs2 {tuple(inputs2.shape)}, targets "
                         f"{tuple(targets.shape)}. Pass arrays of the same shape.")
    loss = mx.maximum(0, -targets * (inputs1 - inputs2) + margin)
    return _reduce(loss, reduction, name)
