"""The benchmark suite runs end to end (mxgraph and NumPy, tiny sizes) and writes
its JSON and markdown; no timing is asserted."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUITE = os.path.join(ROOT, "benchmarks", "suite.py")


def suite_env():
    """The environment that imports the same mxgraph as this test run."""
    import mxgraph

    env = dict(os.environ)
    pkg_parent = os.path.dirname(os.path.dirname(os.path.abspath(mxgraph.__file__)))
    env["PYTHONPATH"] = os.pathsep.join([pkg_parent] + [p for p in [env.get("PYTHONPATH")] if p])
    if env.get("MXGRAPH_DEV_BUILD"):
        env["MXGRAPH_DEV_BUILD"] = os.path.abspath(env["MXGRAPH_DEV_BUILD"])
    return env


def run_suite(tmp_path, *extra):
    args = [sys.executable, SUITE, "--tiny", "--frameworks", "mxgraph,numpy",
            "--out", str(tmp_path), "--tmp", str(tmp_path), *extra]
    r = subprocess.run(args, capture_output=True, text=True, env=suite_env(), timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return r


def test_tiny_run_writes_json_and_markdown(tmp_path):
    run_suite(tmp_path)
    doc = json.loads((tmp_path / "suite.json").read_text())
    md = (tmp_path / "suite.md").read_text()
    assert doc["mode"] == "tiny"
    assert doc["machine"]["cpus"] >= 1 and "mxgraph" in doc["machine"]["versions"]
    ids = [c["id"] for c in doc["cases"]]
    for want in ["dispatch", "chain8", "chain8_compiled", "exp", "sin", "tanh", "sum", "rowsum",
                 "matmul_a", "matmul_b", "mlp", "mlp_compiled", "value_and_grad", "vmap",
                 "load_cast_time", "load_cast_peak", "half_mm_bf16_b1", "half_mm_f16_b1",
                 "half_matvec_f32", "half_mm_bf16_b64", "half_mm_f16_b64", "half_exp_bf16",
                 "half_sum_bf16", "half_mlp_bf16"]:
        assert want in ids, want
    assert any(i.startswith("graph_depth_") for i in ids)
    by_id = {c["id"]: c for c in doc["cases"]}
    # Every plain case ran on both and mxgraph agreed with NumPy.
    for cid in ["dispatch", "chain8", "exp", "sum", "rowsum", "matmul_b", "mlp",
                "value_and_grad", "vmap", "load_cast_time", "half_mm_bf16_b1", "half_mm_f16_b64",
                "half_matvec_f32", "half_exp_bf16", "half_sum_bf16", "half_mlp_bf16"]:
        res = by_id[cid]["results"]
        # A missing package (safetensors for NumPy's load) is a failure: pip install ".[test]".
        for fw in ("numpy", "mxgraph"):
            assert (res[fw]["value"] or 0) > 0, (cid, fw, res[fw].get("error"))
        assert res["mxgraph"]["check"] == "ok", cid
    # NumPy has no compiler: a cell with a reason, not a failure.
    assert by_id["chain8_compiled"]["results"]["numpy"]["value"] is None
    assert "compiler" in by_id["chain8_compiled"]["results"]["numpy"]["error"]
    depth = [c for c in doc["cases"] if c["id"].startswith("graph_depth_")]
    assert all(c["results"]["mxgraph"]["value"] > 0 for c in depth if c["id"].endswith("time"))
    # The markdown table has a header, the ratio columns and one line per case.
    assert "| case | unit | mxgraph | numpy | mxg/numpy | mxg/best | check |" in md
    # NumPy is the half rows' float32 reference, not a peer: no best-peer ratio there.
    assert any(line.startswith("| bf16 x@w.T") and "| n/a |" in line for line in md.splitlines())
    assert md.count("\n| ") >= len(ids) + 1
    assert "Machine:" in md and "Command:" in md


def test_cases_filter(tmp_path):
    run_suite(tmp_path, "--cases", "sum", "--name", "only_sum")
    doc = json.loads((tmp_path / "only_sum.json").read_text())
    assert sorted(c["id"] for c in doc["cases"]) == ["half_sum_bf16", "rowsum", "sum"]


def test_unknown_framework_is_an_error(tmp_path):
    r = subprocess.run([sys.executable, SUITE, "--tiny", "--frameworks", "mxgraph,nope",
                        "--out", str(tmp_path)], capture_output=True, text=True, env=suite_env())
    assert r.returncode != 0 and "unknown frameworks" in r.stderr


@pytest.mark.parametrize("mod", ["bench_grad", "bench_vmap", "bench_train", "run"])
def test_older_scripts_still_parse_arguments(mod):
    r = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", mod + ".py"), "--help"],
                       capture_output=True, text=True, env=suite_env())
    assert r.returncode == 0 and "usage" in r.stdout
