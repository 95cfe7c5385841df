import Foundation

/// Several desks, one event (SPEC §11 "One poller per event"): a store shared by several desks
/// elects one sync leader per event, passes resync requests to it and tells who is online. The
/// SQLite store does not implement it: one laptop syncs its events itself.
///
/// Leadership belongs to the desk's connection, not to a row: when the leader's process dies or
/// its connection breaks, the server releases it, and the next desk that asks takes over.
public protocol SyncCoordinator: AnyObject, Sendable {
    /// This desk's name.
    var deskName: String { get }
    /// Leads `eventId`'s sync unless another desk does; true while this desk leads (idempotent,
    /// cheap when already leading).
    func leadSync(eventId: Int64) throws -> Bool
    /// Stops leading the event (the engine shuts down); the next desk that asks takes over.
    func releaseSync(eventId: Int64)
    /// The desk syncing the event now (nil: none).
    func syncLeader(eventId: Int64) throws -> String?
    /// The desk syncing each event that has one now, in one read.
    func syncLeaders() throws -> [Int64: String]
    /// A desk that does not lead asks the leader for a full resync (S at any desk).
    func requestResync(eventId: Int64) throws
    /// The leader takes the event's pending resync request (true when there was one).
    func takeResyncRequest(eventId: Int64) throws -> Bool
    /// The desks with a console (or `badge watch`) connected now, sorted.
    func desksOnline() throws -> [String]
}
