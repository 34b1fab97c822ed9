// Python bindings: eval, async_eval, memory counters and the evaluation counters.
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

// The arrays in the arguments (arrays or nested lists, tuples and dicts of them).
std::vector<array> arrays_in(const py::args& args) {
  std::vector<array> out;
  for (auto a : args) collect_arrays(a, out);
  return out;
}

py::object eval_and_return(const py::args& args, EvalCause cause) {
  eval_nogil(arrays_in(args), cause);
  if (args.size() == 0) return py::none();
  if (args.size() == 1) return args[0];
  return args;
}

} // namespace

void init_eval_memory(py::module_& m) {
  m.def("eval", [](const py::args& args) { return eval_and_return(args, EvalCause::explicit_eval); },
        "Evaluates the arrays in the arguments (arrays or nested lists, tuples and dicts of "
        "them) in one pass and returns the arguments: one argument as itself, several as a tuple.");
  m.def("async_eval", [](const py::args& args) {
    auto arrays = arrays_in(args);
    py::gil_scoped_release r;
    async_eval(arrays);
  }, "Starts evaluating the arrays in the arguments.");

  m.def("get_active_memory", &get_active_memory);
  m.def("get_peak_memory", &get_peak_memory);
  m.def("get_memory_limit", &get_memory_limit);
  m.def("reset_peak_memory", &reset_peak_memory);
  m.def("get_cache_memory", &get_cache_memory);
  m.def("clear_cache", &clear_cache);
  m.def("set_memory_limit", [](size_t limit) { return set_memory_limit(limit); }, py::arg("limit"));
  m.def("set_cache_limit", [](size_t limit) { return set_cache_limit(limit); }, py::arg("limit"));
  m.def("set_wired_limit", [](size_t) { return size_t(0); }, py::arg("limit"),
        "No wired memory on the CPU; kept for MLX compatibility and returns 0.");

  m.def("_eval_counters", [] {
    auto c = eval_counters();
    py::dict d;
    d["evals"] = c.evals;
    d["nodes_run"] = c.nodes_run;
    py::dict by;
    for (int i = 0; i < kNumEvalCauses; ++i) by[eval_cause_name(static_cast<EvalCause>(i))] = c.by_cause[i];
    d["by_cause"] = by;
    return d;
  }, "Evaluation counters: calls with pending work, primitives run, calls per cause.");
  m.def("_reset_eval_counters", &reset_eval_counters);
}

} // namespace mxg::python
