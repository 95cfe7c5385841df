#!/usr/bin/env bash
# A desk that keeps working when the shared server cannot be reached (issue #15, SPEC §11.1), in a
# real terminal (tmux), on a private PostgreSQL cluster this script starts and stops:
#   desk door-a reaches the server through a proxy on loopback; the proxy is cut (every
#   connection dropped) → the header says "✖ Server unreachable · N queued" and the banner says
#   the desk works on its copy; check-ins go on; door-a is killed -9 and started again while cut off
#   → "No server — this desk's copy …" with the queue intact; the proxy comes back → the queue is
#   replayed with no key press, and the person door-b had checked in first is listed
#   ("1 person was already checked in at door-b: Person 13"); D dismisses the list. The database
#   then holds one check-in per person, the earliest at the door.
# usage: Tests/tmux/offline-desk-e2e.sh [path/to/badge]
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v tmux >/dev/null || { echo "offline-desk-e2e: tmux not installed" >&2; exit 1; }
command -v psql >/dev/null || { echo "offline-desk-e2e: psql not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "offline-desk-e2e: python3 not installed (the proxy)" >&2; exit 1; }
[[ -x $BIN ]] || { echo "offline-desk-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }
if ! "$ROOT/.ci/pg-cluster" bindir >/dev/null 2>&1; then
    echo "offline-desk-e2e: ⚠ SKIPPED: PostgreSQL is not installed" >&2
    exit 0
fi

TMP=$(mktemp -d -t badge-offline.XXXXXX)
chmod 755 "$TMP"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8 TERM=xterm-256color
unset NO_COLOR BADGE_PIN BADGE_DB
mkdir -p "$HOME" "$TMPDIR" "$XDG_CONFIG_HOME/badge"
SOCK=badge-offline-$$
PROXY_PID=
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    tmux -L "$SOCK-2" kill-server 2>/dev/null || true
    [[ -n $PROXY_PID ]] && kill "$PROXY_PID" 2>/dev/null || true
    "$ROOT/.ci/pg-cluster" stop "$TMP/pg" immediate >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
SESSION_SOCK=$SOCK
fail() {
    echo "offline-desk-e2e: FAIL: $*" >&2
    tmux -L "$SESSION_SOCK" capture-pane -p >&2 2>/dev/null || true
    exit 1
}
screen() { tmux -L "$SESSION_SOCK" capture-pane -p; }
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1'"
        sleep 0.05
    done
}
wait_gone() {
    local deadline=$((SECONDS + ${2:-15}))
    while screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "'$1' still on screen"
        sleep 0.05
    done
}
key() { tmux -L "$SESSION_SOCK" send-keys "$@"; sleep 0.15; }

echo "offline-desk-e2e: a private PostgreSQL server, the schema, one event of 30 people"
URL=$("$ROOT/.ci/pg-cluster" start "$TMP/pg" | tail -1)
PORT=${URL##*:}; PORT=${PORT%%/*}
"$BIN" db init "$URL" >/dev/null
psql -X -q "$URL" -c "INSERT INTO events (provider, external_id, name, sync_status, access_code, created_at)
                      VALUES ('eventbrite', 'E-offline', 'Offline Door', 'ACTIVE', 'X', 0)"
psql -X -q "$URL" -c "INSERT INTO attendees (event_id, provider_attendee_id, name, status, barcode, updated_at, search_text)
                      SELECT 1, 'A' || g, 'Person ' || g, 'ATTENDING', 'BC' || g, 0, 'person ' || g
                      FROM generate_series(0, 29) g"

# The proxy door-a goes through: python3, one thread a direction; killed = the network cut.
PPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$TMP/proxy.py" <<'EOF'
import socket, sys, threading
listen, target = int(sys.argv[1]), int(sys.argv[2])
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen)); server.listen(64)
def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data: break
            b.sendall(data)
    except OSError: pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    client, _ = server.accept()
    upstream = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
EOF
start_proxy() {
    python3 "$TMP/proxy.py" "$PPORT" "$PORT" & PROXY_PID=$!
    for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $PPORT)).close()" 2>/dev/null && return; sleep 0.05; done
    fail "the proxy did not start"
}
cut_proxy() { kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=; }
start_proxy
AURL=${URL/:$PORT\//:$PPORT/}
DESK_A="'$BIN' --db '$AURL' --desk door-a"
B() { "$BIN" --db "$URL" --desk door-b "$@"; }

echo "offline-desk-e2e: door-a opens the event and checks Person 0 in (connected)"
tmux -L "$SOCK" new-session -d -x 120 -y 40 "$DESK_A"
wait_for "Offline Door"
key Enter
wait_for "Person 0"
wait_for "1 desk online"
key c
wait_for "Checked in: Person 0"

echo "offline-desk-e2e: the network is cut; door-b (still connected) checks Person 13 in first"
cut_proxy
B checkin 1 A13 >/dev/null
sleep 0.2
# The scanner: a burst ending in Enter, at the scanning line (s), standard mode (Enter checks in).
key s
wait_for "Scan mode"
tmux -L "$SOCK" send-keys "BC13" Enter
wait_for "Person 13"
sleep 1
key Enter
wait_for "✖ Server unreachable · 2 queued" 20   # the check-in and its print
wait_for "CHECKED IN"
tmux -L "$SOCK" send-keys "BC12" Enter
wait_for "Person 12"
sleep 1
key Enter
wait_for "✖ Server unreachable · 4 queued"
key Escape
wait_for "working on this desk's copy"
sleep 0.2
B checkin 1 A12 >/dev/null   # later at the door than door-a's
echo "offline-desk-e2e: door-a killed -9 while cut off, then started again (80×24, mono)"
pkill -9 -f -- "--desk door-a" || true
tmux -L "$SOCK" kill-server 2>/dev/null || true
SESSION_SOCK=$SOCK-2
tmux -L "$SESSION_SOCK" new-session -d -x 80 -y 24 "$DESK_A --theme mono"
wait_for "Offline Door"
key Enter
wait_for "No server — this desk's copy"
wait_for "4 queued"
screen | grep -q $'\e' && fail "colour escapes on the mono screen"

echo "offline-desk-e2e: the network is back → replay with no key press, the conflict listed"
start_proxy
wait_for "1 person was already checked in at door-b: Person 13" 30
wait_gone "queued"
key D
wait_gone "already checked in at door-b"
key q

echo "offline-desk-e2e: one check-in per person, the earliest at the door"
rows=$(psql -X -At "$URL" -c "SELECT a.name || ':' || c.action || ':' || c.station FROM checkins c
                                JOIN attendees a ON a.id = c.attendee_id ORDER BY c.id")
expected="Person 0:CHECK_IN:door-a
Person 13:CHECK_IN:door-b
Person 12:SUPERSEDED:door-b
Person 12:CHECK_IN:door-a"
[[ $rows == "$expected" ]] || fail "check-ins on the server:
$rows"
B desk status | grep -qF "1 person was already checked in at door-a: Person 12" || fail "door-b is not told it lost Person 12"
echo "offline-desk-e2e: OK"
