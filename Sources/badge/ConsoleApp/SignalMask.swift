import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals the console lives by — SIGWINCH (ncurses turns it into a resize key) and
/// SIGTERM/SIGHUP/SIGINT (the terminal's handlers restore the screen before the process ends) —
/// must reach it. A parent may start us with them blocked: a process spawned from a Dispatch
/// worker thread (Foundation's `Process` from a test) inherits that thread's all-blocked mask,
/// and tmux passes it on to its panes; the console then never resizes and ignores SIGTERM.
enum SignalMask {
    /// Unblocks the console's signals on the calling (UI) thread, before curses starts.
    static func unblockConsoleSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        // The crash signals too, so the terminal's crash reset runs for them whoever sends them.
        for signal in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] {
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
