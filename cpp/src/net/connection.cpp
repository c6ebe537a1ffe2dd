#include "libp2p/net/connection.hpp"

#include <atomic>

namespace libp2p::net {
namespace {
std::atomic<std::uint64_t> next_connection_id{1};
}

Connection::Connection(std::shared_ptr<muxer::MuxedConnection> muxed, ConnectionInfo info)
    : id_(next_connection_id++), muxed_(std::move(muxed)), info_(std::move(info)) {}

}  // namespace libp2p::net
