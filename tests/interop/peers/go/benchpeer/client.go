package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/p2p/protocol/ping"
)

const (
	warmUpPings = 10
	// idle opens its connections this many at a time.
	dialsInFlight = 64
)

// scenario holds the client's options; run picks the scenario by name.
type scenario struct {
	upload, download byteCount
	streams          int
	count            int
	seconds          float64
	concurrency      int
	connections      int

	ctx    context.Context
	server peer.AddrInfo
	// Every host of the client has this identity and these options.
	opts []libp2p.Option
}

func (s *scenario) run(name string, opts []libp2p.Option, server string) (any, error) {
	info, err := peer.AddrInfoFromString(server)
	if err != nil {
		return nil, fmt.Errorf("--server %q: %v", server, err)
	}
	key, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, err
	}
	s.ctx, s.server = context.Background(), *info
	s.opts = append(opts, libp2p.NoListenAddrs, libp2p.Identity(key))
	if s.streams < 1 || s.count < 1 || s.seconds <= 0 || s.concurrency < 1 || s.connections < 1 {
		return nil, errors.New("--streams, --count, --seconds, --concurrency and --connections must be positive")
	}
	switch name {
	case "throughput":
		s.streams = 1
		return s.throughput()
	case "streams":
		result, err := s.throughput()
		if err == nil {
			result["streams"] = s.streams
		}
		return result, err
	case "connect":
		return s.connect()
	case "handshakes":
		return s.handshakes()
	case "latency":
		return s.latency()
	case "idle":
		return s.idle()
	}
	return nil, fmt.Errorf("unknown scenario %q (throughput, streams, connect, handshakes, latency, idle)", name)
}

func (s *scenario) newHost() (host.Host, error) {
	return libp2p.New(s.opts...)
}

func (s *scenario) connectedHost() (host.Host, error) {
	h, err := s.newHost()
	if err != nil {
		return nil, err
	}
	if err := h.Connect(s.ctx, s.server); err != nil {
		h.Close()
		return nil, err
	}
	return h, nil
}

// throughput runs s.streams concurrent perf streams on one connection.
func (s *scenario) throughput() (map[string]any, error) {
	h, err := s.connectedHost()
	if err != nil {
		return nil, err
	}
	defer h.Close()
	errs := make([]error, s.streams)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range errs {
		wg.Go(func() {
			errs[i] = perf(s.ctx, h, s.server.ID, uint64(s.upload), uint64(s.download))
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := uint64(s.streams)
	return map[string]any{
		"seconds":  elapsed.Seconds(),
		"upload":   n * uint64(s.upload),
		"download": n * uint64(s.download),
	}, nil
}

// connect times s.count new connections, each up to the last byte of a
// one-byte perf exchange. host.Connect reuses a live connection, so each one
// is closed before the next dial.
func (s *scenario) connect() (any, error) {
	h, err := s.newHost()
	if err != nil {
		return nil, err
	}
	defer h.Close()
	ms := make([]float64, 0, s.count)
	for range s.count {
		start := time.Now()
		if err := h.Connect(s.ctx, s.server); err != nil {
			return nil, err
		}
		if err := perf(s.ctx, h, s.server.ID, 1, 1); err != nil {
			return nil, err
		}
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		if err := h.Network().ClosePeer(s.server.ID); err != nil {
			return nil, err
		}
	}
	return map[string]any{"ms": ms}, nil
}

// handshakes runs s.concurrency loops of dial, close, for s.seconds. A host
// holds at most one connection to a peer (Connect returns the live one, and
// concurrent dials to a peer are merged into one, even with
// network.WithForceDirectDial), so each loop has a host of its own. The loops
// dial with the swarm's DialPeer, which returns once the connection is
// secured and multiplexed: host.Connect also waits for identify.
func (s *scenario) handshakes() (any, error) {
	hosts := make([]host.Host, s.concurrency)
	for i := range hosts {
		h, err := s.newHost()
		if err != nil {
			return nil, err
		}
		defer h.Close()
		h.Peerstore().AddAddrs(s.server.ID, s.server.Addrs, peerstore.PermanentAddrTTL)
		hosts[i] = h
	}
	var count atomic.Int64
	errs := make([]error, len(hosts))
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(time.Duration(s.seconds * float64(time.Second)))
	for i, h := range hosts {
		wg.Go(func() {
			for errs[i] == nil && time.Now().Before(deadline) {
				var c network.Conn
				if c, errs[i] = h.Network().DialPeer(s.ctx, s.server.ID); errs[i] == nil {
					count.Add(1)
					errs[i] = c.Close()
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return map[string]any{"handshakes": count.Load(), "seconds": elapsed.Seconds()}, nil
}

// latency times s.count pings on one ping stream, after warmUpPings.
func (s *scenario) latency() (any, error) {
	h, err := s.connectedHost()
	if err != nil {
		return nil, err
	}
	defer h.Close()
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	pings := ping.Ping(ctx, h, s.server.ID)
	us := make([]float64, 0, s.count)
	for i := 0; len(us) < s.count; i++ {
		result, ok := <-pings
		if !ok {
			return nil, errors.New("the ping stream ended")
		}
		if result.Error != nil {
			return nil, result.Error
		}
		if i >= warmUpPings {
			us = append(us, float64(result.RTT.Nanoseconds())/1000)
		}
	}
	return map[string]any{"us": us}, nil
}

// idle opens s.connections connections, one host each (see handshakes for
// why), all with the same identity: the server sees one peer. The hosts stay
// up until the process exits.
func (s *scenario) idle() (any, error) {
	errs := make([]error, s.connections)
	slots := make(chan struct{}, dialsInFlight)
	var wg sync.WaitGroup
	for i := range errs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			_, errs[i] = s.connectedHost()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return map[string]any{"open": s.connections}, nil
}
