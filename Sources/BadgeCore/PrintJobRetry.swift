import Foundation

/// What an operator's retry does to a job (the one rule every store applies, SPEC §12).
public enum PrintJobRetry: Sendable, Hashable {
    /// A failed job goes back to the queue as it is (it never printed).
    case requeue
    /// A sent job of unknown outcome is closed as printed (the badge may exist: it counts) and a
    /// new job reprints it, counted as a reprint.
    case reprint
    /// Nothing to retry, in words.
    case refused(String)

    public static func decide(_ job: PrintJob, liveSessions: Set<String>, now: Date) -> PrintJobRetry {
        switch job.status {
        case .failed:
            return .requeue
        case .sent:
            return job.outcomeUnknown(liveSessions: liveSessions, now: now)
                ? .reprint
                : .refused("job \(job.id) is being sent right now; wait for its result")
        case .queued:
            return .refused("job \(job.id) is already queued")
        case .done:
            return .refused("job \(job.id) is done; print the badge again to reprint it")
        }
    }

    /// The reason written on a job of unknown outcome when the operator reprints it.
    public static func unknownOutcomeNote(reprintJob: Int64) -> String {
        "outcome unknown (the sender stopped mid-job); counted as printed, reprinted as job \(reprintJob)"
    }
}
