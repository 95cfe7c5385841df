import Foundation
import Storage

/// `badge db copy` / `badge backup` progress on stderr: a plain line at most every 2 seconds, so
/// a small copy prints nothing and a large one shows it is moving; a resumed table says so once.
final class CopyProgressPrinter {
    private var lastLine = Date()
    private let interval: TimeInterval

    init(interval: TimeInterval = 2) { self.interval = interval }

    func show(_ progress: DatabaseCopier.Progress) {
        switch progress {
        case .table(let name, let total, let present):
            if present > 0 && present < total {
                OutputWriter.note("\(name): \(present) of \(total) rows are already in the target; continuing")
            }
        case .batch(let name, let done, let total):
            let now = Date()
            guard now.timeIntervalSince(lastLine) >= interval else { return }
            lastLine = now
            OutputWriter.note("copying \(name): \(done) of \(total) rows")
        case .verifying:
            if Date().timeIntervalSince(lastLine) >= interval { OutputWriter.note("verifying…") }
        }
    }
}
