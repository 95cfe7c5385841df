import Simulator

/// The table of every `badge` command (SPEC §4): names, arguments, options and help text. The
/// parser, `--help` and the README's CLI reference all come from here.
enum Commands {
    static let providerChoice = ValueKind.choice(["eventbrite", "luma"])
    static let eventArgument = ArgumentSpec.required(
        "EVENT", "local event id or PROVIDER:EXTERNAL_ID (e.g. eventbrite:51660376577)")
    static let attendeeArgument = ArgumentSpec.required(
        "ATTENDEE", "local attendee id or the provider's attendee id")
    static let json = OptionSpec.flag("json", "print JSON instead of text")
    static let port = ValueKind.integer(0...65535)
    static let count = ValueKind.integer(0...Int.max)

    static let root = CommandSpec(
        name: "",
        summary: "open the console",
        details: """
        Badge Console: check in attendees of Eventbrite and Luma events from the terminal.
        With no command, opens the full-screen console on the database.
        """,
        options: [
            printerOption("the desk's printer (default: config printer)"),
            printStationOption,
        ],
        subcommands: [
            demo, kiosk, simulate, integrations, events, sync, watch, attendees, vip, checkin, walkin, correct, note, stats,
            print, printStation, printJobs, printStations, templates, members, backup, db,
        ])

    static let demo = CommandSpec(
        name: "demo",
        summary: "the console against the built-in simulator (no account needed)",
        details: """
        Starts the provider simulator in-process on 127.0.0.1, connects it, imports one of its
        events and opens the console. Uses a fresh temporary database unless --db is given
        (never BADGE_DB), so a demo never touches real data.

        With --shared (PostgreSQL installed), the database is a throwaway PostgreSQL server
        started in a temporary directory: the demo prints the one command a second terminal
        runs to be desk 2, and stops the server when desk 1 quits.
        """,
        options: [
            .flag("shared", "several desks: a throwaway PostgreSQL server; prints the command for desk 2"),
            .value("attendees", "N", count, "attendees in the demo event (default \(DemoSession.defaultAttendees))"),
            .value("provider", "NAME", providerChoice, "which provider to simulate: eventbrite or luma (default eventbrite)"),
            .value("latency", "MS", count, "added latency per simulated request, in milliseconds (default "
                   + "\(DemoSession.defaultLatencyMs(.eventbrite)) for Eventbrite, \(DemoSession.defaultLatencyMs(.luma)) for Luma)"),
        ])

    static let kiosk = CommandSpec(
        name: "kiosk",
        summary: "attendee-facing self check-in for one event (leaving needs an admin PIN)",
        details: """
        Opens a full-screen kiosk for attendees: they scan their ticket, or type their last name
        and email (both must match one registration; candidates are never listed). The kiosk shows
        only that person's name, ticket, company and masked email; Enter prints the badge and
        checks them in (recorded as operator "kiosk" at this desk). Anything else sends them to
        the desk. After --idle seconds without a key it returns to the welcome screen.
        q, Esc or Ctrl-C on the welcome screen (Ctrl-C anywhere) asks for an admin member's PIN
        to close it: the database needs an admin member (badge members add NAME --role admin).
        """,
        arguments: [eventArgument],
        options: [
            .value("idle", "SECONDS", .integer(2...600), "back to the welcome screen after this many idle seconds (default 20)"),
        ])

    static let simulate = CommandSpec(
        name: "simulate",
        summary: "serve the provider simulator on 127.0.0.1 (see PROVIDERS.md)",
        details: "Serves both the Eventbrite and the Luma API on loopback until interrupted.",
        options: [
            .value("port", "P", port, "port to listen on (default 0: any free port, printed on start)"),
            .value("attendees", "N", count, "attendees per event (default \(SimulatorConfig().attendees))"),
            .value("events", "K", count, "events per provider (default \(SimulatorConfig().events))"),
            .value("seed", "S", count, "seed of the generated data (same seed, same data)"),
            .value("latency", "MS", count, "added latency per request, in milliseconds"),
            .value("live", "RATE", .number, "live changes per minute: registrations, edits, cancellations, check-ins"),
            .value("token", "T", .text, "the Eventbrite token the simulator accepts"),
            .value("luma-key", "K", .text, "the Luma API key the simulator accepts"),
        ])

