//! The rust-libp2p bench peer (bench/CONTRACT.md).
//!
//!   bench-peer server --listen-ip IP --security noise|tls --muxer yamux|mplex [--transport tcp|quic-v1]
//!       serves /perf/1.0.0 and /ipfs/ping/1.0.0, prints `listen <maddr>/p2p/<id>`,
//!       runs until SIGTERM or stdin closes
//!   bench-peer client --server MADDR --security ... --muxer ... SCENARIO [options]
//!       runs one scenario, prints one JSON line

use std::{
    convert::Infallible,
    fmt::Display,
    future::Future,
    io,
    pin::pin,
    str::FromStr,
    task::{Context, Poll},
    time::{Duration, Instant},
};

use futures::{channel::oneshot, AsyncReadExt, AsyncWriteExt, StreamExt};
use interop_peer::{transport, BoxError};
use libp2p::{
    core::{
        transport::PortUse,
        upgrade::{DeniedUpgrade, ReadyUpgrade},
        Endpoint,
    },
    multiaddr::Protocol,
    ping,
    swarm::{
        dial_opts::{DialOpts, PeerCondition},
        handler::{ConnectionEvent, FullyNegotiatedInbound},
        ConnectionDenied, ConnectionHandler, ConnectionHandlerEvent, ConnectionId, FromSwarm, NetworkBehaviour,
        SubstreamProtocol, Swarm, SwarmEvent, ToSwarm,
    },
    Multiaddr, PeerId, Stream, StreamProtocol, SwarmBuilder,
};
use serde_json::json;
use tokio::signal::unix::{signal, SignalKind};

const PERF: StreamProtocol = StreamProtocol::new("/perf/1.0.0");
const WARM_UP_PINGS: usize = 10;
/// idle opens its connections this many at a time.
const DIALS_IN_FLIGHT: usize = 64;
/// The spec lets the perf bytes be anything predetermined: zeros, in blocks of this size.
const BLOCK: usize = 64 << 10;

struct Options {
    server: bool,
    transport: String,
    security: String,
    muxer: String,
    listen_ip: String,
    remote: Option<String>,
    scenario: Option<String>,
    upload: u64,
    download: u64,
    streams: usize,
    count: usize,
    seconds: f64,
    concurrency: usize,
    connections: usize,
}

fn number<T: FromStr<Err: Display>>(s: &str) -> Result<T, BoxError> {
    s.parse().map_err(|e| format!("{s:?}: {e}").into())
}

/// A plain integer or one with a KiB, MiB or GiB suffix.
fn byte_count(s: &str) -> Result<u64, BoxError> {
    for (suffix, shift) in [("KiB", 10), ("MiB", 20), ("GiB", 30)] {
        if let Some(n) = s.strip_suffix(suffix) {
            return Ok(number::<u64>(n)? << shift);
        }
    }
    number(s)
}

fn parse_args() -> Result<Options, BoxError> {
    let mut args = std::env::args().skip(1);
    let role = args.next().unwrap_or_default();
    if role != "server" && role != "client" {
        return Err("usage: bench-peer server|client [options] (see bench/CONTRACT.md)".into());
    }
    let mut o = Options {
        server: role == "server",
        transport: "tcp".into(),
        security: String::new(),
        muxer: String::new(),
        listen_ip: "127.0.0.1".into(),
        remote: None,
        scenario: None,
        upload: 0,
        download: 0,
        streams: 1,
        count: 1,
        seconds: 1.0,
        concurrency: 1,
        connections: 1,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--transport" => o.transport = value()?,
            "--security" => o.security = value()?,
            "--muxer" => o.muxer = value()?,
            "--listen-ip" => o.listen_ip = value()?,
            "--server" => o.remote = Some(value()?),
            "--upload" => o.upload = byte_count(&value()?)?,
            "--download" => o.download = byte_count(&value()?)?,
            "--streams" => o.streams = number(&value()?)?,
            "--count" => o.count = number(&value()?)?,
            "--seconds" => o.seconds = number(&value()?)?,
            "--concurrency" => o.concurrency = number(&value()?)?,
            "--connections" => o.connections = number(&value()?)?,
            _ if !arg.starts_with("--") && o.scenario.is_none() => o.scenario = Some(arg),
            _ => return Err(format!("unexpected argument {arg}").into()),
        }
    }
    if o.transport != "tcp" && o.transport != "quic-v1" {
        return Err(format!("transport: unsupported {:?} (tcp, quic-v1)", o.transport).into());
    }
    if o.streams == 0 || o.count == 0 || o.seconds <= 0.0 || o.concurrency == 0 || o.connections == 0 {
        return Err("--streams, --count, --seconds, --concurrency and --connections must be positive".into());
    }
    Ok(o)
}

