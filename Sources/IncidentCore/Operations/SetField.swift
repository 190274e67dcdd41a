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

    init(reader: inout JSONReader) throws(CoreError) {
        var field: String?
        var value: String?
        var overwrites: [OperationID]?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "field": field = try reader.readString()
            case "value": value = try reader.readString()
            case "overwrites": overwrites = try reader.readOperationIDs(key)
            default: try reader.skipValue()
            }
        }
        self.field = try JSONReader.parsed(field, "field", IncidentField.init(rawValue:))
        self.value = try JSONReader.required(value, "value")
        self.overwrites = try JSONReader.required(overwrites, "overwrites")
        guard (try? self.field.validate(self.value)) == self.value else {
            throw .malformedOperation("'\(self.value)' is not a valid \(self.field.rawValue)")
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
