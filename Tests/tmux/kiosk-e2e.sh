#!/usr/bin/env bash
# End-to-end test of `badge kiosk` in a real terminal (tmux), at 80x24 with the default theme and
# with the mono theme: an event imported from the built-in simulator, an admin member, then a
# ticket scanned at scanner speed → the person's own badge info (email masked) → Enter prints and
# checks in (checked through the CLI) → the welcome screen again after the idle time → q asks for
# the admin PIN, which closes the kiosk (exit 0).
# usage: Tests/tmux/kiosk-e2e.sh [path/to/badge]   (builds nothing; needs tmux and python3)
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
command -v tmux >/dev/null || { echo "kiosk-e2e: tmux not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "kiosk-e2e: python3 not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "kiosk-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-kiosk.XXXXXX)
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8
unset BADGE_DB NO_COLOR BADGE_PIN
mkdir -p "$HOME" "$TMPDIR"
SOCK=badge-kiosk-$$
DB=$TMP/kiosk.sqlite
T="tmux -L $SOCK"
SIM=
cleanup() {
    $T kill-server 2>/dev/null || true
    tmux -L "$SOCK-default" kill-server 2>/dev/null || true
    tmux -L "$SOCK-mono" kill-server 2>/dev/null || true
    [[ -n $SIM ]] && kill "$SIM" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
    echo "kiosk-e2e: FAIL: $*" >&2
    echo "---- last screen ----" >&2
    $T capture-pane -p -t kiosk >&2 2>/dev/null || true
    exit 1
}
screen() { $T capture-pane -p -t kiosk; }
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1'"
        sleep 0.1
    done
}
# A person types: one key at a time (a fast burst would be a scan).
human() {
    local s=$1 i
    for ((i = 0; i < ${#s}; i++)); do $T send-keys -t kiosk -l "${s:i:1}"; sleep 0.12; done
}
cli() { BADGE_PIN=2468 "$BIN" --db "$DB" --operator ann "$@"; }

echo "kiosk-e2e: an event from the simulator and an admin member"
"$BIN" simulate --port 0 --attendees 60 --seed 3 > "$TMP/sim.out" 2>&1 &
SIM=$!
for _ in $(seq 100); do grep -q "listening on" "$TMP/sim.out" && break; sleep 0.1; done
URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$TMP/sim.out")
[[ -n $URL ]] || fail "the simulator did not start"
EXT=$(awk '$1 == "eventbrite" { print $2; exit }' "$TMP/sim.out")
"$BIN" --db "$DB" integrations connect eventbrite --token sim-eventbrite-token --base-url "$URL/v3" > /dev/null
"$BIN" --db "$DB" events import eventbrite "$EXT" > /dev/null 2>&1
echo 2468 | "$BIN" --db "$DB" members add ann --role admin --pin-stdin > /dev/null

pick() {  # the Nth attending, not checked-in attendee with a barcode: "id barcode"
    cli attendees 1 --json | python3 -c "
import json,sys
a=[a for a in json.load(sys.stdin) if a['status']=='ATTENDING' and not a['checkedInAt'] and a['barcode']][$1]
print(a['id'], a['barcode'])"
}

for theme in default mono; do
    echo "kiosk-e2e: 80x24, theme $theme"
    rm -f "$TMP/exit"
    $T kill-server 2>/dev/null || true
    # A server of its own for each run: a new session on a server that is still going away
    # fails ("server exited unexpectedly").
    T="tmux -L $SOCK-$theme"
    $T -f /dev/null new-session -d -s kiosk -x 80 -y 24 \
        "cd '$TMP' && '$BIN' --db '$DB' --theme $theme kiosk 1 --idle 4; echo EXIT=\$? > '$TMP/exit'; sleep 30"
    wait_for "Welcome to" 10
    wait_for "Scan the barcode or QR code on your ticket" 5
    if [[ $theme == mono ]]; then
        colours=$($T capture-pane -p -e -t kiosk | grep -cE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|38;|48;)' || true)
        [[ $colours == 0 ]] || fail "$colours lines carry colour escapes (mono)"
    fi
    read -r aid code < <(pick 0)
    $T send-keys -t kiosk -l "$code"; $T send-keys -t kiosk Enter
    wait_for "Is this you?" 5
    wait_for "•••@" 5
    wait_for "[Enter] Print my badge & check in" 5
    sleep 0.3
    $T send-keys -t kiosk Enter
    wait_for "You are checked in" 10
    wait_for "Saved PDF" 10
    checked=$(cli attendees 1 --json | python3 -c "import json,sys; print([a for a in json.load(sys.stdin) if a['id']==$aid][0]['checkedInAt'] is not None)")
    [[ $checked == True ]] || fail "the scanned attendee is not checked in in the database"
    echo "kiosk-e2e: idle reset"
    wait_for "Welcome to" 15
    screen | grep -qF "Saved PDF" && fail "the last person's print note is still on screen"
    echo "kiosk-e2e: q needs the admin PIN"
    $T send-keys -t kiosk q
    wait_for "Close the kiosk" 5
    [[ -f $TMP/exit ]] && fail "q alone closed the kiosk"
    human 2468
    $T send-keys -t kiosk Enter
    for _ in $(seq 100); do [[ -f $TMP/exit ]] && break; sleep 0.1; done
    [[ -f $TMP/exit ]] || fail "the admin PIN did not close the kiosk"
    [[ $(cat "$TMP/exit") == "EXIT=0" ]] || fail "exit status: $(cat "$TMP/exit")"
done
echo "kiosk-e2e: all checks passed"
