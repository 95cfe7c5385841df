extension Migrations {
    /// The shared rate budget (issue #18 item 5): the request slots each provider account has
    /// reserved in the current window (pruned as the window slides) and the provider's hold
    /// (`Retry-After`, a reset), so every process on this file spends one budget per account.
    /// `account` is the provider and a hash of the credential, never the credential.
    static let schemaV7 = """
        CREATE TABLE rate_accounts (
            account       TEXT PRIMARY KEY,
            blocked_until INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE rate_slots (
            account TEXT    NOT NULL,
            at      INTEGER NOT NULL
        );
        CREATE INDEX rate_slots_by_account ON rate_slots (account, at);
        """
}
