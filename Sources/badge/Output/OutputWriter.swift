import Foundation

/// Buffered writes to standard output (large CSV exports are written in 64 KB chunks).
final class OutputWriter {
    private var buffer = ""
    private let handle: FileHandle

    init(handle: FileHandle = .standardOutput) {
        self.handle = handle
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 65_536 { flush() }
    }

    func line(_ text: String = "") { write(text + "\n") }

    func json(_ value: JSONValue) { line(value.serialized()) }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    /// A line on standard error (progress, notices); never a secret.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
