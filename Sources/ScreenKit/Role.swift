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
}
