import BadgeCore
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
    /// or `printer:NAME` (`deliverBadge(_:to:title:).output`).
    @discardableResult
    public func deliver(_ pdf: Data, to destination: Destination, title: String = "Badge") throws -> String {
        try deliverBadge(pdf, to: destination, title: title).output
    }

    /// Writes or submits `pdf` and says which of the two happened.
    public func deliverBadge(_ pdf: Data, to destination: Destination, title: String = "Badge") throws -> PrintOutcome {
        switch destination {
        case let .file(path):
            try Self.writePDF(pdf, to: path)
            return .savedPDF(path: path)
        case let .printer(name):
            try submit(pdf, printer: name, title: title)
            return .printed(queue: name)
        }
    }

    /// Renders `attendee`'s badge with `template` and delivers it: the template's name, where the
    /// badge went, and the characters no font has. Nothing is recorded here (the caller records
    /// the print in the store).
    public func printBadge(attendee: Attendee, template: BadgeTemplate, fonts: FontSet,
                           to destination: Destination) throws -> BadgePrintResult {
        let rendered = try BadgeRenderer.renderBadge(attendee: attendee, template: template, fonts: fonts)
        let outcome = try deliverBadge(rendered.pdf, to: destination, title: "Badge: \(attendee.badgeName)")
        return BadgePrintResult(templateName: template.name, outcome: outcome, missingGlyphs: rendered.missingGlyphs)
    }

    /// Writes the file atomically; a failure is one line that says why (a directory, a missing
    /// folder, no permission) rather than Foundation's "NSCocoaErrorDomain error 512".
    static func writePDF(_ pdf: Data, to path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (fm.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw PrintingError.writeFailed(path: path, reason: "it is a folder; give a file name such as \((path as NSString).appendingPathComponent("badge.pdf"))")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !(fm.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw PrintingError.writeFailed(path: path, reason: "folder \(folder) does not exist")
        }
        do {
            try pdf.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PrintingError.writeFailed(path: path, reason: reason(error, folder: folder.isEmpty ? "." : folder))
        }
    }

    /// The POSIX reason behind a Foundation write error, in words.
    static func reason(_ error: any Error, folder: String) -> String {
        var nsError = error as NSError
        while nsError.domain != NSPOSIXErrorDomain, let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            nsError = underlying
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(truncatingIfNeeded: nsError.code))).lowercased()
        }
        if !FileManager.default.isWritableFile(atPath: folder) { return "no permission to write in \(folder)" }
        let text = (error as NSError).localizedDescription.split(whereSeparator: \.isNewline).first.map(String.init)
        return text ?? "write failed"
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
