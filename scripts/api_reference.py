"""The public names of mxgraph, grouped like MLX's API reference, and the reST pages of
the documentation's reference written from them (docs/api/, made by scripts/docs.sh).

    python3 scripts/api_reference.py docs/api      # writes docs/api/*.rst

A public name is one that does not start with `_`, is not a module, and is defined by
mxgraph (so `typing.Any` imported by a module is not). New names land in a group by
their module and kind (a new mxgraph.core function under Operations), so the reference
never misses one; tests/python/test_docs_reference.py and test_stubs.py read this list.
"""

import inspect
import os
import sys
import types

# mxgraph.core's names outside Operations, by MLX's reference pages (and mxgraph's own
# graph tools). Names not listed fall into Operations.
CORE_GROUPS = [
    ("array", "Array", ["array", "ArrayAt", "PrintOptions", "printoptions", "set_printoptions",
                        "get_printoptions"]),
    ("data_types", "Data types", ["Dtype", "DtypeCategory", "finfo", "iinfo", "issubdtype",
                                  "isdtype", "promote_types", "result_type", "can_cast"]),
    ("devices_and_streams", "Devices and streams", [
        "Device", "DeviceType", "Stream", "cpu", "gpu", "default_device", "set_default_device",
        "default_stream", "set_default_stream", "new_stream", "stream", "synchronize",
        "device_count", "device_info", "is_available"]),
    ("transforms", "Transforms", [
        "eval", "async_eval", "compile", "disable_compile", "enable_compile", "grad",
        "value_and_grad", "jvp", "vjp", "vmap", "checkpoint", "custom_function"]),
    ("export", "Export functions", ["export_function", "import_function", "exporter",
                                    "FunctionExporter", "export_to_dot"]),
    ("memory", "Memory management", [
        "get_active_memory", "get_peak_memory", "reset_peak_memory", "get_cache_memory",
        "get_memory_limit", "set_memory_limit", "set_cache_limit", "set_wired_limit",
        "clear_cache", "peak_memory_scope"]),
    ("graph_tools", "Graph tools", [
        "graph_stats", "GraphStats", "print_graph", "eval_log", "EvalRecord", "eval_guard",
        "ImplicitEvalError", "ImplicitEvalWarning", "GraphThresholdWarning",
        "set_graph_threshold"]),
    ("constants", "Constants", ["e", "pi", "inf", "nan", "euler_gamma", "newaxis"]),
]
SCHEDULERS = "mxgraph.optimizers.schedulers"


def _is_public(name, obj):
    if name.startswith("_") or isinstance(obj, types.ModuleType):
        return False
    return str(getattr(obj, "__module__", None) or "mxgraph").startswith("mxgraph")


def public_names(module):
    """The sorted public names of a module."""
    return sorted(n for n in dir(module) if _is_public(n, getattr(module, n)))


# MLX's namespaces of mlx.core; the extension's own submodules count too. Other modules
# (mxgraph.core.distributed_launch, an attribute once imported) are not API namespaces.
MLX_NAMESPACES = {"random", "distributed", "metal", "cuda", "fft", "linalg", "fast"}


def core_submodules():
    """mxgraph.core's namespaces (random, distributed, metal, cuda, and fft, linalg, fast
    when they exist), by short name, whatever else has been imported."""
    import mxgraph.core as mx

    return sorted(n for n in dir(mx) if isinstance(getattr(mx, n), types.ModuleType)
                  and (n in MLX_NAMESPACES or getattr(mx, n).__name__.startswith("mxgraph._core.")))


def _kind(obj):
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return "data"


