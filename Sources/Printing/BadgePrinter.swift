import Foundation

/// Delivers a rendered badge: writes the PDF to a file, or submits it to a CUPS printer with
/// `lp -d PRINTER` (no network code of our own; CUPS does the rest). `lp` is looked up in
/// /usr/bin, /usr/local/bin and `PATH`; without it printing to a printer fails with a clear
/// message and `--out FILE.pdf` still works.
public struct BadgePrinter: Sendable {
    public enum Destination: Sendable, Equatable {
        case file(String)
        case printer(String)
    }

    /// Absolute path of `lp`, or nil when not installed.
    public let lpPath: String?

    public init(lpPath: String? = BadgePrinter.findLP()) {
        self.lpPath = lpPath
    }

    public static func findLP(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let dirs = ["/usr/bin", "/usr/local/bin"] + (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return dirs.map { $0 + "/lp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes or submits `pdf`; returns the output to record in the print log: the file path,
    /// or `printer:NAME`.
    @discardableResult
    public func deliver(_ pdf: Data, to destination: Destination, title: String = "Badge") throws -> String {
        switch destination {
        case let .file(path):
            do {
                try pdf.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw PrintingError.writeFailed(path: path, reason: (error as NSError).localizedDescription)
            }
            return path
        case let .printer(name):
            try submit(pdf, printer: name, title: title)
            return "printer:\(name)"
        }
    }

    private func submit(_ pdf: Data, printer: String, title: String) throws {
        guard let lpPath else { throw PrintingError.lpNotFound }
        guard !printer.isEmpty, !printer.hasPrefix("-"),
              printer.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "/" }) else {
            throw PrintingError.lpFailed(printer: printer, status: -1, message: "invalid printer name")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("badge-\(UUID().uuidString).pdf")
        do {
            try pdf.write(to: file, options: .atomic)
        } catch {
            throw PrintingError.writeFailed(path: file.path, reason: (error as NSError).localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let safeTitle = String(title.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(60).map(Character.init))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lpPath)
        process.arguments = ["-d", printer, "-t", safeTitle.isEmpty ? "Badge" : safeTitle, file.path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PrintingError.lpNotFound
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let firstLine = String(decoding: message, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw PrintingError.lpFailed(printer: printer, status: process.terminationStatus, message: firstLine)
        }
    }
}
