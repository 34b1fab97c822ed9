// Python bindings: the evaluation log, implicit-evaluation guards, the graph-size
// threshold. The Python side (mxgraph/core/_evallog.py) holds the scopes; this file
// supplies the Python call site and forwards reports to a Python callback.

#include "convert.h"  // Python.h first: it declares the frame API
#include "init.h"
#include "mxgraph/eval_log.h"
#include "mxgraph/settings.h"

namespace mxg::python {
namespace {

std::string g_package_dir;      // frames under it are the library's, not the user's
py::object* g_notify = nullptr; // leaked on purpose: it may run during interpreter exit

// "file:line" of the innermost Python frame outside the mxgraph package.
std::string python_call_site() {
  if (!Py_IsInitialized()) return {};
  py::gil_scoped_acquire gil;
  PyFrameObject* f = PyEval_GetFrame();
  Py_XINCREF(f);
  std::string out;
  while (f) {
    PyCodeObject* code = PyFrame_GetCode(f);
    std::string file = py::cast<std::string>(py::handle(code->co_filename));
    Py_DECREF(code);
    if (g_package_dir.empty() || file.compare(0, g_package_dir.size(), g_package_dir) != 0) {
      out = file + ":" + std::to_string(PyFrame_GetLineNumber(f));
      Py_DECREF(f);
      break;
    }
    PyFrameObject* back = PyFrame_GetBack(f);
    Py_DECREF(f);
    f = back;
  }
  return out;
}

void notify(EvalPolicy policy, const std::string& msg, const std::string& site) {
  if (!g_notify || !Py_IsInitialized()) return;
  py::gil_scoped_acquire gil;
  (*g_notify)(static_cast<int>(policy), msg, site);
}

const char* policy_name(EvalPolicy p) {
  static const char* names[] = {"allow", "log", "warn", "raise"};
  return names[static_cast<int>(p)];
}

} // namespace

void init_eval_log(py::module_& m) {
  py::register_exception<implicit_eval_error>(m, "ImplicitEvalError", PyExc_RuntimeError);

  m.def("_set_eval_hooks", [](const py::object& callback, const std::string& package_dir) {
    if (!g_notify) g_notify = new py::object();
    *g_notify = callback;
    g_package_dir = package_dir;
    set_eval_hooks({python_call_site, notify});
  }, py::arg("callback"), py::arg("package_dir"));
  m.def("_eval_log_begin", [] { eval_log_begin(); });
  m.def("_eval_log_end", [] { eval_log_end(); });
  m.def("_eval_log_size", [] { return eval_log_size(); });
  m.def("_eval_log_records", [](size_t from) {
    py::list out;
    for (const auto& r : eval_log_records(from)) {
      out.append(py::make_tuple(eval_cause_name(r.cause), is_implicit(r.cause), r.call_site,
                                r.nodes_run, r.bytes_allocated, r.wall_ns));
    }
    return out;
  }, py::arg("start") = 0);
  m.def("_eval_log_summary", [](const std::vector<std::pair<std::string, std::string>>& records) {
    std::vector<EvalRecord> rs;
    for (const auto& [cause, site] : records) {
      EvalRecord r;
      r.cause = eval_cause_from_name(cause);
      r.call_site = site;
      rs.push_back(std::move(r));
    }
    return eval_log_summary(rs);
  }, py::arg("records"));
  m.def("_settings_errors", [] { return detail::eval_settings_errors(); });
  m.def("_settings", [] {
    py::list out;
    for (const auto& s : settings_table()) {
      out.append(py::make_tuple(s.env, s.type, s.default_value, s.doc));
    }
    return out;
  });
  m.def("_set_implicit_eval_policy", [](const std::string& p) {
    return policy_name(set_implicit_eval_policy(parse_eval_policy(p)));
  }, py::arg("policy"));
  m.def("_set_graph_threshold", [](int64_t nodes, int64_t bytes, const std::string& action) {
    set_graph_threshold(nodes, bytes, parse_threshold_action(action));
  }, py::arg("nodes"), py::arg("bytes"), py::arg("action"));
}

} // namespace mxg::python
