// Python bindings: the DLPack capsule protocol (array.__dlpack__,
// array.__dlpack_device__, mx.from_dlpack), zero copy both ways.
#include "dlpack.h"

#include "convert.h"
#include "cpu/slicing.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

namespace dl = dlpack;

dl::DataType to_dl(Dtype t) {
  uint8_t bits = static_cast<uint8_t>(size_of(t) * 8);
  if (t == bool_) return {dl::kDLBool, 8, 1};
  if (t == bfloat16) return {dl::kDLBfloat, 16, 1};
  if (is_unsigned(t)) return {dl::kDLUInt, bits, 1};
  if (is_signed_int(t)) return {dl::kDLInt, bits, 1};
  if (is_complex(t)) return {dl::kDLComplex, bits, 1};
  return {dl::kDLFloat, bits, 1};
}

// The array itself keeps its buffer alive for as long as the consumer holds it.
struct Exported {
  array a;
  std::vector<int64_t> shape, strides;
  dl::ManagedTensor legacy{};
  dl::ManagedTensorVersioned versioned{};
};

void delete_legacy(dl::ManagedTensor* m) { delete static_cast<Exported*>(m->manager_ctx); }
void delete_versioned(dl::ManagedTensorVersioned* m) { delete static_cast<Exported*>(m->manager_ctx); }

// Capsules nobody consumed still own their tensor.
void capsule_legacy(PyObject* cap) {
  if (PyCapsule_IsValid(cap, "dltensor")) {
    auto* m = static_cast<dl::ManagedTensor*>(PyCapsule_GetPointer(cap, "dltensor"));
    m->deleter(m);
  }
}
void capsule_versioned(PyObject* cap) {
  if (PyCapsule_IsValid(cap, "dltensor_versioned")) {
    auto* m = static_cast<dl::ManagedTensorVersioned*>(PyCapsule_GetPointer(cap, "dltensor_versioned"));
    m->deleter(m);
  }
}

// A row-major copy of an evaluated array.
array dense_copy(const array& a) {
  array out = array::empty_like(a.shape(), a.dtype());
  out.set_data(allocate(static_cast<size_t>(std::max<int64_t>(a.nbytes(), 1))));
  copy_elements(a.raw_data(), a.strides(), out.raw_data(), out.strides(), a.shape(), a.itemsize());
  return out;
}

bool wants_versioned(const py::object& max_version) {
  if (max_version.is_none()) return false;
  auto v = py::cast<py::tuple>(max_version);
  return v.size() >= 1 && py::cast<int>(v[0]) >= 1;
}

py::object export_dlpack(array& a, const py::object& max_version, const py::object& dl_device,
                         const py::object& copy) {
  if (!dl_device.is_none()) {
    auto d = py::cast<py::tuple>(dl_device);
    if (d.size() != 2 || py::cast<int>(d[0]) != dl::kDLCPU) {
      throw py::buffer_error("[__dlpack__] Arrays can only be exported to the CPU (device type 1).");
    }
  }
  eval_nogil({a}, EvalCause::buffer);
  array src = (!copy.is_none() && py::cast<bool>(copy)) ? dense_copy(a) : a;
  auto* e = new Exported{src, {src.shape().begin(), src.shape().end()}, src.strides()};
  dl::Tensor t{src.raw_data(), {dl::kDLCPU, 0}, src.ndim(), to_dl(src.dtype()), e->shape.data(),
               e->strides.data(), 0};
  if (wants_versioned(max_version)) {
    // Evaluated arrays are shared and never written, so consumers get them read-only.
    e->versioned = {{1, 0}, e, &delete_versioned, dl::kFlagReadOnly, t};
    return py::reinterpret_steal<py::object>(PyCapsule_New(&e->versioned, "dltensor_versioned", &capsule_versioned));
  }
  e->legacy = {t, e, &delete_legacy};
  return py::reinterpret_steal<py::object>(PyCapsule_New(&e->legacy, "dltensor", &capsule_legacy));
}

Dtype from_dl(const dl::DataType& t) {
  auto bad = [&] {
    return type_error("[from_dlpack] Unsupported DLPack dtype (code " + std::to_string(t.code) + ", " +
                      std::to_string(t.bits) + " bits, " + std::to_string(t.lanes) + " lanes).");
  };
  if (t.lanes != 1) throw bad();
  switch (t.code) {
    case dl::kDLBool: if (t.bits == 8) return bool_; break;
    case dl::kDLBfloat: if (t.bits == 16) return bfloat16; break;
    case dl::kDLUInt:
      if (t.bits == 8) return uint8; if (t.bits == 16) return uint16;
      if (t.bits == 32) return uint32; if (t.bits == 64) return uint64; break;
    case dl::kDLInt:
      if (t.bits == 8) return int8; if (t.bits == 16) return int16;
      if (t.bits == 32) return int32; if (t.bits == 64) return int64; break;
    case dl::kDLFloat:
      if (t.bits == 16) return float16; if (t.bits == 32) return float32;
      if (t.bits == 64) return float64; break;
    case dl::kDLComplex:
      if (t.bits == 64) return complex64; if (t.bits == 128) return float64; // pairs, narrowed below
      break;
  }
  throw bad();
}

