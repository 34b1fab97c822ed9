#include "backend/backend.h"

#include "mxgraph/primitive.h"

namespace mxg {
namespace {

class CpuBackend : public Backend {
 public:
  const char* name() const override { return "cpu"; }
  void eval(Primitive& p, const std::vector<array>& inputs,
            std::vector<array>& outputs) override {
    p.eval_cpu(inputs, outputs);
  }
};

Backend* g_backends[2] = {new CpuBackend(), nullptr};

} // namespace

void register_backend(Device::DeviceType type, Backend* backend) {
  g_backends[static_cast<int>(type)] = backend;
}

Backend* backend_for(Device::DeviceType type) { return g_backends[static_cast<int>(type)]; }

} // namespace mxg
