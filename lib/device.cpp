#include "mxgraph/device.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/utsname.h>
#endif

#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "backend/backend.h"

namespace mxg {
namespace {

struct StreamState {
  std::mutex mu;
  Device default_device{Device::cpu, 0};
  bool first_taken[2] = {false, false};
  int next_index = 2;
};

StreamState& state() {
  static StreamState* s = new StreamState();
  return *s;
}

const char* type_name(Device::DeviceType t) { return t == Device::cpu ? "cpu" : "gpu"; }

// Default streams are per thread, as MLX's: a thread gets a new stream per device type
// on first use; the first thread to ask gets streams 0 (cpu) and 1 (gpu).
thread_local std::optional<Stream> t_defaults[2];

std::optional<Stream>& thread_default(Device::DeviceType t) {
  int k = t == Device::cpu ? 0 : 1;
  auto& slot = t_defaults[k];
  if (!slot) {
    std::lock_guard<std::mutex> lk(state().mu);
    int index = state().first_taken[k] ? state().next_index++ : k;
    state().first_taken[k] = true;
    slot = Stream(index, Device(t, 0));
  }
  return slot;
}

void check_available(const Device& d, const char* op) {
  if (!is_available(d)) {
    throw std::invalid_argument("[" + std::string(op) + "] The " + std::string(type_name(d.type)) +
                                " device is not available in this build; compute on mx.cpu.");
  }
}

} // namespace

std::string Device::str() const {
  return std::string("Device(") + type_name(type) + ", " + std::to_string(index) + ")";
}

std::string Stream::str() const {
  return "Stream(" + device.str() + ", " + std::to_string(index) + ")";
}

bool is_available(const Device& d) { return backend_for(d.type) != nullptr; }

std::map<std::string, std::string> device_info(const Device& d) {
  std::map<std::string, std::string> info;
  if (d.type != Device::cpu || !is_available(d)) return info;
  info["architecture"] = "unknown";
#if defined(__unix__) || defined(__APPLE__)
  struct utsname u {};
  if (uname(&u) == 0) info["architecture"] = u.machine;
#endif
  // The CPU's model name, as /proc/cpuinfo gives it (Linux); the architecture elsewhere.
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, name = info["architecture"];
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    auto colon = line.find(':');
    if (colon != std::string::npos) name = line.substr(line.find_first_not_of(" \t", colon + 1));
    break;
  }
  info["device_name"] = name;
  return info;
}

const Device& default_device() { return state().default_device; }

void set_default_device(const Device& d) {
  if (!is_available(d)) {
    throw std::invalid_argument("[set_default_device] The " + std::string(type_name(d.type)) +
                                " device is not available in this build; use mx.cpu.");
  }
  std::lock_guard<std::mutex> lk(state().mu);
  state().default_device = d;
}

Stream default_stream(const Device& d) {
  check_available(d, "default_stream");
  return *thread_default(d.type);
}

void set_default_stream(const Stream& s) {
  check_available(s.device, "set_default_stream");
  thread_default(s.device.type) = s;
  std::lock_guard<std::mutex> lk(state().mu);
  state().default_device = s.device;
}

Stream new_stream(const Device& d) {
  if (!is_available(d)) {
    throw std::invalid_argument("[new_stream] The " + std::string(type_name(d.type)) +
                                " device is not available in this build; use mx.cpu.");
  }
  std::lock_guard<std::mutex> lk(state().mu);
  return Stream(state().next_index++, d);
}

Stream to_stream(const StreamOrDevice& s, const char* op) {
  if (auto* st = std::get_if<Stream>(&s)) {
    check_available(st->device, op);
    return *st;
  }
  Device d = std::holds_alternative<std::monostate>(s) ? default_device() : std::get<Device>(s);
  check_available(d, op);
  return *thread_default(d.type);
}

StreamContext::StreamContext(const StreamOrDevice& s)
    : old_device_(default_device()), old_stream_(default_stream(default_device())) {
  if (std::holds_alternative<std::monostate>(s)) return;
  if (auto* st = std::get_if<Stream>(&s)) {
    set_default_stream(*st);
  } else {
    set_default_device(std::get<Device>(s));
  }
}

StreamContext::~StreamContext() {
  thread_default(old_stream_.device.type) = old_stream_;
  std::lock_guard<std::mutex> lk(state().mu);
  state().default_device = old_device_;
}

} // namespace mxg
