// Conversions between Python objects and arrays, shared by every binding file.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "mxgraph/mxgraph.h"

namespace py = pybind11;

namespace mxg::python {

/// An array from any array-like: an array, a Python scalar, a (nested) list or
/// tuple, a NumPy array or an object with the buffer protocol. Python floats and
/// NumPy float64 become float32 unless `dtype` is given.
array to_array(const py::handle& obj, std::optional<Dtype> dtype = std::nullopt);

/// Converts an operand of a binary op. Python scalars are weak: they take the
/// dtype of `other` when that keeps their kind (see weak_scalar).
array to_array_weak(const py::handle& obj, const py::handle& other);
/// Both operands of a binary op with weak-scalar rules.
std::pair<array, array> to_arrays(const py::handle& a, const py::handle& b);

/// True for mxgraph arrays (a cached type check, unlike py::isinstance<array>).
bool is_array(const py::handle& obj);

/// True for Python bool/int/float/complex and NumPy scalars.
bool is_python_scalar(const py::handle& obj);
/// A Python integer as int64; OverflowError "[op] ..." when it does not fit.
int64_t to_int64(const py::handle& obj, const char* op);

/// The `stream=` argument: None, a Device or a Stream.
StreamOrDevice to_stream_or_device(const py::object& obj);

/// An optional int or list of ints, as for `axis=`.
std::optional<std::vector<int>> to_axes(const py::object& obj, const char* op);

/// The type of mx.random.state: a one-element, list-like view of the calling
/// thread's key (collect_arrays reads the key through it).
struct RandomStateView {};

/// Appends the arrays found in `obj` (an array or nested lists/tuples/dicts of
/// them) to `out`, in order, without recursion. Other leaves are skipped, or raise
/// TypeError naming `op` when `strict`.
void collect_arrays(const py::handle& obj, std::vector<array>& out, const char* op = nullptr,
                    bool strict = false);

/// An array over a DLPack producer's memory (copied when `copy` is True). With
/// `narrow64`, float64/complex128 become float32/complex64 (a copy), as in MLX.
array import_dlpack(const py::object& x, const py::object& copy, bool narrow64);

/// Evaluates with the GIL released.
void eval_nogil(const std::vector<array>& arrays, EvalCause cause);

/// A NumPy array copy of `a` (evaluates, cause numpy unless given).
py::array to_numpy(array a, EvalCause cause = EvalCause::numpy);

/// The nested Python lists / scalar for `a` (evaluates).
py::object to_list(array a);

/// The Python scalar for a single element.
py::object item(array a, EvalCause cause = EvalCause::item);

} // namespace mxg::python
