import Foundation

/// A page that decoded as JSON but is not a page of the list (PROVIDERS.md §2.5), thrown by a
/// page reader: `ProviderHTTP` retries it like a malformed body (a gateway's one-off `{}`), then
/// reports `ProviderError.malformed` with this reason and the URL. Scan-level faults (a cursor
/// cycle, a shrinking total) are `ProviderError.malformed` directly: re-reading one page cannot
/// repair them.
struct MalformedPage: Error, Sendable {
    /// One line, e.g. "page 2 of the orders has no 'orders' list".
    var reason: String

    /// "page 2 of the orders" / "a page of the guest list" when the number is unknown.
    static func page(_ number: Int?, of list: String) -> String {
        number.map { "page \($0) of the \(list)" } ?? "a page of the \(list)"
    }

    static func missingList(_ number: Int?, of list: String, key: String) -> MalformedPage {
        MalformedPage(reason: "\(page(number, of: list)) has no '\(key)' list")
    }

    static func emptyButMore(_ number: Int?, of list: String) -> MalformedPage {
        MalformedPage(reason: "\(page(number, of: list)) is empty but says more follow")
    }
}
