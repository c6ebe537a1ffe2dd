//! The rust-libp2p peer of the interop matrix (tests/interop/README.md).
//!
//!   interop-peer listen --ip IP [--transport tcp|ws|quic-v1] [--security noise|tls] [--muxer yamux|mplex] [--timeout S]
//!       serves ping and identify; prints its full multiaddr (with /p2p/<id>)
//!       as the first line of stdout, then runs until killed
//!   interop-peer dial [--transport ...] [--security ...] [--muxer ...] [--timeout S] MULTIADDR
//!       connects, pings, checks identify, prints one JSON line and exits 0
//!
//! Like the reference rust peer it does not serve /echo/1.0.0.
//! The `run` script beside this file does the Redis part of the contract.

use std::{net::Ipv4Addr, time::Duration, time::Instant};

use futures::StreamExt;
use interop_peer::{transport, BoxError};
use libp2p::{
    identify,
    multiaddr::Protocol,
    ping,
    swarm::{NetworkBehaviour, Swarm, SwarmEvent},
    Multiaddr, SwarmBuilder,
};

#[derive(NetworkBehaviour)]
struct Behaviour {
    ping: ping::Behaviour,
    identify: identify::Behaviour,
}

struct Options {
    dialer: bool,
    transport: String,
    security: String,
    muxer: String,
    ip: String,
    timeout: u64,
    remote: Option<String>,
}

fn parse_args() -> Result<Options, BoxError> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    if mode != "listen" && mode != "dial" {
        return Err("usage: interop-peer listen|dial [flags] [MULTIADDR]".into());
    }
    let mut o = Options {
        dialer: mode == "dial",
        transport: "tcp".into(),
        security: "noise".into(),
        muxer: "yamux".into(),
        ip: "0.0.0.0".into(),
        timeout: 180,
        remote: None,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--transport" => o.transport = value()?,
            "--security" => o.security = value()?,
            "--muxer" => o.muxer = value()?,
            "--ip" => o.ip = value()?,
            "--timeout" => o.timeout = value()?.parse()?,
            _ if !arg.starts_with("--") && o.remote.is_none() => o.remote = Some(arg),
            _ => return Err(format!("unexpected argument {arg}").into()),
        }
    }
    Ok(o)
}

fn swarm(o: &Options) -> Result<Swarm<Behaviour>, BoxError> {
    let (transport_name, security, muxer) = (o.transport.clone(), o.security.clone(), o.muxer.clone());
    Ok(SwarmBuilder::with_new_identity()
        .with_tokio()
        .with_other_transport(move |key| transport(key, &transport_name, &security, &muxer))?
        .with_behaviour(|key| Behaviour {
            ping: ping::Behaviour::new(ping::Config::new()),
            identify: identify::Behaviour::new(identify::Config::new("/ipfs/id/1.0.0".into(), key.public())),
        })?
        .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(300)))
        .build())
}

async fn listen(o: Options) -> Result<(), BoxError> {
    let mut swarm = swarm(&o)?;
    let address = match o.transport.as_str() {
        "quic-v1" => format!("/ip4/{}/udp/0/quic-v1", o.ip),
        "ws" => format!("/ip4/{}/tcp/0/ws", o.ip),
        _ => format!("/ip4/{}/tcp/0", o.ip),
    };
    swarm.listen_on(address.parse()?)?;
    let mut published = false;
    loop {
        if let SwarmEvent::NewListenAddr { address, .. } = swarm.select_next_some().await {
            let loopback = address.iter().any(|p| matches!(p, Protocol::Ip4(ip) if ip.is_loopback()));
            let specific = o.ip.parse::<Ipv4Addr>().map(|ip| !ip.is_unspecified()).unwrap_or(false);
            if !published && (!loopback || specific) {
                println!("{}", address.with(Protocol::P2p(*swarm.local_peer_id())));
                published = true;
            }
        }
    }
}

async fn dial(o: Options) -> Result<(), BoxError> {
    let remote: Multiaddr = o.remote.clone().ok_or("dial: one multiaddr expected")?.parse()?;
    let expected = match remote.iter().last() {
        Some(Protocol::P2p(id)) => id,
        _ => return Err("the remote address has no /p2p/<id>".into()),
    };
    let mut swarm = swarm(&o)?;
    let start = Instant::now();
    swarm.dial(remote)?;
    let (mut rtt, mut handshake_plus_rtt, mut info, mut connection) = (None, None, None, None);
    while rtt.is_none() || info.is_none() {
        match swarm.select_next_some().await {
            SwarmEvent::ConnectionEstablished { peer_id, endpoint, .. } if peer_id == expected => {
                connection = Some(endpoint.get_remote_address().clone())
            }
            SwarmEvent::OutgoingConnectionError { error, .. } => return Err(format!("connect: {error}").into()),
            SwarmEvent::Behaviour(BehaviourEvent::Ping(ping::Event { peer, result, .. })) if peer == expected => {
                let d = result.map_err(|e| format!("ping: {e}"))?;
                if rtt.is_none() {
                    rtt = Some(d);
                    handshake_plus_rtt = Some(start.elapsed());
                }
            }
            SwarmEvent::Behaviour(BehaviourEvent::Identify(identify::Event::Received { peer_id, info: i, .. }))
                if peer_id == expected =>
            {
                info = Some(i)
            }
            SwarmEvent::Behaviour(BehaviourEvent::Identify(identify::Event::Error { error, .. })) => {
                return Err(format!("identify: {error}").into())
            }
            _ => {}
        }
    }
    let info = info.unwrap();
    let protocols: Vec<String> = info.protocols.iter().map(|p| p.to_string()).collect();
    if !protocols.iter().any(|p| p == "/ipfs/ping/1.0.0") {
        return Err("identify: the remote does not list /ipfs/ping/1.0.0".into());
    }
    let millis = |d: Duration| d.as_secs_f64() * 1000.0;
    let out = serde_json::json!({
        "handshakePlusOneRTTMillis": millis(handshake_plus_rtt.unwrap()),
        "pingRTTMilllis": millis(rtt.unwrap()),
        "checked": {
            "remotePeer": expected.to_string(),
            "peerIdMatches": info.public_key.to_peer_id() == expected,
            "address": connection.map(|a| a.to_string()),
            "security": o.security,
            "muxer": o.muxer,
            "identify": {"agentVersion": info.agent_version, "protocols": protocols},
            "ping": "ok",
            "echo": "not implemented by this peer",
        }
    });
    println!("{out}");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let result = async {
        let o = parse_args()?;
        let limit = Duration::from_secs(o.timeout);
        let run = async move { if o.dialer { dial(o).await } else { listen(o).await } };
        match tokio::time::timeout(limit, run).await {
            Ok(r) => r,
            Err(_) => Err(format!("timed out after {} s", limit.as_secs()).into()),
        }
    }
    .await;
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
