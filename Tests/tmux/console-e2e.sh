#!/usr/bin/env bash
# End-to-end test of the console in a real terminal (tmux): the demo's import progress, the event
# view appearing by itself, S in flight then done, v flagging a VIP (checked through the CLI on the
# same database), / search, a scanner burst opening the card and checking in with one key,
# hostile names not driving the terminal, resize to 80x24 and below the minimum, q exiting 0.
# usage: Tests/tmux/console-e2e.sh [path/to/badge]
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
command -v tmux >/dev/null || { echo "console-e2e: tmux not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "console-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-e2e.XXXXXX)
SOCK=badge-e2e-$$
DB=$TMP/demo.sqlite
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

fail() {
    echo "console-e2e: FAIL: $*" >&2
    echo "---- last screen ----" >&2
    $T capture-pane -p -t e2e 2>/dev/null >&2 || true
    exit 1
}
screen() { $T capture-pane -p -t e2e; }
# wait_for TEXT [SECONDS]: polls the screen until TEXT shows (fixed-string match).
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1'"
        sleep 0.1
    done
}
wait_gone() {
    local deadline=$((SECONDS + ${2:-15}))
    while screen | grep -qF -- "$1"; do
        ((SECONDS < deadline)) || fail "timed out waiting for '$1' to go away"
        sleep 0.1
    done
}
keys() { $T send-keys -t e2e "$@"; }
cli() { "$BIN" --db "$DB" "$@"; }
json_count() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

export TERM=xterm-256color
$T -f /dev/null new-session -d -s e2e -x 120 -y 40 \
    "cd '$TMP' && '$BIN' demo --db '$DB' --attendees 1500 --latency 400; echo EXIT=\$? > '$TMP/exit'; sleep 30"
$T set-option -g window-size manual >/dev/null
$T set-option -t e2e set-titles off >/dev/null 2>&1 || true
title_before=$($T display-message -p -t e2e '#{pane_title}')

echo "console-e2e: import progress"
wait_for "Importing" 10
wait_for "Pages" 5

echo "console-e2e: the event view appears by itself"
wait_for "● Syncing" 30
wait_for "Total" 5
wait_for "[S]ync" 5

echo "console-e2e: S shows the sync in flight, then completes"
keys S
wait_for "[Syncing…]" 5
wait_for "[S]ync" 30
wait_for "Synced:" 5

echo "console-e2e: v flags the selected row as VIP (seen by the CLI on the same database)"
[[ $(cli attendees 1 --json --filter vip | json_count) == 0 ]] || fail "a VIP before pressing v"
keys v
wait_for "VIP 1" 5
sleep 0.3
[[ $(cli attendees 1 --json --filter vip | json_count) == 1 ]] || fail "the CLI does not see the VIP flag"

echo "console-e2e: / searches as you type"
email=$(cli attendees 1 --json | python3 -c 'import json,sys; print([a for a in json.load(sys.stdin) if a["status"]=="ATTENDING" and not a["checkedInAt"] and a["barcode"]][3]["email"])')
keys /
wait_for "Search:" 3
keys -l "$email"
wait_for "rows 1–1 of 1" 5
keys Escape
wait_for "/ to search" 5

echo "console-e2e: a scanner burst opens the card; one key checks in and prints"
read -r aid code < <(cli attendees 1 --json | python3 -c '
import json,sys
a=[a for a in json.load(sys.stdin) if a["status"]=="ATTENDING" and not a["checkedInAt"] and a["barcode"]][5]
print(a["id"], a["barcode"])')
$T send-keys -t e2e -l "$code"; $T send-keys -t e2e Enter
wait_for "Print badge & check in" 5
keys Enter
wait_for "Reprint badge" 10
checked=$(cli attendees 1 --json | python3 -c "import json,sys; print([a for a in json.load(sys.stdin) if a['id']==$aid][0]['checkedInAt'] is not None)")
[[ $checked == True ]] || fail "the scanned attendee is not checked in in the database"
wait_for "printed 1×" 10
keys Escape
wait_for "● Syncing" 5

echo "console-e2e: hostile names are shown, never executed"
keys /
keys -l "Evil"
wait_for "rows 1–" 5
sleep 0.5
screen | grep -qF "␛]0;pwned" || fail "the hostile name is not shown with visible placeholders"
screen | grep -qF "Total" || fail "the screen was cleared by a name"
keys Escape
wait_for "/ to search" 5
title_after=$($T display-message -p -t e2e '#{pane_title}')
[[ $title_after != *pwned* ]] || fail "a name changed the terminal title to '$title_after'"
[[ $title_after == "$title_before" ]] || fail "the terminal title changed from '$title_before' to '$title_after'"

echo "console-e2e: resize to 80x24 and below the minimum"
$T resize-window -t e2e -x 80 -y 24
wait_for "[S]ync" 5
$T resize-window -t e2e -x 60 -y 20
wait_for "too small" 5
$T resize-window -t e2e -x 120 -y 40
wait_for "[S]ync" 5

echo "console-e2e: q exits 0 and restores the terminal"
keys q
for _ in $(seq 1 100); do [[ -f $TMP/exit ]] && break; sleep 0.1; done
[[ -f $TMP/exit ]] || fail "the console did not exit on q"
[[ $(cat "$TMP/exit") == "EXIT=0" ]] || fail "exit status: $(cat "$TMP/exit")"
echo "console-e2e: all checks passed"
