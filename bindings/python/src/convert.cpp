#include "convert.h"

#include <pybind11/complex.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "cpu/strided.h"
#include "interrupt.h"
#include "ops/utils.h"

namespace mxg::python {

// py::isinstance<array> and py::cast<const array&> look the type up by name in a
// hash map on every call, and an operator asks four to six times per op; so the
// type object is cached and the value is read from the instance.
bool is_array(const py::handle& h) {
  static PyTypeObject* type = reinterpret_cast<PyTypeObject*>(py::type::of<array>().ptr());
  return PyObject_TypeCheck(h.ptr(), type);
}

namespace {

enum class Kind { Bool = 0, Int = 1, Float = 2, Complex = 3 };

// Only for objects that passed is_array().
const array& array_of(const py::handle& h) {
  auto* inst = reinterpret_cast<py::detail::instance*>(h.ptr());
  if (inst->simple_layout && inst->simple_value_holder[0]) {
    return *static_cast<const array*>(inst->simple_value_holder[0]);
  }
  return py::cast<const array&>(h);
}

Dtype dtype_from_numpy(const py::dtype& dt) {
  char kind = dt.kind();
  ssize_t size = dt.itemsize();
  switch (kind) {
    case 'b': return bool_;
    case 'u': return size == 1 ? uint8 : size == 2 ? uint16 : size == 4 ? uint32 : uint64;
    case 'i': return size == 1 ? int8 : size == 2 ? int16 : size == 4 ? int32 : int64;
    case 'f':
      if (size == 2) return float16;
      if (size == 4) return float32;
      if (size == 8) return float64;
      break;
    case 'c':
      if (size == 8 || size == 16) return complex64;
      break;
  }
  throw type_error("[array] Unsupported NumPy dtype " + std::string(py::str(dt)) + ".");
}

array from_numpy(py::array arr, std::optional<Dtype> dtype) {
  Dtype src = dtype_from_numpy(arr.dtype());
  // float64 input becomes float32 unless asked for; complex128 always narrows.
  Dtype target = dtype ? *dtype : (src == float64 ? float32 : src);
  if (arr.dtype().kind() == 'c' && arr.dtype().itemsize() == 16) {
    arr = py::array::ensure(arr.attr("astype")("complex64"));
  }
  py::array c = py::array::ensure(arr, py::array::c_style | py::array::forcecast);
  Shape shape(c.shape(), c.shape() + c.ndim());
  array out = array::empty_like(shape, target);
  out.set_data(allocate(static_cast<size_t>(std::max<int64_t>(out.nbytes(), 1))));
  convert_elements(c.data(), src, out.raw_data(), target, out.size());
  return out;
}

struct ListScan {
  Shape shape;
  Kind kind = Kind::Bool;
  bool has_array = false;
  bool big_int = false;
};

void scan_list(const py::handle& obj, size_t depth, ListScan& s) {
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) {
    auto seq = py::reinterpret_borrow<py::sequence>(obj);
    int64_t n = static_cast<int64_t>(py::len(seq));
    if (depth == s.shape.size()) {
      s.shape.push_back(n);
    } else if (depth > s.shape.size() || s.shape[depth] != n) {
      throw std::invalid_argument("[array] Initialization encountered non-uniform length.");
    }
    if (depth > 64) throw std::invalid_argument("[array] Lists nested too deeply.");
    for (auto item : seq) scan_list(item, depth + 1, s);
    return;
  }
  if (depth != s.shape.size()) {
    throw std::invalid_argument("[array] Initialization encountered non-uniform length.");
  }
  if (is_array(obj)) {
    s.has_array = true;
  } else if (py::isinstance<py::bool_>(obj)) {
  } else if (py::isinstance<py::int_>(obj)) {
    s.kind = std::max(s.kind, Kind::Int);
    long long v = 0;
    int overflow = 0;
    v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
    if (overflow || v > INT32_MAX || v < INT32_MIN) s.big_int = true;
  } else if (py::isinstance<py::float_>(obj)) {
    s.kind = std::max(s.kind, Kind::Float);
  } else if (PyComplex_Check(obj.ptr())) {
    s.kind = Kind::Complex;
  } else if (py::isinstance<py::array>(obj) || py::hasattr(obj, "__array__")) {
    s.has_array = true;
  } else {
    throw type_error("[array] Cannot convert an element of type " +
                     std::string(py::str(py::type::handle_of(obj).attr("__name__"))) + " to an array.");
  }
}

template <typename T>
void fill_list(const py::handle& obj, T*& out) {
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) {
    for (auto item : py::reinterpret_borrow<py::sequence>(obj)) fill_list(item, out);
    return;
  }
  if constexpr (std::is_same_v<T, complex64_t>) {
    *out++ = py::cast<std::complex<double>>(obj);
  } else if constexpr (std::is_same_v<T, double>) {
    *out++ = py::cast<double>(obj);
  } else if constexpr (std::is_same_v<T, bool>) {
    *out++ = py::cast<bool>(obj);
  } else {
    *out++ = py::cast<int64_t>(obj);
  }
}

