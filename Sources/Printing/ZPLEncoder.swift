/// Turns a badge raster into one ZPL II label format: setup commands, the raster as a graphic
/// field in Zebra's compressed ASCII hex (`^GFA`), the copy count. A pure function of its input.
///
///     ^XA ^MN… ^PW ^LL ~SD ^PR ^LH0,0 ^FO0,0^GFA,total,total,bytesPerRow,DATA^FS ^PQ ^XZ
///
/// DATA is each row as hex (1 = black dot), compressed with Zebra's scheme: a run of one hex
/// digit is prefixed by a repeat count (G–Y = 1–19, g–z = 20–400, added up), `,` fills the rest
/// of the row with 0, `!` with F, and `:` repeats the previous row.
public enum ZPLEncoder {
    public static func encode(_ bitmap: MonoBitmap, options: ZPLOptions = ZPLOptions()) -> [UInt8] {
        var out = "^XA\n"
        if let media = options.media { out += media.command + "\n" }
        out += "^PW\(options.labelWidth ?? max(1, bitmap.width))\n"
        out += "^LL\(options.labelLength ?? max(1, bitmap.height))\n"
        if let darkness = options.darkness {
            let d = ZPLOptions.darknessRange.clamp(darkness)
            out += "~SD\(d < 10 ? "0" : "")\(d)\n"
        }
        if let speed = options.speed {
            let v = ZPLOptions.speedRange.clamp(speed)
            out += "^PR\(v),\(v),\(v)\n"
        }
        out += "^LH0,0\n"
        let total = bitmap.bytesPerRow * bitmap.height
        if total > 0 {
            out += "^FO0,0^GFA,\(total),\(total),\(bitmap.bytesPerRow),"
            out += compressedHex(bitmap)
            out += "^FS\n"
        }
        out += "^PQ\(ZPLOptions.quantityRange.clamp(options.quantity))\n"
        out += "^XZ\n"
        return Array(out.utf8)
    }

    static let hexDigits = Array("0123456789ABCDEF")

    /// The graphic field data in compressed ASCII hex.
    static func compressedHex(_ bitmap: MonoBitmap) -> String {
        var out = ""
        out.reserveCapacity(bitmap.bytes.count / 2)
        var previous: ArraySlice<UInt8>?
        var digits: [Character] = []
        for y in 0..<bitmap.height {
            let row = bitmap.row(y)
            if let previous, previous.elementsEqual(row) { out.append(":"); continue }
            previous = row
            digits.removeAll(keepingCapacity: true)
            for byte in row {
                digits.append(hexDigits[Int(byte >> 4)])
                digits.append(hexDigits[Int(byte & 0x0F)])
            }
            // The row's tail of 0s or Fs collapses to `,` / `!`.
            var end = digits.count
            var tail: Character?
            if let last = digits.last, last == "0" || last == "F" {
                while end > 0, digits[end - 1] == last { end -= 1 }
                if digits.count - end >= 2 { tail = last == "0" ? "," : "!" } else { end = digits.count }
            }
            var i = 0
            while i < end {
                var j = i + 1
                while j < end, digits[j] == digits[i] { j += 1 }
                if j - i > 1 { out += repeatCount(j - i) }
                out.append(digits[i])
                i = j
            }
            if let tail { out.append(tail) }
        }
        return out
    }

    /// Zebra repeat count letters for `n` ≥ 2 (g–z: multiples of 20 up to 400, G–Y: 1–19).
    static func repeatCount(_ n: Int) -> String {
        var rest = n, out = ""
        while rest >= 20 {
            let twenties = min(rest / 20, 20)
            out.append(Character(Unicode.Scalar(UInt8(ascii: "g") + UInt8(twenties - 1))))
            rest -= twenties * 20
        }
        if rest > 0 { out.append(Character(Unicode.Scalar(UInt8(ascii: "G") + UInt8(rest - 1)))) }
        return out
    }
}
