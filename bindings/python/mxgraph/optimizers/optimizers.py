"""Optimizers with mlx.optimizers' semantics: lazy updates over trees of parameters."""

import mxgraph.core as mx
from mxgraph.utils import tree_flatten as _tree_flatten
from mxgraph.utils import tree_map as _tree_map
from mxgraph.utils import tree_merge as _tree_merge
from mxgraph.utils import tree_unflatten as _tree_unflatten


def _empty_state_like(tree):
    return _tree_map(lambda _: {}, tree)


def _add_missing_state(params, state):
    """Gives every parameter of `params` a (possibly empty) state dict, keeping old ones."""
    if isinstance(params, (list, tuple)):
        state = list(state)
        for i in range(min(len(state), len(params))):
            state[i] = _add_missing_state(params[i], state[i])
        state.extend(_empty_state_like(list(params[len(state):])))
        return type(params)(state)
    if isinstance(params, dict):
        for k, v in params.items():
            state[k] = _add_missing_state(v, state[k]) if k in state else _empty_state_like(v)
        return state
    return state


class Optimizer:
    """The base class of the optimizers: a subclass defines :meth:`init_single` and
    :meth:`apply_single` for one array, and this class walks the trees of parameters,
    keeps the state and runs the hyperparameters' schedules.

    Args:
        schedulers (dict, optional): Schedules by hyperparameter name.

    Example:
        >>> class HalfStep(optim.Optimizer):
        ...     def init_single(self, parameter, state) -> None:
        ...         pass
        ...     def apply_single(self, gradient, parameter, state):
        ...         return parameter - 0.5 * gradient
        >>> HalfStep().apply_gradients({"w": mx.array([2.0])}, {"w": mx.array([1.0])})["w"]
        array([0], dtype=float32)
    """

    def __init__(self, schedulers=None):
        self._initialized = False
        self._state = {"step": mx.array(0, mx.uint64)}
        self._schedulers = dict(schedulers or {})

    def update(self, model, gradients) -> None:
        """Applies the gradients to the parameters of ``model`` in place (through
        :meth:`Module.update`).

        Args:
            model (Module): The model to update.
            gradients (dict): A tree of gradients shaped like the model's trainable
                parameters.

        Example:
            >>> model = nn.Linear(2, 1, bias=False)
            >>> model.weight = mx.array([[1.0, 1.0]])
            >>> optim.SGD(learning_rate=0.5).update(model, {"weight": mx.array([[1.0, 0.0]])})
            >>> model.weight
            array([[0.5, 1]], dtype=float32)
        """
        model.update(self.apply_gradients(gradients, model))

    def init(self, parameters) -> None:
        """Creates the state of every parameter of the tree that has none yet (the first
        update does this by itself).

        Args:
            parameters (dict): A tree of parameters.

        Example:
            >>> opt = optim.Adam(learning_rate=0.1)
            >>> opt.init({"w": mx.zeros(2)})
            >>> sorted(opt.state["w"])
            ['m', 'v']
        """
        _add_missing_state(parameters, self._state)
        _tree_map(lambda p, s: s or self.init_single(p, s), parameters, self._state)
        self._initialized = True

    def init_single(self, parameter, state) -> None:
        """Fills ``state`` (a dict) with the initial state of one parameter; subclasses define
        it.

        Args:
            parameter (array): The parameter.
            state (dict): Its state, to fill.

        Example:
            >>> state = {}
            >>> optim.SGD(learning_rate=0.1, momentum=0.9).init_single(mx.zeros(2), state)
            >>> state["v"]
            array([0, 0], dtype=float32)
        """
        raise NotImplementedError()

    def apply_gradients(self, gradients, parameters):
        """Computes the updated parameters and advances the step and the schedules.

        Args:
            gradients (dict): A tree of gradients.
            parameters (dict): The tree of parameters they belong to.

        Returns:
            dict: The updated parameters, shaped like ``parameters``.

        Example:
            >>> opt = optim.SGD(learning_rate=0.1)
            >>> opt.apply_gradients({"w": mx.array([1.0])}, {"w": mx.array([1.0])})
            {'w': array([0.9], dtype=float32)}
        """
        if not self._initialized:
            self.init(gradients)
        for name, schedule in self._schedulers.items():
            self.state[name] = schedule(self.step)
        self.state["step"] = self.step + 1
        return _tree_map(self.apply_single, gradients, parameters, self.state)

    def apply_single(self, gradient, parameter, state):
        """Computes one updated parameter and updates its ``state`` in place; subclasses define
        it.

        Args:
            gradient (array): The gradient.
            parameter (array): The parameter.
            state (dict): The parameter's state.

        Returns:
            array: The updated parameter.

        Example:
            >>> opt = optim.SGD(learning_rate=0.1)
            >>> opt.apply_single(mx.array([1.0]), mx.array([1.0]), {})
            array([0.9], dtype=float32)
        """
        raise NotImplementedError()

    @property
    def state(self):
        """The state: ``"step"``, the hyperparameters that follow schedules, and the state of each parameter (a tree shaped like the parameters)."""
        return self._state

    @state.setter
    def state(self, state):
        self._initialized = False
        self._state = state

    @property
    def step(self):
        """The number of updates so far (a uint64 array)."""
        return self.state["step"]

    @property
    def learning_rate(self):
        """The learning rate now (an array; a schedule's current value)."""
        return self.state["learning_rate"]

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        if callable(learning_rate):
            self._maybe_schedule("learning_rate", learning_rate)
        else:
            self.state["learning_rate"] = mx.array(learning_rate)

    def _maybe_schedule(self, name, value):
        """Stores a hyperparameter, as an array, or as a schedule called with the step."""
        if callable(value):
            self._schedulers[name] = value
            value = value(self.step)
        else:
            value = mx.array(value)
        self.state[name] = value


