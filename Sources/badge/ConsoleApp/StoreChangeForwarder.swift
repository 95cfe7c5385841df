import BadgeCore
import Foundation
import Storage
import Sync

/// Another process's writes (a `badge checkin` in a script, a second desk on the same file) reach
/// the console like the sync engine's own changes: a `StoreChangeWatcher` notices the commit
/// within its interval, and this forwards, through the `NotificationPump` (and its throttle),
/// the event records that changed and a `dataChanged` for every event — the store cannot say
/// which event another process touched, and the console reloads only what it shows.
final class StoreChangeForwarder: @unchecked Sendable {
    private let store: any BadgeStore
    private let pump: NotificationPump
    private let lock = NSLock()
    private var known: [Int64: Event] = [:]
    private var watcher: StoreChangeWatcher?
    /// Reads the shared rate budgets again after another process's commit (a CLI import spends
    /// the same budget as this console: issue #18).
    private let engine: SyncEngine?

    init(store: any BadgeStore, pump: NotificationPump, engine: SyncEngine? = nil) {
        self.store = store
        self.pump = pump
        self.engine = engine
    }

    /// Starts watching; `stop()` ends it.
    func start(interval: TimeInterval = StoreChangeWatcher.defaultInterval) {
        let events = (try? store.events()) ?? []
        lock.withLock { known = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { $1 }) }
        watcher = StoreChangeWatcher(store: store, interval: interval) { [weak self] in self?.storeChanged() }
    }

    func stop() {
        watcher?.stop()
        watcher = nil
    }

    /// Called on the watcher's queue after another connection's commit.
    func storeChanged() {
        guard let events = try? store.events() else { return }
        let changed = lock.withLock { () -> [Event] in
            let changed = events.filter { known[$0.id] != $0 }
            for event in changed { known[event.id] = event }
            return changed
        }
        for event in changed { pump.forward(.eventChanged(event)) }
        for event in events { pump.forward(.dataChanged(eventId: event.id)) }
        if let engine {
            let pump = self.pump
            let providers = Set(events.map(\.provider))
            Task.detached {
                for provider in providers.sorted(by: { $0.rawValue < $1.rawValue }) {
                    if let budget = await engine.budget(provider: provider) { pump.forward(.rateBudget(provider, budget)) }
                }
            }
        }
    }
}
