/// Results of background work arrive in bursts (an import reports every page). Before the UI loop
/// applies a batch, actions that only ask for a reload of the same data collapse into one, at
/// the position of the last of them, so the reload sees everything that happened before it.
extension Action {
    /// The batch in order, with repeated `dataChanged` of one event reduced to its last
    /// occurrence. Every other action is kept, in order (results are never dropped).
    public static func coalesced(_ actions: [Action]) -> [Action] {
        var seenChanged = Set<Int64>()
        var kept: [Action] = []
        kept.reserveCapacity(actions.count)
        for action in actions.reversed() {
            if case .dataChanged(let id) = action, !seenChanged.insert(id).inserted { continue }
            kept.append(action)
        }
        return kept.reversed()
    }
}
