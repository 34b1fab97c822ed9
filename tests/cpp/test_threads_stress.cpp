// Threads: independent graphs on 8 threads, shared read-only inputs, one pending array
// evaluated from two threads, async_eval with concurrent readers, and an imported
// function called from several threads. scripts/tsan.sh runs these under ThreadSanitizer,
// where any race fails the run; here the values are checked against closed forms.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "mxgraph/export.h"
#include "mxgraph/io.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

constexpr int kThreads = 8;

// Runs fn(t) on kThreads threads released together, so their work overlaps.
template <typename Fn>
void on_threads(int n, Fn fn) {
  std::atomic<int> ready{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < n; ++t) {
    ts.emplace_back([&, t] {
      ready++;
      while (ready.load() < n) std::this_thread::yield();
      fn(t);
    });
  }
  for (auto& th : ts) th.join();
}

// (x * 2 + 1) repeated `n` times from x = v: 2^n v + (2^n - 1).
array chain(array x, int n) {
  for (int i = 0; i < n; ++i) x = x * 2.0f + 1.0f;
  return x;
}

} // namespace

TEST_CASE("threads: 8 threads build and evaluate independent graphs", "[threads]") {
  std::vector<double> sums(kThreads), mm(kThreads);
  on_threads(kThreads, [&](int t) {
    for (int round = 0; round < 5; ++round) {
      array x = full({257}, array(float(t)), float32);
      array y = sum(chain(x, 10));
      array m = matmul(full({16, 8}, array(float(t)), float32), ones({8, 4}));
      eval({y, m});
      sums[t] = y.item<double>();
      mm[t] = m.data<float>()[5];
    }
  });
  for (int t = 0; t < kThreads; ++t) {
    CHECK(sums[t] == Approx(257.0 * (1024.0 * t + 1023.0)));
    CHECK(mm[t] == Approx(8.0 * t));
  }
}

TEST_CASE("threads: shared read-only inputs, evaluated and pending-free", "[threads]") {
  array a = arange(0.0, 1000.0, 1.0, float32);
  array big = broadcast_to(array(1.0f), {1 << 17}) + 0.0f; // large enough for the pool
  eval({a, big});
  std::vector<double> got(kThreads), got_big(kThreads);
  on_threads(kThreads, [&](int t) {
    array s = sum(a * float(t + 1));
    array b = sum(big * float(t));
    eval({s, b});
    got[t] = s.item<double>();
    got_big[t] = b.item<double>();
  });
  for (int t = 0; t < kThreads; ++t) {
    CHECK(got[t] == Approx((t + 1) * 999.0 * 1000.0 / 2.0));
    CHECK(got_big[t] == Approx(double(t) * (1 << 17)));
  }
}

TEST_CASE("threads: one pending array evaluated from several threads at once", "[threads]") {
  for (int round = 0; round < 10; ++round) {
    array x = full({64}, array(1.0f), float32);
    array y = chain(x, 20);            // shared pending graph
    array z = sum(y);                  // evaluated by every thread
    std::vector<double> own(kThreads), shared(kThreads);
    on_threads(kThreads, [&](int t) {
      array mine = sum(y * float(t)); // each thread's own graph over the shared one
      if (t % 2) {
        eval({z, mine});
      } else {
        eval({mine, z});
      }
      own[t] = mine.item<double>();
      shared[t] = z.item<double>();
    });
    double yv = 2.0 * (1 << 20) - 1.0; // 2^20 * 1 + 2^20 - 1
    for (int t = 0; t < kThreads; ++t) {
      CHECK(shared[t] == Approx(64.0 * yv));
      CHECK(own[t] == Approx(64.0 * yv * t));
    }
  }
}

TEST_CASE("threads: async_eval while other threads read the same arrays", "[threads]") {
  array x = arange(0.0, 512.0, 1.0, float32);
  array y = chain(x, 5); // 32 x + 31
  array s = sum(y);
  std::vector<double> first(kThreads), total(kThreads);
  on_threads(kThreads, [&](int t) {
    if (t == 0) async_eval({y, s});
    first[t] = slice(y, {1}, {2}).item<double>();
    total[t] = s.item<double>();
  });
  for (int t = 0; t < kThreads; ++t) {
    CHECK(first[t] == Approx(63.0));
    CHECK(total[t] == Approx(32.0 * 511.0 * 512.0 / 2.0 + 31.0 * 512.0));
  }
}

TEST_CASE("threads: an imported function called and evaluated from several threads", "[threads]") {
  // The function captures a constant, which the import loads lazily from the bytes.
  array w = arange(1.0, 65.0, 1.0, float32);
  w.eval(); // evaluated when captured: stored as a constant, not as an arange node
  auto f = [w](const std::vector<array>& xs) { return std::vector<array>{sum(xs[0] * w)}; };
  std::string bytes = export_function_bytes(f, {zeros({64})});
  for (int round = 0; round < 5; ++round) {
    ImportedFunction g = import_function_from_buffer(bytes.data(), bytes.size());
    uint64_t read_before = io_bytes_read();
    std::vector<double> got(kThreads);
    on_threads(kThreads, [&](int t) {
      array out = g({full({64}, array(float(t)), float32)})[0];
      eval({out}); // the first evaluations of the shared constant, at once
      got[t] = out.item<double>();
    });
    for (int t = 0; t < kThreads; ++t) CHECK(got[t] == Approx(t * 64.0 * 65.0 / 2.0));
    // The constant's 256 bytes were read once, not once per thread.
    CHECK(io_bytes_read() - read_before == 64 * sizeof(float));
  }
}
