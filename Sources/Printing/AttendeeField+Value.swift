import BadgeCore

extension AttendeeField {
    /// The text this field shows for `attendee` ("" hides the element). `first_name`/`last_name`
    /// fall back to the first word / the rest of `name` when the provider sent no split name.
    /// The desk's badge corrections win (SPEC §13): a corrected name also gives the first and
    /// last name (its first word and the rest).
    func value(for attendee: Attendee, ribbonText: String = "VIP") -> String {
        // Split only a bounded prefix of the name: a first word is never 20 000 characters long.
        var words: [String] {
            BadgeTextLimit.limited(attendee.badgeName).split(separator: " ", maxSplits: 1).map(String.init)
        }
        let corrected = attendee.corrections.name != nil
        switch self {
        case .name: return attendee.badgeName
        case .firstName: return (corrected ? nil : nonEmpty(attendee.firstName)) ?? words.first ?? ""
        case .lastName: return (corrected ? nil : nonEmpty(attendee.lastName)) ?? words.dropFirst().first ?? ""
        case .company: return attendee.badgeCompany ?? ""
        case .jobTitle: return attendee.badgeJobTitle ?? ""
        case .pronouns: return attendee.pronouns ?? ""
        case .ticketName: return attendee.ticketName ?? ""
        case .vipRibbon: return attendee.vip ? ribbonText : ""
        }
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}

extension TextElement {
    /// The element's text for `attendee`: placeholders filled, cut to `BadgeTextLimit`, control
    /// and bidi-override characters removed, whitespace collapsed, optionally upper-cased.
    func text(for attendee: Attendee) -> String {
        var raw: String
        switch content {
        case let .field(field):
            raw = BadgeTextLimit.limited(field.value(for: attendee, ribbonText: ribbonText))
        case let .literal(template):
            raw = template
            for field in AttendeeField.allCases where raw.contains("{\(field.rawValue)}") {
                raw = raw.replacingOccurrences(of: "{\(field.rawValue)}",
                                               with: BadgeTextLimit.limited(field.value(for: attendee)))
            }
            raw = BadgeTextLimit.limited(raw)
        }
        let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.map { scalar -> Unicode.Scalar in
            let v = scalar.value
            let isControl = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
            return isControl ? " " : scalar
        }))
        let collapsed = cleaned.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return uppercase ? collapsed.uppercased() : collapsed
    }
}
