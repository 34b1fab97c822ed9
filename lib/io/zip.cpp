// Zip archives for .npz: reading the central directory defensively, and writing.
#include <algorithm>
#include <unordered_set>

#include "io/zip.h"

namespace mxg::io {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50, kLocator64Sig = 0x07064b50;
constexpr uint32_t k32 = 0xffffffffu;
constexpr uint64_t kMaxInflateRatio = 1032; // deflate cannot expand better than this
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01: reproducible archives

const unsigned char* u(const std::string& s, size_t off = 0) {
  return reinterpret_cast<const unsigned char*>(s.data()) + off;
}

struct EndRecord {
  uint64_t entries, cd_size, cd_offset, end_pos;
};

// Finds the end-of-central-directory record (and its zip64 form when needed).
EndRecord read_end_record(const ByteSource& src) {
  uint64_t size = src.size();
  if (size < 22) fail("Not a zip/.npz archive (too short).");
  // Archives without a comment end with the record: try that before searching.
  std::string tail = read_range(src, size - 22, 22, "The zip directory");
  uint64_t tail_len = 22;
  if (get_u32(u(tail)) != kEndSig || get_u16(u(tail, 20)) != 0) {
    tail_len = std::min<uint64_t>(size, 22 + 65535);
    tail = read_range(src, size - tail_len, tail_len, "The zip directory");
  }
  size_t at = std::string::npos;
  for (size_t i = tail.size() - 22 + 1; i-- > 0;) {
    if (get_u32(u(tail, i)) == kEndSig && i + 22 + get_u16(u(tail, i + 20)) <= tail.size()) {
      at = i;
      break;
    }
  }
  if (at == std::string::npos) fail("Not a zip/.npz archive (no end of central directory record).");
  const unsigned char* p = u(tail, at);
  if (get_u16(p + 4) != 0 || get_u16(p + 6) != 0) fail("Multi-disk zip archives are not supported.");
  EndRecord r{get_u16(p + 10), get_u32(p + 12), get_u32(p + 16), size - tail_len + at};
  if (r.entries == 0xffff || r.cd_size == k32 || r.cd_offset == k32) {
    if (r.end_pos < 20) fail("Missing zip64 locator.");
    std::string loc = read_range(src, r.end_pos - 20, 20, "The zip64 locator");
    if (get_u32(u(loc)) != kLocator64Sig) fail("Missing zip64 locator.");
    uint64_t off = get_u64(u(loc, 8));
    std::string rec = read_range(src, off, 56, "The zip64 end record");
    if (get_u32(u(rec)) != kEnd64Sig) fail("Bad zip64 end record.");
    r = {get_u64(u(rec, 32)), get_u64(u(rec, 40)), get_u64(u(rec, 48)), off};
  }
  if (r.cd_offset > r.end_pos || r.cd_size > r.end_pos - r.cd_offset) {
    fail("The zip central directory lies outside the archive.");
  }
  // Every central entry takes at least 46 bytes: a bogus count cannot make us allocate.
  if (r.entries > r.cd_size / 46) fail("The zip directory claims more entries than it can hold.");
  return r;
}

// Replaces 0xffffffff fields by their zip64 extra-field values.
void apply_zip64(const unsigned char* extra, size_t len, ZipEntry& e, uint64_t& local) {
  bool need_u = e.usize == k32, need_c = e.csize == k32, need_o = local == k32;
  for (size_t i = 0; i + 4 <= len;) {
    uint16_t id = get_u16(extra + i), n = get_u16(extra + i + 2);
    if (i + 4 + n > len) fail("Bad zip extra field.");
    if (id == 1) {
      const unsigned char* q = extra + i + 4;
      size_t k = 0;
      auto take = [&](uint64_t& v) {
        if (k + 8 > n) fail("Bad zip64 extra field.");
        v = get_u64(q + k);
        k += 8;
      };
      if (need_u) take(e.usize), need_u = false;
      if (need_c) take(e.csize), need_c = false;
      if (need_o) take(local), need_o = false;
    }
    i += 4 + n;
  }
  if (need_u || need_c || need_o) fail("A zip entry needs a zip64 field it lacks.");
}

// Bit 11 marks UTF-8 names; ASCII names need no flag.
uint16_t name_flags(const std::string& name) {
  for (unsigned char c : name) {
    if (c >= 0x80) return 1 << 11;
  }
  return 0;
}

} // namespace

