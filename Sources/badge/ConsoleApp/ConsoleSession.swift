import BadgeCore
import Console
import Foundation
import Printing
import ScreenKit
import Storage
import Sync
import TerminalCurses

/// Puts one console session together: theme, terminal, engine polling, the notification pump,
/// the effect runner and the loop; tears everything down on every way out (the terminal is
/// restored before any error is printed).
struct ConsoleSession {
    var store: any BadgeStore
    var engine: SyncEngine
    var config: BadgeConfig
    var operatorName: String?
    var badgeDirectory: String
    var fontSearchPaths: [String]
    var log: any LogSink

    /// Runs the console until the operator quits. `prepare` may adjust the start state (the demo
    /// opens on its import) and add effects to run first.
    /// `splash` and `warmUp`: slow set-up (the demo's connect and first requests) runs after the
    /// terminal shows `splash`, so the screen is never blank meanwhile (issue #17).
    func run(splash: String? = nil, warmUp: () throws -> Void = {},
             prepare: (inout AppState) -> [Effect] = { _ in [] }) throws {
        let (theme, themeProblem) = ThemeLoader.loadWithFallback(name: config.theme)
        let members = try store.members().map { MemberSummary(name: $0.name, role: $0.role) }
        var state = AppState.start(members: members, operatorName: operatorName, timeZone: .current)
        state.expressScan = config.expressScan
        state.maskEmails = config.maskEmails
        state.deskName = config.station ?? "console"
        state.printStation = config.printStation

        SignalMask.unblockConsoleSignals()
        let terminal: Terminal
        do {
            // Raw: Ctrl-C is a key bound to Quit (it asks first while a job runs, and the demo
            // removes its temporary database); SIGTERM/SIGHUP still restore the terminal.
            terminal = try Terminal(theme: theme, options: Terminal.Options(raw: true))
        } catch {
            throw CLIError.failed("\(error); use the badge CLI commands in scripts")
        }
        defer { terminal.shutdown() }
        if let splash {
            terminal.present(SplashFrame.render(splash, size: terminal.size))
        }
        try warmUp()
        let extra = prepare(&state)
        if let themeProblem {
            _ = update(&state, .operationFailed("Theme: \(themeProblem) — using the default theme"), now: Date())
        }

        let mailbox = Mailbox()
        let pump = NotificationPump(mailbox: mailbox)
        let engine = self.engine
        let pumpTask = try pump.start(engine: engine)
        // Another process's commits (the CLI, another desk) refresh the console too (issue #13).
        let storeChanges = StoreChangeForwarder(store: store, pump: pump, engine: engine)
        storeChanges.start()
        // Several desks: who is online, who syncs (the header).
        let presence = DeskPresenceForwarder(store: store, mailbox: mailbox)
        presence?.start()
        // Print stations' health (issue #16), on every desk.
        let printStations = PrintStationsForwarder(store: store, mailbox: mailbox)
        printStations.start()
        try AsyncBridge.run { await engine.startPolling() }
        defer {
            presence?.stop()
            printStations.stop()
            storeChanges.stop()
            pumpTask.cancel()
            try? AsyncBridge.run { await engine.shutdown() }
        }
        let runner = EffectRunner(store: store, engine: engine, mailbox: mailbox, printer: config.printer,
                                  printStation: config.printStation, desk: config.station ?? "console",
                                  badgeDirectory: badgeDirectory, fontSearchPaths: fontSearchPaths, log: log)
        let loop = ConsoleLoop(terminal: terminal, state: state, runner: runner, mailbox: mailbox, pump: pump,
                               station: config.station ?? "console", scanGapMs: config.scanGapMs)
        log.log(.info, "console started")
        loop.run(initialEffects: state.startEffects + extra)
        log.log(.info, "console closed")
    }
}
