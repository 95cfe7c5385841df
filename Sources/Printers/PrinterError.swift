import Foundation

/// Why a badge did not reach a printer, in words a desk can act on (SPEC §12: offline, refused,
/// timeout, out of labels where the printer says so). `description` is the one line a failed
/// job records and the desk shows.
public enum PrinterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens on the port (the printer is off, or it is not a raw-print port).
    case refused(target: String)
    /// No answer within the timeout (`phase`: connect, send, status).
    case timedOut(target: String, phase: String, seconds: Double)
    /// No route to the host, the network is down, or the name does not resolve.
    case unreachable(target: String, detail: String)
    /// The printer closed the connection after `sent` of `total` bytes.
    case closedMidJob(target: String, sent: Int, total: Int)
    /// The printer answered its status: it cannot print now ("out of labels", "head open", "paused").
    case notReady(target: String, problems: [String])
    /// A device file could not be opened or written.
    case device(path: String, reason: String)
    /// `lp` is missing or refused the job.
    case lp(queue: String, reason: String)
    /// The badge could not be turned into the printer's language.
    case encoding(String)

    public var description: String {
        switch self {
        case let .refused(target):
            return "\(target): connection refused (is the printer on and is this its raw port?)"
        case let .timedOut(target, phase, seconds):
            return "\(target): timed out after \(Self.seconds(seconds)) (\(phase))"
        case let .unreachable(target, detail):
            return "\(target): unreachable (\(detail))"
        case let .closedMidJob(target, sent, total):
            return sent == total
                ? "\(target): the printer reset the connection before taking the whole job"
                : "\(target): the printer closed the connection mid-job (\(sent) of \(total) bytes sent)"
        case let .notReady(target, problems):
            return "\(target): \(problems.joined(separator: ", "))"
        case let .device(path, reason):
            return "\(path): \(reason)"
        case let .lp(queue, reason):
            return "lp \(queue): \(reason)"
        case let .encoding(reason):
            return "cannot encode the badge: \(reason)"
        }
    }

    /// A short word for the job list: refused, timeout, unreachable, closed, not ready, device, lp.
    public var kind: String {
        switch self {
        case .refused: return "refused"
        case .timedOut: return "timeout"
        case .unreachable: return "unreachable"
        case .closedMidJob: return "closed"
        case .notReady: return "not ready"
        case .device: return "device"
        case .lp: return "lp"
        case .encoding: return "encoding"
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
