// The js-libp2p bench peer (bench/CONTRACT.md): TCP with Noise or TLS and
// yamux or mplex (js-libp2p on Node has no QUIC).
//
//   node bench-peer.mjs server --listen-ip IP --security S --muxer M
//   node bench-peer.mjs client --server MADDR --security S --muxer M SCENARIO [options]
//
// npm serves no @libp2p/perf here, so /perf/1.0.0 (libp2p/specs perf/perf.md)
// is written out below: the client sends the 8-byte big-endian size it wants
// back, then its upload, then closes its side; the server drains the upload
// to the end, sends the size asked for and closes.

import './node20.mjs'

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { noise } = await import('@chainsafe/libp2p-noise')
const { tls } = await import('@libp2p/tls')
const { yamux } = await import('@chainsafe/libp2p-yamux')
const { mplex } = await import('@libp2p/mplex')
const { ping } = await import('@libp2p/ping')
const { multiaddr } = await import('@multiformats/multiaddr')
const { randomBytes } = await import('node:crypto')

const PERF = '/perf/1.0.0'
const PING = '/ipfs/ping/1.0.0'
const CHUNK = 64 * 1024
const WARM_UP_PINGS = 10
const DIALS_IN_FLIGHT = 64
// Enough for the scenarios' 64 concurrent streams and 1000 connections from
// one peer: js-libp2p's defaults (300 connections, 32 streams per protocol,
// an inbound rate limit per host) would stop them.
const STREAM_LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }

