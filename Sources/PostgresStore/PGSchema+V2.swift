extension PGSchema {
    /// Every commit another desk makes moves `externalChangeCounter` (the `BadgeStore` contract,
    /// as SQLite's `data_version` does): the audit log, wrong PINs and import checkpoints announce
    /// themselves too.
    static let v2 = """
    CREATE TRIGGER audit_log_notify AFTER INSERT OR UPDATE OR DELETE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION badge_notify();
    CREATE TRIGGER pin_attempts_notify AFTER INSERT OR UPDATE OR DELETE ON pin_attempts
        FOR EACH STATEMENT EXECUTE FUNCTION badge_notify();
    CREATE TRIGGER import_checkpoints_notify AFTER INSERT OR UPDATE OR DELETE ON import_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION badge_notify();
    """
}
