import Foundation

/// A TrueType (glyf-outline) font read from a .ttf file or the first face of a .ttc collection:
/// just enough of `head`, `hhea`, `maxp`, `hmtx`, `cmap` (formats 4 and 12), `loca`, `glyf`,
/// `name` and `OS/2` to measure text, map characters to glyphs and write a subset for a PDF.
///
/// CFF-flavoured OpenType fonts (.otf, most Noto CJK) are refused: PDF FontFile2 needs glyf.
public struct TrueTypeFont: Sendable {
    public let path: String
    let bytes: [UInt8]
    /// Table tag → (absolute offset, length).
    let tables: [String: (offset: Int, length: Int)]
    public let postScriptName: String
    public let unitsPerEm: Int
    public let numGlyphs: Int
    let numberOfHMetrics: Int
    let longLoca: Bool
    /// Typographic ascender/descender from `hhea`, font units (descent negative).
    public let ascent: Int
    public let descent: Int
    public let capHeight: Int
    let bbox: (xMin: Int, yMin: Int, xMax: Int, yMax: Int)
    /// Absolute offset and format of the Unicode cmap subtable used for lookups.
    let cmap: (offset: Int, format: Int)
    /// All Unicode subtables (format 4 and 12), best first.
    let cmapSubtables: [(offset: Int, format: Int)]

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PrintingError.badFont(path: path, reason: "cannot read file")
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// `requireCmap: false` reads fonts without a character map (such as our own subsets).
    init(bytes: [UInt8], path: String, requireCmap: Bool = true) throws {
        self.path = path
        self.bytes = bytes
        func fail(_ reason: String) -> PrintingError { .badFont(path: path, reason: reason) }
        var start = 0
        if bytes.tag(0) == "ttcf" { start = bytes.u32(12) }
        let version = bytes.u32(start)
        guard version == 0x0001_0000 || bytes.tag(start) == "true" else {
            throw fail(bytes.tag(start) == "OTTO" ? "CFF outlines are not supported (need TrueType glyf)" : "not a TrueType font")
        }
        var tables: [String: (offset: Int, length: Int)] = [:]
        let count = bytes.u16(start + 4)
        for i in 0..<count {
            let record = start + 12 + 16 * i
            let offset = bytes.u32(record + 8), length = bytes.u32(record + 12)
            guard offset + length <= bytes.count else { throw fail("table \(bytes.tag(record)) out of range") }
            tables[bytes.tag(record)] = (offset, length)
        }
        for required in ["head", "hhea", "maxp", "hmtx", "loca", "glyf"] + (requireCmap ? ["cmap"] : [])
        where tables[required] == nil {
            throw fail("missing '\(required)' table")
        }
        // Fixed-size tables must be long enough for the fields read here and patched by `subset`.
        for (tag, minimum) in [("head", 54), ("hhea", 36), ("maxp", 6)] where (tables[tag]?.length ?? 0) < minimum {
            throw fail("'\(tag)' table too short")
        }
        self.tables = tables
        guard let head = tables["head"]?.offset, let hhea = tables["hhea"]?.offset, let maxp = tables["maxp"]?.offset else {
            throw fail("missing 'head', 'hhea' or 'maxp' table")
        }
        unitsPerEm = max(16, bytes.u16(head + 18))
        bbox = (bytes.i16(head + 36), bytes.i16(head + 38), bytes.i16(head + 40), bytes.i16(head + 42))
        longLoca = bytes.i16(head + 50) == 1
        ascent = bytes.i16(hhea + 4)
        descent = bytes.i16(hhea + 6)
        numberOfHMetrics = max(1, bytes.u16(hhea + 34))
        numGlyphs = bytes.u16(maxp + 4)
        if let os2 = tables["OS/2"], bytes.u16(os2.offset) >= 2, os2.length >= 90 {
            capHeight = bytes.i16(os2.offset + 88)
        } else {
            capHeight = ascent
        }
        cmapSubtables = tables["cmap"].map { Self.unicodeCmaps(bytes, at: $0.offset) } ?? []
        guard let cmap = cmapSubtables.first ?? (requireCmap ? nil : (0, 0)) else {
            throw fail("no Unicode cmap (format 4 or 12)")
        }
        self.cmap = cmap
        postScriptName = Self.readPostScriptName(bytes, table: tables["name"])
            ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// The glyph for `scalar`, or 0 (.notdef) when the font lacks it.
    /// A glyph id past `numGlyphs` (a damaged cmap) counts as missing.
    public func glyphID(for scalar: Unicode.Scalar) -> Int {
        let glyph = glyphID(for: scalar, in: cmap)
        return glyph < numGlyphs ? glyph : 0
    }

    func glyphID(for scalar: Unicode.Scalar, in cmap: (offset: Int, format: Int)) -> Int {
        let c = Int(scalar.value)
        let base = cmap.offset
        guard cmap.format == 4 || cmap.format == 12 else { return 0 }
        if cmap.format == 12 {
            var low = 0, high = bytes.u32(base + 12) - 1
            while low <= high {
                let mid = (low + high) / 2
                let group = base + 16 + 12 * mid
                if c < bytes.u32(group) { high = mid - 1 } else if c > bytes.u32(group + 4) { low = mid + 1 } else {
                    return bytes.u32(group + 8) + c - bytes.u32(group)
                }
            }
            return 0
        }
        guard c <= 0xFFFF else { return 0 }
        let segCount = bytes.u16(base + 6) / 2
        let ends = base + 14, starts = ends + 2 * segCount + 2
        let deltas = starts + 2 * segCount, rangeOffsets = deltas + 2 * segCount
        var low = 0, high = segCount - 1
        while low < high {
            let mid = (low + high) / 2
            if bytes.u16(ends + 2 * mid) < c { low = mid + 1 } else { high = mid }
        }
        let segStart = bytes.u16(starts + 2 * low)
        guard bytes.u16(ends + 2 * low) >= c, segStart <= c else { return 0 }
        let delta = bytes.u16(deltas + 2 * low)
        let rangeOffset = bytes.u16(rangeOffsets + 2 * low)
        if rangeOffset == 0 { return (c + delta) & 0xFFFF }
        let glyph = bytes.u16(rangeOffsets + 2 * low + rangeOffset + 2 * (c - segStart))
        return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF
    }

    public func hasGlyph(for scalar: Unicode.Scalar) -> Bool { glyphID(for: scalar) != 0 }

    /// Advance width of `glyph` in font units.
    public func advanceWidth(glyph: Int) -> Int {
        guard let hmtx = tables["hmtx"]?.offset else { return 0 }
        return bytes.u16(hmtx + 4 * max(0, min(glyph, numberOfHMetrics - 1)))
    }

    func leftSideBearing(glyph: Int) -> Int {
        guard let hmtx = tables["hmtx"]?.offset, glyph >= 0 else { return 0 }
        if glyph < numberOfHMetrics { return bytes.i16(hmtx + 4 * glyph + 2) }
        return bytes.i16(hmtx + 4 * numberOfHMetrics + 2 * (glyph - numberOfHMetrics))
    }

    /// Byte range of `glyph`'s outline in the file (empty for blank glyphs).
    func glyphRange(_ glyph: Int) -> Range<Int> {
        guard glyph >= 0, glyph < numGlyphs, let loca = tables["loca"]?.offset, let glyf = tables["glyf"] else { return 0..<0 }
        let (a, b) = longLoca
            ? (bytes.u32(loca + 4 * glyph), bytes.u32(loca + 4 * glyph + 4))
            : (bytes.u16(loca + 2 * glyph) * 2, bytes.u16(loca + 2 * glyph + 2) * 2)
        guard a < b, b <= glyf.length else { return 0..<0 }
        return (glyf.offset + a)..<(glyf.offset + b)
    }

    private static func unicodeCmaps(_ bytes: [UInt8], at cmap: Int) -> [(offset: Int, format: Int)] {
        var candidates: [(rank: Int, offset: Int, format: Int)] = []
        for i in 0..<bytes.u16(cmap + 2) {
            let record = cmap + 4 + 8 * i
            let platform = bytes.u16(record), encoding = bytes.u16(record + 2)
            let offset = cmap + bytes.u32(record + 4)
            let format = bytes.u16(offset)
            let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
            guard unicode, format == 4 || format == 12 else { continue }
            candidates.append((format == 12 ? 0 : 1, offset, format))
        }
        return candidates.sorted { $0.rank < $1.rank }.map { ($0.offset, $0.format) }
    }

    private static func readPostScriptName(_ bytes: [UInt8], table: (offset: Int, length: Int)?) -> String? {
        guard let table else { return nil }
        let count = bytes.u16(table.offset + 2), strings = table.offset + bytes.u16(table.offset + 4)
        var tried = 0
        for i in 0..<count where tried < 16 {  // bounded: a hostile table may list 65 535 empty names
            let record = table.offset + 6 + 12 * i
            guard bytes.u16(record + 6) == 6 else { continue }
            tried += 1
            let platform = bytes.u16(record), length = min(bytes.u16(record + 8), 256), start = strings + bytes.u16(record + 10)
            var name = ""
            if platform == 3 || platform == 0 {
                for j in stride(from: 0, to: length, by: 2) {
                    if let s = Unicode.Scalar(bytes.u16(start + j)) { name.unicodeScalars.append(s) }
                }
            } else {
                for j in 0..<length { name.unicodeScalars.append(Unicode.Scalar(UInt8(bytes.u8(start + j)))) }
            }
            let clean = String(name.unicodeScalars.filter { $0.isASCII && $0.value > 32 && !"()<>[]{}/%#".unicodeScalars.contains($0) })
            if !clean.isEmpty { return clean }
        }
        return nil
    }
}