    static let integrations = CommandSpec(
        name: "integrations",
        summary: "connect, list and disconnect provider accounts",
        subcommands: [
            CommandSpec(
                name: "connect",
                summary: "connect a provider account (checks the credential first)",
                details: """
                Eventbrite takes a private token (--token), Luma an API key (--api-key). Give '-'
                as the value to read it from standard input, so it stays out of the shell history.
                The credential is validated with the provider before it is stored; it is never printed.
                """,
                arguments: [.required("PROVIDER", "eventbrite or luma", providerChoice)],
                options: [
                    .value("token", "TOKEN", .text, "Eventbrite private token ('-' reads standard input)"),
                    .value("api-key", "KEY", .text, "Luma API key ('-' reads standard input)"),
                    .value("base-url", "URL", .text, "API base URL (default: the provider's public API)"),
                ],
                exclusive: [["token", "api-key"]]),
            CommandSpec(name: "list", summary: "connected provider accounts and their status", options: [json],
                        readsOnly: true),
            CommandSpec(
                name: "disconnect",
                summary: "forget a provider's credential (imported events stay)",
                arguments: [.required("PROVIDER", "eventbrite or luma", providerChoice)]),
        ],
        runnable: false)

    static let events = CommandSpec(
        name: "events",
        summary: "import and list events",
        subcommands: [
            CommandSpec(
                name: "available",
                summary: "events the connected account can import",
                arguments: [.required("PROVIDER", "eventbrite or luma", providerChoice)],
                options: [json],
                readsOnly: true),
            CommandSpec(
                name: "import",
                summary: "import an event's attendees, to completion (progress on stderr)",
                arguments: [
                    .required("PROVIDER", "eventbrite or luma", providerChoice),
                    .required("EXTERNAL_ID", "the provider's event id (see badge events available)"),
                ],
                options: [json]),
            CommandSpec(name: "list", summary: "imported events with sync status and counts", options: [json],
                        readsOnly: true),
            CommandSpec(
                name: "retry",
                summary: "resume a failed import or run one sync now",
                arguments: [eventArgument]),
            CommandSpec(
                name: "reconnect",
                summary: "re-import a DISCONNECTED event after reconnecting its integration",
                details: "VIP flags, check-ins and print history are kept.",
                arguments: [eventArgument]),
            CommandSpec(
                name: "confirm-cancellations",
                summary: "apply the cancellations a resync held back (admin)",
                details: """
                A full resync that would cancel more than mass_cancel_threshold percent (config, default
                10) of an event's attendees at once is not applied: the event shows how many. This
                scans the provider again and applies what it no longer returns, however many.
                'badge events retry EVENT' scans again without allowing the drop.
                """,
                arguments: [eventArgument],
                options: [json]),
            CommandSpec(
                name: "purge",
                summary: "export an event's attendees, then erase their personal data (admin)",
                details: """
                Writes the CSV of 'badge attendees EVENT --csv' to --out (a new file), then erases names,
                emails, companies, job titles, barcodes, notes and provider ids from the database file
                itself (secure delete, WAL checkpoint, VACUUM), and from audit details and badge.log
                lines that quote them.
                Statistics stay: 'badge stats EVENT' reads the same. A purged event no longer syncs.
                Asks you to type the event's PROVIDER:EXTERNAL_ID on the terminal; --yes skips that.
                """,
                arguments: [eventArgument],
                options: [
                    .requiredValue("out", "FILE.csv", .text, "where to write the export first (must not exist)"),
                    .flag("yes", "do not ask for confirmation"),
                    json,
                ]),
        ],
        runnable: false)

    static let sync = CommandSpec(
        name: "sync",
        summary: "one-shot manual resync of an event",
        arguments: [eventArgument],
        options: [json])

    static let watch = CommandSpec(
        name: "watch",
        summary: "live sync without the console (polls on the timer)",
        arguments: [eventArgument],
        options: [
            .value("interval", "SECONDS", .integer(1...86_400), "seconds between polls (default: config poll_interval, 15)"),
            .value("for", "SECONDS", .integer(1...Int.max), "stop after this many seconds (default: until interrupted)"),
        ])

    static let attendees = CommandSpec(
        name: "attendees",
        summary: "list or export an event's attendees",
        details: "CSV includes check-in time, VIP and print count; cells are safe to open in a spreadsheet.",
        arguments: [eventArgument],
        options: [
            json,
            .flag("csv", "print CSV (RFC 4180) instead of text"),
            .value("search", "Q", .text, "only attendees matching Q (name, email, company, ticket, barcode)"),
            .value("filter", "WHICH", .choice(["all", "vip", "checked-in", "not-checked-in", "not-attending"]),
                   "all, vip, checked-in, not-checked-in or not-attending"),
        ],
        exclusive: [["json", "csv"]],
        readsOnly: true)

    static let vip = CommandSpec(
        name: "vip",
        summary: "flag or unflag an attendee as VIP",
        arguments: [eventArgument, attendeeArgument, .required("STATE", "on or off", .choice(["on", "off"]))])

