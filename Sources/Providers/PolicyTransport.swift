import Foundation
import BadgeCore

/// An `HTTPTransport` that wraps another with the integration's rate budget and retry policy
/// (ARCHITECTURE §3 "a policy layer wraps it"). Every client owns one; concurrent page fetches
/// share its budget.
///
/// - Before each send it reserves a slot and sleeps (on the injected clock) until the slot, so it
///   never plans above 80 % of the provider's limit. The slot comes from the shared `RateLedger`
///   when one is given (one budget per account for every process on the database, issue #18),
///   else from its own in-memory `RateBudget`. A ledger that fails (the database is unreachable)
///   falls back to the in-memory budget for that request: the sync goes on, paced as before.
/// - 429 and 5xx responses, timeouts and resets are retried up to `RetryPolicy.maxAttempts`
///   sends, with exponential backoff and jitter; `Retry-After` holds every request of the budget.
/// - When retries run out it returns the last response (the client maps it to a
///   `ProviderError`) or, for a failure below HTTP, throws `ProviderError.transient` naming the
///   URL without secrets. A wait longer than `maxWait` throws `ProviderError.rateLimited`.
public final class PolicyTransport: HTTPTransport, @unchecked Sendable {
    /// How a response should be treated.
    public enum Disposition: Sendable, Hashable {
        /// Hand it to the caller (success or a final error).
        case final
        /// Retry with backoff (5xx and the like).
        case transient
        /// Retry after the provider's `Retry-After`, or with backoff when it gave none.
        case rateLimited
    }

    /// Default classification by status: 429 → rate limited, 5xx → transient, else final.
    public static let statusClassifier: @Sendable (HTTPResponse) -> Disposition = { response in
        if response.status == 429 { return .rateLimited }
        if (500...599).contains(response.status) { return .transient }
        return .final
    }

    private let inner: any HTTPTransport
    private let clock: any PolicyClock
    private let retry: RetryPolicy
    private let classify: @Sendable (HTTPResponse) -> Disposition
    private let redactor: SecretRedactor
    private let lock = NSLock()
    private var budget: RateBudget
    private var sent = 0
    private let limit: RateBudget.Limit
    private let shared: (ledger: any RateLedger, account: String)?
    /// Slots of the shared ledger reserved ahead for a burst (`reserve`), and when the last
    /// reservation was made; guarded by `lock`.
    private var stash: SlotStash
    /// Sends under way (guarded by `lock`).
    private var inFlight = 0
    /// Counts the times the transport went idle: a release scheduled for one idle pause is
    /// void once another request starts (guarded by `lock`).
    private var idleGeneration = 0

    /// - Parameters:
    ///   - credential: only used to scrub it from error text, never sent by this type.
    ///   - ledger: the budget shared with other processes, under `account` (`RateAccount.key`);
    ///     nil (or no account): this transport's own in-memory budget.
    public init(wrapping inner: any HTTPTransport, limit: RateBudget.Limit,
                retry: RetryPolicy = .standard, clock: any PolicyClock = SystemPolicyClock(),
                credential: String? = nil, ledger: (any RateLedger)? = nil, account: String? = nil,
                classifier: @escaping @Sendable (HTTPResponse) -> Disposition = PolicyTransport.statusClassifier) {
        self.inner = inner
        self.clock = clock
        self.retry = retry
        self.classify = classifier
        self.redactor = SecretRedactor(credential: credential)
        self.budget = RateBudget(limit: limit)
        self.limit = limit
        self.stash = SlotStash(limit: limit)
        if let ledger, let account { shared = (ledger, account) } else { shared = nil }
        if shared != nil { Self.live.add(self) }
    }

    /// Every transport of the process that keeps a shared budget (weakly), for `settleAll`.
    private static let live = LiveTransports()

    /// Gives back, for every transport of the process, the slots reserved ahead and not used
    /// (requests still in flight keep theirs). A command-line process calls it before it exits,
    /// so the shared budget it leaves behind counts exactly what it sent.
    public static func settleAll() {
        for transport in live.all { transport.releaseUnusedSlotsIfIdle() }
    }

