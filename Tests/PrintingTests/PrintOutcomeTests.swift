import BadgeCore
import Foundation
import Testing
@testable import Printing

/// Honest print results (issue #12 item 6, issue #13 item 7): a PDF file is not "printed", and
/// characters no installed font has are named instead of printing as nothing.
@Suite struct PrintOutcomeTests {
    static let nanumPath = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
    static var hasNanum: Bool { FileManager.default.fileExists(atPath: nanumPath) }

    @Test func outcomeSaysWhatHappened() {
        let saved = PrintOutcome.savedPDF(path: "/tmp/b.pdf")
        let printed = PrintOutcome.printed(queue: "Front_Desk")
        #expect(saved.summary == "Saved PDF → /tmp/b.pdf")
        #expect(printed.summary == "Printed on Front_Desk")
        #expect(saved.output == "/tmp/b.pdf" && printed.output == "printer:Front_Desk")  // print log unchanged
        #expect(saved.kind == "saved_pdf" && printed.kind == "printed")
        #expect(!saved.wentToPrinter && printed.wentToPrinter)
    }

    @Test func missingGlyphsNote() {
        #expect(BadgePrintResult(templateName: "D", outcome: .savedPDF(path: "x"), missingGlyphs: []).missingGlyphsNote == nil)
        let result = BadgePrintResult(templateName: "D", outcome: .savedPDF(path: "x"), missingGlyphs: ["한", "🎉", "\u{0301}"])
        #expect(result.missingGlyphsNote == "missing glyphs: 한 🎉 U+0301")
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func emojiNoFontHasIsReportedNotDroppedSilently() throws {
        let fonts = try Fixture.fonts()
        // U+1F389 PARTY POPPER is in no installed font; U+263A is in DejaVu; U+FE0F is invisible.
        #expect(fonts.missingGlyphs(in: "Ada 🎉 ☺\u{FE0F} 🎉") == ["🎉"])
        #expect(fonts.missingGlyphs(in: "Ada Lovelace") == [])

        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("badge.pdf").path
        let result = try BadgePrinter(lpPath: nil).printBadge(
            attendee: Fixture.attendee("Ada 🎉 Lovelace"), template: BuiltInTemplates.defaultTemplate(eventId: 1),
            fonts: fonts, to: .file(path))
        #expect(result.outcome == .savedPDF(path: path))
        #expect(result.templateName == "Default")
        #expect(result.missingGlyphs == ["🎉"])
        #expect(result.missingGlyphsNote == "missing glyphs: 🎉")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test(.enabled(if: Fixture.hasDejaVu && PrintOutcomeTests.hasNanum, "DejaVu or Nanum Gothic not installed (fonts-dejavu-core, fonts-nanum)"))
    func hangulIsDrawnWithNanumWhenInstalled() throws {
        let fonts = try Fixture.fonts()
        #expect(fonts.regular.contains { $0.path.hasSuffix("NanumGothic.ttf") })
        #expect(fonts.bold.contains { $0.path.hasSuffix("NanumGothicBold.ttf") })
        #expect(fonts.missingGlyphs(in: "한국전력공사 김민준") == [])
        #expect(fonts.missingGlyphs(in: "한국전력공사 김민준", weight: .bold) == [])
        let korean = Fixture.attendee("김민준", company: "한국전력공사")
        let rendered = try BadgeRenderer.renderBadge(attendee: korean, layout: Fixture.layout("default"), fonts: fonts)
        #expect(rendered.missingGlyphs == [])
        #expect(PDFInspector(rendered.pdf).text.contains("NanumGothic"))
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func hangulWithoutAKoreanFontIsReported() throws {
        // Only DejaVu (and Droid Sans Fallback, which has no Hangul) on the search path.
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Fixture.dejaVuPath, toPath: dir.appendingPathComponent("DejaVuSans.ttf").path)
        let droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
        if FileManager.default.fileExists(atPath: droid) {
            try FileManager.default.copyItem(atPath: droid, toPath: dir.appendingPathComponent("DroidSansFallbackFull.ttf").path)
        }
        let fonts = try FontSet.discover(searchPaths: [dir.path])
        let korean = Fixture.attendee("Kim Minjun", company: "한국 Electric")
        let rendered = try BadgeRenderer.renderBadge(attendee: korean, layout: Fixture.layout("default"), fonts: fonts)
        #expect(rendered.missingGlyphs == ["한", "국"])
    }

    @Test func outputIntoAFolderIsAClearOneLineError() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = Data("%PDF-1.7\n%%EOF\n".utf8)
        for path in [dir.path, dir.path + "/"] {
            do {
                _ = try BadgePrinter(lpPath: nil).deliverBadge(pdf, to: .file(path))
                Issue.record("writing into a folder succeeded")
            } catch let error as PrintingError {
                #expect(error.description.contains("it is a folder; give a file name such as"), "\(error)")
                #expect(!error.description.contains("NSCocoaErrorDomain"))
                #expect(!error.description.contains("\n"))
            }
        }
        let missing = dir.appendingPathComponent("no/such/folder/badge.pdf").path
        #expect(throws: PrintingError.writeFailed(path: missing, reason: "folder \(dir.path)/no/such/folder does not exist")) {
            try BadgePrinter(lpPath: nil).deliverBadge(pdf, to: .file(missing))
        }
    }

    @Test func printerOutcomeNamesTheQueue() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lp = dir.appendingPathComponent("lp")
        try "#!/bin/sh\nexit 0\n".write(to: lp, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: lp.path)
        let outcome = try BadgePrinter(lpPath: lp.path).deliverBadge(Data("%PDF-".utf8), to: .printer("Front_Desk"))
        #expect(outcome == .printed(queue: "Front_Desk"))
        let saved = try BadgePrinter(lpPath: lp.path).deliverBadge(Data("%PDF-".utf8),
                                                                   to: .file(dir.appendingPathComponent("b.pdf").path))
        #expect(saved == .savedPDF(path: dir.appendingPathComponent("b.pdf").path))
    }
}
