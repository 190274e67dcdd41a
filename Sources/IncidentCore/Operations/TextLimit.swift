/// The one limit on the size of text an op carries: a title, a field's value, an entry's
/// text, an author's name.
///
/// Enforced when recording (the command is refused, nothing written) and when decoding an
/// op from a peer (the bundle is refused), and sized so that any op a replica accepts fits
/// every sync path: escaped at worst six bytes a byte, an op of two such texts stays
/// under the hub's 4 MiB per-op limit and far under the 16 MiB line a bundle reader reads.
public enum TextLimit {
    /// 256 KiB of UTF-8 (DESIGN.md): a pasted stack trace or log excerpt fits.
    public static let maximumBytes = 262_144

    /// - Throws: `CoreError.textTooLong` when `text` is over the limit.
    public static func check(_ text: String, what: String) throws(CoreError) {
        let bytes = text.utf8.count
        guard bytes <= maximumBytes else { throw .textTooLong(what: what, bytes: bytes) }
    }
}

extension Operation {
    /// - Throws: `CoreError.textTooLong` when any text of the op is over `TextLimit`.
    public func checkTextLimits() throws(CoreError) {
        try TextLimit.check(author, what: "the author's name")
        switch payload {
        case .createIncident(let body):
            try TextLimit.check(body.title, what: "the title")
            if let lead = body.lead { try TextLimit.check(lead, what: "the lead") }
        case .setField(let body): try TextLimit.check(body.value, what: "the \(body.field.rawValue)")
        case .addEntry(let body): try TextLimit.check(body.text, what: "the entry's text")
        case .editEntry(let body): try TextLimit.check(body.text, what: "the entry's text")
        case .addItem(let body):
            try TextLimit.check(body.text, what: "the \(body.list.rawValue)'s text")
            try TextLimit.check(body.detail, what: "the \(body.list.rawValue)'s detail")
        case .setItem(let body): try TextLimit.check(body.value, what: "the \(body.field.rawValue)")
        case .setAlarm(let body): try TextLimit.check(body.name, what: "the alarm's name")
        case .admitMember(let body): try TextLimit.check(body.name, what: "the member's name")
        case .redactEntry, .removeItem, .redactItem, .moveEntry, .removeMember, .succeedMember: break
        }
    }
}
