/// Sets one incident field, naming the writes it overwrites (the heads its author saw).
public struct SetField: Hashable, Codable, Sendable {
    public var field: IncidentField
    public var value: String
    public var overwrites: [OperationID]

    public init(field: IncidentField, value: String, overwrites: [OperationID]) {
        self.field = field
        self.value = value
        self.overwrites = overwrites
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(IncidentField.self, forKey: .field)
        value = try container.decode(String.self, forKey: .value)
        overwrites = try container.decode([OperationID].self, forKey: .overwrites)
        guard (try? field.validate(value)) == value else {
            throw CoreError.malformedOperation("'\(value)' is not a valid \(field.rawValue)")
        }
    }
}
