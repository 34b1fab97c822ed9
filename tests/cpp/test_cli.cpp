// The command line (mxg::cli_main) called directly: every command, help, exit codes
// and one-line errors for bad files and bad command lines.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "mxgraph/cli.h"
#include "mxgraph/export.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

struct Result {
  int rc;
  std::string out, err;
};

Result cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int rc = cli_main(args, out, err);
  return {rc, out.str(), err.str()};
}

// A scratch folder for one test, removed with its files.
struct TempDir {
  std::string path;
  TempDir() {
    std::string t = "/tmp/mxgraph-cli-test-XXXXXX";
    path = mkdtemp(t.data());
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// f(x, w) = (exp(x) @ w + 1, sum(x)) with inputs named x and w.
std::string export_example(const TempDir& dir) {
  ArrayFn f = [](const std::vector<array>& xs) {
    return std::vector<array>{matmul(exp(xs[0]), xs[1]) + 1.0f, sum(xs[0])};
  };
  ExportOptions opt;
  opt.input_names = {"x", "w"};
  std::string path = dir / "f.mxfn";
  export_function(path, f, {zeros({2, 3}), zeros({3, 4})}, opt);
  return path;
}

bool one_error_line(const Result& r) {
  return r.out.empty() && r.err.rfind("mxgraph", 0) == 0 && r.err.find('\n') == r.err.size() - 1;
}

} // namespace

TEST_CASE("cli: help, version and usage errors") {
  auto r = cli({"--help"});
  CHECK(r.rc == 0);
  CHECK(r.out.find("dump FILE.mxfn") != std::string::npos);
  CHECK(r.out.find("exit codes") != std::string::npos);
  for (const char* c : {"dump", "stats", "run", "settings"}) {
    r = cli({c, "--help"});
    CHECK(r.rc == 0);
    CHECK(r.out.rfind(std::string("usage: mxgraph ") + c, 0) == 0);
    CHECK(cli({"help", c}).out == r.out);
  }
  r = cli({"settings"});
  CHECK(r.rc == 0);
  CHECK(r.out.rfind("MXGRAPH_NUM_THREADS=", 0) == 0);
  CHECK(cli({"settings", "x"}).rc == 2);
  r = cli({"--version"});
  CHECK(r.rc == 0);
  CHECK(r.out == "mxgraph 0.1.0 (.mxfn format version 1)\n");

  for (auto args : std::vector<std::vector<std::string>>{
           {}, {"frob"}, {"dump"}, {"dump", "a.mxfn", "b.mxfn"}, {"dump", "a.mxfn", "--bogus"},
           {"dump", "a.mxfn", "-o"}, {"dump", "a.mxfn", "--format", "gif"}, {"dump", "a.mxfn", "-o", "g.gif"},
           {"dump", "a.mxfn", "--max-nodes", "0"}, {"dump", "a.mxfn", "--max-nodes", "3x"},
           {"dump", "a.mxfn", "--rankdir", "up"}, {"run", "a.mxfn", "-o", "out.txt"}, {"stats"}}) {
    INFO(args.size());
    r = cli(args);
    CHECK(r.rc == 2);
    CHECK(one_error_line(r));
  }
}

TEST_CASE("cli: dump in each text format, with options") {
  TempDir dir;
  std::string f = export_example(dir);
  auto dot = cli({"dump", f});
  REQUIRE(dot.rc == 0);
  CHECK(dot.err.empty());
  CHECK(dot.out.rfind("digraph mxgraph {", 0) == 0);
  CHECK(dot.out.find("label=\"x\\n(2, 3) float32\"") != std::string::npos);
  CHECK(dot.out.find("out0") != std::string::npos);
  CHECK(dot.out.find("Matmul") != std::string::npos);
  CHECK(cli({"dump", f}).out == dot.out); // deterministic

  // The format from the extension, --format over it, "-" for stdout.
  CHECK(cli({"dump", f, "-o", dir / "g.dot"}).rc == 0);
  CHECK(read_file(dir / "g.dot") == dot.out);
  CHECK(cli({"dump", f, "--format=dot", "-o", dir / "g.txt"}).rc == 0);
  CHECK(read_file(dir / "g.txt") == dot.out);
  CHECK(cli({"dump", f, "-o", "-"}).out == dot.out);

  auto txt = cli({"dump", f, "--format", "txt"});
  CHECK(txt.rc == 0);
  CHECK(txt.out.find("inputs:\n") == 0);
  CHECK(txt.out.find("Matmul(") != std::string::npos);
  CHECK(txt.out.find("outputs: ") != std::string::npos);
  auto json = cli({"dump", f, "-o", dir / "g.json"});
  CHECK(json.rc == 0);
  CHECK(read_file(dir / "g.json").rfind("{\"nodes\": [", 0) == 0);

  auto lr = cli({"dump", f, "--rankdir", "LR"});
  CHECK(lr.out.find("rankdir=LR;") != std::string::npos);
  auto small = cli({"dump", f, "--max-nodes", "3"});
  CHECK(small.rc == 0);
  CHECK(small.out.find("not shown") != std::string::npos);
}

TEST_CASE("cli: dump to svg and png through graphviz, and without it") {
  TempDir dir;
  std::string f = export_example(dir);
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  bool have_dot = std::system("command -v dot >/dev/null 2>&1") == 0;
  if (have_dot) {
    CHECK(cli({"dump", f, "-o", dir / "g.svg"}).rc == 0);
    CHECK(read_file(dir / "g.svg").find("<svg") != std::string::npos);
    CHECK(cli({"dump", f, "-o", dir / "g.png"}).rc == 0);
    CHECK(read_file(dir / "g.png").rfind("\x89PNG", 0) == 0);
    auto svg = cli({"dump", f, "--format", "svg"});
    CHECK(svg.out.find("<svg") != std::string::npos);
  }
  setenv("PATH", (dir / "empty").c_str(), 1);
  auto r = cli({"dump", f, "--format", "svg"});
  auto dot = cli({"dump", f, "--format", "dot"});
  setenv("PATH", path.c_str(), 1);
  CHECK(r.rc == 2);
  CHECK(one_error_line(r));
  CHECK(r.err.find("Graphviz") != std::string::npos);
  CHECK(dot.rc == 0);
}

TEST_CASE("cli: stats") {
  TempDir dir;
  std::string f = export_example(dir);
  auto r = cli({"stats", f});
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("inputs:            2\n  x: float32 (2, 3)\n  w: float32 (3, 4)\n") != std::string::npos);
  CHECK(r.out.find("outputs:           2\n  out0: float32 (2, 4)\n  out1: float32 ()\n") != std::string::npos);
  CHECK(r.out.find("constants:         1 (4 bytes)") != std::string::npos);
  CHECK(r.out.find("inputs held:       2 (72 bytes)") != std::string::npos);
  CHECK(r.out.find("  Matmul: 1\n") != std::string::npos);
}

