/// A monitoring alarm someone silenced while working on the incident, as the runbook
/// suggests for long incidents, and must enable again once it is resolved.
///
/// The tool cannot see the alarm itself: it keeps what people recorded. A silence
/// `until` a time that has passed still counts as silenced until someone records
/// `alarm enable`, because nothing turned the alarm back on.
public struct Alarm: Hashable, Sendable {
    public var name: String
    public var silenced: Bool
    /// When the silence was meant to end, in milliseconds since 1970 UTC; `nil`: no end given.
    public var until: Int64?
    /// Who recorded the state it is in.
    public var author: String

    public init(name: String, silenced: Bool, until: Int64?, author: String) {
        self.name = name
        self.silenced = silenced
        self.until = until
        self.author = author
    }
}
