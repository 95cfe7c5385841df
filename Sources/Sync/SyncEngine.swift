import BadgeCore
import Foundation
import Providers
import Storage

/// The heart of live sync (SPEC §2): import jobs with progress and checkpoints, pollers on a
/// timer, manual resync, the four statuses and their recovery. It owns no data: everything it
/// learns goes to the store, page by page, through `AttendeeMerge` (via `BadgeStore.applyPage`).
///
/// Store calls are synchronous SQLite work; they run in the job tasks, not on the actor, so the
/// actor only guards the engine's bookkeeping (running jobs, clients, failure counts).
public actor SyncEngine {
    let store: any BadgeStore
    let makeClient: ProviderClientFactory
    let config: SyncConfig
    let clock: any PolicyClock
    let log: any LogSink

    /// One client per integration, rebuilt when its credential or base URL changes, so the rate
    /// budget is shared by every event of the account.
    var clients: [Int64: (key: String, client: any ProviderClient)] = [:]
    var importTasks: [Int64: Task<SyncResult, any Error>] = [:]
    var resyncTasks: [Int64: Task<SyncResult, any Error>] = [:]
    var pollingTask: Task<Void, Never>?
    /// The poll in flight per event (started by the poller), so an event never polls twice at once.
    var pollTasks: [Int64: Task<Void, Never>] = [:]
    /// Luma periodic full scans in progress, spread over several polls.
    var rollingScans: [Int64: RollingScan] = [:]
    /// Consecutive failures and the next automatic attempt of FAILED events.
    var failures: [Int64: Int] = [:]
    var nextAttemptAt: [Int64: Date] = [:]
    var lastFullScanAt: [Int64: Date] = [:]
    var lastProgressPersist: [Int64: Date] = [:]
    /// Events whose last full resync did not complete (a malformed page, a fault): their retry,
    /// manual or automatic, is a full scan again, not an incremental poll (issue #13).
    var fullScanOwed: Set<Int64> = []
    /// Shared store only: whether this desk led each event at its last check, and when its last
    /// poll started (the poller ticks each second there; polls keep their interval).
    var leadingEvents: [Int64: Bool] = [:]
    var lastPollLaunch: [Int64: Date] = [:]
    private var subscribers: [UUID: AsyncStream<SyncNotification>.Continuation] = [:]

    public init(store: any BadgeStore, clientFactory: @escaping ProviderClientFactory,
                config: SyncConfig = SyncConfig(), clock: any PolicyClock = SystemPolicyClock(),
                log: any LogSink = NullLog()) {
        self.store = store
        self.makeClient = clientFactory
        self.config = config
        self.clock = clock
        self.log = log
    }

    // MARK: - Observing

    /// A stream of every notification from now on. Ends when the engine is shut down.
    public func notifications() -> AsyncStream<SyncNotification> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<SyncNotification>.makeStream(bufferingPolicy: .bufferingNewest(2048))
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    func notify(_ n: SyncNotification) {
        for c in subscribers.values { c.yield(n) }
    }

    /// Stops polling and every running job; ends the notification streams.
    public func shutdown() {
        stopPolling()
        releaseLeads()
        for t in importTasks.values { t.cancel() }
        for t in resyncTasks.values { t.cancel() }
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    // MARK: - State queries

    public func isImporting(eventId: Int64) -> Bool { importTasks[eventId] != nil }
    public func isResyncing(eventId: Int64) -> Bool { resyncTasks[eventId] != nil }
    /// When the engine will next retry a FAILED event by itself.
    public func nextAutomaticRetry(eventId: Int64) -> Date? { nextAttemptAt[eventId] }

    /// The rate budget left of a provider's integration (nil when not connected).
    public func budget(provider: Provider) async -> RateBudgetSnapshot? {
        guard let integration = try? store.integration(provider: provider),
              let client = try? client(for: integration) else { return nil }
        return await client.budget()
    }

    // MARK: - Integrations

    /// Validates a credential with who-am-I and saves the integration CONNECTED with its account
    /// label. The credential is never part of an error.
    @discardableResult
    public func connect(provider: Provider, credential: String, baseURL: String? = nil) async throws -> Integration {
        let url = baseURL ?? Integration.defaultBaseURL(for: provider)
        let existing = try store.integration(provider: provider)
        var candidate = Integration(id: existing?.id ?? 0, provider: provider, status: .connected,
                                    accountLabel: "", credential: credential, baseURL: url,
                                    connectedAt: clock.now())
        let probe = try makeClient(candidate)
        candidate.accountLabel = try await probe.whoAmI()
        let saved = try store.saveIntegration(candidate)
        clients[saved.id] = nil
        log.log(.info, "connected \(provider.rawValue) as \(candidate.accountLabel)")
        return saved
    }

    /// Events the connected account can import.
    public func availableEvents(provider: Provider) async throws -> [ProviderEvent] {
        let integration = try connectedIntegration(provider)
        return try await client(for: integration).availableEvents()
    }

    func connectedIntegration(_ provider: Provider) throws -> Integration {
        guard let integration = try store.integration(provider: provider) else { throw SyncError.noIntegration(provider) }
        guard integration.status == .connected else { throw SyncError.integrationDisconnected(provider) }
        return integration
    }

    func client(for integration: Integration) throws -> any ProviderClient {
        let key = "\(integration.baseURL)\u{0}\(integration.credential)"
        if let cached = clients[integration.id], cached.key == key { return cached.client }
        let made = try makeClient(integration)
        clients[integration.id] = (key, made)
        return made
    }

    func client(for event: Event) throws -> any ProviderClient {
        let integration = try connectedIntegration(event.provider)
        return try client(for: integration)
    }

    func loadEvent(_ id: Int64) throws -> Event {
        guard let event = try store.event(id: id) else { throw SyncError.unknownEvent(id) }
        return event
    }

    /// Writes the event and tells observers (with what the store holds: `heldCancellation` is
    /// written by its own call, never from a possibly stale copy).
    func save(_ event: Event) throws {
        try store.updateEvent(event)
        notify(.eventChanged((try? store.event(id: event.id)) ?? event))
    }

    func publishBudget(_ client: any ProviderClient) async {
        notify(.rateBudget(client.provider, await client.budget()))
    }
}
