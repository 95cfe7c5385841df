import BadgeCore
import Foundation
import Printing

extension LabelEncoding {
    /// The real encoders: the badge rasterised at the printer's resolution (`LabelRasterizer`),
    /// then ZPL II (`ZPLEncoder`, options from the address) or Brother QL raster
    /// (`BrotherQLEncoder`, 300 dpi heads); `~HS` read by `ZPLHostStatus`.
    public static let standard = LabelEncoding(
        encode: { attendee, template, fonts, address in
            do {
                switch address.language {
                case .zpl:
                    let options = try ZPLOptions.parse(query: address.optionsQuery)
                    let raster = try LabelRasterizer.raster(attendee: attendee, template: template, fonts: fonts,
                                                            dpi: options.resolution)
                    return (Data(ZPLEncoder.encode(raster.bitmap, options: options)), raster.missingGlyphs)
                case .brotherQL:
                    let options = try BrotherQLOptions.parse(query: address.optionsQuery)
                    let raster = try LabelRasterizer.raster(attendee: attendee, template: template, fonts: fonts, dpi: .dpi300)
                    return (Data(try BrotherQLEncoder.encode(raster.bitmap, options: options)), raster.missingGlyphs)
                case nil:
                    throw PrinterError.encoding("\(address) is not a label printer")
                }
            } catch let error as LabelOptionError {
                throw PrinterError.encoding(error.description)
            }
        },
        statusProblems: { answer in
            guard let status = try? ZPLHostStatus.parse([UInt8](answer)) else { return nil }
            return status.reason.map { [$0] } ?? []
        })
}
