import BadgeCore
import Testing
@testable import Printing

/// Badges print the desk's corrections (SPEC §13), never the provider's value they replace.
@Suite struct CorrectedFieldsTests {
    @Test func correctedFieldsWinAndACorrectedNameGivesTheFirstAndLastName() {
        var a = Attendee(eventId: 1, providerAttendeeId: "x", name: "John Smith", firstName: "John", lastName: "Smith",
                         company: "Acme", jobTitle: "Engineer")
        #expect(AttendeeField.name.value(for: a) == "John Smith")
        #expect(AttendeeField.pronouns.value(for: a) == "")
        a.corrections = BadgeCorrections(name: "Jon Smyth", company: "ACME Corp", jobTitle: "CTO", pronouns: "he/him")
        #expect(AttendeeField.name.value(for: a) == "Jon Smyth")
        #expect(AttendeeField.firstName.value(for: a) == "Jon")
        #expect(AttendeeField.lastName.value(for: a) == "Smyth")
        #expect(AttendeeField.company.value(for: a) == "ACME Corp")
        #expect(AttendeeField.jobTitle.value(for: a) == "CTO")
        #expect(AttendeeField.pronouns.value(for: a) == "he/him")
        let literal = TextElement(content: .literal("{first_name} ({pronouns})"), box: BadgeBox(x: 0, y: 0, width: 1, height: 1))
        #expect(literal.text(for: a) == "Jon (he/him)")
    }

    @Test func templatesAcceptThePronounsField() throws {
        let layout = try TemplateParser.parse("""
            size 4x3in
            field pronouns x=0 y=0 w=4 h=0.3 size=10
            """)
        guard case .text(let element)? = layout.elements.first else { Issue.record("no text element"); return }
        #expect(element.content == .field(.pronouns))
    }
}
