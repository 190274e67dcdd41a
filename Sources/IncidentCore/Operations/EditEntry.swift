/// Replaces a timeline entry's text, naming the text writes it overwrites.
public struct EditEntry: Hashable, Codable, Sendable {
    public var entry: EntryID
    public var text: String
    public var overwrites: [OperationID]

    public init(entry: EntryID, text: String, overwrites: [OperationID]) {
        self.entry = entry
        self.text = text
        self.overwrites = overwrites
    }
}
