import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

extension Reliability {
    /// The mass-cancellation guard (issue #13): a complete-looking full scan that no longer
    /// returns more than the threshold of an event's attending rows cancels no one; the event
    /// shows how many and why until an admin confirms (the drop is applied) or a retry finds the
    /// list whole again. Within the threshold the drop applies as before (SPEC §2.4 rule 5).
    @Suite(.serialized) struct HeldCancellationTests {
        static func fixture(threshold: Double = 10) throws -> ReliabilityFixture {
            try ReliabilityFixture(simulator: SimulatorConfig(attendees: 300, events: 1, seed: 41),
                                   config: SyncConfig(failureBackoff: 0.2, maxBackoff: 1, massCancelThreshold: threshold))
        }

        /// Provider ids of attending rows to make vanish: `share` of them, whole orders on Eventbrite.
        static func vanishing(_ f: ReliabilityFixture, _ event: Event, share: Double) throws -> (ids: Set<String>, attending: Int) {
            let provider = try f.simulator.attendees(event: event.externalId)
            let attending = provider.filter { $0.status == .attending }
            var ids = Set<String>()
            let wanted = Int((Double(attending.count) * share).rounded())
            // Spread over the list (every k-th attending row), so no page empties out.
            let step = max(1, Int(1 / max(share, 0.01)))
            for (i, a) in attending.enumerated() where i % step == 0 && ids.count < wanted {
                // Whole orders: every attendee of an order vanishes with it.
                let mates = event.provider == .eventbrite && a.orderId != nil
                    ? provider.filter { $0.orderId == a.orderId }.map(\.providerAttendeeId) : [a.providerAttendeeId]
                ids.formUnion(mates)
            }
            return (ids, attending.count)
        }

