// Format dispatch, and .npy loading and saving.
#include "io/npy.h"

namespace mxg {
namespace {

std::string extension(const std::string& name) {
  size_t slash = name.find_last_of("/\\");
  size_t dot = name.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return name.substr(dot + 1);
}

bool known_format(const std::string& f) {
  return f == "npy" || f == "npz" || f == "safetensors" || f == "gguf";
}

} // namespace

array load_npy(std::shared_ptr<ByteSource> src, StreamOrDevice s) {
  io::NpyHeader h = io::read_npy_header(*src, 0, src->size());
  LoadSpec spec;
  spec.source = src;
  spec.offset = h.header_bytes;
  return io::npy_array(h, std::move(spec), s);
}

array load(const std::string& path, StreamOrDevice s) { return load_npy(open_file_source(path), s); }

std::string detect_format(const ByteSource& src, const std::string& name) {
  std::string ext = extension(name);
  if (known_format(ext)) return ext;
  std::string head = io::read_range(src, 0, std::min<uint64_t>(8, src.size()), "The file's start");
  if (head.compare(0, 6, "\x93NUMPY") == 0) return "npy";
  if (head.compare(0, 4, "GGUF") == 0) return "gguf";
  if (head.compare(0, 4, "PK\x03\x04") == 0 || head.compare(0, 4, "PK\x05\x06") == 0) return "npz";
  if (head.size() == 8 && src.size() > 8) {
    char c = 0;
    src.read(8, &c, 1);
    if (c == '{') return "safetensors";
  }
  io::fail("Could not infer the file format of " + src.label() +
           "; pass format='npy', 'npz', 'safetensors' or 'gguf'.");
}

LoadedFile load_file(std::shared_ptr<ByteSource> src, const std::string& name, std::string format,
                     bool want_metadata, StreamOrDevice s) {
  if (format.empty()) format = detect_format(*src, name);
  if (!known_format(format)) {
    io::fail("Unknown format '" + format + "'; expected 'npy', 'npz', 'safetensors' or 'gguf'.");
  }
  if (want_metadata && format != "safetensors" && format != "gguf") {
    io::fail("return_metadata is only supported for safetensors and gguf, not " + format + ".");
  }
  LoadedFile out;
  out.format = format;
  if (format == "npy") {
    out.single = load_npy(std::move(src), s);
  } else if (format == "npz") {
    out.arrays = load_npz(std::move(src), s);
  } else if (format == "gguf") {
    std::tie(out.arrays, out.gguf_metadata) = load_gguf(std::move(src), s);
  } else {
    std::tie(out.arrays, out.metadata) = load_safetensors(std::move(src), s);
  }
  return out;
}

void save_npy(ByteSink& sink, const array& a) {
  io::eval_for_save({a});
  io::ArrayBytes b = io::array_bytes(a, true);
  std::string header = io::npy_header_bytes(a.dtype(), a.shape(), b.fortran);
  sink.write(header.data(), header.size());
  sink.write(b.data, static_cast<size_t>(b.nbytes));
}

void save(const std::string& path, const array& a) {
  io::eval_for_save({a});
  io::FileSink f(io::with_extension(path, ".npy"), "save");
  save_npy(f, a);
  f.close();
}

} // namespace mxg
