/// A QR Code symbol (ISO/IEC 18004) encoding bytes in byte mode at error-correction level M,
/// versions 1–10 (up to 213 bytes — Luma and Eventbrite barcodes are short keys or URLs).
///
/// Built here rather than taken from a library (the project uses no packages). The smallest
/// version that fits is chosen, and the mask with the lowest penalty score, as the standard says.
public struct QRCode: Sendable, Equatable {
    /// Symbol version, 1–10.
    public let version: Int
    /// The mask pattern (0–7) applied to the data modules.
    public let mask: Int
    /// Modules per side (17 + 4 × version), excluding the quiet zone.
    public var size: Int { 17 + 4 * version }
    /// Row-major modules, `true` = dark.
    public let modules: [Bool]

    /// Largest payload in bytes (version 10, level M, byte mode).
    public static let maximumBytes = 213

    /// Whether the module at column `x`, row `y` is dark.
    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `text` as UTF-8 bytes.
    public init(encoding text: String) throws {
        try self.init(encoding: Array(text.utf8))
    }

    public init(encoding bytes: [UInt8]) throws {
        guard let version = (1...10).first(where: { Self.capacity(version: $0) >= bytes.count }) else {
            throw PrintingError.barcodeTooLong(bytes: bytes.count, maximum: Self.maximumBytes)
        }
        let codewords = Self.interleaved(Self.dataCodewords(bytes, version: version), version: version)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.placeCodewords(codewords)
        var best: (mask: Int, penalty: Int, grid: [Bool]) = (0, Int.max, [])
        for mask in 0..<8 {
            var candidate = matrix
            candidate.applyMask(mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best.grid.isEmpty || penalty < best.penalty {
                best = (mask, penalty, candidate.dark)
            }
        }
        self.version = version
        self.mask = best.mask
        self.modules = best.grid
    }

    // MARK: - Level M block structure

    /// (EC codewords per block, [(block count, data codewords per block)]) for level M.
    static let levelM: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]),
        (26, [(4, 43), (1, 44)]),
    ]

    static func dataCodewordCount(version: Int) -> Int {
        levelM[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
    }

    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Bytes that fit in byte mode at level M.
    static func capacity(version: Int) -> Int {
        (dataCodewordCount(version: version) * 8 - 4 - countBits(version: version)) / 8
    }

    /// Mode indicator, count, data, terminator, padding — the data codewords before error correction.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = dataCodewordCount(version: version) * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var words = bits.bytes
        var pad: UInt8 = 0xEC
        while words.count < dataCodewordCount(version: version) {
            words.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return words
    }

    /// Splits data into blocks, appends each block's Reed–Solomon codewords, and interleaves.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let spec = levelM[version - 1]
        var blocks: [[UInt8]] = []
        var offset = 0
        for group in spec.groups {
            for _ in 0..<group.count {
                blocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let ecBlocks = blocks.map { ReedSolomon.remainder(of: $0, degree: spec.ec) }
        var result: [UInt8] = []
        let longest = blocks.map(\.count).max() ?? 0
        for i in 0..<longest {
            for block in blocks where i < block.count { result.append(block[i]) }
        }
        for i in 0..<spec.ec {
            for block in ecBlocks { result.append(block[i]) }
        }
        return result
    }
}

/// Big-endian bit accumulator for the QR data stream.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            var byte: UInt8 = 0
            for i in 0..<8 { byte = byte << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
            return byte
        }
    }
}
