// The native `mxgraph` command-line program (for users without Python); the same
// commands as the Python console script, both through mxg::cli_main.
#include <iostream>
#include <string>
#include <vector>

#include "mxgraph/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  int rc = mxg::cli_main(args, std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
