import BadgeCore
import Foundation
@testable import Simulator
import Testing

@Suite struct DatasetTests {
    static let reference = SimulatorConfig.defaultReferenceDate

    @Test func sameSeedGivesSameDataAndAnotherSeedDiffers() throws {
        let one = ProviderSimulator(config: SimulatorConfig(attendees: 300, events: 2, seed: 42))
        let two = ProviderSimulator(config: SimulatorConfig(attendees: 300, events: 2, seed: 42))
        let other = ProviderSimulator(config: SimulatorConfig(attendees: 300, events: 2, seed: 43))
        #expect(one.eventIds(for: .eventbrite) == two.eventIds(for: .eventbrite))
        #expect(one.eventIds(for: .luma) == two.eventIds(for: .luma))
        #expect(one.eventIds(for: .luma) != other.eventIds(for: .luma))
        for provider in Provider.allCases {
            let event = try #require(one.eventIds(for: provider).first)
            #expect(try one.attendees(event: event) == two.attendees(event: event))
            let otherEvent = try #require(other.eventIds(for: provider).first)
            #expect(try one.attendees(event: event).map(\.name) != other.attendees(event: otherEvent).map(\.name))
        }
    }

    @Test func eventsAndAttendeeCountsFollowTheConfig() throws {
        let sim = ProviderSimulator(config: SimulatorConfig(attendees: 77, events: 3))
        #expect(sim.events(for: .eventbrite).count == 3)
        #expect(sim.events(for: .luma).count == 3)
        for event in sim.events() {
            #expect(event.attendeeCount == 77)
            let ids = try sim.attendees(event: event.externalId).map(\.providerAttendeeId)
            #expect(Set(ids).count == 77)
        }
    }

    @Test func eventbriteDataHasOrdersOfOneToFiveAndEveryStatus() throws {
        let data = SimulatorDataset(seed: 7, eventsPerProvider: 1, attendeesPerEvent: 5_000,
                                    providers: [.eventbrite], reference: Self.reference)
        let event = data.events[0]
        let sizes = Set(event.orders.map(\.count))
        #expect(sizes == [1, 2, 3, 4, 5])
        #expect(event.orders.reduce(0) { $0 + Int($1.count) } == 5_000)
        #expect(event.orders.contains { $0.refunded })
        #expect(event.attendees.contains { $0.cancelled && !$0.refunded })
        #expect(event.attendees.contains { $0.checkedIn })
        let statuses = Set(event.attendees.map { data.eventbriteStatus($0) })
        #expect(statuses == ["Attending", "Checked In", "Not Attending"])
        let tickets = Set(event.attendees.map { data.ticketName($0.ticket) })
        #expect(tickets == ["General Admission", "VIP", "Speaker", "Student", "Founder Pass", "Staff"])
        for a in event.attendees {
            #expect(data.barcode(a, in: event).allSatisfy { $0.isNumber })
        }
    }

    @Test func lumaDataHasEveryApprovalStatusTwoTicketsAndNullNames() throws {
        let data = SimulatorDataset(seed: 7, eventsPerProvider: 1, attendeesPerEvent: 5_000,
                                    providers: [.luma], reference: Self.reference)
        let event = data.events[0]
        #expect(Set(event.attendees.map(\.approval)) == Set(SimAttendee.Approval.allCases))
        #expect(event.attendees.contains { $0.secondTicket != SimAttendee.noTicket })
        #expect(event.attendees.contains { data.fullName($0, in: event) == nil && data.firstName($0, in: event) != nil })
        #expect(event.attendees.contains { data.fullName($0, in: event) == nil && data.firstName($0, in: event) == nil })
        let url = data.checkInURL(event.attendees[0], in: event)
        #expect(url.hasPrefix("https://luma.com/check-in/\(event.externalId)?pk=g-"))
        #expect(data.attendeeId(event.attendees[0], in: event).hasPrefix("gst-"))
    }

