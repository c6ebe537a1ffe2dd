"""Keys, PeerIds and signed envelopes from Python."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import libp2p
from libp2p import Envelope, KeyPair, KeyType, PeerId, PublicKey

# The peer-ids spec's vectors and examples.
SPEC_ED25519_PRIVATE = bytes.fromhex(
    "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
    "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
)
SPEC_ED25519_PUBLIC = bytes.fromhex("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e")
SPEC_ED25519_PEER_ID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"
SPEC_SECP256K1_PRIVATE = bytes.fromhex("0802122053dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb")
SPEC_SECP256K1_PUBLIC = bytes.fromhex("08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99")
SPEC_EXAMPLE_ED25519 = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"
SPEC_EXAMPLE_SHA256 = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"
SPEC_EXAMPLE_CID = "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe"

ALL_TYPES = [KeyType.Ed25519, KeyType.Secp256k1, KeyType.ECDSA, KeyType.RSA]


@pytest.fixture(scope="module")
def keys() -> dict[KeyType, KeyPair]:
    return {t: KeyPair.generate(t) for t in ALL_TYPES}


def test_key_type_is_an_enum() -> None:
    assert [t.value for t in ALL_TYPES] == [1, 2, 3, 0]
    assert KeyType["Ed25519"] is KeyType.Ed25519


def test_generate_defaults_to_ed25519() -> None:
    key = KeyPair.generate()
    assert key.key_type is KeyType.Ed25519
    assert str(key.peer_id).startswith("12D3KooW")


def test_sign_and_verify(keys: dict[KeyType, KeyPair]) -> None:
    for key_type, key in keys.items():
        assert key.key_type is key_type
        assert key.public_key.key_type is key_type
        signature = key.sign(b"hello")
        assert key.public_key.verify(b"hello", signature)
        assert not key.public_key.verify(b"hellO", signature)
        assert not key.public_key.verify(b"hello", signature[:-1])
        assert not key.public_key.verify(b"hello", b"")


def test_spec_vectors() -> None:
    key = KeyPair.from_protobuf(SPEC_ED25519_PRIVATE)
    assert key.to_protobuf() == SPEC_ED25519_PRIVATE
    assert key.public_key.to_protobuf() == SPEC_ED25519_PUBLIC
    assert key.public_key.raw == SPEC_ED25519_PUBLIC[4:]
    assert str(key.peer_id) == SPEC_ED25519_PEER_ID
    secp = KeyPair.from_protobuf(SPEC_SECP256K1_PRIVATE)
    assert secp.public_key == PublicKey.from_protobuf(SPEC_SECP256K1_PUBLIC)
    assert secp.public_key.peer_id == secp.peer_id


def test_public_keys_compare_and_hash(keys: dict[KeyType, KeyPair]) -> None:
    a = keys[KeyType.Ed25519].public_key
    b = PublicKey.from_protobuf(a.to_protobuf())
    assert a == b
    assert hash(a) == hash(b)
    assert a != keys[KeyType.Secp256k1].public_key
    assert a != "not a key"
    assert "Ed25519" in repr(a)


def test_key_file_round_trip(tmp_path: Path) -> None:
    key = KeyPair.generate(KeyType.Secp256k1)
    path = tmp_path / "identity.key"
    key.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes() == key.to_protobuf()
    assert KeyPair.load(path).peer_id == key.peer_id
    assert KeyPair.load(str(path)).peer_id == key.peer_id


def test_key_file_errors(tmp_path: Path) -> None:
    with pytest.raises(libp2p.CryptoError, match="does not exist"):
        KeyPair.load(tmp_path / "missing.key")
    (tmp_path / "corrupt.key").write_bytes(b"garbage")
    with pytest.raises(libp2p.CryptoError, match="corrupt"):
        KeyPair.load(tmp_path / "corrupt.key")


def test_bad_keys_raise_crypto_errors() -> None:
    with pytest.raises(libp2p.CryptoError):
        PublicKey.from_protobuf(b"")
    with pytest.raises(libp2p.CryptoError, match="Ed25519"):
        PublicKey.from_protobuf(bytes([0x08, 0x01, 0x12, 0x01, 0x00]))
    with pytest.raises(libp2p.CryptoError, match="unsupported key type 9"):
        KeyPair.from_protobuf(bytes([0x08, 0x09, 0x12, 0x00]))
    with pytest.raises(libp2p.CryptoError):
        KeyPair.from_protobuf(SPEC_ED25519_PRIVATE[:-1])


def test_peer_id_text_forms() -> None:
    legacy = PeerId(SPEC_EXAMPLE_SHA256)
    cid = PeerId(SPEC_EXAMPLE_CID)
    assert legacy == cid
    assert hash(legacy) == hash(cid)
    assert str(cid) == SPEC_EXAMPLE_SHA256
    assert legacy.to_base58() == SPEC_EXAMPLE_SHA256
    assert legacy.to_cid() == SPEC_EXAMPLE_CID
    assert PeerId(legacy.to_cid("base36")) == legacy
    assert repr(legacy) == f"PeerId('{SPEC_EXAMPLE_SHA256}')"
    assert legacy.extract_public_key() is None


def test_peer_id_bytes_and_keys() -> None:
    peer_id = PeerId(SPEC_EXAMPLE_ED25519)
    assert PeerId.from_bytes(bytes(peer_id)) == peer_id
    assert peer_id.to_bytes() == bytes(peer_id)
    key = peer_id.extract_public_key()
    assert key is not None
    assert key.key_type is KeyType.Ed25519
    assert PeerId.from_public_key(key) == peer_id
    assert peer_id.matches(key)
    assert key.peer_id == peer_id


def test_peer_ids_sort_and_hash(keys: dict[KeyType, KeyPair]) -> None:
    ids = [k.peer_id for k in keys.values()]
    assert len(set(ids + ids)) == len(ids)
    assert sorted(ids) == sorted(reversed(ids))


def test_bad_peer_ids_raise_peer_errors() -> None:
    for text in ["", "hello", "Qm", "bafkreifoybygix7fh3r3g5rqle3wcnhqldgdg4shzf4k3ulyw3gn7mabt4"]:
        with pytest.raises(libp2p.PeerError):
            PeerId(text)
    with pytest.raises(libp2p.PeerError, match="0x55"):
        PeerId("bafkreifoybygix7fh3r3g5rqle3wcnhqldgdg4shzf4k3ulyw3gn7mabt4")
    with pytest.raises(libp2p.PeerError):
        PeerId.from_bytes(b"\x11\x02ab")
    with pytest.raises(libp2p.ParseError):
        PeerId(SPEC_EXAMPLE_ED25519).to_cid("base1000")


def test_envelope_round_trip(keys: dict[KeyType, KeyPair]) -> None:
    key = keys[KeyType.Ed25519]
    envelope = Envelope.seal(key, "libp2p-testing", b"/test", b"payload")
    data = bytes(envelope)
    opened = Envelope.open(data, "libp2p-testing", b"/test")
    assert opened == envelope
    assert opened.payload == b"payload"
    assert opened.payload_type == b"/test"
    assert opened.public_key == key.public_key
    assert opened.signature == envelope.signature
    assert Envelope.open(data, "libp2p-testing").to_bytes() == data


def test_envelope_errors(keys: dict[KeyType, KeyPair]) -> None:
    data = Envelope.seal(keys[KeyType.Secp256k1], "libp2p-testing", b"/test", b"payload").to_bytes()
    with pytest.raises(libp2p.PeerError, match="domain"):
        Envelope.open(data, "libp2p-other")
    with pytest.raises(libp2p.PeerError, match="payload type"):
        Envelope.open(data, "libp2p-testing", b"/other")
    with pytest.raises(libp2p.PeerError):
        Envelope.open(b"garbage", "libp2p-testing")
    tampered = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(libp2p.PeerError):
        Envelope.open(tampered, "libp2p-testing")
    with pytest.raises(libp2p.PeerError):
        Envelope.seal(keys[KeyType.Ed25519], "", b"", b"")


def test_peer_record_round_trip(keys: dict[KeyType, KeyPair]) -> None:
    key = keys[KeyType.Ed25519]
    record = libp2p.PeerRecord(key.peer_id, [libp2p.Multiaddr("/ip4/192.0.2.0/tcp/42"), "/ip6/::1/udp/4001/quic-v1"])
    assert record.peer_id == key.peer_id
    assert [str(a) for a in record.addrs] == ["/ip4/192.0.2.0/tcp/42", "/ip6/::1/udp/4001/quic-v1"]
    assert record.seq > 1_600_000_000_000_000_000
    assert libp2p.PeerRecord(key.peer_id).seq > record.seq
    opened = libp2p.PeerRecord.open(record.seal(key))
    assert opened == record
    assert libp2p.PeerRecord.from_protobuf(record.to_protobuf()) == record
    assert "PeerRecord(PeerId(" in repr(record)


def test_peer_record_envelope_format(keys: dict[KeyType, KeyPair]) -> None:
    key = keys[KeyType.Secp256k1]
    record = libp2p.PeerRecord(key.peer_id, ["/dns4/example.com/tcp/443/wss"], seq=7)
    envelope = Envelope.open(record.seal(key), libp2p.PeerRecord.DOMAIN, libp2p.PeerRecord.PAYLOAD_TYPE)
    assert libp2p.PeerRecord.DOMAIN == "libp2p-peer-record"
    assert libp2p.PeerRecord.PAYLOAD_TYPE == b"\x03\x01"
    assert envelope.payload == record.to_protobuf()
    assert envelope.public_key == key.public_key


def test_peer_record_errors(keys: dict[KeyType, KeyPair]) -> None:
    record = libp2p.PeerRecord(keys[KeyType.Ed25519].peer_id, seq=1)
    with pytest.raises(libp2p.PeerError, match="seal"):
        record.seal(keys[KeyType.ECDSA])
    signed_by_other = Envelope.seal(
        keys[KeyType.ECDSA], libp2p.PeerRecord.DOMAIN, libp2p.PeerRecord.PAYLOAD_TYPE, record.to_protobuf()
    )
    with pytest.raises(libp2p.PeerError, match="signed by"):
        libp2p.PeerRecord.open(bytes(signed_by_other))
    with pytest.raises(libp2p.PeerError):
        libp2p.PeerRecord.open(b"garbage")
    with pytest.raises(libp2p.ParseError):
        libp2p.PeerRecord(keys[KeyType.Ed25519].peer_id, ["/not/an/addr"])
