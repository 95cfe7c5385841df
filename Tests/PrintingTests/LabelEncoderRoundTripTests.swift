import Testing
@testable import Printing

/// What the printer receives decodes back to exactly the raster that was encoded.
struct LabelEncoderRoundTripTests {
    /// A bitmap with runs, solid rows, repeated rows, white rows and isolated dots.
    static func sample(width: Int, height: Int) -> MonoBitmap {
        var bitmap = MonoBitmap(width: width, height: height)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for y in 0..<height {
            switch y % 7 {
            case 0: bitmap.fillSpan(y: y, from: 0, to: width)
            case 1, 2: bitmap.fillSpan(y: y, from: width / 3, to: width - 5)
            case 3: break
            default:
                for x in 0..<width {
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    if seed >> 61 == 0 { bitmap[x, y] = true }
                }
            }
        }
        return bitmap
    }

    @Test(arguments: [(8, 1), (13, 9), (696, 40), (732, 50), (1200, 12), (1, 1)])
    func zplRoundTrip(width: Int, height: Int) throws {
        let bitmap = Self.sample(width: width, height: height)
        let zpl = ZPLEncoder.encode(bitmap, options: ZPLOptions(resolution: .dpi300, darkness: 5, speed: 3, quantity: 2))
        let decoded = try ZPLDecoder.decode(zpl)
        #expect(decoded.bitmap == bitmap)
        let text = String(decoding: zpl, as: UTF8.self)
        #expect(text.hasPrefix("^XA\n"))
        #expect(text.hasSuffix("^PQ2\n^XZ\n"))
        #expect(text.contains("^PW\(width)\n^LL\(height)\n~SD05\n^PR3,3,3\n"))
        #expect(text.contains("^FO0,0^GFA,\(bitmap.bytes.count),\(bitmap.bytes.count),\(bitmap.bytesPerRow),"))
    }

    @Test func zplCompressionUsesZebrasShortcuts() {
        var bitmap = MonoBitmap(width: 64, height: 4)
        bitmap.fillSpan(y: 0, from: 0, to: 8)      // FF then zeros → "HF,"
        bitmap.fillSpan(y: 1, from: 0, to: 8)      // the same row again → ":"
        bitmap.fillSpan(y: 2, from: 32, to: 64)    // 8 zeros then Fs → "N0!"; row 3 white → ","
        #expect(ZPLEncoder.compressedHex(bitmap) == "HF,:N0!,")
        #expect(ZPLEncoder.repeatCount(2) == "H")
        #expect(ZPLEncoder.repeatCount(19) == "Y")
        #expect(ZPLEncoder.repeatCount(20) == "g")
        #expect(ZPLEncoder.repeatCount(45) == "hK")
        #expect(ZPLEncoder.repeatCount(400) == "z")
        #expect(ZPLEncoder.repeatCount(433) == "zgS")
    }

    @Test(arguments: ["QL-820NWB", "QL-700", "QL-500", "QL-1110NWB"])
    func brotherRoundTripOnDieCut(model name: String) throws {
        let model = try BrotherQLModel.parse(name)
        let label = try BrotherQLLabel.parse("62x100")
        let bitmap = Self.sample(width: 696, height: 1109)
        let job = try BrotherQLEncoder.encode(bitmap, options: BrotherQLOptions(model: model, label: label))
        let decoded = try BrotherQLDecoder.decode(job, model: model, label: label)
        #expect(decoded.invalidateBytes == model.invalidateBytes)
        #expect(decoded.rasterMode == model.modeSetting)
        let page = try #require(decoded.pages.first)
        #expect(decoded.pages.count == 1 && page.last)
        #expect(page.bitmap == bitmap)
        #expect(page.mediaType == 0x0B && page.widthMM == 62 && page.lengthMM == 100)
        #expect(page.declaredLines == 1109)
        #expect(page.compressed == model.compression)
        #expect(page.autoCut == model.cutting)
        #expect(page.cutAtEnd == (model.cutting && model.expandedMode))
        #expect(page.margin == 0)
    }

    @Test func brotherContinuousKeepsTheBadgeLengthAndCopiesArePages() throws {
        let options = try BrotherQLOptions.parse(query: "model=QL-810W&label=62&copies=3")
        let bitmap = Self.sample(width: 696, height: 400)
        let job = try BrotherQLEncoder.encode(bitmap, options: options)
        let decoded = try BrotherQLDecoder.decode(job, model: options.model, label: options.label)
        #expect(decoded.pages.map(\.bitmap) == [bitmap, bitmap, bitmap])
        #expect(decoded.pages.map(\.last) == [false, false, true])
        #expect(decoded.pages.allSatisfy { $0.mediaType == 0x0A && $0.lengthMM == 0 && $0.declaredLines == 400 && $0.margin == 35 })
    }

    @Test func rasterLinesAreMirroredIntoTheHeadsOrder() throws {
        // One dot at the label's left edge lands at the far end of the label area in the line.
        let options = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62&compress=no")
        var bitmap = MonoBitmap(width: 696, height: 150)
        bitmap[0, 0] = true
        let job = try BrotherQLEncoder.encode(bitmap, options: options)
        let g = try #require(job.firstIndex(of: 0x67))
        let line = Array(job[(g + 3)..<(g + 3 + 90)])
        let bit = 12 + 695  // right offset of the 62 mm roll + mirrored column
        #expect(line[bit / 8] == 0x80 >> UInt8(bit % 8))
        #expect(line.enumerated().allSatisfy { $0.offset == bit / 8 || $0.element == 0 })
    }

    @Test func aBadgeIsPlacedByPhysicalSize() throws {
        let options = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62x100")
        // A full 62 × 100 mm badge at 300 dpi: cropped to the printable area around its centre.
        var badge = MonoBitmap(width: 732, height: 1181)
        badge[18, 36] = true           // first printable dot
        badge[17, 36] = true           // in the margin the head cannot reach
        let page = try #require(BrotherQLDecoder.decode(try BrotherQLEncoder.encode(badge, options: options),
                                                         model: options.model, label: options.label).pages.first)
        #expect(page.bitmap.width == 696 && page.bitmap.height == 1109)
        #expect(page.bitmap[0, 0] && page.bitmap.blackCount == 1)
        // Landscape 100 × 62 mm is turned; 4 × 3 in does not fit either way.
        let landscape = MonoBitmap(width: 1181, height: 732)
        #expect(throws: Never.self) { try BrotherQLEncoder.encode(landscape, options: options) }
        #expect(throws: LabelOptionError.doesNotFit(badge: "102×76 mm", label: "62x100")) {
            try BrotherQLEncoder.encode(MonoBitmap(width: 1200, height: 900), options: options)
        }
    }

    @Test func packBitsRoundTrip() throws {
        for data: [UInt8] in [[], [1], [0, 0], [1, 2, 3], [UInt8](repeating: 7, count: 300), (0..<300).map { UInt8($0 % 3) },
                              [0, 0, 1, 2, 2, 2, 3] + [UInt8](repeating: 0, count: 90)] {
            #expect(try BrotherQLDecoder.unpack(PackBits.encode(data)) == data)
        }
        #expect(PackBits.encode([UInt8](repeating: 0, count: 90)) == [0xA7, 0x00])  // an empty line: 2 bytes
        #expect(PackBits.encode([1, 2, 3]) == [0x02, 1, 2, 3])
    }
}
