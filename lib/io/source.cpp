// Byte sources (files read with pread, memory), file sinks and the shared helpers.
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "cpu/strided.h"
#include "io/io_common.h"
#include "mxgraph/transforms.h"

namespace mxg {
namespace {

std::atomic<uint64_t> g_bytes_read{0};

#ifndef _WIN32
// A file opened once and read with pread, so concurrent reads need no lock.
class FileSource : public ByteSource {
 public:
  FileSource(int fd, uint64_t size, std::string path) : fd_(fd), size_(size), path_(std::move(path)) {}
  ~FileSource() override { ::close(fd_); }
  uint64_t size() const override { return size_; }
  const std::string& label() const override { return path_; }
  void read(uint64_t offset, void* dst, size_t n) const override {
    char* p = static_cast<char*>(dst);
    while (n > 0) {
      ssize_t got = ::pread(fd_, p, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) io::fail("Error reading " + path_ + ": " + std::strerror(errno) + ".");
      if (got == 0) io::fail_truncated("Unexpected end of file in " + path_ + " (was it changed after loading?).");
      g_bytes_read += static_cast<uint64_t>(got);
      p += got;
      n -= static_cast<size_t>(got);
      offset += static_cast<uint64_t>(got);
    }
  }

 private:
  int fd_;
  uint64_t size_;
  std::string path_;
};
#else
// Portable fallback: one FILE with a lock around seek + read.
class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* f, uint64_t size, std::string path) : f_(f), size_(size), path_(std::move(path)) {}
  ~FileSource() override { std::fclose(f_); }
  uint64_t size() const override { return size_; }
  const std::string& label() const override { return path_; }
  void read(uint64_t offset, void* dst, size_t n) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (_fseeki64(f_, static_cast<int64_t>(offset), SEEK_SET) != 0 || std::fread(dst, 1, n, f_) != n) {
      io::fail_truncated("Unexpected end of file in " + path_ + ".");
    }
    g_bytes_read += n;
  }

 private:
  std::FILE* f_;
  uint64_t size_;
  std::string path_;
  mutable std::mutex mu_;
};
#endif

class MemorySource : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string label) : bytes_(std::move(bytes)), label_(std::move(label)) {}
  uint64_t size() const override { return bytes_.size(); }
  const std::string& label() const override { return label_; }
  void read(uint64_t offset, void* dst, size_t n) const override {
    if (offset > bytes_.size() || n > bytes_.size() - offset) io::fail_truncated("Unexpected end of data in " + label_ + ".");
    std::memcpy(dst, bytes_.data() + offset, n);
    g_bytes_read += n;
  }

 private:
  std::string bytes_;
  std::string label_;
};

[[noreturn]] void open_failed(const char* op, const std::string& path, int err) {
  std::string msg = std::string("[") + op + "] Failed to open " + path + ": " + std::strerror(err) + ".";
  if (err == ENOENT) throw file_not_found(msg);
  throw std::invalid_argument(msg);
}

} // namespace

std::shared_ptr<ByteSource> open_file_source(const std::string& path) {
#ifndef _WIN32
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) open_failed("load", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw std::invalid_argument("[load] " + path + " is not a regular file.");
  }
  return std::make_shared<FileSource>(fd, static_cast<uint64_t>(st.st_size), path);
#else
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) open_failed("load", path, errno);
  _fseeki64(f, 0, SEEK_END);
  auto size = static_cast<uint64_t>(_ftelli64(f));
  return std::make_shared<FileSource>(f, size, path);
#endif
}

std::shared_ptr<ByteSource> memory_source(std::string bytes, std::string label) {
  return std::make_shared<MemorySource>(std::move(bytes), std::move(label));
}

uint64_t io_bytes_read() { return g_bytes_read.load(); }

namespace io {

namespace {

// Messages quote names and text from files: escape what is not printable UTF-8,
// so the message itself can always become a Python str.
std::string printable(const std::string& msg) {
  bool utf8 = valid_utf8(msg);
  std::string out;
  for (unsigned char c : msg) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(char(c));
    }
  }
  return out;
}

} // namespace

void fail(const std::string& msg) { throw std::invalid_argument("[load] " + printable(msg)); }
void fail_truncated(const std::string& msg) { throw truncated_file("[load] " + printable(msg)); }
void fail_op(const char* op, const std::string& msg) {
  throw std::invalid_argument(std::string("[") + op + "] " + printable(msg));
}

bool valid_utf8(const std::string& s) {
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned c = p[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > n) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return false;
    i += len;
  }
  return true;
}

std::string read_range(const ByteSource& src, uint64_t offset, uint64_t n, const char* what) {
  if (offset > src.size() || n > src.size() - offset) {
    fail_truncated(std::string(what) + " lies past the end of " + src.label() + " (the file is truncated or corrupt).");
  }
  std::string out(static_cast<size_t>(n), '\0');
  if (n) src.read(offset, out.data(), static_cast<size_t>(n));
  return out;
}

FileSink::FileSink(const std::string& path, const char* op) : path_(path), op_(op) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) open_failed(op, path, errno);
}

FileSink::~FileSink() {
  if (file_) std::fclose(static_cast<std::FILE*>(file_));
}

void FileSink::write(const void* data, size_t n) {
  if (n && std::fwrite(data, 1, n, static_cast<std::FILE*>(file_)) != n) {
    fail_op(op_, "Failed writing " + path_ + ": " + std::strerror(errno) + ".");
  }
}

void FileSink::close() {
  auto* f = static_cast<std::FILE*>(file_);
  file_ = nullptr;
  if (std::fclose(f) != 0) fail_op(op_, "Failed writing " + path_ + ": " + std::strerror(errno) + ".");
}

std::string with_extension(const std::string& path, const std::string& ext) {
  if (path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return path;
  return path + ext;
}

ArrayBytes array_bytes(const array& a, bool allow_fortran) {
  uint64_t nbytes = static_cast<uint64_t>(a.nbytes());
  if (a.size() == 0) return {nullptr, 0, false, a};
  if (a.flags().row_contiguous) return {static_cast<const char*>(a.raw_data()), nbytes, false, a};
  if (allow_fortran && a.flags().col_contiguous) {
    return {static_cast<const char*>(a.raw_data()), nbytes, true, a};
  }
  array c = ensure_row_contiguous(a);
  return {static_cast<const char*>(c.raw_data()), nbytes, false, c};
}

void eval_for_save(const std::vector<array>& arrays) { eval(arrays, EvalCause::save); }

} // namespace io
} // namespace mxg
