import Foundation

// The search field's editing and its end when the operator leaves the event (issue #17).

/// Leaves the event view for the screen under it; the search ends with it (opening the event
/// again shows every attendee), the filter stays.
func leaveEventView(_ state: inout AppState) {
    state.eventView?.search = ""
    state.eventView?.searchMode = false
    state.pop()
}

/// Ctrl-W: the text without its last word (and the spaces after it), as in a shell.
func withoutLastWord(_ text: String) -> String {
    var s = Substring(text)
    while s.last?.isWhitespace == true { s.removeLast() }
    while let c = s.last, !c.isWhitespace { s.removeLast() }
    return String(s)
}
