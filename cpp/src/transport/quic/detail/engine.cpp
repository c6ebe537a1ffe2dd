// The ngtcp2 side of the engine: connection setup, the callbacks, packets.
#include "transport/quic/detail/gnutls.hpp"

#include "libp2p/security/errc.hpp"
#include "libp2p/security/tls/alpn.hpp"
#include "libp2p/transport/errc.hpp"

#include <gnutls/crypto.h>

#include <cstring>
#include <string>

namespace libp2p::transport::quic::detail {

using transport::Errc;

namespace {

// TLS 1.3 only, no middlebox compatibility mode (RFC 9001 §8.4). X25519 first,
// as go-libp2p and rust-libp2p offer it: GnuTLS's NORMAL puts SECP256R1 first,
// whose key exchange costs several times X25519's in nettle.
constexpr const char* priority =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:"
    "-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1:%DISABLE_TLS13_COMPAT_MODE";

std::uint64_t nanoseconds(std::chrono::milliseconds d) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}

void random_bytes(std::uint8_t* out, std::size_t n) { (void)gnutls_rnd(GNUTLS_RND_NONCE, out, n); }

ngtcp2_cid random_cid(std::size_t n) {
  ngtcp2_cid cid{};
  cid.datalen = n;
  random_bytes(cid.data, n);
  return cid;
}

Cid to_cid(const ngtcp2_cid& c) { return Cid::from({c.data, c.datalen}); }

// ngtcp2 wants mutable sockaddrs; a path holds copies.
struct PathStorage {
  explicit PathStorage(const Path& p) : local(p.local), remote(p.remote) {
    path.local = {local.data(), static_cast<ngtcp2_socklen>(local.size())};
    path.remote = {remote.data(), static_cast<ngtcp2_socklen>(remote.size())};
    path.user_data = nullptr;
  }
  boost::asio::ip::udp::endpoint local, remote;
  ngtcp2_path path{};
};

}  // namespace

