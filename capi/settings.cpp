// The C ABI's view of the settings table (include/mxgraph/settings.h).
#include <stdexcept>

#include "capi_internal.h"
#include "mxgraph/settings.h"

using namespace mxg;
using namespace mxg::capi;

extern "C" {

size_t mxg_settings_count(void) { return settings_table().size(); }

int mxg_setting_info(size_t i, const char** env, const char** type, const char** default_value,
                     const char** doc) {
  for (const char** p : {env, type, default_value, doc}) {
    if (p) *p = nullptr;
  }
  return guard("mxg_setting_info", [&] {
    const auto& table = settings_table();
    if (i >= table.size()) {
      throw std::out_of_range("[mxg_setting_info] Index " + std::to_string(i) + " is out of range for " +
                              std::to_string(table.size()) + " settings. Use i < mxg_settings_count().");
    }
    if (env) *env = table[i].env;
    if (type) *type = table[i].type;
    if (default_value) *default_value = table[i].default_value;
    if (doc) *doc = table[i].doc;
  });
}

int mxg_setting_value(const char* env, const char** out) {
  const char* fn = "mxg_setting_value";
  return guard_out(fn, out, [&]() -> const char* {
    need(env, fn, "env");
    std::string name = env;
    const auto& table = settings_table();
    for (size_t i = 0; i < table.size(); ++i) {
      if (name == table[i].env) return setting_text(static_cast<Setting>(i)).c_str();
    }
    throw std::invalid_argument("[mxg_setting_value] Unknown setting '" + name +
                                "'. The settings are listed by mxg_setting_info and in docs/settings.md.");
  });
}

} // extern "C"
