import BadgeCore
import Foundation
import Testing
@testable import Printing

@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct BadgeRendererTests {
    let fonts: FontSet
    init() throws { fonts = try Fixture.fonts() }

    func render(_ attendee: Attendee, _ template: String = "default") throws -> Data {
        try BadgeRenderer.render(attendee: attendee, layout: Fixture.layout(template), fonts: fonts)
    }

    func extractText(_ pdf: Data) throws -> String {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("badge.pdf")
        try pdf.write(to: file)
        let result = try ExternalTool.run(ExternalTool.path("pdftotext")!, ["-enc", "UTF-8", file.path, "-"])
        #expect(result.status == 0, "\(result.errors)")
        return result.output
    }

    @Test func xrefOffsetsPointAtTheirObjects() throws {
        let pdf = try render(Fixture.attendee("Ada Lovelace"))
        let inspector = PDFInspector(pdf)
        #expect(inspector.text.hasPrefix("%PDF-1.7\n"))
        #expect(inspector.text.hasSuffix("%%EOF\n"))
        let offsets = try #require(inspector.xrefOffsets())
        let count = try #require(inspector.objectCount())
        #expect(offsets.count == count + 1)
        for number in 1...count {
            #expect(inspector.objectHeader(at: offsets[number]).hasPrefix("\(number) 0 obj\n"), "object \(number)")
        }
        let streams = inspector.streamLengths()
        #expect(streams.count >= 4)  // content, and per font: font file, ToUnicode
        for stream in streams { #expect(stream.declared == stream.actual) }
    }

    @Test func fontsAreEmbeddedAsSubsetCIDFontsWithToUnicode() throws {
        let text = PDFInspector(try render(Fixture.attendee("Ada Lovelace"))).text
        #expect(text.contains("/Subtype /Type0") && text.contains("/Encoding /Identity-H"))
        #expect(text.contains("/Subtype /CIDFontType2") && text.contains("/CIDToGIDMap /Identity"))
        #expect(text.contains("/FontFile2") && text.contains("/ToUnicode") && text.contains("/W [0 ["))
        #expect(text.range(of: "/BaseFont /[A-Z]{6}\\+DejaVuSans-Bold", options: .regularExpression) != nil)
    }

    @Test func badgeIsSmall() throws {
        let pdf = try render(Fixture.attendee("Ada Lovelace"))
        #expect(pdf.count < 60_000, "\(pdf.count) bytes")
    }

    @Test func renderingIsDeterministic() throws {
        let a = Fixture.attendee("Grace Hopper")
        #expect(try render(a) == render(a))
    }

    @Test(.enabled(if: ExternalTool.has("pdftotext"), "pdftotext not installed (poppler-utils): text extraction check skipped"),
          arguments: [("Ada Lovelace", "default"), ("Фёдор Достоевский", "default"), ("Ελευθέριος Βενιζέλος", "speaker"),
                      ("Zoë Ångström-Øberg", "staff")])
    func extractedTextContainsTheName(name: String, template: String) throws {
        let words = name.split(separator: " ").map(String.init)
        let extracted = try extractText(try render(Fixture.attendee(name, ticket: "Speaker"), template))
        for word in words { #expect(extracted.contains(word), "\(word) in \(extracted)") }
    }

    @Test(.enabled(if: ExternalTool.has("pdftotext"), "pdftotext not installed (poppler-utils): text extraction check skipped"),
          .enabled(if: Fixture.hasCJKFont, "no CJK fallback font (fonts-droid-fallback or fonts-wqy-zenhei)"))
    func cjkNameUsesTheFallbackFont() throws {
        let pdf = try render(Fixture.attendee("王小明 Wang", company: "東京大学"))
        let extracted = try extractText(pdf)
        #expect(extracted.contains("王小明") && extracted.contains("東京大学"))
        #expect(PDFInspector(pdf).text.contains("+DroidSansFallback") || PDFInspector(pdf).text.contains("WenQuanYi"))
        #expect(pdf.count < 60_000)
    }

    @Test(.enabled(if: ExternalTool.has("pdftotext"), "pdftotext not installed (poppler-utils): text extraction check skipped"))
    func hebrewAndArabicNamesExtract() throws {
        let extracted = try extractText(try render(Fixture.attendee("שלום כהן", ticket: "Speaker"), "speaker")
            + Data())
        #expect(extracted.contains("שלום") && extracted.contains("כהן"))
        let arabic = try extractText(try render(Fixture.attendee("سلام محمد", ticket: "Speaker"), "speaker"))
        #expect(arabic.contains("سلام") && arabic.contains("محمد"), "\(arabic)")
    }

    @Test(.enabled(if: ExternalTool.has("pdftotext"), "pdftotext not installed (poppler-utils): text extraction check skipped"))
    func vipRibbonOnlyForVIPs() throws {
        let regular = try extractText(try render(Fixture.attendee("Ada Lovelace", vip: false), "vip"))
        let vip = try extractText(try render(Fixture.attendee("Ada Lovelace", vip: true), "vip"))
        #expect(vip.contains("VIP"))
        #expect(!regular.contains("VIP"))
        #expect(regular.contains("Ada Lovelace"))
    }

    @Test(.enabled(if: ExternalTool.has("qpdf"), "qpdf not installed: qpdf --check skipped"))
    func qpdfCheckPasses() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for template in ["default", "vip", "speaker", "staff"] {
            let file = dir.appendingPathComponent("\(template).pdf")
            try render(Fixture.attendee("Zoë 王 Фёдор שלום", ticket: "Speaker", vip: true), template).write(to: file)
            let result = try ExternalTool.run(ExternalTool.path("qpdf")!, ["--check", file.path])
            #expect(result.status == 0, "\(template): \(result.output) \(result.errors)")
        }
    }

    @Test(.enabled(if: ExternalTool.has("pdftoppm") && ExternalTool.has("zbarimg"),
                   "pdftoppm or zbarimg not installed (poppler-utils, zbar-tools): QR scan check skipped"))
    func qrOnTheRenderedBadgeScans() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for template in ["default", "staff"] {
            let barcode = "EB-\(template)-1234567890-ÅØ"
            let file = dir.appendingPathComponent("\(template).pdf")
            try render(Fixture.attendee("Ada Lovelace", ticket: "Staff", barcode: barcode), template).write(to: file)
            let image = dir.appendingPathComponent(template).path
            let raster = try ExternalTool.run(ExternalTool.path("pdftoppm")!, ["-r", "150", "-mono", "-singlefile", file.path, image])
            #expect(raster.status == 0, "\(raster.errors)")
            let scan = try ExternalTool.run(ExternalTool.path("zbarimg")!, ["-q", "--raw", image + ".pbm"])
            #expect(scan.output.trimmingCharacters(in: .whitespacesAndNewlines) == barcode)
        }
    }

    @Test func missingBarcodeDrawsNoQRAndTooLongBarcodeFails() throws {
        let withQR = try render(Fixture.attendee("Ada Lovelace"))
        let withoutQR = try render(Fixture.attendee("Ada Lovelace", barcode: nil))
        #expect(withoutQR.count < withQR.count)
        #expect(throws: PrintingError.barcodeTooLong(bytes: 300, maximum: 213)) {
            try render(Fixture.attendee("Ada Lovelace", barcode: String(repeating: "x", count: 300)))
        }
    }

    @Test func renderFromStoredTemplate() throws {
        let template = BadgeTemplate(eventId: 1, name: "Default", layout: try Fixture.template("default"))
        let pdf = try BadgeRenderer.render(attendee: Fixture.attendee("Ada"), template: template, fonts: fonts)
        #expect(PDFInspector(pdf).text.contains("/MediaBox [0 0 288 216]"))
        let broken = BadgeTemplate(eventId: 1, name: "Broken", layout: "size 4x3in\nfield nope x=0 y=0 w=1 h=1")
        #expect(throws: PrintingError.self) { try BadgeRenderer.render(attendee: Fixture.attendee("Ada"), template: broken, fonts: fonts) }
    }
}

