import Testing
@testable import Printing

/// `~HS` replies as a Zebra sends them (STX line ETX CR LF × 3), read into what a desk shows.
struct ZPLHostStatusTests {
    static func reply(paperOut: Character = "0", paused: Character = "0", headUp: Character = "0",
                      ribbonOut: Character = "0", transfer: Character = "0", remaining: String = "00000000",
                      formats: String = "000") -> [UInt8] {
        let line1 = "030,\(paperOut),\(paused),1245,\(formats),0,0,0,000,0,0,0"
        let line2 = "001,0,\(headUp),\(ribbonOut),\(transfer),2,6,0,\(remaining),1,000"
        let line3 = "1234,0"
        return [line1, line2, line3].flatMap { [0x02] + Array($0.utf8) + [0x03, 0x0D, 0x0A] }
    }

    @Test func aReadyPrinter() throws {
        let status = try ZPLHostStatus.parse(Self.reply(remaining: "00000012", formats: "002"))
        #expect(status.isReady && status.reason == nil)
        #expect(status.labelsRemaining == 12 && status.formatsInBuffer == 2 && status.labelLength == 1245)
    }

    @Test func reasonsMostUrgentFirst() throws {
        #expect(try ZPLHostStatus.parse(Self.reply(paperOut: "1")).reason == "printer out of labels")
        #expect(try ZPLHostStatus.parse(Self.reply(paused: "1")).reason == "printer paused")
        #expect(try ZPLHostStatus.parse(Self.reply(paperOut: "1", headUp: "1")).reason == "printer head open")
        // Ribbon out only matters in thermal-transfer mode (badges are usually direct thermal).
        #expect(try ZPLHostStatus.parse(Self.reply(ribbonOut: "1")).isReady)
        #expect(try ZPLHostStatus.parse(Self.reply(ribbonOut: "1", transfer: "1")).reason == "printer out of ribbon")
    }

    @Test func garbageIsOneLineNeverATrap() {
        for bytes: [UInt8] in [[], Array("hello".utf8), [0x02, 0x41, 0x03], [0x02] + Array("1,2,3".utf8) + [0x03, 0x02, 0x03],
                               Array(Self.reply().prefix(40)), Self.reply(paperOut: "x")] {
            do {
                _ = try ZPLHostStatus.parse(bytes)
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.description.hasPrefix("unreadable printer status: "))
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test func statusQueryOverLoopbackTCP() throws {
        let printer = try LoopbackPrinter(statusReply: Self.reply(paperOut: "1"))
        let reply = try LoopbackPrinter.send(Array("~HS".utf8), to: printer.port, replyBytes: Self.reply().count)
        #expect(try ZPLHostStatus.parse(reply).reason == "printer out of labels")
    }
}
