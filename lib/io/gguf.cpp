// .gguf (versions 2 and 3, little-endian): header, metadata key/values, tensor infos,
// then the aligned tensor data. Tensors and numeric metadata load lazily (Load primitive).
#include <algorithm>
#include <limits>
#include <unordered_set>

#include "io/io_common.h"
#include "mxgraph/ops.h"
#include "primitives/io.h"

namespace mxg {
namespace {

// GGUF metadata value types, in the spec's numbering.
enum ValueType : uint32_t {
  kU8 = 0, kI8, kU16, kI16, kU32, kI32, kF32, kBool, kString, kArray, kU64, kI64, kF64, kNumTypes
};
constexpr Dtype kValueDtype[kNumTypes] = {uint8, int8,  uint16, int16, uint32,  int32,  float32,
                                          bool_, uint8, uint8,  uint64, int64, float64};

// GGML tensor types that are plain element arrays (quantized types are another issue's).
const std::pair<uint32_t, Dtype> kTensorTypes[] = {{0, float32}, {1, float16}, {24, int8},   {25, int16},
                                                   {26, int32},  {27, int64},  {28, float64}, {30, bfloat16}};
constexpr uint32_t kDefaultAlignment = 32;
constexpr uint32_t kMaxDims = 64;

bool is_scalar_type(uint32_t t) { return t < kNumTypes && t != kString && t != kArray; }

// Reads the header front to back through a window, so small fields cost no syscall each.
class Reader {
 public:
  explicit Reader(const ByteSource& src) : src_(src) {}
  uint64_t pos() const { return pos_; }
  uint64_t left() const { return src_.size() - pos_; }
  void take(void* dst, uint64_t n, const char* what) {
    if (n > left()) io::fail_truncated(std::string(what) + " lies past the end of " + src_.label() + " (the file is truncated or corrupt).");
    if (pos_ < buf_at_ || pos_ + n > buf_at_ + buf_.size()) {
      buf_at_ = pos_;
      buf_ = io::read_range(src_, pos_, std::max<uint64_t>(n, std::min<uint64_t>(chunk_, left())), what);
      chunk_ = std::min<uint64_t>(chunk_ * 2, 1 << 20); // big headers (vocabularies) take few reads
    }
    if (n) std::memcpy(dst, buf_.data() + (pos_ - buf_at_), static_cast<size_t>(n));
    pos_ += n;
  }
  void skip(uint64_t n, const char* what) {
    if (n > left()) io::fail_truncated(std::string(what) + " lies past the end of " + src_.label() + " (the file is truncated or corrupt).");
    pos_ += n;
  }
  uint32_t u32(const char* what) {
    unsigned char b[4];
    take(b, 4, what);
    return io::get_u32(b);
  }
  uint64_t u64(const char* what) {
    unsigned char b[8];
    take(b, 8, what);
    return io::get_u64(b);
  }
  std::string str(const char* what) {
    uint64_t n = u64(what);
    if (n > left()) io::fail_truncated(std::string(what) + " claims " + std::to_string(n) + " bytes, past the end of the file.");
    std::string s(static_cast<size_t>(n), '\0');
    take(s.data(), n, what);
    if (!io::valid_utf8(s)) io::fail(std::string(what) + " is not valid UTF-8.");
    return s;
  }

 private:
  const ByteSource& src_;
  uint64_t pos_ = 0;
  std::string buf_;
  uint64_t buf_at_ = 0;
  uint64_t chunk_ = 4096;
};

struct Parser {
  std::shared_ptr<ByteSource> src;
  Stream stream;
  Reader r;
  uint32_t alignment = kDefaultAlignment;

