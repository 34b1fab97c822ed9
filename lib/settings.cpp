// The settings table (include/mxgraph/settings.h): each variable is read from the
// environment once, at its first use, so a test may still set one before that.
#include "mxgraph/settings.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace mxg {
namespace {

constexpr size_t kCount = 0
#define MXG_SETTING_COUNT(name, env, type, def, doc) +1
    MXG_SETTINGS(MXG_SETTING_COUNT)
#undef MXG_SETTING_COUNT
    ;

struct Slot {
  std::once_flag once;
  std::string text;
};

std::array<Slot, kCount>& slots() {
  static std::array<Slot, kCount> s;
  return s;
}

[[noreturn]] void bad_value(Setting s, const char* what) {
  const SettingInfo& info = settings_table()[static_cast<size_t>(s)];
  throw std::invalid_argument(std::string("[settings] ") + info.env + " must be " + what + ", not '" +
                              setting_text(s) + "'. Unset it or give a valid value.");
}

} // namespace

const std::vector<SettingInfo>& settings_table() {
  static const std::vector<SettingInfo> table{
#define MXG_SETTING_ROW(name, env, type, def, doc) SettingInfo{env, #type, def, doc},
      MXG_SETTINGS(MXG_SETTING_ROW)
#undef MXG_SETTING_ROW
  };
  return table;
}

const std::string& setting_text(Setting s) {
  Slot& slot = slots()[static_cast<size_t>(s)];
  std::call_once(slot.once, [&] {
    const SettingInfo& info = settings_table()[static_cast<size_t>(s)];
    const char* v = std::getenv(info.env);
    slot.text = v && *v ? v : info.default_value;
  });
  return slot.text;
}

int64_t setting_int(Setting s) {
  const std::string& t = setting_text(s);
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(t.c_str(), &end, 10);
  if (t.empty() || *end != '\0' || errno == ERANGE) bad_value(s, "an integer");
  return v;
}

double setting_double(Setting s) {
  const std::string& t = setting_text(s);
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0') bad_value(s, "a number");
  return v;
}

bool setting_bool(Setting s) {
  const std::string& t = setting_text(s);
  return !t.empty() && t != "0";
}

} // namespace mxg
