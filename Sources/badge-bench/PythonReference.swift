import Foundation

/// The honest baseline of SPEC §9 / issue #18: the 30-line Python script a person would write to
/// import an event's attendees into SQLite — urllib, `json`, `sqlite3` `executemany` with an
/// upsert, WAL, one transaction per page — run through its command line like `badge events
/// import`. Written to a temporary file when the bench runs (python3 from the system).
enum PythonReference {
    static let script = #"""
"""Import an event's attendees into SQLite: the plain script a person would write (issue #18)."""
import json, sqlite3, sys, urllib.request

provider, base, credential, event, db_path = sys.argv[1:6]
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("""CREATE TABLE IF NOT EXISTS attendees (event_id TEXT, attendee_id TEXT, order_id TEXT, name TEXT,
    email TEXT, company TEXT, job_title TEXT, ticket TEXT, barcode TEXT, status TEXT, checked_in TEXT,
    PRIMARY KEY (event_id, attendee_id))""")
UPSERT = """INSERT INTO attendees VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (event_id, attendee_id) DO UPDATE SET
    order_id=excluded.order_id, name=excluded.name, email=excluded.email, company=excluded.company,
    job_title=excluded.job_title, ticket=excluded.ticket, barcode=excluded.barcode, status=excluded.status,
    checked_in=excluded.checked_in"""
headers = {"Authorization": "Bearer " + credential} if provider == "eventbrite" else {"x-luma-api-key": credential}

def get(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return json.load(response)

def save(rows):
    with db:  # one transaction per page
        db.executemany(UPSERT, rows)

cursor, total = None, 0
while True:
    if provider == "eventbrite":
        page = get(f"{base}/events/{event}/orders/?expand=attendees&status=all_not_deleted"
                   + (f"&continuation={cursor}" if cursor else ""))
        rows = [(event, a["id"], a.get("order_id"), a["profile"].get("name"), a["profile"].get("email"),
                 a["profile"].get("company"), a["profile"].get("job_title"), a.get("ticket_class_name"),
                 (a.get("barcodes") or [{}])[0].get("barcode"),
                 "NOT_ATTENDING" if a.get("cancelled") or a.get("refunded") else "ATTENDING",
                 str(a.get("checked_in"))) for o in page["orders"] for a in o.get("attendees") or []]
        more, cursor = page["pagination"].get("has_more_items"), page["pagination"].get("continuation")
    else:
        page = get(f"{base}/v1/events/guests/list?event_id={event}&pagination_limit=50"
                   + (f"&pagination_cursor={cursor}" if cursor else ""))
        rows = []
        for g in page["entries"]:
            ticket = (g.get("event_tickets") or [{}])[0]
            answers = ((g.get("registration_answers") or [{}])[0].get("value") or {})
            rows.append((event, g["id"], None, g.get("user_name"), g.get("user_email"), answers.get("company"),
                         answers.get("job_title"), ticket.get("name"), g.get("check_in_qr_code"),
                         "ATTENDING" if g.get("approval_status") == "approved" else "NOT_ATTENDING",
                         ticket.get("checked_in_at")))
        more, cursor = page.get("has_more"), page.get("next_cursor")
    save(rows)
    total += len(rows)
    if not more:
        break
print(total)
"""#

    /// Writes the script into `directory`; returns its path.
    static func write(into directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("reference_import.py")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
