"""The benchmark suite: the same work through mxgraph, NumPy, PyTorch (CPU), JAX (CPU)
and MLX in one run, checked against NumPy, written as JSON and a markdown table of
medians and ratios (mxgraph / each peer; below 1: mxgraph is faster).

    python3 benchmarks/suite.py                      # the full run (tens of minutes)
    python3 benchmarks/suite.py --quick              # small sizes, 3 repeats, no torch.compile
    python3 benchmarks/suite.py --cases matmul,mlp   # ids containing any of these
    python3 benchmarks/suite.py --frameworks mxgraph,numpy --out /tmp/res

A framework that does not import, or lacks a feature (compile), shows as n/a with
the reason in the JSON. Every framework's results (two calls, so a training step is
checked after an update too) must agree with NumPy's within the case's rtol/atol,
or the cell is marked DIFF. Peers: `pip install ".[bench]"`.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import cases as C  # noqa: E402
import cases_half as CH  # noqa: E402
import frameworks as F  # noqa: E402
import memcases as M  # noqa: E402
from timing import time_runs  # noqa: E402

MEM_CASES = ["graph_depth", "load_cast"]


def machine_info(fws, missing):
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
            "versions": {n: fw.version for n, fw in fws.items()},
            "missing": missing,
            "env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                                "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                "MXGRAPH_DISABLE_COMPILE") if k in os.environ}}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["memory_kb"] = int(f.readline().split()[1])
    except OSError:
        pass
    return info


def results_match(got, want, rtol, atol):
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        as_type = np.complex128 if np.iscomplexobj(g) or np.iscomplexobj(w) else np.float64
        g, w = np.asarray(g, dtype=as_type), np.asarray(w, dtype=as_type)
        if g.shape != w.shape or not np.allclose(g, w, rtol=rtol, atol=atol):
            return False
    return True


def flat_result(fw, out):
    """[np arrays] of one call's result, tuples flattened."""
    r = fw.tonp(out)
    return r if isinstance(r, list) else [r]


def time_case(case, fw, sz, repeats, warmup):
    """{median, min, times} in seconds, and the first two calls' results."""
    run = case.make(fw, sz)
    first = flat_result(fw, run()) + flat_result(fw, run())
    median, least, times = time_runs(run, repeats, warmup)
    return {"median_s": median, "min_s": least, "times_s": times}, first


def run_timed_case(case, fws, sz, args):
    repeats = sz["repeats"] or case.repeats
    per = case.per(sz) if case.per else 1
    scale = 1e6 / per if case.unit == "us/op" else 1e3
    row = {"id": case.id, "title": C.title(case, sz), "unit": case.unit, "rtol": case.rtol,
           "atol": case.atol, "note": case.note, "results": {},
           "ref_only": case.extra.get("ref_only", [])}
    ref = None
    for name in ["numpy"] + [n for n in fws if n != "numpy"]:
        if name not in fws:
            continue
        fw = fws[name]
        try:
            stats, first = time_case(case, fw, sz, repeats, warmup=1)
        except F.Unavailable as e:
            row["results"][name] = {"value": None, "error": str(e)}
            continue
        except Exception as e:  # noqa: BLE001 - one framework's failure is a cell, not a crash
            msg = f"{type(e).__name__}: {e}".splitlines()[0][:200]
            row["results"][name] = {"value": None, "error": msg}
            if args.verbose:
                traceback.print_exc()
            continue
        cell = {"value": stats["median_s"] * scale, "min": stats["min_s"] * scale,
                "median_s": stats["median_s"], "repeats": repeats}
        if name == "numpy":
            ref = first
            cell["check"] = "ref"
        elif ref is not None:
            cell["check"] = "ok" if results_match(first, ref, case.rtol, case.atol) else "DIFF"
        row["results"][name] = cell
    return [row]