class MultiOptimizer(Optimizer):
    """Combines optimizers: each parameter goes to the first optimizer whose filter accepts
    it, and the last optimizer, which has no filter, takes the rest.

    Args:
        optimizers (list(Optimizer)): The optimizers.
        filters (list(callable), optional): ``filter(path, array) -> bool``, one fewer
            than the optimizers.

    Example:
        >>> opt = optim.MultiOptimizer([optim.SGD(learning_rate=1.0), optim.SGD(learning_rate=0.0)],
        ...                            [lambda path, a: path.startswith("b")])
        >>> params = {"a": mx.array([1.0]), "b": mx.array([1.0])}
        >>> opt.apply_gradients({"a": mx.array([1.0]), "b": mx.array([1.0])}, params)
        {'b': array([0], dtype=float32), 'a': array([1], dtype=float32)}
    """

    def __init__(self, optimizers, filters=[]):
        super().__init__()
        self._state = {}
        if len(filters) != len(optimizers) - 1:
            raise ValueError(f"[MultiOptimizer] Given {len(filters)} filters but "
                             f"{len(optimizers) - 1} needed.")
        self.optimizers = optimizers
        self.filters = list(filters) + [lambda *args, **kwargs: True]

    def _split(self, tree):
        if len(self.optimizers) == 1:
            return [tree]
        parts = [[] for _ in self.optimizers]
        for path, leaf in _tree_flatten(tree):
            i = next(i for i, f in enumerate(self.filters) if f(path, leaf))
            parts[i].append((path, leaf))
        return [_tree_unflatten(p) if p else {} for p in parts]

    def init(self, parameters) -> None:
        for opt, part in zip(self.optimizers, self._split(parameters)):
            opt.init(part)

    def apply_gradients(self, gradients, parameters):
        tree = {}
        for opt, part in zip(self.optimizers, self._split(gradients)):
            tree = _tree_merge(tree, opt.apply_gradients(part, parameters))
        return tree

    @property
    def state(self):
        return {"states": [o.state for o in self.optimizers]}

    @state.setter
    def state(self, state):
        if "states" not in state or len(state["states"]) != len(self.optimizers):
            raise ValueError("[MultiOptimizer] Invalid state provided")
        for opt, s in zip(self.optimizers, state["states"]):
            opt.state = s

    @property
    def learning_rate(self):
        return self.optimizers[0].learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        for opt in self.optimizers:
            opt.learning_rate = learning_rate


