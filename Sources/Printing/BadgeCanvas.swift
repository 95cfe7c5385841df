import BadgeCore
import Foundation

/// Drawing operations in PDF coordinates (origin bottom-left), collected before the fonts are
/// subset because glyph ids in the content stream are the subset's.
struct BadgeCanvas {
    enum Op {
        case fill(BadgeColor, [BadgeBox])
        case stroke(BadgeColor, Double, BadgeBox)
        /// `emboldened`: runs from a regular-only fallback font in bold text, drawn filled and
        /// stroked (synthetic bold) so CJK next to bold Latin does not look light.
        case text(BadgeColor, x: Double, y: Double, size: Double, [GlyphRun], emboldened: [Bool])
        /// A QR symbol: `originX`/`top` are the top-left corner of its first module (PDF
        /// coordinates), `module` the module side in points. The PDF fills runs of dark modules;
        /// the raster snaps every module edge to a whole dot.
        case qr(BadgeColor, QRCode, originX: Double, top: Double, module: Double)
    }

    let pageHeight: Double
    var ops: [Op] = []

    /// The one layout both outputs draw (PDF and label raster): template elements in order,
    /// text fitted, shaped and in visual order, the QR code encoded.
    static func laidOut(attendee: Attendee, layout: BadgeLayout, fonts: FontSet) throws -> BadgeCanvas {
        var canvas = BadgeCanvas(pageHeight: layout.height)
        for element in layout.elements {
            switch element {
            case let .rect(rect):
                if !rect.vipOnly || attendee.vip { canvas.rect(rect) }
            case let .qr(qr):
                guard let barcode = attendee.barcode?.trimmingCharacters(in: .whitespacesAndNewlines),
                      !barcode.isEmpty else { continue }
                canvas.qr(try QRCode(encoding: barcode), element: qr)
            case let .text(text):
                let value = ArabicShaping.shape(text.text(for: attendee))
                guard !value.isEmpty else { continue }
                canvas.text(value, element: text, chain: fonts.chain(text.weight))
            }
        }
        return canvas
    }
    /// Characters drawn as .notdef because no font of their chain has them (each once).
    private(set) var missingGlyphs: [String] = []

    /// Template box (top-left origin) → PDF rectangle (bottom-left origin).
    func pdfBox(_ box: BadgeBox) -> BadgeBox {
        BadgeBox(x: box.x, y: pageHeight - box.y - box.height, width: box.width, height: box.height)
    }

    mutating func rect(_ rect: RectElement) {
        if let fill = rect.fill { ops.append(.fill(fill, [pdfBox(rect.box)])) }
        if let stroke = rect.stroke { ops.append(.stroke(stroke, rect.lineWidth, pdfBox(rect.box))) }
    }

    mutating func qr(_ code: QRCode, element: QRElement) {
        let box = pdfBox(element.box)
        let side = min(box.width, box.height)
        let module = side / Double(code.size + 8)
        let originX = box.x + (box.width - side) / 2 + 4 * module
        let top = box.y + (box.height + side) / 2 - 4 * module
        ops.append(.qr(element.color, code, originX: originX, top: top, module: module))
    }

    mutating func text(_ value: String, element: TextElement, chain: [TrueTypeFont]) {
        guard let primary = chain.first else { return }
        let fitter = TextFitter(chain: chain)
        let fitted = fitter.fit(value, element: element)
        let box = element.box
        if let fill = element.fill { ops.append(.fill(fill, [pdfBox(box)])) }
        let ascent = Double(primary.ascent) / Double(primary.unitsPerEm) * fitted.size
        let block = fitter.blockHeight(lines: fitted.lines.count, size: fitted.size)
        let top: Double
        switch element.verticalAlign {
        case .top: top = box.y
        case .middle: top = box.y + (box.height - block) / 2
        case .bottom: top = box.y + box.height - block
        }
        for (index, line) in fitted.lines.enumerated() {
            let runs = TextShaper.shape(BidiText.visualOrder(line), chain: chain)
            for missing in TextShaper.missingCharacters(in: runs) where !missingGlyphs.contains(missing) {
                missingGlyphs.append(missing)
            }
            let width = runs.reduce(0) { $0 + $1.width(size: fitted.size) }
            let x: Double
            switch element.align {
            case .left: x = box.x
            case .center: x = box.x + (box.width - width) / 2
            case .right: x = box.x + box.width - width
            }
            let baseline = top + ascent + Double(index) * TextFitter.lineSpacing * fitted.size
            let emboldened = runs.map { run in
                element.weight == .bold && run.font.path != primary.path && !run.font.postScriptName.contains("Bold")
            }
            ops.append(.text(element.color, x: x, y: pageHeight - baseline, size: fitted.size, runs,
                             emboldened: emboldened))
        }
    }

