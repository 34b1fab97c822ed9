"""Runs examples/distributed/train_mlp.py alone and under mpirun, and checks that
the data-parallel run reaches the same result as the single process.

    python3 tests/distributed/compare_example.py -- mpirun -np 2
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
example = os.path.join(root, "examples", "distributed", "train_mlp.py")


def run(prefix, out, epochs):
    cmd = prefix + [sys.executable, example, "--epochs", str(epochs), "--json", out]
    subprocess.run(cmd, check=True, timeout=900)
    with open(out) as f:
        return json.load(f)


def main():
    argv = sys.argv[1:]
    prefix = argv[argv.index("--") + 1:] if "--" in argv else ["mpirun", "-np", "2"]
    epochs = 3
    with tempfile.TemporaryDirectory() as d:
        single = run([], os.path.join(d, "one.json"), epochs)
        multi = run(prefix, os.path.join(d, "many.json"), epochs)
    assert single["size"] == 1 and multi["size"] > 1, (single["size"], multi["size"])
    diff = np.abs(np.array(single["params"]) - np.array(multi["params"])).max()
    print(f"single: accuracy {single['test_accuracy']:.4f} loss {single['loss']:.5f}; "
          f"{multi['size']} processes: accuracy {multi['test_accuracy']:.4f} "
          f"loss {multi['loss']:.5f}; largest parameter difference {diff:.2e}")
    assert abs(single["test_accuracy"] - multi["test_accuracy"]) <= 0.01
    assert abs(single["loss"] - multi["loss"]) <= 1e-3
    assert diff < 1e-3
    print("OK: the data-parallel run matches the single process")


if __name__ == "__main__":
    main()
