import Testing
import BadgeCore

@Suite struct TemplateSelectorTests {
    let defaultTemplate = BadgeTemplate(id: 1, eventId: 1, name: "Default", layout: "")
    let speaker = BadgeTemplate(id: 2, eventId: 1, name: "Speaker", ticketNames: ["Speaker", "Keynote"], layout: "")
    let vip = BadgeTemplate(id: 3, eventId: 1, name: "VIP", isVIPVariant: true, layout: "")
    let staff = BadgeTemplate(id: 4, eventId: 1, name: "Staff", ticketNames: ["Staff"], layout: "")

    func attendee(ticket: String?, vip: Bool = false) -> Attendee {
        Attendee(eventId: 1, providerAttendeeId: "a1", name: "Ada Lovelace", ticketName: ticket, vip: vip)
    }

    var all: [BadgeTemplate] { [defaultTemplate, speaker, vip, staff] }

    @Test func vipAttendeeGetsVIPVariantEvenWithMatchingTicket() {
        #expect(TemplateSelector.select(for: attendee(ticket: "Speaker", vip: true), from: all)?.name == "VIP")
    }

    @Test func vipAttendeeWithoutVIPVariantFallsBackToTicketVariant() {
        let templates = [defaultTemplate, speaker]
        #expect(TemplateSelector.select(for: attendee(ticket: "Speaker", vip: true), from: templates)?.name == "Speaker")
    }

    @Test func ticketMatchIsCaseInsensitiveAndTrimmed() {
        #expect(TemplateSelector.select(for: attendee(ticket: "  keynote "), from: all)?.name == "Speaker")
        #expect(TemplateSelector.select(for: attendee(ticket: "STAFF"), from: all)?.name == "Staff")
    }

    @Test func ticketMatchIsExactNotPrefix() {
        #expect(TemplateSelector.select(for: attendee(ticket: "Speaker Dinner"), from: all)?.name == "Default")
        #expect(TemplateSelector.select(for: attendee(ticket: "Speak"), from: all)?.name == "Default")
    }

    @Test func nonVIPNeverGetsVIPVariant() {
        let vipForSpeakers = BadgeTemplate(id: 9, eventId: 1, name: "VIP speakers", ticketNames: ["Speaker"],
                                           isVIPVariant: true, layout: "")
        #expect(TemplateSelector.select(for: attendee(ticket: "Speaker"), from: [vipForSpeakers, defaultTemplate])?.name == "Default")
    }

    @Test func missingTicketGetsDefault() {
        #expect(TemplateSelector.select(for: attendee(ticket: nil), from: all)?.name == "Default")
        #expect(TemplateSelector.select(for: attendee(ticket: ""), from: all)?.name == "Default")
    }

    @Test func noDefaultAndNoMatchGivesNil() {
        #expect(TemplateSelector.select(for: attendee(ticket: "General"), from: [speaker, vip]) == nil)
        #expect(TemplateSelector.select(for: attendee(ticket: "General"), from: []) == nil)
    }

    @Test func firstMatchingVariantWins() {
        let second = BadgeTemplate(id: 5, eventId: 1, name: "Speaker 2", ticketNames: ["speaker"], layout: "")
        #expect(TemplateSelector.select(for: attendee(ticket: "Speaker"), from: [defaultTemplate, speaker, second])?.name == "Speaker")
    }
}
