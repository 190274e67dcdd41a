/// Admits a replica to the team under a name, or renames a member (`TeamRoster`): the ops
/// it signs apply from then on, and show under that name.
///
/// A member is named by its replica id, which for a replica made with its key is the
/// fingerprint of that key (`KeyFingerprint`), so an admit names the key that alone can
/// sign for it. An admit whose writer admits itself, on a replica with no team yet, founds
/// the team. Like a register's write, it names the roster ops of its member it overwrites.
public struct AdmitMember: Hashable, Sendable {
    public var member: ReplicaID
    public var name: String
    public var overwrites: [OperationID]

    public init(member: ReplicaID, name: String, overwrites: [OperationID]) {
        self.member = member
        self.name = name
        self.overwrites = overwrites
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var member: String?
        var name: String?
        var overwrites: [OperationID]?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "member": member = try reader.readString()
            case "name": name = try reader.readString()
            case "overwrites": overwrites = try reader.readOperationIDs(key)
            default: try reader.skipValue()
            }
        }
        self.member = try JSONReader.parsed(member, "member", ReplicaID.init(rawValue:))
        self.name = try JSONReader.required(name, "name")
        self.overwrites = try JSONReader.required(overwrites, "overwrites")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("member")
        writer.string(member.rawValue)
        writer.key("name")
        writer.string(name)
        writer.key("overwrites")
        writer.writeOperationIDs(overwrites)
        writer.endObject()
    }
}
