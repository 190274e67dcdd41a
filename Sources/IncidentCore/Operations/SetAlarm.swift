/// Records that an alarm was silenced (until a time, or with no end given) or enabled
/// again: a last-writer-wins register per alarm name and incident.
public struct SetAlarm: Hashable, Sendable {
    public var name: String
    public var silenced: Bool
    /// When the silence is meant to end, in milliseconds since 1970 UTC.
    public var until: Int64?

    public init(name: String, silenced: Bool, until: Int64? = nil) {
        self.name = name
        self.silenced = silenced
        self.until = silenced ? until : nil
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var name: String?
        var state: String?
        var until: Int64?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "name": name = try reader.readString()
            case "state": state = try reader.readString()
            case "until": until = try reader.readOptionalInteger()
            default: try reader.skipValue()
            }
        }
        self.name = try JSONReader.required(name, "name")
        switch try JSONReader.required(state, "state") {
        case "silenced": silenced = true
        case "enabled": silenced = false
        case let other: throw .malformedOperation("alarm state '\(other)' is not silenced or enabled")
        }
        guard silenced || until == nil else { throw .malformedOperation("an enabled alarm has no 'until'") }
        self.until = until
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(name)
        writer.key("state")
        writer.string(silenced ? "silenced" : "enabled")
        writer.key("until")
        if let until { writer.integer(until) } else { writer.null() }
        writer.endObject()
    }
}
