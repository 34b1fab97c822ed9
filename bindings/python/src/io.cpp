// Python bindings: io (save, savez, savez_compressed, save_safetensors, save_gguf, load).
#include "convert.h"
#include "init.h"
#include "mxgraph/io.h"

namespace mxg::python {
namespace {

// str and os.PathLike are paths; anything else must be a file-like object.
std::optional<std::string> as_path(const py::object& file) {
  if (py::isinstance<py::str>(file) || py::hasattr(file, "__fspath__")) {
    py::object p = py::module_::import("os").attr("fspath")(file);
    if (py::isinstance<py::bytes>(p)) p = p.attr("decode")();
    return py::cast<std::string>(p);
  }
  return std::nullopt;
}

// Writes to a Python file-like object; called with the GIL released.
class PySink : public ByteSink {
 public:
  explicit PySink(py::object file) : write_(file.attr("write")) {}
  void write(const void* data, size_t n) override {
    py::gil_scoped_acquire gil;
    auto p = static_cast<const char*>(data);
    while (n > 0) {
      size_t k = std::min<size_t>(n, size_t(1) << 24);
      // bytes, not a memoryview: a writer may keep what it is given past our buffer's life.
      write_(py::bytes(p, k));
      p += k;
      n -= k;
    }
  }

 private:
  py::object write_;
};

template <typename SaveSink, typename SavePath>
void save_to(const py::object& file, const char* op, SaveSink&& to_sink, SavePath&& to_path) {
  if (auto path = as_path(file)) {
    py::gil_scoped_release r;
    to_path(*path);
  } else if (py::hasattr(file, "write")) {
    PySink sink(file);
    py::gil_scoped_release r;
    to_sink(sink);
  } else {
    throw type_error(std::string("[") + op + "] file must be a path (str, pathlib.Path) or a writable file-like object.");
  }
}

NamedArrays savez_arrays(const py::args& args, const py::kwargs& kwargs) {
  NamedArrays out;
  for (size_t i = 0; i < args.size(); ++i) out.emplace_back("arr_" + std::to_string(i), to_array(args[i]));
  for (auto kv : kwargs) out.emplace_back(py::cast<std::string>(kv.first), to_array(kv.second));
  return out;
}

py::dict to_dict(const NamedArrays& arrays) {
  py::dict d;
  for (auto& [k, v] : arrays) d[py::str(k)] = v;
  return d;
}

// MLX's metadata values: an array (0-d or 1-d), a str, or a list of str.
GgufMetadata gguf_metadata(const py::object& metadata) {
  GgufMetadata out;
  if (metadata.is_none()) return out;
  if (!py::isinstance<py::dict>(metadata)) throw type_error("[save_gguf] metadata must be a dict.");
  for (auto kv : py::reinterpret_borrow<py::dict>(metadata)) {
    if (!py::isinstance<py::str>(kv.first)) throw type_error("[save_gguf] Metadata keys must be str.");
    auto key = py::cast<std::string>(kv.first);
    if (is_array(kv.second)) {
      out.emplace_back(key, py::cast<array>(kv.second));
    } else if (py::isinstance<py::str>(kv.second)) {
      out.emplace_back(key, py::cast<std::string>(kv.second));
    } else if (py::isinstance<py::list>(kv.second) &&
               std::all_of(kv.second.begin(), kv.second.end(), [](py::handle h) { return py::isinstance<py::str>(h); })) {
      out.emplace_back(key, py::cast<std::vector<std::string>>(kv.second));
    } else {
      throw type_error("[save_gguf] Metadata value '" + key + "' must be an array, a str or a list of str.");
    }
  }
  return out;
}

py::object gguf_metadata_dict(const GgufMetadata& meta) {
  py::dict d;
  for (auto& [k, v] : meta) {
    if (auto* a = std::get_if<array>(&v)) d[py::str(k)] = py::cast(*a);
    else if (auto* s = std::get_if<std::string>(&v)) d[py::str(k)] = py::str(*s);
    else d[py::str(k)] = py::cast(std::get<std::vector<std::string>>(v));
  }
  return d;
}

py::object load_py(const py::object& file, const std::optional<std::string>& format, bool return_metadata,
                   const py::object& stream) {
  std::shared_ptr<ByteSource> src;
  std::string name;
  if (auto path = as_path(file)) {
    name = *path;
    src = open_file_source(name);
  } else if (py::hasattr(file, "read")) {
    // A file-like object is read into memory; its arrays still evaluate lazily from there.
    py::object data = file.attr("read")();
    if (!py::isinstance<py::bytes>(data)) throw type_error("[load] The file-like object must be opened in binary mode.");
    if (py::hasattr(file, "name") && py::isinstance<py::str>(file.attr("name"))) name = py::cast<std::string>(file.attr("name"));
    src = memory_source(py::cast<std::string>(data), name.empty() ? "<file-like>" : name);
  } else {
    throw type_error("[load] file must be a path (str, pathlib.Path) or a readable file-like object.");
  }
  StreamOrDevice s = to_stream_or_device(stream);
  LoadedFile f;
  {
    py::gil_scoped_release r;
    f = load_file(src, name, format.value_or(""), return_metadata, s);
  }
  if (f.single) return py::cast(*f.single);
  if (return_metadata && f.format == "gguf") return py::make_tuple(to_dict(f.arrays), gguf_metadata_dict(f.gguf_metadata));
  if (return_metadata) {
    py::dict meta;
    for (auto& [k, v] : f.metadata) meta[py::str(k)] = py::str(v);
    return py::make_tuple(to_dict(f.arrays), meta);
  }
  return to_dict(f.arrays);
}

} // namespace

void init_io(py::module_& m) {
  // Missing files raise an error that is both FileNotFoundError and ValueError (MLX raises ValueError).
  py::tuple bases = py::make_tuple(py::handle(PyExc_FileNotFoundError), py::handle(PyExc_ValueError));
  static PyObject* not_found = PyErr_NewException("mxgraph.core.FileNotFoundError", bases.ptr(), nullptr);
  m.attr("_FileNotFoundError") = py::handle(not_found);
  // A truncated file: MLX raises RuntimeError; mxgraph's rule for bad files is ValueError. It is both.
  py::tuple tbases = py::make_tuple(py::handle(PyExc_ValueError), py::handle(PyExc_RuntimeError));
  static PyObject* truncated = PyErr_NewException("mxgraph.core.TruncatedFileError", tbases.ptr(), nullptr);
  m.attr("_TruncatedFileError") = py::handle(truncated);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const file_not_found& e) {
      PyErr_SetString(not_found, e.what());
    } catch (const truncated_file& e) {
      PyErr_SetString(truncated, e.what());
    }
  });

  m.def("save", [](const py::object& file, const py::object& arr) {
    array a = to_array(arr);
    save_to(file, "save", [&](ByteSink& s) { save_npy(s, a); }, [&](const std::string& p) { save(p, a); });
  }, py::arg("file"), py::arg("arr"),
  "Saves an array to a .npy file (\".npy\" is appended to a path without it).");

  m.def("savez", [](const py::object& file, const py::args& args, const py::kwargs& kwargs) {
    NamedArrays arrays = savez_arrays(args, kwargs);
    save_to(file, "savez", [&](ByteSink& s) { savez(s, arrays, false); },
            [&](const std::string& p) { savez(p, arrays, false); });
  }, py::arg("file"), "Saves arrays to an uncompressed .npz archive; positional arrays are named arr_0, arr_1, ...");

  m.def("savez_compressed", [](const py::object& file, const py::args& args, const py::kwargs& kwargs) {
    NamedArrays arrays = savez_arrays(args, kwargs);
    save_to(file, "savez_compressed", [&](ByteSink& s) { savez(s, arrays, true); },
            [&](const std::string& p) { savez(p, arrays, true); });
  }, py::arg("file"), "Saves arrays to a deflate-compressed .npz archive.");

  m.def("save_safetensors", [](const py::object& file, const py::dict& arrays, const py::object& metadata) {
    NamedArrays named;
    for (auto kv : arrays) named.emplace_back(py::cast<std::string>(kv.first), to_array(kv.second));
    Metadata meta;
    if (!metadata.is_none()) meta = py::cast<Metadata>(metadata);
    save_to(file, "save_safetensors", [&](ByteSink& s) { save_safetensors(s, named, meta); },
            [&](const std::string& p) { save_safetensors(p, named, meta); });
  }, py::arg("file"), py::arg("arrays"), py::arg("metadata") = py::none(),
  "Saves a dict of arrays (and an optional str -> str metadata dict) to a .safetensors file.");

  m.def("save_gguf", [](const py::object& file, const py::dict& arrays, const py::object& metadata) {
    NamedArrays named;
    for (auto kv : arrays) named.emplace_back(py::cast<std::string>(kv.first), to_array(kv.second));
    GgufMetadata meta = gguf_metadata(metadata);
    save_to(file, "save_gguf", [&](ByteSink& s) { save_gguf(s, named, meta); },
            [&](const std::string& p) { save_gguf(p, named, meta); });
  }, py::arg("file"), py::arg("arrays"), py::arg("metadata") = py::none(),
  "Saves a dict of arrays to a .gguf file, with optional metadata: str -> array (0-d or 1-d), str or list of str.");

  m.def("load", &load_py, py::arg("file"), py::pos_only(), py::arg("format") = py::none(),
        py::arg("return_metadata") = false, py::kw_only(), py::arg("stream") = py::none(),
        "Loads a .npy (array), .npz, .safetensors or .gguf (dict of arrays) file lazily: each array reads its "
        "bytes when evaluated. With return_metadata, safetensors and gguf give (arrays, metadata).");

  m.def("_io_bytes_read", &io_bytes_read, "Bytes read by loads so far (for tests of lazy loading).");
}

} // namespace mxg::python
