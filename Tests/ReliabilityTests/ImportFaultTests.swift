import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

extension Reliability {
    /// The fault matrix during an import: each fault injected after the first page landed, the end
    /// state the user sees, then recovery by Retry / Reconnect ending with exactly the provider's
    /// rows, VIP flags and local check-ins intact.
    @Suite(.serialized) struct ImportFaultTests {
        static func fixture(_ fault: ProviderFault, attendees: Int = 1_500) throws -> ReliabilityFixture {
            try ReliabilityFixture(simulator: SimulatorConfig(attendees: attendees, events: 1, seed: 21, latencyMs: 10),
                                   timeout: fault.timeout, checkBodies: true)
        }

        /// Starts the import and returns once its first page is committed.
        static func importStarted(_ f: ReliabilityFixture, _ provider: Provider) async throws -> Event {
            let stream = await f.engine.notifications()
            let event = try await f.startImport(provider)
            for await n in stream { if case .importProgressed = n { break } }
            return event
        }

        @Test(arguments: ProviderFault.transport)
        func faultDuringImport(_ fault: ProviderFault) async throws {
            let f = try Self.fixture(fault)
            let event = try await Self.importStarted(f, fault.provider)
            f.resetCounts()
            if let rule = fault.rule { f.simulator.injectFault(rule) }
            let outcome = await Result { try await f.engine.waitForImport(eventId: event.id) }
            let stopped = try f.event(event.id)
            #expect(f.faultServed, "the fault was never served: the case proves nothing")

            switch fault.expected {
            case .completed:
                if case .failure(let error) = outcome { Issue.record("import failed: \(error)") }
                #expect(stopped.syncStatus == .active)
                try f.expectExact(stopped)
            case .failed(let reason):
                #expect(throws: (any Error).self) { try outcome.get() }
                try expectImportFailed(f, stopped, reason: reason)
                let kept = try LocalWork.record(in: f, event: stopped)
                f.simulator.clearFaults()
                let result = try await f.engine.retry(eventId: event.id)
                #expect(result.syncStatus == .active)
                let done = try f.event(event.id)
                #expect(done.syncStatus == .active && done.lastError == nil)
                try f.expectExact(done)
                #expect(try f.store.importCheckpoint(eventId: event.id) == nil)
                try kept.expectIntact(in: f)
            case .disconnected:
                Issue.record("not a transport fault")
            }
        }

        /// Import failed: PENDING, the alert with the reason, and the rows exactly at the checkpoint.
        func expectImportFailed(_ f: ReliabilityFixture, _ event: Event, reason: String) throws {
            #expect(event.syncStatus == .pending)
            #expect(event.lastError?.contains(reason) == true, "reason: \(event.lastError ?? "nil")")
            let alert = EventAlert.for(event, importRunning: false)
            #expect(alert?.title == "Import failed")
            let rows = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            let checkpoint = try #require(try f.store.importCheckpoint(eventId: event.id))
            #expect(rows == checkpoint.attendeesSoFar)
            #expect(rows > 0 && rows < f.sim.config.attendees, "\(rows) rows: not a partial import")
        }

        @Test func credentialRevokedMidImportDisconnectsAndReconnectEndsExact() async throws {
            let f = try Self.fixture(ProviderFault(name: "revoked", expected: .disconnected), attendees: 3_000)
            let event = try await Self.importStarted(f, .eventbrite)
            f.simulator.revokeCredential(.eventbrite)
            await #expect(throws: ProviderError.self) { _ = try await f.engine.waitForImport(eventId: event.id) }
            let stopped = try f.event(event.id)
            #expect(stopped.syncStatus == .disconnected)
            #expect(EventAlert.for(stopped, importRunning: false)?.title == "Integration disconnected")
            #expect(try f.store.integration(provider: .eventbrite)?.status == .disconnected)
            let kept = try LocalWork.record(in: f, event: stopped)
            // Retry is refused until the integration has a working credential again.
            await #expect(throws: SyncError.self) { try await f.engine.retry(eventId: event.id) }

            f.simulator.restoreCredential(.eventbrite)
            try await f.connect(.eventbrite)
            _ = try await f.engine.reconnect(eventId: event.id)
            _ = try await f.engine.waitForImport(eventId: event.id)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active)
            try f.expectExact(done)
            try kept.expectIntact(in: f)
        }

