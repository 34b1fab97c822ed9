// File I/O at the engine level: the JSON parser, .npy headers, lazy Load nodes,
// round trips through memory, and bad input raising std::invalid_argument.
#include <catch2/catch.hpp>

#include <cstring>
#include <sstream>

#include "io/json.h"
#include "io/npy.h"
#include "mxgraph/io.h"
#include "mxgraph/mxgraph.h"
#include "primitives/io.h"

using namespace mxg;

namespace {

struct StringSink : ByteSink {
  std::string bytes;
  void write(const void* data, size_t n) override { bytes.append(static_cast<const char*>(data), n); }
};

array iota(int64_t n) {
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i) v[i] = float(i);
  return array(v.data(), {n});
}

} // namespace

TEST_CASE("json: values, escapes, integers kept exact") {
  auto j = io::parse_json(R"( {"a": [1, -2, 3.5e2, true, null], "s": "x\u00e9\ud83d\ude00\n", "big": 18446744073709551616} )");
  REQUIRE(j.type == io::Json::Type::object);
  const io::Json* a = j.find("a");
  REQUIRE(a);
  CHECK(a->items.size() == 5);
  CHECK(a->items[1].type == io::Json::Type::integer);
  CHECK(a->items[1].i == -2);
  CHECK(a->items[2].type == io::Json::Type::number);
  CHECK(a->items[2].d == 350.0);
  CHECK(j.find("s")->s == "x\xc3\xa9\xf0\x9f\x98\x80\n");
  CHECK(j.find("big")->type == io::Json::Type::number); // past int64: not an offset
  CHECK(io::parse_json(io::json_quote("q\"\\\x01")).s == "q\"\\\x01");
}

TEST_CASE("json: malformed input and deep nesting are errors, not crashes") {
  for (const char* bad : {"", "{", "{\"a\":}", "[1,]", "01", "1.", "\"\\x\"", "{\"a\":1}x", "tru", "{\"a\":1,\"a\":2}"}) {
    CHECK_THROWS_AS(io::parse_json(bad), std::invalid_argument);
  }
  std::string deep(1000000, '[');
  CHECK_THROWS_WITH(io::parse_json(deep), Catch::Contains("nesting deeper"));
  CHECK_NOTHROW(io::parse_json(std::string(32, '[') + std::string(32, ']')));
}

TEST_CASE("npy header: 64-byte aligned, parsed back") {
  std::string h = io::npy_header_bytes(int16, {3, 0, 7}, true);
  CHECK(h.size() % 64 == 0);
  CHECK(h.back() == '\n');
  io::NpyHeader p = io::parse_npy_header(h);
  CHECK(p.dtype == int16);
  CHECK(p.fortran);
  CHECK(p.shape == Shape{3, 0, 7});
  CHECK(p.nbytes == 0);
  CHECK(io::parse_npy_header(io::npy_header_bytes(bfloat16, {}, false)).dtype == bfloat16);
}

TEST_CASE("load is lazy: a Load node that reads its bytes at eval") {
  StringSink sink;
  save_npy(sink, iota(1000));
  auto src = memory_source(sink.bytes);
  uint64_t before = io_bytes_read();
  array a = load_npy(src);
  uint64_t header = io_bytes_read() - before;
  CHECK(header < 200);
  REQUIRE_FALSE(a.is_evaluated());
  CHECK(a.primitive().kind() == PrimitiveKind::Load);
  CHECK(std::string(primitive_family(PrimitiveKind::Load)) == "io");
  CHECK(describe(a.primitive()).rfind("Load(<memory>", 0) == 0);
  CHECK(io_bytes_read() - before == header);
  array b = a * 2.0f;
  b.eval();
  CHECK(io_bytes_read() - before == header + 4000);
  CHECK(b.data<float>()[999] == 1998.0f);
}

TEST_CASE("npz and safetensors round trips through memory") {
  NamedArrays in = {{"x", iota(10)}, {"y", array({true, false, true})}, {"z", array(int64_t(7))}};
  for (bool compressed : {false, true}) {
    StringSink sink;
    savez(sink, in, compressed);
    NamedArrays out = load_npz(memory_source(sink.bytes));
    REQUIRE(out.size() == 3);
    CHECK(out[0].first == "x");
    CHECK(out[0].second.shape() == Shape{10});
    CHECK(out[2].second.item<int64_t>() == 7);
    array y = out[1].second;
    y.eval();
    CHECK(y.dtype() == bool_);
    CHECK((y.data<bool>()[0] && !y.data<bool>()[1] && y.data<bool>()[2]));
  }
  StringSink sink;
  save_safetensors(sink, in, {{"k", "v"}});
  auto [arrays, meta] = load_safetensors(memory_source(sink.bytes));
  CHECK(meta.at("k") == "v");
  array x = arrays.at(0).second;
  x.eval();
  CHECK(x.shape() == Shape{10});
  CHECK(x.data<float>()[9] == 9.0f);
}

TEST_CASE("bad files raise std::invalid_argument naming load") {
  CHECK_THROWS_WITH(load_npy(memory_source("\x93NUMPY\x01")), Catch::StartsWith("[load]"));
  std::string st(8, '\0');
  st[0] = 3; // one byte more than the header there is
  CHECK_THROWS_AS(load_safetensors(memory_source(st + "{}")), std::invalid_argument);
  CHECK_THROWS_AS(load_npz(memory_source(std::string(100, 'x'))), std::invalid_argument);
  CHECK_THROWS_AS(open_file_source("/nonexistent/file.npy"), file_not_found);
  CHECK_THROWS_WITH(detect_format(*memory_source("hello"), "x.bin"), Catch::Contains("Could not infer"));
}