    /// True when the budget is the shared one of a `RateLedger`.
    public var usesSharedBudget: Bool { shared != nil }

    /// Requests actually sent (every attempt counts).
    public var requestCount: Int {
        lock.lock(); defer { lock.unlock() }
        return sent
    }

    /// The budget now: with a ledger, what every process on the database has left, lowered by
    /// what the provider's own headers told this process.
    public func snapshot() -> RateBudgetSnapshot {
        releaseUnusedSlotsIfIdle()
        let now = clock.now()
        let local = lock.withLock { budget.snapshot(now: now) }
        guard let shared, let common = try? shared.ledger.snapshot(account: shared.account, limit: limit, now: now)
        else { return local }
        return Self.combine(common, local)
    }

    /// The shared snapshot, lowered by the local one (server headers, holds not yet shared).
    static func combine(_ common: RateBudgetSnapshot, _ local: RateBudgetSnapshot) -> RateBudgetSnapshot {
        var result = common
        result.remaining = min(common.remaining, local.remaining)
        switch (common.blockedUntil, local.blockedUntil) {
        case (let a?, let b?): result.blockedUntil = max(a, b)
        case (nil, let b?): result.blockedUntil = b
        default: break
        }
        if result.blockedUntil != nil { result.remaining = 0 }
        return result
    }

    /// The retry settings (clients reuse the backoff for malformed pages).
    public var retryPolicy: RetryPolicy { retry }

