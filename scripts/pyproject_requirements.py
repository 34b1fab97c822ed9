"""Prints a value of pyproject.toml for scripts/setup.sh: a list one item a line.

    python3 scripts/pyproject_requirements.py build-system.requires --missing
    python3 scripts/pyproject_requirements.py tool.scikit-build.cmake.version

With --missing, only the requirements that this Python does not satisfy yet (markers
applied), so that setup.sh calls pip only when there is something to install."""

import os
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

PYPROJECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pyproject.toml")


def lookup(key):
    with open(PYPROJECT, "rb") as f:
        value = tomllib.load(f)
    for part in key.split("."):
        value = value[part]
    return value if isinstance(value, list) else [value]


def satisfied(req):
    from importlib.metadata import PackageNotFoundError, version

    try:
        from packaging.requirements import Requirement
    except ImportError:
        return False  # cannot tell without packaging: pip decides
    r = Requirement(req)
    if r.marker is not None and not r.marker.evaluate():
        return True
    try:
        return r.specifier.contains(version(r.name), prereleases=True)
    except PackageNotFoundError:
        return False


def main(argv):
    values = lookup(argv[0])
    if "--missing" in argv[1:]:
        values = [v for v in values if not satisfied(v)]
    for v in values:
        print(v)


if __name__ == "__main__":
    main(sys.argv[1:])
