// Parsing a .mxfn file's graph: bytes in, FunctionDesc out. Every count, length and
// offset is checked against the bytes (and the file size) before it is used.
#include <map>

#include "export/codec.h"
#include "io/io_common.h"
#include "mxgraph/export.h"

namespace mxg {
namespace {

using mxfn::fail;
using mxfn::Reader;
using mxfn::tag;

ArraySpec read_spec(Reader& r) {
  ArraySpec s;
  uint8_t d = r.u8();
  if (d >= kNumDtypes) fail("The file is corrupt: unknown dtype code " + std::to_string(d) + ".");
  s.dtype = static_cast<Dtype>(d);
  s.shape = r.shape();
  int64_t total = 1;
  for (auto x : s.shape) {
    if (x < 0) fail("The file is corrupt: a negative dimension (" + std::to_string(x) + ").");
    if (x && total > (int64_t{1} << 48) / x) fail("The file is corrupt: a shape's size overflows.");
    total *= x;
  }
  return s;
}

struct Strings {
  std::vector<std::string> items;
  std::string get(uint32_t i) const {
    if (i == mxfn::kNoString) return {};
    if (i >= items.size()) fail("The file is corrupt: string index " + std::to_string(i) + " is out of range.");
    return items[i];
  }
};

Strings read_strings(Reader r) {
  Strings s;
  uint32_t n = r.count(4, "strings");
  s.items.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    s.items.push_back(r.bytes(r.u32()));
    // Names, metadata and the argument structure reach Python and C callers as text.
    if (!io::valid_utf8(s.items.back())) fail("The file is corrupt: string " + std::to_string(i) + " is not valid UTF-8.");
  }
  r.done();
  return s;
}

// A value id must name a value defined before its use (so the graph is acyclic).
uint32_t read_id(Reader& r, uint64_t defined) {
  uint32_t id = r.u32();
  if (id >= defined) {
    fail("The file is corrupt: value " + std::to_string(id) + " is used before it is defined.");
  }
  return id;
}

void read_inputs(Reader r, const Strings& strs, FunctionDesc& f) {
  uint32_t n = r.count(9, "inputs");
  f.inputs.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    std::string name = strs.get(r.u32());
    ArraySpec s = read_spec(r);
    s.name = std::move(name);
    f.inputs.push_back(std::move(s));
  }
  r.done();
}

void read_constants(Reader r, uint64_t graph_end, uint64_t file_size, FunctionDesc& f) {
  uint32_t n = r.count(21, "constants");
  f.constants.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    ConstantDesc c;
    c.spec = read_spec(r);
    c.offset = r.u64();
    c.nbytes = r.u64();
    uint64_t want = static_cast<uint64_t>(shape_size(c.spec.shape)) * size_of(c.spec.dtype);
    if (c.nbytes != want) fail("The file is corrupt: constant " + std::to_string(i) + " has " +
                               std::to_string(c.nbytes) + " bytes for " + std::to_string(want) + ".");
    if (c.offset < graph_end || c.offset > file_size || c.nbytes > file_size - c.offset) {
      fail("The file is corrupt or truncated: constant " + std::to_string(i) +
           " lies outside the file's data (offset " + std::to_string(c.offset) + ", " +
           std::to_string(c.nbytes) + " bytes, file of " + std::to_string(file_size) + ").");
    }
    f.constants.push_back(std::move(c));
  }
  r.done();
}

void read_nodes(Reader r, FunctionDesc& f) {
  uint32_t n = r.count(14, "nodes");
  f.nodes.reserve(n);
  uint64_t defined = f.inputs.size() + f.constants.size();
  for (uint32_t i = 0; i < n; ++i) {
    NodeDesc node;
    uint16_t kind = r.u16();
    if (kind >= kNumPrimitiveKinds) {
      fail("Unknown primitive kind " + std::to_string(kind) + " (node " + std::to_string(i) +
           "); the file needs a newer mxgraph.");
    }
    node.kind = static_cast<PrimitiveKind>(kind);
    uint32_t ni = r.count(4, "node inputs");
    node.inputs.reserve(ni);
    for (uint32_t j = 0; j < ni; ++j) node.inputs.push_back(read_id(r, defined));
    uint32_t no = r.count(5, "node outputs");
    if (no == 0) fail("The file is corrupt: node " + std::to_string(i) + " has no outputs.");
    for (uint32_t j = 0; j < no; ++j) node.outputs.push_back(read_spec(r));
    node.params = r.bytes(r.u32());
    defined += no;
    if (defined > 0xFFFFFFF0u) fail("The file is corrupt: too many values.");
    f.nodes.push_back(std::move(node));
  }
  r.done();
}