fn swarm<B: NetworkBehaviour>(o: &Options, behaviour: impl FnOnce() -> B) -> Result<Swarm<B>, BoxError> {
    let (name, security, muxer) = (o.transport.clone(), o.security.clone(), o.muxer.clone());
    Ok(SwarmBuilder::with_new_identity()
        .with_tokio()
        .with_other_transport(move |key| transport(key, &name, &security, &muxer))?
        .with_behaviour(|_| behaviour())?
        // idle holds connections that have no stream: neither side may close them.
        .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::MAX))
        .build())
}

/// Polls the swarm, leaving its events unread, until `task` is done.
async fn drive<B: NetworkBehaviour, T>(swarm: &mut Swarm<B>, task: impl Future<Output = T>) -> T {
    let mut task = pin!(task);
    loop {
        tokio::select! {
            output = &mut task => return output,
            _ = swarm.select_next_some() => {}
        }
    }
}

/// Resolves once standard input reaches EOF. A thread of its own, not
/// tokio's blocking pool, whose shutdown would wait for the read.
async fn stdin_closed() {
    let (closed, receiver) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = io::copy(&mut io::stdin(), &mut io::sink());
        let _ = closed.send(());
    });
    let _ = receiver.await;
}

static ZEROS: [u8; BLOCK] = [0; BLOCK];

async fn send(stream: &mut Stream, mut n: u64) -> io::Result<()> {
    while n > 0 {
        let block = n.min(BLOCK as u64) as usize;
        stream.write_all(&ZEROS[..block]).await?;
        n -= block as u64;
    }
    Ok(())
}

/// Reads the stream to EOF and returns how many bytes it held.
async fn drain(stream: &mut Stream) -> io::Result<u64> {
    let mut buf = vec![0; BLOCK];
    let mut total = 0;
    loop {
        match stream.read(&mut buf).await? {
            0 => return Ok(total),
            n => total += n as u64,
        }
    }
}

// The server: perf and ping. rust-libp2p limits connections only through
// the connection-limits behaviour, which is not here: 1000 inbound
// connections from one peer are fine.

#[derive(NetworkBehaviour)]
struct Server {
    perf: PerfServer,
    ping: ping::Behaviour,
}

/// Serves /perf/1.0.0 (libp2p/specs perf/perf.md), each stream in a tokio
/// task of its own. Not libp2p-stream's `accept`: it hands inbound streams
/// over a channel of one slot and drops those that find it full, as
/// concurrent streams do.
struct PerfServer;

impl NetworkBehaviour for PerfServer {
    type ConnectionHandler = PerfHandler;
    type ToSwarm = Infallible;

    fn handle_established_inbound_connection(
        &mut self,
        _: ConnectionId,
        _: PeerId,
        _: &Multiaddr,
        _: &Multiaddr,
    ) -> Result<PerfHandler, ConnectionDenied> {
        Ok(PerfHandler)
    }

    fn handle_established_outbound_connection(
        &mut self,
        _: ConnectionId,
        _: PeerId,
        _: &Multiaddr,
        _: Endpoint,
        _: PortUse,
    ) -> Result<PerfHandler, ConnectionDenied> {
        Ok(PerfHandler)
    }

    fn on_swarm_event(&mut self, _: FromSwarm) {}

    fn on_connection_handler_event(&mut self, _: PeerId, _: ConnectionId, event: Infallible) {
        match event {}
    }

    fn poll(&mut self, _: &mut Context<'_>) -> Poll<ToSwarm<Infallible, Infallible>> {
        Poll::Pending
    }
}

struct PerfHandler;

impl ConnectionHandler for PerfHandler {
    type FromBehaviour = Infallible;
    type ToBehaviour = Infallible;
    type InboundProtocol = ReadyUpgrade<StreamProtocol>;
    type OutboundProtocol = DeniedUpgrade;
    type InboundOpenInfo = ();
    type OutboundOpenInfo = Infallible;

    fn listen_protocol(&self) -> SubstreamProtocol<Self::InboundProtocol> {
        SubstreamProtocol::new(ReadyUpgrade::new(PERF), ())
    }

