// The C ABI's views of a pending graph: statistics, text dump and DOT, into a caller
// buffer or a file.
#include <fstream>
#include <sstream>

#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

std::string text_of(bool dot, const std::vector<array>& outputs) {
  std::ostringstream os;
  if (dot) {
    export_to_dot(os, outputs);
  } else {
    print_graph(os, outputs);
  }
  return os.str();
}

// snprintf-like: a NULL buffer of capacity 0 asks for the length; a short one is an error.
int to_buffer(const char* fn, bool dot, char* buf, size_t capacity, size_t* needed,
              mxg_array* const* outputs, size_t num) {
  return guard(fn, [&] {
    if (needed) *needed = 0;
    if (capacity > 0) {
      need(buf, fn, "buf");
      buf[0] = '\0';
    }
    std::string text = text_of(dot, to_arrays(outputs, num, fn, "outputs"));
    if (needed) *needed = text.size() + 1;
    if (capacity == 0 && !buf) return;
    if (capacity > 0) {
      size_t n = std::min(text.size(), capacity - 1);
      std::memcpy(buf, text.data(), n);
      buf[n] = '\0';
    }
    if (capacity < text.size() + 1) {
      throw std::out_of_range(std::string("[") + fn + "] The text needs " + std::to_string(text.size() + 1) +
                              " bytes but the buffer has " + std::to_string(capacity) +
                              ". Pass a buffer of *needed bytes.");
    }
  });
}

int to_file(const char* fn, bool dot, const char* path, mxg_array* const* outputs, size_t num) {
  return guard(fn, [&] {
    need(path, fn, "path");
    std::string p = path;
    std::string text = text_of(dot, to_arrays(outputs, num, fn, "outputs"));
    std::ofstream f(p, std::ios::binary);
    if (!f) throw io_error(std::string("[") + fn + "] Cannot open " + p + " for writing.");
    f << text;
    f.flush();
    if (!f) throw io_error(std::string("[") + fn + "] Writing " + p + " failed.");
  });
}

} // namespace

extern "C" {

int mxg_graph_stats(mxg_stats* out, mxg_array* const* outputs, size_t num) {
  const char* fn = "mxg_graph_stats";
  return guard(fn, [&] {
    need(out, fn, "out");
    *out = mxg_stats{0, 0, 0, 0, 0, 0};
    GraphStats s = graph_stats(to_arrays(outputs, num, fn, "outputs"));
    *out = mxg_stats{s.pending_nodes, s.pending_arrays, s.depth, s.bytes_to_allocate, s.inputs_held,
                     s.input_bytes_held};
  });
}

int mxg_graph_stats_text(char** out, mxg_array* const* outputs, size_t num) {
  const char* fn = "mxg_graph_stats_text";
  return guard_out(fn, out, [&] { return dup_string(to_string(graph_stats(to_arrays(outputs, num, fn, "outputs")))); });
}

int mxg_print_graph(char* buf, size_t capacity, size_t* needed, mxg_array* const* outputs, size_t num) {
  return to_buffer("mxg_print_graph", false, buf, capacity, needed, outputs, num);
}
int mxg_export_dot(char* buf, size_t capacity, size_t* needed, mxg_array* const* outputs, size_t num) {
  return to_buffer("mxg_export_dot", true, buf, capacity, needed, outputs, num);
}
int mxg_print_graph_to_file(const char* path, mxg_array* const* outputs, size_t num) {
  return to_file("mxg_print_graph_to_file", false, path, outputs, num);
}
int mxg_export_dot_to_file(const char* path, mxg_array* const* outputs, size_t num) {
  return to_file("mxg_export_dot_to_file", true, path, outputs, num);
}

} // extern "C"
