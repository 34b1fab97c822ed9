"""``python -m mxgraph``: prints the version, the devices and a one-line self check."""

import mxgraph
import mxgraph.core as mx


def main() -> int:
    print(f"mxgraph {mxgraph.__version__} at {mxgraph.__path__[0]}")
    print(f"default device: {mx.default_device()}  "
          f"(gpu available: {mx.is_available(mx.gpu)}, metal: {mx.metal.is_available()}, "
          f"cuda: {mx.cuda.is_available()})")
    x = mx.array([1.0, 2.0, 3.0])
    y = (x * 2 + 1).tolist()
    ok = y == [3.0, 5.0, 7.0]
    print(f"self check: (x * 2 + 1) = {y}: {'ok' if ok else 'WRONG'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
