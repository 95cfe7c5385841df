import Testing
@testable import Printing

/// Brother QL status replies as the printer sends them (32 bytes), read into what a desk shows.
struct BrotherQLStatusTests {
    static func reply(errors1: UInt8 = 0, errors2: UInt8 = 0, width: UInt8 = 62, length: UInt8 = 100,
                      type: UInt8 = 0x0B, status: UInt8 = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes[0] = 0x80; bytes[1] = 0x20; bytes[2] = 0x42; bytes[3] = 0x34; bytes[4] = 0x41  // QL-820NWB-ish
        bytes[8] = errors1; bytes[9] = errors2; bytes[10] = width; bytes[11] = type; bytes[17] = length; bytes[18] = status
        return bytes
    }

    @Test func aReadyPrinterWithItsRoll() throws {
        let dieCut = try BrotherQLLabel.parse("62x100"), continuous = try BrotherQLLabel.parse("62")
        let status = try BrotherQLStatus.parse(Self.reply())
        #expect(status.isReady && status.loadedLabel == "62x100")
        #expect(status.matches(dieCut) == true)
        #expect(status.matches(continuous) == false)
        let tape = try BrotherQLStatus.parse(Self.reply(length: 0, type: 0x0A))
        #expect(tape.loadedLabel == "62" && tape.matches(continuous) == true)
    }

    @Test func reasons() throws {
        #expect(try BrotherQLStatus.parse(Self.reply(errors1: 0x01, status: 2)).reason == "printer has no labels")
        #expect(try BrotherQLStatus.parse(Self.reply(errors1: 0x02)).reason == "printer's label roll ended")
        #expect(try BrotherQLStatus.parse(Self.reply(errors1: 0x01, errors2: 0x10)).reason == "printer cover open")
        #expect(try BrotherQLStatus.parse(Self.reply(errors2: 0x01)).reason == "wrong label roll loaded")
        #expect(try BrotherQLStatus.parse(Self.reply(errors1: 0x04)).reason == "printer's cutter is jammed")
    }

    @Test func theLastStatusOfSeveralCountsAndGarbageIsOneLine() throws {
        let both = Self.reply(errors1: 0x01) + Self.reply()
        #expect(try BrotherQLStatus.parse([0x00, 0x01] + both).isReady)
        #expect(BrotherQLStatus.request.suffix(5) == [0x1B, 0x40, 0x1B, 0x69, 0x53])
        for bytes: [UInt8] in [[], Array(Self.reply().prefix(31)), [UInt8](repeating: 0x80, count: 64)] {
            #expect(throws: ZPLHostStatus.ParseError.self) { try BrotherQLStatus.parse(bytes) }
        }
    }
}
