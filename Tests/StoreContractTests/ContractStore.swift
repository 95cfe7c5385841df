import BadgeCore
import Foundation
import PostgresStore
import Storage
import TestSupport

/// One store of a kind on a fresh database (a temporary SQLite file, or a new PostgreSQL
/// database), plus more store instances on the same database (another process, another desk).
/// The database is removed when the value is released.
final class ContractStore: @unchecked Sendable {
    let kind: StoreKind
    let store: any BadgeStore
    private let directory: TemporaryDirectory?
    private let path: String?
    private let url: String?
    private let server: PostgresTestServer?
    private var others: [any BadgeStore] = []

    private init(kind: StoreKind, store: any BadgeStore, directory: TemporaryDirectory? = nil, path: String? = nil,
                 url: String? = nil, server: PostgresTestServer? = nil) {
        self.kind = kind
        self.store = store
        self.directory = directory
        self.path = path
        self.url = url
        self.server = server
    }

    /// A store of `kind` on an empty database, or nil (after a loud skip line) when the kind is
    /// PostgreSQL and no server is installed.
    static func make(_ kind: StoreKind, _ test: String = #function) throws -> ContractStore? {
        switch kind {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "badge-contract")
            let path = directory.file("badge.sqlite")
            return ContractStore(kind: kind, store: try SQLiteStore.open(path: path), directory: directory, path: path)
        case .postgres:
            guard let server = try PostgresTestServer.requireOrSkip("StoreContractTests \(test) on PostgreSQL") else {
                return nil
            }
            let url = try server.createDatabase("contract")
            let store = try PostgresStore.open(url: url, options: .init(desk: "desk-test", migrate: true))
            return ContractStore(kind: kind, store: store, url: url, server: server)
        }
    }

    /// Another store instance on the same database (its own connection), kept open as long as this.
    /// `listen: false` is a PostgreSQL store that does not follow the change feed (one-shot commands).
    func another(desk: String = "desk-other", listen: Bool = true) throws -> any BadgeStore {
        let other: any BadgeStore
        switch kind {
        case .sqlite: other = try SQLiteStore.open(path: path!)
        case .postgres:
            other = try PostgresStore.open(url: url!, options: .init(desk: desk, migrate: false, listen: listen))
        }
        others.append(other)
        return other
    }

    /// The store with one event created in it.
    func withEvent() throws -> (any BadgeStore, Event) {
        (store, try store.createEvent(ContractFixtures.event()))
    }

    /// The most recent audit entries, newest first (not part of the protocol; both stores have it).
    func auditLog(limit: Int = 100) throws -> [AuditEntry] {
        switch store {
        case let s as SQLiteStore: return try s.auditLog(limit: limit)
        case let s as PostgresStore: return try s.auditLog(limit: limit)
        default: return []
        }
    }

    deinit {
        others.removeAll()
        if let url { try? server?.dropDatabase(url: url) }
    }
}