def groups():
    """[(page, title, module, [(name, kind)])] for the whole public API, in MLX's order."""
    import mxgraph.core as mx
    import mxgraph.nn as nn
    import mxgraph.nn.init  # noqa: F401
    import mxgraph.nn.losses  # noqa: F401
    import mxgraph.optimizers as optim
    import mxgraph.utils as utils

    def entries(module, names):
        return [(n, _kind(getattr(module, n))) for n in names]

    out = []
    core = public_names(mx)
    placed = set()
    for page, title, names in CORE_GROUPS:
        names = [n for n in names if n in core]
        if page == "data_types":  # the dtype objects and categories themselves
            names += [n for n in core if isinstance(getattr(mx, n), (mx.Dtype, mx.DtypeCategory))]
        placed.update(names)
        out.append((page, title, "mxgraph.core", entries(mx, names)))
    ops = [n for n in core if n not in placed]
    out.insert(2, ("ops", "Operations", "mxgraph.core", entries(mx, ops)))
    for sub in core_submodules():
        m = getattr(mx, sub)
        title = {"cuda": "CUDA", "fft": "FFT", "linalg": "Linear algebra"}.get(sub, sub.capitalize())
        out.append((sub, title, f"mxgraph.core.{sub}", entries(m, public_names(m))))
    nn_names = public_names(nn)
    layers = [n for n in nn_names if inspect.isclass(getattr(nn, n)) and n != "Module"]
    funcs = [n for n in nn_names if n not in layers and n != "Module"]
    out += [("nn_module", "Module", "mxgraph.nn", entries(nn, ["Module"])),
            ("nn_layers", "Layers", "mxgraph.nn", entries(nn, layers)),
            ("nn_functions", "Functions", "mxgraph.nn", entries(nn, funcs)),
            ("nn_losses", "Loss functions", "mxgraph.nn.losses",
             entries(nn.losses, public_names(nn.losses))),
            ("nn_init", "Initializers", "mxgraph.nn.init", entries(nn.init, public_names(nn.init)))]
    opt_names = public_names(optim)
    sched = [n for n in opt_names if getattr(getattr(optim, n), "__module__", "") == SCHEDULERS]
    out += [("optimizers", "Optimizers", "mxgraph.optimizers",
             entries(optim, [n for n in opt_names if n not in sched])),
            ("schedulers", "Schedulers", "mxgraph.optimizers", entries(optim, sched)),
            ("utils", "Tree utilities", "mxgraph.utils", entries(utils, public_names(utils)))]
    return out


SECTIONS = [("Core", ["array", "data_types", "ops", "devices_and_streams", "transforms",
                      "export", "memory", "graph_tools", "constants"]),
            ("Neural networks", ["nn_module", "nn_layers", "nn_functions", "nn_losses", "nn_init"]),
            ("Optimizers", ["optimizers", "schedulers"]),
            ("Utilities", ["utils"])]
DIRECTIVE = {"class": "autoclass", "function": "autofunction", "data": "autodata"}


def page_text(title, module, entries):
    lines = [title, "=" * len(title), "", f".. currentmodule:: {module}", ""]
    if not entries:
        return "\n".join(lines + ["Nothing here yet.", ""])
    lines += [".. autosummary::", "   :nosignatures:", ""]
    lines += [f"   {n}" for n, _ in entries] + [""]
    for name, kind in entries:
        lines.append(f".. {DIRECTIVE[kind]}:: {name}")
        if kind == "class":
            lines.append("   :members:")
        lines.append("")
    return "\n".join(lines)


def write(folder):
    os.makedirs(folder, exist_ok=True)
    pages = groups()
    by_page = {p: (t, m, e) for p, t, m, e in pages}
    core_extra = [p for p, _, m, _ in pages if m.startswith("mxgraph.core.")]
    index = ["API reference", "=============", "",
             "Every public name of ``mxgraph.core``, ``mxgraph.nn``, ``mxgraph.optimizers`` "
             "and ``mxgraph.utils``, grouped like MLX's reference.", ""]
    for section, names in SECTIONS:
        if section == "Core":
            names = names + core_extra
        index += [f".. toctree::", f"   :caption: {section}", "   :maxdepth: 1", ""]
        index += [f"   {p}" for p in names] + [""]
        for p in names:
            with open(os.path.join(folder, p + ".rst"), "w") as f:
                f.write(page_text(*by_page[p]))
    with open(os.path.join(folder, "index.rst"), "w") as f:
        f.write("\n".join(index))
    return pages


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "docs", "api")
    pages = write(out)
    print(f"[api_reference] wrote {len(pages)} pages, {sum(len(e) for *_, e in pages)} names, to {out}")
