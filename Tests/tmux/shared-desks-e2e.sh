#!/usr/bin/env bash
# Several desks on one PostgreSQL database, in real terminals (tmux), as two operators see it
# (issue #14, SPEC §11): both headers count the desks; a VIP set at desk A shows at desk B, and a
# check-in at desk B shows at desk A, each within a second and without a key press (times are
# printed); S at the desk that does not sync is passed to the one that does; kill -9 of the
# syncing desk → the other takes over the sync within one poll interval; q exits 0.
# Needs BADGE_TEST_PG (an admin URL; .ci/test starts a private server and sets it): without it
# the script says loudly that it is SKIPPED and exits 0.
# usage: Tests/tmux/shared-desks-e2e.sh [path/to/badge]
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
if [[ -z ${BADGE_TEST_PG:-} ]]; then
    echo "shared-desks-e2e: ⚠ SKIPPED: BADGE_TEST_PG is not set (no PostgreSQL server for the test)" >&2
    exit 0
fi
command -v tmux >/dev/null || { echo "shared-desks-e2e: tmux not installed" >&2; exit 1; }
command -v psql >/dev/null || { echo "shared-desks-e2e: psql not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "shared-desks-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-desks.XXXXXX)
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8 TERM=xterm-256color
unset NO_COLOR BADGE_PIN
mkdir -p "$HOME" "$TMPDIR" "$XDG_CONFIG_HOME/badge"
printf 'poll_interval = 5\n' > "$XDG_CONFIG_HOME/badge/config"
NAME=desks_e2e_$$
export BADGE_DB="${BADGE_TEST_PG%/*}/$NAME"
SOCK=badge-desks-$$
# One tmux server per desk (two sessions on one server with a manual window size crash tmux 3.3a).
t() { local desk=$1; shift; tmux -L "$SOCK-$desk" "$@"; }
SIM_PID=
cleanup() {
    t a kill-server 2>/dev/null || true
    t b kill-server 2>/dev/null || true
    t c kill-server 2>/dev/null || true
    t d kill-server 2>/dev/null || true
    [[ -n $SIM_PID ]] && kill "$SIM_PID" 2>/dev/null || true
    psql "$BADGE_TEST_PG" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
    echo "shared-desks-e2e: FAIL: $*" >&2
    for s in a b c d; do echo "---- desk $s ----" >&2; t "$s" capture-pane -p -t "$s" >&2 2>/dev/null || true; done
    exit 1
}
screen() { t "$1" capture-pane -p -t "$1"; }
# wait_for DESK TEXT [SECONDS]
wait_for() {
    local deadline=$((SECONDS + ${3:-15}))
    until screen "$1" | grep -qF -- "$2"; do
        ((SECONDS < deadline)) || fail "desk $1: timed out waiting for '$2'"
        sleep 0.05
    done
}
now_ms() { date +%s%3N; }

echo "shared-desks-e2e: a database, the simulator, one imported event"
psql "$BADGE_TEST_PG" -qc "CREATE DATABASE $NAME" >/dev/null
"$BIN" db init "$BADGE_DB" >/dev/null
"$BIN" simulate --port 0 --attendees 1200 --events 1 > "$TMP/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 100); do grep -q 'Eventbrite  base URL' "$TMP/sim.log" && break; sleep 0.1; done
base=$(sed -n 's/.*Eventbrite  base URL \([^ ]*\).*/\1/p' "$TMP/sim.log")
[[ -n $base ]] || fail "the simulator did not start"
"$BIN" integrations connect eventbrite --token sim-eventbrite-token --base-url "$base" >/dev/null
ext=$("$BIN" events available eventbrite --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["externalId"])')
"$BIN" events import eventbrite "$ext" >/dev/null 2>&1

echo "shared-desks-e2e: two desks, each sees both"
t a -f /dev/null new-session -d -s a -x 120 -y 40 "'$BIN' --desk door-a; echo EXIT=\$? > '$TMP/exit-a'; sleep 60"
t a set-option -g window-size manual >/dev/null
sleep 1  # door-a starts first, so it is the desk that syncs
t b -f /dev/null new-session -d -s b -x 120 -y 40 "'$BIN' --desk door-b; echo EXIT=\$? > '$TMP/exit-b'; sleep 60"
t b set-option -g window-size manual >/dev/null
wait_for a "Enter Open" 10
wait_for b "Enter Open" 10
t a send-keys -t a Enter; t b send-keys -t b Enter
wait_for a "door-a · 2 desks online · syncs here" 10
wait_for b "door-b · 2 desks online · door-a syncs" 10

