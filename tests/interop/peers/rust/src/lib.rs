//! What the interop peer (src/main.rs) and the bench peer (src/bin/bench-peer.rs) share.

use std::error::Error;

use libp2p::{
    core::{muxing::StreamMuxerBox, transport::Boxed, upgrade::Version},
    identity, noise, quic, tcp, tls, websocket, yamux, PeerId, Transport,
};

pub type BoxError = Box<dyn Error + Send + Sync>;

/// TCP or WebSocket-over-TCP + the requested security + the requested
/// muxer, or QUIC v1 (its own security and streams), boxed to one type.
pub fn transport(
    key: &identity::Keypair,
    transport: &str,
    security: &str,
    muxer: &str,
) -> Result<Boxed<(PeerId, StreamMuxerBox)>, BoxError> {
    macro_rules! stack {
        ($base:expr, $security:expr, $muxer:expr) => {
            $base
                .upgrade(Version::V1Lazy)
                .authenticate($security)
                .multiplex($muxer)
                .map(|(peer, muxer), _| (peer, StreamMuxerBox::new(muxer)))
                .boxed()
        };
    }
    macro_rules! secured {
        ($base:expr) => {
            match (security, muxer) {
                ("noise", "yamux") => stack!($base, noise::Config::new(key)?, yamux::Config::default()),
                ("noise", "mplex") => stack!($base, noise::Config::new(key)?, libp2p_mplex::Config::default()),
                ("tls", "yamux") => stack!($base, tls::Config::new(key)?, yamux::Config::default()),
                ("tls", "mplex") => stack!($base, tls::Config::new(key)?, libp2p_mplex::Config::default()),
                _ => return Err(format!("unsupported combination {security} + {muxer}").into()),
            }
        };
    }
    let tcp = || tcp::tokio::Transport::new(tcp::Config::default().nodelay(true));
    Ok(match transport {
        "tcp" => secured!(tcp()),
        "ws" => secured!(websocket::Config::new(tcp())),
        "quic-v1" => quic::tokio::Transport::new(quic::Config::new(key))
            .map(|(peer, connection), _| (peer, StreamMuxerBox::new(connection)))
            .boxed(),
        _ => return Err(format!("unsupported transport {transport}").into()),
    })
}
