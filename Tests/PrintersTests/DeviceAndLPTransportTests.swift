import Foundation
@testable import Printers
import Testing
import TestSupport

/// The device-file and `lp -o raw` transports: the bytes arrive as they are; failures are one
/// line that says what to do.
@Suite struct DeviceAndLPTransportTests {
    @Test func aDeviceFileGetsTheJob() throws {
        let dir = try TemporaryDirectory(prefix: "badge-device")
        defer { dir.remove() }
        let path = dir.file("lp0")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let job = Data("^XA^FDHi^FS^XZ".utf8)
        try DeviceFileTransport(path: path).send(job)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == job)
    }

    @Test func aMissingDeviceSaysIsThePrinterPluggedIn() {
        #expect(throws: PrinterError.device(path: "/dev/usb/nonexistent-lp9",
                                            reason: "no such device (is the printer plugged in and switched on?)")) {
            try DeviceFileTransport(path: "/dev/usb/nonexistent-lp9").send(Data("x".utf8))
        }
    }

    /// A stand-in `lp` that records its arguments and the file it was given.
    func fakeLP(in dir: TemporaryDirectory, exit status: Int32 = 0, message: String = "") throws -> String {
        let script = dir.file("lp")
        let record = dir.file("record")
        try """
        #!/bin/sh
        printf '%s\\n' "$@" > '\(record).args'
        for last; do :; done
        cat "$last" > '\(record).data'
        [ -n '\(message)' ] && echo '\(message)' >&2
        exit \(status)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return script
    }

    @Test func cupsRawSendsThePrintersLanguageWithDashORaw() throws {
        let dir = try TemporaryDirectory(prefix: "badge-lp")
        defer { dir.remove() }
        let lp = try fakeLP(in: dir)
        let job = Data([0x1B, 0x40, 0x00, 0xFF])
        try LPCommand(queue: "Zebra", raw: true, title: "Badge: Ada\u{1B}[2J", lpPath: lp).send(job)
        let args = try String(contentsOfFile: dir.file("record.args"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Array(args.prefix(6)) == ["-d", "Zebra", "-t", "Badge: Ada[2J", "-o", "raw"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("record.data"))) == job)
    }

    @Test func lpsRefusalIsItsFirstLine() throws {
        let dir = try TemporaryDirectory(prefix: "badge-lp")
        defer { dir.remove() }
        let lp = try fakeLP(in: dir, exit: 1, message: "lp: The printer or class does not exist.")
        #expect(throws: PrinterError.lp(queue: "Nope", reason: "lp: The printer or class does not exist.")) {
            try LPCommand(queue: "Nope", raw: true, lpPath: lp).send(Data("x".utf8))
        }
        #expect(throws: PrinterError.lp(queue: "Q", reason: "lp is not installed (apt install cups-client)")) {
            try LPCommand(queue: "Q", raw: true, lpPath: nil).send(Data("x".utf8))
        }
    }
}
