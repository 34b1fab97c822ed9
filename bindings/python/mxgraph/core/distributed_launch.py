"""``mxgraph.launch``: runs a Python script as N processes under Open MPI's mpirun.

    mxgraph.launch -n 2 train.py --epochs 3
    mxgraph.launch -n 4 --hostfile hosts.txt train.py

Each process calls ``mx.distributed.init()`` and gets its rank. The launcher adds
what a container needs (``--allow-run-as-root`` for root, ``--oversubscribe`` when
asking for more processes than cores), passes MXGRAPH_DIST_TIMEOUT through with
``--timeout``, and runs the script with this Python interpreter. ``--dry-run``
prints the mpirun command instead of running it.
"""

import argparse
import os
import shutil
import sys


def build_command(argv):
    p = argparse.ArgumentParser(prog="mxgraph.launch", description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--num-processes", type=int, default=2, help="processes to start")
    p.add_argument("--hostfile", help="an Open MPI hostfile, for several machines")
    p.add_argument("--timeout", type=float,
                   help="seconds a collective waits for the other ranks (MXGRAPH_DIST_TIMEOUT)")
    p.add_argument("--mpirun", default="mpirun", help="the mpirun program")
    p.add_argument("--mpi-arg", action="append", default=[], help="extra argument for mpirun")
    p.add_argument("--dry-run", action="store_true", help="print the command, do not run it")
    p.add_argument("script", help="the Python script to run")
    p.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the script")
    a = p.parse_args(argv)
    if a.num_processes < 1:
        p.error("-n must be at least 1")
    cmd = [a.mpirun, "-np", str(a.num_processes)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-run-as-root")
    if a.hostfile:
        cmd += ["--hostfile", a.hostfile]
    elif a.num_processes > (os.cpu_count() or 1):
        cmd.append("--oversubscribe")
    if a.timeout is not None:
        cmd += ["-x", f"MXGRAPH_DIST_TIMEOUT={a.timeout:g}"]
    cmd += a.mpi_arg + [sys.executable, a.script] + a.args
    return cmd, a.dry_run


def main(argv=None):
    cmd, dry = build_command(sys.argv[1:] if argv is None else argv)
    if dry:
        print(" ".join(cmd))
        return 0
    if shutil.which(cmd[0]) is None:
        print(f"mxgraph.launch: {cmd[0]} not found. Install Open MPI "
              "(apt-get install openmpi-bin libopenmpi-dev).", file=sys.stderr)
        return 127
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