function fail (message) {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

function byteCount (text) {
  const m = /^(\d+)(KiB|MiB|GiB)?$/.exec(text)
  if (!m) fail(`not a byte count: ${text}`)
  return Number(m[1]) * (m[2] ? { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[m[2]] : 1)
}

function parseArgs ([role, ...rest]) {
  if (role !== 'server' && role !== 'client') fail('usage: bench-peer.mjs server|client [options] (see bench/CONTRACT.md)')
  const o = { role, transport: 'tcp', 'listen-ip': '127.0.0.1', upload: '0', download: '0', streams: '1', count: '1', seconds: '1', concurrency: '1', connections: '1' }
  for (let i = 0; i < rest.length; i++) {
    if (rest[i].startsWith('--')) o[rest[i].slice(2)] = rest[++i]
    else o.scenario = rest[i]
  }
  if (o.transport !== 'tcp') fail(`transport: unsupported ${o.transport} (js-libp2p on Node: tcp)`)
  for (const n of ['streams', 'count', 'seconds', 'concurrency', 'connections']) {
    o[n] = Number(o[n])
    if (!(o[n] > 0)) fail(`--${n} must be positive`)
  }
  o.upload = byteCount(o.upload)
  o.download = byteCount(o.download)
  return o
}

function makeNode (o, listen) {
  const security = { noise, tls }[o.security]
  const muxer = { yamux, mplex }[o.muxer]
  if (!security || !muxer) fail(`unsupported --security ${o.security} --muxer ${o.muxer}`)
  return createLibp2p({
    addresses: { listen },
    transports: [tcp()],
    connectionEncrypters: [security()],
    streamMuxers: [muxer()],
    services: { ping: ping(STREAM_LIMITS) },
    connectionManager: { maxConnections: Infinity, maxIncomingPendingConnections: Infinity, inboundConnectionThreshold: Infinity },
    connectionMonitor: { enabled: false }
  })
}

// Writes `size` bytes of `block` (repeated), waiting for the stream to drain.
async function sendBytes (stream, size, block) {
  for (let left = size; left > 0;) {
    const n = Math.min(left, block.length)
    if (!stream.send(block.subarray(0, n))) await stream.onDrain()
    left -= n
  }
}

// Calls `take(bytes)` with each chunk read until the remote closes its side.
async function readToEnd (stream, take) {
  for await (const chunk of stream) take(chunk.subarray())
}

async function servePerf (stream) {
  const header = new Uint8Array(8)
  let headerFilled = 0
  await readToEnd(stream, (bytes) => {
    const n = Math.min(8 - headerFilled, bytes.length)
    header.set(bytes.subarray(0, n), headerFilled)
    headerFilled += n
  })
  if (headerFilled < 8) return stream.abort(new Error('perf: the stream ended inside the header'))
  const download = Number(new DataView(header.buffer).getBigUint64(0))
  await sendBytes(stream, download, new Uint8Array(CHUNK))
  await stream.close()
}

async function perf (connection, upload, download) {
  const stream = await connection.newStream(PERF, STREAM_LIMITS)
  const header = new Uint8Array(8)
  new DataView(header.buffer).setBigUint64(0, BigInt(download))
  stream.send(header)
  await sendBytes(stream, upload, new Uint8Array(CHUNK))
  await stream.close()
  let received = 0
  await readToEnd(stream, (bytes) => { received += bytes.length })
  if (received !== download) throw new Error(`perf: ${received} bytes came back, not ${download}`)
}

function untilStdinCloses () {
  return new Promise((resolve) => {
    process.stdin.on('end', resolve)
    process.stdin.on('close', resolve)
    process.stdin.resume()
  })
}

async function server (o) {
  const node = await makeNode(o, [`/ip4/${o['listen-ip']}/tcp/0`])
  await node.handle(PERF, servePerf, STREAM_LIMITS)
  process.stdout.write(`listen ${node.getMultiaddrs()[0].toString()}\n`)
  await Promise.race([untilStdinCloses(), new Promise((resolve) => process.on('SIGTERM', resolve))])
  await node.stop()
}

const scenarios = {
  async throughput (o, server) {
    return this.streams({ ...o, streams: 1 }, server, false)
  },

  async streams (o, server, named = true) {
    const node = await makeNode(o, [])
    const connection = await node.dial(server)
    const start = performance.now()
    await Promise.all(Array.from({ length: o.streams }, () => perf(connection, o.upload, o.download)))
    const seconds = (performance.now() - start) / 1000
    await node.stop()
    const result = { seconds, upload: o.streams * o.upload, download: o.streams * o.download }
    return named ? { ...result, streams: o.streams } : result
  },

  async connect (o, server) {
    const node = await makeNode(o, [])
    const ms = []
    for (let i = 0; i < o.count; i++) {
      const start = performance.now()
      const connection = await node.dial(server, { force: true })
      await perf(connection, 1, 1)
      ms.push(performance.now() - start)
      await connection.close()
    }
    await node.stop()
    return { ms }
  },

  async handshakes (o, server) {
    const nodes = await Promise.all(Array.from({ length: o.concurrency }, () => makeNode(o, [])))
    let handshakes = 0
    const start = performance.now()
    const deadline = start + o.seconds * 1000
    await Promise.all(nodes.map(async (node) => {
      while (performance.now() < deadline) {
        const connection = await node.dial(server, { force: true })
        handshakes++
        await connection.close()
      }
    }))
    const seconds = (performance.now() - start) / 1000
    await Promise.all(nodes.map((node) => node.stop()))
    return { handshakes, seconds }
  },

  // One ping stream: 32 random bytes each way, WARM_UP_PINGS untimed first.
  async latency (o, server) {
    const node = await makeNode(o, [])
    const connection = await node.dial(server)
    const stream = await connection.newStream(PING, STREAM_LIMITS)
    const chunks = stream[Symbol.asyncIterator]()
    let pending = new Uint8Array(0)
    const readExactly = async (n) => {
      while (pending.length < n) {
        const { value, done } = await chunks.next()
        if (done) throw new Error('the ping stream ended')
        const bytes = value.subarray()
        const joined = new Uint8Array(pending.length + bytes.length)
        joined.set(pending)
        joined.set(bytes, pending.length)
        pending = joined
      }
      const out = pending.subarray(0, n)
      pending = pending.subarray(n)
      return out
    }
    const us = []
    for (let i = 0; i < WARM_UP_PINGS + o.count; i++) {
      const sent = randomBytes(32)
      const start = performance.now()
      stream.send(sent)
      const back = await readExactly(32)
      const elapsed = (performance.now() - start) * 1000
      if (Buffer.compare(Buffer.from(back), sent) !== 0) throw new Error('ping: the answer differs')
      if (i >= WARM_UP_PINGS) us.push(elapsed)
    }
    await node.stop()
    return { us }
  },

  // DIALS_IN_FLIGHT nodes, each dialing a new connection after another
  // (force: no reuse; js-libp2p joins concurrent dials to one peer into one
  // even so); held until stdin closes.
  async idle (o, server) {
    const nodes = await Promise.all(Array.from({ length: Math.min(DIALS_IN_FLIGHT, o.connections) }, () => makeNode(o, [])))
    const held = new Set()
    let next = 0
    await Promise.all(nodes.map(async (node) => {
      while (next < o.connections) {
        next++
        held.add(await node.dial(server, { force: true }))
      }
    }))
    if (held.size !== o.connections) throw new Error(`${held.size} connections open, not ${o.connections}`)
    process.stdout.write(JSON.stringify({ open: held.size }) + '\n')
    await untilStdinCloses()
    await Promise.all(nodes.map((node) => node.stop()))
    return null
  }
}

async function client (o) {
  if (!o.server) fail('client: --server MADDR is required')
  const run = scenarios[o.scenario]
  if (!run) fail(`unknown scenario ${o.scenario} (throughput, streams, connect, handshakes, latency, idle)`)
  const result = await run.call(scenarios, o, multiaddr(o.server))
  if (result) process.stdout.write(JSON.stringify(result) + '\n')
}

const o = parseArgs(process.argv.slice(2))
try {
  await (o.role === 'server' ? server(o) : client(o))
  process.exit(0)
} catch (e) {
  process.stderr.write(`${e.stack ?? e}\n`)
  fail(`${o.role}: ${e.name}: ${e.message}`)
}
