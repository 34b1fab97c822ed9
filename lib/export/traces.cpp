// The trace table of multi-trace .mxfn files: writing (combine_traces) and reading.
#include "export/traces.h"

#include "export/codec.h"
#include "mxgraph/export.h"

namespace mxg {
namespace mxfn {
namespace {

constexpr uint64_t kTableEntry = 16; // u64 offset, u64 length

class Window : public ByteSource {
 public:
  Window(std::shared_ptr<ByteSource> src, uint64_t offset, uint64_t size)
      : src_(std::move(src)), offset_(offset), size_(size) {}
  uint64_t size() const override { return size_; }
  void read(uint64_t offset, void* dst, size_t n) const override {
    if (offset > size_ || n > size_ - offset) {
      throw std::invalid_argument("[load] Read past the end of a trace in " + src_->label() + ".");
    }
    src_->read(offset_ + offset, dst, n);
  }
  const std::string& label() const override { return src_->label(); }

 private:
  std::shared_ptr<ByteSource> src_;
  uint64_t offset_, size_;
};

uint64_t aligned(uint64_t at) { return (at + kDataAlign - 1) / kDataAlign * kDataAlign; }

} // namespace

std::shared_ptr<ByteSource> window(std::shared_ptr<ByteSource> src, uint64_t offset, uint64_t size) {
  return std::make_shared<Window>(std::move(src), offset, size);
}

std::vector<std::pair<uint64_t, uint64_t>> trace_table(const ByteSource& src) {
  uint64_t size = src.size();
  if (size < kHeaderSize) return {};
  std::string head(kHeaderSize, '\0');
  src.read(0, head.data(), head.size());
  Reader h(head.data() + 8, kHeaderSize - 8, "the header");
  if (std::memcmp(head.data(), kMagic, 8) != 0 || h.u32() != kContainerVersion) return {};
  if (h.u32() & ~kFlagShapeless) fail("The file is corrupt: unknown flags in the header.");
  uint64_t graph_end = h.u64();
  if (h.u64() != 0) fail("The file is corrupt: a reserved header field is not zero.");
  if (graph_end < kHeaderSize + 16 || graph_end > size) fail("The file is truncated or corrupt: bad trace table end.");
  std::string table(static_cast<size_t>(graph_end - kHeaderSize), '\0');
  src.read(kHeaderSize, table.data(), table.size());
  Reader r(table.data(), table.size(), "the trace table");
  if (r.u32() != tag("TRCS")) fail("The file is corrupt: the TRCS section is missing.");
  uint64_t len = r.u64();
  if (len != r.left()) fail("The file is corrupt: the TRCS section's length is wrong.");
  uint32_t n = r.count(kTableEntry, "traces");
  if (n == 0) fail("The file is corrupt: it holds no trace.");
  std::vector<std::pair<uint64_t, uint64_t>> traces;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t at = r.u64(), bytes = r.u64();
    if (at < graph_end || at > size || bytes > size - at) {
      fail("The file is corrupt or truncated: trace " + std::to_string(i) + " lies outside the file.");
    }
    traces.emplace_back(at, bytes);
  }
  r.done();
  return traces;
}

} // namespace mxfn

std::string combine_traces(const std::vector<std::string>& traces) {
  const char* op = "export_function";
  if (traces.empty()) throw std::invalid_argument("[export_function] No trace to write. Call the exporter with example inputs first.");
  uint32_t flags = 0;
  for (size_t i = 0; i < traces.size(); ++i) {
    const std::string& t = traces[i];
    mxfn::Reader r(t.data() + std::min<size_t>(8, t.size()), t.size() < 16 ? 0 : 8, "a trace");
    if (t.size() < mxfn::kHeaderSize || std::memcmp(t.data(), mxfn::kMagic, 8) != 0 || r.u32() != mxfn::kVersion) {
      throw std::invalid_argument(std::string("[") + op + "] Trace " + std::to_string(i) + " is not a version-1 .mxfn file.");
    }
    uint32_t f = r.u32();
    if (i > 0 && f != flags) {
      throw std::invalid_argument(std::string("[") + op + "] The traces disagree on shapeless; export them with the same setting.");
    }
    flags = f;
  }
  if (traces.size() == 1) return traces[0];
  uint64_t table_end = mxfn::kHeaderSize + 12 + 4 + mxfn::kTableEntry * traces.size();
  mxfn::Writer w;
  w.out.append(mxfn::kMagic, 8);
  w.u32(mxfn::kContainerVersion);
  w.u32(flags);
  w.u64(table_end);
  w.u64(0);
  w.u32(mxfn::tag("TRCS"));
  w.u64(4 + mxfn::kTableEntry * traces.size());
  w.u32(uint32_t(traces.size()));
  uint64_t at = table_end;
  for (const auto& t : traces) {
    at = mxfn::aligned(at);
    w.u64(at);
    w.u64(t.size());
    at += t.size();
  }
  for (const auto& t : traces) {
    w.out.resize(mxfn::aligned(w.out.size()), '\0');
    w.bytes(t);
  }
  return std::move(w.out);
}

} // namespace mxg
