// The lazy-evaluation guide, in C++: build a graph, see that nothing ran, evaluate
// only what is needed, then take a gradient. Exits non-zero if a result is wrong.
#include <cmath>
#include <iostream>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

bool check(bool ok, const char* what) {
  std::cout << (ok ? "ok:    " : "WRONG: ") << what << "\n";
  return ok;
}

} // namespace

int main() {
  bool ok = true;

  // 1. Build a graph: nothing is computed yet.
  array x({1.0f, 2.0f, 3.0f});
  array y({4.0f, 5.0f, 6.0f});
  array z = x + y;
  array w = z * 2.0f;
  ok &= check(!w.is_evaluated(), "w = (x + y) * 2 is pending after it is built");

  // 2. Explicit evaluation computes w (and z on the way).
  eval({w});
  std::cout << "w = " << w << "\n";
  const float* wd = w.data<float>();
  ok &= check(w.is_evaluated() && wd[0] == 10 && wd[1] == 14 && wd[2] == 18,
              "eval(w) computed [10, 14, 18]");

  // 3. Selective computation: of two branches, only the one asked for runs.
  array a = random::normal({100, 100}, float32, std::nullopt, std::nullopt, random::key(0));
  array used = sum(matmul(a, a));
  array unused = exp(matmul(a, transpose(a)));
  auto before = eval_counters().nodes_run;
  eval({used});
  auto ran = eval_counters().nodes_run - before;
  std::cout << "evaluating `used` ran " << ran << " primitives\n";
  ok &= check(!unused.is_evaluated(), "the unused branch was not computed");

  // 4. A gradient: d/dx sum(x^2 * y) = 2xy, as a pending graph until evaluated.
  auto loss = [](const std::vector<array>& in) { return std::vector<array>{sum(in[0] * in[0] * in[1])}; };
  auto [values, grads] = value_and_grad(loss, {0})({x, y});
  eval({values[0], grads[0]});
  std::cout << "loss = " << values[0] << ", grad = " << grads[0] << "\n";
  const float* g = grads[0].data<float>();
  ok &= check(values[0].item<float>() == 4 + 20 + 54, "loss = sum(x^2 y) = 78");
  ok &= check(g[0] == 8 && g[1] == 20 && g[2] == 36, "grad = 2xy = [8, 20, 36]");

  std::cout << (ok ? "walk-through finished" : "walk-through FAILED") << "\n";
  return ok ? 0 : 1;
}
