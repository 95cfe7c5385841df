import Foundation
import Testing
@testable import Printing

@Suite struct BadgePrinterTests {
    let pdf = Data("%PDF-1.7\n%%EOF\n".utf8)

    /// A stand-in `lp` that records its arguments and the submitted file, then exits with `status`.
    func fakeLP(in dir: URL, status: Int32 = 0, message: String = "") throws -> String {
        let script = dir.appendingPathComponent("lp")
        let log = dir.appendingPathComponent("args.txt").path
        let copy = dir.appendingPathComponent("submitted.pdf").path
        try """
        #!/bin/sh
        printf '%s\\n' "$@" > '\(log)'
        for last in "$@"; do :; done
        cp "$last" '\(copy)'
        [ -n '\(message)' ] && echo '\(message)' >&2
        exit \(status)
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func writesToAFile() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("badge.pdf").path
        let output = try BadgePrinter(lpPath: nil).deliver(pdf, to: .file(path))
        #expect(output == path)
        #expect(FileManager.default.contents(atPath: path) == pdf)
    }

    @Test func unwritablePathIsAClearError() {
        #expect(throws: PrintingError.self) {
            try BadgePrinter(lpPath: nil).deliver(pdf, to: .file("/nonexistent-dir/badge.pdf"))
        }
    }

    @Test func submitsToCUPSWithLP() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let printer = BadgePrinter(lpPath: try fakeLP(in: dir))
        let output = try printer.deliver(pdf, to: .printer("Front_Desk"), title: "Badge: Ada")
        #expect(output == "printer:Front_Desk")
        let args = try String(contentsOf: dir.appendingPathComponent("args.txt"), encoding: .utf8).split(separator: "\n")
        #expect(Array(args.prefix(4)) == ["-d", "Front_Desk", "-t", "Badge: Ada"])
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent("submitted.pdf").path) == pdf)
        #expect(!FileManager.default.fileExists(atPath: String(args.last!)))  // temporary file removed
    }

    @Test func lpFailureCarriesItsMessage() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let printer = BadgePrinter(lpPath: try fakeLP(in: dir, status: 1, message: "lp: The printer or class does not exist."))
        #expect(throws: PrintingError.lpFailed(printer: "Nope", status: 1, message: "lp: The printer or class does not exist.")) {
            try printer.deliver(pdf, to: .printer("Nope"))
        }
    }

    @Test func missingLPSaysWhatToInstall() {
        #expect(throws: PrintingError.lpNotFound) { try BadgePrinter(lpPath: nil).deliver(pdf, to: .printer("Front")) }
        #expect(PrintingError.lpNotFound.description == "lp not found: install cups-client or use --out FILE.pdf")
    }

    @Test func optionLikePrinterNameIsRefused() {
        #expect(throws: PrintingError.self) { try BadgePrinter(lpPath: "/bin/true").deliver(pdf, to: .printer("-h")) }
    }
}