array from_list(const py::handle& obj, std::optional<Dtype> dtype) {
  ListScan s;
  scan_list(obj, 0, s);
  if (s.has_array) {
    std::vector<array> items;
    for (auto item : py::reinterpret_borrow<py::sequence>(obj)) items.push_back(to_array(item, dtype));
    return stack(items, 0);
  }
  Dtype def = s.kind == Kind::Bool      ? bool_
              : s.kind == Kind::Int     ? (s.big_int ? int64 : int32)
              : s.kind == Kind::Float   ? float32
                                        : complex64;
  int64_t n = shape_size(s.shape, "array");
  if (n == 0) def = float32; // MLX: an empty list makes a float32 array
  Dtype target = dtype ? *dtype : def;
  array out = array::empty_like(s.shape, target);
  out.set_data(allocate(static_cast<size_t>(std::max<int64_t>(out.nbytes(), 1))));
  auto fill_as = [&](auto tag, Dtype src) {
    using T = decltype(tag);
    std::vector<T> tmp(static_cast<size_t>(n));
    T* p = tmp.data();
    fill_list<T>(obj, p);
    convert_elements(tmp.data(), src, out.raw_data(), target, n);
  };
  switch (s.kind) {
    case Kind::Bool: {
      std::vector<uint8_t> tmp(static_cast<size_t>(n));
      bool* p = reinterpret_cast<bool*>(tmp.data());
      fill_list<bool>(obj, p);
      convert_elements(tmp.data(), bool_, out.raw_data(), target, n);
      break;
    }
    case Kind::Int: fill_as(int64_t{}, int64); break;
    case Kind::Float: fill_as(double{}, float64); break;
    case Kind::Complex: fill_as(complex64_t{}, complex64); break;
  }
  return out;
}

// Ctrl-C during an evaluation: eval() runs with the GIL released and calls this between
// nodes; on the main thread (the only one Python delivers signals to) it runs the
// pending signal handlers, and a KeyboardInterrupt they raise stops the evaluation.
const std::thread::id g_import_thread = std::this_thread::get_id();

void check_signals() {
  if (std::this_thread::get_id() != g_import_thread) return;
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

const bool g_interrupt_installed = (set_interrupt_check(&check_signals), true);

// Evaluations run one at a time, and the running one may need the GIL (the check
// above, eval log callbacks): a thread holding it waits for its turn without it.
void wait_without_gil(void (*wait)(void*), void* ctx) {
  if (PyGILState_Check()) {
    py::gil_scoped_release release;
    wait(ctx);
  } else {
    wait(ctx);
  }
}

const bool g_wait_hook_installed = (set_eval_wait_hook(&wait_without_gil), true);

// Python constants repeat (x * 1.0001 in a loop): a small per-thread, direct-mapped
// cache hands out one evaluated scalar per (value, dtype) instead of a new array and
// buffer per op. Sharing is safe: evaluated arrays are never written, and the cache's
// reference keeps them from being donated. Their 16 bytes are malloc'd outside the
// counted allocator, so cached constants never show in get_active_memory().
template <typename V>
array cached_weak_scalar(V v, Dtype other) {
  struct Entry {
    V value;
    Dtype other;
    std::optional<array> a;
  };
  constexpr size_t kEntries = 64;
  thread_local std::vector<Entry> cache(kEntries, Entry{V{}, bool_, std::nullopt});
  uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof(V));
  size_t h = ((bits ^ (bits >> 29)) * 0x9E3779B97F4A7C15ull ^ static_cast<size_t>(other)) % kEntries;
  Entry& e = cache[h];
  if (e.a && e.other == other && std::memcmp(&e.value, &v, sizeof(V)) == 0) return *e.a;
  array fresh = weak_scalar(v, other); // the dtype rule lives there
  void* p = std::malloc(16);
  if (!p) throw std::bad_alloc();
  std::memcpy(p, fresh.raw_data(), fresh.itemsize());
  array shared(wrap_buffer(p, 16, [](void* q) { std::free(q); }), {}, fresh.dtype());
  e = Entry{v, other, shared};
  return shared;
}

