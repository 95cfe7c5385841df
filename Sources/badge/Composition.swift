import BadgeCore
import Foundation
import PostgresStore
import Providers
import ScreenKit
import Storage
import Sync

/// The composition root: the one place that picks concrete types for the seams (store, HTTP
/// transport, provider clients). The sync engine and the console plug in here.
enum Composition {
    /// Opens (creating if needed, mode 0600) the database at `path`.
    static func makeStore(path: String) throws -> any BadgeStore {
        try SQLiteStore.open(path: path)
    }

    /// Connects to the shared PostgreSQL store (SPEC §11) as `desk`. `listen`: follow other
    /// desks' changes (the console and `badge watch`; one-shot commands need not).
    static func makeSharedStore(url: String, desk: String, listen: Bool = true, migrate: Bool = false,
                                countsAsDesk: Bool = true) throws -> PostgresStore
    {
        try PostgresStore.open(url: url, options: .init(desk: desk, migrate: migrate, listen: listen,
                                                        countsAsDesk: countsAsDesk))
    }

    /// This machine's host name (the default desk name on a shared database).
    static func hostName() -> String {
        let name = ProcessInfo.processInfo.hostName
        let short = name.split(separator: ".").first.map(String.init) ?? name
        return short.isEmpty ? "desk" : short
    }

    /// The log file of SPEC §8 (`$XDG_STATE_HOME/badge/badge.log`, 0600); every line sanitised.
    static func makeLog(paths: AppPaths) -> any LogSink {
        RotatingFileLog(path: paths.logFile, sanitize: { Sanitizer.sanitize($0, maxWidth: 4000) })
    }

    /// The network for real providers (and the loopback simulator).
    static func makeTransport() -> any HTTPTransport {
        URLSessionTransport()
    }

    /// A client for a stored integration (credential and base URL from the database).
    /// `ledger`: the account's rate budget shared by every process on the database
    /// (`rateLedger(of: store)`; issue #18).
    static func makeClient(for integration: Integration, log: any LogSink = NullLog(),
                           ledger: (any RateLedger)?) throws -> any ProviderClient {
        try makeClient(provider: integration.provider, credential: integration.credential,
                       baseURL: integration.baseURL, log: log, ledger: ledger)
    }

    static func makeClient(provider: Provider, credential: String, baseURL: String,
                           log: any LogSink = NullLog(), ledger: (any RateLedger)?) throws -> any ProviderClient {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil
        else { throw CLIError.failed("bad base URL '\(Integration.redactURL(baseURL))': expected http(s)://host[/path]") }
        switch provider {
        case .eventbrite:
            return EventbriteClient(baseURL: url, token: credential, transport: makeTransport(), ledger: ledger)
        case .luma:
            return LumaClient(baseURL: url, apiKey: credential, transport: makeTransport(), log: log, ledger: ledger)
        }
    }

    /// The rate budget every process on the store's database shares (SQLite file or PostgreSQL).
    static func rateLedger(of store: any BadgeStore) -> (any RateLedger)? {
        StoreRateLedger.of(store)
    }

    /// The sync engine over the store, with clients built from stored integrations and the
    /// store's shared rate budget.
    static func makeEngine(store: any BadgeStore, config: BadgeConfig, log: any LogSink) -> SyncEngine {
        let ledger = rateLedger(of: store)
        return SyncEngine(store: store, clientFactory: { try makeClient(for: $0, log: log, ledger: ledger) },
                   config: SyncConfig(pollInterval: config.pollInterval, massCancelThreshold: config.massCancelThreshold),
                   log: log)
    }
}
