"""Soak test: trains the digits MLP of examples/train_mlp.py, plain and compiled, for
MINUTES, printing the resident memory and each model's mean loss every minute.

Fails (exit 1) if the resident memory grows by more than 1% after the warm-up (the
first minute, or the first half of a shorter run): a leak of graphs, tracers, compile
caches or buffer-cache entries shows up as steady growth. Fails too if a model's mean
loss over the last minute is not below its mean over the first, or is not finite.
Run through scripts/soak.sh.
"""
import functools
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))

import mxgraph.core as mx  # noqa: E402
import mxgraph.nn as nn  # noqa: E402
import mxgraph.optimizers as optim  # noqa: E402
from train_mlp import MLP, load_data, loss_fn  # noqa: E402

BATCH = 32
MAX_GROWTH = 0.01


def rss_bytes():
    """Resident set size of this process, from /proc (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("[soak] No VmRSS in /proc/self/status.")


class Trainer:
    """One model and its Adam optimizer; step() trains on one batch, returns the loss."""

    def __init__(self, n_in, compiled, seed):
        mx.random.seed(seed)
        self.model = MLP([n_in, 64, 64, 10])
        mx.eval(self.model.parameters())
        self.opt = optim.Adam(learning_rate=1e-3)
        grad_fn = nn.value_and_grad(self.model, loss_fn)

        def step(X, y):
            loss, grads = grad_fn(self.model, X, y)
            self.opt.update(self.model, grads)
            return loss

        state = [self.model.state, self.opt.state]
        self.step_fn = functools.partial(mx.compile, inputs=state, outputs=state)(step) if compiled else step

    def step(self, X, y):
        loss = self.step_fn(X, y)
        mx.eval(loss, self.model.parameters(), self.opt.state)
        return loss.item()


def main(argv):
    minutes = float(argv[1]) if len(argv) > 1 else 2.0
    period = float(os.environ.get("MXGRAPH_SOAK_PERIOD", "60"))  # seconds per report
    if not minutes > 0:
        raise SystemExit("[soak] MINUTES must be a positive number.")
    X_train, y_train, _, _ = load_data(0)
    n = len(X_train) // BATCH * BATCH  # whole batches only: one compiled shape
    rng = np.random.default_rng(0)
    trainers = {"plain": Trainer(X_train.shape[1], False, 0), "compiled": Trainer(X_train.shape[1], True, 0)}
    total = minutes * 60.0
    n_reports = max(2, int(round(total / period)))
    period = total / n_reports
    warmup = max(1, n_reports // 2) if n_reports < 4 else 1  # reports, then growth is measured
    print(f"soak: {minutes:g} min, a report every {period:.0f} s, warm-up {warmup} report(s)", flush=True)
    rows, losses = [], {k: [] for k in trainers}
    start = time.monotonic()
    for r in range(1, n_reports + 1):
        sums, counts = {k: 0.0 for k in trainers}, {k: 0 for k in trainers}
        while time.monotonic() - start < r * period:
            order = rng.permutation(len(X_train))[:n]
            for b in range(0, n, BATCH):
                idx = order[b:b + BATCH]
                X, y = mx.array(X_train[idx]), mx.array(y_train[idx])
                for k, t in trainers.items():
                    sums[k] += t.step(X, y)
                    counts[k] += 1
        for k in trainers:
            losses[k].append(sums[k] / max(counts[k], 1))
        rows.append(rss_bytes())
        print(f"soak: {r * period / 60:5.1f} min  rss {rows[-1] / 2**20:8.2f} MiB  "
              f"active {mx.get_active_memory() / 2**20:6.2f} MiB  cache {mx.get_cache_memory() / 2**20:6.2f} MiB  "
              + "  ".join(f"{k} loss {losses[k][-1]:.3e} ({counts[k]} steps)" for k in trainers), flush=True)
    base = rows[warmup - 1]
    growth = (max(rows[warmup:]) - base) / base
    print(f"soak: rss after warm-up {base / 2**20:.2f} MiB, largest later {max(rows[warmup:]) / 2**20:.2f} MiB "
          f"(growth {100 * growth:+.2f}%, limit {100 * MAX_GROWTH:.0f}%)", flush=True)
    ok = growth <= MAX_GROWTH
    for k, ls in losses.items():
        if not all(math.isfinite(v) for v in ls) or not ls[-1] < ls[0]:
            print(f"soak: FAILED: the {k} model's loss did not decrease: {ls}", flush=True)
            ok = False
    if growth > MAX_GROWTH:
        print("soak: FAILED: resident memory grew after the warm-up", flush=True)
    print("soak: ok" if ok else "soak: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
