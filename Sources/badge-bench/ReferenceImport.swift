import BadgeCore
import CSQLite
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The "plain script doing the same fetch → parse → insert" of SPEC §9, written the way such a
/// script is written: one request at a time with URLSession (sequential continuation / cursor
/// paging), the generic `JSONSerialization` parse into dictionaries, and the sqlite3 C API with
/// ONE prepared `INSERT OR REPLACE` reused for every row and ONE transaction per page, on a plain
/// table (one UNIQUE key, no search index, no sort indexes) with SQLite's default journal
/// (rollback journal, `synchronous=FULL`). Autocommit per row would be far slower (an fsync per
/// row); the per-page transaction makes the reference the stronger, fairer baseline.
final class ReferenceImport {
    let baseURL: String
    let credential: String
    let provider: Provider
    let eventId: String
    private let session: URLSession
    private var db: OpaquePointer?
    private var insert: OpaquePointer?
    /// false: autocommit, one implicit transaction (and its fsyncs) per INSERT.
    let transactionPerPage: Bool
    private(set) var requests = 0
    private(set) var rows = 0

    init(provider: Provider, baseURL: String, credential: String, eventId: String, dbPath: String,
         transactionPerPage: Bool = true) throws {
        self.provider = provider
        self.transactionPerPage = transactionPerPage
        self.baseURL = baseURL
        self.credential = credential
        self.eventId = eventId
        session = URLSession(configuration: .ephemeral)
        guard sqlite3_open(dbPath, &db) == SQLITE_OK else { throw BenchError.failed("reference: cannot open \(dbPath)") }
        try exec("""
            CREATE TABLE IF NOT EXISTS attendees (
                id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, attendee_id TEXT NOT NULL, order_id TEXT,
                name TEXT, first_name TEXT, last_name TEXT, email TEXT, company TEXT, job_title TEXT,
                ticket_name TEXT, barcode TEXT, status TEXT, checked_in INTEGER, changed TEXT,
                UNIQUE (event_id, attendee_id))
            """)
        guard sqlite3_prepare_v2(db, """
            INSERT OR REPLACE INTO attendees (event_id, attendee_id, order_id, name, first_name, last_name, email,
                company, job_title, ticket_name, barcode, status, checked_in, changed)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """, -1, &insert, nil) == SQLITE_OK else { throw BenchError.failed("reference: prepare failed") }
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }

    /// Runs the whole import on the calling thread.
    func run() throws {
        switch provider {
        case .eventbrite: try runEventbrite()
        case .luma: try runLuma()
        }
    }

    // MARK: fetching

    private func get(_ url: String) throws -> [String: Any] {
        guard let u = URL(string: url) else { throw BenchError.failed("reference: bad URL") }
        var request = URLRequest(url: u)
        if provider == .eventbrite {
            request.setValue("Bearer \(credential)", forHTTPHeaderField: "Authorization")
        } else {
            request.setValue(credential, forHTTPHeaderField: "x-luma-api-key")
        }
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            box.data = data
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.failed = error != nil
            done.signal()
        }.resume()
        done.wait()
        requests += 1
        guard !box.failed, box.status == 200, let data = box.data,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchError.failed("reference: request failed (\(box.status))")
        }
        return object
    }

    private func runEventbrite() throws {
        var continuation: String?
        repeat {
            var url = "\(baseURL)/events/\(eventId)/orders/?expand=attendees&status=all_not_deleted"
            if let continuation { url += "&continuation=\(continuation)" }
            let page = try get(url)
            try begin()
            for order in page["orders"] as? [[String: Any]] ?? [] {
                for a in order["attendees"] as? [[String: Any]] ?? [] {
                    let profile = a["profile"] as? [String: Any] ?? [:]
                    let barcode = (a["barcodes"] as? [[String: Any]])?.first?["barcode"] as? String
                    let cancelled = (a["cancelled"] as? Bool ?? false) || (a["refunded"] as? Bool ?? false)
                    try insertRow([a["event_id"] as? String ?? eventId, a["id"] as? String, a["order_id"] as? String,
                                   profile["name"] as? String, profile["first_name"] as? String,
                                   profile["last_name"] as? String, profile["email"] as? String,
                                   profile["company"] as? String, profile["job_title"] as? String,
                                   a["ticket_class_name"] as? String, barcode,
                                   cancelled ? "NOT_ATTENDING" : "ATTENDING"],
                                  checkedIn: a["checked_in"] as? Bool ?? false, changed: a["changed"] as? String)
                }
            }
            try commit()
            let pagination = page["pagination"] as? [String: Any] ?? [:]
            continuation = (pagination["has_more_items"] as? Bool ?? false) ? pagination["continuation"] as? String : nil
        } while continuation != nil
    }

    private func runLuma() throws {
        var cursor: String?
        repeat {
            var url = "\(baseURL)/v1/events/guests/list?event_id=\(eventId)&pagination_limit=50"
            if let cursor { url += "&pagination_cursor=\(cursor)" }
            let page = try get(url)
            try begin()
            for g in page["entries"] as? [[String: Any]] ?? [] {
                let ticket = (g["event_tickets"] as? [[String: Any]])?.first
                let answers = (g["registration_answers"] as? [[String: Any]])?.first?["value"] as? [String: Any]
                let approval = g["approval_status"] as? String ?? ""
                try insertRow([eventId, g["id"] as? String, nil, g["user_name"] as? String,
                               g["user_first_name"] as? String, g["user_last_name"] as? String,
                               g["user_email"] as? String, answers?["company"] as? String,
                               answers?["job_title"] as? String, ticket?["name"] as? String,
                               g["check_in_qr_code"] as? String,
                               approval == "approved" ? "ATTENDING" : "NOT_ATTENDING"],
                              checkedIn: ticket?["checked_in_at"] as? String != nil, changed: g["created_at"] as? String)
            }
            try commit()
            cursor = (page["has_more"] as? Bool ?? false) ? page["next_cursor"] as? String : nil
        } while cursor != nil
    }

    // MARK: inserting

    private func insertRow(_ texts: [String?], checkedIn: Bool, changed: String?) throws {
        sqlite3_reset(insert)
        sqlite3_clear_bindings(insert)
        for (i, text) in texts.enumerated() {
            if let text { sqlite3_bind_text(insert, Int32(i + 1), text, -1, csqlite_transient()) }
        }
        sqlite3_bind_int(insert, 13, checkedIn ? 1 : 0)
        if let changed { sqlite3_bind_text(insert, 14, changed, -1, csqlite_transient()) }
        guard sqlite3_step(insert) == SQLITE_DONE else {
            throw BenchError.failed("reference: insert failed: \(String(cString: sqlite3_errmsg(db)))")
        }
        rows += 1
    }

    private func begin() throws { if transactionPerPage { try exec("BEGIN") } }
    private func commit() throws { if transactionPerPage { try exec("COMMIT") } }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError.failed("reference: \(sql.prefix(30)): \(String(cString: sqlite3_errmsg(db)))")
        }
    }
}

/// The completion handler's result, handed to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
    var data: Data?
    var status = 0
    var failed = false
}
