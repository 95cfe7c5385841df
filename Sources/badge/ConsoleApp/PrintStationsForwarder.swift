import BadgeCore
import Console
import Dispatch
import Foundation
import Storage

/// Print stations' health on every desk (issue #16): every two seconds, reads the stations from
/// the store and tells the console when what it shows changed (online, queue, last error).
final class PrintStationsForwarder: @unchecked Sendable {
    private let store: any BadgeStore
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "badge.print-stations")
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var last: [PrintStationStatus]?

    init(store: any BadgeStore, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
    }

    func start(interval: TimeInterval = 2) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
    }

    private func tick() {
        guard let stations = try? store.printStations(now: Date()).map(PrintStationStatus.init) else { return }
        let changed = lock.withLock { () -> Bool in
            defer { last = stations }
            return last != stations
        }
        if changed { mailbox.post(.printStationsChanged(stations)) }
    }
}