  // A pending array over `n` elements of value type `t` at the reader's position.
  array numbers(uint32_t t, uint64_t n, Shape shape, const std::string& key) {
    Dtype d = kValueDtype[t];
    uint64_t nbytes = n * size_of(d); // n * size_of <= the bytes left: checked by the caller
    LoadSpec spec;
    spec.source = src;
    spec.offset = r.pos();
    spec.nbytes = nbytes;
    spec.is_bool = t == kBool;
    r.skip(nbytes, ("Metadata value '" + key + "'").c_str());
    array a(std::move(shape), d, std::make_shared<Load>(stream, std::move(spec)), {});
    return t == kF64 ? astype(a, float32, stream) : a; // MLX gives float64 metadata as float32
  }

  GgufValue value(const std::string& key) {
    uint32_t t = r.u32("A metadata value type");
    if (t >= kNumTypes) io::fail("Metadata key '" + key + "' has unknown value type " + std::to_string(t) + ".");
    if (key == "general.alignment") read_alignment(t);
    if (t == kString) return r.str(("Metadata value '" + key + "'").c_str());
    if (t != kArray) return numbers(t, 1, {}, key);
    uint32_t et = r.u32("A metadata array type");
    uint64_t n = r.u64("A metadata array length");
    if (et == kArray) io::fail("Metadata key '" + key + "' holds nested arrays; only one level is supported.");
    if (et >= kNumTypes) io::fail("Metadata key '" + key + "' has unknown array element type " + std::to_string(et) + ".");
    uint64_t min_size = et == kString ? 8 : static_cast<uint64_t>(size_of(kValueDtype[et]));
    if (n > r.left() / min_size) io::fail("Metadata array '" + key + "' claims " + std::to_string(n) + " elements, more than the file holds.");
    if (et != kString) return numbers(et, n, {static_cast<int64_t>(n)}, key);
    std::vector<std::string> out;
    for (uint64_t i = 0; i < n; ++i) out.push_back(r.str(("A string of metadata array '" + key + "'").c_str()));
    return out;
  }

  // general.alignment decides where the data starts; it must be a power-of-two uint32.
  void read_alignment(uint32_t t) {
    if (t != kU32) io::fail("general.alignment must be a uint32.");
    Reader peek = r;
    uint32_t a = peek.u32("general.alignment");
    if (a == 0 || (a & (a - 1)) != 0 || a > (1u << 30)) io::fail("general.alignment " + std::to_string(a) + " is not a power of two.");
    alignment = a;
  }

  struct TensorInfo {
    std::string name;
    Shape shape;
    Dtype dtype;
    uint64_t offset;
  };

  TensorInfo tensor_info() {
    TensorInfo t;
    t.name = r.str("A tensor name");
    uint32_t nd = r.u32("A tensor's dimension count");
    if (nd > kMaxDims) io::fail("Tensor '" + t.name + "' claims " + std::to_string(nd) + " dimensions; the limit is 64.");
    std::vector<int64_t> dims(nd);
    for (auto& d : dims) {
      uint64_t v = r.u64("A tensor dimension");
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) io::fail("Tensor '" + t.name + "' has a dimension past 2^63.");
      d = static_cast<int64_t>(v);
    }
    t.shape.assign(dims.rbegin(), dims.rend()); // GGML lists the fastest-varying dimension first
    uint32_t type = r.u32("A tensor type");
    auto it = std::find_if(std::begin(kTensorTypes), std::end(kTensorTypes), [&](auto& p) { return p.first == type; });
    if (it == std::end(kTensorTypes)) io::fail("Tensor '" + t.name + "' has GGML type " + std::to_string(type) + ", which mxgraph cannot load (quantized types are not supported yet).");
    t.dtype = it->second;
    t.offset = r.u64("A tensor offset");
    return t;
  }

  array tensor(const TensorInfo& t, uint64_t data_start) {
    int64_t n = shape_size(t.shape, "load");
    uint64_t avail = src->size() - data_start;
    if (static_cast<uint64_t>(n) > avail / size_of(t.dtype) || t.offset > avail - n * size_of(t.dtype)) {
      io::fail_truncated("Tensor '" + t.name + "' runs past the end of the file (truncated?).");
    }
    LoadSpec spec;
    spec.source = src;
    spec.offset = data_start + t.offset;
    spec.nbytes = static_cast<uint64_t>(n) * size_of(t.dtype);
    return array(t.shape, t.dtype, std::make_shared<Load>(stream, std::move(spec)), {});
  }
};

} // namespace

