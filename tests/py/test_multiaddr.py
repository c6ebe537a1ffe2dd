"""libp2p.Multiaddr and libp2p.multibase: the Python face of the multiformats layer."""

from __future__ import annotations

import pytest

import libp2p
from libp2p import Multiaddr

PEER = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"


def test_text_and_bytes() -> None:
    a = Multiaddr("/ip4/192.0.2.42/tcp/443")
    # The multiaddr repo's test/multiaddr.feature.
    assert bytes(a) == bytes.fromhex("04c000022a0601bb")
    assert a.to_bytes() == bytes(a)
    assert str(a) == "/ip4/192.0.2.42/tcp/443"
    assert Multiaddr(bytes(a)) == a
    assert Multiaddr.from_bytes(bytes.fromhex("04c000022a0601bb")) == a
    assert repr(a) == "Multiaddr('/ip4/192.0.2.42/tcp/443')"


def test_canonical_text() -> None:
    assert str(Multiaddr("/ipfs/" + PEER + "/")) == "/p2p/" + PEER
    assert str(Multiaddr("/p2p/bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")) == "/p2p/" + PEER
    assert str(Multiaddr("/ip6/2001:0DB8:0:0:0:0:0:1/udp/1/quic-v1")) == "/ip6/2001:db8::1/udp/1/quic-v1"


def test_equality_and_hash() -> None:
    a = Multiaddr("/ip4/1.2.3.4/tcp/1")
    b = Multiaddr("/ip4/1.2.3.4/tcp/1/")
    assert a == b
    assert hash(a) == hash(b)
    assert a != Multiaddr("/ip4/1.2.3.4/tcp/2")
    assert a != "/ip4/1.2.3.4/tcp/1"
    assert len({a, b}) == 1
    assert sorted([Multiaddr("/tcp/2"), Multiaddr("/tcp/1")]) == [Multiaddr("/tcp/1"), Multiaddr("/tcp/2")]


def test_components() -> None:
    a = Multiaddr(f"/ip4/1.2.3.4/udp/4001/quic-v1/p2p/{PEER}")
    assert list(a) == [("ip4", "1.2.3.4"), ("udp", "4001"), ("quic-v1", ""), ("p2p", PEER)]
    assert a.protocols() == ["ip4", "udp", "quic-v1", "p2p"]
    assert len(a) == 4
    assert a.value_for_protocol("udp") == "4001"
    assert a.value_for_protocol("quic-v1") == ""
    assert a.value_for_protocol("ipfs") == PEER
    assert a.value_for_protocol("tcp") is None
    with pytest.raises(libp2p.ParseError, match='unknown protocol "nope"'):
        a.value_for_protocol("nope")


def test_encapsulate_and_decapsulate() -> None:
    base = Multiaddr("/ip4/1.2.3.4/tcp/1")
    full = base.encapsulate("/ws") / Multiaddr(f"/p2p/{PEER}")
    assert str(full) == f"/ip4/1.2.3.4/tcp/1/ws/p2p/{PEER}"
    assert base / "/ws" == Multiaddr("/ip4/1.2.3.4/tcp/1/ws")
    assert full.decapsulate("/ws") == base
    assert full.decapsulate(Multiaddr("/udp/1")) == full
    empty = base.decapsulate(base)
    assert str(empty) == ""
    assert repr(empty) == "Multiaddr('')"
    with pytest.raises(libp2p.ParseError, match="after the path component"):
        Multiaddr("/unix/tmp/sock") / "/tcp/1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/tcp/99999", "/tcp/99999: port out of range 0..65535"),
        ("/ip4/1.2.3", "/ip4/1.2.3: invalid IPv4 address"),
        ("/foo", 'unknown protocol "foo"'),
        ("", "empty multiaddr"),
        ("/", "empty multiaddr"),
        ("/ip4", "/ip4: missing value"),
    ],
)
def test_malformed_text(text: str, message: str) -> None:
    with pytest.raises(libp2p.ParseError) as info:
        Multiaddr(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_malformed_bytes() -> None:
    with pytest.raises(libp2p.ParseError, match="unknown protocol code 255"):
        Multiaddr(b"\xff\x01")
    with pytest.raises(libp2p.ParseError, match="empty multiaddr"):
        Multiaddr.from_bytes(b"")


def test_text_that_is_not_utf8_round_trips() -> None:
    # A /dns value read from binary may hold any byte but '/'.
    raw = b"\x35\x02\xff\xfe"
    a = Multiaddr(raw)
    assert Multiaddr(str(a)) == a


def test_wrong_argument_type() -> None:
    with pytest.raises(TypeError):
        Multiaddr(42)  # type: ignore[arg-type]


def test_multibase() -> None:
    # The multibase repo's tests/basic.csv.
    assert libp2p.multibase.encode("base58btc", b"yes mani !") == "z7paNL19xttacUY"
    assert libp2p.multibase.encode("base32", b"yes mani !") == "bpfsxgidnmfxgsibb"
    assert libp2p.multibase.decode("K2LCPZO5YIKIDYNFL") == b"yes mani !"
    assert libp2p.multibase.decode("UeWVzIG1hbmkgIQ==") == b"yes mani !"
    with pytest.raises(libp2p.ParseError):
        libp2p.multibase.decode("9573277761329450583662625")
    with pytest.raises(libp2p.ParseError, match="unsupported multibase"):
        libp2p.multibase.encode("base10", b"x")
