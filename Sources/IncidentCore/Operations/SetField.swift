/// Sets one incident field, naming the writes it overwrites (the heads its author saw).
public struct SetField: Hashable, Sendable {
    public var field: IncidentField
    public var value: String
    public var overwrites: [OperationID]

    public init(field: IncidentField, value: String, overwrites: [OperationID]) {
        self.field = field
        self.value = value
        self.overwrites = overwrites
    }

    init(json: JSONObject) throws(CoreError) {
        field = try json.parsed("field", IncidentField.init(rawValue:))
        value = try json.string("value")
        overwrites = try json.operationIDs("overwrites")
        guard (try? field.validate(value)) == value else {
            throw .malformedOperation("'\(value)' is not a valid \(field.rawValue)")
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("field")
        writer.string(field.rawValue)
        writer.key("overwrites")
        writer.writeOperationIDs(overwrites)
        writer.key("value")
        writer.string(value)
        writer.endObject()
    }
}
