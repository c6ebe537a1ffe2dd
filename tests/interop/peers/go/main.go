// The go-libp2p peer of the interop matrix (tests/interop/README.md).
//
//	peer listen --ip IP [--transport tcp|ws] [--security noise|tls] [--muxer yamux] [--timeout S]
//	    serves ping, identify and /echo/1.0.0; prints its full multiaddr
//	    (with /p2p/<id>) as the first line of stdout, then runs until killed
//	peer dial [--transport ...] [--security ...] [--muxer ...] [--timeout S] MULTIADDR
//	    connects, pings, checks identify, echoes if the remote serves echo,
//	    prints one JSON line and exits 0
//
// The `run` script beside this file does the Redis part of the contract.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/protocol/ping"
	noise "github.com/libp2p/go-libp2p/p2p/security/noise"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
	libp2pquic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	"github.com/libp2p/go-libp2p/p2p/transport/websocket"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

const echoID = protocol.ID("/echo/1.0.0")

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// The listen address of each transport, for an IP.
var listenFormats = map[string]string{"tcp": "/ip4/%s/tcp/0", "ws": "/ip4/%s/tcp/0/ws", "quic-v1": "/ip4/%s/udp/0/quic-v1"}

func options(transport, security, muxer string) []libp2p.Option {
	var opts []libp2p.Option
	switch transport {
	case "tcp":
		opts = append(opts, libp2p.Transport(tcp.NewTCPTransport))
	case "ws":
		opts = append(opts, libp2p.Transport(websocket.New))
	case "quic-v1":
		// QUIC brings its own TLS 1.3 and streams: no security or muxer.
		return append(opts, libp2p.Transport(libp2pquic.NewTransport))
	default:
		fail("transport: unsupported %q", transport)
	}
	switch security {
	case "noise":
		opts = append(opts, libp2p.Security(noise.ID, noise.New))
	case "tls":
		opts = append(opts, libp2p.Security(libp2ptls.ID, libp2ptls.New))
	default:
		fail("security: unsupported %q", security)
	}
	switch muxer {
	case "yamux":
		opts = append(opts, libp2p.Muxer(yamux.ID, yamux.DefaultTransport))
	default:
		fail("muxer: unsupported %q (go-libp2p removed mplex)", muxer)
	}
	return opts
}

func serveEcho(s network.Stream) {
	defer s.Close()
	if _, err := io.Copy(s, s); err != nil {
		s.Reset()
		return
	}
	s.CloseWrite()
}

func listen(opts []libp2p.Option, address string, timeout time.Duration) {
	opts = append(opts, libp2p.ListenAddrStrings(address))
	h, err := libp2p.New(opts...)
	if err != nil {
		fail("host: %v", err)
	}
	defer h.Close()
	h.SetStreamHandler(echoID, serveEcho)
	var addr ma.Multiaddr
	for _, a := range h.Addrs() {
		if addr == nil || (manet.IsIPLoopback(addr) && !manet.IsIPLoopback(a)) {
			addr = a
		}
	}
	if addr == nil {
		fail("no listen address")
	}
	fmt.Printf("%s/p2p/%s\n", addr, h.ID())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-signals:
	case <-time.After(timeout):
	}
}

func identified(sub event.Subscription, id peer.ID) (event.EvtPeerIdentificationCompleted, error) {
	for {
		select {
		case e := <-sub.Out():
			switch ev := e.(type) {
			case event.EvtPeerIdentificationCompleted:
				if ev.Peer == id {
					return ev, nil
				}
			case event.EvtPeerIdentificationFailed:
				if ev.Peer == id {
					return event.EvtPeerIdentificationCompleted{}, ev.Reason
				}
			}
		case <-time.After(10 * time.Second):
			return event.EvtPeerIdentificationCompleted{}, fmt.Errorf("no identify result after 10 s")
		}
	}
}

func echo(ctx context.Context, h host.Host, id peer.ID) error {
	s, err := h.NewStream(ctx, id, echoID)
	if err != nil {
		return err
	}
	defer s.Close()
	sent := make([]byte, 1024)
	rand.Read(sent)
	if _, err := s.Write(sent); err != nil {
		return err
	}
	if err := s.CloseWrite(); err != nil {
		return err
	}
	received, err := io.ReadAll(s)
	if err != nil {
		return err
	}
	if !bytes.Equal(sent, received) {
		return fmt.Errorf("the reply (%d bytes) differs from what was sent", len(received))
	}
	return nil
}

func dial(opts []libp2p.Option, remote string, timeout time.Duration) {
	info, err := peer.AddrInfoFromString(remote)
	if err != nil {
		fail("remote address %s: %v", remote, err)
	}
	h, err := libp2p.New(append(opts, libp2p.NoListenAddrs)...)
	if err != nil {
		fail("host: %v", err)
	}
	defer h.Close()
	sub, err := h.EventBus().Subscribe([]any{new(event.EvtPeerIdentificationCompleted), new(event.EvtPeerIdentificationFailed)})
	if err != nil {
		fail("subscribe: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	start := time.Now()
	if err := h.Connect(ctx, *info); err != nil {
		fail("connect: %v", err)
	}
	result := <-ping.Ping(ctx, h, info.ID)
	if result.Error != nil {
		fail("ping: %v", result.Error)
	}
	handshakePlusOneRTT := time.Since(start)

	who, err := identified(sub, info.ID)
	if err != nil {
		fail("identify: %v", err)
	}
	if !slices.Contains(who.Protocols, ping.ID) {
		fail("identify: the remote does not list %s", ping.ID)
	}
	echoResult := "not served by the remote"
	if slices.Contains(who.Protocols, echoID) {
		if err := echo(ctx, h, info.ID); err != nil {
			fail("echo: %v", err)
		}
		echoResult = "ok"
	}
	conn := h.Network().ConnsToPeer(info.ID)[0].ConnState()
	protocols := make([]string, len(who.Protocols))
	for i, p := range who.Protocols {
		protocols[i] = string(p)
	}
	out, _ := json.Marshal(map[string]any{
		"handshakePlusOneRTTMillis": float64(handshakePlusOneRTT.Microseconds()) / 1000,
		"pingRTTMilllis":            float64(result.RTT.Microseconds()) / 1000,
		"checked": map[string]any{
			"remotePeer":    who.Peer.String(),
			"peerIdMatches": who.Peer == info.ID,
			"security":      string(conn.Security),
			"muxer":         string(conn.StreamMultiplexer),
			"identify":      map[string]any{"agentVersion": who.AgentVersion, "protocols": protocols},
			"ping":          "ok",
			"echo":          echoResult,
		},
	})
	fmt.Println(string(out))
}

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "listen" && os.Args[1] != "dial") {
		fail("usage: peer listen|dial [flags] [MULTIADDR]")
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	transport := flags.String("transport", "tcp", "tcp, ws or quic-v1")
	security := flags.String("security", "noise", "noise or tls")
	muxer := flags.String("muxer", "yamux", "yamux")
	ip := flags.String("ip", "0.0.0.0", "the ip4 address to listen on")
	timeout := flags.Int("timeout", 180, "give up after this many seconds")
	flags.Parse(os.Args[2:])
	opts := options(*transport, *security, *muxer)
	limit := time.Duration(*timeout) * time.Second
	if os.Args[1] == "listen" {
		listen(opts, fmt.Sprintf(listenFormats[*transport], *ip), limit)
		return
	}
	if flags.NArg() != 1 || strings.TrimSpace(flags.Arg(0)) == "" {
		fail("dial: one multiaddr expected")
	}
	dial(opts, flags.Arg(0), limit)
}
