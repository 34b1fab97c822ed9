// Python bindings: Dtype, DtypeCategory, Device, Stream.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_dtype_device(py::module_& m) {
  py::class_<Dtype>(m, "Dtype", "An element type, e.g. mxgraph.core.float32.")
      .def_property_readonly("size", [](Dtype t) { return size_of(t); }, "Bytes per element.")
      .def("__repr__", [](Dtype t) { return std::string("mxgraph.core.") + dtype_name(t); })
      .def("__eq__", [](Dtype a, const py::object& b) {
        return py::isinstance<Dtype>(b) && py::cast<Dtype>(b) == a;
      })
      .def("__hash__", [](Dtype t) { return static_cast<int>(t); });
#define MXG_EXPORT_DTYPE(e, ty, n, k, s) m.attr(n) = py::cast(Dtype::e);
  MXG_DTYPES(MXG_EXPORT_DTYPE)
#undef MXG_EXPORT_DTYPE
  m.attr("bool_") = py::cast(Dtype::bool_); // MLX's name for the boolean dtype

  py::enum_<DtypeCategory>(m, "DtypeCategory", "Abstract dtype categories (mx.floating, ...).")
      .value("complexfloating", DtypeCategory::complexfloating)
      .value("floating", DtypeCategory::floating)
      .value("inexact", DtypeCategory::inexact)
      .value("signedinteger", DtypeCategory::signedinteger)
      .value("unsignedinteger", DtypeCategory::unsignedinteger)
      .value("integer", DtypeCategory::integer)
      .value("number", DtypeCategory::number)
      .value("generic", DtypeCategory::generic)
      .export_values();

  m.def("issubdtype", [](const py::object& a, const py::object& b) {
    if (py::isinstance<Dtype>(a) && py::isinstance<Dtype>(b)) {
      return py::cast<Dtype>(a) == py::cast<Dtype>(b);
    }
    if (py::isinstance<Dtype>(a) && py::isinstance<DtypeCategory>(b)) {
      return issubdtype(py::cast<Dtype>(a), py::cast<DtypeCategory>(b));
    }
    if (py::isinstance<DtypeCategory>(a) && py::isinstance<DtypeCategory>(b)) {
      auto ca = py::cast<DtypeCategory>(a), cb = py::cast<DtypeCategory>(b);
      if (ca == cb || cb == DtypeCategory::generic) return true;
      switch (cb) {
        case DtypeCategory::inexact:
          return ca == DtypeCategory::floating || ca == DtypeCategory::complexfloating;
        case DtypeCategory::integer:
          return ca == DtypeCategory::signedinteger || ca == DtypeCategory::unsignedinteger;
        case DtypeCategory::number: return ca != DtypeCategory::generic;
        default: return false;
      }
    }
    if (py::isinstance<DtypeCategory>(a) && py::isinstance<Dtype>(b)) return false;
    throw type_error("[issubdtype] Arguments must be dtypes or dtype categories.");
  }, py::arg("arg1"), py::arg("arg2"), "True if arg1 is arg2 or belongs to the category arg2.");
  m.def("promote_types", &promote_types, py::arg("type1"), py::arg("type2"));

  py::enum_<Device::DeviceType>(m, "DeviceType")
      .value("cpu", Device::cpu)
      .value("gpu", Device::gpu)
      .export_values();

  // mx.cpu == mx.default_device(): the enum compares equal to a Device of its type.
  py::object device_type = m.attr("DeviceType");
  device_type.attr("__eq__") = py::cpp_function([](Device::DeviceType a, const py::object& b) {
    if (py::isinstance<Device::DeviceType>(b)) return a == py::cast<Device::DeviceType>(b);
    if (py::isinstance<Device>(b)) return a == py::cast<Device>(b).type;
    return false;
  }, py::is_method(device_type));
  device_type.attr("__ne__") = py::cpp_function([](const py::object& a, const py::object& b) {
    return !py::cast<bool>(a.attr("__eq__")(b));
  }, py::is_method(device_type));

  py::class_<Device>(m, "Device", "A device (mx.cpu or mx.gpu).")
      .def(py::init<Device::DeviceType, int>(), py::arg("type"), py::arg("index") = 0)
      .def_readonly("type", &Device::type)
      .def_readonly("index", &Device::index)
      .def("__repr__", &Device::str)
      .def("__eq__", [](const Device& a, const py::object& b) {
        if (py::isinstance<Device>(b)) return a == py::cast<Device>(b);
        if (py::isinstance<Device::DeviceType>(b)) return a.type == py::cast<Device::DeviceType>(b);
        return false;
      })
      .def("__hash__", [](const Device& d) { return static_cast<int>(d.type) * 1000 + d.index; });
  py::implicitly_convertible<Device::DeviceType, Device>();

  py::class_<Stream>(m, "Stream", "A stream of work on a device.")
      .def_readonly("device", &Stream::device)
      .def_readonly("index", &Stream::index)
      .def("__repr__", &Stream::str)
      .def("__eq__", [](const Stream& a, const py::object& b) {
        return py::isinstance<Stream>(b) && a == py::cast<Stream>(b);
      })
      .def("__hash__", [](const Stream& s) { return s.index; });

  m.def("default_device", &default_device);
  m.def("set_default_device", [](const Device& d) { set_default_device(d); }, py::arg("device"));
  m.def("default_stream", &default_stream, py::arg("device"));
  m.def("set_default_stream", &set_default_stream, py::arg("stream"));
  m.def("new_stream", &new_stream, py::arg("device"));
  m.def("is_available", [](const Device& d) { return is_available(d); }, py::arg("device"));
  m.def("device_info", [](const py::object& d) {
    return device_info(d.is_none() ? default_device() : py::cast<Device>(d));
  }, py::arg("d") = py::none(), "Facts about a device (architecture, name); {} for one this build lacks.");
  m.def("device_count", [](Device::DeviceType t) { return is_available(Device(t)) ? 1 : 0; },
        py::arg("device_type"), "The number of devices of the type (1 or 0 here).");

}

} // namespace mxg::python
