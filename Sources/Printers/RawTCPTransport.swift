import Foundation

/// A job over raw TCP (port 9100). With `statusProblems` (ZPL), the printer is asked `~HS` on a
/// connection of its own first: a printer that reports a problem gets nothing, and the job fails
/// with the printer's words; a printer that does not answer within `timeouts.status` is sent the
/// job anyway (not every printer answers). The job's connection is then written, half-closed,
/// and held until the printer closes it (it has read everything) or `timeouts.write` passes.
public struct RawTCPTransport: PrinterTransport {
    public let host: String
    public let port: Int
    public let target: String
    public let timeouts: RawTCPConnection.Timeouts
    public let statusProblems: (@Sendable (Data) -> [String]?)?

    public init(host: String, port: Int, target: String, timeouts: RawTCPConnection.Timeouts,
                statusProblems: (@Sendable (Data) -> [String]?)?) {
        self.host = host
        self.port = port
        self.target = target
        self.timeouts = timeouts
        self.statusProblems = statusProblems
    }

    public func send(_ bytes: Data) throws {
        if let statusProblems, let problems = try queryStatus(statusProblems), !problems.isEmpty {
            throw PrinterError.notReady(target: target, problems: problems)
        }
        let connection = try RawTCPConnection.open(host: host, port: port, timeout: timeouts.connect, target: target)
        defer { connection.close() }
        try connection.write(bytes, timeout: timeouts.write)
        try connection.finish(timeout: timeouts.write, total: bytes.count)
    }

    /// `~HS` on its own connection: the problems, or nil when the printer did not answer.
    func queryStatus(_ parse: @Sendable (Data) -> [String]?) throws -> [String]? {
        let connection = try RawTCPConnection.open(host: host, port: port, timeout: timeouts.connect, target: target)
        defer { connection.close() }
        try connection.write(Data("~HS".utf8), timeout: timeouts.status)
        let answer = try connection.read(timeout: timeouts.status) { data in data.filter { $0 == 0x03 }.count >= 3 }
        guard !answer.isEmpty else { return nil }
        return parse(answer)
    }
}
