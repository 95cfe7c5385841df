import BadgeCore
import Foundation
import Printing

/// SPEC §9 "badge raster for a label printer": a 62 × 100 mm badge laid out, rasterised at
/// 300 dpi by the project's TrueType rasteriser and encoded for the printer (ZPL II, Brother QL),
/// wall time per badge. Fonts are loaded once beforehand, as a running desk has them.
enum LabelBench {
    static let template = """
        name "Label"
        size 62x100mm
        rect x=0 y=0 w=62 h=13 fill=black
        text "WELCOME" x=2 y=0 w=58 h=13 size=22 bold color=white align=center
        field first_name x=3 y=16 w=56 h=17 size=44 min=14 bold align=center
        field last_name  x=3 y=33 w=56 h=10 size=26 min=10 align=center
        field company    x=3 y=44 w=56 h=8  size=15 min=8 align=center
        qr x=14 y=53 size=34
        field ticket_name x=2 y=88 w=58 h=9 size=14 min=8 bold align=center
        rect x=1 y=1 w=60 h=98 stroke=black line=1pt
        """

    static func run(options: BenchOptions, report: inout Report) throws {
        let fonts = try FontSet.discover()
        let layout = try TemplateParser.parse(template)
        let attendees = [
            ("Ada", "Lovelace-Byron"), ("Алёна", "Щербакова"), ("ليلى", "عبد الرحمن"), ("山田", "太郎"),
        ].enumerated().map { i, name in
            Attendee(id: Int64(i + 1), eventId: 1, providerAttendeeId: "a\(i)", name: "\(name.0) \(name.1)",
                     firstName: name.0, lastName: name.1, company: "Analytical Engines Ltd", jobTitle: "Engineer",
                     ticketName: "General Admission", barcode: "https://lu.ma/check-in/evt-Ab12/gst-Xy3\(i)")
        }
        let zplOptions = ZPLOptions(resolution: .dpi300)
        let brotherOptions = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62x100")
        let rounds = options.quick ? 3 : 10
        var rasterOnly = Samples(), zpl = Samples(), brother = Samples(), preview = Samples()
        var bytes = (zpl: 0, brother: 0)
        for round in 0..<(rounds + 1) {
            for attendee in attendees {
                let (badge, rasterMs) = try ProcessClock.timeMs {
                    try LabelRasterizer.raster(attendee: attendee, layout: layout, fonts: fonts, dpi: .dpi300)
                }
                let (z, zplMs) = ProcessClock.timeMs { ZPLEncoder.encode(badge.bitmap, options: zplOptions) }
                let (b, brotherMs) = try ProcessClock.timeMs { try BrotherQLEncoder.encode(badge.bitmap, options: brotherOptions) }
                let (_, previewMs) = ProcessClock.timeMs { TerminalPreview.lines(badge.bitmap, columns: 30, rows: 32) }
                guard round > 0 else { continue }  // the first round warms caches
                rasterOnly.add(rasterMs)
                zpl.add(rasterMs + zplMs)
                brother.add(rasterMs + brotherMs)
                preview.add(rasterMs + previewMs)
                bytes = (z.count, b.count)
            }
        }
        report.add(Figure("label badge 62×100 mm at 300 dpi: layout + raster", unit: "ms", rasterOnly, goal: .info))
        report.add(Figure("label badge 62×100 mm at 300 dpi: raster + ZPL encode", unit: "ms", zpl, goal: .atMost(50),
                          note: "\(bytes.zpl) bytes of ZPL"))
        report.add(Figure("label badge 62×100 mm at 300 dpi: raster + Brother QL encode", unit: "ms", brother, goal: .atMost(50),
                          note: "\(bytes.brother) bytes for a QL-820NWB"))
        report.add(Figure("badge preview (card at 120×40): raster + half-block lines", unit: "ms", preview, goal: .info))
    }
}
