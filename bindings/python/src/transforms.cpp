// Python bindings: the flat vjp / jvp / value_and_grad the Python layer builds on
// (mxgraph/core/_transforms.py turns trees into flat lists and back).
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

// Calls a Python function of a list of arrays that returns a list of arrays.
ArrayFn wrap(const py::function& fun, const char* op) {
  return [fun, op](const std::vector<array>& xs) {
    py::object out = fun(py::cast(xs));
    std::vector<array> outs;
    if (py::isinstance<array>(out)) {
      outs.push_back(py::cast<array>(out));
      return outs;
    }
    if (!py::isinstance<py::list>(out) && !py::isinstance<py::tuple>(out)) {
      throw type_error(std::string("[") + op + "] The function must return an array or a list/tuple of arrays.");
    }
    for (auto o : out) {
      if (!py::isinstance<array>(o)) {
        throw type_error(std::string("[") + op + "] The function returned a " +
                         std::string(py::str(py::type::handle_of(o).attr("__name__"))) +
                         " where an array was expected.");
      }
      outs.push_back(py::cast<array>(o));
    }
    return outs;
  };
}

} // namespace

void init_transforms(py::module_& m) {
  m.def("_vjp_flat", [](const py::function& fun, const std::vector<array>& primals,
                        const std::vector<array>& cotangents) {
    return vjp(wrap(fun, "vjp"), primals, cotangents);
  });
  m.def("_jvp_flat", [](const py::function& fun, const std::vector<array>& primals,
                        const std::vector<array>& tangents) {
    return jvp(wrap(fun, "jvp"), primals, tangents);
  });
  m.def("_value_and_grad_flat", [](const py::function& fun, const std::vector<array>& primals) {
    std::vector<int> argnums(primals.size());
    for (size_t i = 0; i < primals.size(); ++i) argnums[i] = static_cast<int>(i);
    return value_and_grad(wrap(fun, "value_and_grad"), argnums)(primals);
  });
}

} // namespace mxg::python
