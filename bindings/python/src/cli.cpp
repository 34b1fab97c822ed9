// Python bindings: _cli_main, which runs the `mxgraph` command line (the console
// script and `python -m mxgraph dump ...`) with its output going to sys.stdout and
// sys.stderr.
#include <sstream>

#include <pybind11/stl.h>

#include "init.h"
#include "mxgraph/cli.h"

namespace mxg::python {
namespace {

// Writes bytes to a Python text stream: through its binary buffer when it has one
// (PNG on stdout), else as text.
void write_to(const char* stream_name, const std::string& bytes) {
  if (bytes.empty()) return;
  py::object stream = py::module_::import("sys").attr(stream_name);
  if (stream.is_none()) return;
  if (py::hasattr(stream, "buffer")) {
    stream.attr("flush")();
    py::object buffer = stream.attr("buffer");
    buffer.attr("write")(py::bytes(bytes));
    buffer.attr("flush")();
  } else {
    stream.attr("write")(py::bytes(bytes).attr("decode")("utf-8", "replace"));
  }
}

} // namespace

void init_cli(py::module_& m) {
  m.def("_cli_main", [](const std::vector<std::string>& args) {
    std::ostringstream out, err;
    int rc = cli_main(args, out, err);
    write_to("stdout", out.str());
    write_to("stderr", err.str());
    return rc;
  }, py::arg("args"), "Runs the mxgraph command line (without the program name); returns the exit code.");
}

} // namespace mxg::python