// A Python int taking an integer array's dtype must fit it, as in MLX: int8 + 300
// would otherwise wrap silently.
void check_weak_int(long long v, Dtype d) {
  if (!is_integral(d) || d == bool_ || d == int64) return;
  bool fits = true;
  if (d == uint64) {
    fits = v >= 0;
  } else {
    int bits = static_cast<int>(size_of(d)) * 8;
    bool sign = d == int8 || d == int16 || d == int32;
    long long lo = sign ? -(1LL << (bits - 1)) : 0;
    long long hi = sign ? (1LL << (bits - 1)) - 1 : (1LL << bits) - 1;
    fits = v >= lo && v <= hi;
  }
  if (!fits) {
    throw std::invalid_argument("[array] Converting the Python integer " + std::to_string(v) +
                                " to " + dtype_name(d) + " would result in overflow.");
  }
}

} // namespace

int64_t to_int64(const py::handle& obj, const char* op) {
  py::object i = py::reinterpret_steal<py::object>(PyNumber_Index(obj.ptr()));
  if (!i) throw py::error_already_set();
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
  if (overflow) {
    std::string msg = "[" + std::string(op) + "] Integer " + std::string(py::str(obj)) +
                      " does not fit in 64 bits.";
    PyErr_SetString(PyExc_OverflowError, msg.c_str());
    throw py::error_already_set();
  }
  return static_cast<int64_t>(v);
}

bool is_python_scalar(const py::handle& obj) {
  return py::isinstance<py::bool_>(obj) || py::isinstance<py::int_>(obj) ||
         py::isinstance<py::float_>(obj) || PyComplex_Check(obj.ptr());
}

array to_array(const py::handle& obj, std::optional<Dtype> dtype) {
  if (is_array(obj)) {
    const array& a = array_of(obj);
    return dtype ? astype(a, *dtype) : a;
  }
  if (py::isinstance<py::bool_>(obj)) return array(py::cast<bool>(obj), dtype.value_or(bool_));
  if (py::isinstance<py::int_>(obj)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
    if (overflow) {
      throw std::invalid_argument("[array] Integer " + std::string(py::str(obj)) +
                                  " does not fit in 64 bits.");
    }
    Dtype def = (v > INT32_MAX || v < INT32_MIN) ? int64 : int32;
    return array(static_cast<int64_t>(v), dtype.value_or(def));
  }
  if (py::isinstance<py::float_>(obj)) return array(py::cast<double>(obj), dtype.value_or(float32));
  if (PyComplex_Check(obj.ptr())) {
    auto c = py::cast<std::complex<double>>(obj);
    return array(complex64_t(static_cast<float>(c.real()), static_cast<float>(c.imag())),
                 dtype.value_or(complex64));
  }
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) return from_list(obj, dtype);
  if (py::isinstance<py::array>(obj)) return from_numpy(py::reinterpret_borrow<py::array>(obj), dtype);
  // Byte buffers are uint8 arrays, as in MLX.
  if (PyBytes_Check(obj.ptr()) || PyByteArray_Check(obj.ptr())) {
    py::object u8 = py::module_::import("numpy").attr("uint8");
    return from_numpy(py::module_::import("numpy").attr("frombuffer")(obj, u8), dtype);
  }
  // Other tensors (PyTorch's, bfloat16 ones included) are copied through DLPack.
  if (py::hasattr(obj, "__dlpack__") && py::hasattr(obj, "__dlpack_device__")) {
    array a = import_dlpack(py::reinterpret_borrow<py::object>(obj), py::bool_(true), !dtype);
    return dtype ? astype(a, *dtype) : a;
  }
  // NumPy scalars, buffers and other array-likes go through NumPy.
  if (py::hasattr(obj, "__array__") || PyObject_CheckBuffer(obj.ptr()) ||
      py::isinstance(obj, py::module_::import("numpy").attr("generic"))) {
    return from_numpy(py::module_::import("numpy").attr("asarray")(obj), dtype);
  }
  throw type_error("[array] Cannot convert an object of type " +
                   std::string(py::str(py::type::handle_of(obj).attr("__name__"))) + " to an array.");
}

array to_array_weak(const py::handle& obj, const py::handle& other) {
  if (is_array(obj)) return array_of(obj);
  if (is_array(other) && is_python_scalar(obj)) {
    Dtype od = array_of(other).dtype();
    if (py::isinstance<py::bool_>(obj)) return array(py::cast<bool>(obj), bool_);
    if (py::isinstance<py::int_>(obj)) {
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
      if (overflow) throw std::invalid_argument("[array] Integer does not fit in 64 bits.");
      check_weak_int(v, od);
      return cached_weak_scalar(static_cast<int64_t>(v), od);
    }
    if (py::isinstance<py::float_>(obj)) return cached_weak_scalar(PyFloat_AS_DOUBLE(obj.ptr()), od);
    auto c = py::cast<std::complex<double>>(obj);
    return array(complex64_t(static_cast<float>(c.real()), static_cast<float>(c.imag())));
  }
  return to_array(obj);
}

