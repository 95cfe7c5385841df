#!/usr/bin/env bash
# End-to-end test of print stations in a real terminal (tmux, issue #16, SPEC §12): a desk whose
# config sends its prints to print station "Hall" queues a badge with p; the card shows the
# station never seen, then online once `badge print-station` runs, and the badge prints (a PDF
# in the station's folder) and counts. A station whose printer refuses fails the job; the card
# says so with its job number, and R retries it once the station has a working printer.
# usage: Tests/tmux/print-queue-e2e.sh [path/to/badge]   (builds nothing; needs tmux and python3)
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
command -v tmux >/dev/null || { echo "print-queue-e2e: tmux not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "print-queue-e2e: python3 not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "print-queue-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-print-queue.XXXXXX)
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8 TERM=xterm-256color
unset BADGE_DB NO_COLOR BADGE_PIN
mkdir -p "$HOME" "$TMPDIR" "$XDG_CONFIG_HOME/badge" "$TMP/out"
printf 'print_station = Hall\n' > "$XDG_CONFIG_HOME/badge/config"
SOCK=badge-print-queue-$$
DB=$TMP/desk.sqlite
T="tmux -L $SOCK"
STATION=
stop_station() {
    if [[ -n $STATION ]]; then kill "$STATION" 2>/dev/null || true; wait "$STATION" 2>/dev/null || true; fi
    STATION=
}
cleanup() { stop_station; $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

fail() {
    echo "print-queue-e2e: FAIL: $*" >&2
    echo "---- last screen ----" >&2
    $T capture-pane -p -t desk >&2 2>/dev/null || true
    echo "---- station ----" >&2
    cat "$TMP"/station-*.log >&2 2>/dev/null || true
    exit 1
}
screen() { $T capture-pane -p -J -t desk; }
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1'"
        sleep 0.1
    done
}
keys() { $T send-keys -t desk "$@"; }
cli() { "$BIN" --db "$DB" "$@"; }
start_station() {  # PRINTER LOG
    "$BIN" --db "$DB" print-station Hall --printer "$1" > "$TMP/station-$2.log" 2>&1 &
    STATION=$!
}
pdfs() { find "$TMP/out" -name '*.pdf' | wc -l | tr -d ' '; }

$T -f /dev/null new-session -d -s desk -x 120 -y 40 \
    "cd '$TMP' && '$BIN' demo --db '$DB' --attendees 50 --latency 0; echo EXIT=\$? > '$TMP/exit'; sleep 30"
$T set-option -g window-size manual >/dev/null
wait_for "[S]ync" 40
sleep 0.5

echo "print-queue-e2e: p on the card queues the badge for station Hall, never seen online yet"
keys Enter
wait_for "Attendee —" 5
wait_for "station Hall: never seen online" 5
keys p
wait_for "Queued for print station Hall (job 1)" 10
[[ $(cli print-jobs --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(len(j), j[0]["status"], j[0]["station"])') == "1 queued Hall" ]] \
    || fail "the CLI does not see one queued job for Hall"

echo "print-queue-e2e: the station comes online, prints, and the card counts the badge"
start_station "pdf:$TMP/out" one
wait_for "station Hall: online" 10
deadline=$((SECONDS + 15))
until [[ $(pdfs) == 1 ]]; do ((SECONDS < deadline)) || fail "the station wrote no PDF"; sleep 0.1; done
wait_for "printed 1×" 10
grep -q "job 1 done" "$TMP/station-one.log" || fail "the station did not log job 1"
stop_station

echo "print-queue-e2e: a refusing printer fails the job; the card shows it and R retries it"
start_station "zpl://127.0.0.1:1" two
wait_for "station Hall: online" 10
keys p
wait_for "Queued for print station Hall (job 2)" 10
wait_for "Print job 2 failed: zpl://127.0.0.1:1: connection refused" 15
wait_for "station Hall: online · queue empty · 1 failed · last error:" 10
stop_station
start_station "pdf:$TMP/out" three
wait_for "station Hall: online" 10
keys R
deadline=$((SECONDS + 15))
until [[ $(pdfs) == 2 ]]; do ((SECONDS < deadline)) || fail "the retried job printed no PDF"; sleep 0.1; done
wait_for "printed 2×" 10
screen | grep -qF "Print job 2 failed" && fail "the card still shows the retried job as failed"
[[ $(cli print-jobs --json | python3 -c 'import json,sys; j={x["id"]: x for x in json.load(sys.stdin)}; print(j[2]["status"], j[2]["attempts"])') == "done 2" ]] \
    || fail "job 2 is not done after 2 attempts"
stop_station

echo "print-queue-e2e: q exits 0"
keys Escape; sleep 0.3
keys q
deadline=$((SECONDS + 10))
until [[ -f $TMP/exit ]]; do ((SECONDS < deadline)) || fail "the console did not exit"; sleep 0.1; done
[[ $(cat "$TMP/exit") == "EXIT=0" ]] || fail "exit status $(cat "$TMP/exit")"
echo "print-queue-e2e: PASS"
