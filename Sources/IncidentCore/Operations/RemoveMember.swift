/// Removes a member from the team (`TeamRoster`): the ops it signed up to `through`, the
/// last seq of it the remover held, stay; every later one is refused wherever the removal
/// reaches, and waits (kept, never dropped) in case the member is admitted again.
///
/// It names the roster ops of its member it overwrites; a removal and an admit of one
/// member that name neither each other are concurrent, and the removal wins.
public struct RemoveMember: Hashable, Sendable {
    public var member: ReplicaID
    public var through: Int64
    public var overwrites: [OperationID]

    public init(member: ReplicaID, through: Int64, overwrites: [OperationID]) {
        self.member = member
        self.through = through
        self.overwrites = overwrites
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var member: String?
        var last: Int64?
        var overwrites: [OperationID]?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "member": member = try reader.readString()
            case "through": last = try reader.readInteger()
            case "overwrites": overwrites = try reader.readOperationIDs(key)
            default: try reader.skipValue()
            }
        }
        self.member = try JSONReader.parsed(member, "member", ReplicaID.init(rawValue:))
        let through = try JSONReader.required(last, "through")
        guard (0...VersionVector.maximumSeq).contains(through) else {
            throw .malformedOperation("'through' \(through) is not between 0 and \(VersionVector.maximumSeq)")
        }
        self.through = through
        self.overwrites = try JSONReader.required(overwrites, "overwrites")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("member")
        writer.string(member.rawValue)
        writer.key("overwrites")
        writer.writeOperationIDs(overwrites)
        writer.key("through")
        writer.integer(through)
        writer.endObject()
    }
}
