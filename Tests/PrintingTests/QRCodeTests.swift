import Foundation
import Testing
@testable import Printing

@Suite struct QRCodeTests {
    /// ISO 18004 / thonky.com worked example: "HELLO WORLD" at 1-M (alphanumeric data codewords).
    @Test func reedSolomonMatchesKnownVector() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(of: data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func byteModeDataCodewords() {
        // 0100 (byte mode) 00000010 (count 2) 'h'=01101000 'i'=01101001 0000 (terminator), then pad.
        let words = QRCode.dataCodewords(Array("hi".utf8), version: 1)
        #expect(words.count == 16)
        #expect(Array(words.prefix(4)) == [0x40, 0x26, 0x86, 0x90])
        #expect(Array(words[4...7]) == [0xEC, 0x11, 0xEC, 0x11])
    }

    @Test func formatBitsForLevelMMatchTheStandardTable() {
        let table = [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                     0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000]
        for mask in 0..<8 { #expect(QRMatrix.formatBits(mask: mask) == table[mask]) }
    }

    @Test func versionBitsForVersion7() {
        #expect(QRMatrix.versionBits(version: 7) == 0b000111110010010100)
    }

    @Test func smallestVersionIsChosen() throws {
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(encoding: "https://lu.ma/check-in/evt-AbCdEf123/gst-XyZ987654321").version == 4)
        #expect(try QRCode(encoding: String(repeating: "x", count: 213)).version == 10)
    }

    @Test func tooLongPayloadIsRefused() {
        #expect(throws: PrintingError.barcodeTooLong(bytes: 214, maximum: 213)) {
            try QRCode(encoding: String(repeating: "x", count: 214))
        }
    }

    @Test func symbolHasFinderPatternsTimingAndFormatInfo() throws {
        let code = try QRCode(encoding: "EB-1234567890")
        let n = code.size
        // Finder patterns: 7×7 dark ring, light ring, 3×3 dark core, light separator.
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for i in 0..<7 {
                #expect(code[ox + i, oy] && code[ox + i, oy + 6] && code[ox, oy + i] && code[ox + 6, oy + i])
            }
            for i in 1..<6 { #expect(!code[ox + i, oy + 1] && !code[ox + 1, oy + i]) }
            #expect(code[ox + 2, oy + 2] && code[ox + 3, oy + 3] && code[ox + 4, oy + 4])
        }
        for i in 8..<(n - 8) {
            #expect(code[i, 6] == (i % 2 == 0))
            #expect(code[6, i] == (i % 2 == 0))
        }
        #expect(code[8, n - 8])  // dark module
        // Format info around the top-left finder reads back as level M with the chosen mask.
        var bits = 0
        for i in 0...5 where code[8, i] { bits |= 1 << i }
        if code[8, 7] { bits |= 1 << 6 }
        if code[8, 8] { bits |= 1 << 7 }
        if code[7, 8] { bits |= 1 << 8 }
        for i in 9..<15 where code[14 - i, 8] { bits |= 1 << i }
        let unmasked = bits ^ 0x5412
        #expect(unmasked >> 13 == 0b00)  // ECC level M
        #expect((unmasked >> 10) & 0b111 == code.mask)
    }

    @Test(.enabled(if: ExternalTool.has("zbarimg"), "zbarimg not installed (zbar-tools): QR decode check skipped"))
    func zbarDecodesTheSymbol() throws {
        for payload in ["https://lu.ma/check-in/evt-Ab12/gst-ÅØ-测试", "1", String(repeating: "EB-9876543210-", count: 7),
                        String((0..<213).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })] {
            try expectDecodes(payload)
        }
    }

    func expectDecodes(_ payload: String) throws {
        let code = try QRCode(encoding: payload)
        let scale = 4, border = 4
        let side = (code.size + 2 * border) * scale
        var pgm = "P1\n\(side) \(side)\n"
        for y in 0..<side {
            let my = y / scale - border
            var row = ""
            for x in 0..<side {
                let mx = x / scale - border
                let isDark = (0..<code.size).contains(mx) && (0..<code.size).contains(my) && code[mx, my]
                row += isDark ? "1 " : "0 "
            }
            pgm += row + "\n"
        }
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("qr.pbm")
        try pgm.write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run(ExternalTool.path("zbarimg")!, ["--raw", "-q", file.path])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == payload)
    }
}
