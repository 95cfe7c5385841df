import Foundation
import BadgeCore

/// The small form over the event view or the card for the desk's own data (SPEC §13): register a
/// walk-in, correct badge fields, edit a note. Pure state; `Update+Form` edits it, `DeskFormView`
/// draws it, submitting returns an effect.
public struct DeskForm: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case walkIn(eventId: Int64)
        case corrections(attendeeId: Int64)
        case note(attendeeId: Int64)
    }

    /// One line of the form: free text, or (with `choices`) one of a list picked with ←/→.
    public struct Field: Sendable, Hashable {
        public var label: String
        public var value: String
        public var required: Bool
        public var choices: [String]
        /// Shown beside the field (the provider's value of a corrected field).
        public var hint: String?
        public var maxLength: Int

        public init(label: String, value: String = "", required: Bool = false, choices: [String] = [],
                    hint: String? = nil, maxLength: Int = 200) {
            self.label = label
            self.value = value
            self.required = required
            self.choices = choices
            self.hint = hint
            self.maxLength = maxLength
        }

        public var isChoice: Bool { !choices.isEmpty }
    }

    public var kind: Kind
    public var title: String
    public var fields: [Field]
    public var focus: Int
    /// Why the last submit was refused (shown in the form).
    public var problem: String?

    public init(kind: Kind, title: String, fields: [Field], focus: Int = 0) {
        self.kind = kind
        self.title = title
        self.fields = fields
        self.focus = focus
        self.problem = nil
    }

    /// Walk-in: name (required), email, company, ticket (one of the event's ticket names).
    public static func walkIn(eventId: Int64, ticketNames: [String]) -> DeskForm {
        DeskForm(kind: .walkIn(eventId: eventId), title: "Walk-in", fields: [
            Field(label: "Name", required: true),
            Field(label: "Email"),
            Field(label: "Company"),
            Field(label: "Ticket", value: ticketNames.first ?? "", choices: ticketNames),
        ])
    }

    /// Badge corrections, filled with the current ones (an empty field = no correction).
    public static func corrections(for a: Attendee) -> DeskForm {
        DeskForm(kind: .corrections(attendeeId: a.id), title: "Correct the badge", fields: BadgeField.allCases.map { f in
            Field(label: f.label, value: a.corrections[f] ?? "",
                  hint: f == .pronouns ? "desk only" : "provider: \(a.providerValue(of: f) ?? "—")")
        })
    }

    /// The attendee's note.
    public static func note(for a: Attendee) -> DeskForm {
        DeskForm(kind: .note(attendeeId: a.id), title: "Note", fields: [
            Field(label: "Note", value: a.notes ?? "", maxLength: 500),
        ])
    }

    /// The value of the field with this label (trimmed; nil when blank).
    public func value(_ label: String) -> String? {
        BadgeCorrections.normalized(fields.first { $0.label == label }?.value)
    }
}
