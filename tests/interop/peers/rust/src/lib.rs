//! What the interop peer (src/main.rs) and the bench peer (src/bin/bench-peer.rs) share.

use std::error::Error;

use libp2p::{
    core::{muxing::StreamMuxerBox, transport::Boxed, upgrade::Version},
    identity, noise, tcp, tls, yamux, PeerId, Transport,
};

pub type BoxError = Box<dyn Error + Send + Sync>;

/// TCP + the requested security + the requested muxer, boxed to one type.
pub fn transport(
    key: &identity::Keypair,
    security: &str,
    muxer: &str,
) -> Result<Boxed<(PeerId, StreamMuxerBox)>, BoxError> {
    macro_rules! stack {
        ($security:expr, $muxer:expr) => {
            tcp::tokio::Transport::new(tcp::Config::default().nodelay(true))
                .upgrade(Version::V1Lazy)
                .authenticate($security)
                .multiplex($muxer)
                .map(|(peer, muxer), _| (peer, StreamMuxerBox::new(muxer)))
                .boxed()
        };
    }
    Ok(match (security, muxer) {
        ("noise", "yamux") => stack!(noise::Config::new(key)?, yamux::Config::default()),
        ("noise", "mplex") => stack!(noise::Config::new(key)?, libp2p_mplex::Config::default()),
        ("tls", "yamux") => stack!(tls::Config::new(key)?, yamux::Config::default()),
        ("tls", "mplex") => stack!(tls::Config::new(key)?, libp2p_mplex::Config::default()),
        _ => return Err(format!("unsupported combination {security} + {muxer}").into()),
    })
}