std::pair<NamedArrays, GgufMetadata> load_gguf(std::shared_ptr<ByteSource> src, StreamOrDevice s) {
  Parser p{src, to_stream(s, "load"), Reader(*src)};
  char magic[4];
  p.r.take(magic, 4, "The GGUF magic");
  if (std::memcmp(magic, "GGUF", 4) != 0) io::fail(src->label() + " is not a GGUF file (bad magic).");
  uint32_t version = p.r.u32("The GGUF version");
  if (version != 2 && version != 3) io::fail("GGUF version " + std::to_string(version) + " is not supported (only 2 and 3, little-endian).");
  uint64_t n_tensors = p.r.u64("The tensor count"), n_kv = p.r.u64("The metadata count");
  if (n_kv > p.r.left() / 13 || n_tensors > p.r.left() / 24) io::fail("The header claims more entries than the file holds.");

  GgufMetadata meta;
  std::unordered_set<std::string> keys;
  for (uint64_t i = 0; i < n_kv; ++i) {
    std::string key = p.r.str("A metadata key");
    if (!keys.insert(key).second) io::fail("Duplicate metadata key '" + key + "'.");
    meta.emplace_back(key, p.value(key));
  }
  std::vector<Parser::TensorInfo> infos;
  std::unordered_set<std::string> names;
  for (uint64_t i = 0; i < n_tensors; ++i) {
    infos.push_back(p.tensor_info());
    if (!names.insert(infos.back().name).second) io::fail("Duplicate tensor name '" + infos.back().name + "'.");
  }
  uint64_t data_start = (p.r.pos() + p.alignment - 1) / p.alignment * p.alignment;
  if (data_start > src->size()) {
    if (!infos.empty()) io::fail_truncated("The tensor data lies past the end of the file (truncated?).");
    data_start = src->size();
  }
  NamedArrays out;
  for (auto& t : infos) out.emplace_back(t.name, p.tensor(t, data_start));
  return {std::move(out), std::move(meta)};
}

