import CLibpq
import Foundation
import Storage

/// The change feed of the shared store (SPEC §11 "Live between desks"): a connection of its own
/// that `LISTEN`s on `badge_changes` and counts the notifications other desks' commits send (the
/// schema's triggers send one per changed table and transaction).
///
/// `counter` is what `BadgeStore.externalChangeCounter()` returns; `StoreChangeWatcher` polls it
/// and the console reloads when it moves. When the connection breaks (a server restart, a cut
/// network) the thread reconnects with backoff and then moves the counter once more: whatever
/// happened while it was away is reloaded.
final class PGChangeListener: @unchecked Sendable {
    private let url: String
    private let applicationName: String
    private let lock = NSLock()
    private var count: Int64 = 0
    private var stopped = false
    private var thread: Thread?
    /// The backend of the store's statement connection: notifications it caused are not counted.
    var ownBackend: @Sendable () -> Int32 = { 0 }
    /// Signalled once the first `LISTEN` is in place (`start` waits for it).
    private let listening = DispatchSemaphore(value: 0)
    /// How long `start` waits for the first `LISTEN` before returning anyway.
    static let startTimeout: TimeInterval = 5

    init(url: String, applicationName: String) throws {
        self.url = url
        self.applicationName = applicationName
    }

    var counter: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    private func bump() {
        lock.lock()
        count &+= 1
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Starts the feed and returns once it listens (or after `startTimeout`), so a commit another
    /// desk makes right after the store opened moves the counter instead of going unheard.
    func start() {
        let thread = Thread { [weak self] in self?.runLoop() }
        thread.name = "badge-pg-feed"
        self.thread = thread
        thread.start()
        _ = listening.wait(timeout: .now() + Self.startTimeout)
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private func runLoop() {
        var delay = 0.2
        var first = true
        while !isStopped {
            guard let connection = try? PGConnection(url: url, applicationName: applicationName),
                  (try? connection.execute("LISTEN \(PGSchema.channel)")) != nil
            else {
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 2)
                continue
            }
            delay = 0.2
            if first {
                listening.signal()
            } else {
                bump()  // reconnected: reload whatever was missed
            }
            first = false
            listen(on: connection)
            if !isStopped { bump() }  // lost: the console reloads (and shows the state) now
        }
    }

    /// Waits on the socket (in short slices, so `stop` is noticed) and counts notifications until
    /// the connection breaks.
    private func listen(on connection: PGConnection) {
        guard let handle = connection.handle else { return }
        while !isStopped {
            var fds = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 250)
            if ready < 0 && errno != EINTR { return }
            if ready > 0 {
                guard PQconsumeInput(handle) == 1 else { return }
            } else if PQstatus(handle) != CONNECTION_OK {
                return
            }
            var external = false
            while let note = PQnotifies(handle) {
                if note.pointee.be_pid != ownBackend() { external = true }
                PQfreemem(note)
            }
            if external { bump() }
        }
    }
}
