import Foundation

/// Keys of the Help screen: line and page scrolling, top and bottom, close.
func helpCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let last = HelpView.maxScroll(state)
    let page = max(1, HelpView.visibleRows(height: state.size.height, lineCount: HelpView.lines(state).count) - 1)
    let top = min(state.helpScroll, last)
    switch command {
    case .moveUp: state.helpScroll = max(0, top - 1)
    case .moveDown: state.helpScroll = min(top + 1, last)
    case .pageUp: state.helpScroll = max(0, top - page)
    case .pageDown: state.helpScroll = min(top + page, last)
    case .home: state.helpScroll = 0
    case .end: state.helpScroll = last
    case .back:
        state.pop()
        return ensureVisible(&state)
    default: break
    }
    return []
}
