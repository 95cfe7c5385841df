import Console
import Foundation

/// Results of background work on their way to the UI loop (ARCHITECTURE §3): a lock-protected
/// queue that effect tasks and the notification pump post into and the loop drains between keys.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Action] = []
    private var wake: (@Sendable () -> Void)?

    /// Called after every post (the UI loop wakes up for the result instead of waiting out its
    /// input timeout).
    var onPost: (@Sendable () -> Void)? {
        get { lock.withLock { wake } }
        set { lock.withLock { wake = newValue } }
    }

    func post(_ action: Action) {
        let wake = lock.withLock { () -> (@Sendable () -> Void)? in
            queue.append(action)
            return self.wake
        }
        wake?()
    }

    /// Everything posted so far, in order; repeated `dataChanged` of one event collapse into one
    /// (`Action.coalesced`: the reload it asks for covers them all).
    func drain() -> [Action] {
        let taken = lock.withLock { () -> [Action] in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        return taken.isEmpty ? [] : Action.coalesced(taken)
    }
}
