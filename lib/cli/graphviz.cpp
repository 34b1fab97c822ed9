// Rendering DOT with Graphviz: `dot -T<format> IN -o OUT` started with posix_spawnp
// (no shell, so no quoting issues), its input, output and messages in temporary
// files (no pipes, so no deadlock however large the graph).
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/cli_internal.h"

extern char** environ;

namespace mxg::cli {
namespace {

// A temporary file, removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/mxgraph-dot-XXXXXX";
    int fd = mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("Cannot create a temporary file in " + path_ + ": " + std::strerror(errno) + ".");
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

  std::string read() const {
    std::ifstream f(path_, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  void write(const std::string& bytes) const {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), std::streamsize(bytes.size()));
    if (!f) throw std::runtime_error("Cannot write the temporary file " + path_ + ".");
  }

 private:
  std::string path_;
};

// Starts argv[0] from PATH with stdin from /dev/null and stdout+stderr into `log`;
// returns its exit status, or -errno when it could not be started.
int spawn_and_wait(const std::vector<std::string>& argv, const std::string& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -rc;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -errno;
  }
  if (WIFEXITED(status)) {
    // glibc's posix_spawnp reports a failed exec through rc; others exit with 127.
    return WEXITSTATUS(status);
  }
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

} // namespace

std::string render_with_dot(const std::string& dot_text, const std::string& format) {
  TempFile in, out, log;
  in.write(dot_text);
  int rc = spawn_and_wait({"dot", "-T" + format, in.path(), "-o", out.path()}, log.path());
  if (rc == -ENOENT || rc == -EACCES || rc == 127) {
    throw GraphvizMissing("Rendering " + format + " needs Graphviz's `dot` program, which was not found on "
                          "PATH. Install Graphviz (Debian: apt-get install graphviz), or use --format dot "
                          "and render the DOT elsewhere.");
  }
  if (rc < 0) throw std::runtime_error("Cannot start Graphviz's `dot`: " + std::string(std::strerror(-rc)) + ".");
  if (rc != 0) {
    throw std::runtime_error("Graphviz's `dot -T" + format + "` failed (exit code " + std::to_string(rc) +
                             "): " + first_line(log.read()));
  }
  return out.read();
}

} // namespace mxg::cli
