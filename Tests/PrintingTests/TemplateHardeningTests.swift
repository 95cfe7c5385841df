import BadgeCore
import Foundation
import Testing
@testable import Printing

/// Hostile numbers in templates (issue #13 item 2): every one is refused with a one-line error
/// naming its line, and nothing a template or a hand-built layout says can crash rendering.
@Suite struct TemplateHardeningTests {
    @Test(arguments: [
        ("size 1e308x1e308mm", 1, "out of range"),
        ("size 4x1e308in", 1, "out of range"),
        ("size nanxnanmm", 1, "cannot read size"),
        ("size infx3in", 1, "cannot read size"),
        ("size -4x3in", 1, "cannot read size"),
        ("size 0.001x0.001mm", 1, "out of range"),
        ("size 300x3in", 1, "out of range"),
        ("size 4x3in\nrect x=0 y=0 w=1 h=1 line=1e308pt", 2, "line width between 0 and 72 pt"),
        ("size 4x3in\nrect x=0 y=0 w=1 h=1 line=1e308", 2, "must be a length"),
        ("size 4x3in\nrect x=0 y=0 w=1 h=1 line=-1pt", 2, "line width"),
        ("size 4x3in\nrect x=0 y=0 w=1 h=1 line=nan", 2, "must be a length"),
        ("size 4x3in\nrect x=0 y=0 w=1 h=1 line=inf", 2, "must be a length"),
        ("size 4x3in\nfield name x=1e308 y=0 w=1 h=1", 2, "must be a length"),
        ("size 4x3in\nfield name x=1e300 y=0 w=1 h=1", 2, "extends beyond"),
        ("size 4x3in\nfield name x=0 y=0 w=1e300pt h=1", 2, "extends beyond"),
        ("size 4x3in\nfield name x=-infinity y=0 w=1 h=1", 2, "must be a length"),
        ("size 4x3in\nfield name x=0 y=-5 w=1 h=1", 2, "extends beyond"),
        ("size 4x3in\nfield name x=0 y=0 w=-1 h=1", 2, "greater than zero"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=nan", 2, "must be a length"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 size=1e308", 2, "font size in points between 2 and 500"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 size=nan", 2, "font size"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 size=-inf", 2, "font size"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 min=-5", 2, "font size"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 lines=99999999999999999999999", 2, "lines must be 1, 2 or 3"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 lines=-1", 2, "lines must be 1, 2 or 3"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 color=+12345", 2, "must be a colour"),
        ("size 4x3in\nqr x=0 y=0 size=1e308", 2, "must be a length"),
        ("size 4x3in\nqr x=0 y=0 size=-1", 2, "greater than zero"),
    ])
    func hostileNumbersAreRefusedOnTheirLine(text: String, line: Int, fragment: String) {
        do {
            _ = try TemplateParser.parse(text)
            Issue.record("expected an error for \(text.debugDescription)")
        } catch let error as PrintingError {
            guard case let .template(errorLine, message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(errorLine == line, "\(message)")
            #expect(message.contains(fragment), "\(message)")
            #expect(!error.description.contains("\n"))
            #expect(error.description.count < 200, "\(error.description)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aHugeNumberIsShownShortInTheError() throws {
        let text = "size 4x3in\nfield name x=" + String(repeating: "9", count: 400) + " y=0 w=1 h=1"
        #expect(throws: PrintingError.self) { try TemplateParser.parse(text) }
        do { _ = try TemplateParser.parse(text) } catch let error as PrintingError {
            #expect(error.description.hasPrefix("template line 2: "))
            #expect(error.description.count < 200, "\(error.description)")
        }
    }

    @Test func pdfNumbersNeverTrap() {
        #expect(PDFWriter.number(.nan) == "0")
        #expect(PDFWriter.number(.infinity) == "0")
        #expect(PDFWriter.number(-.infinity) == "0")
        #expect(PDFWriter.number(1e308) == "1000000000")
        #expect(PDFWriter.number(-1e308) == "-1000000000")
        #expect(PDFWriter.number(12.5) == "12.5")
        #expect(PDFWriter.number(-0.125) == "-0.125")
    }

    /// Random templates whose numbers come from a hostile pool (±∞, NaN, 1e308, negatives, huge
    /// integers, garbage): parsing either succeeds — and then the badge renders to a PDF — or fails
    /// with a one-line template error naming a line of the text. A trap would end the test run.
    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func fuzzedTemplatesNeverCrash() throws {
        let fonts = try Fixture.fonts()
        var random = SplitMix64(seed: 0x5EED_BADE)
        let numbers = ["inf", "-inf", "infinity", "nan", "-nan", "1e308", "-1e308", "1.8e308", "4.9e-324", "0", "-0",
                       "-1", "-250", "99999999999999999999999", "-9223372036854775808", "9223372036854775807",
                       "0x1p1023", "1e-300", "0.5", "1", "2", "3", "10", "12", "50", "72", "100", "288", "499",
                       "500", "501", "1e5", "abc", "", ".", "1..2", "1e", "+3"]
        let units = ["", "", "", "mm", "in", "pt", "cm", "px"]
        let sane = ["0.1", "0.5", "1", "10mm", "12pt", "0.25in"]
        var hostile = true
        func number() -> String { hostile ? random.pick(numbers) + random.pick(units) : random.pick(sane) }
        let attendee = Fixture.attendee("Ada Lovelace", company: "Analytical Engines", vip: true)
        var rendered = 0
        for _ in 0..<400 {
            hostile = random.next() % 3 != 0  // a third with only ordinary numbers, to reach the renderer
            var lines = [random.next() % 4 == 0 ? "size \(number())x\(number())" : random.pick(["size 4x3in", "size A6", "size 62x100mm"])]
            if random.next() % 3 == 0 { lines.append("units \(random.pick(["mm", "in", "pt", "cm"]))") }
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let box = "x=\(number()) y=\(number()) w=\(number()) h=\(number())"
                switch random.next() % 4 {
                case 0:
                    lines.append("field \(random.pick(["name", "company", "first_name", "vip_ribbon"])) \(box) "
                                 + (hostile ? "size=\(number()) min=\(number()) lines=\(random.pick(numbers))" : "size=34 min=6 lines=2"))
                case 1: lines.append("text \"Hi {first_name}\" \(box) size=\(hostile ? number() : "500")")
                case 2: lines.append("rect \(box) line=\(number()) stroke=#\(hostile ? random.pick(["112233", "+12345", "-FFFFF", "zzzzzz"]) : "112233")")
                default: lines.append("qr x=\(number()) y=\(number()) size=\(number())")
                }
            }
            let text = lines.joined(separator: "\n")
            do {
                let layout = try TemplateParser.parse(text)
                let pdf = try BadgeRenderer.render(attendee: attendee, layout: layout, fonts: fonts)
                #expect(pdf.starts(with: Data("%PDF-".utf8)))
                rendered += 1
            } catch let error as PrintingError {
                guard case let .template(line, _) = error else { Issue.record("\(error) for \(text.debugDescription)"); continue }
                #expect((1...lines.count).contains(line), "\(error) for \(text.debugDescription)")
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(rendered > 0)  // the fuzzer also reached the renderer
    }

    /// A layout built in code skips the parser: the renderer must still not trap on it.
    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func handBuiltLayoutWithHostileNumbersRenders() throws {
        let fonts = try Fixture.fonts()
        for bad in [Double.nan, .infinity, -.infinity, 1e308, -1e308, 0, -5] {
            let box = BadgeBox(x: bad, y: bad, width: bad, height: bad)
            let layout = BadgeLayout(width: bad, height: bad, elements: [
                .rect(RectElement(box: box, fill: .black, stroke: .white, lineWidth: bad)),
                .text(TextElement(content: .field(.name), box: box, fontSize: bad, minFontSize: bad, maxLines: Int.min)),
                .text(TextElement(content: .field(.name), box: BadgeBox(x: 0, y: 0, width: 100, height: 40),
                                  fontSize: bad, minFontSize: bad, maxLines: Int.max)),
                .qr(QRElement(box: box)),
            ])
            let pdf = try BadgeRenderer.render(attendee: Fixture.attendee("Ada Lovelace"), layout: layout, fonts: fonts)
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
        }
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func truncatedFontTablesAreRefusedNotTrapped() throws {
        let original = try #require(FileManager.default.contents(atPath: Fixture.dejaVuPath))
        var bytes = [UInt8](original)
        // Find the 'head' table record and claim the table is 10 bytes long.
        let count = bytes.u16(4)
        let record = try #require((0..<count).map { 12 + 16 * $0 }.first { bytes.tag($0) == "head" })
        bytes.setU32(10, at: record + 12)
        #expect(throws: PrintingError.badFont(path: "short-head.ttf", reason: "'head' table too short")) {
            try TrueTypeFont(bytes: bytes, path: "short-head.ttf")
        }
    }

    /// Random bytes written over a real font's directory and first tables: loading either fails
    /// with `badFont` or gives a font that measures, maps and subsets text without trapping.
    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func corruptedFontsNeverCrash() throws {
        let original = [UInt8](try #require(FileManager.default.contents(atPath: Fixture.dejaVuPath)))
        var random = SplitMix64(seed: 42)
        for _ in 0..<60 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 64)) {
                let at = Int(random.next() % 4096)
                bytes[at] = UInt8(truncatingIfNeeded: random.next())
            }
            guard let font = try? TrueTypeFont(bytes: bytes, path: "fuzz.ttf") else { continue }
            let runs = TextShaper.shape("Ada Ж 王 🎉", chain: [font])
            _ = TextFitter(chain: [font]).fit("Ada Lovelace", element: TextElement(
                content: .field(.name), box: BadgeBox(x: 0, y: 0, width: 100, height: 30), fontSize: 20, maxLines: 2))
            _ = font.subset(keeping: Set(runs.flatMap(\.glyphs)))
        }
    }
}

/// A small deterministic generator (SplitMix64) so a fuzz failure can be replayed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