def run_graph_depth(fws, sz, args):
    rows = {}
    for name in ("mxgraph", "mlx"):
        if name not in fws:
            continue
        try:
            res = M.run_depth(name, sz["depths"])
        except Exception as e:  # noqa: BLE001
            res = {"error": str(e)}
        for d in sz["depths"]:
            for key, unit, metric in (("t", "us/node", "us_per_node"),
                                      ("b", "B/pending node", "bytes_per_pending_node")):
                what = "time" if key == "t" else "memory"
                row = rows.setdefault((d, key), {
                    "id": f"graph_depth_{d}_{what}", "unit": unit, "results": {},
                    "title": f"graph depth {d:.0e} build+eval" if key == "t"
                    else f"graph depth {d:.0e} pending RSS", "note": "lazy frameworks only"})
                r = res.get(str(d))
                row["results"][name] = ({"value": r[metric], **r} if r
                                        else {"value": None, "error": res.get("error", "?")})
    return [rows[k] for k in sorted(rows)]


def run_load_cast(fws, sz, args):
    n_t, n_e = sz["load_tensors"], sz["load_elems"]
    f32 = n_t * n_e * 4
    path = os.path.join(args.tmp, f"mxgraph-bench-{os.getpid()}.safetensors")
    M.write_safetensors(path, n_t, n_e)
    t_row = {"id": "load_cast_time", "title": f"load {f32 / 2**30:.2f} GiB f32 safetensors, "
             "cast f16, one eval", "unit": "s", "results": {}}
    m_row = {"id": "load_cast_peak", "title": "  peak RSS over baseline", "unit": "MiB",
             "results": {}, "note": f"target <= f16 size + one f32 tensor = "
                                    f"{(f32 / 2 + n_e * 4) / 2**20:.0f} MiB"}
    ref = None
    try:
        for name in ["numpy"] + [n for n in fws if n != "numpy"]:
            if name not in fws:
                continue
            try:
                r = M.run_load(name, path)
            except Exception as e:  # noqa: BLE001
                t_row["results"][name] = m_row["results"][name] = {"value": None, "error": str(e)}
                continue
            cell = {"value": r["time_s"], **r}
            if name == "numpy":
                ref, cell["check"] = r["head"], "ref"
            elif ref is not None:
                cell["check"] = "ok" if np.allclose(r["head"], ref, rtol=1e-3) else "DIFF"
            t_row["results"][name] = cell
            m_row["results"][name] = {"value": r["peak_over_base"] / 2**20,
                                      "peak_mx_MiB": (r["peak_mx"] or 0) / 2**20 or None}
    finally:
        os.unlink(path)
    return [t_row, m_row]


def fmt(v):
    if v is None:
        return "n/a"
    a = abs(v)
    return f"{v:.3g}" if a < 1000 else f"{v:.0f}"


def markdown(rows, names, info, command):
    peers = [n for n in names if n != "mxgraph"]
    out = [f"Command: `{command}`  ", f"Machine: {info.get('cpu', '?')}, {info['cpus']} cpus, "
           f"{info.get('memory_kb', 0) / 2**20:.0f} GiB, {info['platform']}, Python {info['python']}  ",
           "Versions: " + ", ".join(f"{n} {v}" for n, v in info["versions"].items()) + "  "]
    if info["missing"]:
        out.append("Not available: " + "; ".join(f"{n} ({why})" for n, why in info["missing"].items()) + "  ")
    if info["env"]:
        out.append("Environment: " + ", ".join(f"{k}={v}" for k, v in info["env"].items()) + "  ")
    out.append("")
    out.append("| case | unit | " + " | ".join(names) + " | " +
               " | ".join(f"mxg/{p}" for p in peers) + " | mxg/best | check |")
    out.append("|---|---|" + "---:|" * (len(names) + len(peers) + 1) + "---|")
    for row in rows:
        res = row["results"]
        vals = [fmt(res.get(n, {}).get("value")) for n in names]
        mine = res.get("mxgraph", {}).get("value")
        ratios = []
        for p in peers:
            theirs = res.get(p, {}).get("value")
            ratios.append(f"{mine / theirs:.2f}" if mine is not None and theirs else "n/a")
        # The best peer's time; a reference-only column (NumPy in the half rows) is no peer.
        best = [res.get(p, {}).get("value") for p in peers if p not in row.get("ref_only", [])]
        best = [v for v in best if v]
        ratios.append(f"{mine / min(best):.2f}" if mine is not None and best else "n/a")
        checks = [f"{n}:{res[n]['check']}" for n in names
                  if n in res and res[n].get("check") not in (None, "ref")]
        out.append(f"| {row['title']} | {row['unit']} | " + " | ".join(vals) + " | " +
                   " | ".join(ratios) + " | " + " ".join(checks) + " |")
    out.append("")
    out.append("Values are medians; ratios are mxgraph's value / the peer's (below 1: mxgraph is "
               "faster or smaller); mxg/best against the fastest peer (in the half-precision "
               "rows NumPy computes the float32 reference and is no peer). n/a: the framework "
               "or feature is missing (see the JSON's `error`).")
    return "\n".join(out) + "\n"


