#include "security/tls/detail/x509.hpp"

#include "common/der.hpp"
#include "libp2p/security/errc.hpp"

#include <optional>
#include <string>

namespace libp2p::tls::detail {
namespace {

Error malformed(const std::string& what) {
  return Error(security::Errc::bad_certificate, "malformed certificate: " + what);
}

std::optional<AlgorithmIdentifier> read_algorithm(der::Reader& in) {
  auto element = in.next(der::sequence);
  if (!element) return std::nullopt;
  der::Reader body(element->contents);
  auto oid = body.contents(der::object_identifier);
  if (!oid) return std::nullopt;
  AlgorithmIdentifier algorithm{element->encoding, *oid, {}};
  if (!body.empty()) {
    auto parameters = body.next();
    if (!parameters || !body.empty()) return std::nullopt;
    algorithm.parameters = parameters->encoding;
  }
  return algorithm;
}

// `count` decimal digits, or nullopt.
std::optional<int> digits(BytesView& text, std::size_t count) {
  if (text.size() < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  text = text.subspan(count);
  return value;
}

// RFC 5280 4.1.2.5.1 and 4.1.2.5.2: UTCTime YYMMDDHHMMSSZ (YY below 50 is
// 20YY) and GeneralizedTime YYYYMMDDHHMMSSZ, always in UTC with seconds and
// without fractions.
std::optional<Time> read_time(der::Reader& in) {
  auto element = in.next();
  if (!element || (element->tag != der::utc_time && element->tag != der::generalized_time)) return std::nullopt;
  BytesView text = element->contents;
  const bool utc = element->tag == der::utc_time;
  if (text.size() != (utc ? 13u : 15u) || text.back() != 'Z') return std::nullopt;
  auto year = digits(text, utc ? 2 : 4);
  auto month = digits(text, 2), day = digits(text, 2);
  auto hour = digits(text, 2), minute = digits(text, 2), second = digits(text, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (utc) *year += *year < 50 ? 2000 : 1900;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return sys_days(date) + hours(*hour) + minutes(*minute) + seconds(*second);
}

Result<std::vector<Extension>> read_extensions(BytesView explicit_contents) {
  der::Reader outer(explicit_contents);
  auto list = outer.contents(der::sequence);
  if (!list || !outer.empty()) return malformed("extensions");
  std::vector<Extension> extensions;
  der::Reader in(*list);
  while (!in.empty()) {
    auto sequence = in.contents(der::sequence);
    if (!sequence) return malformed("an extension");
    der::Reader body(*sequence);
    auto oid = body.contents(der::object_identifier);
    if (!oid) return malformed("an extension's OID");
    bool critical = false;
    if (body.peek() == der::boolean) {
      auto flag = body.contents(der::boolean);
      // DER: TRUE is 0xff, and FALSE, the default, is left out.
      if (!flag || flag->size() != 1 || (*flag)[0] != 0xff) return malformed("an extension's critical flag");
      critical = true;
    }
    auto value = body.contents(der::octet_string);
    if (!value || !body.empty()) return malformed("extension " + der::dotted(*oid));
    extensions.push_back({*oid, critical, *value});
  }
  return extensions;
}

}  // namespace

Result<X509Certificate> parse_certificate(BytesView encoded) {
  X509Certificate cert{};
  der::Reader outer(encoded);
  auto certificate = outer.contents(der::sequence);
  if (!certificate) return malformed("not a DER SEQUENCE");
  if (!outer.empty()) return Error(security::Errc::bad_certificate, "bytes after the certificate");

  der::Reader top(*certificate);
  auto tbs = top.next(der::sequence);
  auto signature_algorithm = read_algorithm(top);
  auto signature = top.contents(der::bit_string);
  if (!tbs || !signature_algorithm || !signature || !top.empty())
    return malformed("not tbsCertificate, signatureAlgorithm, signatureValue");
  auto signature_bytes = der::whole_bytes(*signature);
  if (!signature_bytes) return malformed("signatureValue");
  cert.tbs_certificate = tbs->encoding;
  cert.signature_algorithm = *signature_algorithm;
  cert.signature = *signature_bytes;

  der::Reader in(tbs->contents);
  if (auto version = in.contents(der::context_constructed(0))) {
    der::Reader v(*version);
    auto number = v.contents(der::integer);
    if (!number || !v.empty() || number->size() != 1 || (*number)[0] > 2) return malformed("version");
  }
  if (!in.contents(der::integer)) return malformed("serialNumber");
  auto inner_algorithm = read_algorithm(in);
  if (!inner_algorithm) return malformed("signature");
  cert.signature_algorithms_match = equal(inner_algorithm->encoding, signature_algorithm->encoding);
  if (!in.next(der::sequence)) return malformed("issuer");

  auto validity = in.contents(der::sequence);
  if (!validity) return malformed("validity");
  der::Reader times(*validity);
  auto not_before = read_time(times);
  auto not_after = read_time(times);
  if (!not_before || !not_after || !times.empty()) return Error(security::Errc::bad_certificate, "malformed validity times");
  cert.not_before = *not_before;
  cert.not_after = *not_after;

  if (!in.next(der::sequence)) return malformed("subject");
  auto spki = in.next(der::sequence);
  if (!spki) return malformed("subjectPublicKeyInfo");
  der::Reader key(spki->contents);
  auto key_algorithm = read_algorithm(key);
  auto key_bits = key.contents(der::bit_string);
  if (!key_algorithm || !key_bits || !key.empty()) return malformed("subjectPublicKeyInfo");
  auto key_bytes = der::whole_bytes(*key_bits);
  if (!key_bytes) return malformed("subjectPublicKey");
  cert.subject_public_key_info = spki->encoding;
  cert.key_algorithm = *key_algorithm;
  cert.public_key = *key_bytes;

  for (unsigned id : {1u, 2u}) {
    if (in.next(der::context_primitive(id)) || in.next(der::context_constructed(id))) cert.has_unique_ids = true;
  }
  if (auto extensions = in.contents(der::context_constructed(3))) {
    auto list = read_extensions(*extensions);
    if (!list) return list.error();
    cert.extensions = std::move(*list);
  }
  if (!in.empty()) return malformed("bytes after the extensions");
  return cert;
}

}  // namespace libp2p::tls::detail
