// The extension module mxgraph._core.
#include "convert.h"
#include "docs.h"
#include "init.h"
#include "mxgraph/version.h"
#include "ops/utils.h"

PYBIND11_MODULE(_core, m) {
  using namespace mxg::python;
  m.doc() = "mxgraph: lazy arrays with MLX's API (native core).";
  m.attr("__version__") = MXGRAPH_VERSION_STRING;
  // An axis out of range is both ValueError (mxgraph's rule) and IndexError (MLX's type).
  py::tuple axis_bases = py::make_tuple(py::handle(PyExc_ValueError), py::handle(PyExc_IndexError));
  static PyObject* axis_error = PyErr_NewException("mxgraph.core.AxisError", axis_bases.ptr(), nullptr);
  m.attr("_AxisError") = py::handle(axis_error);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const mxg::axis_error& e) {
      PyErr_SetString(axis_error, e.what());
    } catch (const mxg::type_error& e) {
      PyErr_SetString(PyExc_TypeError, e.what());
    } catch (const mxg::out_of_memory& e) {
      PyErr_SetString(PyExc_MemoryError, e.what());
    }
  });
  init_dtype_device(m);
  init_array(m);
  init_eval_memory(m);
  init_ops_elementwise(m);
  init_ops_creation(m);
  init_ops_shape(m);
  init_ops_indexing(m);
  init_ops_reduction(m);
  init_ops_linalg(m);
  init_ops_sort(m);
  init_random(m);
  init_fft(m);
  init_io(m);
  init_transforms(m);
  init_ops_misc(m);
  init_graph(m);
  init_export(m);
  init_eval_log(m);
  init_compile(m);
  init_distributed(m);
  init_cli(m);
  init_dlpack(m);
  init_linalg(m);
  // Last: the docstring tables replace the one-liners of every name defined above.
  apply_docs(m);
}
