// Random numbers: the Threefry block function, the bits layout, keys and the global key.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <thread>

#include "mxgraph/mxgraph.h"
#include "mxgraph/random.h"

using namespace mxg;

TEST_CASE("threefry2x32_20 matches the Random123 known-answer vectors") {
  // (key, counter) -> output, from the Random123 kat_vectors for threefry2x32 with 20 rounds.
  using P = std::pair<uint32_t, uint32_t>;
  CHECK(random::threefry2x32(P{0, 0}, P{0, 0}) == P{0x6b200159u, 0x99ba4efeu});
  CHECK(random::threefry2x32(P{0xffffffffu, 0xffffffffu}, P{0xffffffffu, 0xffffffffu}) ==
        P{0x1cb996fcu, 0xbb002be7u});
  CHECK(random::threefry2x32(P{0x13198a2eu, 0x03707344u}, P{0x243f6a88u, 0x85a308d3u}) ==
        P{0xc4923a9cu, 0x483df7a0u});
}

TEST_CASE("bits lays counters out as MLX and JAX do") {
  // split(key(0)) is the widely published JAX value for PRNGKey(0).
  array k = random::split(random::key(0), 2);
  k.eval();
  const uint32_t* p = k.data<uint32_t>();
  CHECK(p[0] == 4146024105u);
  CHECK(p[1] == 967050713u);
  CHECK(p[2] == 2718843009u);
  CHECK(p[3] == 1272950319u);
  // An odd word count: the middle word comes from counter (half, 0).
  array b = random::bits({5}, 4, random::key(7));
  b.eval();
  auto w = b.data<uint32_t>();
  std::pair<uint32_t, uint32_t> key{0, 7};
  CHECK(w[2] == random::threefry2x32(key, {2, 0}).first);
  CHECK(w[0] == random::threefry2x32(key, {0, 3}).first);
  CHECK(w[4] == random::threefry2x32(key, {1, 4}).second);
}

TEST_CASE("bits is a pending RandomBits node, uint64 for width 8") {
  array b = random::bits({2, 3}, 8, random::key(1));
  CHECK_FALSE(b.is_evaluated());
  CHECK(b.dtype() == uint64);
  std::ostringstream os;
  b.primitive().print(os);
  CHECK(os.str() == "RandomBits(shape=(2, 3), width=8)");
  CHECK(random::bits({4}, 4, random::key(1)).primitive().is_equivalent(
      random::bits({4}, 4, random::key(2)).primitive()));
  CHECK_FALSE(random::bits({4}, 4, random::key(1)).primitive().is_equivalent(
      random::bits({5}, 4, random::key(1)).primitive()));
}

TEST_CASE("a non-contiguous key is read through its strides") {
  // broadcast_to gives a stride-0 view: both words equal.
  array a = random::bits({3}, 4, broadcast_to(array(uint32_t(5)), {2}));
  array b = random::bits({3}, 4, array({5u, 5u}, uint32));
  eval({a, b});
  for (int i = 0; i < 3; ++i) CHECK(a.data<uint32_t>()[i] == b.data<uint32_t>()[i]);
}

TEST_CASE("the global key reproduces after seed and is safe across threads") {
  random::seed(42);
  array a = random::bits({8});
  random::seed(42);
  array b = random::bits({8});
  array c = random::bits({8});
  eval({a, b, c});
  for (int i = 0; i < 8; ++i) CHECK(a.data<uint32_t>()[i] == b.data<uint32_t>()[i]);
  CHECK(a.data<uint32_t>()[0] != c.data<uint32_t>()[0]);
  // Concurrent draws each get a distinct key.
  random::seed(1);
  std::vector<std::pair<uint32_t, uint32_t>> got(8 * 200);
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        array k = random::next_key();
        got[t * 200 + i] = {k.data<uint32_t>()[0], k.data<uint32_t>()[1]};
      }
    });
  }
  for (auto& t : ts) t.join();
  std::set<std::pair<uint32_t, uint32_t>> uniq(got.begin(), got.end());
  CHECK(uniq.size() == got.size());
}

TEST_CASE("a pending key advances by a split in the graph, to the eager words") {
  random::seed(9);
  array eager = random::next_key();
  array eager_state = random::state();
  random::set_state(add(random::key(9), array(0u, uint32))); // pending
  array lazy = random::next_key();
  array lazy_state = random::state();
  CHECK_FALSE(lazy.is_evaluated());
  eval({eager, eager_state, lazy, lazy_state});
  for (int i = 0; i < 2; ++i) {
    CHECK(eager.data<uint32_t>()[i] == lazy.data<uint32_t>()[i]);
    CHECK(eager_state.data<uint32_t>()[i] == lazy_state.data<uint32_t>()[i]);
  }
  CHECK_THROWS_AS(random::set_state(array({1u, 2u, 3u}, uint32)), std::invalid_argument);
  CHECK_THROWS_AS(random::set_state(array({1, 2}, int32)), std::invalid_argument);
}

TEST_CASE("each thread has its own key; seed acts on the calling thread") {
  random::seed(5);
  array before = random::state();
  uint32_t seen[2] = {0, 0};
  std::thread t([&] {
    random::seed(77);
    array k = random::state();
    seen[0] = k.data<uint32_t>()[0];
    seen[1] = k.data<uint32_t>()[1];
  });
  t.join();
  CHECK(seen[0] == 0u);
  CHECK(seen[1] == 77u);
  array after = random::state();
  CHECK(after.data<uint32_t>()[1] == before.data<uint32_t>()[1]);
  CHECK(after.data<uint32_t>()[1] == 5u);
}

TEST_CASE("random ops check their arguments at the call") {
  CHECK_THROWS_AS(random::bits({-1}), std::invalid_argument);
  CHECK_THROWS_AS(random::bits({int64_t{1} << 31, 3}), std::invalid_argument);
  CHECK_THROWS_AS(random::bits({2}, 4, array({1u, 2u, 3u}, uint32)), std::invalid_argument);
  CHECK_THROWS_AS(random::bits({2}, 4, array({1, 2}, int32)), std::invalid_argument);
  CHECK_THROWS_AS(random::uniform({2}, int32), std::invalid_argument);
  CHECK_THROWS_AS(random::randint(array(0), array(3), {2}, float32), std::invalid_argument);
}
