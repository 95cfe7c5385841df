#ifndef BADGE_CNCURSESW_SHIM_H
#define BADGE_CNCURSESW_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

/* Swift 6 refuses mutable C globals and function-like macros: these accessors wrap them. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_colors(void) { return COLORS; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_standout(void) { return A_STANDOUT; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }

/// Writes one grapheme cluster (given as a NUL-terminated wchar_t string) at y,x with attrs/pair.
static inline int cn_put_cluster(int y, int x, const wchar_t *wcs, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wcs, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

/* ---- Added for TerminalCurses (owner: screen helper) ---- */

static inline attr_t cn_color_pair(int n) { return COLOR_PAIR(n); }

/// newterm on the process's stdin/stdout (Swift 6 cannot touch the stdio globals). Returns 0 on
/// success, -1 if the terminal could not be initialised (no TERM, unknown terminal, not a tty).
static inline int cn_newterm(void) {
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (s == NULL) return -1;
    set_term(s);
    return 0;
}

/// Restores the terminal if curses is active. Safe to call repeatedly and before initialisation.
static inline void cn_restore_terminal(void) {
    if (!isendwin()) endwin();
}

static void cn_on_fatal_signal(int sig) {
    /* endwin is not formally async-signal-safe; it only writes the reset sequences and restores
       the tty modes, which is what a dying console must do. Then die of the same signal. */
    cn_restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void cn_atexit_restore(void) { cn_restore_terminal(); }

/// SIGTERM, SIGINT and SIGHUP restore the terminal and end the process with that signal; an
/// atexit hook restores it on exit(). Idempotent enough to call more than once.
static inline void cn_install_teardown(void) {
    signal(SIGTERM, cn_on_fatal_signal);
    signal(SIGINT, cn_on_fatal_signal);
    signal(SIGHUP, cn_on_fatal_signal);
    atexit(cn_atexit_restore);
}

/// Sets the background (what werase fills with) to a blank in the given attributes and pair.
static inline void cn_set_background(attr_t attrs, short pair) {
    cchar_t cc;
    wchar_t blank[2] = { L' ', 0 };
    if (setcchar(&cc, blank, attrs, pair, NULL) == OK) wbkgrndset(stdscr, &cc);
}

static inline int cn_put_one(int y, int x, wchar_t wc, attr_t attrs, short pair) {
    cchar_t cc;
    wchar_t s[2] = { wc, 0 };
    if (setcchar(&cc, s, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

/// Writes one grapheme cluster of `n` code points that the caller's width function says is
/// `width` (1 or 2) columns, at y,x, so that curses' idea of the width (libc wcwidth) never
/// disagrees with the caller's layout:
/// - one spacing character + combining marks whose wcwidth matches: one cchar_t;
/// - several spacing characters whose wcswidth matches (e.g. a flag = two regional indicators):
///   written as a string so the terminal receives them adjacent;
/// - otherwise (emoji ZWJ/modifier sequences, VS16 emoji libc thinks narrow, unknown code points):
///   the first character if its width fits, else U+FFFD (or '?' outside UTF-8), padded with
///   spaces to `width` columns. Alignment wins over fidelity.
static inline int cn_put_cell(int y, int x, const wchar_t *wcs, int n, int width, attr_t attrs, short pair) {
    if (n <= 0) return cn_put_one(y, x, L' ', attrs, pair);
    int w0 = wcwidth(wcs[0]);
    int spacing = 0;
    for (int i = 0; i < n; i++) if (wcwidth(wcs[i]) != 0) spacing++;
    if (w0 == width && spacing == 1 && n < CCHARW_MAX) {
        cchar_t cc;
        if (setcchar(&cc, wcs, attrs, pair, NULL) == OK) return mvwadd_wch(stdscr, y, x, &cc);
    }
    if (w0 > 0 && wcswidth(wcs, (size_t)n) == width) {
        wattr_set(stdscr, attrs, pair, NULL);
        int rc = mvwaddnwstr(stdscr, y, x, wcs, n);
        wattr_set(stdscr, A_NORMAL, 0, NULL);
        return rc;
    }
    int used;
    if (w0 >= 1 && w0 <= width) {
        cn_put_one(y, x, wcs[0], attrs, pair);
        used = w0;
    } else {
        cn_put_one(y, x, wcwidth(0xFFFD) == 1 ? (wchar_t)0xFFFD : L'?', attrs, pair);
        used = 1;
    }
    while (used < width) { cn_put_one(y, x + used, L' ', attrs, pair); used++; }
    return OK;
}
/// The terminal's size from the kernel (rows, cols); 0 on success. Used to notice a resize while
/// input is read by a thread of the console's own (curses' SIGWINCH handling only reports a
/// resize from get_wch).
static inline int cn_window_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* ---- Crash reset: a trap or fault must not leave the operator with a raw, invisible-cursor
   terminal under a backtrace. The handler only uses async-signal-safe calls (tcsetattr, write),
   then hands the signal to whatever handler was there before (the Swift runtime's backtracer, or
   the default action). ---- */
/* Function-local statics: Swift's importer emits no storage for a header's static variables. */
static inline struct termios *cn_saved_termios(void) { static struct termios saved; return &saved; }
static inline int *cn_saved_termios_valid(void) { static int valid = 0; return &valid; }
static inline struct sigaction *cn_previous_actions(void) { static struct sigaction previous[32]; return previous; }
static inline int *cn_chain_crash_handler(void) { static int chain = 0; return &chain; }

static void cn_on_crash_signal(int sig) {
    if (*cn_saved_termios_valid()) tcsetattr(0, TCSANOW, cn_saved_termios());
    /* leave the alternate screen, reset attributes, show the cursor, keypad off, new line */
    static const char reset[] = "\033[?1049l\033[0m\033[?25h\033[?1l\033>\r\n";
    ssize_t ignored = write(1, reset, sizeof reset - 1);
    (void)ignored;
    /* The Swift runtime's backtracer, on a terminal, waits for a key ("press space to
       interact"): at a door that is a frozen desk. It runs only when asked for explicitly. */
    if (*cn_chain_crash_handler() && sig > 0 && sig < 32) sigaction(sig, &cn_previous_actions()[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

/// Saves the terminal's modes as they are now (call before curses changes them) and installs the
/// crash reset for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE and SIGABRT. The process then dies of
/// the signal; the handler that was there before (the Swift backtracer) runs only when
/// SWIFT_BACKTRACE is set.
static inline void cn_install_crash_reset(void) {
    if (tcgetattr(0, cn_saved_termios()) == 0) *cn_saved_termios_valid() = 1;
    *cn_chain_crash_handler() = getenv("SWIFT_BACKTRACE") != NULL;
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cn_on_crash_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_NODEFER;
        sigaction(signals[i], &sa, &cn_previous_actions()[signals[i]]);
    }
}
#endif
