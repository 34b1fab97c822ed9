// zlib glue for npz members: bounded inflation, CRC-32 and compression.
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "io/deflate.h"
#include "io/io_common.h"

namespace mxg::io {
namespace {

constexpr uint64_t kChunk = 1 << 20; // bytes per read / per zlib call

// Inflates, handing each output piece to `sink(ptr, n)`; stops once the sink returns
// false or the stream ends. Returns true when the stream ended.
// `chunk` bounds each read, so reading a header inflates little more than it needs.
template <typename Sink>
bool inflate_stream(const ByteSource& src, uint64_t offset, uint64_t csize, uint64_t chunk, Sink&& sink) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail("zlib could not start inflating.");
  std::unique_ptr<z_stream, void (*)(z_stream*)> guard(&z, [](z_stream* p) { inflateEnd(p); });
  std::vector<unsigned char> in(static_cast<size_t>(std::min(csize, chunk)) + 1);
  std::vector<unsigned char> out(static_cast<size_t>(kChunk));
  uint64_t consumed = 0;
  for (;;) {
    if (z.avail_in == 0 && consumed < csize) {
      size_t n = static_cast<size_t>(std::min(csize - consumed, chunk));
      src.read(offset + consumed, in.data(), n);
      consumed += n;
      z.next_in = in.data();
      z.avail_in = static_cast<uInt>(n);
    }
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      fail("Corrupt deflate data in an npz member (" + std::string(z.msg ? z.msg : "zlib error") + ").");
    }
    size_t produced = out.size() - z.avail_out;
    if (produced && !sink(out.data(), produced)) return false;
    if (rc == Z_STREAM_END) return true;
    if (rc == Z_BUF_ERROR && produced == 0 && z.avail_in == 0 && consumed >= csize) {
      fail("Truncated deflate data in an npz member.");
    }
  }
}

} // namespace

uint32_t crc32_update(uint32_t crc, const void* data, uint64_t n) {
  auto p = static_cast<const unsigned char*>(data);
  uLong c = crc;
  while (n > 0) {
    uInt k = static_cast<uInt>(std::min<uint64_t>(n, 1u << 30));
    c = crc32(c, p, k);
    p += k;
    n -= k;
  }
  return static_cast<uint32_t>(c);
}

std::string inflate_prefix(const ByteSource& src, uint64_t offset, uint64_t csize, uint64_t want) {
  std::string out;
  inflate_stream(src, offset, csize, 4096, [&](const unsigned char* p, size_t n) {
    size_t take = static_cast<size_t>(std::min<uint64_t>(n, want - out.size()));
    out.append(reinterpret_cast<const char*>(p), take);
    return out.size() < want;
  });
  return out;
}

uint32_t inflate_into(const ByteSource& src, uint64_t offset, uint64_t csize, uint64_t skip,
                      char* dst, uint64_t n) {
  uint64_t total = skip + n, pos = 0;
  uint32_t crc = 0;
  bool ended = inflate_stream(src, offset, csize, kChunk, [&](const unsigned char* p, size_t k) {
    if (k > total - pos) fail("An npz member inflates to more than its declared size.");
    crc = crc32_update(crc, p, k);
    for (size_t i = 0; i < k;) {
      // Header bytes are only checksummed; array bytes go to dst.
      if (pos < skip) {
        size_t h = static_cast<size_t>(std::min<uint64_t>(k - i, skip - pos));
        i += h;
        pos += h;
      } else {
        std::memcpy(dst + (pos - skip), p + i, k - i);
        pos += k - i;
        i = k;
      }
    }
    return true;
  });
  if (!ended || pos != total) fail("An npz member inflates to less than its declared size.");
  return crc;
}

Deflater::Deflater() {
  auto* z = new z_stream{};
  if (deflateInit2(z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    delete z;
    fail_op("savez_compressed", "zlib could not start compressing.");
  }
  z_ = z;
}

Deflater::~Deflater() {
  auto* z = static_cast<z_stream*>(z_);
  deflateEnd(z);
  delete z;
}

void Deflater::run(const void* data, uint64_t n, int flush) {
  auto* z = static_cast<z_stream*>(z_);
  auto p = static_cast<const unsigned char*>(data);
  std::vector<unsigned char> buf(static_cast<size_t>(kChunk));
  do {
    uInt k = static_cast<uInt>(std::min<uint64_t>(n, kChunk));
    z->next_in = const_cast<unsigned char*>(p);
    z->avail_in = k;
    int f = (n == k) ? flush : Z_NO_FLUSH;
    int rc;
    do {
      z->next_out = buf.data();
      z->avail_out = static_cast<uInt>(buf.size());
      rc = deflate(z, f);
      if (rc == Z_STREAM_ERROR) fail_op("savez_compressed", "zlib failed while compressing.");
      out_.append(reinterpret_cast<char*>(buf.data()), buf.size() - z->avail_out);
    } while (z->avail_out == 0 || (f == Z_FINISH && rc != Z_STREAM_END));
    p += k;
    n -= k;
  } while (n > 0);
}

void Deflater::add(const void* data, uint64_t n) {
  if (n) run(data, n, Z_NO_FLUSH);
}

std::string Deflater::finish() {
  run(nullptr, 0, Z_FINISH);
  return std::move(out_);
}

} // namespace mxg::io
