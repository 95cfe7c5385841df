import Dispatch
import Foundation

/// Tells its owner, within one polling interval, that another connection committed to the store
/// (SPEC §3: the console shows what the CLI or another desk wrote without a key press).
///
/// It polls `BadgeStore.externalChangeCounter()` (SQLite: `PRAGMA data_version`, one cheap read
/// on the store's own connection) on a background queue every `interval`, and calls `onChange`
/// — on that queue — once per tick in which the counter moved. This process's own writes do not
/// move it: their writers (the sync engine, the console's effects) notify already. A failed read
/// (a busy or vanished file) is skipped; the next tick tries again. `stop()` (or releasing the
/// watcher) ends the polling.
public final class StoreChangeWatcher: @unchecked Sendable {
    public static let defaultInterval: TimeInterval = 0.25

    private let store: any BadgeStore
    private let timer: any DispatchSourceTimer
    private let onChange: @Sendable () -> Void
    private var last: Int64?  // touched only on the timer's queue

    /// Starts polling at once (the first read is the baseline, not a change).
    public init(store: any BadgeStore, interval: TimeInterval = StoreChangeWatcher.defaultInterval,
                onChange: @escaping @Sendable () -> Void) {
        self.store = store
        self.onChange = onChange
        let queue = DispatchQueue(label: "badge.store-change-watcher", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        last = try? store.externalChangeCounter()
        let milliseconds = Int(max(0.01, min(interval, 60)) * 1000)
        timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds),
                       leeway: .milliseconds(milliseconds / 10))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
    }

    deinit { timer.cancel() }

    /// Stops polling: no new `onChange` starts after this returns (one already running finishes).
    public func stop() { timer.cancel() }

    private func poll() {
        guard let now = try? store.externalChangeCounter() else { return }
        let changed = last != nil && last != now
        last = now
        if changed { onChange() }
    }
}
