/// How a badge is printed on a Zebra (ZPL II) printer: resolution, media, darkness, speed,
/// copies. Parsed from the query of a `zpl://HOST?dpi=300&darkness=20&speed=4` address.
///
/// Every setting the printer has its own value for is optional: nil leaves the printer's
/// configured value alone (a desk should not silently re-tune a printer an operator calibrated).
public struct ZPLOptions: Sendable, Equatable {
    /// Media tracking (`^MN`): gap/notch between die-cut labels, continuous, or black mark.
    public enum Media: String, Sendable, Equatable, CaseIterable {
        case gap, continuous, mark
        var command: String {
            switch self {
            case .gap: return "^MNY"
            case .continuous: return "^MNN"
            case .mark: return "^MNM"
            }
        }
    }

    public var resolution: PrintResolution
    /// `~SD`, 0–30 (printer default when nil).
    public var darkness: Int?
    /// `^PR`, print speed in inches per second, 1–14 (printer default when nil).
    public var speed: Int?
    /// `^PW`, label width in dots; nil = the badge raster's width.
    public var labelWidth: Int?
    /// `^LL`, label length in dots; nil = the badge raster's height.
    public var labelLength: Int?
    /// `^PQ`, copies of each badge, 1–99.
    public var quantity: Int
    /// `^MN`; nil leaves the printer's media setting alone.
    public var media: Media?

    public init(resolution: PrintResolution = .dpi203, darkness: Int? = nil, speed: Int? = nil,
                labelWidth: Int? = nil, labelLength: Int? = nil, quantity: Int = 1, media: Media? = nil) {
        self.resolution = resolution
        self.darkness = darkness
        self.speed = speed
        self.labelWidth = labelWidth
        self.labelLength = labelLength
        self.quantity = quantity
        self.media = media
    }

    public static let darknessRange = 0...30
    public static let speedRange = 1...14
    public static let quantityRange = 1...99
    /// ^PW/^LL limits (dots).
    public static let dotsRange = 1...32_000

    /// Options from URL query items (`dpi=300&darkness=20&speed=4&width=800&length=1200&copies=2&media=gap`).
    /// `width` and `length` accept dots (`812`) or millimetres (`102mm`). Unknown keys and bad
    /// values are one-line errors naming the key.
    public static func parse(query: String) throws(LabelOptionError) -> ZPLOptions {
        var options = ZPLOptions()
        var lengths: [(key: String, value: String)] = []
        for (key, value) in try LabelOptionError.pairs(query) {
            switch key {
            case "dpi":
                guard let r = PrintResolution.parse(value) else { throw .badValue(key: key, value: value, expected: "203 or 300") }
                options.resolution = r
            case "darkness":
                options.darkness = try LabelOptionError.integer(key, value, in: darknessRange)
            case "speed":
                options.speed = try LabelOptionError.integer(key, value, in: speedRange)
            case "copies", "quantity":
                options.quantity = try LabelOptionError.integer(key, value, in: quantityRange)
            case "media":
                guard let m = Media(rawValue: value.lowercased()) else {
                    throw .badValue(key: key, value: value, expected: "gap, continuous or mark")
                }
                options.media = m
            case "width", "length":
                lengths.append((key, value))
            case "lang":
                continue  // file:/cups-raw: addresses name the language; nothing to set here
            default:
                throw .unknownKey(key: key, known: ["dpi", "darkness", "speed", "width", "length", "copies", "media"])
            }
        }
        // Lengths in mm need the resolution, which may come later in the query.
        for (key, value) in lengths {
            let dots: Int
            if value.lowercased().hasSuffix("mm"), let mm = Double(value.dropLast(2)), mm > 0, mm < 2_000 {
                dots = options.resolution.dots(millimetres: mm)
            } else if let n = Int(value), dotsRange.contains(n) {
                dots = n
            } else {
                throw .badValue(key: key, value: value, expected: "dots (1–32000) or millimetres like 102mm")
            }
            if key == "width" { options.labelWidth = dots } else { options.labelLength = dots }
        }
        return options
    }
}