def _lr(opt, gradient):
    return opt.learning_rate.astype(gradient.dtype)


# Argument errors keep MLX's text after the "[Class]" prefix, so code matching MLX's
# messages matches ours; MLX's Adam family says "Adam" for AdamW and Adamax too.
def _check_betas(caller, name, betas):
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"[{caller}] {name} beta{i + 1} should be in [0, 1), {beta} "
                             "was provided instead")


def _check_positive(caller, what, value, strict):
    if not (value > 0.0 if strict else value >= 0.0):  # NaN fails too
        bound = ">0" if strict else ">=0"
        raise ValueError(f"[{caller}] {what} should be {bound}, {value} was provided instead")


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay: ``v = momentum * v + (1 - dampening) * g``, ``w -= learning_rate * v``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        momentum (float, optional): The momentum. Default: ``0``.
        weight_decay (float, optional): L2 penalty added to the gradient. Default: ``0``.
        dampening (float, optional): Dampening of the momentum. Default: ``0``.
        nesterov (bool, optional): Use Nesterov momentum. Default: ``False``.

    Example:
        >>> opt = optim.SGD(learning_rate=0.1, momentum=0.9)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.95, -1.05], dtype=float32)
    """

    def __init__(self, learning_rate, momentum=0.0, weight_decay=0.0, dampening=0.0,
                 nesterov=False):
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("[SGD] Nesterov momentum requires a momentum and zero "
                             "dampening.")
        super().__init__()
        self._maybe_schedule("learning_rate", learning_rate)
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.dampening = dampening
        self.nesterov = nesterov

    def init_single(self, parameter, state) -> None:
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        if self.weight_decay != 0:
            gradient = gradient + self.weight_decay * parameter
        if self.momentum <= 0:
            return parameter - _lr(self, gradient) * gradient
        scale = 1 - self.dampening if self.dampening > 0 else 1
        v = self.momentum * state["v"] + scale * gradient
        state["v"] = v
        step = gradient + self.momentum * v if self.nesterov else v
        return parameter - _lr(self, gradient) * step


class RMSprop(Optimizer):
    """RMSprop: ``v = alpha * v + (1 - alpha) * g ** 2``, ``w -= learning_rate * g / (sqrt(v) + eps)``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        alpha (float, optional): Decay of the squared-gradient average. Default: ``0.99``.
        eps (float, optional): Added to the denominator for stability. Default: ``1e-8``.

    Example:
        >>> opt = optim.RMSprop(learning_rate=0.01)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.9, -1.1], dtype=float32)
    """

    def __init__(self, learning_rate, alpha=0.99, eps=1e-8):
        super().__init__()
        self._maybe_schedule("learning_rate", learning_rate)
        self.alpha = alpha
        self.eps = eps
        _check_positive("RMSprop", "RMSprop alpha", alpha, strict=False)
        _check_positive("RMSprop", "RMSprop epsilon", eps, strict=True)

    def init_single(self, parameter, state) -> None:
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        v = self.alpha * state["v"] + (1 - self.alpha) * mx.square(gradient)
        state["v"] = v
        return parameter - _lr(self, gradient) * gradient / (mx.sqrt(v) + self.eps)


class Adagrad(Optimizer):
    """Adagrad: ``v += g ** 2``, ``w -= learning_rate * g / (sqrt(v) + eps)``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        eps (float, optional): Added to the denominator for stability. Default: ``1e-8``.

    Example:
        >>> opt = optim.Adagrad(learning_rate=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.9, -1.1], dtype=float32)
    """

    def __init__(self, learning_rate, eps=1e-8):
        super().__init__()
        self._maybe_schedule("learning_rate", learning_rate)
        self.eps = eps
        _check_positive("Adagrad", "Adagrad epsilon", eps, strict=True)

    def init_single(self, parameter, state) -> None:
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        v = state["v"] + mx.square(gradient)
        state["v"] = v
        return parameter - _lr(self, gradient) * gradient / (mx.sqrt(v) + self.eps)


class AdaDelta(Optimizer):
    """AdaDelta: ``v = rho * v + (1 - rho) * g ** 2``, ``d = sqrt(u + eps) / sqrt(v + eps) * g``, ``u = rho * u + (1 - rho) * d ** 2``, ``w -= learning_rate * d``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        rho (float, optional): Decay of the averages. Default: ``0.9``.
        eps (float, optional): Added for stability. Default: ``1e-6``.

    Example:
        >>> opt = optim.AdaDelta(learning_rate=1.0)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.996838, -1.00316], dtype=float32)
    """

    def __init__(self, learning_rate, rho=0.9, eps=1e-6):
        super().__init__()
        self._maybe_schedule("learning_rate", learning_rate)
        self.rho = rho
        self.eps = eps
        _check_positive("AdaDelta", "AdaDelta rho", rho, strict=False)
        _check_positive("AdaDelta", "AdaDelta epsilon", eps, strict=True)

    def init_single(self, parameter, state) -> None:
        state["v"] = mx.zeros_like(parameter)
        state["u"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        rho, eps = self.rho, self.eps
        v = rho * state["v"] + (1 - rho) * mx.square(gradient)
        d = mx.sqrt(state["u"] + eps) / mx.sqrt(v + eps) * gradient
        state["u"] = rho * state["u"] + (1 - rho) * mx.square(d)
        state["v"] = v
        return parameter - _lr(self, gradient) * d


class Adam(Optimizer):
    """Adam: ``m = b1 * m + (1 - b1) * g``, ``v = b2 * v + (1 - b2) * g ** 2``, ``w -= learning_rate * m / (sqrt(v) + eps)``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        betas (tuple(float, float), optional): Decay rates of the first and second moments. Default: ``(0.9, 0.999)``.
        eps (float, optional): Added to the denominator for stability. Default: ``1e-8``.
        bias_correction (bool, optional): Correct the moments' bias toward zero early on. Default: ``False``.

    Example:
        >>> opt = optim.Adam(learning_rate=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.683772, -1.31623], dtype=float32)
    """

    def __init__(self, learning_rate, betas=[0.9, 0.999], eps=1e-8, bias_correction=False):
        super().__init__()
        _check_betas(type(self).__name__, "Adam", betas)
        _check_positive(type(self).__name__, "Adam epsilon", eps, strict=False)
        self._maybe_schedule("learning_rate", learning_rate)
        self.betas = betas
        self.eps = eps
        self.bias_correction = bias_correction

    def init_single(self, parameter, state) -> None:
        state["m"] = mx.zeros_like(parameter)
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        lr = _lr(self, gradient)
        b1, b2 = self.betas
        m = b1 * state["m"] + (1 - b1) * gradient
        v = b2 * state["v"] + (1 - b2) * mx.square(gradient)
        state["m"], state["v"] = m, v
        if not self.bias_correction:
            return parameter - lr * m / (mx.sqrt(v) + self.eps)
        step = self.step
        c1 = (lr / (1 - b1**step)).astype(gradient.dtype)
        c2 = mx.rsqrt(1 - b2**step).astype(gradient.dtype)
        return parameter - c1 * m / (mx.sqrt(v) * c2 + self.eps)


class AdamW(Adam):
    """Adam with decoupled weight decay: ``w *= 1 - learning_rate * weight_decay`` before the Adam step.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        betas (tuple(float, float), optional): Decay rates of the first and second moments. Default: ``(0.9, 0.999)``.
        eps (float, optional): Added to the denominator for stability. Default: ``1e-8``.
        weight_decay (float, optional): The decay. Default: ``0.01``.
        bias_correction (bool, optional): Correct the moments' bias toward zero early on. Default: ``False``.

    Example:
        >>> opt = optim.AdamW(learning_rate=0.1, weight_decay=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.673772, -1.30623], dtype=float32)
    """

    def __init__(self, learning_rate, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.01,
                 bias_correction=False):
        super().__init__(learning_rate=learning_rate, betas=betas, eps=eps,
                         bias_correction=bias_correction)
        self.weight_decay = weight_decay

    def apply_single(self, gradient, parameter, state):
        decay = 1 - _lr(self, gradient) * self.weight_decay
        return super().apply_single(gradient, parameter * decay, state)


class Adamax(Adam):
    """Adamax, the infinity-norm variant of Adam: ``v = max(b2 * v, |g|)``, ``w -= learning_rate * m / (v + eps)``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        betas (tuple(float, float), optional): Decay rates of the first and second moments. Default: ``(0.9, 0.999)``.
        eps (float, optional): Added to the denominator for stability. Default: ``1e-8``.

    Example:
        >>> opt = optim.Adamax(learning_rate=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.99, -1.01], dtype=float32)
    """

    def __init__(self, learning_rate, betas=[0.9, 0.999], eps=1e-8):
        super().__init__(learning_rate, betas, eps)

    def init_single(self, parameter, state) -> None:
        state["m"] = mx.zeros_like(parameter)
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        b1, b2 = self.betas
        m = b1 * state["m"] + (1 - b1) * gradient
        v = mx.maximum(b2 * state["v"], mx.abs(gradient))
        state["m"], state["v"] = m, v
        return parameter - _lr(self, gradient) * m / (v + self.eps)


class Lion(Optimizer):
    """Lion: ``c = b1 * m + (1 - b1) * g``, ``m = b2 * m + (1 - b2) * g``, ``w = w * (1 - learning_rate * weight_decay) - learning_rate * sign(c)``.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        betas (tuple(float, float), optional): The two decay rates. Default: ``(0.9, 0.99)``.
        weight_decay (float, optional): The decay. Default: ``0``.

    Example:
        >>> opt = optim.Lion(learning_rate=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.9, -1.1], dtype=float32)
    """

    def __init__(self, learning_rate, betas=[0.9, 0.99], weight_decay=0.0):
        super().__init__()
        _check_betas("Lion", "Lion", betas)
        self._maybe_schedule("learning_rate", learning_rate)
        self.betas = betas
        self.weight_decay = weight_decay

    def init_single(self, parameter, state) -> None:
        state["m"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        lr = _lr(self, gradient)
        b1, b2 = self.betas
        m = state["m"]
        direction = b1 * m + (1 - b1) * gradient
        state["m"] = b2 * m + (1 - b2) * gradient
        if self.weight_decay > 0:
            parameter = (1 - lr * self.weight_decay) * parameter
        return parameter - lr * mx.sign(direction)


class Adafactor(Optimizer):
    """Adafactor: second moments factored into row and column means for matrices, relative step sizes, update clipping, and an optional first moment. The state keys and helper methods are MLX's, so subclasses written for MLX work.

    Args:
        learning_rate (float or callable, optional): The step size; ``None`` uses relative steps.
        eps (tuple(float, float), optional): Added to the squared gradient, and the smallest parameter scale. Default: ``(1e-30, 1e-3)``.
        clip_threshold (float, optional): Clips the update's RMS to this. Default: ``1.0``.
        decay_rate (float, optional): Exponent of the second moment's decay. Default: ``-0.8``.
        beta_1 (float, optional): Decay of the first moment; ``None`` keeps none.
        weight_decay (float, optional): The decay. Default: ``0``.
        scale_parameter (bool, optional): Scale the step by the parameter's RMS. Default: ``True``.
        relative_step (bool, optional): Step sizes that depend on the step count. Default: ``True``.
        warmup_init (bool, optional): Warm the relative step up from zero. Default: ``False``.

    Example:
        >>> opt = optim.Adafactor(learning_rate=0.1, relative_step=False)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.9, -1.1], dtype=float32)
    """

    def __init__(self, learning_rate=None, eps=(1e-30, 1e-3), clip_threshold=1.0,
                 decay_rate=-0.8, beta_1=None, weight_decay=0.0, scale_parameter=True,
                 relative_step=True, warmup_init=False):
        super().__init__()
        if learning_rate is not None:
            self._maybe_schedule("learning_rate", learning_rate)
        self.eps = eps
        self.clip_threshold = clip_threshold
        self.decay_rate = decay_rate
        self.beta_1 = beta_1
        self.weight_decay = weight_decay
        self.scale_parameter = scale_parameter
        self.relative_step = relative_step
        self.warmup_init = warmup_init

    def init_single(self, parameter, state) -> None:
        shape, dtype = parameter.shape, parameter.dtype
        if parameter.ndim >= 2:
            state["exp_avg_sq_row"] = mx.zeros(shape[:-1], dtype=dtype)
            state["exp_avg_sq_col"] = mx.zeros(shape[:-2] + shape[-1:], dtype=dtype)
        else:
            state["exp_avg_sq"] = mx.zeros_like(parameter)
        if self.beta_1 is not None:
            state["exp_avg"] = mx.zeros_like(parameter)

    def _compute_rms(self, inputs):
        return mx.sqrt(mx.mean(mx.square(inputs)))

    def _compute_learning_rate(self, step, parameter_rms):
        """min(floor, 1/sqrt(step)) (or the learning rate), times max(eps[1], RMS(w))."""
        if self.relative_step:
            min_step = 1e-6 * step if self.warmup_init else 1e-2
            relative_step_size = mx.minimum(min_step, mx.rsqrt(step))
        else:
            relative_step_size = self.learning_rate
        relative_step_size = relative_step_size.astype(parameter_rms.dtype)
        parameter_scale = 1.0
        if self.scale_parameter:
            parameter_scale = mx.maximum(self.eps[1], parameter_rms)
        return parameter_scale * relative_step_size

    def _approximate_exp_moving_avg(self, exp_avg_sq_row, exp_avg_sq_col):
        """1 / sqrt of the rank-1 estimate row * col / mean(row) of the second moment."""
        r_factor = mx.rsqrt(exp_avg_sq_row / mx.mean(exp_avg_sq_row, axis=-1, keepdims=True))
        c_factor = mx.rsqrt(exp_avg_sq_col)
        return mx.expand_dims(r_factor, axis=-1) * mx.expand_dims(c_factor, axis=-2)

    def _scaled_gradient(self, gradient, state, beta_2):
        """Updates the running mean of g^2 + eps[0] (factored for matrices); returns
        the gradient divided by its square root."""
        sq = mx.square(gradient) + self.eps[0]
        if gradient.ndim < 2:
            state["exp_avg_sq"] = beta_2 * state["exp_avg_sq"] + (1 - beta_2) * sq
            return mx.rsqrt(state["exp_avg_sq"]) * gradient
        row = beta_2 * state["exp_avg_sq_row"] + (1 - beta_2) * mx.mean(sq, axis=-1)
        col = beta_2 * state["exp_avg_sq_col"] + (1 - beta_2) * mx.mean(sq, axis=-2)
        state["exp_avg_sq_row"], state["exp_avg_sq_col"] = row, col
        return self._approximate_exp_moving_avg(row, col) * gradient

    def apply_single(self, gradient, parameter, state):
        step = self.step
        parameter_rms = self._compute_rms(parameter)
        learning_rate = self._compute_learning_rate(step, parameter_rms)
        beta_2 = 1.0 - (step**self.decay_rate).astype(parameter_rms.dtype)
        update = self._scaled_gradient(gradient, state, beta_2)
        update = update / mx.maximum(1.0, self._compute_rms(update) / self.clip_threshold)
        update = learning_rate * update
        if self.beta_1 is not None:
            update = self.beta_1 * state["exp_avg"] + (1 - self.beta_1) * update
            state["exp_avg"] = update
        if self.weight_decay != 0:
            parameter = parameter + parameter * (-self.weight_decay * learning_rate)
        return parameter - update


# Coefficients of the quintic Newton-Schulz iteration used by Muon (Jordan et al.).
_NS_COEFFS = (3.4445, -4.7750, 2.0315)


def _orthogonalize(x, steps):
    """Pushes the singular values of the matrix `x` towards 1 (Newton-Schulz)."""
    a, b, c = _NS_COEFFS
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    x = x / (mx.sqrt(mx.sum(mx.square(x), keepdims=True)) + 1e-7)
    for _ in range(steps):
        gram = x @ x.T
        poly = mx.addmm(b * gram, gram, gram, beta=1.0, alpha=c)
        x = mx.addmm(a * x, poly, x, beta=1.0, alpha=1.0)
    return x.T if tall else x


class Muon(Optimizer):
    """Muon: SGD with (Nesterov) momentum whose update for matrices (and flattened higher-rank arrays) is orthogonalised by Newton-Schulz iterations.

    Args:
        learning_rate (float or callable): The step size, or a schedule ``f(step) -> float``.
        momentum (float, optional): The momentum. Default: ``0.95``.
        weight_decay (float, optional): Decoupled weight decay. Default: ``0.01``.
        nesterov (bool, optional): Use Nesterov momentum. Default: ``True``.
        ns_steps (int, optional): Newton-Schulz iterations. Default: ``5``.

    Example:
        >>> opt = optim.Muon(learning_rate=0.1)
        >>> params = {"w": mx.array([1.0, -1.0])}
        >>> grads = {"w": mx.array([0.5, 0.5])}
        >>> opt.apply_gradients(grads, params)["w"]
        array([0.995027, -1.00478], dtype=float32)
    """

    def __init__(self, learning_rate, momentum=0.95, weight_decay=0.01, nesterov=True,
                 ns_steps=5):
        super().__init__()
        self._maybe_schedule("learning_rate", learning_rate)
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.nesterov = nesterov
        self.ns_steps = ns_steps

    def init_single(self, parameter, state) -> None:
        state["v"] = mx.zeros_like(parameter)

    def apply_single(self, gradient, parameter, state):
        if self.weight_decay != 0:
            gradient = gradient + self.weight_decay * parameter
        mu = self.momentum
        v = mu * state["v"] + (1 - mu) * gradient
        state["v"] = v
        update = gradient * (1 - mu) + v * mu if self.nesterov else v
        lr = _lr(self, gradient)
        if update.ndim >= 2:
            shape = update.shape
            update = _orthogonalize(mx.reshape(update, (shape[0], -1)), self.ns_steps)
            update = mx.reshape(update, shape)
            # Scaled by the aspect ratio of the last two dimensions, as MLX does.
            lr = lr * max(1, shape[-2] / shape[-1]) ** 0.5
        return parameter - lr * update


def clip_grad_norm(grads, max_norm):
    """Scales a tree of gradients so that its global L2 norm is at most ``max_norm``.

    Args:
        grads (dict): A tree of gradients.
        max_norm (float): The largest norm allowed.

    Returns:
        tuple(dict, array): The clipped gradients and the norm before clipping.

    Example:
        >>> clipped, norm = optim.clip_grad_norm({"w": mx.array([3.0, 4.0])}, 1.0)
        >>> clipped["w"], norm
        (array([0.6, 0.8], dtype=float32), array(5, dtype=float32))
    """
    if max_norm < 0:
        raise ValueError(f"[clip_grad_norm] max_norm should be >=0, {max_norm} was provided "
                         "instead")
    total = 0.0
    for _, g in _tree_flatten(grads):
        g32 = g.astype(mx.float32) if g.dtype == mx.float16 else g
        total = total + mx.sum(mx.square(g32))
    total_norm = mx.sqrt(total)
    factor = mx.minimum(max_norm / (total_norm + 1e-6), 1.0)

    def scale(g):
        if mx.issubdtype(g.dtype, mx.floating):
            return (g * factor).astype(g.dtype)
        return g * factor

    return _tree_map(scale, grads), total_norm


__all__ = ["Optimizer", "MultiOptimizer", "SGD", "RMSprop", "Adagrad", "AdaDelta",
           "Adam", "AdamW", "Adamax", "Lion", "Adafactor", "Muon", "clip_grad_norm"]