    fn poll(&mut self, _: &mut Context<'_>) -> Poll<ConnectionHandlerEvent<DeniedUpgrade, Infallible, Infallible>> {
        Poll::Pending
    }

    fn on_behaviour_event(&mut self, event: Infallible) {
        match event {}
    }

    fn on_connection_event(&mut self, event: ConnectionEvent<Self::InboundProtocol, DeniedUpgrade, (), Infallible>) {
        if let ConnectionEvent::FullyNegotiatedInbound(FullyNegotiatedInbound { protocol: stream, .. }) = event {
            tokio::spawn(async move {
                if let Err(e) = serve_perf(stream).await {
                    eprintln!("perf: {e}");
                }
            });
        }
    }
}

/// Reads the requested size (a big-endian u64), reads the upload to EOF, and
/// only then sends the download and closes ("MUST NOT be run concurrently
/// with step 2").
async fn serve_perf(mut stream: Stream) -> io::Result<()> {
    let mut size = [0; 8];
    stream.read_exact(&mut size).await?;
    drain(&mut stream).await?;
    send(&mut stream, u64::from_be_bytes(size)).await?;
    stream.close().await
}

async fn serve(o: &Options) -> Result<(), BoxError> {
    let mut swarm = swarm(o, || Server {
        perf: PerfServer,
        ping: ping::Behaviour::default(),
    })?;
    let listen = match o.transport.as_str() {
        "quic-v1" => format!("/ip4/{}/udp/0/quic-v1", o.listen_ip),
        _ => format!("/ip4/{}/tcp/0", o.listen_ip),
    };
    swarm.listen_on(listen.parse()?)?;
    let address = loop {
        if let SwarmEvent::NewListenAddr { address, .. } = swarm.select_next_some().await {
            break address;
        }
    };
    println!("listen {}", address.with(Protocol::P2p(*swarm.local_peer_id())));
    let mut terminate = signal(SignalKind::terminate())?;
    drive(&mut swarm, async {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
            _ = stdin_closed() => {}
        }
    })
    .await;
    Ok(())
}

// The client: libp2p-stream opens its perf streams; ping::Behaviour pings.

#[derive(NetworkBehaviour)]
struct Client {
    streams: libp2p_stream::Behaviour,
    // Also answers the server's pings: once a connection's outbound ping
    // finds the protocol unsupported, rust-libp2p's ping handler stops
    // answering inbound pings on that connection too.
    ping: ping::Behaviour,
}

struct Remote {
    id: PeerId,
    address: Multiaddr,
}

impl Remote {
    fn parse(address: &str) -> Result<Remote, BoxError> {
        let address: Multiaddr = address.parse()?;
        match address.iter().last() {
            Some(Protocol::P2p(id)) => Ok(Remote { id, address }),
            _ => Err("--server needs a multiaddr ending in /p2p/<id>".into()),
        }
    }

    /// A new connection even when one is up (the default condition skips
    /// dialing a connected peer).
    fn dial(&self) -> DialOpts {
        DialOpts::peer_id(self.id)
            .addresses(vec![self.address.clone()])
            .condition(PeerCondition::Always)
            .build()
    }
}

/// Dials new connections to the server, at most `parallel` at a time, while
/// `more(dials started)` says so, closing each once it is up if `close`.
/// Returns how many came up (secured and multiplexed).
async fn dial_many(
    swarm: &mut Swarm<Client>,
    server: &Remote,
    parallel: usize,
    close: bool,
    mut more: impl FnMut(usize) -> bool,
) -> Result<usize, BoxError> {
    let (mut started, mut up) = (0, 0);
    while started < parallel && more(started) {
        swarm.dial(server.dial())?;
        started += 1;
    }
    while up < started {
        match swarm.select_next_some().await {
            SwarmEvent::ConnectionEstablished { connection_id, .. } => {
                up += 1;
                if close {
                    swarm.close_connection(connection_id);
                }
                if more(started) {
                    swarm.dial(server.dial())?;
                    started += 1;
                }
            }
            SwarmEvent::OutgoingConnectionError { error, .. } => return Err(error.into()),
            _ => {}
        }
    }
    Ok(up)
}

async fn connect(swarm: &mut Swarm<Client>, server: &Remote) -> Result<(), BoxError> {
    dial_many(swarm, server, 1, false, |started| started == 0)
        .await
        .map(drop)
}