    static let checkin = CommandSpec(
        name: "checkin",
        summary: "check an attendee in (or undo, or force)",
        details: """
        Usage: badge checkin EVENT ATTENDEE [--undo] [--force] [--print [--printer ADDRESS | --print-station NAME]]
               badge checkin EVENT --barcode CODE [--print …]
        Checking in someone already checked in fails (exit 1) and says when and by whom.
        --print prints the badge after the check-in is saved (on --printer, --print-station, --out, or
        the config's printer/print_station); a failed print says the check-in was recorded.
        """,
        arguments: [eventArgument, .optional("ATTENDEE", "local attendee id or the provider's attendee id")],
        options: [
            .flag("undo", "undo the attendee's last check-in"),
            .flag("force", "check in an attendee who is NOT_ATTENDING"),
            .value("barcode", "CODE", .text, "find the attendee by a scanned barcode or Luma QR URL"),
            .flag("print", "print the badge once checked in"),
            .value("out", "FILE.pdf", .text, "with --print: write the badge PDF to this file"),
            printerOption("with --print: the printer"),
            printStationOption,
        ],
        exclusive: [["undo", "force"], ["undo", "print"], ["out", "printer", "print-station"]])

    static let walkin = CommandSpec(
        name: "walkin",
        summary: "register a walk-in at the desk, check them in (and print)",
        details: """
        The row is local (provider status WALK_IN): no sync changes, cancels or removes it, and it is
        exported with the rest. --ticket must be one of the event's ticket names (the only one is
        taken when the event has one). Prints when --out/--printer is given or a printer is configured.
        """,
        arguments: [eventArgument],
        options: [
            .requiredValue("name", "NAME", .text, "the person's name (required)"),
            .value("email", "EMAIL", .text, "email address"),
            .value("company", "COMPANY", .text, "company"),
            .value("ticket", "TICKET", .text, "one of the event's ticket names"),
            .value("out", "FILE.pdf", .text, "also write the badge PDF to this file"),
            printerOption("also print the badge on this printer"),
            printStationOption,
            json,
        ],
        exclusive: [["out", "printer", "print-station"]])

    static let correct = CommandSpec(
        name: "correct",
        summary: "correct badge fields at the desk (the provider's data stays as it is)",
        details: """
        A correction survives every sync (imports, polls, resyncs, reconnects); badges print it,
        search finds it, the card shows the provider's value beside it. --clear FIELD[,FIELD…]
        removes corrections (fields: name, company, job-title, pronouns).
        """,
        arguments: [eventArgument, attendeeArgument],
        options: [
            .value("name", "NAME", .text, "name as it should print"),
            .value("company", "COMPANY", .text, "company as it should print"),
            .value("job-title", "TITLE", .text, "job title as it should print"),
            .value("pronouns", "PRONOUNS", .text, "pronouns for the badge"),
            .value("clear", "FIELDS", .text, "remove the corrections of these fields (comma-separated)"),
            json,
        ])

    static let note = CommandSpec(
        name: "note",
        summary: "set an attendee's note (shown on the card and on every scan)",
        details: "An empty TEXT (\"\") clears the note. Notes survive every sync.",
        arguments: [eventArgument, attendeeArgument, .required("TEXT", "the note (\"\" clears it)")],
        options: [json])

    static let stats = CommandSpec(
        name: "stats",
        summary: "check-in statistics of an event",
        arguments: [eventArgument],
        options: [json],
        readsOnly: true)

    static let print = CommandSpec(
        name: "print",
        summary: "print (or reprint) an attendee's badge",
        details: """
        Writes a PDF to --out, sends the badge to a printer (--printer ADDRESS: a CUPS queue, zpl://HOST,
        brother-ql://HOST?model=…&label=…, file:/dev/usb/lp0?lang=zpl, cups-raw:QUEUE?lang=zpl, pdf:DIR), or
        queues it for a print station (--print-station NAME). Every print is a job (badge print-jobs); it
        counts once done. A print that fails names its job: badge print-jobs retry ID.
        """,
        arguments: [eventArgument, attendeeArgument],
        options: [
            .value("out", "FILE.pdf", .text, "write the badge PDF to this file"),
            printerOption("send the badge to this printer (default: config printer)"),
            printStationOption,
            json,
        ],
        exclusive: [["out", "printer", "print-station"]],
        readsOnly: true)

    static func printerOption(_ help: String) -> OptionSpec {
        .value("printer", "ADDRESS", .text, help + "; a CUPS queue name or an address (SPEC §12)")
    }

    static let printStationOption = OptionSpec.value(
        "print-station", "NAME", .text, "queue the badge for this print station (config print_station)")

    static let printStation = CommandSpec(
        name: "print-station",
        summary: "print the badges desks queue for a print station (headless)",
        details: """
        Runs until Ctrl-C (the job in hand finishes first) or --for SECONDS. Prints one line per job.
        Several processes of one NAME share its queue; each job prints once. A job a stopped station
        left half-sent is never re-sent by itself: badge print-jobs shows it (sent?) and
        badge print-jobs retry ID reprints it, counted as a reprint. Desks send with --print-station NAME.
        """,
        arguments: [.required("NAME", "the station's name, as desks give it to --print-station")],
        options: [
            printerOption("the printer this station prints on (default: config printer)"),
            .value("for", "SECONDS", .integer(1...Int.max), "stop after this many seconds (default: until interrupted)"),
        ])

