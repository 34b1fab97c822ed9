"""The ``mxgraph`` console script: ``mxgraph dump|stats|run FILE.mxfn ...``, ``mxgraph settings``.

The commands are implemented once, in C++ (``mxg::cli_main``, also built as a native
executable); this runs them with their output going to ``sys.stdout`` and
``sys.stderr``. See docs/cli.md for the commands and exit codes.
"""

import sys

COMMANDS = ("dump", "stats", "run", "settings")


def main(argv=None) -> int:
    """Runs the command line ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    from mxgraph import _core

    args = list(sys.argv[1:] if argv is None else argv)
    return _core._cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
