import libp2p


def test_error_hierarchy() -> None:
    assert issubclass(libp2p.ParseError, libp2p.Error)
    assert issubclass(libp2p.ParseError, ValueError)
    assert issubclass(libp2p.CryptoError, libp2p.Error)
    assert issubclass(libp2p.PeerError, libp2p.Error)