std::vector<ZipEntry> read_zip_directory(const ByteSource& src) {
  EndRecord r = read_end_record(src);
  std::string cd = read_range(src, r.cd_offset, r.cd_size, "The zip central directory");
  std::vector<ZipEntry> entries;
  std::unordered_set<std::string> names;
  size_t pos = 0;
  for (uint64_t i = 0; i < r.entries; ++i) {
    if (pos + 46 > cd.size() || get_u32(u(cd, pos)) != kCentralSig) fail("Corrupt zip central directory.");
    const unsigned char* p = u(cd, pos);
    ZipEntry e;
    uint16_t flags = get_u16(p + 8);
    e.method = get_u16(p + 10);
    e.crc = get_u32(p + 16);
    e.csize = get_u32(p + 20);
    e.usize = get_u32(p + 24);
    size_t name_len = get_u16(p + 28), extra_len = get_u16(p + 30), comment_len = get_u16(p + 32);
    uint64_t local = get_u32(p + 42);
    if (pos + 46 + name_len + extra_len + comment_len > cd.size()) fail("Corrupt zip central directory.");
    e.name = cd.substr(pos + 46, name_len);
    apply_zip64(p + 46 + name_len, extra_len, e, local);
    pos += 46 + name_len + extra_len + comment_len;
    if (flags & 1) fail("Encrypted zip members are not supported.");
    if (!valid_utf8(e.name)) fail("A zip member name is not valid UTF-8.");
    if (e.method != 0 && e.method != 8) fail("Unsupported zip compression method " + std::to_string(e.method) + ".");
    if (!names.insert(e.name).second) fail("Duplicate member '" + e.name + "' in the archive.");
    // The local header repeats the name with its own extra field length.
    std::string lh = read_range(src, local, 30, "A zip local header");
    if (get_u32(u(lh)) != kLocalSig) fail("Bad zip local header for '" + e.name + "'.");
    e.data_offset = local + 30 + get_u16(u(lh, 26)) + get_u16(u(lh, 28));
    if (e.data_offset > src.size() || e.csize > src.size() - e.data_offset) {
      fail("The data of zip member '" + e.name + "' lies past the end of the archive.");
    }
    if (e.method == 0 && e.csize != e.usize) fail("Stored zip member '" + e.name + "' has inconsistent sizes.");
    if (e.method == 8 && e.usize / kMaxInflateRatio > e.csize + 1) {
      fail("Zip member '" + e.name + "' claims an impossible compression ratio (a zip bomb?).");
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

void ZipWriter::add(const std::string& name, int method, uint32_t crc, uint64_t usize,
                    const std::vector<std::pair<const char*, uint64_t>>& pieces) {
  ZipEntry e;
  e.name = name;
  e.method = method;
  e.crc = crc;
  e.usize = usize;
  for (auto& pc : pieces) e.csize += pc.second;
  e.data_offset = out_.pos();
  bool z64 = e.usize >= k32 || e.csize >= k32;
  std::string h;
  put_u32(h, kLocalSig);
  put_u16(h, z64 ? 45 : 20);
  put_u16(h, name_flags(name));
  put_u16(h, static_cast<uint16_t>(method));
  put_u16(h, 0);
  put_u16(h, kDosDate);
  put_u32(h, crc);
  put_u32(h, z64 ? k32 : static_cast<uint32_t>(e.csize));
  put_u32(h, z64 ? k32 : static_cast<uint32_t>(e.usize));
  put_u16(h, static_cast<uint16_t>(name.size()));
  put_u16(h, z64 ? 20 : 0);
  h += name;
  if (z64) {
    put_u16(h, 1);
    put_u16(h, 16);
    put_u64(h, e.usize);
    put_u64(h, e.csize);
  }
  out_.write(h);
  for (auto& pc : pieces) out_.write(pc.first, static_cast<size_t>(pc.second));
  entries_.push_back(std::move(e));
}

void ZipWriter::finish() {
  uint64_t cd_offset = out_.pos();
  for (const ZipEntry& e : entries_) {
    std::string extra;
    if (e.usize >= k32) put_u64(extra, e.usize);
    if (e.csize >= k32) put_u64(extra, e.csize);
    if (e.data_offset >= k32) put_u64(extra, e.data_offset);
    std::string h;
    put_u32(h, kCentralSig);
    put_u16(h, extra.empty() ? 20 : 45); // made by
    put_u16(h, extra.empty() ? 20 : 45); // needed
    put_u16(h, name_flags(e.name));
    put_u16(h, static_cast<uint16_t>(e.method));
    put_u16(h, 0);
    put_u16(h, kDosDate);
    put_u32(h, e.crc);
    put_u32(h, e.csize >= k32 ? k32 : static_cast<uint32_t>(e.csize));
    put_u32(h, e.usize >= k32 ? k32 : static_cast<uint32_t>(e.usize));
    put_u16(h, static_cast<uint16_t>(e.name.size()));
    put_u16(h, static_cast<uint16_t>(extra.empty() ? 0 : extra.size() + 4));
    put_u16(h, 0); // comment
    put_u16(h, 0); // disk
    put_u16(h, 0); // internal attributes
    put_u32(h, 0x81a40000u); // external: a regular file, rw-r--r--
    put_u32(h, e.data_offset >= k32 ? k32 : static_cast<uint32_t>(e.data_offset));
    h += e.name;
    if (!extra.empty()) {
      put_u16(h, 1);
      put_u16(h, static_cast<uint16_t>(extra.size()));
      h += extra;
    }
    out_.write(h);
  }
  uint64_t cd_size = out_.pos() - cd_offset, n = entries_.size();
  bool z64 = n >= 0xffff || cd_size >= k32 || cd_offset >= k32;
  std::string t;
  if (z64) {
    uint64_t end64 = out_.pos();
    put_u32(t, kEnd64Sig);
    put_u64(t, 44);
    put_u16(t, 45);
    put_u16(t, 45);
    put_u32(t, 0);
    put_u32(t, 0);
    put_u64(t, n);
    put_u64(t, n);
    put_u64(t, cd_size);
    put_u64(t, cd_offset);
    put_u32(t, kLocator64Sig);
    put_u32(t, 0);
    put_u64(t, end64);
    put_u32(t, 1);
  }
  put_u32(t, kEndSig);
  put_u16(t, 0);
  put_u16(t, 0);
  put_u16(t, z64 ? 0xffff : static_cast<uint16_t>(n));
  put_u16(t, z64 ? 0xffff : static_cast<uint16_t>(n));
  put_u32(t, z64 ? k32 : static_cast<uint32_t>(cd_size));
  put_u32(t, z64 ? k32 : static_cast<uint32_t>(cd_offset));
  put_u16(t, 0);
  out_.write(t);
}

} // namespace mxg::io