@Suite struct TemplateLibraryTests {
    @Test func builtInDefaultMatchesTheFixture() throws {
        #expect(BuiltInTemplates.defaultLayout == (try Fixture.template("default")))
        #expect(try TemplateParser.parse(BuiltInTemplates.defaultLayout) == Fixture.layout("default"))
    }

    @Test func templateMetadataComesFromTheFile() throws {
        let speaker = try TemplateParser.template(from: Fixture.template("speaker"), eventId: 3, fallbackName: "speaker.badge")
        #expect(speaker.name == "Speaker" && speaker.ticketNames == ["Speaker", "Keynote Speaker"] && !speaker.isVIPVariant)
        let vip = try TemplateParser.template(from: Fixture.template("vip"), eventId: 3, fallbackName: "x")
        #expect(vip.isVIPVariant && vip.eventId == 3)
        let unnamed = try TemplateParser.template(from: "size A6", eventId: 3, fallbackName: "plain")
        #expect(unnamed.name == "plain" && unnamed.isDefault)
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func renderSelectedPicksTheVariant() throws {
        let templates = try ["default", "vip", "speaker", "staff"].map {
            try TemplateParser.template(from: Fixture.template($0), eventId: 1, fallbackName: $0)
        }
        let fonts = try Fixture.fonts()
        #expect(try BadgeRenderer.renderSelected(attendee: Fixture.attendee("A", ticket: "keynote speaker"), from: templates, fonts: fonts).template.name == "Speaker")
        #expect(try BadgeRenderer.renderSelected(attendee: Fixture.attendee("A", ticket: "Staff", vip: true), from: templates, fonts: fonts).template.name == "VIP")
        #expect(try BadgeRenderer.renderSelected(attendee: Fixture.attendee("A", ticket: "Volunteer"), from: templates, fonts: fonts).template.name == "Staff")
        #expect(try BadgeRenderer.renderSelected(attendee: Fixture.attendee("A", ticket: "General"), from: templates, fonts: fonts).template.name == "Default")
        #expect(throws: PrintingError.noTemplate(ticketName: "General")) {
            try BadgeRenderer.renderSelected(attendee: Fixture.attendee("A", ticket: "General"), from: Array(templates.dropFirst()), fonts: fonts)
        }
    }
}
