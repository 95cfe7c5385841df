/// Semantic colour roles (ARCHITECTURE §3): views name a role, themes map roles to colours.
/// Never a raw colour in a view; never colour alone to carry meaning.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case normal
    case title
    case header
    case border
    case selection
    case statusOK
    case statusWarn
    case statusError
    case vip
    case checkedIn
    case dim
    case keyHint
    case button
    case buttonDisabled
    case input
    case alert
    case progress
    case accent
    /// The scan verdict bands (SPEC §10): full width, with symbol and word as well.
    case verdictOK
    case verdictWarn
    case verdictError
}

extension Role {
    /// One character per role for role snapshots in tests (`ScreenBuffer.roleLines`).
    public var code: Character {
        switch self {
        case .normal: return "."
        case .title: return "T"
        case .header: return "H"
        case .border: return "b"
        case .selection: return "S"
        case .statusOK: return "o"
        case .statusWarn: return "w"
        case .statusError: return "e"
        case .vip: return "V"
        case .checkedIn: return "C"
        case .dim: return "d"
        case .keyHint: return "k"
        case .button: return "B"
        case .buttonDisabled: return "x"
        case .input: return "I"
        case .alert: return "A"
        case .progress: return "P"
        case .accent: return "a"
        case .verdictOK: return "G"
        case .verdictWarn: return "W"
        case .verdictError: return "E"
        }
    }
}
