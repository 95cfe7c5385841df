import Foundation

/// Failures of the simulator module, with the context needed to act on them.
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A socket call failed (`call` names it, e.g. "bind 127.0.0.1:8080"; `code` is errno).
    case socket(String, Int32)
    /// The event id is not served (never existed or was deleted).
    case unknownEvent(String)
    /// The attendee/guest id is not in the event.
    case unknownAttendee(event: String, attendee: String)
    /// A control-API argument was missing or malformed.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .socket(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        case .unknownEvent(let id): return "unknown event \(id)"
        case .unknownAttendee(let event, let attendee): return "unknown attendee \(attendee) in event \(event)"
        case .invalidArgument(let text): return "invalid argument: \(text)"
        }
    }
}
