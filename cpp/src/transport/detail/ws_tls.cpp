#include "transport/detail/ws_tls.hpp"

#include "libp2p/transport/errc.hpp"

namespace libp2p::transport::detail {
namespace {

namespace ssl = asio::ssl;

std::shared_ptr<ssl::context> new_context(ssl::context::method method) {
  auto context = std::make_shared<ssl::context>(method);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  return context;
}

Error certificate_error(std::string what, const boost::system::error_code& ec) {
  return Error(Errc::bad_certificate, "WebSocket TLS: " + what + ": " + ec.message());
}

}  // namespace

Result<std::shared_ptr<ssl::context>> make_client_context(const WebSocketConfig& config) {
  auto context = new_context(ssl::context::tls_client);
  if (!config.verify_certificates) return context;
  boost::system::error_code ec;
  context->set_verify_mode(ssl::verify_peer, ec);
  if (!ec) context->set_default_verify_paths(ec);
  if (ec) return certificate_error("the system's trust store", ec);
  if (!config.extra_trusted_pem.empty()) {
    context->add_certificate_authority(asio::buffer(config.extra_trusted_pem), ec);
    if (ec) return certificate_error("extra_trusted_pem", ec);
  }
  return context;
}

Result<std::shared_ptr<ssl::context>> make_server_context(const WebSocketConfig& config) {
  if (auto r = config.validate(); !r) return r.error();
  const bool from_text = !config.certificate_pem.empty();
  if (!from_text && config.certificate_file.empty())
    return Error(Errc::missing_certificate,
                 "a /tls/ws (/wss) listener needs a certificate and its key: set the WebSocket config's "
                 "certificate_pem and private_key_pem, or certificate_file and private_key_file");
  auto context = new_context(ssl::context::tls_server);
  boost::system::error_code ec;
  if (from_text) context->use_certificate_chain(asio::buffer(config.certificate_pem), ec);
  else context->use_certificate_chain_file(config.certificate_file, ec);
  if (ec) return certificate_error(from_text ? "certificate_pem" : "certificate_file " + config.certificate_file, ec);
  const bool key_text = !config.private_key_pem.empty();
  if (key_text) context->use_private_key(asio::buffer(config.private_key_pem), ssl::context::pem, ec);
  else context->use_private_key_file(config.private_key_file, ssl::context::pem, ec);
  if (ec) return certificate_error(key_text ? "private_key_pem" : "private_key_file " + config.private_key_file, ec);
  return context;
}

}  // namespace libp2p::transport::detail
