// The C ABI's exported functions: load a .mxfn, describe and call it, and export a
// C closure as one.
#include <sstream>

#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

// Loading only reads and checks the graph, so any bad value it meets is a bad file.
template <typename F>
mxg_function* load_checked(F&& import) {
  try {
    ImportedFunction f = import();
    std::vector<ArraySpec> outs = f.outputs();
    return new mxg_function_t{std::move(f), std::move(outs)};
  } catch (const file_not_found&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw io_error(e.what());
  }
}

void fill_spec(mxg_spec* out, const ArraySpec& s) {
  static const int64_t none = 0; // a valid pointer for 0-d
  out->ndim = static_cast<int>(s.shape.size());
  out->shape = s.shape.empty() ? &none : s.shape.data();
  out->dtype = static_cast<mxg_dtype>(s.dtype);
  out->name = s.name.c_str();
}

int spec_at(const char* fn, const mxg_function* f, size_t i, mxg_spec* out, bool input) {
  return guard(fn, [&] {
    need(out, fn, "out");
    *out = mxg_spec{0, nullptr, MXG_FLOAT32, nullptr};
    const auto& h = need(f, fn, "f");
    const auto& specs = input ? h.f.inputs() : h.outputs;
    if (i >= specs.size()) {
      throw std::out_of_range(std::string("[") + fn + "] Index " + std::to_string(i) + " is out of range for " +
                              std::to_string(specs.size()) + (input ? " inputs." : " outputs."));
    }
    fill_spec(out, specs[i]);
  });
}

ExportOptions export_options(const char* fn, size_t num_inputs, const char* const* names, int shapeless,
                             const char* metadata) {
  ExportOptions opt;
  opt.shapeless = shapeless != 0;
  if (metadata) opt.metadata = metadata;
  if (names) {
    for (size_t i = 0; i < num_inputs; ++i) {
      if (!names[i]) {
        throw null_argument(std::string("[") + fn + "] input_names[" + std::to_string(i) +
                            "] is NULL. Give a name for every input, or pass NULL for no names.");
      }
      opt.input_names.emplace_back(names[i]);
    }
  }
  return opt;
}

// Writing failures are file problems; everything else keeps its own status.
template <typename F>
void writing(F&& write) {
  try {
    write();
  } catch (const std::runtime_error& e) {
    if (std::string(e.what()).rfind("[export_function] Writing", 0) == 0) throw io_error(e.what());
    throw;
  }
}

} // namespace

extern "C" {

int mxg_function_load(mxg_function** out, const char* path) {
  const char* fn = "mxg_function_load";
  return guard_out(fn, out, [&] {
    need(path, fn, "path");
    std::string p = path;
    return load_checked([&] { return import_function(p); });
  });
}

int mxg_function_load_from_memory(mxg_function** out, const void* data, size_t size) {
  const char* fn = "mxg_function_load_from_memory";
  return guard_out(fn, out, [&] {
    const char* bytes = size > 0 ? static_cast<const char*>(data) : "";
    if (size > 0) need(bytes, fn, "data");
    return load_checked([&] { return import_function_from_buffer(bytes, size); });
  });
}

int mxg_function_num_inputs(const mxg_function* f, size_t* out) {
  const char* fn = "mxg_function_num_inputs";
  return guard_out(fn, out, [&] { return need(f, fn, "f").f.inputs().size(); });
}
int mxg_function_num_outputs(const mxg_function* f, size_t* out) {
  const char* fn = "mxg_function_num_outputs";
  return guard_out(fn, out, [&] { return need(f, fn, "f").outputs.size(); });
}
int mxg_function_input(const mxg_function* f, size_t i, mxg_spec* out) {
  return spec_at("mxg_function_input", f, i, out, true);
}
int mxg_function_output(const mxg_function* f, size_t i, mxg_spec* out) {
  return spec_at("mxg_function_output", f, i, out, false);
}
int mxg_function_is_shapeless(const mxg_function* f, int* out) {
  const char* fn = "mxg_function_is_shapeless";
  return guard_out(fn, out, [&] { return need(f, fn, "f").f.shapeless() ? 1 : 0; });
}
int mxg_function_metadata(const mxg_function* f, const char** out) {
  const char* fn = "mxg_function_metadata";
  return guard_out(fn, out, [&] { return need(f, fn, "f").f.metadata().c_str(); });
}

int mxg_function_call(const mxg_function* f, mxg_array* const* inputs, size_t num_inputs,
                      mxg_array** outputs, size_t capacity) {
  const char* fn = "mxg_function_call";
  return guard(fn, [&] {
    const auto& h = need(f, fn, "f");
    if (capacity > 0) need(outputs, fn, "outputs");
    for (size_t i = 0; i < capacity; ++i) outputs[i] = nullptr;
    // A file of several traces calls the one that takes the inputs; its outputs may differ.
    auto result = h.f(to_arrays(inputs, num_inputs, fn, "inputs"));
    if (capacity < result.size()) {
      throw std::invalid_argument("[mxg_function_call] The function has " + std::to_string(result.size()) +
                                  " outputs but `outputs` has room for " + std::to_string(capacity) +
                                  ". Pass an array of mxg_function_num_outputs handles.");
    }
    put_arrays(outputs, result);
  });
}

int mxg_function_to_closure(mxg_closure** out, const mxg_function* f) {
  const char* fn = "mxg_function_to_closure";
  return guard_out(fn, out, [&] {
    const auto& h = need(f, fn, "f");
    ImportedFunction imported = h.f; // shares the graph and the constants
    ArrayFn afn = [imported](const std::vector<array>& in) { return imported(in); };
    return new mxg_closure_t{std::move(afn), h.outputs.size()};
  });
}

int mxg_function_export(const char* path, const mxg_closure* f, mxg_array* const* example_inputs,
                        size_t num_inputs, const char* const* input_names, int shapeless,
                        const char* metadata) {
  const char* fn = "mxg_function_export";
  return guard(fn, [&] {
    need(path, fn, "path");
    std::string p = path;
    const auto& c = need(f, fn, "f");
    auto inputs = to_arrays(example_inputs, num_inputs, fn, "example_inputs");
    auto opt = export_options(fn, num_inputs, input_names, shapeless, metadata);
    writing([&] { export_function(p, c.fn, inputs, opt); });
  });
}

int mxg_function_export_to_memory(char** out, size_t* size, const mxg_closure* f,
                                  mxg_array* const* example_inputs, size_t num_inputs,
                                  const char* const* input_names, int shapeless,
                                  const char* metadata) {
  const char* fn = "mxg_function_export_to_memory";
  return guard_out(fn, out, [&] {
    need(size, fn, "size");
    *size = 0;
    const auto& c = need(f, fn, "f");
    auto inputs = to_arrays(example_inputs, num_inputs, fn, "example_inputs");
    auto opt = export_options(fn, num_inputs, input_names, shapeless, metadata);
    std::string bytes = export_function_bytes(c.fn, inputs, opt);
    char* p = dup_string(bytes); // NUL-terminated copy; the bytes may contain NULs
    *size = bytes.size();
    return p;
  });
}

} // extern "C"
