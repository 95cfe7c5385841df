import Console
import Dispatch
import Foundation
import ScreenKit
import TerminalCurses

/// The UI loop (ARCHITECTURE §3): owns the terminal's drawing on the calling thread. Input is
/// read and timestamped as it arrives by an `InputReader` thread (SPEC §10), so a slow frame or a
/// busy machine never splits a scanner burst; the loop feeds every key that arrived, with its
/// arrival time, through the burst detector into `update`; effects run in the background and
/// come back through the mailbox; the frame is rendered from the state and only changed cells
/// are written.
final class ConsoleLoop {
    private let terminal: Terminal
    private var state: AppState
    private let runner: EffectRunner
    private let mailbox: Mailbox
    private let pump: NotificationPump
    private let station: String
    private var detector: ScanBurstDetector<Key>
    private let input = InputReader()

    init(terminal: Terminal, state: AppState, runner: EffectRunner, mailbox: Mailbox, pump: NotificationPump,
         station: String, scanGapMs: Int = 50) {
        self.terminal = terminal
        self.state = state
        self.runner = runner
        self.mailbox = mailbox
        self.pump = pump
        self.station = station
        self.detector = ScanBurstDetector<Key>.forTerminal(gapMs: scanGapMs)
    }

    /// Runs until the console asks to quit.
    func run(initialEffects: [Effect]) {
        state.size = terminal.size
        mailbox.onPost = { [input] in input.wake() }
        input.start()
        defer {
            mailbox.onPost = nil
            input.stop()
        }
        guard dispatch(initialEffects) else { return }
        var lastFrame: AppState?
        var lastTick = Date()
        var bells = state.bells
        while true {
            let now = Date()
            if lastFrame != state || now.timeIntervalSince(lastTick) >= 1 {
                if now.timeIntervalSince(lastTick) >= 1 {
                    lastTick = now
                    if !apply(.tick) { return }
                }
                if state.bells != bells {
                    bells = state.bells
                    terminal.ringBell()
                }
                terminal.present(render(state, size: terminal.size, now: Date()))
                lastFrame = state
            }

            // Wait for input (or the burst deadline, or background results).
            let wait = detector.deadline.map { max(0.001, $0 - InputReader.now() + 0.001) } ?? 0.040
            let (keys, horizon) = input.next(timeout: min(wait, 0.040))
            var actions: [Action] = []
            if terminal.pollResize() { actions.append(.resized(terminal.size)) }
            for timed in keys {
                if timed.key == .resize { continue }
                actions += detector.feed(timed.key, at: timed.at).map(Action.init)
            }
            // Only up to the reader's horizon is it known that no further key arrived.
            actions += detector.flush(now: horizon).map(Action.init)
            pump.flush()
            actions += mailbox.drain()
            for action in actions where !apply(action) { return }
            if input.isFinished && keys.isEmpty {
                return  // the terminal went away
            }
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
}
