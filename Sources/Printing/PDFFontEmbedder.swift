import Foundation

/// Collects the glyphs each font draws, then writes every used font into the PDF as a Type0 /
/// CIDFontType2 font with Identity-H encoding: a subset FontFile2 (glyphs renumbered, so
/// CID = subset glyph id and `CIDToGIDMap /Identity`), a `W` widths array and a `ToUnicode` CMap
/// so text can be searched and extracted (`pdftotext`).
struct PDFFontEmbedder {
    struct Usage {
        let font: TrueTypeFont
        let resourceName: String
        var glyphs: Set<Int> = []
        /// Original glyph id → the characters it stands for (first seen wins).
        var unicode: [Int: [Unicode.Scalar]] = [:]
    }

    private(set) var usages: [Usage] = []
    private var indexByPath: [String: Int] = [:]
    /// Per font path, the subset built by `write` (original → CID).
    private(set) var subsets: [String: FontSubset] = [:]

    /// Records that `glyph` of `font` is drawn for `scalars`; returns the font's resource name.
    mutating func use(_ font: TrueTypeFont, glyph: Int, scalars: [Unicode.Scalar]) -> String {
        let index: Int
        if let existing = indexByPath[font.path] {
            index = existing
        } else {
            index = usages.count
            indexByPath[font.path] = index
            usages.append(Usage(font: font, resourceName: "F\(index + 1)"))
        }
        usages[index].glyphs.insert(glyph)
        if usages[index].unicode[glyph] == nil, !scalars.isEmpty { usages[index].unicode[glyph] = scalars }
        return usages[index].resourceName
    }

    /// Subsets and writes every used font; returns the `/Font` resource dictionary entries.
    mutating func write(into pdf: inout PDFWriter) -> String {
        var resources = ""
        for usage in usages {
            let font = usage.font
            let subset = font.subset(keeping: usage.glyphs)
            subsets[font.path] = subset
            let scale = 1000.0 / Double(font.unitsPerEm)
            func s(_ v: Int) -> String { PDFWriter.number((Double(v) * scale).rounded()) }
            let baseName = "\(Self.tag(for: subset.oldIDs))+\(font.postScriptName)"

            let file = pdf.addStream(dictionary: "/Length1 \(subset.bytes.count)", data: subset.bytes)
            let descriptor = pdf.add("""
                << /Type /FontDescriptor /FontName /\(baseName) /Flags 32 \
                /FontBBox [\(s(font.bbox.xMin)) \(s(font.bbox.yMin)) \(s(font.bbox.xMax)) \(s(font.bbox.yMax))] \
                /ItalicAngle 0 /Ascent \(s(font.ascent)) /Descent \(s(font.descent)) \
                /CapHeight \(s(font.capHeight)) /StemV 80 /FontFile2 \(file) 0 R >>
                """)
            let widths = subset.oldIDs.map { s(font.advanceWidth(glyph: $0)) }.joined(separator: " ")
            let cidFont = pdf.add("""
                << /Type /Font /Subtype /CIDFontType2 /BaseFont /\(baseName) \
                /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                /FontDescriptor \(descriptor) 0 R /DW 1000 /W [0 [\(widths)]] /CIDToGIDMap /Identity >>
                """)
            var cmapEntries: [(cid: Int, scalars: [Unicode.Scalar])] = []
            for (old, scalars) in usage.unicode {
                if let cid = subset.newID[old], cid != 0 { cmapEntries.append((cid, scalars)) }
            }
            let toUnicode = pdf.addStream(data: Array(Self.toUnicodeCMap(cmapEntries.sorted { $0.cid < $1.cid }).utf8))
            let type0 = pdf.add("""
                << /Type /Font /Subtype /Type0 /BaseFont /\(baseName) /Encoding /Identity-H \
                /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>
                """)
            resources += "/\(usage.resourceName) \(type0) 0 R "
        }
        return resources
    }

    /// The CID (subset glyph id) of an original glyph, after `write`.
    func cid(font: TrueTypeFont, glyph: Int) -> Int { subsets[font.path]?.newID[glyph] ?? 0 }

    /// Six upper-case letters naming the subset, derived from its glyphs (PDF §9.6.4).
    static func tag(for glyphs: [Int]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for g in glyphs { hash = (hash ^ UInt64(g)) &* 0x100_0000_01b3 }
        return String((0..<6).map { i in Character(UnicodeScalar(UInt8(65 + Int((hash >> (UInt64(i) * 8)) % 26)))) })
    }

    static func toUnicodeCMap(_ entries: [(cid: Int, scalars: [Unicode.Scalar])]) -> String {
        var text = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        for start in stride(from: 0, to: entries.count, by: 100) {
            let chunk = entries[start..<min(start + 100, entries.count)]
            text += "\(chunk.count) beginbfchar\n"
            for entry in chunk {
                let utf16 = entry.scalars.flatMap { Array(String($0).utf16) }
                text += String(format: "<%04X> <", entry.cid) + utf16.map { String(format: "%04X", $0) }.joined() + ">\n"
            }
            text += "endbfchar\n"
        }
        text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return text
    }
}
