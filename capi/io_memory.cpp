// The C ABI's files, named-array maps, graph dumps and memory counters.
#include <algorithm>
#include <sstream>

#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

const char* str(const char* p, const char* fn, const char* what) {
  need(p, fn, what);
  return p;
}

} // namespace

extern "C" {

int mxg_named_arrays_new(mxg_named_arrays** out) {
  return guard_out("mxg_named_arrays_new", out, [] { return new mxg_named_arrays_t{}; });
}
int mxg_named_arrays_set(mxg_named_arrays* m, const char* name, const mxg_array* a) {
  const char* fn = "mxg_named_arrays_set";
  return guard(fn, [&] {
    auto& items = need(m, fn, "m").items;
    std::string key = str(name, fn, "name");
    const array& x = arr(a, fn);
    auto it = std::find_if(items.begin(), items.end(), [&](auto& kv) { return kv.first == key; });
    if (it != items.end()) {
      it->second = x;
    } else {
      items.emplace_back(key, x);
    }
  });
}
int mxg_named_arrays_size(const mxg_named_arrays* m, size_t* out) {
  return guard_out("mxg_named_arrays_size", out,
                   [&] { return need(m, "mxg_named_arrays_size", "m").items.size(); });
}
int mxg_named_arrays_name(const mxg_named_arrays* m, size_t i, const char** out) {
  const char* fn = "mxg_named_arrays_name";
  return guard_out(fn, out, [&] {
    const auto& items = need(m, fn, "m").items;
    if (i >= items.size()) {
      throw std::out_of_range("[mxg_named_arrays_name] Index " + std::to_string(i) +
                              " is out of range for a map of " + std::to_string(items.size()) +
                              " arrays.");
    }
    return items[i].first.c_str();
  });
}
int mxg_named_arrays_get(const mxg_named_arrays* m, const char* name, mxg_array** out) {
  const char* fn = "mxg_named_arrays_get";
  return guard_array(fn, out, [&] {
    const auto& items = need(m, fn, "m").items;
    std::string key = str(name, fn, "name");
    for (const auto& kv : items) {
      if (kv.first == key) return kv.second;
    }
    throw std::out_of_range("[mxg_named_arrays_get] No array named '" + key + "'.");
  });
}

int mxg_load_npy(mxg_array** out, const char* path, const mxg_stream* s) {
  const char* fn = "mxg_load_npy";
  return guard_array(fn, out, [&] { return load(str(path, fn, "path"), stream(s)); });
}
int mxg_load_npz(mxg_named_arrays** out, const char* path, const mxg_stream* s) {
  const char* fn = "mxg_load_npz";
  return guard_out(fn, out, [&] {
    auto items = load_npz(open_file_source(str(path, fn, "path")), stream(s));
    return new mxg_named_arrays_t{std::move(items)};
  });
}
int mxg_load_safetensors(mxg_named_arrays** out, const char* path, const mxg_stream* s) {
  const char* fn = "mxg_load_safetensors";
  return guard_out(fn, out, [&] {
    auto loaded = load_safetensors(open_file_source(str(path, fn, "path")), stream(s));
    return new mxg_named_arrays_t{std::move(loaded.first)};
  });
}
int mxg_save_npy(const char* path, const mxg_array* a) {
  const char* fn = "mxg_save_npy";
  return guard(fn, [&] { save(str(path, fn, "path"), arr(a, fn)); });
}
int mxg_save_safetensors(const char* path, const mxg_named_arrays* m) {
  const char* fn = "mxg_save_safetensors";
  return guard(fn, [&] { save_safetensors(str(path, fn, "path"), need(m, fn, "m").items); });
}
int mxg_savez(const char* path, const mxg_named_arrays* m, int compressed) {
  const char* fn = "mxg_savez";
  return guard(fn, [&] { savez(str(path, fn, "path"), need(m, fn, "m").items, compressed != 0); });
}

int mxg_export_to_dot(char** out, mxg_array* const* outputs, size_t num) {
  const char* fn = "mxg_export_to_dot";
  return guard_out(fn, out, [&] {
    std::ostringstream os;
    export_to_dot(os, to_arrays(outputs, num, fn, "outputs"));
    return dup_string(os.str());
  });
}

int mxg_get_active_memory(size_t* out) {
  return guard_out("mxg_get_active_memory", out, [] { return get_active_memory(); });
}
int mxg_get_peak_memory(size_t* out) {
  return guard_out("mxg_get_peak_memory", out, [] { return get_peak_memory(); });
}
int mxg_reset_peak_memory(void) { return guard("mxg_reset_peak_memory", [] { reset_peak_memory(); }); }
int mxg_get_cache_memory(size_t* out) {
  return guard_out("mxg_get_cache_memory", out, [] { return get_cache_memory(); });
}
int mxg_clear_cache(void) { return guard("mxg_clear_cache", [] { clear_cache(); }); }
int mxg_set_memory_limit(size_t limit, size_t* previous) {
  return guard("mxg_set_memory_limit", [&] {
    size_t prev = set_memory_limit(limit);
    if (previous) *previous = prev;
  });
}
int mxg_set_cache_limit(size_t limit, size_t* previous) {
  return guard("mxg_set_cache_limit", [&] {
    size_t prev = set_cache_limit(limit);
    if (previous) *previous = prev;
  });
}

} // extern "C"