def write_outputs(args, rows, fws, info, command, mode, sz, t_start):
    shown = [n for n in F.ALL if n in fws]
    md = markdown(rows, shown, info, command)
    os.makedirs(args.out, exist_ok=True)
    doc = {"mode": mode, "sizes": sz, "command": command, "machine": info,
           "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
           "seconds": time.perf_counter() - t_start, "cases": rows}
    with open(os.path.join(args.out, args.name + ".json"), "w") as f:
        json.dump(doc, f, indent=1, default=float)
    with open(os.path.join(args.out, args.name + ".md"), "w") as f:
        f.write(md)
    return md


def select(ids, filters):
    if not filters:
        return ids
    return [i for i in ids if any(f in i for f in filters)]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes, 3 repeats")
    p.add_argument("--tiny", action="store_true", help="tiny sizes (the smoke test)")
    p.add_argument("--cases", default="", help="comma list; runs case ids containing any")
    p.add_argument("--frameworks", default=",".join(F.ALL), help="comma list of " + ",".join(F.ALL))
    p.add_argument("--out", default=os.path.join(HERE, "results"), help="folder for suite.json/.md")
    p.add_argument("--name", default="suite", help="file name stem of the outputs")
    p.add_argument("--tmp", default=tempfile.gettempdir(), help="where the safetensors file goes")
    p.add_argument("--repeats", type=int, default=None, help="override every case's repeats")
    p.add_argument("--torch-compile", action="store_true",
                   help="run torch.compile in --quick/--tiny too (always on in a full run)")
    p.add_argument("-v", "--verbose", action="store_true", help="tracebacks of failing cells")
    args = p.parse_args(argv)

    mode = "tiny" if args.tiny else "quick" if args.quick else "full"
    sz = dict(C.SIZES[mode])
    if args.repeats:
        sz["repeats"] = args.repeats
    sz["torch_compile"] = mode == "full" or args.torch_compile
    names = [n.strip() for n in args.frameworks.split(",") if n.strip()]
    unknown = set(names) - set(F.ALL)
    if unknown:
        p.error(f"unknown frameworks {sorted(unknown)}; choose from {F.ALL}")
    fws, missing = F.load(names)
    if "mxgraph" not in fws:
        raise SystemExit(f"mxgraph does not import: {missing.get('mxgraph')}")
    info = machine_info(fws, missing)
    filters = [f.strip() for f in args.cases.split(",") if f.strip()]
    timed = {c.id: c for c in C.CASES + CH.CASES}
    chosen = select(list(timed) + MEM_CASES, filters)
    command = "python3 benchmarks/suite.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"mode {mode}; frameworks {', '.join(fws)}" +
          (f"; n/a: {', '.join(missing)}" if missing else ""), flush=True)

    rows = []
    md = ""
    t_start = time.perf_counter()
    for cid in chosen:
        t0 = time.perf_counter()
        if cid in timed:
            new = run_timed_case(timed[cid], fws, sz, args)
        elif cid == "graph_depth":
            new = run_graph_depth(fws, sz, args)
        else:
            new = run_load_cast(fws, sz, args)
        rows += new
        for r in new:
            cells = ", ".join(f"{n} {fmt(c.get('value'))}" + (f" [{c['check']}]" if c.get("check") not in (None, "ref") else "")
                              for n, c in r["results"].items())
            print(f"{r['title']} ({r['unit']}): {cells}", flush=True)
        print(f"  ({time.perf_counter() - t0:.1f} s)", flush=True)
        # Written after every case, so a long run that is stopped keeps what it measured.
        md = write_outputs(args, rows, fws, info, command, mode, sz, t_start)
    print("\n" + md)
    print(f"wrote {os.path.join(args.out, args.name)}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
