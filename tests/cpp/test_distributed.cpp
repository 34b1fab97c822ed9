// mx.distributed at the engine level, in one process: the registry entries, a group
// of one making every collective the identity (no graph node), and the errors raised
// at the call. The multi-process behaviour is tested under mpirun (tests/distributed).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "mxgraph/distributed.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;
namespace dist = mxg::distributed;

TEST_CASE("the distributed primitives are in the registry") {
  for (auto k : {PrimitiveKind::AllReduce, PrimitiveKind::AllGather, PrimitiveKind::ReduceScatter,
                 PrimitiveKind::Send, PrimitiveKind::Recv}) {
    CHECK(std::string(primitive_family(k)) == "distributed");
  }
  CHECK(std::string(primitive_kind_name(PrimitiveKind::ReduceScatter)) == "ReduceScatter");
}

TEST_CASE("a group of one process makes collectives identities") {
  dist::Group g = dist::init();
  REQUIRE(g.size() == 1);
  CHECK(g.rank() == 0);
  CHECK(g.split(1).size() == 1);
  array x({1.0f, 2.0f, 3.0f});
  CHECK(dist::all_sum(x).id() == x.id());
  CHECK(dist::all_max(x, g).id() == x.id());
  CHECK(dist::sum_scatter(x).id() == x.id());
  array s(5.0f);
  array gathered = dist::all_gather(s);
  CHECK(gathered.shape() == Shape{1});
  CHECK(gathered.item<float>() == 5.0f);
}

TEST_CASE("distributed errors are raised at the call") {
  array x({1.0f, 2.0f});
  CHECK_THROWS_AS(dist::send(x, 1), std::invalid_argument);
  CHECK_THROWS_AS(dist::recv({2}, float32, 0), std::invalid_argument);
  CHECK_THROWS_AS(dist::sum_scatter(array(1.0f)), std::invalid_argument);
  CHECK_THROWS_AS(dist::init(false, "ring"), std::invalid_argument);
}

TEST_CASE("MXGRAPH_DIST_NO_MPI hides MPI and strict init then fails") {
  setenv("MXGRAPH_DIST_NO_MPI", "1", 1);
  CHECK_FALSE(dist::is_available());
  CHECK_THROWS_WITH(dist::init(true), Catch::Contains("No distributed backend is available"));
  CHECK(dist::init().size() == 1);
  unsetenv("MXGRAPH_DIST_NO_MPI");
}
