// Python bindings: the flat vjp / jvp / value_and_grad the Python layer builds on
// (mxgraph/core/_transforms.py turns trees into flat lists and back).
#include "convert.h"
#include "init.h"
#include "transform_utils.h"

namespace mxg::python {
namespace {

// What a Python function returned, as a list of arrays.
std::vector<array> to_array_list(const py::object& out, const char* op) {
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
}

// Calls a Python function of a list of arrays that returns a list of arrays.
ArrayFn wrap(const py::function& fun, const char* op) {
  return [fun, op](const std::vector<array>& xs) { return to_array_list(fun(py::cast(xs)), op); };
}

// A Python callable kept in a graph (a custom_function's rules), which may be
// released by a thread that does not hold the GIL.
using Held = std::shared_ptr<py::object>;
Held hold(const py::object& f) {
  return Held(new py::object(f), [](py::object* p) {
    if (!Py_IsInitialized()) return; // interpreter gone: nothing to release into
    py::gil_scoped_acquire gil;
    delete p;
  });
}

ArrayFn wrap_held(Held fun, const char* op) {
  return [fun, op](const std::vector<array>& xs) {
    py::gil_scoped_acquire gil;
    return to_array_list((*fun)(py::cast(xs)), op);
  };
}

} // namespace

void init_transforms(py::module_& m) {
  m.def("_vmap_flat", [](const py::function& fun, const std::vector<array>& args,
                         const std::vector<std::optional<int>>& in_axes) {
    std::vector<int> axes;
    for (const auto& a : in_axes) axes.push_back(a ? *a : kUnmapped);
    // (outputs, batched): batched outputs carry the batch on axis 0; Python places it.
    return detail::vmap_flat(wrap(fun, "vmap"), axes, args);
  });
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
  // custom_function / checkpoint over flat lists: vjp(primals, cotangents, outputs)
  // and jvp(primals, tangents, argnums) return lists of arrays; None means "not given".
  m.def("_custom_flat", [](const py::function& fun, const py::object& vjp_fn,
                           const py::object& jvp_fn, const std::vector<array>& inputs,
                           const std::string& name) {
    const char* op = name == "checkpoint" ? "checkpoint" : "custom_function";
    ArrayFn f = wrap_held(hold(fun), op);
    if (name == "checkpoint") return checkpoint(f)(inputs);
    CustomVjpFn v;
    CustomJvpFn j;
    if (!vjp_fn.is_none()) {
      v = [h = hold(vjp_fn), op](const std::vector<array>& primals,
                                const std::vector<array>& cotangents,
                                const std::vector<array>& outputs) {
        py::gil_scoped_acquire gil;
        return to_array_list((*h)(py::cast(primals), py::cast(cotangents), py::cast(outputs)), op);
      };
    }
    if (!jvp_fn.is_none()) {
      j = [h = hold(jvp_fn), op](const std::vector<array>& primals,
                                const std::vector<array>& tangents,
                                const std::vector<int>& argnums) {
        py::gil_scoped_acquire gil;
        return to_array_list((*h)(py::cast(primals), py::cast(tangents), py::cast(argnums)), op);
      };
    }
    return custom_function(f, v, j)(inputs);
  });
}

} // namespace mxg::python
