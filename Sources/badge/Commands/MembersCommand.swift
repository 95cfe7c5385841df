import Auth
import BadgeCore
import Foundation
import ScreenKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `badge members add|list|remove` (SPEC §7). PINs are stored only as salted crypt hashes.
enum MembersCommand {
    static func add(_ ctx: CommandContext) throws {
        let name = (ctx.parsed.argument("NAME") ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ctx.usage("missing NAME") }
        guard let roleName = ctx.parsed.option("role"), let role = Role(name: roleName) else {
            throw ctx.usage("missing --role admin|staff")
        }
        let store = try ctx.store()
        let existing = try store.members()
        if existing.isEmpty && role != .admin {
            throw CLIError.failed("the first member must be an admin, so someone can manage members")
        }
        try ctx.authorize(.manageMembers)
        if role != .admin, existing.first(where: { $0.name == name })?.role == .admin,
           existing.filter({ $0.role == .admin }).count == 1 {
            throw CLIError.failed("\(name) is the last admin; add another admin first")
        }
        let pin = try readPIN(fromStdin: ctx.parsed.flag("pin-stdin"))
        let hash: String
        do {
            hash = try PINHasher.hash(pin)
        } catch let failure as PINHasher.Failure {
            throw CLIError.failed(failure.description)
        }
        try store.saveMember(Member(name: name, role: role, pinHash: hash))
        try store.recordAudit(operatorName: ctx.operatorName, action: "member.save",
                              detail: "\(name) \(role.rawValue)", at: Date())
        let verb = existing.contains { $0.name == name } ? "Updated" : "Added"
        // The name is echoed as text: an escape sequence in it stays inert (issue #13).
        ctx.out.line("\(verb) \(Sanitizer.sanitize(name)) (\(role.rawValue)).")
    }

    static func list(_ ctx: CommandContext) throws {
        let members = try ctx.store().members()
        if ctx.wantsJSON {
            ctx.out.json(.array(members.map(JSONOutput.member)))
            return
        }
        guard !members.isEmpty else {
            ctx.out.line("No members: the console runs as admin. Add one with: badge members add NAME --role admin")
            return
        }
        var table = TextTable(["NAME", "ROLE"])
        for m in members { table.add([m.name, m.role.rawValue]) }
        ctx.out.write(table.render())
    }

    static func remove(_ ctx: CommandContext) throws {
        let name = ctx.parsed.argument("NAME") ?? ""
        let store = try ctx.store()
        try ctx.authorize(.manageMembers)
        let members = try store.members()
        guard let member = members.first(where: { $0.name == name }) else {
            throw CLIError.failed("no member '\(name)' (see badge members list)")
        }
        if member.role == .admin && members.count > 1 && members.filter({ $0.role == .admin }).count == 1 {
            throw CLIError.failed("\(name) is the last admin; remove the staff members first or add another admin")
        }
        _ = try store.removeMember(name: name)
        try store.recordAudit(operatorName: ctx.operatorName, action: "member.remove", detail: name, at: Date())
        ctx.out.line("Removed \(Sanitizer.sanitize(name)).")
    }

    /// From standard input (`--pin-stdin`), or asked twice on the terminal without echo.
    static func readPIN(fromStdin: Bool) throws -> String {
        if fromStdin { return try SecretInput.read(prompt: "PIN: ") }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.failed("no terminal to ask for the PIN: use --pin-stdin")
        }
        let pin = try SecretInput.read(prompt: "PIN (4 to 12 digits): ")
        let again = try SecretInput.read(prompt: "PIN again: ")
        guard pin == again else { throw CLIError.failed("the two PINs differ") }
        return pin
    }
}