        @Test func providerEventDeletedMidImportFailsWithTheReasonAndKeepsTheRows() async throws {
            let f = try Self.fixture(ProviderFault(name: "deleted", expected: .failed(reasonContains: "")), attendees: 3_000)
            let event = try await Self.importStarted(f, .eventbrite)
            try f.simulator.deleteEvent(event.externalId)
            await #expect(throws: ProviderError.self) { _ = try await f.engine.waitForImport(eventId: event.id) }
            let stopped = try f.event(event.id)
            try expectImportFailed(f, stopped, reason: "event no longer exists at Eventbrite")
            // Retry cannot bring back a deleted event: it fails again with the same reason, and
            // nothing already imported is dropped.
            let rows = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            await #expect(throws: ProviderError.self) { try await f.engine.retry(eventId: event.id) }
            #expect(try f.event(event.id).lastError == "event no longer exists at Eventbrite")
            #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) == rows)
        }

        @Test func luma429WithAShortRetryAfterIsHonouredAndTheImportCompletes() async throws {
            let f = try Self.fixture(ProviderFault(name: "429", expected: .completed))
            // Luma answers 429 twice mid-import, asking to wait 1 s each time.
            f.recorder.rewriteResponses { response in
                var r = response
                if r.status == 429 { r.headers["Retry-After"] = "1" }
                return r
            }
            let event = try await Self.importStarted(f, .luma)
            f.simulator.injectFault(FaultRule(kind: .status(429, body: nil), next: 2, provider: .luma))
            _ = try await f.engine.waitForImport(eventId: event.id)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active)
            try f.expectExact(done)
            // Honoured: nothing was sent within the second after a 429 (a lower bound, load only
            // makes it later).
            let log = f.recorder.exchanges
            let limited = log.filter { $0.status == 429 }
            #expect(limited.count == 2)
            for hit in limited {
                let tooSoon = log.filter { $0.sent > hit.sent && $0.sent < hit.sent.addingTimeInterval(0.95) }
                #expect(tooSoon.isEmpty, "\(tooSoon.count) requests sent less than 1 s after a 429")
            }
        }

        @Test func lumasTinyRateLimitIsPacedByItsHeadersWithoutA429() async throws {
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 1_000, events: 1, seed: 22),
                                           realSimulatorLimits: true)
            f.simulator.setRateLimit(.luma, limit: 8, windowSeconds: 1)
            let event = try await f.imported(.luma)
            #expect(event.syncStatus == .active)
            #expect(!f.recorder.responseStatuses.contains(429))
            #expect(f.recorder.responseStatuses.count > 16, "too few requests to reach the limit")
            try f.expectExact(event)
        }

        @Test func staleContinuationInTheCheckpointRestartsFromPageOneAndEndsExact() async throws {
            let f = try Self.fixture(ProviderFault(name: "bad continuation", expected: .completed))
            let event = try await Self.importStarted(f, .eventbrite)
            f.simulator.injectFault(FaultRule(kind: .reset, probability: 1, provider: .eventbrite))
            _ = await Result { try await f.engine.waitForImport(eventId: event.id) }
            #expect(try f.event(event.id).syncStatus == .pending)
            // The checkpoint now points at a continuation token Eventbrite no longer accepts (e.g.
            // saved by an older version, or expired while the console was off).
            let checkpoint = try #require(try f.store.importCheckpoint(eventId: event.id))
            var stale = checkpoint
            stale.cursor = "cont:c3RhbGUuMTIz"
            _ = try f.store.applyPage(eventId: event.id, attendees: [], checkpoint: stale, now: Date())
            #expect(try f.store.importCheckpoint(eventId: event.id)?.cursor == stale.cursor)

            f.simulator.clearFaults()
            f.recorder.resetStatuses()
            try await f.engine.retry(eventId: event.id)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active)
            #expect(f.recorder.responseStatuses.contains(400), "the stale token was never sent")
            try f.expectExact(done)
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
