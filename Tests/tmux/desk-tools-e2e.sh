#!/usr/bin/env bash
# End-to-end test of the day's desk tools in a real terminal (tmux, issue #17, SPEC §13): w
# registers a walk-in who is checked in and printed at once; e on a card corrects the badge name,
# which survives S (a full resync from the provider) and shows the provider's value beside it;
# n adds a note that the card shows. Each step is checked through the CLI on the same database.
# usage: Tests/tmux/desk-tools-e2e.sh [path/to/badge]   (builds nothing; needs tmux and python3)
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
command -v tmux >/dev/null || { echo "desk-tools-e2e: tmux not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "desk-tools-e2e: python3 not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "desk-tools-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-desk-tools.XXXXXX)
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8 TERM=xterm-256color
unset BADGE_DB NO_COLOR BADGE_PIN
mkdir -p "$HOME" "$TMPDIR"
SOCK=badge-desk-tools-$$
DB=$TMP/desk.sqlite
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

fail() {
    echo "desk-tools-e2e: FAIL: $*" >&2
    echo "---- last screen ----" >&2
    $T capture-pane -p -t desk >&2 2>/dev/null || true
    exit 1
}
screen() { $T capture-pane -p -t desk; }
wait_gone() {
    local deadline=$((SECONDS + ${2:-15}))
    while screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1' to go away"
        sleep 0.1
    done
}
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1'"
        sleep 0.1
    done
}
keys() { $T send-keys -t desk "$@"; }
# A person types: one key at a time (a fast burst would be a scan).
human() {
    local s=$1 i
    for ((i = 0; i < ${#s}; i++)); do keys -l "${s:i:1}"; sleep 0.08; done
}
cli() { "$BIN" --db "$DB" "$@"; }
field() { python3 -c "import json,sys; a=[a for a in json.load(sys.stdin) if a['id']==$1][0]; print(a$2)"; }

$T -f /dev/null new-session -d -s desk -x 120 -y 40 \
    "cd '$TMP' && '$BIN' demo --db '$DB' --attendees 400 --latency 0; echo EXIT=\$? > '$TMP/exit'; sleep 30"
$T set-option -g window-size manual >/dev/null
wait_for "● Syncing" 40
wait_for "[S]ync" 10

echo "desk-tools-e2e: w registers a walk-in, checked in and printed at once"
keys w
wait_for "Walk-in" 5
human "Kim Walker"
keys Tab; sleep 0.2
human "kim.walker@example.org"
sleep 0.5
keys Enter
wait_for "Saved PDF →" 15
walkin=$(cli attendees 1 --json | python3 -c '
import json,sys
w=[a for a in json.load(sys.stdin) if a.get("walkIn")]
print(len(w), w[0]["name"] if w else "", w[0]["checkedInAt"] is not None if w else False)')
[[ $walkin == "1 Kim Walker True" ]] || fail "the CLI does not see one checked-in walk-in named Kim Walker ($walkin)"

echo "desk-tools-e2e: e corrects the badge name; it survives S (a full resync)"
keys Escape; sleep 0.3
wait_for "/ to search" 5
read -r aid email name < <(cli attendees 1 --json | python3 -c '
import json,sys
a=[a for a in json.load(sys.stdin) if not a.get("walkIn") and a["email"] and " " in a["name"]][2]
print(a["id"], a["email"], a["name"].split()[0])')
keys /; wait_for "Search:" 3
human "$email"
wait_for "rows 1–1 of 1" 5
keys Enter; sleep 0.3; keys Enter
wait_for "Attendee —" 5
# The badge as it will print, drawn from the label raster beside the details (issue #16).
wait_for "┌ Badge" 10
wait_for "Default · 102×76 mm" 5
keys e
wait_for "Correct the badge" 5
keys C-u; sleep 0.1
human "Dr. $name Corrected"
sleep 0.5  # Enter on its own: a burst ending in Enter types into the form instead of saving it
keys Enter
wait_gone "Correct the badge" 5
wait_for "(provider:" 5
[[ $(cli attendees 1 --json | field "$aid" "['badgeName']") == "Dr. $name Corrected" ]] || fail "the correction is not in the database"
keys n
wait_for "┌ Note" 5
human "Needs a lanyard"
sleep 0.5
keys Enter
wait_gone "┌ Note" 5
wait_for "Needs a lanyard" 5
keys Escape; sleep 0.3
keys S
wait_for "Synced:" 30
keys Enter
wait_for "Dr. $name Corrected" 5
wait_for "(provider:" 5
wait_for "Needs a lanyard" 5
[[ $(cli attendees 1 --json | field "$aid" "['badgeName']") == "Dr. $name Corrected" ]] || fail "the resync undid the correction"
[[ $(cli attendees 1 --json | field "$aid" "['notes']") == "Needs a lanyard" ]] || fail "the resync lost the note"

echo "desk-tools-e2e: q exits 0"
keys Escape; sleep 0.3; keys Escape; sleep 0.3; keys q
for _ in $(seq 50); do [[ -f $TMP/exit ]] && break; sleep 0.1; done
[[ $(cat "$TMP/exit" 2>/dev/null) == "EXIT=0" ]] || { keys y; sleep 1; }
[[ $(cat "$TMP/exit" 2>/dev/null) == "EXIT=0" ]] || fail "the console did not exit 0"
echo "desk-tools-e2e: PASS"
