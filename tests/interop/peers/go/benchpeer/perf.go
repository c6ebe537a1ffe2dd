package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// go-libp2p v0.51.0 has no perf package (p2p/protocol/ holds autonatv2,
// circuitv2, holepunch, identify and ping), so /perf/1.0.0 is written here
// from libp2p/specs perf/perf.md.
const perfID = protocol.ID("/perf/1.0.0")

// The spec lets the bytes be anything predetermined: zeros, in blocks of this size.
const blockSize = 64 << 10

var zeros = make([]byte, blockSize)

func send(w io.Writer, n uint64) error {
	for n > 0 {
		block := zeros[:min(n, blockSize)]
		if _, err := w.Write(block); err != nil {
			return err
		}
		n -= uint64(len(block))
	}
	return nil
}

// drain reads r to EOF and returns how many bytes it held.
func drain(r io.Reader) (uint64, error) {
	buf := make([]byte, blockSize)
	var total uint64
	for {
		n, err := r.Read(buf)
		total += uint64(n)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// servePerf is the server side: read the requested size (a big-endian
// uint64), read the upload to EOF, and only then send the download and close
// ("This MUST NOT be run concurrently with step 2").
func servePerf(s network.Stream) {
	var download uint64
	if err := binary.Read(s, binary.BigEndian, &download); err != nil {
		s.Reset()
		return
	}
	if _, err := drain(s); err != nil {
		s.Reset()
		return
	}
	if err := send(s, download); err != nil {
		s.Reset()
		return
	}
	s.Close()
}

// perf is one client request on a new stream: the size wanted back, the
// upload, a half-close, then the download until the server closes.
func perf(ctx context.Context, h host.Host, id peer.ID, upload, download uint64) error {
	s, err := h.NewStream(ctx, id, perfID)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := binary.Write(s, binary.BigEndian, download); err != nil {
		return err
	}
	if err := send(s, upload); err != nil {
		return err
	}
	if err := s.CloseWrite(); err != nil {
		return err
	}
	received, err := drain(s)
	if err != nil {
		return err
	}
	if received != download {
		return fmt.Errorf("perf: received %d bytes, asked for %d", received, download)
	}
	return nil
}
