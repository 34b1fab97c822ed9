// Replays files (or every file in folders) through one fuzz harness without libFuzzer,
// so that ordinary builds re-test every input that once crashed. Exits 0 when all ran.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "harness.h"

namespace fs = std::filesystem;

static int replay(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return mxg_fuzz_one(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

int main(int argc, char** argv) {
  int count = 0;
  for (int i = 1; i < argc; ++i) {
    fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg)) {
        if (e.is_regular_file()) count += (replay(e.path()), 1);
      }
    } else if (fs::exists(arg)) {
      count += (replay(arg), 1);
    }
  }
  std::cout << "replayed " << count << " inputs\n";
  return 0;
}
