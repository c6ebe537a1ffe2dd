# The transport-interop contract for a peer's `run` script (sourced).
#
# Reads the environment of libp2p/test-plans' transport-interop harness
# (transport, security, muxer, is_dialer, ip, redis_addr,
# test_timeout_seconds) or of the newer unified harness (TRANSPORT,
# SECURE_CHANNEL, MUXER, IS_DIALER, LISTENER_IP, REDIS_ADDR, TEST_KEY), and
# does the Redis part with redis-cli, so a peer program only has to speak
#   <program> listen --ip IP --transport X --security S --muxer M --timeout T
#       (prints its full multiaddr as the first line of stdout, then serves)
#   <program> dial --transport X --security S --muxer M --timeout T MULTIADDR
#       (prints one JSON line, exits 0 on success)

TRANSPORT=${transport:-${TRANSPORT:-tcp}}
SECURITY=${security:-${SECURE_CHANNEL:-noise}}
MUXER=${muxer:-${MUXER:-yamux}}
IS_DIALER=${is_dialer:-${IS_DIALER:-false}}
LISTEN_IP=${ip:-${LISTENER_IP:-0.0.0.0}}
REDIS=${redis_addr:-${REDIS_ADDR:-redis:6379}}
TIMEOUT=${test_timeout_seconds:-${TEST_TIMEOUT_SECONDS:-180}}
if [[ -n ${TEST_KEY:-} ]]; then REDIS_KEY="${TEST_KEY}_listener_multiaddr"; else REDIS_KEY=listenerAddr; fi

redis() { redis-cli -h "${REDIS%:*}" -p "${REDIS##*:}" "$@"; }

# interop_run PROGRAM [ARGS...]: runs the program as listener or dialer.
interop_run() {
  local common=(--transport "$TRANSPORT" --security "$SECURITY" --muxer "$MUXER" --timeout "$TIMEOUT")
  if [[ $IS_DIALER == true ]]; then
    local reply address
    reply=$(redis --raw BLPOP "$REDIS_KEY" "$TIMEOUT") || return 1
    address=$(tail -n 1 <<<"$reply")
    if [[ -z $address || $address == "$REDIS_KEY" ]]; then
      echo "no listener address in Redis after $TIMEOUT s" >&2
      return 1
    fi
    exec "$@" dial "${common[@]}" "$address"
  fi
  local address out
  coproc PEER { exec "$@" listen --ip "$LISTEN_IP" "${common[@]}"; }
  INTEROP_LISTENER_PID=$PEER_PID
  out=${PEER[0]}
  trap 'kill "$INTEROP_LISTENER_PID" 2>/dev/null' EXIT TERM INT
  if ! read -r -t "$TIMEOUT" address <&"$out"; then
    echo "the listener printed no address" >&2
    return 1
  fi
  echo "listening on $address" >&2
  redis RPUSH "$REDIS_KEY" "$address" >/dev/null || return 1
  cat <&"$out"
  wait "$INTEROP_LISTENER_PID"
}
