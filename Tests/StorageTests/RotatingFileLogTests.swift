import BadgeCore
import Foundation
import Storage
import Testing
import TestSupport

@Suite struct RotatingFileLogTests {
    @Test func logIsPrivateSanitisedAndRotatesAtTheBound() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state/badge/badge.log")
        let log = RotatingFileLog(path: path, maxBytes: 4_000, minimumLevel: .info,
                                  sanitize: { $0.replacingOccurrences(of: "\u{1B}", with: "␛") })
        log.log(.debug, "not written")
        for i in 0..<200 { log.log(.info, "line \(i) \u{1B}[2J padding padding padding") }

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: path + ".1")[.posixPermissions] as? Int) == 0o600)
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let rotated = try String(contentsOfFile: path + ".1", encoding: .utf8)
        #expect(current.utf8.count <= 4_000)
        #expect(rotated.utf8.count <= 4_000)
        #expect(current.contains("line 199"))
        #expect(!current.contains("\u{1B}") && !rotated.contains("\u{1B}"))
        #expect(current.contains("␛[2J"))
        #expect(!current.contains("not written") && !rotated.contains("not written"))
        #expect(!FileManager.default.fileExists(atPath: path + ".2"))
    }
}
