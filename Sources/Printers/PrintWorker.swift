import BadgeCore
import Foundation
import Printing
import Storage

/// Sends print jobs it holds and reports each one to the store (issue #16): the one path every
/// print takes, whether a desk prints on its own printer or a print station prints for desks.
///
/// A job is written `sent` before a byte goes to the printer and `done`/`failed` after, so a
/// worker killed in between leaves a `sent` job the next worker does not send again
/// (`PrintJob.outcomeUnknown`); the operator decides (`BadgeStore.retryPrintJob`).
public final class PrintWorker: @unchecked Sendable {
    public let store: any BadgeStore
    /// This process's worker id (`PrintJob.claimedBy`).
    public let id: String
    public let delivery: BadgeDelivery
    private let fontsLoader: @Sendable () throws -> FontSet
    /// The badge of an event without a template that applies.
    public var fallbackTemplate: @Sendable (_ eventId: Int64) -> BadgeTemplate = { BuiltInTemplates.defaultTemplate(eventId: $0) }
    private let lock = NSLock()
    private var fonts: FontSet?

    public init(store: any BadgeStore, id: String = PrintWorker.newID(), delivery: BadgeDelivery,
                fonts: @escaping @Sendable () throws -> FontSet) {
        self.store = store
        self.id = id
        self.delivery = delivery
        self.fontsLoader = fonts
    }

    public static func newID(prefix: String = "worker") -> String {
        "\(prefix):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// What one job came to.
    public struct Outcome: Sendable {
        public var job: PrintJob
        public var delivered: DeliveredBadge?
        /// The failure in one line (also the job's `reason`).
        public var failure: String?
    }

    /// A desk printing on its own printer: the job is written already `sent` (held by this
    /// worker), then sent and finished. Idempotent on `opId`.
    public func printNow(eventId: Int64, attendeeId: Int64, desk: String, operatorName: String,
                         opId: String = UUID().uuidString.lowercased(), at: Date = Date()) throws -> Outcome {
        let job = try store.enqueuePrintJob(PrintJob(
            eventId: eventId, attendeeId: attendeeId, status: .sent, station: "", printer: delivery.address.description,
            desk: desk, operatorName: operatorName, attempts: 1, claimedBy: id, opId: opId, createdAt: at))
        return try run(job)
    }

    /// Re-sends a desk's own job after `retryPrintJob` put it back in the queue (station "").
    public func resend(jobId: Int64, at: Date = Date()) throws -> Outcome? {
        guard let job = try store.claimPrintJob(station: "", worker: id, printer: delivery.address.description,
                                                jobId: jobId, at: at) else { return nil }
        return try run(job)
    }

    /// Claims the next job of `station` and runs it (nil: the queue is empty).
    public func runNext(station: String, at: Date = Date()) throws -> Outcome? {
        guard let job = try store.claimPrintJob(station: station, worker: id, printer: delivery.address.description,
                                                jobId: nil, at: at) else { return nil }
        return try run(job)
    }

    /// Sends a job this worker holds and writes its end. Store errors propagate (the job stays
    /// `sent`, which is the truth: the outcome is then unknown to the store).
    public func run(_ job: PrintJob) throws -> Outcome {
        guard job.status == .sent, job.claimedBy == id else {
            return Outcome(job: job, delivered: nil, failure: "job \(job.id) is not held by this worker")
        }
        let delivered: DeliveredBadge
        do {
            delivered = try deliver(job)
        } catch {
            let reason = Self.describe(error)
            let failed = try store.finishPrintJob(id: job.id, worker: id, result: .failed(reason: reason), at: Date())
            return Outcome(job: failed, delivered: nil, failure: reason)
        }
        do {
            let done = try store.finishPrintJob(id: job.id, worker: id,
                                                result: .done(templateName: delivered.templateName, output: delivered.output),
                                                at: Date())
            return Outcome(job: done, delivered: delivered, failure: nil)
        } catch {
            // The printer has the badge; the store does not know. Say both, never "not printed".
            throw UnrecordedPrint(jobId: job.id, output: delivered.output, reason: Self.describe(error))
        }
    }

    private func deliver(_ job: PrintJob) throws -> DeliveredBadge {
        guard let attendee = try store.attendee(id: job.attendeeId) else {
            throw PrinterError.encoding("attendee \(job.attendeeId) no longer exists")
        }
        let templates = try store.templates(eventId: attendee.eventId).sorted { $0.id < $1.id }
        let template = TemplateSelector.select(for: attendee, from: templates)
            ?? fallbackTemplate(attendee.eventId)
        return try delivery.deliver(attendee: attendee, template: template, fonts: try loadedFonts(),
                                    fileName: "\(attendee.id)-job\(job.id).pdf")
    }

    private func loadedFonts() throws -> FontSet {
        if let cached = lock.withLock({ fonts }) { return cached }
        let found = try fontsLoader()
        lock.withLock { fonts = found }
        return found
    }

    /// One line, no control characters.
    public static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case let e as PrinterError: text = e.description
        case let e as PrintingError: text = e.description
        case let e as StorageError: text = e.description
        default: text = String(describing: error)
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(300).map(Character.init))
    }
}

/// A badge the printer took whose job the store could not mark done (the store went away in
/// between): the job stays `sent` and shows as of unknown outcome; a reprint is counted.
public struct UnrecordedPrint: Error, Sendable, CustomStringConvertible {
    public let jobId: Int64
    public let output: String
    public let reason: String

    public var description: String {
        "the badge was sent to \(output), but print job \(jobId) could not be recorded (\(reason)); "
            + "badge print-jobs shows it as sent?"
    }
}
