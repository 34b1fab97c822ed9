// Error paths of the engine: a kernel that throws (on a pool thread or the caller),
// arrays staying consistent afterwards, memory limits, the interrupt hook, and the
// thread pool under concurrent callers.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "backend/thread_pool.h"
#include "cpu/elementwise_common.h"
#include "interrupt.h"
#include "mxgraph/mxgraph.h"
#include "mxgraph/primitive.h"

using namespace mxg;

namespace {

// Doubles its input (in place when the input can be donated). While `fail` is set,
// every chunk a pool worker runs throws before writing; the caller's chunk waits for
// that, so the exception surely comes from a worker thread.
class Flaky : public Primitive {
 public:
  Flaky(Stream s, std::atomic<bool>* fail) : Primitive(s), fail_(fail) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Unary; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override {
    array& out = outputs[0];
    const float* src = inputs[0].data<float>(); // row-contiguous in these tests
    donated = inputs[0].is_donatable();
    alloc_like(out, inputs[0], {&inputs[0]});
    float* dst = out.data<float>();
    bool fail = fail_->load();
    auto caller = std::this_thread::get_id();
    std::atomic<bool> thrown{false};
    parallel_for(out.size(), 1024, [&](int64_t b, int64_t e) {
      if (fail && std::this_thread::get_id() != caller) {
        thrown = true;
        throw std::runtime_error("[flaky] kernel failed on a worker.");
      }
      if (fail) {
        for (int i = 0; i < 5000 && !thrown; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return;
      }
      for (int64_t i = b; i < e; ++i) dst[i] = 2.0f * src[i];
    });
  }
  static inline bool donated = false;

 private:
  std::atomic<bool>* fail_;
};

array flaky(const array& x, std::atomic<bool>* fail) {
  return array(x.shape(), float32, std::make_shared<Flaky>(to_stream({}), fail), {x});
}

int g_checks = 0;
void counting_check() {
  if (++g_checks >= 1) throw std::runtime_error("[test] interrupted.");
}

} // namespace

TEST_CASE("a kernel exception on a pool thread reaches eval's caller; arrays stay usable") {
  int saved = num_threads();
  set_num_threads(4);
  std::atomic<bool> fail{true};
  array x = arange(0.0, 100000.0, 1.0, float32);
  array y = flaky(x + 1.0f, &fail); // x + 1 is a donatable intermediate
  array z = y + 1.0f;
  CHECK_THROWS_WITH(z.eval(), Catch::Contains("[flaky] kernel failed on a worker"));
  CHECK(Flaky::donated); // the failed kernel had taken its input's buffer
  CHECK_FALSE(y.is_evaluated());
  CHECK_FALSE(z.is_evaluated());
  fail = false;
  z.eval(); // the failed node runs again with its input intact
  CHECK(z.data<float>()[0] == 3.0f);
  CHECK(z.data<float>()[99999] == 2.0f * 100000.0f + 1.0f);
  set_num_threads(saved);
}

TEST_CASE("parallel_for rethrows a worker's exception and the pool keeps working") {
  int saved = num_threads();
  set_num_threads(4);
  for (int round = 0; round < 50; ++round) {
    CHECK_THROWS_WITH(parallel_for(1 << 16, 256, [](int64_t b, int64_t) {
                        if (b >= (1 << 15)) throw std::invalid_argument("worker says no");
                      }),
                      "worker says no");
    std::atomic<int64_t> total{0};
    parallel_for(1 << 16, 256, [&](int64_t b, int64_t e) { total += e - b; });
    CHECK(total.load() == (1 << 16));
  }
  set_num_threads(saved);
}

TEST_CASE("parallel_for from several threads at once: every chunk runs exactly once") {
  int saved = num_threads();
  set_num_threads(3);
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        std::vector<std::atomic<int>> hits(4096);
        parallel_for(4096, 64, [&](int64_t b, int64_t e) {
          for (int64_t i = b; i < e; ++i) hits[i]++;
        });
        for (auto& h : hits) bad += h.load() != 1;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(bad.load() == 0);
  set_num_threads(saved);
}

TEST_CASE("independent graphs evaluated from several threads give correct results") {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        array x = full({1000}, array(float(t)), float32);
        for (int i = 0; i < 100; ++i) x = x + 1.0f;
        array s = sum(x * 2.0f);
        s.eval();
        if (s.item<float>() != 2000.0f * (t + 100)) wrong++;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(wrong.load() == 0);
}

TEST_CASE("the memory limit gives out_of_memory and the arrays stay evaluable") {
  size_t old = set_memory_limit(get_active_memory() + (1 << 20));
  array big = arange(0.0, double(1 << 22), 1.0, float32) * 2.0f; // 16 MB
  CHECK_THROWS_AS(big.eval(), out_of_memory);
  CHECK_FALSE(big.is_evaluated());
  set_memory_limit(old);
  big.eval();
  CHECK(big.data<float>()[(1 << 22) - 1] == 2.0f * ((1 << 22) - 1));
}

TEST_CASE("the interrupt check stops a long evaluation; the rest stays pending") {
  array x = ones({64}, float32);
  for (int i = 0; i < 300000; ++i) x = x + 1.0f;
  g_checks = 0;
  set_interrupt_check(&counting_check);
  CHECK_THROWS_WITH(x.eval(), "[test] interrupted.");
  set_interrupt_check(nullptr);
  CHECK(g_checks == 1);
  CHECK_FALSE(x.is_evaluated());
  x.eval();
  CHECK(x.data<float>()[0] == 300001.0f);
}
