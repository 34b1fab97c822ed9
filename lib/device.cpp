#include "mxgraph/device.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/utsname.h>
#endif

#include <fstream>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "backend/backend.h"

namespace mxg {
namespace {

struct StreamState {
  std::mutex mu;
  Device default_device{Device::cpu, 0};
  std::vector<Stream> defaults{Stream(0, Device(Device::cpu, 0)), Stream(1, Device(Device::gpu, 0))};
  int next_index = 2;
};

StreamState& state() {
  static StreamState* s = new StreamState();
  return *s;
}

const char* type_name(Device::DeviceType t) { return t == Device::cpu ? "cpu" : "gpu"; }

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
  std::lock_guard<std::mutex> lk(state().mu);
  return state().defaults[d.type == Device::cpu ? 0 : 1];
}

void set_default_stream(const Stream& s) {
  if (!is_available(s.device)) {
    throw std::invalid_argument("[set_default_stream] The stream's device is not available.");
  }
  std::lock_guard<std::mutex> lk(state().mu);
  state().defaults[s.device.type == Device::cpu ? 0 : 1] = s;
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
  Stream out;
  if (std::holds_alternative<std::monostate>(s)) {
    out = default_stream(default_device());
  } else if (auto* st = std::get_if<Stream>(&s)) {
    out = *st;
  } else {
    out = default_stream(std::get<Device>(s));
  }
  if (!is_available(out.device)) {
    throw std::invalid_argument("[" + std::string(op) + "] The " +
                                std::string(type_name(out.device.type)) +
                                " device is not available in this build; compute on mx.cpu.");
  }
  return out;
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
  std::lock_guard<std::mutex> lk(state().mu);
  state().defaults[old_stream_.device.type == Device::cpu ? 0 : 1] = old_stream_;
  state().default_device = old_device_;
}

} // namespace mxg
