"""``python -m mxgraph``: prints the version, the devices and a one-line self check.

``python -m mxgraph dump|stats|run FILE.mxfn ...`` (and ``python -m mxgraph settings``)
runs the ``mxgraph`` command-line program (the same as the console script; see docs/cli.md).

``python -m mxgraph --cmake-dir`` prints the folder holding ``mxgraphConfig.cmake``, for
``cmake -Dmxgraph_DIR=$(python -m mxgraph --cmake-dir)`` and ``find_package(mxgraph)``.
"""

import argparse
import os
import sys


def cmake_dir() -> str:
    """The CMake package folder inside the installed package (no import of _core needed)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "cmake")


def self_check() -> int:
    import mxgraph
    import mxgraph.core as mx

    print(f"mxgraph {mxgraph.__version__} at {mxgraph.__path__[0]}")
    print(f"default device: {mx.default_device()}  "
          f"(gpu available: {mx.is_available(mx.gpu)}, metal: {mx.metal.is_available()}, "
          f"cuda: {mx.cuda.is_available()})")
    x = mx.array([1.0, 2.0, 3.0])
    y = (x * 2 + 1).tolist()
    ok = y == [3.0, 5.0, 7.0]
    print(f"self check: (x * 2 + 1) = {y}: {'ok' if ok else 'WRONG'}")
    return 0 if ok else 1


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    from mxgraph.cli import COMMANDS, main as cli_main

    if argv and (argv[0] in COMMANDS or argv[0] in ("help", "--version")):
        return cli_main(argv)
    parser = argparse.ArgumentParser(
        prog="python -m mxgraph",
        description="mxgraph: version, self check, build paths.",
        epilog="python -m mxgraph dump|stats|run FILE.mxfn ... and python -m mxgraph settings "
               "run the mxgraph command line (see python -m mxgraph dump --help, or docs/cli.md).")
    parser.add_argument("--cmake-dir", action="store_true",
                        help="print the folder of mxgraphConfig.cmake (for find_package(mxgraph))")
    args = parser.parse_args(argv)
    if args.cmake_dir:
        path = cmake_dir()
        if not os.path.isfile(os.path.join(path, "mxgraphConfig.cmake")):
            print(f"mxgraph: no CMake package at {path}; this mxgraph was not installed with "
                  "pip (a development build). Use `cmake --install` instead.", file=sys.stderr)
            return 1
        print(path)
        return 0
    return self_check()


if __name__ == "__main__":
    raise SystemExit(main())