namespace {

uint32_t tensor_type(Dtype d, const std::string& name) {
  for (auto& [t, dt] : kTensorTypes) {
    if (dt == d) return t;
  }
  io::fail_op("save_gguf", "Array '" + name + "' has dtype " + dtype_name(d) + ", which GGUF cannot hold "
              "(use float32, float16, bfloat16, float64, int8, int16, int32 or int64).");
}

uint32_t value_type(const array& a, const std::string& key) {
  if (a.ndim() > 1) io::fail_op("save_gguf", "Metadata '" + key + "': cannot save arrays with more than one dimension.");
  if (a.size() == 0) io::fail_op("save_gguf", "Metadata '" + key + "': cannot save empty arrays.");
  // float64 is not written, as in MLX (it would read back as float32).
  for (uint32_t t : {kU8, kI8, kU16, kI16, kU32, kI32, kF32, kBool, kU64, kI64}) {
    if (kValueDtype[t] == a.dtype()) return t;
  }
  io::fail_op("save_gguf", "Metadata '" + key + "': array type " + dtype_name(a.dtype()) + " is not supported for metadata.");
}

void put_str(std::string& h, const std::string& s) {
  io::put_u64(h, s.size());
  h += s;
}

void put_array_bytes(std::string& h, const array& a) {
  io::ArrayBytes b = io::array_bytes(a, false);
  h.append(b.data, static_cast<size_t>(b.nbytes));
}

// general.alignment, when given, decides where tensors start: a power-of-two uint32 scalar.
uint32_t save_alignment(const GgufMetadata& metadata) {
  for (auto& [key, v] : metadata) {
    if (key != "general.alignment") continue;
    auto* a = std::get_if<array>(&v);
    uint32_t al = a && a->dtype() == uint32 && a->ndim() == 0 ? array(*a).item<uint32_t>() : 0;
    if (al == 0 || (al & (al - 1)) != 0 || al > (1u << 30)) io::fail_op("save_gguf", "general.alignment must be a power-of-two uint32 scalar.");
    return al;
  }
  return kDefaultAlignment;
}

std::string metadata_bytes(const GgufMetadata& metadata) {
  std::string h;
  for (auto& [key, v] : metadata) {
    put_str(h, key);
    if (auto* s = std::get_if<std::string>(&v)) {
      io::put_u32(h, kString);
      put_str(h, *s);
    } else if (auto* l = std::get_if<std::vector<std::string>>(&v)) {
      io::put_u32(h, kArray);
      io::put_u32(h, kString);
      io::put_u64(h, l->size());
      for (auto& x : *l) put_str(h, x);
    } else {
      const array& a = std::get<array>(v);
      uint32_t t = value_type(a, key);
      if (a.ndim() == 1) {
        io::put_u32(h, kArray);
        io::put_u32(h, t);
        io::put_u64(h, a.size());
      } else {
        io::put_u32(h, t);
      }
      put_array_bytes(h, a);
    }
  }
  return h;
}

void check_save_args(const NamedArrays& arrays, const GgufMetadata& metadata) {
  std::unordered_set<std::string> names;
  std::vector<array> all;
  for (auto& [name, a] : arrays) {
    if (!names.insert(name).second) io::fail_op("save_gguf", "Duplicate array name '" + name + "'.");
    tensor_type(a.dtype(), name);
    all.push_back(a);
  }
  names.clear();
  for (auto& [key, v] : metadata) {
    if (!names.insert(key).second) io::fail_op("save_gguf", "Duplicate metadata key '" + key + "'.");
    if (auto* a = std::get_if<array>(&v)) {
      value_type(*a, key);
      all.push_back(*a);
    }
  }
  io::eval_for_save(all);
  save_alignment(metadata);
}

uint64_t padding(uint64_t at, uint32_t alignment) { return (alignment - at % alignment) % alignment; }

} // namespace

void save_gguf(ByteSink& out, const NamedArrays& arrays, const GgufMetadata& metadata) {
  check_save_args(arrays, metadata);
  uint32_t alignment = save_alignment(metadata);
  std::string h = "GGUF";
  io::put_u32(h, 3);
  io::put_u64(h, arrays.size());
  io::put_u64(h, metadata.size());
  h += metadata_bytes(metadata);
  uint64_t offset = 0;
  for (auto& [name, a] : arrays) {
    put_str(h, name);
    io::put_u32(h, static_cast<uint32_t>(a.ndim()));
    for (int i = a.ndim() - 1; i >= 0; --i) io::put_u64(h, static_cast<uint64_t>(a.shape()[i]));
    io::put_u32(h, tensor_type(a.dtype(), name));
    io::put_u64(h, offset);
    offset += static_cast<uint64_t>(a.nbytes());
    offset += padding(offset, alignment);
  }
  h.append(padding(h.size(), alignment), '\0');
  out.write(h.data(), h.size());
  const std::string zeros(alignment, '\0');
  for (auto& [name, a] : arrays) {
    io::ArrayBytes b = io::array_bytes(a, false);
    out.write(b.data, static_cast<size_t>(b.nbytes));
    out.write(zeros.data(), static_cast<size_t>(padding(b.nbytes, alignment)));
  }
}

void save_gguf(const std::string& path, const NamedArrays& arrays, const GgufMetadata& metadata) {
  check_save_args(arrays, metadata);
  io::FileSink f(io::with_extension(path, ".gguf"), "save_gguf");
  save_gguf(f, arrays, metadata);
  f.close();
}

} // namespace mxg