/// One perf request on a new stream: the size wanted back, the upload, a
/// half-close, then the download until the server closes.
async fn perf(mut control: libp2p_stream::Control, server: PeerId, upload: u64, download: u64) -> Result<(), BoxError> {
    let mut stream = control.open_stream(server, PERF).await?;
    stream.write_all(&download.to_be_bytes()).await?;
    send(&mut stream, upload).await?;
    stream.close().await?;
    let received = drain(&mut stream).await?;
    if received != download {
        return Err(format!("perf: received {received} bytes, asked for {download}").into());
    }
    Ok(())
}

async fn client(o: &Options) -> Result<(), BoxError> {
    let server = Remote::parse(o.remote.as_deref().ok_or("client: --server is required")?)?;
    let scenario = o.scenario.as_deref().unwrap_or_default();
    // latency pings back to back; the other scenarios keep ping's default interval.
    let ping_config = match scenario {
        "latency" => ping::Config::new().with_interval(Duration::ZERO),
        _ => ping::Config::new(),
    };
    let mut swarm = swarm(o, || Client {
        streams: libp2p_stream::Behaviour::new(),
        ping: ping::Behaviour::new(ping_config),
    })?;
    let control = swarm.behaviour().streams.new_control();
    let result = match scenario {
        "throughput" | "streams" => {
            let streams = if scenario == "streams" { o.streams } else { 1 };
            connect(&mut swarm, &server).await?;
            tokio::spawn(swarm.for_each(|_| async {}));
            let start = Instant::now();
            let tasks: Vec<_> = (0..streams)
                .map(|_| tokio::spawn(perf(control.clone(), server.id, o.upload, o.download)))
                .collect();
            for task in tasks {
                task.await??;
            }
            let seconds = start.elapsed().as_secs_f64();
            let (upload, download) = (streams as u64 * o.upload, streams as u64 * o.download);
            match scenario {
                "streams" => json!({"seconds": seconds, "streams": streams, "upload": upload, "download": download}),
                _ => json!({"seconds": seconds, "upload": upload, "download": download}),
            }
        }
        "connect" => {
            let mut ms = Vec::with_capacity(o.count);
            for _ in 0..o.count {
                let start = Instant::now();
                connect(&mut swarm, &server).await?;
                drive(&mut swarm, perf(control.clone(), server.id, 1, 1)).await?;
                ms.push(start.elapsed().as_secs_f64() * 1e3);
                // Closed for good before the next dial, so that the next
                // stream cannot pick this connection.
                swarm
                    .disconnect_peer_id(server.id)
                    .map_err(|()| "connect: the connection is gone")?;
                while !matches!(
                    swarm.select_next_some().await,
                    SwarmEvent::ConnectionClosed { num_established: 0, .. }
                ) {}
            }
            json!({ "ms": ms })
        }
        "handshakes" => {
            let start = Instant::now();
            let deadline = start + Duration::from_secs_f64(o.seconds);
            let count = dial_many(&mut swarm, &server, o.concurrency, true, |_| Instant::now() < deadline).await?;
            json!({"handshakes": count, "seconds": start.elapsed().as_secs_f64()})
        }
        "latency" => {
            // The RTTs of rust-libp2p's ping, which keeps one stream per
            // connection and times each ping from its flushed write to the
            // last byte of the echo.
            connect(&mut swarm, &server).await?;
            let (mut pings, mut us) = (0, Vec::with_capacity(o.count));
            while us.len() < o.count {
                if let SwarmEvent::Behaviour(ClientEvent::Ping(ping::Event { result, .. })) =
                    swarm.select_next_some().await
                {
                    let rtt = result?;
                    pings += 1;
                    if pings > WARM_UP_PINGS {
                        us.push(rtt.as_secs_f64() * 1e6);
                    }
                }
            }
            json!({ "us": us })
        }
        "idle" => {
            dial_many(&mut swarm, &server, DIALS_IN_FLIGHT, false, |started| {
                started < o.connections
            })
            .await?;
            println!("{}", json!({"open": o.connections}));
            drive(&mut swarm, stdin_closed()).await;
            return Ok(());
        }
        _ => {
            return Err(format!(
                "unknown scenario {scenario:?} (throughput, streams, connect, handshakes, latency, idle)"
            )
            .into())
        }
    };
    println!("{result}");
    Ok(())
}

#[tokio::main]
async fn main() {
    let result = async {
        let o = parse_args()?;
        if o.server {
            serve(&o).await
        } else {
            client(&o).await
        }
    }
    .await;
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
