import BadgeCore
import Foundation
import Providers
import Simulator
import Sync
import Testing

extension Reliability {
    /// The provider's clock disagrees with ours: its `changed` / `registered_at` / `checked_in_at`
    /// stamps are skewed. Polls must still pick up every change made after the import (inclusive
    /// cursors in provider time; the safety margin covers skew only until the first change is seen).
    @Suite struct ClockSkewTests {
        struct Skew: Sendable, CustomTestStringConvertible {
            var provider: Provider
            var seconds: Int
            var testDescription: String { "\(provider.rawValue) \(seconds > 0 ? "+" : "")\(seconds) s" }
        }

        static let cases: [Skew] = [
            Skew(provider: .eventbrite, seconds: -240),   // behind, within the 5-minute margin
            Skew(provider: .eventbrite, seconds: 240),
            Skew(provider: .eventbrite, seconds: -3_600), // an hour behind: beyond the margin
            Skew(provider: .eventbrite, seconds: 3_600),
            Skew(provider: .luma, seconds: -240),
            Skew(provider: .luma, seconds: -3_600),
            Skew(provider: .luma, seconds: 3_600),
        ]

        @Test(arguments: cases)
        func pollsPickUpChangesStampedByASkewedProviderClock(_ skew: Skew) async throws {
            // A live event: its latest registrations and check-ins are minutes old by the provider's
            // own (skewed) clock, so the import sees recent provider times.
            let f = try ReliabilityFixture(simulator: SimulatorConfig(
                attendees: 400, events: 1, seed: 41, referenceDate: Date().addingTimeInterval(Double(skew.seconds))))
            f.simulator.setClockSkew(seconds: skew.seconds)
            let event = try await f.imported(skew.provider)
            for round in 1...2 {
                // Into the next wall-clock second first: the simulator's Luma milliseconds are a hash
                // of second and guest, not monotonic within a second (see the disabled test below).
                try await Self.nextSecond()
                let changes = try ProviderChanges.make(f, event, registrations: 2)
                try await f.engine.poll(eventId: event.id)
                try changes.expectPickedUp(f, try f.event(event.id), "(poll \(round), skew \(skew.seconds) s)")
            }
            #expect(try f.event(event.id).syncStatus == .active)
        }

        /// A manual resync that has to provide the change cursor itself (the event has none) starts
        /// it no later than the provider's newest stamp, so an hour-behind provider clock loses no
        /// change either.
        @Test(arguments: [Provider.eventbrite, .luma])
        func aResyncCursorIsInProviderTime(_ provider: Provider) async throws {
            let f = try ReliabilityFixture(simulator: SimulatorConfig(
                attendees: 300, events: 1, seed: 44, referenceDate: Date().addingTimeInterval(-3_600)))
            f.simulator.setClockSkew(seconds: -3_600)
            let imported = try await f.imported(provider)
            var event = try f.event(imported.id)
            event.syncCursor = nil
            try f.store.updateEvent(event)
            try await f.engine.resync(eventId: event.id)
            #expect(try f.event(event.id).syncCursor != nil)
            try await Self.nextSecond()
            let changes = try ProviderChanges.make(f, event, registrations: 2)
            try await f.engine.poll(eventId: event.id)
            try changes.expectPickedUp(f, try f.event(event.id), "(resync cursor, skew -3600 s)")
        }

        static func nextSecond() async throws {
            let now = Date().timeIntervalSince1970
            try await Task.sleep(nanoseconds: UInt64((now.rounded(.down) + 1.02 - now) * 1e9))
        }

        /// Guests registered in the same second as the watermark (the simulator's milliseconds, like
        /// any provider's clock, are not a strict order) are still picked up by the next poll.
        @Test
        func lumaRegistrationsInTheSameSecondAsTheWatermarkAreNotSkipped() async throws {
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 200, events: 1, seed: 43,
                                                                      referenceDate: Date()))
            let event = try await f.imported(.luma)
            for round in 1...20 {
                let added = try f.simulator.addRegistrations(event: event.externalId, count: 1)
                try await f.engine.poll(eventId: event.id)
                let rows = try f.rows(event.id)
                for id in added { #expect(rows[id] != nil, "round \(round): registration \(id) skipped") }
            }
        }

        @Test(arguments: [Provider.eventbrite, .luma])
        func aQuietEventWithAProviderClockAnHourBehindStillSeesTheFirstChange(_ provider: Provider) async throws {
            // The generated registrations are months old: the import sees no recent provider time.
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 300, events: 1, seed: 42))
            f.simulator.setClockSkew(seconds: -3_600)
            let event = try await f.imported(provider)
            let changes = try ProviderChanges.make(f, event, registrations: 2)
            try await f.engine.poll(eventId: event.id)
            try changes.expectPickedUp(f, try f.event(event.id), "(skew -3600 s)")
        }
    }
}
