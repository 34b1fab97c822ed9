// Devices and streams. Operations take a StreamOrDevice; the default is the
// default stream of the default device.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

namespace mxg {

struct Device {
  enum class DeviceType { cpu = 0, gpu = 1 };
  static constexpr DeviceType cpu = DeviceType::cpu;
  static constexpr DeviceType gpu = DeviceType::gpu;

  DeviceType type = DeviceType::cpu;
  int index = 0;

  Device() = default;
  Device(DeviceType t, int i = 0) : type(t), index(i) {}
  bool operator==(const Device& o) const { return type == o.type && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }
  std::string str() const;
};

struct Stream {
  int index = 0;
  Device device;
  Stream() = default;
  Stream(int i, Device d) : index(i), device(d) {}
  bool operator==(const Stream& o) const { return index == o.index && device == o.device; }
  bool operator!=(const Stream& o) const { return !(*this == o); }
  std::string str() const;
};

/// What an op accepts for `stream=`: nothing (the default), a stream or a device.
using StreamOrDevice = std::variant<std::monostate, Stream, Device>;

/// True when a backend for the device is built in and usable.
bool is_available(const Device& d);
/// What MLX's device_info reports: for the CPU its "architecture" and
/// "device_name"; an empty map for a device this build lacks.
std::map<std::string, std::string> device_info(const Device& d);
const Device& default_device();
/// Throws std::invalid_argument when the device is not available.
void set_default_device(const Device& d);
Stream default_stream(const Device& d);
void set_default_stream(const Stream& s);
Stream new_stream(const Device& d);
/// Resolves a StreamOrDevice; `op` names the caller in the error raised when the
/// device has no backend.
Stream to_stream(const StreamOrDevice& s, const char* op = "stream");

/// Makes a stream or device the default for the lifetime of the object (mx.stream).
class StreamContext {
 public:
  explicit StreamContext(const StreamOrDevice& s);
  ~StreamContext();
  StreamContext(const StreamContext&) = delete;
  StreamContext& operator=(const StreamContext&) = delete;

 private:
  Device old_device_;
  Stream old_stream_;
};

} // namespace mxg