    /// Runs of dark modules per row as PDF rectangles (fewer operators than one per module).
    static func qrRuns(_ code: QRCode, originX: Double, top: Double, module: Double) -> [BadgeBox] {
        var rects: [BadgeBox] = []
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code[x, y] else { x += 1; continue }
                var end = x
                while end < code.size, code[end, y] { end += 1 }
                rects.append(BadgeBox(x: originX + Double(x) * module, y: top - Double(y + 1) * module,
                                      width: Double(end - x) * module, height: module))
                x = end
            }
        }
        return rects
    }

    func pdf(width: Double, height: Double, title: String) -> Data {
        var pdf = PDFWriter()
        let catalog = pdf.reserve(), pages = pdf.reserve(), page = pdf.reserve()
        var fonts = PDFFontEmbedder()
        var fontNames: [[String]] = []
        for op in ops {
            guard case let .text(_, _, _, _, runs, _) = op else { fontNames.append([]); continue }
            fontNames.append(runs.map { run in
                var name = ""
                for (glyph, scalars) in zip(run.glyphs, run.scalars) { name = fonts.use(run.font, glyph: glyph, scalars: scalars) }
                return name
            })
        }
        let fontResources = fonts.write(into: &pdf)
        var content = ""
        func n(_ v: Double) -> String { PDFWriter.number(v) }
        func rgb(_ c: BadgeColor) -> String { "\(n(c.red)) \(n(c.green)) \(n(c.blue))" }
        for (op, names) in zip(ops, fontNames) {
            switch op {
            case let .fill(color, boxes):
                content += "\(rgb(color)) rg\n"
                for b in boxes { content += "\(n(b.x)) \(n(b.y)) \(n(b.width)) \(n(b.height)) re\n" }
                content += "f\n"
            case let .qr(color, code, originX, top, module):
                content += "\(rgb(color)) rg\n"
                for b in Self.qrRuns(code, originX: originX, top: top, module: module) {
                    content += "\(n(b.x)) \(n(b.y)) \(n(b.width)) \(n(b.height)) re\n"
                }
                content += "f\n"
            case let .stroke(color, lineWidth, b):
                content += "\(rgb(color)) RG \(n(lineWidth)) w \(n(b.x)) \(n(b.y)) \(n(b.width)) \(n(b.height)) re S\n"
            case let .text(color, x, y, size, runs, emboldened):
                content += "BT \(rgb(color)) rg \(rgb(color)) RG \(n(size * 0.03)) w \(n(x)) \(n(y)) Td\n"
                for (index, (run, name)) in zip(runs, names).enumerated() {
                    let hex = run.glyphs.map { String(format: "%04X", fonts.cid(font: run.font, glyph: $0)) }.joined()
                    let mode = emboldened[index] ? 2 : 0
                    content += "\(mode) Tr /\(name) \(n(size)) Tf <\(hex)> Tj\n"
                }
                content += "ET\n"
            }
        }
        let contents = pdf.addStream(data: Array(content.utf8))
        pdf.set(catalog, "<< /Type /Catalog /Pages \(pages) 0 R >>")
        pdf.set(pages, "<< /Type /Pages /Kids [\(page) 0 R] /Count 1 >>")
        pdf.set(page, """
            << /Type /Page /Parent \(pages) 0 R /MediaBox [0 0 \(n(width)) \(n(height))] \
            /Resources << /Font << \(fontResources)>> >> /Contents \(contents) 0 R >>
            """)
        let info = pdf.add("<< /Title \(PDFWriter.textString(title)) /Producer (Badge Console) >>")
        return pdf.finish(root: catalog, info: info)
    }
}
