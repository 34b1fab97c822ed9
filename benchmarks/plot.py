"""A plot of the suite's results: for each case, each peer's time (or memory) divided by
mxgraph's, on a log scale; right of 1, mxgraph is faster (or smaller).

    python3 benchmarks/plot.py                                   # newest benchmarks/results/*.json
    python3 benchmarks/plot.py results/suite.json --out docs/img/benchmarks.png

Reads the JSON that suite.py writes (`cases[*].results[framework].value`); a cell that is
n/a, DIFF or missing is left out, so the plot shows only checked numbers.
"""

import argparse
import glob
import json
import os

import matplotlib

matplotlib.use("Agg")  # no display: write files only
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEER_ORDER = ["numpy", "torch", "jax", "mlx"]
COLORS = {"numpy": "#4c72b0", "torch": "#dd8452", "jax": "#55a868", "mlx": "#c44e52"}


def latest_json(folder=os.path.join(HERE, "results")):
    """The newest suite JSON under folder, or None."""
    files = glob.glob(os.path.join(folder, "*.json"))
    return max(files, key=os.path.getmtime) if files else None


def _value(cell):
    """A cell's median, when it was measured and agreed with NumPy."""
    if not isinstance(cell, dict) or cell.get("check") == "DIFF":
        return None
    v = cell.get("value")
    return float(v) if isinstance(v, (int, float)) and v > 0 else None


def ratios(doc):
    """[(case label, {peer: peer value / mxgraph value})] for cases mxgraph ran."""
    rows = []
    for case in doc.get("cases", []):
        res = case.get("results", {})
        mine = _value(res.get("mxgraph"))
        if mine is None:
            continue
        per_peer = {p: _value(c) / mine for p, c in res.items()
                    if p != "mxgraph" and _value(c) is not None}
        title = case.get("title", case["id"])
        if title[:1].isspace():  # a sub-row of the case above (load_cast's peak RSS)
            title = f"{case['id']}: {title.strip()}"
        if per_peer:
            rows.append((f"{title} [{case.get('unit', '')}]", per_peer))
    return rows


def plot(doc, out):
    """Writes the plot of doc (the suite's JSON, parsed) to out; returns the rows drawn."""
    rows = ratios(doc)
    if not rows:
        raise ValueError("[plot] No case has both an mxgraph and a peer result.")
    peers = [p for p in PEER_ORDER if any(p in r for _, r in rows)]
    peers += sorted({p for _, r in rows for p in r} - set(peers))
    height = 0.8 / len(peers)
    fig, ax = plt.subplots(figsize=(10, len(rows) * (0.1 + 0.12 * len(peers)) + 1.2))
    for k, peer in enumerate(peers):
        ys = [i + (k - (len(peers) - 1) / 2) * height for i, (_, r) in enumerate(rows) if peer in r]
        xs = [r[peer] for _, r in rows if peer in r]
        # Bars grow from 1 (a tie), so a peer that is faster shows as a bar to the left.
        ax.barh(ys, [x - 1 for x in xs], height=height, left=1, label=peer, color=COLORS.get(peer))
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([label for label, _ in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("peer / mxgraph (log scale; right of 1: mxgraph is faster or smaller)")
    when = doc.get("date", "")
    cpus = doc.get("machine", {}).get("cpus", "?")
    ax.set_title(f"mxgraph against its peers, per case ({doc.get('mode', '')} run, {cpus} CPUs, {when})",
                 fontsize=10)
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return rows


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("json", nargs="?", help="suite JSON (default: newest in benchmarks/results)")
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "img", "benchmarks.png"))
    args = p.parse_args(argv)
    path = args.json or latest_json()
    if path is None:
        p.error("no JSON given and none in benchmarks/results")
    with open(path) as f:
        rows = plot(json.load(f), args.out)
    print(f"wrote {args.out} ({len(rows)} cases from {path})")


if __name__ == "__main__":
    main()
