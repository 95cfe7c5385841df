import BadgeCore
import Foundation
import Testing
@testable import Printing

/// A badge's raster, encoded for a printer, sent over a real loopback socket to a fake printer,
/// decoded from what arrived: the same dots. And the QR code on the raster still scans.
@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct LabelPrinterJobTests {
    let fonts: FontSet
    init() throws { fonts = try Fixture.fonts() }

    func raster(_ attendee: Attendee, dpi: PrintResolution) throws -> MonoBitmap {
        try LabelRasterizer.raster(attendee: attendee, layout: LabelRasterizerTests.layout, fonts: fonts, dpi: dpi).bitmap
    }

    @Test(arguments: PrintResolution.allCases)
    func zplJobOverLoopbackTCPPrintsTheRaster(dpi: PrintResolution) throws {
        let bitmap = try raster(Fixture.attendee("Ada Lovelace", first: "Ada", last: "Lovelace"), dpi: dpi)
        let job = ZPLEncoder.encode(bitmap, options: ZPLOptions(resolution: dpi, darkness: 18, quantity: 1))
        let printer = try LoopbackPrinter()
        _ = try LoopbackPrinter.send(job, to: printer.port)
        let arrived = try printer.bytes()
        #expect(arrived == job)
        let decoded = try ZPLDecoder.decode(arrived)
        #expect(decoded.bitmap == bitmap)
        #expect(decoded.commands.contains("PW\(bitmap.width)") && decoded.commands.contains("LL\(bitmap.height)"))
        // Compression pays: far fewer bytes than plain hex of every dot.
        #expect(job.count < bitmap.bytes.count)
    }

    @Test func brotherJobOverLoopbackTCPPrintsTheRasterOnA62x100Label() throws {
        let bitmap = try raster(Fixture.attendee("山田 太郎", first: "山田", last: "太郎"), dpi: .dpi300)
        let options = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62x100")
        let job = try BrotherQLEncoder.encode(bitmap, options: options)
        let printer = try LoopbackPrinter()
        _ = try LoopbackPrinter.send(job, to: printer.port)
        let page = try #require(BrotherQLDecoder.decode(try printer.bytes(), model: options.model, label: options.label).pages.first)
        // The label shows the badge minus the margin the head cannot reach, centred.
        let printable = options.label.printableDots
        #expect(page.bitmap == bitmap.cropped(x: (bitmap.width - printable.width) / 2, y: (bitmap.height - printable.length) / 2,
                                              width: printable.width, height: printable.length))
        // Only the outer 1.5 mm (3 mm at the ends: band edge, border) is cut.
        #expect(page.bitmap.blackCount > bitmap.blackCount * 3 / 4)
    }

    @Test(.enabled(if: ExternalTool.has("zbarimg"), "zbarimg not installed (zbar-tools)"),
          arguments: PrintResolution.allCases)
    func theRastersQRCodeScansBackToTheBarcode(dpi: PrintResolution) throws {
        let barcode = "https://lu.ma/check-in/evt-Ab12/gst-Xy34"
        let bitmap = try raster(Fixture.attendee("Ada Lovelace", barcode: barcode), dpi: dpi)
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Also through the printer language: what a Zebra would print.
        let printed = try ZPLDecoder.decode(ZPLEncoder.encode(bitmap, options: ZPLOptions(resolution: dpi))).bitmap
        let file = dir.appendingPathComponent("badge.pbm")
        try PBM.write(printed, to: file)
        let result = try ExternalTool.run(ExternalTool.path("zbarimg")!, ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", file.path])
        #expect(result.status == 0, "zbarimg: \(result.errors)")
        #expect(result.output.trimmingCharacters(in: .newlines) == barcode)
    }
}
