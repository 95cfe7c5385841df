import CNcursesw
import ScreenKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses backend (ARCHITECTURE §2–3): sets the terminal up and presents `ScreenBuffer`s by
/// writing only the cells that changed since the last frame. Input is not read through curses:
/// an `InputReader` reads and timestamps it on a thread of its own (SPEC §10).
///
/// **Threading:** create, use and shut down a `Terminal` on one thread — the UI loop's. Every
/// curses call happens on the calling thread; ncurses is not thread-safe. It is deliberately not
/// `Sendable`.
///
/// **Teardown:** the terminal is restored (`endwin`) by `shutdown()`, by `deinit`, by an `atexit`
/// hook, and by SIGTERM/SIGINT/SIGHUP handlers that restore it and then let the signal end the
/// process; a crash (SIGSEGV, SIGILL, SIGABRT…) restores it from a signal handler. A resize is
/// noticed by `pollResize()`; render at the new `size` and `present` — the next frame is drawn
/// in full.
public final class Terminal {
    /// Set-up choices.
    public struct Options: Sendable {
        /// `raw` mode delivers Ctrl-C/Ctrl-Z/Ctrl-S as keys; the default `cbreak` leaves them to the
        /// terminal (Ctrl-C → SIGINT → the terminal is restored and the process ends).
        public var raw: Bool
        /// How long a lone Esc waits for the rest of a key sequence.
        public var escapeDelayMs: Int32

        public init(raw: Bool = false, escapeDelayMs: Int32 = 25) {
            self.raw = raw
            self.escapeDelayMs = escapeDelayMs
        }
    }

    struct CellStyle {
        var attributes: attr_t
        var pair: Int16
    }

    private var previous: ScreenBuffer?
    private var styles: [Role: CellStyle] = [:]
    private var active = false
    private var cursorVisible = false
    private var colorsEnabled = false
    private var defaultColorsSupported = false
    /// The theme in use (after capability fallback; see `apply(theme:)`).
    public private(set) var theme: Theme

    /// Initialises curses on the process's terminal: locale from the environment, cbreak (or raw),
    /// no echo, keypad keys, no newline translation, hidden cursor, Esc delay, colours (with the
    /// terminal's default colours) when the terminal has them.
    public init(theme: Theme, options: Options = Options()) throws(TerminalError) {
        self.theme = theme
        setlocale(LC_ALL, "")
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw TerminalError("not a terminal: the console needs an interactive terminal on stdin and stdout")
        }
        cn_install_crash_reset()
        cn_install_teardown()
        guard cn_newterm() == 0 else {
            throw TerminalError("cannot initialise the terminal (check TERM)")
        }
        active = true
        if options.raw { raw() } else { cbreak() }
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        intrflush(cn_stdscr(), false)
        set_escdelay(options.escapeDelayMs)
        curs_set(0)
        if has_colors() && start_color() == cn_ok() {
            colorsEnabled = true
            defaultColorsSupported = use_default_colors() == cn_ok()
        }
        apply(theme: theme)
    }

    deinit {
        shutdown()
    }

    /// Restores the terminal (idempotent). After this the object must not be used to draw.
    public func shutdown() {
        guard active else { return }
        active = false
        cn_restore_terminal()
    }

    /// The current terminal size in cells (updated by ncurses on resize).
    public var size: Size {
        Size(width: Int(cn_cols()), height: Int(cn_lines()))
    }

    /// Colours the terminal offers (0 when it has none or colour is off).
    public var availableColors: Int {
        colorsEnabled ? Int(cn_colors()) : 0
    }

    /// Switches theme: one colour pair per role (or attributes only when the theme is monochrome or
    /// the terminal has no colours), and redraws everything on the next `present`.
    public func apply(theme: Theme) {
        self.theme = theme
        let roles = Role.allCases
        let useColor = colorsEnabled && !theme.isMonochrome && Int(cn_color_pairs()) > roles.count
        let colors = Int(cn_colors())
        var table: [Role: CellStyle] = [:]
        for (i, role) in roles.enumerated() {
            let style = theme[role]
            var attrs = cn_a_normal()
            if style.attributes.contains(.bold) { attrs |= cn_a_bold() }
            if style.attributes.contains(.dim) { attrs |= cn_a_dim() }
            if style.attributes.contains(.underline) { attrs |= cn_a_underline() }
            if style.attributes.contains(.reverse) { attrs |= cn_a_reverse() }
            var pair: Int16 = 0
            if useColor && !style.isColorless {
                pair = Int16(i + 1)
                var fg = style.foreground.index(forAvailableColors: colors)
                var bg = style.background.index(forAvailableColors: colors)
                if !defaultColorsSupported {
                    if fg < 0 { fg = 7 }
                    if bg < 0 { bg = 0 }
                }
                init_pair(pair, Int16(fg), Int16(bg))
            }
            table[role] = CellStyle(attributes: attrs, pair: pair)
        }
        styles = table
        if let normal = table[.normal] {
            cn_set_background(normal.attributes, normal.pair)
        }
        invalidate()
    }

    /// Forgets the previous frame so the next `present` redraws every cell (after a resize, a
    /// theme change, or anything else that may have disturbed the screen).
    public func invalidate() {
        previous = nil
    }

    func style(for role: Role) -> CellStyle {
        styles[role] ?? CellStyle(attributes: cn_a_normal(), pair: 0)
    }

    var isActive: Bool { active }
    var previousFrame: ScreenBuffer? {
        get { previous }
        set { previous = newValue }
    }
    var isCursorVisible: Bool {
        get { cursorVisible }
        set { cursorVisible = newValue }
    }
}
