import Console
import Dispatch
import Foundation
import ScreenKit
import TerminalCurses

/// The UI loop (ARCHITECTURE §3): owns the terminal on the calling thread; keys go through the
/// scanner-burst detector into `update`; effects run in the background and come back through the
/// mailbox; the frame is rendered from the state and only changed cells are written.
final class ConsoleLoop {
    private let terminal: Terminal
    private var state: AppState
    private let runner: EffectRunner
    private let mailbox: Mailbox
    private let pump: NotificationPump
    private let station: String
    private var detector = ScanBurstDetector<Key>.forTerminal()

    init(terminal: Terminal, state: AppState, runner: EffectRunner, mailbox: Mailbox, pump: NotificationPump,
         station: String) {
        self.terminal = terminal
        self.state = state
        self.runner = runner
        self.mailbox = mailbox
        self.pump = pump
        self.station = station
    }

    /// Runs until the console asks to quit.
    func run(initialEffects: [Effect]) {
        state.size = terminal.size
        guard dispatch(initialEffects) else { return }
        var lastFrame: AppState?
        var lastTick = Date()
        while true {
            let now = Date()
            if lastFrame != state || now.timeIntervalSince(lastTick) >= 1 {
                if now.timeIntervalSince(lastTick) >= 1 {
                    lastTick = now
                    if !apply(.tick) { return }
                }
                terminal.present(render(state, size: terminal.size, now: Date()))
                lastFrame = state
            }

            let timeout = detector.deadline.map { max(1, Int32((($0 - Self.monotonic()) * 1000).rounded(.up))) } ?? 40
            var actions: [Action] = []
            if let key = terminal.readKey(timeoutMs: min(timeout, 40)) {
                if key == .resize {
                    actions.append(.resized(terminal.size))
                } else {
                    actions += detector.feed(key, at: Self.monotonic()).map(Action.init)
                }
            }
            actions += detector.flush(now: Self.monotonic()).map(Action.init)
            pump.flush()
            actions += mailbox.drain()
            for action in actions where !apply(action) { return }
        }
    }

    /// Applies one action; false when the console quits.
    private func apply(_ action: Action) -> Bool {
        dispatch(update(&state, action, now: Date()))
    }

    /// Starts the effects in the background; false on quit.
    private func dispatch(_ effects: [Effect]) -> Bool {
        let who = EffectRunner.Operator(name: state.operatorName, station: station)
        for effect in effects {
            if effect == .quit { return false }
            runner.launch(effect, by: who)
        }
        return true
    }

    /// Seconds on a monotonic clock (the burst detector's time base).
    private static func monotonic() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}
