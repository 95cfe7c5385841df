import Foundation
import Testing
import BadgeCore

@Suite struct EntityTests {
    @Test func credentialsAreRedactedToTheLastFour() {
        let i = Integration(provider: .eventbrite, accountLabel: "Ada", credential: "SECRETTOKEN3f9a", baseURL: "x")
        #expect(i.redactedCredential == "••••3f9a")
        #expect(!i.redactedCredential.contains("SECRET"))
        #expect(Integration.redact("short") == "••••")
    }

    @Test func accessCodesAreSixUppercaseAlphanumerics() {
        for _ in 0..<200 {
            let code = AccessCode.generate()
            #expect(AccessCode.isValid(code), "\(code)")
        }
        #expect(!AccessCode.isValid("abc123"))
        #expect(!AccessCode.isValid("ABC12"))
    }

    @Test func providerAndRoleParseCaseInsensitively() {
        #expect(Provider(name: "Eventbrite") == .eventbrite)
        #expect(Provider(name: "LUMA") == .luma)
        #expect(Provider(name: "meetup") == nil)
        #expect(Role(name: "staff") == .staff)
        #expect(Role(name: "ADMIN") == .admin)
    }

    @Test func qualifiedEventIdAndTicketLabel() {
        let e = Event(provider: .eventbrite, externalId: "51660376577", name: "Conf", accessCode: "ABC123")
        #expect(e.qualifiedId == "eventbrite:51660376577")
        let a = Attendee(eventId: 1, providerAttendeeId: "g", name: "N", ticketName: "VIP", extraTickets: 1)
        #expect(a.ticketLabel == "VIP +1")
    }

    @Test func importProgressRateFractionAndETA() {
        let start = Date(timeIntervalSince1970: 0)
        let p = ImportProgress(pagesDone: 25, pagesTotal: 100, attendeesSoFar: 2500, startedAt: start)
        let now = start.addingTimeInterval(10)
        #expect(p.rate(now: now) == 250)
        #expect(p.fraction == 0.25)
        #expect(p.eta(now: now) == 30)
        let unknown = ImportProgress(pagesDone: 3, attendeesSoFar: 150, startedAt: start)
        #expect(unknown.fraction == nil)
        #expect(unknown.eta(now: now) == nil)
    }
}
