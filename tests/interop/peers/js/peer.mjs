// The js-libp2p peer of the interop matrix (tests/interop/README.md).
//
//   node peer.mjs listen --ip IP [--transport tcp|ws] [--security noise|tls] [--muxer yamux|mplex] [--timeout S]
//       serves ping, identify and /echo/1.0.0; prints its full multiaddr
//       (with /p2p/<id>) as the first line of stdout, then runs until killed
//   node peer.mjs dial [--transport ...] [--security ...] [--muxer ...] [--timeout S] MULTIADDR
//       connects, pings, checks identify, echoes if the remote serves echo,
//       prints one JSON line and exits 0
//
// The `run` script beside this file does the Redis part of the contract.

import './node20.mjs'

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { webSockets } = await import('@libp2p/websockets')
const { noise } = await import('@chainsafe/libp2p-noise')
const { tls } = await import('@libp2p/tls')
const { yamux } = await import('@chainsafe/libp2p-yamux')
const { mplex } = await import('@libp2p/mplex')
const { identify } = await import('@libp2p/identify')
const { ping } = await import('@libp2p/ping')
const { echo } = await import('@libp2p/echo')
const { multiaddr } = await import('@multiformats/multiaddr')
const { randomBytes } = await import('node:crypto')

function fail (message) {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

function parseArgs (argv) {
  const [mode, ...rest] = argv
  if (mode !== 'listen' && mode !== 'dial') fail('usage: peer.mjs listen|dial [flags] [MULTIADDR]')
  const o = { dialer: mode === 'dial', transport: 'tcp', security: 'noise', muxer: 'yamux', ip: '0.0.0.0', timeout: 180, remote: null }
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]
    if (flag.startsWith('--')) o[flag.slice(2)] = rest[++i]
    else o.remote = flag
  }
  o.timeout = Number(o.timeout)
  return o
}

async function makeNode (o, listen) {
  const security = { noise: noise, tls: tls }[o.security]
  const muxer = { yamux: yamux, mplex: mplex }[o.muxer]
  const transport = { tcp: tcp, ws: webSockets }[o.transport]
  if (!security || !muxer || !transport) fail(`unsupported ${o.transport} + ${o.security} + ${o.muxer}`)
  return createLibp2p({
    addresses: { listen },
    transports: [transport()],
    connectionEncrypters: [security()],
    streamMuxers: [muxer()],
    services: { identify: identify(), ping: ping(), echo: echo() }
  })
}

function isLoopback (ma) {
  return ma.toString().startsWith('/ip4/127.')
}

async function listen (o) {
  const node = await makeNode(o, [`/ip4/${o.ip}/tcp/0${o.transport === 'ws' ? '/ws' : ''}`])
  const addrs = node.getMultiaddrs()
  const addr = addrs.find(a => !isLoopback(a)) ?? addrs[0]
  if (!addr) fail('no listen address')
  process.stdout.write(`${addr.toString()}\n`)
  const stop = async () => { await node.stop(); process.exit(0) }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

async function dial (o) {
  if (!o.remote) fail('dial: one multiaddr expected')
  const remote = multiaddr(o.remote)
  const expected = remote.getComponents().findLast(c => c.name === 'p2p')?.value
  if (!expected) fail('the remote address has no /p2p/<id>')
  const node = await makeNode(o, [])
  const identified = new Promise((resolve) => {
    node.addEventListener('peer:identify', (evt) => {
      if (evt.detail.peerId.toString() === expected) resolve(evt.detail)
    })
  })
  const start = performance.now()
  const rtt = await node.services.ping.ping(remote)
  const handshakePlusOneRTT = performance.now() - start
  const who = await Promise.race([identified, new Promise((resolve, reject) =>
    setTimeout(() => reject(new Error('identify: no result after 10 s')), 10_000).unref())])
  if (!who.protocols.includes('/ipfs/ping/1.0.0')) fail('identify: the remote does not list /ipfs/ping/1.0.0')
  let echoResult = 'not served by the remote'
  if (who.protocols.includes('/echo/1.0.0')) {
    const sent = randomBytes(1024)
    const received = (await node.services.echo.echo(who.peerId, sent)).subarray()
    if (Buffer.compare(Buffer.from(received), sent) !== 0) fail(`echo: the reply (${received.length} bytes) differs`)
    echoResult = 'ok'
  }
  const connection = node.getConnections(who.peerId)[0]
  process.stdout.write(JSON.stringify({
    handshakePlusOneRTTMillis: handshakePlusOneRTT,
    pingRTTMilllis: rtt,
    checked: {
      remotePeer: who.peerId.toString(),
      peerIdMatches: who.peerId.toString() === expected,
      security: connection?.encryption,
      muxer: connection?.multiplexer,
      identify: { agentVersion: who.agentVersion, protocols: who.protocols },
      ping: 'ok',
      echo: echoResult
    }
  }) + '\n')
  await node.stop()
  process.exit(0)
}

const o = parseArgs(process.argv.slice(2))
setTimeout(() => fail(`timed out after ${o.timeout} s`), o.timeout * 1000).unref()
try {
  await (o.dialer ? dial(o) : listen(o))
} catch (e) {
  process.stderr.write(`${e.stack ?? e}\n`)
  fail(`${o.dialer ? 'dial' : 'listen'}: ${e.name}: ${e.message}`)
}
