import Foundation

/// Carries a job, already in the printer's language, to one printer (ARCHITECTURE §2 `Printers`).
///
/// Contract: `send` returns only when every byte was handed to the printer (the socket's peer,
/// the device file, or `lp`'s spooler) and throws a `PrinterError` otherwise, within the
/// transport's timeouts: it never hangs on a printer that is off or stalls. Whether paper came
/// out is the printer's business; a transport that can ask (ZPL `~HS`) does so before sending.
public protocol PrinterTransport: Sendable {
    func send(_ bytes: Data) throws
}
