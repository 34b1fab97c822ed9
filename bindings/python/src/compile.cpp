// Python bindings for compile over flat lists of arrays (mxgraph/core/_compile.py
// handles trees, constants and captured state).
#include "convert.h"
#include "init.h"
#include "mxgraph/compile.h"

namespace mxg::python {
namespace {

// A Python function of a list of arrays returning an array or a list of arrays.
ArrayFn wrap_list_fn(const py::function& fun) {
  return [fun](const std::vector<array>& xs) {
    py::object out = fun(py::cast(xs));
    if (py::isinstance<array>(out)) return std::vector<array>{py::cast<array>(out)};
    return py::cast<std::vector<array>>(out);
  };
}

py::dict stats_dict(const CompileStats& s) {
  py::dict d;
  d["nodes_traced"] = s.nodes_traced;
  d["after_constants"] = s.after_constants;
  d["after_noops"] = s.after_noops;
  d["after_cse"] = s.after_cse;
  d["after_fusion"] = s.after_fusion;
  d["fused_kernels"] = s.fused_kernels;
  d["constants"] = s.constants;
  return d;
}

} // namespace

void init_compile(py::module_& m) {
  m.def("_compile_flat", [](const py::function& fun, bool shapeless) {
    CompileOptions opt;
    opt.shapeless = shapeless;
    ArrayFn f = compile(wrap_list_fn(fun), opt);
    return py::cpp_function([f](const std::vector<array>& xs) { return f(xs); });
  });
  m.def("disable_compile", &disable_compile,
        "Makes compiled functions run their plain function (process-wide).");
  m.def("enable_compile", &enable_compile, "Undoes disable_compile().");
  m.def("_compile_enabled", &compile_enabled);
  m.def("_compile_counters", [] {
    auto c = compile_counters();
    py::dict d;
    d["traces"] = c.traces;
    d["hits"] = c.hits;
    d["plain_calls"] = c.plain_calls;
    return d;
  });
  m.def("_reset_compile_counters", &reset_compile_counters);
  m.def("_compile_inspect", [](const py::function& fun, const std::vector<array>& inputs, bool simplify,
                               bool fuse) {
    CompileOptions opt;
    opt.simplify = simplify;
    opt.fuse = fuse;
    auto [stats, text] = compile_inspect(wrap_list_fn(fun), inputs, opt);
    return py::make_tuple(stats_dict(stats), text);
  });
}

} // namespace mxg::python
