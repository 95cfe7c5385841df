import Foundation
@testable import Printers
import Testing
import TestSupport

/// The raw TCP transport against the fake printer's faults: each ends in one line that says
/// what happened, within the timeouts.
@Suite struct RawTCPTransportTests {
    func transport(_ printer: FakePrinter, status: Bool = false, write: Double = 1) -> RawTCPTransport {
        RawTCPTransport(host: "127.0.0.1", port: Int(printer.port), target: printer.zplAddress,
                        timeouts: .init(connect: 1, write: write, status: 0.5),
                        statusProblems: status ? TestLabels.encoding.statusProblems : nil)
    }

    @Test func aJobArrivesWhole() throws {
        let printer = try FakePrinter()
        let job = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0) })
        try transport(printer).send(job)
        #expect(printer.receivedJobs == [job])
    }

    @Test func aPrinterThatIsOffIsRefused() throws {
        let printer = try FakePrinter(mode: .refuse)
        #expect(throws: PrinterError.refused(target: printer.zplAddress)) { try transport(printer).send(Data("^XA^XZ".utf8)) }
    }

    @Test func aStalledPrinterTimesOut() throws {
        let printer = try FakePrinter(mode: .stall)
        do {
            try transport(printer, write: 0.5).send(Data(repeating: 0x41, count: 2_000_000))
            Issue.record("a stalled printer took the job")
        } catch let error as PrinterError {
            #expect(error.kind == "timeout", "\(error)")
            #expect(error.description.contains("timed out after"))
        }
        #expect(printer.receivedJobs.isEmpty)
    }

    @Test func aPrinterClosingMidJobIsSaidSo() throws {
        let printer = try FakePrinter(mode: .closeMidJob(afterBytes: 1000))
        do {
            try transport(printer).send(Data(repeating: 0x41, count: 500_000))
            Issue.record("a job cut short counted as sent")
        } catch let error as PrinterError {
            #expect(error.kind == "closed", "\(error)")
        }
        #expect(printer.receivedJobs.isEmpty)
    }

    @Test func aPrinterThatDoesNotAnswerStatusStillPrints() throws {
        let printer = try FakePrinter()
        printer.answerStatus(nil)
        try transport(printer, status: true).send(Data("^XA^XZ".utf8))
        #expect(printer.statusQueryCount == 1)
        #expect(printer.receivedJobs.count == 1)
    }

    @Test(arguments: [
        (FakePrinter.hostStatus(paperOut: true), "printer out of labels"),
        (FakePrinter.hostStatus(headOpen: true), "printer head open"),
        (FakePrinter.hostStatus(paused: true), "printer paused"),
    ])
    func statusProblemsStopTheJob(answer: Data, words: String) throws {
        let printer = try FakePrinter()
        printer.answerStatus(answer)
        #expect(throws: PrinterError.notReady(target: printer.zplAddress, problems: [words])) {
            try transport(printer, status: true).send(Data("^XA^XZ".utf8))
        }
        #expect(printer.receivedJobs.isEmpty)
    }
}
