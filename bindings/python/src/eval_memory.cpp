// Python bindings: eval, async_eval, memory counters and the evaluation counters.
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

// Collects the arrays in nested lists / tuples / dicts, without recursion.
std::vector<array> collect_arrays(const py::args& args) {
  std::vector<array> out;
  std::vector<py::handle> stack(args.begin(), args.end());
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    py::handle h = stack.back();
    stack.pop_back();
    if (py::isinstance<array>(h)) {
      out.push_back(py::cast<array>(h));
    } else if (py::isinstance<py::list>(h) || py::isinstance<py::tuple>(h)) {
      auto seq = py::reinterpret_borrow<py::sequence>(h);
      for (ssize_t i = static_cast<ssize_t>(py::len(seq)) - 1; i >= 0; --i) stack.push_back(seq[i]);
    } else if (py::isinstance<py::dict>(h)) {
      std::vector<py::handle> vals;
      for (auto kv : py::reinterpret_borrow<py::dict>(h)) vals.push_back(kv.second);
      for (auto it = vals.rbegin(); it != vals.rend(); ++it) stack.push_back(*it);
    }
  }
  return out;
}

py::object eval_and_return(const py::args& args, EvalCause cause) {
  eval_nogil(collect_arrays(args), cause);
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
    auto arrays = collect_arrays(args);
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
