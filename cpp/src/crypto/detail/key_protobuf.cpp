#include "crypto/detail/key_protobuf.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/crypto/errc.hpp"
#include "libp2p/multiformats/varint.hpp"
#include "proto/crypto.pb.h"

#include <openssl/crypto.h>

#include <string>

namespace libp2p::crypto::detail {
namespace {

constexpr std::uint8_t type_tag = (1 << 3) | 0;  // field 1, varint
constexpr std::uint8_t data_tag = (2 << 3) | 2;  // field 2, length-delimited

// The message has no known Type: a value the enum does not know ends up
// among the unknown fields (proto2), else the field is absent.
Error missing_type(const pb::PrivateKey& message, const std::string& name) {
  const auto& unknown = message.unknown_fields();
  for (int i = unknown.field_count() - 1; i >= 0; --i) {
    const auto& field = unknown.field(i);
    if (field.number() == 1 && field.type() == google::protobuf::UnknownField::TYPE_VARINT)
      return Error(Errc::unsupported_key_type, name + ": unsupported key type " + std::to_string(field.varint()));
  }
  return Error(Errc::bad_protobuf, name + ": field Type (1) is missing");
}

}  // namespace

Result<KeyMessage> decode_key_message(BytesView bytes, std::size_t max_size, const char* what) {
  const std::string name = what;
  if (bytes.size() > max_size)
    return Error(Errc::bad_protobuf,
                 name + " protobuf of " + std::to_string(bytes.size()) + " bytes exceeds " + std::to_string(max_size));
  // PublicKey and PrivateKey have the same fields; one parser serves both.
  pb::PrivateKey message;
  if (!message.ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Error(Errc::bad_protobuf, name + " is not a valid protobuf");
  if (!message.has_type()) return missing_type(message, name);
  if (!message.has_data()) return Error(Errc::bad_protobuf, name + ": field Data (2) is missing");
  std::string* data = message.mutable_data();
  KeyMessage out{static_cast<KeyType>(message.type()), Bytes(data->begin(), data->end())};
  OPENSSL_cleanse(data->data(), data->size());
  return out;
}

Bytes encode_key_message(KeyType type, BytesView data) {
  Bytes out;
  out.reserve(2 + multiformats::varint::max_size + data.size());
  out.push_back(type_tag);
  multiformats::varint::append(out, static_cast<std::uint64_t>(type));
  out.push_back(data_tag);
  multiformats::varint::append(out, data.size());
  append(out, data);
  return out;
}

}  // namespace libp2p::crypto::detail
