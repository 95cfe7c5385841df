import Foundation

/// A badge field the desk may correct without touching the provider's data (SPEC §13).
/// `pronouns` has no provider value: it exists only as a correction.
public enum BadgeField: String, Sendable, Hashable, CaseIterable {
    case name, company, jobTitle, pronouns

    /// How the card and the CLI name it ("Job title").
    public var label: String {
        switch self {
        case .name: return "Name"
        case .company: return "Company"
        case .jobTitle: return "Job title"
        case .pronouns: return "Pronouns"
        }
    }

    /// The CLI spelling (`--job-title`, `--clear job-title`).
    public var cliName: String {
        switch self {
        case .name: return "name"
        case .company: return "company"
        case .jobTitle: return "job-title"
        case .pronouns: return "pronouns"
        }
    }

    public init?(cliName: String) {
        guard let f = Self.allCases.first(where: { $0.cliName == cliName.lowercased() || $0.rawValue == cliName })
        else { return nil }
        self = f
    }
}

/// The desk's corrections of an attendee's badge fields (console-owned, SPEC §2.4 rule 3): a
/// sync never writes them, so they survive imports, polls, resyncs, reconnects and markMissing.
/// nil = no correction (the provider's value is used).
public struct BadgeCorrections: Sendable, Hashable {
    public var name: String?
    public var company: String?
    public var jobTitle: String?
    public var pronouns: String?

    public init(name: String? = nil, company: String? = nil, jobTitle: String? = nil, pronouns: String? = nil) {
        self.name = name
        self.company = company
        self.jobTitle = jobTitle
        self.pronouns = pronouns
    }

    public subscript(field: BadgeField) -> String? {
        get {
            switch field {
            case .name: return name
            case .company: return company
            case .jobTitle: return jobTitle
            case .pronouns: return pronouns
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .company: company = newValue
            case .jobTitle: jobTitle = newValue
            case .pronouns: pronouns = newValue
            }
        }
    }

    public var isEmpty: Bool { BadgeField.allCases.allSatisfy { self[$0] == nil } }

    /// A correction as stored: trimmed, and blank means "no correction".
    public static func normalized(_ value: String?) -> String? {
        guard let t = value?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
