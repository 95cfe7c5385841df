/// A Brother QL label printer model and what its raster command set supports.
///
/// Figures from Brother's "QL series raster command reference" manuals (QL-500…1060N, QL-710W/
/// 720NW, QL-800/810W/820NWB, QL-1100/1110NWB) as tabulated by the open-source `brother_ql`
/// driver: all QL heads are 300 dpi; 720 dots (90 bytes a raster line) on 62 mm models and
/// 1296 dots (162 bytes) on the 102 mm models, whose label area starts 44 dots further in.
public struct BrotherQLModel: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    /// Bytes of one raster line (the whole print head, 8 dots a byte).
    public let bytesPerRow: Int
    /// Extra dots between the head's first dot and the label's right margin (wide models).
    public let additionalRightOffset: Int
    /// Accepts `ESC i a 1` (switch to raster mode); older models are always in raster mode.
    public let modeSetting: Bool
    /// Has a cutter (`ESC i M` auto-cut, `ESC i A` cut every N).
    public let cutting: Bool
    /// Accepts `ESC i K` (expanded mode: cut at end).
    public let expandedMode: Bool
    /// Accepts `M 0x02` (TIFF/PackBits raster lines) and `Z` (empty lines).
    public let compression: Bool
    /// Zero bytes sent first to clear a half-received job (400 on the QL-800 family).
    public let invalidateBytes: Int
    /// Can print 102/103/104 mm media.
    public var isWide: Bool { bytesPerRow > 90 }
    /// Dots across the whole print head.
    public var headDots: Int { bytesPerRow * 8 }

    public var description: String { name }

    init(_ name: String, bytesPerRow: Int = 90, additionalRightOffset: Int = 0, modeSetting: Bool = true,
         cutting: Bool = true, expandedMode: Bool = true, compression: Bool = true, invalidateBytes: Int = 200) {
        self.name = name
        self.bytesPerRow = bytesPerRow
        self.additionalRightOffset = additionalRightOffset
        self.modeSetting = modeSetting
        self.cutting = cutting
        self.expandedMode = expandedMode
        self.compression = compression
        self.invalidateBytes = invalidateBytes
    }

    public static let all: [BrotherQLModel] = [
        BrotherQLModel("QL-500", modeSetting: false, cutting: false, expandedMode: false, compression: false),
        BrotherQLModel("QL-550", modeSetting: false, compression: false),
        BrotherQLModel("QL-560", modeSetting: false, compression: false),
        BrotherQLModel("QL-570", modeSetting: false, compression: false),
        BrotherQLModel("QL-580N"),
        BrotherQLModel("QL-650TD"),
        BrotherQLModel("QL-700", modeSetting: false, compression: false),
        BrotherQLModel("QL-710W"),
        BrotherQLModel("QL-720NW"),
        BrotherQLModel("QL-800", compression: false, invalidateBytes: 400),
        BrotherQLModel("QL-810W", invalidateBytes: 400),
        BrotherQLModel("QL-820NWB", invalidateBytes: 400),
        BrotherQLModel("QL-1050", bytesPerRow: 162, additionalRightOffset: 44),
        BrotherQLModel("QL-1060N", bytesPerRow: 162, additionalRightOffset: 44),
        BrotherQLModel("QL-1100", bytesPerRow: 162, additionalRightOffset: 44),
        BrotherQLModel("QL-1110NWB", bytesPerRow: 162, additionalRightOffset: 44),
        BrotherQLModel("QL-1115NWB", bytesPerRow: 162, additionalRightOffset: 44),
    ]

    /// The model named `text` ("QL-820NWB", case-insensitive, "ql820nwb" too), or a one-line error.
    public static func parse(_ text: String) throws(LabelOptionError) -> BrotherQLModel {
        let key = normalised(text)
        if let model = all.first(where: { normalised($0.name) == key }) { return model }
        throw .badValue(key: "model", value: text, expected: "a Brother QL model: " + all.map(\.name).joined(separator: ", "))
    }

    private static func normalised(_ text: String) -> String {
        String(text.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