std::pair<array, array> to_arrays(const py::handle& a, const py::handle& b) {
  return {to_array_weak(a, b), to_array_weak(b, a)};
}

StreamOrDevice to_stream_or_device(const py::object& obj) {
  if (obj.is_none()) return std::monostate{};
  if (py::isinstance<Stream>(obj)) return py::cast<Stream>(obj);
  if (py::isinstance<Device>(obj)) return py::cast<Device>(obj);
  if (py::isinstance<Device::DeviceType>(obj)) return Device(py::cast<Device::DeviceType>(obj));
  // As MLX, whose bindings convert 0 and 1 (and bools) to the DeviceType enum.
  if (py::isinstance<py::int_>(obj) && (obj.equal(py::int_(0)) || obj.equal(py::int_(1)))) {
    return Device(obj.equal(py::int_(0)) ? Device::cpu : Device::gpu);
  }
  throw type_error("[stream] Expected a Stream, a Device or None, not " +
                   std::string(py::str(py::type::of(obj).attr("__name__"))) + ".");
}

std::optional<std::vector<int>> to_axes(const py::object& obj, const char* op) {
  if (obj.is_none()) return std::nullopt;
  if (py::isinstance<py::int_>(obj)) return std::vector<int>{py::cast<int>(obj)};
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) {
    std::vector<int> out;
    for (auto item : obj) {
      if (!py::isinstance<py::int_>(item)) throw_type(op, "Axes must be integers.");
      out.push_back(py::cast<int>(item));
    }
    return out;
  }
  throw_type(op, "axis must be an int, a sequence of ints or None.");
}

void collect_arrays(const py::handle& obj, std::vector<array>& out, const char* op, bool strict) {
  std::vector<py::handle> stack{obj};
  while (!stack.empty()) {
    py::handle h = stack.back();
    stack.pop_back();
    if (is_array(h)) {
      out.push_back(array_of(h));
    } else if (py::isinstance<py::list>(h) || py::isinstance<py::tuple>(h)) {
      auto seq = py::reinterpret_borrow<py::sequence>(h);
      for (ssize_t i = static_cast<ssize_t>(py::len(seq)) - 1; i >= 0; --i) stack.push_back(seq[i]);
    } else if (py::isinstance<py::dict>(h)) {
      std::vector<py::handle> vals;
      for (auto kv : py::reinterpret_borrow<py::dict>(h)) vals.push_back(kv.second);
      for (auto it = vals.rbegin(); it != vals.rend(); ++it) stack.push_back(*it);
    } else if (py::isinstance<RandomStateView>(h)) {
      out.push_back(random::state());
    } else if (strict) {
      throw type_error(std::string("[") + op + "] Expected arrays (or lists, tuples, dicts of arrays), got " +
                       std::string(py::str(py::type::handle_of(h).attr("__name__"))) + ".");
    }
  }
}

void eval_nogil(const std::vector<array>& arrays, EvalCause cause) {
  bool pending = false;
  for (const auto& a : arrays) pending |= !a.is_evaluated();
  if (!pending) return;
  py::gil_scoped_release release;
  eval(arrays, cause);
}

py::array to_numpy(array a, EvalCause cause) {
  eval_nogil({a}, cause);
  Dtype out_dtype = a.dtype() == bfloat16 ? float32 : a.dtype();
  py::dtype dt(dtype_to_typestr(out_dtype));
  std::vector<ssize_t> shape(a.shape().begin(), a.shape().end());
  py::array out(dt, shape);
  copy_strided(a, out.mutable_data(), out_dtype);
  return out;
}

py::object item(array a, EvalCause cause) {
  if (a.size() != 1) {
    throw std::invalid_argument("[item] Only arrays with one element can be converted to a Python scalar; this one has " +
                                std::to_string(a.size()) + ".");
  }
  eval_nogil({a}, cause);
  Dtype t = a.dtype();
  if (t == bool_) return py::bool_(a.item<bool>());
  if (is_unsigned(t)) return py::int_(a.item<uint64_t>());
  if (is_integral(t)) return py::int_(a.item<int64_t>());
  if (is_complex(t)) return py::cast(std::complex<double>(a.item<complex64_t>()));
  return py::float_(a.item<double>());
}

py::object to_list(array a) {
  eval_nogil({a}, EvalCause::tolist);
  if (a.ndim() == 0) return item(a, EvalCause::tolist);
  py::array np = to_numpy(a, EvalCause::tolist);
  return np.attr("tolist")();
}

} // namespace mxg::python
