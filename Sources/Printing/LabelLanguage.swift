import BadgeCore

/// The language a label printer speaks, with its options: what the delivery side (print queue,
/// transports) needs to turn a badge into the bytes for one printer. The printer address names
/// it (`zpl://…`, `brother-ql://…`, or `lang=` on `file:` / `cups-raw:` addresses).
public enum LabelLanguage: Sendable, Equatable {
    case zpl(ZPLOptions)
    case brotherQL(BrotherQLOptions)

    /// The resolution to rasterise at (Brother QL heads are 300 dpi).
    public var resolution: PrintResolution {
        switch self {
        case .zpl(let o): return o.resolution
        case .brotherQL: return .dpi300
        }
    }

    /// `lang` as written in an address (`zpl`, `brother-ql`) with the address's query.
    public static func parse(lang: String, query: String) throws(LabelOptionError) -> LabelLanguage {
        switch lang.lowercased() {
        case "zpl", "zpl2", "zebra": return .zpl(try ZPLOptions.parse(query: query))
        case "brother-ql", "brotherql", "ql": return .brotherQL(try BrotherQLOptions.parse(query: query))
        default: throw .badValue(key: "lang", value: lang, expected: "zpl or brother-ql")
        }
    }

    /// The printer's bytes for a badge rasterised at `resolution` (another resolution would
    /// print at the wrong size, so it is refused).
    public func encode(_ badge: RasterBadge) throws(LabelOptionError) -> [UInt8] {
        guard badge.resolution == resolution else {
            throw .badValue(key: "dpi", value: "\(badge.resolution.dotsPerInch)",
                            expected: "the printer's \(resolution.dotsPerInch) dpi")
        }
        switch self {
        case .zpl(let o): return ZPLEncoder.encode(badge.bitmap, options: o)
        case .brotherQL(let o): return try BrotherQLEncoder.encode(badge.bitmap, options: o)
        }
    }

    /// Lays out, rasterises and encodes one attendee's badge for this printer.
    public func job(attendee: Attendee, template: BadgeTemplate, fonts: FontSet) throws -> (bytes: [UInt8], badge: RasterBadge) {
        let badge = try LabelRasterizer.raster(attendee: attendee, template: template, fonts: fonts, dpi: resolution)
        return (try encode(badge), badge)
    }
}
