// Python bindings for mx.distributed: groups and the collectives.
#include "convert.h"
#include "init.h"
#include "mxgraph/distributed.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

namespace dist = mxg::distributed;

std::optional<dist::Group> opt_group(const py::object& g) {
  if (g.is_none()) return std::nullopt;
  if (!py::isinstance<dist::Group>(g)) {
    throw_type("distributed", "group must be a mx.distributed.Group or None.");
  }
  return py::cast<dist::Group>(g);
}

using Reducer = array (*)(const array&, std::optional<dist::Group>, StreamOrDevice);

void def_collective(py::module_& d, const char* name, Reducer f, const char* doc) {
  d.def(
      name,
      [f](const py::object& x, const py::object& group, const py::object& stream) {
        return f(to_array(x), opt_group(group), to_stream_or_device(stream));
      },
      py::arg("x"), py::kw_only(), py::arg("group") = py::none(), py::arg("stream") = py::none(),
      doc);
}

} // namespace

void init_distributed(py::module_& m) {
  auto d = m.def_submodule("distributed", "Communication between processes over MPI.");
  py::class_<dist::Group>(d, "Group", "A group of communicating processes.")
      .def("rank", &dist::Group::rank, "This process's rank in the group.")
      .def("size", &dist::Group::size, "The number of processes in the group.")
      .def("split", &dist::Group::split, py::arg("color"), py::arg("key") = -1,
           "The subgroup of the ranks passing the same color, ordered by key (-1: by rank).")
      .def("__repr__", [](const dist::Group& g) {
        return "Group(rank=" + std::to_string(g.rank()) + ", size=" + std::to_string(g.size()) + ")";
      });
  d.def("is_available", &dist::is_available, py::arg("backend") = "any",
        "True when a communication backend (MPI) can be loaded.");
  // all_gather_factory is MLX's side channel for its jaccl backend, which mxgraph lacks:
  // it is checked as MLX checks it, then refused with the unknown-backend error.
  d.def("init", [](bool strict, const std::string& backend, const py::object& factory) {
    if (!factory.is_none() && !PyCallable_Check(factory.ptr())) {
      throw_type("distributed.init", "all_gather_factory must be a callable or None.");
    }
    if (!factory.is_none() && backend != "jaccl") {
      throw_value("distributed.init", "all_gather_factory is only supported with backend='jaccl'.");
    }
    return dist::init(strict, backend);
  }, py::arg("strict") = false, py::arg("backend") = "any", py::kw_only(),
     py::arg("all_gather_factory") = py::none(),
     "Starts the backend and returns the group of all processes (size 1 without a launcher).");
  def_collective(d, "all_sum", &dist::all_sum, "Sum of x over the group, on every rank.");
  def_collective(d, "all_max", &dist::all_max, "Maximum of x over the group, on every rank.");
  def_collective(d, "all_min", &dist::all_min, "Minimum of x over the group, on every rank.");
  def_collective(d, "all_gather", &dist::all_gather,
                 "The ranks' arrays concatenated along axis 0, on every rank.");
  def_collective(d, "sum_scatter", &dist::sum_scatter,
                 "The sum over the group split along axis 0; rank r keeps part r.");
  d.def(
      "send",
      [](const py::object& x, int dst, const py::object& group, const py::object& stream) {
        return dist::send(to_array(x), dst, opt_group(group), to_stream_or_device(stream));
      },
      py::arg("x"), py::arg("dst"), py::kw_only(), py::arg("group") = py::none(),
      py::arg("stream") = py::none(), "Sends x to rank dst when the result is evaluated.");
  d.def(
      "recv",
      [](const std::vector<int64_t>& shape, Dtype dtype, int src, const py::object& group,
         const py::object& stream) {
        return dist::recv(shape, dtype, src, opt_group(group), to_stream_or_device(stream));
      },
      py::arg("shape"), py::arg("dtype"), py::arg("src"), py::kw_only(),
      py::arg("group") = py::none(), py::arg("stream") = py::none(),
      "Receives an array of the given shape and dtype from rank src.");
  d.def(
      "recv_like",
      [](const py::object& x, int src, const py::object& group, const py::object& stream) {
        return dist::recv_like(to_array(x), src, opt_group(group), to_stream_or_device(stream));
      },
      py::arg("x"), py::arg("src"), py::kw_only(), py::arg("group") = py::none(),
      py::arg("stream") = py::none(), "Receives an array shaped like x from rank src.");
}

} // namespace mxg::python
