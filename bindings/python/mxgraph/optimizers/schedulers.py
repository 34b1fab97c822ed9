"""Learning-rate schedules: functions of the optimizer's step (an array), as in
mlx.optimizers. Each returns an array, so an optimizer stays lazy."""

import math

import mxgraph.core as mx


def exponential_decay(init, decay_rate):
    """An exponentially decaying schedule, ``init * decay_rate ** step``.

    Args:
        init (float): The value at step 0.
        decay_rate (float): The factor per step.

    Returns:
        callable: ``schedule(step)``, the value at a step (an array).

    Example:
        >>> lr = optim.exponential_decay(0.1, 0.5)
        >>> lr(0), lr(2)
        (0.1, 0.025)
    """
    def schedule(step):
        return init * decay_rate**step
    return schedule


def step_decay(init, decay_rate, step_size):
    """A schedule that drops by ``decay_rate`` every ``step_size`` steps, ``init * decay_rate ** (step // step_size)``.

    Args:
        init (float): The value at step 0.
        decay_rate (float): The factor per drop.
        step_size (int): Steps between drops.

    Returns:
        callable: ``schedule(step)``, the value at a step (an array).

    Example:
        >>> lr = optim.step_decay(0.1, 0.5, 10)
        >>> lr(9), lr(10)
        (0.1, 0.05)
    """
    if step_size < 1:
        raise ValueError(f"[step_decay] step_size must be at least 1, got {step_size}.")

    def schedule(step):
        return init * decay_rate ** (step // step_size)
    return schedule


def cosine_decay(init, decay_steps, end=0.0):
    """Half a cosine from ``init`` down to ``end`` over ``decay_steps`` steps, then ``end``.

    Args:
        init (float): The value at step 0.
        decay_steps (int): The length of the decay.
        end (float, optional): The final value. Default: ``0``.

    Returns:
        callable: ``schedule(step)``, the value at a step (an array).

    Example:
        >>> lr = optim.cosine_decay(1.0, 100)
        >>> lr(0), lr(50), lr(200)
        (array(1, dtype=float32), array(0.5, dtype=float32), array(0, dtype=float32))
    """
    if decay_steps < 1:
        raise ValueError(f"[cosine_decay] decay_steps must be at least 1, got {decay_steps}.")

    def schedule(step):
        s = mx.minimum(step, decay_steps)
        weight = 0.5 * (1.0 + mx.cos((math.pi / decay_steps) * s))
        return end + weight * (init - end)
    return schedule


def join_schedules(schedules, boundaries):
    """Chains schedules: ``schedules[i + 1]`` runs from ``boundaries[i]`` on, its step restarting at 0.

    Args:
        schedules (list(callable)): The schedules.
        boundaries (list(int)): The steps where the next schedule starts, one fewer than the schedules.

    Returns:
        callable: ``schedule(step)``, the value at a step (an array).

    Example:
        >>> warmup = optim.linear_schedule(0.0, 0.1, 10)
        >>> lr = optim.join_schedules([warmup, optim.cosine_decay(0.1, 100)], [10])
        >>> lr(5), lr(10)
        (array(0.05, dtype=float32), array(0.1, dtype=float32))
    """
    if len(schedules) == 0:
        raise ValueError("[join_schedules] No schedules to join. Pass at least one.")
    if len(schedules) != len(boundaries) + 1:
        raise ValueError(f"[join_schedules] Got {len(boundaries)} boundaries for "
                         f"{len(schedules)} schedules; pass {len(schedules) - 1}.")

    def schedule(step):
        out = schedules[0](step)
        for boundary, later in zip(boundaries, schedules[1:]):
            out = mx.where(step < boundary, out, later(step - boundary))
        return out
    return schedule


def linear_schedule(init, end, steps):
    """A straight line from ``init`` at step 0 to ``end`` at step ``steps``, then ``end``.

    Args:
        init (float): The value at step 0.
        end (float): The final value.
        steps (int): The length of the ramp.

    Returns:
        callable: ``schedule(step)``, the value at a step (an array).

    Example:
        >>> lr = optim.linear_schedule(0.0, 1.0, 4)
        >>> lr(1), lr(8)
        (array(0.25, dtype=float32), array(1, dtype=float32))
    """
    if steps < 1:
        raise ValueError(f"[linear_schedule] steps must be at least 1, got {steps}.")

    def schedule(step):
        s = mx.minimum(step, steps)
        return s * ((end - init) / steps) + init
    return schedule


__all__ = ["exponential_decay", "step_decay", "cosine_decay", "join_schedules",
           "linear_schedule"]
