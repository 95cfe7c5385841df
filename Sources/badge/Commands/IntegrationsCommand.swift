import BadgeCore
import Foundation
import Providers
import ScreenKit

/// `badge integrations connect|list|disconnect`.
enum IntegrationsCommand {
    static func connect(_ ctx: CommandContext) throws {
        let provider = try Resolver.provider(ctx.parsed.argument("PROVIDER") ?? "")
        let wanted = provider == .eventbrite ? "token" : "api-key"
        let other = provider == .eventbrite ? "api-key" : "token"
        if ctx.parsed.option(other) != nil {
            throw ctx.usage("\(provider.rawValue) takes --\(wanted), not --\(other)")
        }
        guard var credential = ctx.parsed.option(wanted), !credential.isEmpty else {
            throw ctx.usage("missing --\(wanted) (give '-' to read it from standard input)")
        }
        try ctx.authorize(.connectIntegration)
        if credential == "-" {
            credential = try SecretInput.read(prompt: "\(provider.displayName) \(wanted == "token" ? "token" : "API key"): ")
        }
        var baseURL = ctx.parsed.option("base-url") ?? Integration.defaultBaseURL(for: provider)
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        let store = try ctx.store()
        // The probe spends the account's shared budget too, and waits for its hold (issue #18).
        let client = try Composition.makeClient(provider: provider, credential: credential, baseURL: baseURL,
                                                ledger: Composition.rateLedger(of: store))
        let held = try AsyncBridge.run { await client.budget() }.blockedUntil
        if let held, held > Date() {
            throw CLIError.failed(ProviderError.rateLimited(retryAfter: held.timeIntervalSinceNow).describe(provider: provider))
        }
        let account: String
        do {
            account = try AsyncBridge.run { try await client.whoAmI() }
        } catch let error as ProviderError {
            switch error {
            case .unauthorized, .forbidden:
                throw CLIError.failed("\(provider.displayName) refused the credential: \(BadgeCLI.describe(error))")
            case .rateLimited:
                // A 429 says nothing about the credential.
                throw CLIError.failed(error.describe(provider: provider))
            default:
                // Not the credential's fault: connection refused, host not found, TLS, 5xx.
                throw CLIError.failed("could not check the credential with \(provider.displayName): \(error.description)")
            }
        }
        let saved = try store.saveIntegration(Integration(
            provider: provider, status: .connected, accountLabel: account, credential: credential,
            baseURL: baseURL, connectedAt: Date()))
        try store.recordAudit(operatorName: ctx.operatorName, action: "integration.connect",
                              detail: "\(provider.rawValue) \(account)", at: Date())
        ctx.out.line("Connected \(provider.displayName) as \(Sanitizer.sanitize(account)) "
                     + "(credential \(saved.redactedCredential)).")
    }

    static func list(_ ctx: CommandContext) throws {
        let integrations = try ctx.store().integrations()
        if ctx.wantsJSON {
            ctx.out.json(.array(integrations.map(JSONOutput.integration)))
            return
        }
        guard !integrations.isEmpty else {
            ctx.out.line("No integrations. Connect one with: badge integrations connect eventbrite --token -")
            return
        }
        var table = TextTable(["PROVIDER", "STATUS", "ACCOUNT", "CREDENTIAL", "BASE URL"])
        for i in integrations {
            table.add([i.provider.rawValue, i.status.rawValue, i.accountLabel, i.redactedCredential, i.redactedBaseURL])
        }
        ctx.out.write(table.render())
    }

    static func disconnect(_ ctx: CommandContext) throws {
        let provider = try Resolver.provider(ctx.parsed.argument("PROVIDER") ?? "")
        try ctx.authorize(.disconnectIntegration)
        let store = try ctx.store()
        guard try store.integration(provider: provider) != nil else {
            throw CLIError.failed("\(provider.rawValue) is not connected (see badge integrations list)")
        }
        try store.deleteIntegration(provider: provider)
        try store.recordAudit(operatorName: ctx.operatorName, action: "integration.disconnect",
                              detail: provider.rawValue, at: Date())
        ctx.out.line("Disconnected \(provider.displayName); its imported events stay.")
    }
}
