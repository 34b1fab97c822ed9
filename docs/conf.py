"""Sphinx configuration of mxgraph's documentation (scripts/docs.sh builds it).

The notes in docs/*.md are read with myst-parser; the API reference (docs/api/, not
kept in git) is written on each build from the package's public names by
scripts/api_reference.py, so a new function appears without editing anything here.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import api_reference  # noqa: E402
import mxgraph  # noqa: E402

api_reference.write(os.path.join(HERE, "api"))

project = "mxgraph"
author = "the mxgraph developers"
copyright = "2026, the mxgraph developers"
release = version = mxgraph.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",  # MLX-style docstrings: Args:, Returns:, Example:
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "api/_autosummary"]
# Notes link to source files (../include/..., ../README.md) that are not pages.
suppress_warnings = ["myst.xref_missing"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

autosummary_generate = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"mxgraph {release}"
html_static_path = []

# --- Docstrings are written for help() as well as for Sphinx: plain-text `*args`,
# `|x|`, `from_` and pybind11's signature lines are not reST markup, so they are
# escaped (outside ``literals``, doctests and literal blocks) before napoleon reads them.
import re  # noqa: E402

_SPANS = re.compile(r"(``.+?``|:[\w:]+:`[^`]+`|`[^`]+`_{0,2}"
                    r"|(?<![\w*\\])\*\*[^\s*](?:[^*]*?[^\s*\\])?\*\*(?![\w*])"
                    r"|(?<![\w*\\])\*[^\s*](?:[^*]*?[^\s*\\])?\*(?![\w*]))")
_SIGNATURE = re.compile(r"^(\s*)(\d+\.\s+)?([A-Za-z_][\w.]*\(.*\)(?:\s*->\s*.+)?)\s*$")


def _escape_prose(text):
    parts = _SPANS.split(text)
    for i in range(0, len(parts), 2):  # even parts lie outside literals and emphasis
        p = parts[i].replace("*", r"\*")
        p = re.sub(r"(?<!\s)\||\|(?!\s)", r"\|", p)
        p = re.sub(r"(?<=\w)(_+)(?=[\s.,;:)\]]|$)", lambda m: r"\_" * len(m.group(1)), p)
        parts[i] = p
    return "".join(parts)


def _sanitize(lines):
    out, literal_indent, doctest = [], None, False
    for line in lines:
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        if literal_indent is not None and (not stripped or indent > literal_indent):
            out.append(line)
            continue
        literal_indent = None
        if stripped.startswith(">>>") or (doctest and stripped):
            doctest = True
            out.append(line)
            continue
        doctest = False
        if re.match(r"\.\. [\w:-]+::", stripped) or stripped.endswith("::"):
            literal_indent = indent
            out.append(line if stripped.startswith("..") else _escape_prose(line))
            continue
        sig = _SIGNATURE.match(line)
        if sig and "``" not in line:  # pybind11's "1. f(a: object, *, stream=None) -> array"
            out.append(f"{sig.group(1)}{sig.group(2) or ''}``{sig.group(3)}``")
            continue
        out.append(_escape_prose(line))
    return out


def _process_docstring(app, what, name, obj, options, lines):
    lines[:] = _sanitize(lines)


def setup(app):
    # Before napoleon (priority 500), which then sees escaped names.
    app.connect("autodoc-process-docstring", _process_docstring, priority=400)