TEST_CASE("cli: run prints or saves the outputs") {
  TempDir dir;
  std::string f = export_example(dir);
  array x = reshape(arange(0.0, 6.0, 1.0, float32), {2, 3}) * 0.1f;
  array w = ones({3, 4});
  save(dir / "x.npy", x);
  save(dir / "w.npy", w);
  auto r = cli({"run", f, "--input", dir / "x.npy", "-i", dir / "w.npy"});
  REQUIRE(r.rc == 0);
  CHECK(r.out.rfind("out0 = array([[", 0) == 0);
  CHECK(r.out.find("out1 = array(1.5") != std::string::npos);

  // By name, in any order, to .npz.
  r = cli({"run", f, "-i", "w=" + dir / "w.npy", "-i", "x=" + dir / "x.npy", "-o", dir / "o.npz"});
  REQUIRE(r.rc == 0);
  CHECK(r.out.empty());
  NamedArrays got = load_npz(open_file_source(dir / "o.npz"));
  REQUIRE(got.size() == 2);
  CHECK(got[0].first == "out0");
  CHECK(allclose(got[0].second, matmul(exp(x), w) + 1.0f).item<bool>());
  CHECK(allclose(got[1].second, sum(x)).item<bool>());

  // One output to .npy; more than one is a usage error.
  ArrayFn g = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] * 2.0f}; };
  export_function(dir / "g.mxfn", g, {zeros({2, 3})});
  REQUIRE(cli({"run", dir / "g.mxfn", "-i", dir / "x.npy", "-o", dir / "o.npy"}).rc == 0);
  CHECK(allclose(load(dir / "o.npy"), x * 2.0f).item<bool>());
  CHECK(cli({"run", f, "-i", dir / "x.npy", "-i", dir / "w.npy", "-o", dir / "o.npy"}).rc == 2);
}

TEST_CASE("cli: bad files and bad inputs exit 1 with one line") {
  TempDir dir;
  std::string f = export_example(dir);
  std::string bytes = read_file(f);
  write_file(dir / "trunc.mxfn", bytes.substr(0, bytes.size() / 3));
  write_file(dir / "magic.mxfn", "NOTMXFN!" + bytes.substr(8));
  std::string newer = bytes;
  newer[8] = 9;
  write_file(dir / "newer.mxfn", newer);
  save(dir / "x.npy", zeros({2, 3}));
  save(dir / "x64.npy", zeros({2, 3}, float64));
  save(dir / "w_bad.npy", zeros({3, 3}));
  write_file(dir / "junk.npy", "not numpy");

  std::vector<std::vector<std::string>> cases = {
      {"stats", dir / "trunc.mxfn"},
      {"dump", dir / "magic.mxfn"},
      {"dump", dir / "newer.mxfn", "--format", "txt"},
      {"stats", dir.path},                      // a folder, not a file
      {"stats", dir / "missing.mxfn"},
      {"run", f, "-i", dir / "x.npy"},          // an input missing
      {"run", f, "-i", dir / "x.npy", "-i", dir / "w_bad.npy"},  // wrong shape
      {"run", f, "-i", dir / "x64.npy", "-i", dir / "w_bad.npy"}, // wrong dtype
      {"run", f, "-i", dir / "x.npy", "-i", dir / "x.npy", "-i", dir / "x.npy"},
      {"run", f, "-i", "x=" + dir / "x.npy", "-i", "x=" + dir / "x.npy"},
      {"run", f, "-i", dir / "x.npy", "-i", dir / "junk.npy"},
      {"run", f, "-i", dir / "x.npy", "-i", dir / "nothing.npy"},
      {"dump", f, "-o", dir / "no/such/folder/g.dot"},
  };
  for (const auto& args : cases) {
    INFO(args[0] + " " + args[1] + (args.size() > 3 ? " " + args[3] : ""));
    auto r = cli(args);
    CHECK(r.rc == 1);
    CHECK(one_error_line(r));
  }
  auto r = cli({"run", f, "-i", dir / "x.npy"});
  CHECK(r.err == "mxgraph: Missing input 'w' (float32 (3, 4)): give it with --input FILE.npy.\n");
  CHECK(cli({"dump", dir / "magic.mxfn"}).err.find("bad magic") != std::string::npos);
}
