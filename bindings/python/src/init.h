// One init function per binding file; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace mxg::python {

void init_dtype_device(py::module_& m);
void init_array(py::module_& m);
void init_eval_memory(py::module_& m);
void init_ops_elementwise(py::module_& m);
void init_ops_creation(py::module_& m);
void init_ops_shape(py::module_& m);
void init_ops_indexing(py::module_& m);
void init_ops_reduction(py::module_& m);
void init_ops_linalg(py::module_& m);
void init_ops_sort(py::module_& m);
void init_random(py::module_& m);
void init_fft(py::module_& m);
void init_io(py::module_& m);
void init_transforms(py::module_& m);
void init_ops_misc(py::module_& m);
void init_graph(py::module_& m);
void init_export(py::module_& m);
void init_eval_log(py::module_& m);
void init_compile(py::module_& m);
void init_distributed(py::module_& m);
void init_cli(py::module_& m);
void init_dlpack(py::module_& m);
void init_linalg(py::module_& m);

} // namespace mxg::python
