/// Where a print job is (SPEC §12): `queued` → `sent` → `done`, or `failed` with the reason.
///
/// `sent` means a worker (a desk or a print station) took the job and is talking to the printer.
/// A `sent` job whose worker is gone is of unknown outcome: the badge may or may not have come
/// out, so it is never sent again by itself (`PrintJob.outcomeUnknown`).
public enum PrintJobStatus: String, Sendable, Hashable, CaseIterable {
    case queued = "QUEUED"
    case sent = "SENT"
    case done = "DONE"
    case failed = "FAILED"

    /// Lower case, as `badge print-jobs` shows it and its JSON spells it.
    public var word: String { rawValue.lowercased() }
}
