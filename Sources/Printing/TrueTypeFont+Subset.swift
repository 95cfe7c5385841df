/// A font program holding only the glyphs a badge uses, renumbered densely from 0 (.notdef).
struct FontSubset {
    /// The subset font file (a valid TrueType font: head, hhea, maxp, hmtx, loca, glyf + hinting).
    let bytes: [UInt8]
    /// Original glyph id → subset glyph id (the CID written in the PDF).
    let newID: [Int: Int]
    /// Subset glyph id → original glyph id.
    let oldIDs: [Int]
}

extension TrueTypeFont {
    /// Glyph ids referenced by a composite glyph (empty for simple glyphs).
    func components(of glyph: Int) -> [(glyph: Int, offset: Int)] {
        let range = glyphRange(glyph)
        guard range.count >= 10, bytes.i16(range.lowerBound) < 0 else { return [] }
        var result: [(Int, Int)] = []
        var at = range.lowerBound + 10
        while at + 4 <= range.upperBound {
            let flags = bytes.u16(at)
            result.append((bytes.u16(at + 2), at + 2 - range.lowerBound))
            at += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 { at += 2 } else if flags & 0x0040 != 0 { at += 4 } else if flags & 0x0080 != 0 { at += 8 }
            if flags & 0x0020 == 0 { break }
        }
        return result
    }

    /// Writes a font with `.notdef`, `glyphs` and every component they reference, renumbered so
    /// `hmtx`, `loca` and `glyf` are proportional to the glyphs used, not to the whole font.
    func subset(keeping glyphs: Set<Int>) -> FontSubset {
        var keep: Set<Int> = [0]
        var pending = Array(glyphs.filter { $0 >= 0 && $0 < numGlyphs })
        while let glyph = pending.popLast() {
            guard keep.insert(glyph).inserted || glyph == 0 else { continue }
            pending.append(contentsOf: components(of: glyph).map(\.glyph).filter { !keep.contains($0) && $0 < numGlyphs })
        }
        let oldIDs = keep.sorted()
        var newID: [Int: Int] = [:]
        for (new, old) in oldIDs.enumerated() { newID[old] = new }

        var glyf: [UInt8] = [], loca: [UInt8] = [], hmtx: [UInt8] = []
        for old in oldIDs {
            loca.putU32(glyf.count)
            var outline = Array(bytes[glyphRange(old)])
            for component in components(of: old) {
                outline.setU16(newID[component.glyph] ?? 0, at: component.offset)
            }
            glyf += outline
            while glyf.count % 4 != 0 { glyf.append(0) }
            hmtx.putU16(advanceWidth(glyph: old))
            hmtx.putU16(leftSideBearing(glyph: old) & 0xFFFF)
        }
        loca.putU32(glyf.count)

        var head = table("head"), hhea = table("hhea"), maxp = table("maxp")
        head.setU32(0, at: 8)           // checkSumAdjustment, fixed below
        head.setU16(1, at: 50)          // indexToLocFormat: long offsets
        hhea.setU16(oldIDs.count, at: 34)
        maxp.setU16(oldIDs.count, at: 4)
        var out: [(String, [UInt8])] = [("head", head), ("hhea", hhea), ("maxp", maxp), ("hmtx", hmtx),
                                         ("loca", loca), ("glyf", glyf)]
        for hinting in ["cvt ", "fpgm", "prep"] where tables[hinting] != nil { out.append((hinting, table(hinting))) }
        let file = Self.assemble(out.sorted { $0.0 < $1.0 })
        return FontSubset(bytes: file, newID: newID, oldIDs: oldIDs)
    }

    private func table(_ tag: String) -> [UInt8] {
        guard let t = tables[tag] else { return [] }
        return Array(bytes[t.offset..<t.offset + t.length])
    }

    private static func checksum(_ data: [UInt8]) -> Int {
        var sum: UInt32 = 0
        for i in stride(from: 0, to: data.count, by: 4) {
            var word: UInt32 = 0
            for j in 0..<4 { word = word << 8 | UInt32(i + j < data.count ? data[i + j] : 0) }
            sum = sum &+ word
        }
        return Int(sum)
    }

    /// Offset table, table records (sorted tags), 4-byte aligned tables, head.checkSumAdjustment.
    private static func assemble(_ tables: [(String, [UInt8])]) -> [UInt8] {
        var file: [UInt8] = []
        let count = tables.count
        var power = 1, log2 = 0
        while power * 2 <= count { power *= 2; log2 += 1 }
        file.putU32(0x0001_0000)
        file.putU16(count)
        file.putU16(power * 16)
        file.putU16(log2)
        file.putU16(count * 16 - power * 16)
        var offset = 12 + 16 * count
        var headOffset = 0
        for (tag, data) in tables {
            file += Array(tag.utf8)
            file.putU32(checksum(data))
            file.putU32(offset)
            file.putU32(data.count)
            if tag == "head" { headOffset = offset }
            offset += (data.count + 3) / 4 * 4
        }
        for (_, data) in tables {
            file += data
            while file.count % 4 != 0 { file.append(0) }
        }
        let adjustment = (0xB1B0_AFBA &- checksum(file)) & 0xFFFF_FFFF
        file.setU32(adjustment, at: headOffset + 8)
        return file
    }
}
