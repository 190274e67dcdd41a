import Crypto

/// Makes its writer the successor of a member (`TeamRoster`): a copy of a replica file that
/// went on under an id of its own (a restored backup, a cloned machine: `HistoryMove`, or
/// `incident init --new-id`) takes the member's name and place, with no other member's
/// admit.
///
/// It carries the predecessor's public key and that key's signature over both ids, so any
/// replica can check, from the op alone, that whoever holds the predecessor's key named
/// this successor: a key whose fingerprint is the predecessor's id (or that the roster binds
/// to it, for a replica made before keys). The copy holds that key, being a copy; no one
/// else does. The op is filed under the team's id, written by the successor.
public struct SucceedMember: Hashable, Sendable {
    /// The member the writer succeeds.
    public var predecessor: ReplicaID
    /// The predecessor's Ed25519 public key, 32 bytes.
    public var key: [UInt8]
    /// That key's signature over `message(predecessor:successor:)`, 64 bytes.
    public var signature: [UInt8]

    public init(predecessor: ReplicaID, key: [UInt8], signature: [UInt8]) {
        self.predecessor = predecessor
        self.key = key
        self.signature = signature
    }

    /// The succession of `predecessor` by `successor`, signed with the predecessor's key.
    ///
    /// - Throws: what swift-crypto throws when it cannot sign.
    public init(of predecessor: ReplicaID, by successor: ReplicaID, signedWith key: ReplicaKey) throws {
        let signing = key.signingKey
        self.init(
            predecessor: predecessor, key: Array(signing.publicKey.rawRepresentation),
            signature: Array(try signing.signature(for: Self.message(predecessor: predecessor, successor: successor))))
    }

    /// What the predecessor's key signs: both ids.
    static func message(predecessor: ReplicaID, successor: ReplicaID) -> [UInt8] {
        Array("incident succession 1\n".utf8) + predecessor.bytes + successor.bytes
    }

    /// Whether the signature is `key`'s over this succession by `successor`.
    public func verifies(successor: ReplicaID) -> Bool {
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { return false }
        return publicKey.isValidSignature(
            signature, for: Self.message(predecessor: predecessor, successor: successor))
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var predecessor: String?
        var key: String?
        var signature: String?
        try reader.readObject { reader, name throws(CoreError) in
            switch name {
            case "predecessor": predecessor = try reader.readString()
            case "key": key = try reader.readString()
            case "signature": signature = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.predecessor = try JSONReader.parsed(predecessor, "predecessor", ReplicaID.init(rawValue:))
        self.key = try JSONReader.parsed(key, "key") { HexDigits.bytes(of: $0).flatMap { $0.count == 32 ? $0 : nil } }
        self.signature = try JSONReader.parsed(signature, "signature") {
            HexDigits.bytes(of: $0).flatMap { $0.count == 64 ? $0 : nil }
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("key")
        writer.string(HexDigits.string(of: key))
        writer.key("predecessor")
        writer.string(predecessor.rawValue)
        writer.key("signature")
        writer.string(HexDigits.string(of: signature))
        writer.endObject()
    }
}
