/// How a badge is printed on a Brother QL printer: the model (its head width and commands), the
/// loaded label roll, cutting and copies. Parsed from `brother-ql://HOST?model=QL-820NWB&label=62x100`.
public struct BrotherQLOptions: Sendable, Equatable {
    public var model: BrotherQLModel
    public var label: BrotherQLLabel
    /// Cut after each badge (models with a cutter).
    public var cutEach: Bool
    /// Copies of the badge, 1–99 (each its own page; cut between them when `cutEach`).
    public var copies: Int
    /// `ESC i z` high-quality flag (slower; the printer's default is quality on).
    public var highQuality: Bool
    /// Send TIFF/PackBits-compressed raster lines when the model accepts them.
    public var compress: Bool

    public init(model: BrotherQLModel, label: BrotherQLLabel, cutEach: Bool = true, copies: Int = 1,
                highQuality: Bool = true, compress: Bool = true) {
        self.model = model
        self.label = label
        self.cutEach = cutEach
        self.copies = copies
        self.highQuality = highQuality
        self.compress = compress
    }

    /// Options from a query such as `model=QL-820NWB&label=62x100&cut=yes&copies=2`. `model` and
    /// `label` are required; a 102 mm roll on a 62 mm model is refused.
    public static func parse(query: String) throws(LabelOptionError) -> BrotherQLOptions {
        var model: BrotherQLModel?, label: BrotherQLLabel?
        var cut = true, copies = 1, quality = true, compress = true
        for (key, value) in try LabelOptionError.pairs(query) {
            switch key {
            case "model": model = try BrotherQLModel.parse(value)
            case "label": label = try BrotherQLLabel.parse(value)
            case "cut": cut = try flag(key, value)
            case "copies", "quantity": copies = try LabelOptionError.integer(key, value, in: 1...99)
            case "quality": quality = try flag(key, value)
            case "compress": compress = try flag(key, value)
            case "lang": continue
            default: throw .unknownKey(key: key, known: ["model", "label", "cut", "copies", "quality", "compress"])
            }
        }
        guard let model else { throw .missing(key: "model", expected: "e.g. model=QL-820NWB") }
        guard let label else { throw .missing(key: "label", expected: "e.g. label=62 or label=62x100") }
        if label.needsWideModel, !model.isWide {
            throw .badValue(key: "label", value: label.name, expected: "a roll up to 62 mm on the \(model.name)")
        }
        return BrotherQLOptions(model: model, label: label, cutEach: cut, copies: copies, highQuality: quality,
                                compress: compress)
    }

    private static func flag(_ key: String, _ value: String) throws(LabelOptionError) -> Bool {
        switch value.lowercased() {
        case "1", "yes", "true", "on": return true
        case "0", "no", "false", "off": return false
        default: throw .badValue(key: key, value: value, expected: "yes or no")
        }
    }
}
