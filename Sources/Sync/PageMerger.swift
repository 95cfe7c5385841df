import BadgeCore
import Foundation
import Storage

/// The import's writer (issue #18): the scan hands each page over with its checkpoint and goes
/// on fetching and decoding the next ones, while a thread of its own merges what has arrived —
/// several pages per transaction within the store's group-commit budget (SPEC §2.4 rule 7).
///
/// - At most `maxQueued` pages wait (the scan waits beyond that): memory stays bounded when the
///   provider is faster than the disk.
/// - Progress is reported for committed pages only (`takeCommitted`), so the bar never shows a
///   page that a crash would lose.
/// - A store error stops the merger; the next `submit` or `finish` rethrows it. `abandon` (the
///   job stopped or was cancelled) drops the pages not yet merged and returns once the thread
///   has written its last transaction: after it, nothing of this import touches the store.
/// - The thread runs while there is work: idle for a second it ends, and the next page starts
///   another. A job that never resumes (its task leaked) leaves no thread behind.
final class PageMerger: @unchecked Sendable {
    private let store: any BadgeStore
    private let eventId: Int64
    private let groupCommit: GroupCommit
    private let maxQueued: Int
    private let now: @Sendable () -> Date
    private let merged: @Sendable ([AttendeeMerge.Outcome]) -> Void

    private let condition = NSCondition()
    private var queue: [(page: PageWrite, progress: ImportProgress)] = []
    private var committed: [ImportProgress] = []
    private var committedOutcomes: [[AttendeeMerge.Outcome]] = []
    private var failure: (any Error)?
    private var closing = false
    private var dropping = false
    /// A writer thread is alive.
    private var running = false
    /// Closed for good: nothing more will be merged.
    private var exited = false
    private var spaceWaiters: [CheckedContinuation<Void, Never>] = []
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    init(store: any BadgeStore, eventId: Int64, groupCommit: GroupCommit, maxQueued: Int = 32,
         now: @escaping @Sendable () -> Date, merged: @escaping @Sendable ([AttendeeMerge.Outcome]) -> Void) {
        self.store = store
        self.eventId = eventId
        self.groupCommit = groupCommit
        self.maxQueued = max(1, maxQueued)
        self.now = now
        self.merged = merged
    }

    /// Starts the writer thread (the caller holds the condition's lock and set `running`).
    private func startThread() {
        let thread = Thread { [self] in run() }
        thread.name = "badge import writer"
        thread.start()
    }

    /// Queues a page (waiting while `maxQueued` pages are queued); rethrows a failed merge.
    func submit(_ page: PageWrite, progress: ImportProgress) async throws {
        while true {
            let accepted: Bool = try withCondition {
                if let failure { throw failure }
                guard queue.count < maxQueued else { return false }
                queue.append((page, progress))
                if running {
                    condition.signal()
                } else {
                    running = true
                    startThread()
                }
                return true
            }
            if accepted { return }
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                condition.lock()
                if queue.count < maxQueued || failure != nil || exited {
                    condition.unlock()
                    waiter.resume()
                } else {
                    spaceWaiters.append(waiter)
                    condition.unlock()
                }
            }
        }
    }

    /// The progress of each page committed since the last call, in page order; hands their
    /// merge outcomes to `merged` on the caller's thread (off the writer's critical path).
    func takeCommitted() -> [ImportProgress] {
        let (progress, outcomes) = withCondition {
            defer {
                committed.removeAll()
                committedOutcomes.removeAll()
            }
            return (committed, committedOutcomes)
        }
        outcomes.forEach(merged)
        return progress
    }

    /// Merges every queued page, then stops; rethrows a failed merge.
    func finish() async throws {
        await stop(dropping: false)
        if let failure = withCondition({ failure }) { throw failure }
    }

    /// Drops the queued pages and waits for the transaction being written, then stops.
    func abandon() async { await stop(dropping: true) }

    private func stop(dropping drop: Bool) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            condition.lock()
            closing = true
            if drop { dropping = true; queue.removeAll() }
            condition.broadcast()
            if exited || !running {
                // No thread: it merged everything queued before it went idle (or never ran).
                exited = true
                let waiters = spaceWaiters
                spaceWaiters.removeAll()
                condition.unlock()
                waiters.forEach { $0.resume() }
                waiter.resume()
            } else {
                exitWaiters.append(waiter)
                condition.unlock()
            }
        }
    }

    private func withCondition<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// The writer thread: takes every queued page, merges them (the store groups them into
    /// transactions), publishes what committed; until closed and drained, dropped or failed.
    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing && failure == nil {
                if !condition.wait(until: Date().addingTimeInterval(1)) && queue.isEmpty && !closing && failure == nil {
                    running = false  // idle: the next page starts another thread
                    condition.unlock()
                    return
                }
            }
            if queue.isEmpty || dropping || failure != nil {
                running = false
                exited = true
                let waiters = spaceWaiters + exitWaiters
                spaceWaiters.removeAll()
                exitWaiters.removeAll()
                condition.unlock()
                waiters.forEach { $0.resume() }
                return
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let freed = spaceWaiters
            spaceWaiters.removeAll()
            condition.unlock()
            freed.forEach { $0.resume() }
            do {
                let outcomes = try store.mergePages(eventId: eventId, pages: batch.map(\.page),
                                                    groupCommit: groupCommit, now: now())
                withCondition {
                    committed += batch.map(\.progress)
                    committedOutcomes += outcomes
                }
            } catch {
                withCondition { failure = error }
            }
        }
    }
}