// Takes the tensor out of a capsule; the returned buffer runs the producer's deleter.
std::pair<dl::Tensor, std::shared_ptr<Buffer>> consume(const py::object& cap) {
  PyObject* c = cap.ptr();
  if (PyCapsule_IsValid(c, "dltensor_versioned")) {
    auto* m = static_cast<dl::ManagedTensorVersioned*>(PyCapsule_GetPointer(c, "dltensor_versioned"));
    if (m->version.major > 1) throw std::invalid_argument("[from_dlpack] DLPack version is newer than 1.x.");
    PyCapsule_SetName(c, "used_dltensor_versioned");
    auto buf = wrap_buffer(m, 0, [m](void*) {
      if (!Py_IsInitialized()) return;
      py::gil_scoped_acquire gil;
      if (m->deleter) m->deleter(m);
    });
    return {m->dl_tensor, buf};
  }
  if (PyCapsule_IsValid(c, "dltensor")) {
    auto* m = static_cast<dl::ManagedTensor*>(PyCapsule_GetPointer(c, "dltensor"));
    PyCapsule_SetName(c, "used_dltensor");
    auto buf = wrap_buffer(m, 0, [m](void*) {
      if (!Py_IsInitialized()) return;
      py::gil_scoped_acquire gil;
      if (m->deleter) m->deleter(m);
    });
    return {m->dl_tensor, buf};
  }
  throw type_error("[from_dlpack] __dlpack__ did not return a DLPack capsule.");
}

py::object call_dlpack(const py::object& x) {
  try {
    return x.attr("__dlpack__")(py::arg("max_version") = py::make_tuple(1, 0));
  } catch (py::error_already_set& err) {
    if (!err.matches(PyExc_TypeError)) throw;
  }
  return x.attr("__dlpack__")(); // a producer older than DLPack 1.0
}

} // namespace

array import_dlpack(const py::object& x, const py::object& copy, bool narrow64) {
  if (is_array(x)) return py::cast<array>(x);
  if (!py::hasattr(x, "__dlpack__")) {
    throw type_error("[from_dlpack] Expected an object with __dlpack__, got " +
                     std::string(py::str(py::type::handle_of(x).attr("__name__"))) + ".");
  }
  if (py::hasattr(x, "__dlpack_device__")) {
    auto dev = py::cast<py::tuple>(x.attr("__dlpack_device__")());
    if (py::cast<int>(dev[0]) != dl::kDLCPU) {
      throw std::invalid_argument("[from_dlpack] Only CPU tensors can be imported; got device type " +
                                  std::string(py::str(dev[0])) + ".");
    }
  }
  auto [t, owner] = consume(call_dlpack(x));
  if (t.device.device_type != dl::kDLCPU) {
    throw std::invalid_argument("[from_dlpack] Only CPU tensors can be imported.");
  }
  Dtype dt = from_dl(t.dtype);
  bool pairs = t.dtype.code == dl::kDLComplex && t.dtype.bits == 128;
  Shape shape(t.shape, t.shape + t.ndim);
  Strides strides = t.strides ? Strides(t.strides, t.strides + t.ndim) : row_strides(shape);
  if (pairs) { // complex128 as float64 (re, im) pairs
    for (auto& s : strides) s *= 2;
    shape.push_back(2), strides.push_back(1);
  }
  // A view over the producer's memory; the buffer's deleter releases the producer.
  char* first = static_cast<char*>(t.data) + t.byte_offset;
  array base(wrap_buffer(first, 0, [owner](void*) {}), Shape{}, dt);
  array view = array::empty_like(shape, dt);
  if (shape_size(shape, "from_dlpack") == 0) {
    view.set_data(allocate(1));
  } else {
    make_view(view, base, strides, 0);
  }
  bool narrow = pairs || (narrow64 && dt == float64); // MLX makes float32 (complex64) from float64 (complex128)
  bool want_copy = !copy.is_none() && py::cast<bool>(copy);
  if (narrow && !copy.is_none() && !want_copy) {
    throw std::invalid_argument("[from_dlpack] A float64 or complex128 tensor becomes float32 or complex64, which needs a copy; pass copy=None.");
  }
  if (!narrow) return want_copy ? dense_copy(view) : view;
  array d = dense_copy(view);
  array out = array::empty_like(pairs ? Shape(shape.begin(), shape.end() - 1) : shape, pairs ? complex64 : float32);
  out.set_data(allocate(static_cast<size_t>(std::max<int64_t>(out.nbytes(), 1))));
  convert_elements(d.raw_data(), float64, out.raw_data(), float32, d.size());
  return out;
}

void init_dlpack(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  // `stream` is accepted and ignored: CPU memory needs no synchronisation.
  cls.def("__dlpack__", [](array& a, const py::object&, const py::object& max_version,
                           const py::object& dl_device, const py::object& copy) {
    return export_dlpack(a, max_version, dl_device, copy);
  }, py::kw_only(), py::arg("stream") = py::none(),
          py::arg("max_version") = py::none(), py::arg("dl_device") = py::none(),
          py::arg("copy") = py::none(), "A DLPack capsule over the evaluated array's memory (no copy).");
  cls.def("__dlpack_device__", [](const array&) { return py::make_tuple(1, 0); });
  m.def("from_dlpack", [](const py::object& x, const py::object& copy) { return import_dlpack(x, copy, true); },
        py::arg("x"), py::kw_only(), py::arg("copy") = py::none(),
        "An array sharing the memory of a DLPack producer (NumPy, PyTorch, ...).");
}

} // namespace mxg::python