        static func notAttending(_ f: ReliabilityFixture, _ event: Event) throws -> Int {
            try f.store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .notAttending))
        }

        @Test(arguments: Provider.allCases)
        func aResyncThatWouldCancelTooManyIsHeldThenConfirmed(_ provider: Provider) async throws {
            let f = try Self.fixture()
            let event = try await f.imported(provider)
            let kept = try LocalWork.record(in: f, event: event)
            let (gone, _) = try Self.vanishing(f, event, share: 0.5)
            let goneAttending = try f.rowList(event.id).filter { gone.contains($0.providerAttendeeId) && $0.status == .attending }.count
            let attendingBefore = try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) - Self.notAttending(f, event)
            let tamper = PageTamper(provider: provider, dropping: gone)
            tamper.install(on: f)

            // Over the threshold: nobody cancelled, the event says how many and why.
            do {
                try await f.engine.resync(eventId: event.id)
                Issue.record("the resync applied a mass cancellation")
            } catch SyncError.cancellationsHeld(let id, let held) {
                #expect(id == event.id)
                #expect(held.count == goneAttending)
                #expect(held.attending == attendingBefore)
            }
            let held = try f.event(event.id)
            #expect(held.syncStatus == .active, "the guard keeps live sync running")
            let hold = try #require(held.heldCancellation)
            #expect(hold.summary == "Resync would cancel \(goneAttending) of \(attendingBefore) attendees "
                    + "(\(Int((Double(goneAttending) * 100 / Double(attendingBefore)).rounded())) %) — not applied")
            #expect(EventAlert.for(held, importRunning: false) == .cancellationsHeld(hold))
            try f.expectExact(held, "a held resync changed statuses")
            #expect(try f.rowList(event.id).allSatisfy { !$0.missingFromProvider })
            // The hold survives a restart (it is in the database, not in memory).
            let reopened = try SQLiteStore.open(path: f.dbPath)
            #expect(try reopened.event(id: event.id)?.heldCancellation == hold)
            // Polls go on and do not clear it; they never cancel the vanished rows either.
            _ = try await f.engine.poll(eventId: event.id)
            #expect(try f.event(event.id).heldCancellation == hold)
            try f.expectExact(try f.event(event.id))

            // The admin confirms: the scan runs again and applies the drop.
            let result = try await f.engine.confirmMassCancellation(eventId: event.id)
            #expect(result.counts.cancelled == goneAttending)
            let confirmed = try f.event(event.id)
            #expect(confirmed.heldCancellation == nil)
            #expect(confirmed.syncStatus == .active)
            #expect(EventAlert.for(confirmed, importRunning: false) == nil)
            let rows = try f.rows(event.id)
            for id in gone { #expect(rows[id]?.status == .notAttending && rows[id]?.missingFromProvider == true) }
            #expect(rows.values.filter { $0.status == .notAttending && !gone.contains($0.providerAttendeeId) }.count
                    == (try f.providerView(event.externalId)).values.filter { $0.status == .notAttending && !gone.contains($0.providerAttendeeId) }.count)
            try kept.expectIntact(in: f)
            await #expect(throws: SyncError.nothingHeld(event.id)) { try await f.engine.confirmMassCancellation(eventId: event.id) }
        }

        @Test func aRetryAfterTheListRecoversClearsTheHoldAndCancelsNoOne() async throws {
            let f = try Self.fixture()
            let event = try await f.imported(.eventbrite)
            // A complete-looking empty list: the issue's "150 of 150".
            let tamper = PageTamper(provider: .eventbrite, shape: .completeButEmpty)
            tamper.install(on: f)
            await #expect(throws: SyncError.self) { try await f.engine.resync(eventId: event.id) }
            let hold = try #require(try f.event(event.id).heldCancellation)
            #expect(hold.percent == 100)
            #expect(EventAlert.for(try f.event(event.id), importRunning: false)?.reason.contains("(100 %) — not applied") == true)
            try f.expectExact(try f.event(event.id))

            tamper.stop(on: f)
            let result = try await f.engine.retry(eventId: event.id)
            #expect(result.counts.cancelled == 0)
            let clear = try f.event(event.id)
            #expect(clear.heldCancellation == nil)
            #expect(EventAlert.for(clear, importRunning: false) == nil)
            try f.expectExact(clear)
        }

        @Test func aDropWithinTheThresholdIsApplied() async throws {
            let f = try Self.fixture()
            let event = try await f.imported(.eventbrite)
            let (gone, _) = try Self.vanishing(f, event, share: 0.04)
            try #require(!gone.isEmpty)
            let goneAttending = try f.rowList(event.id).filter { gone.contains($0.providerAttendeeId) && $0.status == .attending }.count
            PageTamper(provider: .eventbrite, dropping: gone).install(on: f)
            let result = try await f.engine.resync(eventId: event.id)
            #expect(result.counts.cancelled == goneAttending)
            #expect(try f.event(event.id).heldCancellation == nil)
            let rows = try f.rows(event.id)
            for id in gone { #expect(rows[id]?.status == .notAttending) }
        }

        @Test func theThresholdIsConfigurable() async throws {
            // 30 % gone: applied under a 50 % threshold…
            let lenient = try Self.fixture(threshold: 50)
            let event = try await lenient.imported(.luma)
            let (gone, _) = try Self.vanishing(lenient, event, share: 0.3)
            PageTamper(provider: .luma, dropping: gone).install(on: lenient)
            let applied = try await lenient.engine.resync(eventId: event.id)
            #expect(applied.counts.cancelled > 0)
            #expect(try lenient.event(event.id).heldCancellation == nil)

            // …and at 0 % a single vanished attendee is held.
            let strict = try Self.fixture(threshold: 0)
            let other = try await strict.imported(.luma)
            let one = try #require(try strict.rowList(other.id).first { $0.status == .attending })
            PageTamper(provider: .luma, dropping: [one.providerAttendeeId]).install(on: strict)
            await #expect(throws: SyncError.self) { try await strict.engine.resync(eventId: other.id) }
            #expect(try strict.event(other.id).heldCancellation?.count == 1)
            #expect(try strict.store.attendee(id: one.id)?.status == .attending)
        }
    }
}