    @Test func namesAreInternationalAndIncludeHostileOnes() throws {
        let data = SimulatorDataset(seed: 3, eventsPerProvider: 1, attendeesPerEvent: 20_000,
                                    providers: [.eventbrite], reference: Self.reference)
        let event = data.events[0]
        let names = event.attendees.compactMap { data.fullName($0, in: event) }
        #expect(names.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }) // Cyrillic
        #expect(names.contains { $0.unicodeScalars.contains { (0x0370...0x03FF).contains($0.value) } }) // Greek
        #expect(names.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }) // CJK
        #expect(names.contains { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }) // Arabic
        #expect(names.contains { $0.unicodeScalars.contains { (0x05D0...0x05EA).contains($0.value) } }) // Hebrew
        #expect(names.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect(names.contains { $0.contains("\u{1B}]0;pwned\u{07}") })
        #expect(names.contains { $0.contains("\u{1B}[2J") })
        #expect(names.contains { $0.count > 60 })
    }

    @Test func editsChangeOnlyTheGivenFieldsAndBumpChanged() throws {
        var data = SimulatorDataset(seed: 1, eventsPerProvider: 1, attendeesPerEvent: 3_000,
                                    providers: [.eventbrite], reference: Self.reference)
        let e = data.events[0]
        let cjk = try #require(e.attendees.first { $0.culture != SimAttendee.specialCulture
            && NameBook.cultures[Int($0.culture)].familyFirst })
        let id = data.attendeeId(cjk, in: e)
        let name = data.fullName(cjk, in: e)
        try data.edit(eventId: e.externalId, attendeeId: id, AttendeeEdit(company: "Renamed KK"), now: 2_000_000_000)
        let after = data.events[0].attendees[Int(cjk.index)]
        #expect(data.fullName(after, in: data.events[0]) == name)
        #expect(data.company(after, in: data.events[0]) == "Renamed KK")
        #expect(after.changed == 2_000_000_000)
        #expect(data.events[0].orders[Int(after.order)].changed == 2_000_000_000)
        try data.edit(eventId: e.externalId, attendeeId: id, AttendeeEdit(name: "Ada Lovelace"), now: 2_000_000_001)
        let renamed = data.events[0].attendees[Int(cjk.index)]
        #expect(data.fullName(renamed, in: data.events[0]) == "Ada Lovelace")
        #expect(data.firstName(renamed, in: data.events[0]) == "Ada")
        #expect(data.lastName(renamed, in: data.events[0]) == "Lovelace")
        #expect(throws: SimulatorError.self) {
            try data.edit(eventId: e.externalId, attendeeId: "1", AttendeeEdit(company: "x"), now: 0)
        }
    }

    @Test func hostileNamesAreEscapedInJSONAndRoundTrip() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("name", "Evil\u{1B}]0;pwned\u{07} \"q\" \\ \n\u{0}")
        writer.endObject()
        #expect(writer.text.contains("\\u001b"))
        #expect(!writer.text.unicodeScalars.contains { $0.value < 0x20 })
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: String]
        #expect(decoded?["name"] == "Evil\u{1B}]0;pwned\u{07} \"q\" \\ \n\u{0}")
    }

    @Test func isoTimeFormatsAndParsesBothForms() {
        #expect(ISOTime.format(1_540_232_816) == "2018-10-22T18:26:56Z")
        #expect(ISOTime.parse("2018-10-22T18:26:56Z") == 1_540_232_816)
        #expect(ISOTime.parse("2024-06-10T17:29:03.804Z") == ISOTime.parse("2024-06-10T17:29:03Z"))
        #expect(ISOTime.parse("2018-10-22T20:26:56+02:00") == 1_540_232_816)
        #expect(ISOTime.parse("yesterday") == nil)
        #expect(ISOTime.format(-1) == "1969-12-31T23:59:59Z")
        #expect(ISOTime.formatMillis(1_540_232_816, millis: 7) == "2018-10-22T18:26:56.007Z")
    }

    @Test func liveTicksAreDeterministicFromTheSeed() {
        var a = SimulatorDataset(seed: 9, eventsPerProvider: 1, attendeesPerEvent: 100, reference: Self.reference)
        var b = SimulatorDataset(seed: 9, eventsPerProvider: 1, attendeesPerEvent: 100, reference: Self.reference)
        let changesA = (0..<30).compactMap { a.liveTick(now: 2_000_000_000 + Int64($0)) }
        let changesB = (0..<30).compactMap { b.liveTick(now: 2_000_000_000 + Int64($0)) }
        #expect(changesA == changesB)
        #expect(Set(changesA.map(\.kind)) == [.registered, .edited, .cancelled, .checkedIn])
        let added = changesA.filter { $0.kind == .registered }.count
        #expect(a.events.reduce(0) { $0 + $1.attendees.count } == 200 + added)
    }
}
