"""The documentation site (docs/, Sphinx) builds with warnings as errors, and its API
reference documents every public name (scripts/api_reference.py lists them). The site
comes from MXGRAPH_DOCS_HTML when scripts/docs.sh built it already; otherwise this test
builds it once, into a temporary folder."""

import glob
import os
import subprocess
import sys

import pytest

import mxgraph
import myst_parser  # noqa: F401  (a [test] requirement: its absence must fail, not skip)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
try:
    import api_reference
finally:
    sys.path.pop(0)


def build_env():
    env = dict(os.environ)
    parent = os.path.dirname(os.path.abspath(mxgraph.__path__[0]))
    env["PYTHONPATH"] = os.pathsep.join([parent] + [p for p in [env.get("PYTHONPATH")] if p])
    if env.get("MXGRAPH_DEV_BUILD"):
        env["MXGRAPH_DEV_BUILD"] = os.path.abspath(env["MXGRAPH_DEV_BUILD"])
    return env


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    given = os.environ.get("MXGRAPH_DOCS_HTML")
    if given:
        assert os.path.isfile(os.path.join(given, "index.html")), f"no site in {given}"
        return given
    out = str(tmp_path_factory.mktemp("docs_html"))
    r = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
                        "-j", "2", "-q", "-d", os.path.join(out, ".doctrees"),
                        os.path.join(ROOT, "docs"), out],
                       capture_output=True, text=True, env=build_env(), timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-5000:]
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_every_public_name_has_an_entry_in_the_reference(site):
    html = "".join(read(p) for p in glob.glob(os.path.join(site, "api", "*.html")))
    entries = [(m, n) for _, _, m, names in api_reference.groups() for n, _ in names]
    assert len(entries) > 400
    missing = [f"{m}.{n}" for m, n in entries if f'id="{m}.{n}"' not in html]
    assert not missing, f"not in the built reference: {missing}"


def test_every_module_namespace_is_listed():
    # The names come from the modules themselves, so a new function, or a new namespace
    # of mxgraph.core (fft, linalg...), gets a page without a hand-kept list.
    pages = {m for _, _, m, _ in api_reference.groups()}
    for sub in api_reference.core_submodules():
        assert f"mxgraph.core.{sub}" in pages
    import mxgraph.core as mx
    listed = {n for _, _, m, names in api_reference.groups() if m == "mxgraph.core"
              for n, _ in names}
    assert set(api_reference.public_names(mx)) <= listed
    # Importing another module of the package (as a test of the launcher does) adds no page.
    import mxgraph.core.distributed_launch  # noqa: F401
    assert "distributed_launch" not in api_reference.core_submodules()


def test_the_guide_pages_are_built(site):
    for page, text in [("lazy-evaluation.html", "Selective computation"),
                       ("installation.html", "scipy-openblas32"),
                       ("graph-tools.html", "graph_stats"),
                       ("compile.html", "mx.compile"),
                       ("export.html", "export_function"),
                       ("cli.html", "Exit codes"),
                       ("distributed.html", "all_sum"),
                       ("c-api.html", "mxg_array_free"),
                       ("c-api-header.html", "mxg_last_error_message")]:
        path = os.path.join(site, page)
        assert os.path.isfile(path), page
        assert text in read(path), (page, text)
