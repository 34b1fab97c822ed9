// The device interface: a backend runs primitives for one device type. The CPU
// backend is built in; another (Metal, CUDA) is a folder under kernels/ that
// registers itself here, without touching ops.
#pragma once

#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/device.h"

namespace mxg {

class Primitive;

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;
  /// Computes `outputs` of `p` from evaluated `inputs` on this backend's device.
  virtual void eval(Primitive& p, const std::vector<array>& inputs,
                    std::vector<array>& outputs) = 0;
};

/// Registers the backend for a device type (takes ownership; lives for the process).
void register_backend(Device::DeviceType type, Backend* backend);
/// The backend for a device type, or nullptr when none is built in.
Backend* backend_for(Device::DeviceType type);

} // namespace mxg