echo "shared-desks-e2e: v at desk A shows at desk B"
row() { screen "$1" | grep -m1 '^▶'; }
[[ $(row b) != *"★"* ]] || fail "desk B shows a VIP before anyone pressed v"
start=$(now_ms); t a send-keys -t a v
until [[ $(row b) == *"★"* ]]; do (( $(now_ms) - start < 3000 )) || fail "the VIP did not reach desk B in 3 s"; sleep 0.02; done
echo "shared-desks-e2e:   VIP visible at desk B after $(( $(now_ms) - start )) ms"
(( $(now_ms) - start <= 1500 )) || fail "the VIP took more than 1.5 s to reach desk B"

echo "shared-desks-e2e: c at desk B shows at desk A"
email=$("$BIN" attendees 1 --json | python3 -c '
import json,sys
print([a for a in json.load(sys.stdin) if a["status"]=="ATTENDING" and not a["checkedInAt"] and a["email"]][7]["email"])')
for d in a b; do
    t $d send-keys -t $d /; wait_for $d "Search:" 3
    t $d send-keys -t $d -l "$email"; wait_for $d "rows 1–1 of 1" 5; t $d send-keys -t $d Enter
done
sleep 0.6
[[ $(row a) != *"Checked in"* ]] || fail "desk A shows the check-in before anyone pressed c"
start=$(now_ms); t b send-keys -t b c
until [[ $(row a) == *"Checked in"* ]]; do (( $(now_ms) - start < 3000 )) || fail "the check-in did not reach desk A in 3 s"; sleep 0.02; done
echo "shared-desks-e2e:   check-in visible at desk A after $(( $(now_ms) - start )) ms"
(( $(now_ms) - start <= 1500 )) || fail "the check-in took more than 1.5 s to reach desk A"

echo "shared-desks-e2e: S at desk B is passed to desk A"
t b send-keys -t b S
wait_for b "door-a syncs this event: it was asked to resync" 5

echo "shared-desks-e2e: kill -9 of desk A → desk B syncs within one poll interval"
pid_a=$(pgrep -f "^$BIN --desk door-a")
kill -9 "$pid_a"
start=$(now_ms)
wait_for b "door-b · 1 desk online · syncs here" 8
echo "shared-desks-e2e:   desk B took over after $(( $(now_ms) - start )) ms"

echo "shared-desks-e2e: q at desk B exits 0"
t b send-keys -t b q
for _ in $(seq 50); do [[ -f $TMP/exit-b ]] && break; sleep 0.1; done
[[ $(cat "$TMP/exit-b" 2>/dev/null) == "EXIT=0" ]] || fail "desk B did not exit 0"
echo "shared-desks-e2e: badge demo --shared prints desk 2's command, runs, and removes its server on q"
t c -f /dev/null new-session -d -s c -x 120 -y 40 "'$BIN' demo --shared --attendees 300 --latency 0; echo EXIT=\$? > '$TMP/exit-c'; sleep 60"
wait_for c "--desk desk-2" 30
demo_url=$(t c capture-pane -p -J -t c | grep -o "postgresql://[^']*" | head -1)  # -J: the line may wrap
[[ -n $demo_url ]] || fail "demo --shared printed no URL for desk 2"
t c send-keys -t c Enter
wait_for c "desk-1 · 1 desk online · syncs here" 30
t d -f /dev/null new-session -d -s d -x 120 -y 40 "'$BIN' --db '$demo_url' --desk desk-2; sleep 60"
wait_for d "Enter Open" 10
wait_for c "desk-1 · 2 desks online" 10
t c send-keys -t c q
for _ in $(seq 100); do [[ -f $TMP/exit-c ]] && break; sleep 0.1; done
[[ $(cat "$TMP/exit-c" 2>/dev/null) == "EXIT=0" ]] || fail "demo --shared did not exit 0"
psql "$demo_url" -c 'SELECT 1' >/dev/null 2>&1 && fail "the demo's server still runs after q"
t d kill-server 2>/dev/null || true
echo "shared-desks-e2e: PASS"