Timestamp now() {
  return static_cast<Timestamp>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

Cid Cid::from(BytesView b) {
  Cid c;
  c.size = static_cast<std::uint8_t>(std::min(b.size(), c.bytes.size()));
  std::memcpy(c.bytes.data(), b.data(), c.size);
  return c;
}

std::size_t CidHash::operator()(const Cid& c) const noexcept {
  return std::hash<std::string_view>{}(as_string(c.view()));
}

DatagramHeader inspect(BytesView datagram) {
  if (datagram.empty()) return {};  // ngtcp2 asserts on an empty one
  ngtcp2_version_cid vc{};
  const int rv = ngtcp2_pkt_decode_version_cid(&vc, datagram.data(), datagram.size(), cid_length);
  if (rv == NGTCP2_ERR_VERSION_NEGOTIATION) return {DatagramHeader::Kind::unknown_version, {}};
  if (rv != 0) return {};
  DatagramHeader h{DatagramHeader::Kind::routable, Cid::from({vc.dcid, vc.dcidlen})};
  // A long header (bit 7) of type Initial (bits 4-5 zero) in QUIC v1.
  if ((datagram[0] & 0x80) && (datagram[0] & 0x30) == 0 && vc.version == NGTCP2_PROTO_VER_V1)
    h.kind = DatagramHeader::Kind::initial;
  return h;
}

Bytes version_negotiation(BytesView datagram) {
  if (datagram.empty()) return {};
  ngtcp2_version_cid vc{};
  if (ngtcp2_pkt_decode_version_cid(&vc, datagram.data(), datagram.size(), cid_length) !=
      NGTCP2_ERR_VERSION_NEGOTIATION)
    return {};
  std::uint32_t versions[] = {NGTCP2_PROTO_VER_V1};
  std::uint8_t unused = 0;
  random_bytes(&unused, 1);
  Bytes out(256);
  const auto n = ngtcp2_pkt_write_version_negotiation(out.data(), out.size(), unused, vc.scid, vc.scidlen, vc.dcid,
                                                      vc.dcidlen, versions, 1);
  if (n < 0) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct Engine::Impl {
  Impl(std::shared_ptr<TlsContext> t, EngineEvents& e, bool s) : tls(std::move(t)), events(e), server(s) {
    conn_ref.get_conn = [](ngtcp2_crypto_conn_ref* ref) { return static_cast<Impl*>(ref->user_data)->conn; };
    conn_ref.user_data = this;
    ngtcp2_connection_close_error_default(&close_error);
  }
  ~Impl() {
    if (conn) ngtcp2_conn_del(conn);
    if (session) gnutls_deinit(session);
  }

  Result<void> setup_tls();
  Error fail(int rv);
  Bytes write_close(const ngtcp2_connection_close_error& error, Timestamp ts);
  bool is_local(std::int64_t id) const { return ((id & 1) == 1) == server; }

  std::shared_ptr<TlsContext> tls;
  EngineEvents& events;
  const bool server;
  ngtcp2_conn* conn = nullptr;
  gnutls_session_t session = nullptr;
  ngtcp2_crypto_conn_ref conn_ref{};
  std::vector<Cid> first_cids;
  // Set by a callback or the certificate check: the precise reason a
  // connection failed (ngtcp2 only reports that a callback failed).
  std::optional<Error> failure;
  bool send_close = false;  // the connection failed: close_packet() has a CONNECTION_CLOSE
  ngtcp2_connection_close_error close_error{};
};

int verify_peer_certificate(gnutls_session_t session) {
  auto* ref = static_cast<ngtcp2_crypto_conn_ref*>(gnutls_session_get_ptr(session));
  auto* impl = static_cast<Engine::Impl*>(ref->user_data);
  unsigned count = 0;
  const gnutls_datum_t* certs = gnutls_certificate_get_peers(session, &count);
  std::vector<BytesView> chain;
  for (unsigned i = 0; certs && i < count; ++i) chain.emplace_back(certs[i].data, certs[i].size);
  if (auto r = impl->events.verify_peer(chain); !r) {
    impl->failure = r.error();
    return GNUTLS_E_CERTIFICATE_ERROR;
  }
  return 0;
}

namespace {

Engine::Impl& self(void* user_data) { return *static_cast<Engine::Impl*>(user_data); }

int on_handshake_completed(ngtcp2_conn*, void* user_data) {
  auto& e = self(user_data);
  gnutls_datum_t alpn{};
  if (gnutls_alpn_get_selected_protocol(e.session, &alpn) != 0 ||
      as_string({alpn.data, alpn.size}) != tls::alpn_libp2p) {
    e.failure = Error(security::Errc::handshake_failed, "the QUIC peer did not negotiate ALPN \"libp2p\"");
    return NGTCP2_ERR_CALLBACK_FAILURE;
  }
  if (auto r = e.events.on_handshake_completed(); !r) {
    e.failure = r.error();
    return NGTCP2_ERR_CALLBACK_FAILURE;
  }
  return 0;
}

int on_recv_stream_data(ngtcp2_conn*, std::uint32_t flags, std::int64_t id, std::uint64_t, const std::uint8_t* data,
                        std::size_t size, void* user_data, void*) {
  self(user_data).events.on_stream_data(id, {data, size}, (flags & NGTCP2_STREAM_DATA_FLAG_FIN) != 0);
  return 0;
}

int on_stream_open(ngtcp2_conn*, std::int64_t id, void* user_data) {
  auto& e = self(user_data);
  if (id & 2) return 0;  // unidirectional: libp2p uses none (and we allow none)
  e.events.on_stream_opened(id);
  return 0;
}

int on_stream_close(ngtcp2_conn* conn, std::uint32_t, std::int64_t id, std::uint64_t, void* user_data, void*) {
  auto& e = self(user_data);
  // The remote may open another stream in its place (RFC 9000 §4.6).
  if (!e.is_local(id) && !(id & 2)) ngtcp2_conn_extend_max_streams_bidi(conn, 1);
  e.events.on_stream_closed(id);
  return 0;
}

int on_stream_reset(ngtcp2_conn*, std::int64_t id, std::uint64_t, std::uint64_t, void* user_data, void*) {
  self(user_data).events.on_stream_reset(id);
  return 0;
}

int on_stream_stop_sending(ngtcp2_conn*, std::int64_t id, std::uint64_t, void* user_data, void*) {
  self(user_data).events.on_stream_stop_sending(id);
  return 0;
}

int on_acked(ngtcp2_conn*, std::int64_t id, std::uint64_t offset, std::uint64_t length, void* user_data, void*) {
  self(user_data).events.on_stream_acked(id, offset, length);
  return 0;
}

int on_extend_max_local_streams(ngtcp2_conn*, std::uint64_t, void* user_data) {
  self(user_data).events.on_streams_available();
  return 0;
}

int on_extend_max_stream_data(ngtcp2_conn*, std::int64_t id, std::uint64_t, void* user_data, void*) {
  self(user_data).events.on_stream_writable(id);
  return 0;
}

void on_rand(std::uint8_t* out, std::size_t n, const ngtcp2_rand_ctx*) { random_bytes(out, n); }

int on_new_cid(ngtcp2_conn*, ngtcp2_cid* cid, std::uint8_t* token, std::size_t size, void* user_data) {
  auto& e = self(user_data);
  *cid = random_cid(size);
  const auto& secret = e.tls->impl().reset_secret;
  if (ngtcp2_crypto_generate_stateless_reset_token(token, secret.data(), secret.size(), cid) != 0)
    return NGTCP2_ERR_CALLBACK_FAILURE;
  e.events.on_cid_issued(to_cid(*cid));
  return 0;
}

int on_remove_cid(ngtcp2_conn*, const ngtcp2_cid* cid, void* user_data) {
  self(user_data).events.on_cid_retired(to_cid(*cid));
  return 0;
}

ngtcp2_callbacks make_callbacks(bool server) {
  ngtcp2_callbacks cb{};
  if (server) {
    cb.recv_client_initial = ngtcp2_crypto_recv_client_initial_cb;
  } else {
    cb.client_initial = ngtcp2_crypto_client_initial_cb;
    cb.recv_retry = ngtcp2_crypto_recv_retry_cb;
  }
  cb.recv_crypto_data = ngtcp2_crypto_recv_crypto_data_cb;
  cb.encrypt = ngtcp2_crypto_encrypt_cb;
  cb.decrypt = ngtcp2_crypto_decrypt_cb;
  cb.hp_mask = ngtcp2_crypto_hp_mask_cb;
  cb.update_key = ngtcp2_crypto_update_key_cb;
  cb.delete_crypto_aead_ctx = ngtcp2_crypto_delete_crypto_aead_ctx_cb;
  cb.delete_crypto_cipher_ctx = ngtcp2_crypto_delete_crypto_cipher_ctx_cb;
  cb.get_path_challenge_data = ngtcp2_crypto_get_path_challenge_data_cb;
  cb.version_negotiation = ngtcp2_crypto_version_negotiation_cb;
  cb.handshake_completed = on_handshake_completed;
  cb.recv_stream_data = on_recv_stream_data;
  cb.stream_open = on_stream_open;
  cb.stream_close = on_stream_close;
  cb.stream_reset = on_stream_reset;
  cb.stream_stop_sending = on_stream_stop_sending;
  cb.acked_stream_data_offset = on_acked;
  cb.extend_max_local_streams_bidi = on_extend_max_local_streams;
  cb.extend_max_stream_data = on_extend_max_stream_data;
  cb.rand = on_rand;
  cb.get_new_connection_id = on_new_cid;
  cb.remove_connection_id = on_remove_cid;
  return cb;
}

void make_settings(const EngineConfig& config, ngtcp2_settings& settings, ngtcp2_transport_params& params) {
  ngtcp2_settings_default(&settings);
  settings.initial_ts = now();
  settings.cc_algo = NGTCP2_CC_ALGO_CUBIC;
  settings.max_window = config.max_connection_window;
  settings.max_stream_window = config.max_stream_window;
  settings.handshake_timeout = nanoseconds(config.handshake_timeout);
  ngtcp2_transport_params_default(&params);
  params.initial_max_stream_data_bidi_local = config.stream_window;
  params.initial_max_stream_data_bidi_remote = config.stream_window;
  params.initial_max_data = config.connection_window;
  params.initial_max_streams_bidi = config.max_streams;
  params.initial_max_streams_uni = 0;
  params.max_idle_timeout = nanoseconds(config.idle_timeout);
}

std::string close_reason(const ngtcp2_connection_close_error& cc) {
  std::string s = std::string(cc.type == NGTCP2_CONNECTION_CLOSE_ERROR_CODE_TYPE_APPLICATION ? "application" : "transport") +
                  " error " + std::to_string(cc.error_code);
  if (cc.reasonlen > 0) s += ": " + std::string(reinterpret_cast<const char*>(cc.reason), cc.reasonlen);
  return s;
}

}  // namespace

Result<void> Engine::Impl::setup_tls() {
  const unsigned flags = (server ? GNUTLS_SERVER : GNUTLS_CLIENT) | GNUTLS_NO_END_OF_EARLY_DATA | GNUTLS_NO_TICKETS;
  if (int rv = gnutls_init(&session, flags); rv != 0)
    return Error(security::Errc::handshake_failed, std::string("gnutls_init: ") + gnutls_strerror(rv));
  const int configured = server ? ngtcp2_crypto_gnutls_configure_server_session(session)
                                : ngtcp2_crypto_gnutls_configure_client_session(session);
  if (configured != 0) return Error(security::Errc::handshake_failed, "ngtcp2 cannot configure the GnuTLS session");
  if (int rv = gnutls_priority_set_direct(session, priority, nullptr); rv != 0)
    return Error(security::Errc::handshake_failed, std::string("gnutls_priority_set_direct: ") + gnutls_strerror(rv));
  if (int rv = gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, tls->impl().credentials); rv != 0)
    return Error(security::Errc::handshake_failed, std::string("gnutls_credentials_set: ") + gnutls_strerror(rv));
  gnutls_datum_t alpn{reinterpret_cast<unsigned char*>(const_cast<char*>(tls::alpn_libp2p.data())),
                      static_cast<unsigned>(tls::alpn_libp2p.size())};
  if (int rv = gnutls_alpn_set_protocols(session, &alpn, 1, GNUTLS_ALPN_MANDATORY); rv != 0)
    return Error(security::Errc::handshake_failed, std::string("gnutls_alpn_set_protocols: ") + gnutls_strerror(rv));
  // Mutual authentication (tls/tls.md): the client must present its certificate.
  if (server) gnutls_certificate_server_set_request(session, GNUTLS_CERT_REQUIRE);
  gnutls_session_set_ptr(session, &conn_ref);
  ngtcp2_conn_set_tls_native_handle(conn, session);
  return {};
}

Error Engine::Impl::fail(int rv) {
  switch (rv) {
    case NGTCP2_ERR_DRAINING: {
      ngtcp2_connection_close_error cc{};
      ngtcp2_conn_get_connection_close_error(conn, &cc);
      return Error(Errc::connection_lost, "the remote closed the QUIC connection (" + close_reason(cc) + ")");
    }
    case NGTCP2_ERR_CLOSING: return Error(Errc::connection_closed, "the QUIC connection is closing");
    case NGTCP2_ERR_IDLE_CLOSE: return Error(Errc::connection_lost, "the QUIC connection went idle (nothing received)");
    case NGTCP2_ERR_HANDSHAKE_TIMEOUT: return Error(Errc::handshake_timeout, "no QUIC handshake in time");
    case NGTCP2_ERR_DROP_CONN: return Error(Errc::quic_protocol, "the QUIC connection was dropped: unusable first packet");
    case NGTCP2_ERR_CRYPTO: {
      const std::uint8_t alert = ngtcp2_conn_get_tls_alert(conn);
      ngtcp2_connection_close_error_set_transport_error_tls_alert(&close_error, alert, nullptr, 0);
      send_close = true;
      if (failure) return *failure;
      return Error(security::Errc::handshake_failed, "the QUIC TLS handshake failed (TLS alert " + std::to_string(alert) + ")");
    }
    default:
      ngtcp2_connection_close_error_set_transport_error_liberr(&close_error, rv, nullptr, 0);
      send_close = true;
      if (failure) return *failure;
      return Error(Errc::quic_protocol, std::string("QUIC: ") + ngtcp2_strerror(rv));
  }
}

Bytes Engine::Impl::write_close(const ngtcp2_connection_close_error& error, Timestamp ts) {
  if (ngtcp2_conn_is_in_closing_period(conn) || ngtcp2_conn_is_in_draining_period(conn)) return {};
  Bytes out(ngtcp2_conn_get_max_tx_udp_payload_size(conn));
  ngtcp2_pkt_info pi{};
  const auto n = ngtcp2_conn_write_connection_close(conn, nullptr, &pi, out.data(), out.size(), &error, ts);
  if (n <= 0) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::client(std::shared_ptr<TlsContext> tls, const EngineConfig& config,
                                               const Path& path, EngineEvents& events) {
  auto impl = std::make_unique<Impl>(std::move(tls), events, false);
  ngtcp2_settings settings;
  ngtcp2_transport_params params;
  make_settings(config, settings, params);
  const ngtcp2_cid dcid = random_cid(18), scid = random_cid(cid_length);
  const auto callbacks = make_callbacks(false);
  PathStorage ps(path);
  if (int rv = ngtcp2_conn_client_new(&impl->conn, &dcid, &scid, &ps.path, NGTCP2_PROTO_VER_V1, &callbacks, &settings,
                                      &params, nullptr, impl.get());
      rv != 0)
    return Error(Errc::quic_protocol, std::string("ngtcp2_conn_client_new: ") + ngtcp2_strerror(rv));
  if (auto r = impl->setup_tls(); !r) return r.error();
  if (config.keep_alive.count() > 0) ngtcp2_conn_set_keep_alive_timeout(impl->conn, nanoseconds(config.keep_alive));
  impl->first_cids = {to_cid(scid)};
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Result<std::unique_ptr<Engine>> Engine::server(std::shared_ptr<TlsContext> tls, const EngineConfig& config,
                                               const Path& path, BytesView initial, EngineEvents& events) {
  ngtcp2_pkt_hd hd{};
  if (ngtcp2_accept(&hd, initial.data(), initial.size()) != 0)
    return Error(Errc::quic_protocol, "not a client Initial packet that can start a QUIC connection");
  auto impl = std::make_unique<Impl>(std::move(tls), events, true);
  ngtcp2_settings settings;
  ngtcp2_transport_params params;
  make_settings(config, settings, params);
  const ngtcp2_cid scid = random_cid(cid_length);
  params.original_dcid = hd.dcid;
  const auto& secret = impl->tls->impl().reset_secret;
  if (ngtcp2_crypto_generate_stateless_reset_token(params.stateless_reset_token, secret.data(), secret.size(), &scid) == 0)
    params.stateless_reset_token_present = 1;
  const auto callbacks = make_callbacks(true);
  PathStorage ps(path);
  if (int rv = ngtcp2_conn_server_new(&impl->conn, &hd.scid, &scid, &ps.path, hd.version, &callbacks, &settings,
                                      &params, nullptr, impl.get());
      rv != 0)
    return Error(Errc::quic_protocol, std::string("ngtcp2_conn_server_new: ") + ngtcp2_strerror(rv));
  if (auto r = impl->setup_tls(); !r) return r.error();
  if (config.keep_alive.count() > 0) ngtcp2_conn_set_keep_alive_timeout(impl->conn, nanoseconds(config.keep_alive));
  impl->first_cids = {to_cid(scid), to_cid(hd.dcid)};
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

std::vector<Cid> Engine::local_cids() const { return impl_->first_cids; }

Result<void> Engine::receive(BytesView datagram, const Path& path, Timestamp ts) {
  if (datagram.empty()) return {};
  PathStorage ps(path);
  ngtcp2_pkt_info pi{};
  const int rv = ngtcp2_conn_read_pkt(impl_->conn, &ps.path, &pi, datagram.data(), datagram.size(), ts);
  if (rv == 0) return {};
  return impl_->fail(rv);
}

Result<Engine::Written> Engine::write(std::span<std::uint8_t> out, std::optional<std::int64_t> stream,
                                      std::span<const BytesView> data, bool fin, Timestamp ts) {
  constexpr std::size_t max_vecs = 16;
  std::array<ngtcp2_vec, max_vecs> vecs{};
  std::size_t count = 0, total = 0;
  for (; stream && count < data.size() && count < max_vecs; ++count) {
    vecs[count] = {const_cast<std::uint8_t*>(data[count].data()), data[count].size()};
    total += data[count].size();
  }
  // FIN only once all the stream's data is offered.
  const bool offer_fin = stream && fin && count == data.size();
  std::uint32_t flags = NGTCP2_WRITE_STREAM_FLAG_MORE;
  if (offer_fin) flags |= NGTCP2_WRITE_STREAM_FLAG_FIN;
  ngtcp2_ssize taken = -1;
  ngtcp2_pkt_info pi{};
  const auto n = ngtcp2_conn_writev_stream(impl_->conn, nullptr, &pi, out.data(), out.size(), &taken, flags,
                                           stream ? *stream : -1, vecs.data(), count, ts);
  Written w{Written::State::idle};
  w.consumed = taken > 0 ? static_cast<std::size_t>(taken) : 0;
  w.fin_sent = offer_fin && taken >= 0 && static_cast<std::size_t>(taken) == total;
  if (n == NGTCP2_ERR_WRITE_MORE) {
    w.state = Written::State::more;
    return w;
  }
  if (n == NGTCP2_ERR_STREAM_DATA_BLOCKED) return Written{Written::State::stream_blocked};
  if (n == NGTCP2_ERR_STREAM_SHUT_WR || n == NGTCP2_ERR_STREAM_NOT_FOUND) return Written{Written::State::stream_gone};
  if (n < 0) return impl_->fail(static_cast<int>(n));
  if (n > 0) {
    w.state = Written::State::packet;
    w.size = static_cast<std::size_t>(n);
  }
  return w;
}

// No pacing before the handshake completes. ngtcp2 0.12 paces from
// cwnd / smoothed RTT, and before the first RTT sample that is the initial
// 333 ms of RFC 9002 §6.2.2: the client's 1200-byte Initial would hold its
// Finished back by ~25 ms on any network. The handshake is a few packets,
// within the initial window (RFC 9002 §7.2) that pacing need not spread
// (§7.7 allows bursts of it); quic-go likewise starts with a full burst.
void Engine::finish_burst(Timestamp ts) {
  if (ngtcp2_conn_get_handshake_completed(impl_->conn)) ngtcp2_conn_update_pkt_tx_time(impl_->conn, ts);
}

std::size_t Engine::max_packet_size() const { return ngtcp2_conn_get_path_max_tx_udp_payload_size(impl_->conn); }

Timestamp Engine::deadline() const { return ngtcp2_conn_get_expiry(impl_->conn); }

Result<void> Engine::on_deadline(Timestamp ts) {
  const int rv = ngtcp2_conn_handle_expiry(impl_->conn, ts);
  if (rv == 0) return {};
  return impl_->fail(rv);
}

Bytes Engine::close_packet(Timestamp ts) {
  if (!impl_->send_close) return {};
  impl_->send_close = false;
  return impl_->write_close(impl_->close_error, ts);
}

Bytes Engine::close_locally(Timestamp ts) {
  ngtcp2_connection_close_error cc{};
  ngtcp2_connection_close_error_set_application_error(&cc, 0, nullptr, 0);
  return impl_->write_close(cc, ts);
}

bool Engine::handshake_completed() const { return ngtcp2_conn_get_handshake_completed(impl_->conn) != 0; }

Result<std::optional<std::int64_t>> Engine::open_stream() {
  std::int64_t id = -1;
  const int rv = ngtcp2_conn_open_bidi_stream(impl_->conn, &id, nullptr);
  if (rv == NGTCP2_ERR_STREAM_ID_BLOCKED) return std::optional<std::int64_t>();
  if (rv != 0) return Error(Errc::quic_protocol, std::string("cannot open a QUIC stream: ") + ngtcp2_strerror(rv));
  return std::optional<std::int64_t>(id);
}

void Engine::reset_stream(std::int64_t id) { (void)ngtcp2_conn_shutdown_stream(impl_->conn, id, 0); }
void Engine::stop_reading(std::int64_t id) { (void)ngtcp2_conn_shutdown_stream_read(impl_->conn, id, 0); }

void Engine::consumed(std::int64_t id, std::size_t n) {
  if (n == 0) return;
  (void)ngtcp2_conn_extend_max_stream_offset(impl_->conn, id, n);
  ngtcp2_conn_extend_max_offset(impl_->conn, n);
}

}  // namespace libp2p::transport::quic::detail
