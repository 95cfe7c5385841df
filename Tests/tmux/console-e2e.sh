#!/usr/bin/env bash
# End-to-end test of the console in a real terminal (tmux): the demo's import progress, the event
# view appearing by itself, S in flight then done, v flagging a VIP (checked through the CLI on the
# same database), / search, a scanner burst showing its verdict and checking in with Enter,
# hostile names not driving the terminal, resize to 80x24 and below the minimum, q exiting 0.
# Then, at 80x24 with the mono theme and with NO_COLOR: every state still readable without colour,
# and Ctrl-C quitting cleanly (exit 0, the demo's temporary database removed).
# usage: Tests/tmux/console-e2e.sh [path/to/badge]   (builds nothing; needs tmux and python3)
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/badge}")
command -v tmux >/dev/null || { echo "console-e2e: tmux not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "console-e2e: python3 not installed" >&2; exit 1; }
[[ -x $BIN ]] || { echo "console-e2e: no binary at $BIN (swift build first)" >&2; exit 1; }

TMP=$(mktemp -d -t badge-e2e.XXXXXX)
# A private home: the user's config (theme, printer), log and data are never touched.
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/data XDG_STATE_HOME=$TMP/home/state \
    XDG_CONFIG_HOME=$TMP/home/config TMPDIR=$TMP/tmp LANG=C.UTF-8
unset BADGE_DB NO_COLOR BADGE_PIN
mkdir -p "$HOME" "$TMPDIR"
SOCK=badge-e2e-$$
DB=$TMP/demo.sqlite
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

fail() {
    echo "console-e2e: FAIL: $*" >&2
    echo "---- last screen ----" >&2
    $T capture-pane -p -t e2e >&2 2>/dev/null || true
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
# wait_file PATH SECONDS: polls until the file exists.
wait_file() {
    local deadline=$((SECONDS + $2))
    until [[ -f $1 ]]; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
}
# The console has left the terminal as it found it: the alternate screen is off, the cursor
# shows, and none of the console is left on the pane.
restored() {
    [[ $($T display-message -p -t e2e '#{alternate_on}') == 0 ]] || fail "still on the alternate screen"
    [[ $($T display-message -p -t e2e '#{cursor_flag}') == 1 ]] || fail "the cursor is still hidden"
    ! screen | grep -qE 'Sync|Quit' || fail "the console is still drawn after it exited"
}
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
wait_for "★ VIP:" 5  # the toast (the VIP figure is a stat card at 120 columns)
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

echo "console-e2e: a scanner burst shows its verdict; Enter checks in and prints"
read -r aid code < <(cli attendees 1 --json | python3 -c '
import json,sys
a=[a for a in json.load(sys.stdin) if a["status"]=="ATTENDING" and not a["checkedInAt"] and a["barcode"]][5]
print(a["id"], a["barcode"])')
$T send-keys -t e2e -l "$code"; $T send-keys -t e2e Enter
wait_for "VALID TICKET" 5
wait_for "[Enter] Print badge & check in" 5
sleep 0.6  # Enter within 0.5 s of a new verdict is ignored (it may be meant for the previous person)
keys Enter
wait_for "✔ CHECKED IN" 10
checked=$(cli attendees 1 --json | python3 -c "import json,sys; print([a for a in json.load(sys.stdin) if a['id']==$aid][0]['checkedInAt'] is not None)")
[[ $checked == True ]] || fail "the scanned attendee is not checked in in the database"
wait_for "Saved PDF →" 10
echo "console-e2e: the same badge again is ALREADY CHECKED IN; an unknown code replaces it"
sleep 3.1  # the same code within 3 s is ignored
$T send-keys -t e2e -l "$code"; $T send-keys -t e2e Enter
wait_for "ALREADY CHECKED IN" 5
wait_for "at this desk" 5
$T send-keys -t e2e -l "000000000000"; $T send-keys -t e2e Enter
wait_for "UNKNOWN CODE" 5
keys Escape
wait_for "● Syncing" 5

echo "console-e2e: hostile names are shown, never executed"
keys /
wait_for "Search:" 3  # a key typed within 50 ms of / would be one burst with it (search text)
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
wait_file "$TMP/exit" 10 || fail "the console did not exit on q"
[[ $(cat "$TMP/exit") == "EXIT=0" ]] || fail "exit status: $(cat "$TMP/exit")"
restored

# Without colour: the mono theme, then NO_COLOR. No colour escape reaches the pane, and the
# states still read as text and symbols. Ctrl-C quits; the temporary demo database is removed.
for mode in "--theme mono" "NO_COLOR"; do
    echo "console-e2e: 80x24 without colour ($mode)"
    rm -f "$TMP/exit"
    if [[ $mode == NO_COLOR ]]; then run="NO_COLOR=1 '$BIN' demo"; else run="'$BIN' $mode demo"; fi
    $T kill-session -t e2e
    $T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
        "cd '$TMP' && $run --attendees 300 --latency 150; echo EXIT=\$? > '$TMP/exit'; sleep 30"
    wait_for "Importing" 10
    wait_for "● Syncing" 30
    wait_for "[S]ync" 5
    wait_for "rows 1–" 5
    [[ -n $(ls "$TMPDIR" | grep badge-demo) ]] || fail "no temporary demo database under \$TMPDIR"
    colours=$($T capture-pane -p -e -t e2e | grep -cE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|38;|48;)' || true)
    [[ $colours == 0 ]] || fail "$colours lines carry colour escapes ($mode)"
    keys f
    wait_for "Filter: VIP" 5
    keys s
    wait_for "Scan:" 5
    $T send-keys -t e2e -l "123456789"; $T send-keys -t e2e Enter
    wait_for "✖ UNKNOWN CODE" 5
    keys Escape
    wait_for "Filter: VIP" 5
    keys C-c
    wait_file "$TMP/exit" 10 || fail "Ctrl-C did not end the console ($mode)"
    [[ $(cat "$TMP/exit") == "EXIT=0" ]] || fail "exit status after Ctrl-C: $(cat "$TMP/exit")"
    restored
    [[ -z $(ls "$TMPDIR" | grep badge-demo) ]] || fail "the temporary demo database was left behind"
done
echo "console-e2e: all checks passed"
