import BadgeCore
import Foundation
import Storage
import TestSupport

/// SPEC §9 "scan: last key of a scanner burst to the verdict on screen, any scanner speed up to
/// 50 ms/key, machine loaded": the real `badge` console in a pseudo-terminal, a busy process
/// beside it, express mode; each valid scan is followed by an unknown code so every verdict
/// rewrites the screen. The time runs from writing the Enter to the verdict's text arriving on
/// the terminal (a check-in verdict is drawn only once the check-in is durable). The database is
/// then checked for wrong-person actions.
enum ScanBench {
    static let speeds: [Double] = [2, 10, 20, 35, 50]

    static func run(options: BenchOptions, report: inout Report) throws {
        let perSpeed = options.quick ? 4 : 40
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("badge-scanbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("config/badge"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "scan_mode = express\nstation = Bench desk\n".write(
            to: home.appendingPathComponent("config/badge/config"), atomically: true, encoding: .utf8)
        let db = home.appendingPathComponent("scan.sqlite").path
        let store = try SQLiteStore.open(path: db)
        let event = try store.createEvent(Event(provider: .eventbrite, externalId: "777", name: "Door Bench",
                                                syncStatus: .active, accessCode: "B", lastSyncedAt: Date()))
        let count = perSpeed * speeds.count + 10
        let rows = (0..<count).map { i in
            ProviderAttendee(providerAttendeeId: "A\(i)", orderId: "O\(i)", name: i < 10 ? "Aaa Bystander \(i)" : "Guest \(i)",
                             email: "g\(i)@example.com", ticketName: "General",
                             barcode: String(format: "31010000007331015%05d001", i), status: .attending,
                             providerStatus: "Attending")
        }
        _ = try store.applyPage(eventId: event.id, attendees: rows, checkpoint: nil, now: Date())

        let badge = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("badge")
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        env["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "NO_COLOR")

        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/bin/sh")
        load.arguments = ["-c", "end=$(( $(date +%s) + 900 )); while [ $(date +%s) -lt $end ]; do :; done"]
        try load.run()
        defer {
            kill(load.processIdentifier, SIGKILL)
            load.waitUntilExit()
        }
        let tty = try PseudoTerminal(badge: badge, args: ["--db", db], environment: env)
        func human(_ text: String) {
            for c in text.utf8 {
                tty.send([c])
                usleep(200_000)
            }
        }
        guard tty.waitFor("Door Bench") else { throw BenchError.failed("scan bench: the console did not start") }
        human("\r")
        guard tty.waitFor("Scan mode") else { throw BenchError.failed("scan bench: the event did not open") }
        human("jjj")  // the cursor rests on a bystander: a wrong-person action would touch them

        var scanned = Set<String>()
        var next = 10
        var late = 0
        for speed in speeds {
            var valid = Samples(), unknown = Samples()
            for k in 0..<perSpeed {
                let i = next
                next += 1
                for (code, marker) in [(rows[i].barcode ?? "", "Checked in"), ("9\(k)\(i)00000000000000000", "UNKNOWN")] {
                    let offset = tty.byteCount
                    let sent = tty.scan(code, gapMs: speed)
                    if marker == "Checked in" { scanned.insert(rows[i].providerAttendeeId) }
                    let shown = tty.waitFor(marker, after: offset, timeout: 5, pollMs: 0.5)
                    let ms = (PseudoTerminal.now() - sent.enterAt) * 1000
                    if sent.longestGapMs > speed * 1.25 {
                        late += 1  // this process typed late (load); not a scanner at that speed
                    } else if shown {
                        if marker == "Checked in" { valid.values.append(ms) } else { unknown.values.append(ms) }
                    }
                    usleep(120_000)
                }
            }
            let label = "\(Int(speed)) ms/key"
            report.add(Figure("scan → verdict ✔ CHECKED IN (durable), \(label), loaded", unit: "ms", valid, goal: .atMost(50)))
            report.add(Figure("scan → verdict ✖ UNKNOWN CODE, \(label), loaded", unit: "ms", unknown, goal: .atMost(50)))
        }
        human("\u{1B}")
        usleep(300_000)
        human("q")
        _ = tty.waitForExit(timeout: 10)

        // Wrong person: anyone not scanned who was checked in, printed or flagged; anyone scanned
        // checked in or printed more than once. (A late send split into fragments may leave its
        // person not checked in: missed, not wrong.)
        var wrong = 0, missed = 0
        for a in try store.attendees(AttendeeQuery(eventId: event.id, limit: 100_000)) {
            let wasScanned = scanned.contains(a.providerAttendeeId)
            let checkIns = try store.checkInHistory(attendeeId: a.id).filter { $0.action == .checkIn }.count
            if wasScanned {
                if checkIns > 1 || a.printCount > 1 || a.vip { wrong += 1 }
                if !a.isCheckedIn { missed += 1 }
            } else if a.isCheckedIn || checkIns > 0 || a.printCount > 0 || a.vip {
                wrong += 1
            }
        }
        var note = "\(missed) scanned people not checked in"
        if late > 0 { note += "; \(late) sends were late (this process, loaded) and not timed" }
        report.add(Figure("scan: wrong-person actions in \(scanned.count * 2) scans (loaded)", unit: "",
                          Samples([Double(wrong)]), goal: .atMost(0), note: note))
    }
}
