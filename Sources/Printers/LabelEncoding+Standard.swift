import BadgeCore
import Foundation
import Printing

extension LabelEncoding {
    /// The real encoders: `LabelLanguage` (ZPL II or Brother QL raster, options from the
    /// address) lays the badge out, rasterises it at the printer's resolution and encodes it;
    /// `~HS` is read by `ZPLHostStatus`.
    public static let standard = LabelEncoding(
        encode: { attendee, template, fonts, address in
            guard let lang = address.language else { throw PrinterError.encoding("\(address) is not a label printer") }
            do {
                let language = try LabelLanguage.parse(lang: lang.rawValue, query: address.optionsQuery)
                let job = try language.job(attendee: attendee, template: template, fonts: fonts)
                return (Data(job.bytes), job.badge.missingGlyphs)
            } catch let error as LabelOptionError {
                throw PrinterError.encoding(error.description)
            }
        },
        statusProblems: { answer in
            guard let status = try? ZPLHostStatus.parse([UInt8](answer)) else { return nil }
            return status.reason.map { [$0] } ?? []
        })
}
