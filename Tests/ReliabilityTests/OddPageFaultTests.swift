import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// One provider and one odd page shape.
struct OddPageCase: Sendable, CustomTestStringConvertible {
    var provider: Provider
    var shape: OddPage
    var testDescription: String { "\(provider.rawValue): \(shape)" }

    static let all: [OddPageCase] = Provider.allCases.flatMap { p in OddPage.shapes(for: p).map { OddPageCase(provider: p, shape: $0) } }
}

extension Reliability {
    /// Issue #13 item 1: "one odd page counts as a complete scan". Each page shape a provider or
    /// a gateway can answer with HTTP 200 — no list, an empty page that says more follow, a
    /// cursor cycle, a shrinking total, more without a cursor — during an import, a poll and a
    /// full resync, for both providers. Each ends in a clear failure naming the page, cancels no
    /// one, and once the provider answers normally the retry (the user's R or the poller's own)
    /// ends with exactly the provider's attendees.
    @Suite(.serialized) struct OddPageFaultTests {
        static func fixture() throws -> ReliabilityFixture {
            try ReliabilityFixture(simulator: SimulatorConfig(attendees: 600, events: 1, seed: 13),
                                   config: SyncConfig(failureBackoff: 0.2, maxBackoff: 1))
        }

        /// Rows whose status differs from the provider's (a wrongly cancelled attendee shows here).
        static func wrongStatuses(_ f: ReliabilityFixture, _ event: Event) throws -> [String] {
            let provider = try f.providerView(event.externalId)
            return try f.rowList(event.id).compactMap { row in
                guard let p = provider[row.providerAttendeeId] else { return "\(row.providerAttendeeId) not at the provider" }
                return p.status == row.status ? nil : "\(row.providerAttendeeId) \(row.status.rawValue), provider \(p.status.rawValue)"
            }
        }

        @Test(arguments: OddPageCase.all)
        func oddPageDuringImport(_ c: OddPageCase) async throws {
            let f = try Self.fixture()
            let tamper = PageTamper(provider: c.provider, shape: c.shape)
            tamper.install(on: f)
            let event = try await f.startImport(c.provider)
            await #expect(throws: ProviderError.self) { _ = try await f.engine.waitForImport(eventId: event.id) }
            #expect(tamper.served > 0, "the odd page was never served: the case proves nothing")
            let stopped = try f.event(event.id)
            #expect(stopped.syncStatus == .pending, "an import that read an odd page must not be \(stopped.syncStatus)")
            #expect(stopped.lastError?.contains("malformed page:") == true, "reason: \(stopped.lastError ?? "nil")")
            #expect(EventAlert.for(stopped, importRunning: false)?.title == "Import failed")
            #expect(try Self.wrongStatuses(f, stopped).isEmpty)
            let rows = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            #expect(rows < f.sim.config.attendees, "\(rows) rows: the import cannot have read every page")

            tamper.stop(on: f)
            let result = try await f.engine.retry(eventId: event.id)
            #expect(result.syncStatus == .active)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active && done.lastError == nil)
            try f.expectExact(done, "after the retry")
        }

        @Test(arguments: OddPageCase.all)
        func oddPageDuringResync(_ c: OddPageCase) async throws {
            let f = try Self.fixture()
            let event = try await f.imported(c.provider)
            try f.expectExact(event, "after the import")
            let kept = try LocalWork.record(in: f, event: event)
            let tamper = PageTamper(provider: c.provider, shape: c.shape)
            tamper.install(on: f)
            await #expect(throws: ProviderError.self) { try await f.engine.resync(eventId: event.id) }
            #expect(tamper.served > 0, "the odd page was never served: the case proves nothing")
            let failed = try f.event(event.id)
            #expect(failed.syncStatus == .failed)
            #expect(failed.lastError?.contains("malformed page:") == true, "reason: \(failed.lastError ?? "nil")")
            #expect(EventAlert.for(failed, importRunning: false)?.title == "Sync failed")
            // Nobody cancelled: the provider did not change, so the rows are still exactly its list.
            try f.expectExact(failed, "after the failed resync")
            #expect(failed.heldCancellation == nil)

            // The provider answers normally again: the retry is a full scan (not a poll) and exact.
            tamper.stop(on: f)
            f.resetCounts()
            let result = try await f.engine.retry(eventId: event.id)
            #expect(result.syncStatus == .active)
            #expect(result.counts.cancelled == 0)
            #expect(f.simulator.requestCounts().total > 2, "the retry after a broken resync did not scan the list")
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active && done.lastError == nil)
            try f.expectExact(done, "after the retry")
            try kept.expectIntact(in: f)
        }

        @Test(arguments: OddPageCase.all)
        func oddPageDuringPoll(_ c: OddPageCase) async throws {
            let f = try Self.fixture()
            let event = try await f.imported(c.provider)
            let kept = try LocalWork.record(in: f, event: event)
            // Enough new registrations for several pages of changes (Eventbrite changed_since,
            // Luma's newest-first head scan).
            let changes = try ProviderChanges.make(f, event, avoiding: kept, registrations: 400)
            let before = try f.rowList(event.id)
            let tamper = PageTamper(provider: c.provider, shape: c.shape)
            tamper.install(on: f)
            await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
            #expect(tamper.served > 0, "the odd page was never served: the case proves nothing")
            let failed = try f.event(event.id)
            #expect(failed.syncStatus == .failed)
            #expect(failed.lastError?.contains("malformed page:") == true, "reason: \(failed.lastError ?? "nil")")
            #expect(EventAlert.for(failed, importRunning: false)?.title == "Sync failed")
            #expect(try f.rowList(event.id) == before, "a failed poll changed rows")
            #expect(failed.syncCursor == event.syncCursor, "a failed poll moved the change cursor past what it never read")

            // The poller's own backoff retry, once the provider answers normally, picks up everything.
            tamper.stop(on: f)
            let due = try #require(await f.engine.nextAutomaticRetry(eventId: event.id))
            try await Task.sleep(nanoseconds: UInt64(max(0, due.timeIntervalSinceNow + 0.05) * 1e9))
            await f.engine.pollDueEvents()
            let recovered = try f.event(event.id)
            #expect(recovered.syncStatus == .active, "\(recovered.syncStatus): \(recovered.lastError ?? "")")
            try changes.expectPickedUp(f, recovered)
            // Luma edits of older guests wait for a full scan (SPEC §2.5): run one to compare all.
            if c.provider == .luma { try await f.engine.resync(eventId: event.id) }
            try f.expectExact(try f.event(event.id), "after the automatic retry")
            try kept.expectIntact(in: f)
        }
    }
}