    static let printJobs = CommandSpec(
        name: "print-jobs",
        summary: "print jobs, newest first (or retry one)",
        details: """
        Status: queued, sent, done, failed (with the reason), or sent? when the sender stopped
        mid-job (the badge may or may not have come out).
        """,
        arguments: [.optional("EVENT", "only this event's jobs")],
        options: [
            .value("limit", "N", count, "at most N jobs (default 50)"),
            json,
        ],
        subcommands: [
            CommandSpec(
                name: "retry",
                summary: "print a failed job again, or reprint one of unknown outcome",
                details: """
                A failed job goes back to its station's queue (a desk's own job is sent again from here).
                A job of unknown outcome counts as printed and a reprint is queued (counted as a reprint).
                """,
                arguments: [.required("ID", "the job number (badge print-jobs)")]),
        ],
        readsOnly: true)

    static let printStations = CommandSpec(
        name: "print-stations",
        summary: "print stations: online, queue length, last error",
        options: [json],
        readsOnly: true)

    static let templates = CommandSpec(
        name: "templates",
        summary: "badge templates of an event",
        subcommands: [
            CommandSpec(name: "list", summary: "templates of an event", arguments: [eventArgument], options: [json],
                        readsOnly: true),
            CommandSpec(
                name: "add",
                summary: "add or replace a template from a file",
                details: "Without --tickets and --vip the template is the event's Default.",
                arguments: [eventArgument, .required("FILE", "the template file (see Sources/Printing/Printing.docc/TEMPLATE_FORMAT.md)")],
                options: [
                    .requiredValue("name", "NAME", .text, "template name"),
                    .value("tickets", "\"A,B\"", .text, "ticket names this variant applies to, comma separated"),
                    .flag("vip", "the VIP variant (used for VIP attendees)"),
                ]),
            CommandSpec(
                name: "remove",
                summary: "remove a template",
                arguments: [eventArgument, .required("NAME", "template name")]),
        ],
        runnable: false)

    static let members = CommandSpec(
        name: "members",
        summary: "people allowed to operate the console, and their roles",
        subcommands: [
            CommandSpec(
                name: "add",
                summary: "add or update a member (PIN asked on the terminal)",
                arguments: [.required("NAME", "member name (used with --operator)")],
                options: [
                    .requiredValue("role", "ROLE", .choice(["admin", "staff"]), "admin or staff"),
                    .flag("pin-stdin", "read the PIN (4 to 12 digits) from standard input"),
                ]),
            CommandSpec(name: "list", summary: "members and their roles", options: [json], readsOnly: true),
            CommandSpec(name: "remove", summary: "remove a member", arguments: [.required("NAME", "member name")]),
        ],
        runnable: false)

    static let db = CommandSpec(
        name: "db",
        summary: "the shared PostgreSQL database of several desks (SPEC §11)",
        subcommands: [
            CommandSpec(
                name: "init", summary: "create or upgrade the badge schema in a PostgreSQL database",
                details: """
                Run once per database, as its owner, before the desks connect (and again after
                upgrading badge). The database must exist (createdb NAME). The password comes from
                libpq's usual places: PGPASSWORD, ~/.pgpass or the service file.
                """,
                arguments: [.required("URL", "postgresql://USER@HOST:PORT/DB?sslmode=…")],
                options: [json]),
            CommandSpec(
                name: "copy", summary: "copy a whole database between SQLite and PostgreSQL (exact, resumable)",
                details: """
                FROM and TO are each a SQLite file or a postgresql:// URL, in any combination. Every
                table is copied with its ids in batches, each committed: after an interruption, run
                the same command again and it continues where it stopped. TO is created (a SQLite
                file) or given the badge schema (PostgreSQL, like db init) as needed; a TO that holds
                another badge database is refused. At the end both sides are compared table by table
                (row counts and checksums). Progress on stderr. Stop the desks writing to FROM first:
                changes made to FROM during a copy are not carried over.
                """,
                arguments: [
                    .required("FROM", "the database to copy: a SQLite file or postgresql://USER@HOST:PORT/DB"),
                    .required("TO", "where to copy it: a new SQLite file or an empty PostgreSQL database"),
                ],
                options: [
                    .value("batch-size", "ROWS", .integer(1...100_000), "rows per committed batch (default 1000)"),
                    json,
                ]),
        ],
        runnable: false)

    static let backup = CommandSpec(
        name: "backup",
        summary: "copy the database to FILE (safe while the console runs)",
        arguments: [.required("FILE", "where to write the copy (must not exist)")],
        readsOnly: true)
}
