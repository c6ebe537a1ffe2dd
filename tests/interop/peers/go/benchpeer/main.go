// The go-libp2p bench peer (bench/CONTRACT.md).
//
//	bench-peer server --listen-ip IP --security noise|tls --muxer yamux [--transport tcp|quic-v1]
//	    serves /perf/1.0.0 and /ipfs/ping/1.0.0, prints `listen <maddr>/p2p/<id>`,
//	    runs until SIGTERM or stdin closes
//	bench-peer client --server MADDR --security ... --muxer ... SCENARIO [options]
//	    runs one scenario, prints one JSON line
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/connmgr"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	noise "github.com/libp2p/go-libp2p/p2p/security/noise"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
	libp2pquic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// byteCount is a flag taking a plain integer or one with a KiB, MiB or GiB suffix.
type byteCount uint64

func (b *byteCount) String() string { return strconv.FormatUint(uint64(*b), 10) }

func (b *byteCount) Set(s string) error {
	multiplier := uint64(1)
	for i, suffix := range []string{"KiB", "MiB", "GiB"} {
		if number, ok := strings.CutSuffix(s, suffix); ok {
			s, multiplier = number, 1<<(10*(i+1))
			break
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	*b = byteCount(n * multiplier)
	return err
}

func hostOptions(transport, security, muxer string) []libp2p.Option {
	if transport != "tcp" && transport != "quic-v1" {
		fail("transport: unsupported %q (tcp, quic-v1)", transport)
	}
	// The idle scenario holds up to 1000 connections from one peer. go's
	// default resource manager allows a few per peer, and its default
	// connection manager trims down to 160 above 192 connections: so no
	// resource limits, and a connection manager that never trims.
	limits, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(rcmgr.InfiniteLimits))
	if err != nil {
		fail("resource manager: %v", err)
	}
	opts := []libp2p.Option{
		libp2p.ResourceManager(limits),
		libp2p.ConnectionManager(connmgr.NullConnMgr{}),
		// The bench runs on one transport alone: no relay transport (nor
		// its /p2p-circuit listen address).
		libp2p.DisableRelay(),
	}
	if transport == "quic-v1" { // its own security and streams: --security and --muxer do not apply
		return append(opts, libp2p.Transport(libp2pquic.NewTransport))
	}
	opts = append(opts, libp2p.Transport(tcp.NewTCPTransport))
	switch security {
	case "noise":
		opts = append(opts, libp2p.Security(noise.ID, noise.New))
	case "tls":
		opts = append(opts, libp2p.Security(libp2ptls.ID, libp2ptls.New))
	default:
		fail("security: unsupported %q", security)
	}
	if muxer != "yamux" {
		fail("muxer: unsupported %q (go-libp2p removed mplex)", muxer)
	}
	return append(opts, libp2p.Muxer(yamux.ID, yamux.DefaultTransport))
}

// stdinClosed is closed once standard input reaches EOF.
func stdinClosed() <-chan struct{} {
	closed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin)
		close(closed)
	}()
	return closed
}

// listenFormats: the listen address of each transport, for an ip4 address.
var listenFormats = map[string]string{"tcp": "/ip4/%s/tcp/0", "quic-v1": "/ip4/%s/udp/0/quic-v1"}

func serve(opts []libp2p.Option, transport, ip string) {
	h, err := libp2p.New(append(opts, libp2p.ListenAddrStrings(fmt.Sprintf(listenFormats[transport], ip)))...)
	if err != nil {
		fail("host: %v", err)
	}
	defer h.Close()
	// Ping is go-libp2p's own service, on by default (libp2p.Ping(true)).
	h.SetStreamHandler(perfID, servePerf)
	fmt.Printf("listen %s/p2p/%s\n", h.Network().ListenAddresses()[0], h.ID())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-signals:
	case <-stdinClosed():
	}
}

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "server" && os.Args[1] != "client") {
		fail("usage: bench-peer server|client [options] (see bench/CONTRACT.md)")
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	transport := flags.String("transport", "tcp", "tcp or quic-v1")
	security := flags.String("security", "", "noise or tls")
	muxer := flags.String("muxer", "", "yamux")
	listenIP := flags.String("listen-ip", "127.0.0.1", "server: the ip4 address to listen on")
	server := flags.String("server", "", "client: the server's multiaddr with /p2p/<id>")
	var s scenario
	flags.Var(&s.upload, "upload", "bytes sent by each perf stream")
	flags.Var(&s.download, "download", "bytes received by each perf stream")
	flags.IntVar(&s.streams, "streams", 1, "streams: concurrent perf streams")
	flags.IntVar(&s.count, "count", 1, "connect, latency: how many")
	flags.Float64Var(&s.seconds, "seconds", 1, "handshakes: how long")
	flags.IntVar(&s.concurrency, "concurrency", 1, "handshakes: concurrent loops")
	flags.IntVar(&s.connections, "connections", 1, "idle: connections to hold")
	flags.Parse(os.Args[2:])
	opts := hostOptions(*transport, *security, *muxer)
	if os.Args[1] == "server" {
		serve(opts, *transport, *listenIP)
		return
	}
	// The scenario's options follow its name.
	name := flags.Arg(0)
	flags.Parse(flags.Args()[min(1, flags.NArg()):])
	if flags.NArg() != 0 {
		fail("unexpected arguments: %v", flags.Args())
	}
	result, err := s.run(name, opts, *server)
	if err != nil {
		fail("%s: %v", name, err)
	}
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
	if name == "idle" {
		<-stdinClosed()
	}
}
