// TerminalCurses (the ncurses backend) has no unit tests here on purpose: a compile-level smoke
// test could not fail for any reason a user cares about, and the backend needs a real terminal.
// It is exercised end to end by the tmux test (EndToEndTests: the real `badge` binary in tmux,
// `send-keys` / `capture-pane`), which checks what actually reaches the screen: wide glyph
// alignment, keys, resize, and the terminal restored after quit / SIGTERM.
// Its pure parts live in ScreenKit and are tested here: `Key.fromCodePoint` (input decoding),
// the buffer invariants the diffing `present` relies on, and theme/colour-index fallback.