    /// Sleeps the backoff that follows `attempt` on the policy's clock.
    public func backoff(afterAttempt attempt: Int) async throws {
        try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            inFlight += 1
            idleGeneration += 1
        }
        defer { settleStash() }
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            try await waitForSlot()
            let response: HTTPResponse
            do {
                response = try await inner.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard attempt < retry.maxAttempts else {
                    throw ProviderError.transient(
                        "\(describe(error, request.url)) after \(attempt) attempt\(attempt == 1 ? "" : "s"): "
                        + "\(request.method) \(redactor.describe(request.url))")
                }
                try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
                continue
            }
            let now = clock.now()
            lock.withLock { budget.observe(headers: response, now: now) }
            if let hold = RateBudget.hold(after: response, limit: limit, now: now) { share(block: hold) }
            switch classify(response) {
            case .final:
                return response
            case .transient:
                guard attempt < retry.maxAttempts else { return response }
                try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
            case .rateLimited:
                guard attempt < retry.maxAttempts else { return response }
                let after = response.header("Retry-After").flatMap { RateBudget.parseRetryAfter($0, now: now) }
                // A wait longer than the policy accepts fails this request and holds nothing: the
                // automatic retry waits for it, an operator's R or S may try at once (DECISIONS).
                if let after, after > retry.maxWait { return response }
                // Without Retry-After, back off harder than for a 5xx: the limit is per window.
                let wait = after ?? retry.backoff(afterAttempt: attempt + 2)
                // Every request of the account holds that long, in every process sharing the budget.
                lock.withLock { budget.block(until: now.addingTimeInterval(wait)) }
                share(block: now.addingTimeInterval(wait))
            }
        }
    }

    /// After a send. Slots reserved ahead and not used go back to the shared ledger once the
    /// transport has been idle for `SlotStash.idleRelease` — not at every moment no request is
    /// in flight: an import's pipeline empties for a few milliseconds whenever its writer is
    /// behind, and giving back and reserving again each time was a write queued behind the
    /// import's transactions (issue #18). Reading the budget while idle (`snapshot`) gives them
    /// back at once, so the figure shown is exact.
    private func settleStash() {
        let generation: Int? = lock.withLock {
            inFlight -= 1
            guard inFlight == 0, stash.holdsSlots else { return nil }
            idleGeneration += 1
            return idleGeneration
        }
        guard let generation, shared != nil else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + SlotStash.idleRelease) { [self] in
            releaseUnusedSlots { inFlight == 0 && idleGeneration == generation }
        }
    }

    /// Gives back the slots reserved ahead when no request is in flight.
    private func releaseUnusedSlotsIfIdle() {
        releaseUnusedSlots { inFlight == 0 }
    }

    /// Gives back the stashed slots when `condition` (checked under the lock) holds.
    private func releaseUnusedSlots(when condition: () -> Bool) {
        let unused: [(at: Date, count: Int)] = lock.withLock {
            guard condition(), stash.holdsSlots else { return [] }
            return stash.drain()
        }
        guard let shared else { return }
        for group in unused { try? shared.ledger.release(account: shared.account, at: group.at, count: group.count) }
    }

    /// Tells every process of the account to hold (best effort: this process holds anyway).
    private func share(block until: Date) {
        let unused = lock.withLock { stash.drain() }
        guard let shared else { return }
        for group in unused { try? shared.ledger.release(account: shared.account, at: group.at, count: group.count) }
        try? shared.ledger.block(account: shared.account, until: until)
    }

    private func waitForSlot() async throws {
        let now = clock.now()
        let reservation = reserve(now: now)
        if case .at = reservation { lock.withLock { sent += 1 } }
        switch reservation {
        case .tooFarAway(let wait):
            throw ProviderError.rateLimited(retryAfter: wait)
        case .at(let date):
            let wait = date.timeIntervalSince(now)
            if wait > 0 { try await clock.sleep(seconds: wait) }
        }
    }

    /// A slot from the shared ledger (never before a hold this process knows of), or from the
    /// in-memory budget when there is no ledger or it failed.
    private func reserve(now: Date) -> RateBudget.Reservation {
        if let shared {
            let localHold = lock.withLock { budget.snapshot(now: now).blockedUntil }
            let maxWait = retry.maxWait
            if let localHold, localHold.timeIntervalSince(now) > maxWait {
                return .tooFarAway(wait: localHold.timeIntervalSince(now))
            }
            if localHold == nil, let date = lock.withLock({ stash.take(now: now) }) { return .at(date) }
            let extra = lock.withLock { stash.nextExtra(now: now) }
            if let (reservation, more) = try? shared.ledger.reserve(account: shared.account, limit: limit, now: now,
                                                                    maxWait: maxWait, extra: extra) {
                guard case .at(let date) = reservation else { return reservation }
                lock.withLock { stash.fill(at: date, count: more, now: now) }
                guard let localHold, localHold > date else { return reservation }
                return .at(localHold)
            }
        }
        return lock.withLock { budget.reserve(now: now, maxWait: retry.maxWait) }
    }

    /// What went wrong below HTTP, in words an operator can act on ("could not connect to
    /// host:443: connection refused", "host not found: host", "TLS error with host: …").
    private func describe(_ error: any Error, _ url: URL) -> String {
        let host = redactor.clean(url.host ?? "the server", limit: 120)
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        switch error {
        case TransportError.timedOut: return "timed out"
        case TransportError.connectionLost: return "connection lost"
        case TransportError.cannotConnect: return "could not connect to \(host):\(port): connection refused"
        case TransportError.hostNotFound: return "host not found: \(host)"
        case TransportError.tls(let detail): return "TLS error with \(host): \(redactor.clean(detail, limit: 120))"
        case TransportError.other(let text): return redactor.clean(text, limit: 120)
        default: return redactor.clean(String(describing: error), limit: 120)
        }
    }
}

/// The transports of the process that keep a shared budget, held weakly.
private final class LiveTransports: @unchecked Sendable {
    private struct Weak { weak var transport: PolicyTransport? }
    private let lock = NSLock()
    private var entries: [Weak] = []

    func add(_ transport: PolicyTransport) {
        lock.withLock {
            entries.removeAll { $0.transport == nil }
            entries.append(Weak(transport: transport))
        }
    }

    var all: [PolicyTransport] { lock.withLock { entries.compactMap(\.transport) } }
}
