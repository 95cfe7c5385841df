import BadgeCore
import Foundation
import Printing

/// Delivers one badge to one printer address (SPEC §12): the PDF to a folder or `lp`, or the
/// label printer's own language over raw TCP, a device file or `lp -o raw`. For a ZPL printer on
/// the network it asks `~HS` first and refuses to send to a printer that says it cannot print
/// (out of labels, head open, paused): nothing is half-printed and the reason is the printer's.
public struct BadgeDelivery: Sendable {
    public let address: PrinterAddress
    public var timeouts: RawTCPConnection.Timeouts
    public var labels: LabelEncoding?
    /// For a `pdf:` address: this exact file instead of one named after the job (`--out FILE.pdf`;
    /// its folder must exist, as before).
    public var pdfFile: String?

    public init(address: PrinterAddress, timeouts: RawTCPConnection.Timeouts = .init(), labels: LabelEncoding?) {
        self.address = address
        self.timeouts = timeouts
        self.labels = labels
    }

    /// Renders and sends; `fileName` names the PDF in a `pdf:` folder.
    public func deliver(attendee: Attendee, template: BadgeTemplate, fonts: FontSet, fileName: String) throws -> DeliveredBadge {
        let title = "Badge: \(attendee.badgeName)"
        switch address {
        case let .pdf(directory):
            let rendered = try BadgeRenderer.renderBadge(attendee: attendee, template: template, fonts: fonts)
            let path: String
            if let pdfFile {
                path = pdfFile
            } else {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                path = (directory as NSString).appendingPathComponent(fileName)
            }
            try BadgePrinter().deliver(rendered.pdf, to: .file(path))
            return DeliveredBadge(templateName: template.name, output: path, wentToPrinter: false,
                                  missingGlyphs: rendered.missingGlyphs)
        case let .cups(queue):
            let rendered = try BadgeRenderer.renderBadge(attendee: attendee, template: template, fonts: fonts)
            try LPCommand(queue: queue, raw: false, title: title).send(rendered.pdf)
            return DeliveredBadge(templateName: template.name, output: "printer:\(queue)", wentToPrinter: true,
                                  missingGlyphs: rendered.missingGlyphs)
        default:
            guard let labels else {
                throw PrinterError.encoding("this build cannot encode \(address.language?.rawValue ?? "?") labels")
            }
            let encoded = try labels.encode(attendee, template, fonts, address)
            try transport(title: title).send(encoded.bytes)
            return DeliveredBadge(templateName: template.name, output: "printer:\(address)", wentToPrinter: true,
                                  missingGlyphs: encoded.missingGlyphs)
        }
    }

    /// The transport of a label printer address.
    func transport(title: String) -> any PrinterTransport {
        switch address {
        case let .zpl(host, port, _):
            return RawTCPTransport(host: host, port: port, target: address.description, timeouts: timeouts,
                                   statusProblems: labels?.statusProblems)
        case let .brotherQL(host, port, _):
            return RawTCPTransport(host: host, port: port, target: address.description, timeouts: timeouts,
                                   statusProblems: nil)
        case let .device(path, _, _):
            return DeviceFileTransport(path: path, timeout: timeouts.write)
        case let .cupsRaw(queue, _, _):
            return LPCommand(queue: queue, raw: true, title: title)
        case let .cups(queue):
            return LPCommand(queue: queue, raw: false, title: title)
        case .pdf:
            return LPCommand(queue: "", raw: false, title: title, lpPath: nil)
        }
    }
}
