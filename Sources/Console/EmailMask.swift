/// Masked emails for screens others can see (SPEC §13 privacy): the first character of the
/// local part and the whole domain stay, the rest of the local part becomes "•••"
/// ("jane.doe@example.com" → "j•••@example.com"). Enough for the person to recognise their own
/// address, not enough to read someone else's.
public enum EmailMask {
    public static func mask(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return email.isEmpty ? "" : "•••" }
        let local = email[..<at]
        let domain = email[email.index(after: at)...]
        let first = local.first.map(String.init) ?? ""
        return first + "•••@" + domain
    }
}

extension AppState {
    /// True when emails on the table, card and scan verdicts are masked: in station mode with
    /// config `mask_emails` on (the default), and always on the kiosk.
    public var masksEmails: Bool {
        if case .kiosk = screen { return true }
        return stationMode && maskEmails
    }

    /// An email as this state shows it (masked or not); nil stays nil.
    func shownEmail(_ email: String?) -> String? {
        guard let email else { return nil }
        return masksEmails ? EmailMask.mask(email) : email
    }
}
