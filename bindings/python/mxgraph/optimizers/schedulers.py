"""Learning-rate schedules: functions of the optimizer's step (an array), as in
mlx.optimizers. Each returns an array, so an optimizer stays lazy."""

import math

import mxgraph.core as mx


def exponential_decay(init, decay_rate):
    """init * decay_rate ** step."""
    def schedule(step):
        return init * decay_rate**step
    return schedule


def step_decay(init, decay_rate, step_size):
    """init * decay_rate ** (step // step_size): a drop every `step_size` steps."""
    if step_size < 1:
        raise ValueError(f"[step_decay] step_size must be at least 1, got {step_size}.")

    def schedule(step):
        return init * decay_rate ** (step // step_size)
    return schedule


def cosine_decay(init, decay_steps, end=0.0):
    """Half a cosine from `init` to `end` over `decay_steps`, then `end`."""
    if decay_steps < 1:
        raise ValueError(f"[cosine_decay] decay_steps must be at least 1, got {decay_steps}.")

    def schedule(step):
        s = mx.minimum(step, decay_steps)
        weight = 0.5 * (1.0 + mx.cos((math.pi / decay_steps) * s))
        return end + weight * (init - end)
    return schedule


def join_schedules(schedules, boundaries):
    """Runs schedules[i + 1] from boundaries[i] on, restarting its step at 0 there."""
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
    """A straight line from `init` (step 0) to `end` (step `steps`), then `end`."""
    if steps < 1:
        raise ValueError(f"[linear_schedule] steps must be at least 1, got {steps}.")

    def schedule(step):
        s = mx.minimum(step, steps)
        return s * ((end - init) / steps) + init
    return schedule


__all__ = ["exponential_decay", "step_decay", "cosine_decay", "join_schedules",
           "linear_schedule"]
