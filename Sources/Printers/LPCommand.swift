import Foundation

/// `lp` (CUPS) as a transport: `lp -d QUEUE -o raw` for a printer's own language (`cups-raw:`),
/// plain `lp -d QUEUE` for a PDF (`cups:`). The bytes go through a private temporary file; the
/// job title is stripped of control characters. Errors are `lp`'s first line.
public struct LPCommand: PrinterTransport {
    public let queue: String
    public let raw: Bool
    public let title: String
    public let lpPath: String?

    public init(queue: String, raw: Bool, title: String = "Badge", lpPath: String? = LPCommand.find()) {
        self.queue = queue
        self.raw = raw
        self.title = title
        self.lpPath = lpPath
    }

    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let dirs = ["/usr/bin", "/usr/local/bin"] + (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return dirs.map { $0 + "/lp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func send(_ bytes: Data) throws {
        guard let lpPath else { throw PrinterError.lp(queue: queue, reason: "lp is not installed (apt install cups-client)") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("badge-\(UUID().uuidString).\(raw ? "bin" : "pdf")")
        do {
            try bytes.write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        } catch {
            throw PrinterError.lp(queue: queue, reason: "cannot write a temporary file: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let safeTitle = String(title.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(60).map(Character.init))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lpPath)
        process.arguments = ["-d", queue, "-t", safeTitle.isEmpty ? "Badge" : safeTitle] + (raw ? ["-o", "raw"] : []) + [file.path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PrinterError.lp(queue: queue, reason: "cannot run \(lpPath)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = String(decoding: message, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
            throw PrinterError.lp(queue: queue, reason: first ?? "exit status \(process.terminationStatus)")
        }
    }
}
