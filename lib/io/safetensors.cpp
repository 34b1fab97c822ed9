// .safetensors: 8-byte header length, JSON header, then the tensors' bytes.
#include <algorithm>
#include <limits>
#include <unordered_set>

#include "io/io_common.h"
#include "io/json.h"
#include "mxgraph/ops.h"
#include "primitives/io.h"

namespace mxg {
namespace {

constexpr uint64_t kMaxHeader = 100'000'000; // the reference implementation's limit

const std::pair<const char*, Dtype> kDtypes[] = {
    {"BOOL", bool_},   {"U8", uint8},     {"U16", uint16},   {"U32", uint32},   {"U64", uint64},
    {"I8", int8},      {"I16", int16},    {"I32", int32},    {"I64", int64},    {"F16", float16},
    {"BF16", bfloat16}, {"F32", float32}, {"F64", float64},  {"C64", complex64},
    // float8 e4m3 loads as its raw bytes, uint8, as in MLX (saving uint8 writes U8: first match wins).
    {"F8_E4M3", uint8}};

Dtype dtype_from(const std::string& name, const std::string& tensor) {
  for (auto& [n, d] : kDtypes) {
    if (name == n) return d;
  }
  io::fail("Tensor '" + tensor + "' has unsupported safetensors dtype '" + name + "'.");
}

const char* dtype_code(Dtype d) {
  for (auto& [n, t] : kDtypes) {
    if (t == d) return n;
  }
  return "?";
}

// A non-negative integer member list such as "shape" or "data_offsets".
std::vector<int64_t> int_list(const io::Json* v, const std::string& tensor, const char* field) {
  if (!v || v->type != io::Json::Type::array) io::fail("Tensor '" + tensor + "' lacks a valid '" + field + "' list.");
  std::vector<int64_t> out;
  for (auto& x : v->items) {
    if (x.type != io::Json::Type::integer || x.i < 0) {
      io::fail("Tensor '" + tensor + "' has a '" + field + "' entry that is not a non-negative integer.");
    }
    out.push_back(x.i);
  }
  return out;
}

struct TensorInfo {
  std::string name;
  Dtype dtype;
  Shape shape;
  uint64_t begin, end;
};

TensorInfo tensor_info(const std::string& name, const io::Json& v) {
  if (v.type != io::Json::Type::object) io::fail("Tensor '" + name + "' is not described by a JSON object.");
  const io::Json* dt = v.find("dtype");
  if (!dt || dt->type != io::Json::Type::string) io::fail("Tensor '" + name + "' lacks a 'dtype' string.");
  TensorInfo t{name, dtype_from(dt->s, name), int_list(v.find("shape"), name, "shape"), 0, 0};
  if (t.shape.size() > 64) io::fail("Tensor '" + name + "' has more than 64 dimensions.");
  auto offs = int_list(v.find("data_offsets"), name, "data_offsets");
  if (offs.size() != 2 || offs[0] > offs[1]) io::fail("Tensor '" + name + "' has invalid data_offsets.");
  t.begin = static_cast<uint64_t>(offs[0]);
  t.end = static_cast<uint64_t>(offs[1]);
  int64_t n = shape_size(t.shape, "load");
  if (n > std::numeric_limits<int64_t>::max() / size_of(t.dtype) ||
      static_cast<uint64_t>(n) * size_of(t.dtype) != t.end - t.begin) {
    io::fail("Tensor '" + name + "': its shape and dtype do not match its data_offsets span.");
  }
  return t;
}

// The tensors must tile the data section exactly: no overlaps, no holes.
void check_layout(std::vector<const TensorInfo*> ts, uint64_t data_size) {
  std::sort(ts.begin(), ts.end(), [](auto* a, auto* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  uint64_t at = 0;
  for (auto* t : ts) {
    if (t->begin != at) {
      io::fail("Tensor '" + t->name + "' " + (t->begin < at ? "overlaps another tensor." : "leaves a gap before it."));
    }
    at = t->end;
  }
  if (at != data_size) {
    if (at > data_size) io::fail_truncated("Tensor data runs past the end of the file (truncated?).");
    io::fail("The file holds bytes no tensor accounts for.");
  }
}

} // namespace

std::pair<NamedArrays, Metadata> load_safetensors(std::shared_ptr<ByteSource> src, StreamOrDevice s) {
  Stream st = to_stream(s, "load");
  std::string lenb = io::read_range(*src, 0, 8, "The safetensors header length");
  uint64_t n = io::get_u64(reinterpret_cast<const unsigned char*>(lenb.data()));
  if (n > kMaxHeader) io::fail("The safetensors header claims " + std::to_string(n) + " bytes; the limit is 100 MB.");
  std::string text = io::read_range(*src, 8, n, "The safetensors header");
  if (text.empty() || text[0] != '{') io::fail("The safetensors header is not a JSON object.");
  if (!io::valid_utf8(text)) io::fail("The safetensors header is not valid UTF-8.");
  io::Json root = io::parse_json(text);
  uint64_t data_start = 8 + n, data_size = src->size() - data_start;

  Metadata meta;
  std::vector<TensorInfo> infos;
  for (auto& [key, v] : root.members) {
    if (key != "__metadata__") {
      infos.push_back(tensor_info(key, v));
      continue;
    }
    if (v.type != io::Json::Type::object) io::fail("__metadata__ must be an object of strings.");
    for (auto& [mk, mv] : v.members) {
      if (mv.type != io::Json::Type::string) io::fail("__metadata__ value '" + mk + "' is not a string.");
      meta[mk] = mv.s;
    }
  }
  std::vector<const TensorInfo*> ptrs;
  for (auto& t : infos) ptrs.push_back(&t);
  check_layout(ptrs, data_size);

  NamedArrays out;
  for (auto& t : infos) {
    LoadSpec spec;
    spec.source = src;
    spec.offset = data_start + t.begin;
    spec.nbytes = t.end - t.begin;
    spec.is_bool = t.dtype == bool_;
    out.emplace_back(t.name, array(t.shape, t.dtype, std::make_shared<Load>(st, std::move(spec)), {}));
  }
  return {std::move(out), std::move(meta)};
}

namespace {

void check_names(const NamedArrays& arrays) {
  std::unordered_set<std::string> names;
  std::vector<array> all;
  for (auto& [name, a] : arrays) {
    if (name.empty() || name == "__metadata__") {
      io::fail_op("save_safetensors", "Invalid tensor name '" + name + "'.");
    }
    if (!names.insert(name).second) io::fail_op("save_safetensors", "Duplicate tensor name '" + name + "'.");
    all.push_back(a);
  }
  io::eval_for_save(all);
}

} // namespace

void save_safetensors(ByteSink& sink, const NamedArrays& arrays, const Metadata& metadata) {
  check_names(arrays);
  std::string h = "{";
  if (!metadata.empty()) {
    h += "\"__metadata__\":{";
    bool first = true;
    for (auto& [k, v] : metadata) {
      h += (first ? "" : ",") + io::json_quote(k) + ":" + io::json_quote(v);
      first = false;
    }
    h += "}";
  }
  uint64_t at = 0;
  for (auto& [name, a] : arrays) {
    if (h.size() > 1) h += ",";
    h += io::json_quote(name) + ":{\"dtype\":\"" + dtype_code(a.dtype()) + "\",\"shape\":[";
    for (int i = 0; i < a.ndim(); ++i) h += (i ? "," : "") + std::to_string(a.shape()[i]);
    uint64_t nb = static_cast<uint64_t>(a.nbytes());
    h += "],\"data_offsets\":[" + std::to_string(at) + "," + std::to_string(at + nb) + "]}";
    at += nb;
  }
  h += "}";
  h.append((8 - h.size() % 8) % 8, ' '); // tensors start 8-byte aligned
  std::string len;
  io::put_u64(len, h.size());
  sink.write(len.data(), len.size());
  sink.write(h.data(), h.size());
  for (auto& [name, a] : arrays) {
    io::ArrayBytes b = io::array_bytes(a, false);
    sink.write(b.data, static_cast<size_t>(b.nbytes));
  }
}

void save_safetensors(const std::string& path, const NamedArrays& arrays, const Metadata& metadata) {
  check_names(arrays);
  io::FileSink f(io::with_extension(path, ".safetensors"), "save_safetensors");
  save_safetensors(f, arrays, metadata);
  f.close();
}

} // namespace mxg
