// Writes the .mxfn file that test_capi_function loads, with the C++ API (so the C
// loader is tested against a file it did not write, and no binary is checked in):
//   f(x: float32[2,3], b: float32[4]) = (matmul(x, W) + b, sum(x)),  W = arange(12)[3,4]
// and OUT.mxfn.multi, two traces of g(x) = 2x (x: float32[2] and int32[3]; format 2).
// Usage: make_test_mxfn OUT.mxfn
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "mxgraph/export.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_test_mxfn OUT.mxfn\n");
    return 2;
  }
  try {
    array w = reshape(arange(0.0, 12.0, 1.0, float32), {3, 4});
    w.eval(); // evaluated: written as a constant
    ArrayFn f = [w](const std::vector<array>& xs) {
      return std::vector<array>{matmul(xs[0], w) + xs[1], sum(xs[0])};
    };
    ExportOptions opt;
    opt.input_names = {"x", "b"};
    opt.metadata = "test_capi_function";
    export_function(argv[1], f, {zeros({2, 3}, float32), zeros({4}, float32)}, opt);
    ArrayFn g = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] + xs[0]}; };
    std::string multi = combine_traces({export_function_bytes(g, {zeros({2}, float32)}),
                                        export_function_bytes(g, {zeros({3}, int32)})});
    std::FILE* out = std::fopen((std::string(argv[1]) + ".multi").c_str(), "wb");
    bool ok = out && std::fwrite(multi.data(), 1, multi.size(), out) == multi.size();
    if (out) ok = std::fclose(out) == 0 && ok;
    if (!ok) throw std::runtime_error("cannot write the .multi file");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_test_mxfn: %s\n", e.what());
    return 1;
  }
  return 0;
}