void read_outputs(Reader r, FunctionDesc& f) {
  uint64_t defined = f.inputs.size() + f.constants.size();
  for (const auto& n : f.nodes) defined += n.outputs.size();
  uint32_t n = r.count(4, "outputs");
  for (uint32_t i = 0; i < n; ++i) f.outputs.push_back(read_id(r, defined));
  r.done();
}

} // namespace

FunctionDesc parse_function(const char* data, size_t size, uint64_t file_size) {
  if (size < mxfn::kHeaderSize || std::memcmp(data, mxfn::kMagic, 8) != 0) {
    fail(size < 8 || std::memcmp(data, mxfn::kMagic, 8) != 0
             ? "Not an .mxfn file (bad magic bytes)."
             : "The file is truncated: the header needs 32 bytes.");
  }
  Reader h(data + 8, mxfn::kHeaderSize - 8, "the header");
  FunctionDesc f;
  f.version = h.u32();
  if (f.version == mxfn::kContainerVersion) fail("The file is corrupt: a trace holds several traces.");
  if (f.version == 0 || f.version > mxfn::kContainerVersion) {
    fail("The file has format version " + std::to_string(f.version) + "; this mxgraph reads versions 1 and " +
         std::to_string(mxfn::kContainerVersion) + ". Upgrade mxgraph.");
  }
  uint32_t flags = h.u32();
  if (flags & ~mxfn::kFlagShapeless) fail("The file is corrupt: unknown flags " + std::to_string(flags) + ".");
  f.shapeless = flags & mxfn::kFlagShapeless;
  uint64_t graph_end = h.u64();
  if (h.u64() != 0) fail("The file is corrupt: a reserved header field is not zero.");
  if (graph_end < mxfn::kHeaderSize || graph_end > size || graph_end > file_size) {
    fail("The file is truncated or corrupt: the graph ends at byte " + std::to_string(graph_end) +
         " of " + std::to_string(std::min<uint64_t>(size, file_size)) + ".");
  }
  // Sections: tag, length, payload; unknown tags are skipped (newer optional parts).
  std::map<uint32_t, std::pair<const char*, uint64_t>> sections;
  Reader r(data + mxfn::kHeaderSize, graph_end - mxfn::kHeaderSize, "the section list");
  while (r.left()) {
    uint32_t t = r.u32();
    uint64_t len = r.u64();
    r.need(len);
    const char* at = data + (graph_end - r.left());
    if (!sections.emplace(t, std::make_pair(at, len)).second) fail("The file is corrupt: a section appears twice.");
    // Advance past the payload without copying it.
    r = Reader(at + len, r.left() - len, "the section list");
  }
  auto section = [&](uint32_t t, const char* name) {
    auto it = sections.find(t);
    if (it == sections.end()) fail(std::string("The file is corrupt: the ") + name + " section is missing.");
    return Reader(it->second.first, it->second.second, std::string("the ") + name + " section");
  };
  Strings strs = read_strings(section(tag("STRS"), "STRS"));
  read_inputs(section(tag("INPT"), "INPT"), strs, f);
  read_constants(section(tag("CNST"), "CNST"), graph_end, file_size, f);
  read_nodes(section(tag("NODE"), "NODE"), f);
  read_outputs(section(tag("OUTP"), "OUTP"), f);
  Reader meta = section(tag("META"), "META");
  f.metadata = strs.get(meta.u32());
  f.structure = strs.get(meta.u32());
  meta.done();
  return f;
}

} // namespace mxg
