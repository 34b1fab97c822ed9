// .npz: a zip of .npy members, stored or deflated; loaded lazily, member by member.
#include <unordered_set>

#include "io/deflate.h"
#include "io/npy.h"
#include "io/zip.h"

namespace mxg {
namespace {

// The pending array for one member: its .npy header is read now (inflating only the
// header's bytes for deflated members), its data at evaluation.
array load_member(const std::shared_ptr<ByteSource>& src, const io::ZipEntry& e, StreamOrDevice s) {
  LoadSpec spec;
  spec.source = src;
  spec.check_crc = true;
  spec.crc = e.crc;
  io::NpyHeader h;
  if (e.method == 0) {
    h = io::read_npy_header(*src, e.data_offset, e.usize);
    spec.offset = e.data_offset + h.header_bytes;
    std::string header = io::read_range(*src, e.data_offset, h.header_bytes, "The .npy header");
    spec.crc_prefix = io::crc32_update(0, header.data(), header.size());
  } else {
    std::string first = io::inflate_prefix(*src, e.data_offset, e.csize, std::min<uint64_t>(12, e.usize));
    uint64_t total = io::npy_header_size(first, e.usize);
    std::string header = io::inflate_prefix(*src, e.data_offset, e.csize, total);
    if (header.size() != total) io::fail("Truncated .npy header in member '" + e.name + "'.");
    h = io::parse_npy_header(header);
    spec.deflate = true;
    spec.offset = e.data_offset;
    spec.compressed_size = e.csize;
    spec.skip = h.header_bytes;
  }
  // The member must hold exactly the header and the data: this bounds what we allocate.
  if (e.usize < h.header_bytes || h.nbytes != e.usize - h.header_bytes) {
    io::fail("Member '" + e.name + "' holds " + std::to_string(e.usize) +
             " bytes, which does not match its .npy header's shape and dtype.");
  }
  return io::npy_array(h, std::move(spec), s);
}

std::string member_name(const std::string& name) {
  const std::string ext = ".npy";
  if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
    return name.substr(0, name.size() - ext.size());
  }
  return name;
}

} // namespace

NamedArrays load_npz(std::shared_ptr<ByteSource> src, StreamOrDevice s) {
  NamedArrays out;
  for (const io::ZipEntry& e : io::read_zip_directory(*src)) {
    out.emplace_back(member_name(e.name), load_member(src, e, s));
  }
  return out;
}

namespace {

// Checks the names and evaluates the arrays (before any file is opened).
void prepare_savez(const NamedArrays& arrays, const char* op) {
  std::unordered_set<std::string> names;
  std::vector<array> all;
  for (auto& [name, a] : arrays) {
    if (name.empty() || name.size() > 60000) io::fail_op(op, "Array names must be 1 to 60000 bytes long.");
    if (!names.insert(name).second) io::fail_op(op, "Duplicate array name '" + name + "'.");
    all.push_back(a);
  }
  io::eval_for_save(all);
}

} // namespace

void savez(ByteSink& sink, const NamedArrays& arrays, bool compressed) {
  prepare_savez(arrays, compressed ? "savez_compressed" : "savez");
  io::ZipWriter zip(sink);
  for (auto& [name, a] : arrays) {
    io::ArrayBytes b = io::array_bytes(a, true);
    std::string header = io::npy_header_bytes(a.dtype(), a.shape(), b.fortran);
    uint32_t crc = io::crc32_update(io::crc32_update(0, header.data(), header.size()), b.data, b.nbytes);
    uint64_t usize = header.size() + b.nbytes;
    if (compressed) {
      io::Deflater d;
      d.add(header.data(), header.size());
      d.add(b.data, b.nbytes);
      std::string z = d.finish();
      zip.add(name + ".npy", 8, crc, usize, {{z.data(), z.size()}});
    } else {
      zip.add(name + ".npy", 0, crc, usize, {{header.data(), header.size()}, {b.data, b.nbytes}});
    }
  }
  zip.finish();
}

void savez(const std::string& path, const NamedArrays& arrays, bool compressed) {
  const char* op = compressed ? "savez_compressed" : "savez";
  prepare_savez(arrays, op);
  io::FileSink f(io::with_extension(path, ".npz"), op);
  savez(f, arrays, compressed);
  f.close();
}

} // namespace mxg
