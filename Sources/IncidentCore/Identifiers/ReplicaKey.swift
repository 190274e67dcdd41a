import Crypto

/// A replica's signing key (Ed25519, swift-crypto's `Curve25519.Signing`): made with the
/// replica, kept in its file, never sent. Its public half is named by a `KeyFingerprint`,
/// and a replica made with a key takes the fingerprint as its id, so the id names the
/// only key that can sign for it.
public struct ReplicaKey: Sendable {
    /// The 32-byte Ed25519 seed: what the replica file keeps, and nothing else ever sees.
    public let rawRepresentation: [UInt8]

    /// A new key from 256 bits of `bits` (the system's secure generator unless a test,
    /// which must replay from its seed, gives its own).
    public init(from bits: RandomBits = .system) {
        var seed = [UInt8](repeating: 0, count: 32)
        bits.fill(&seed)
        self.init(rawRepresentation: seed)!  // 32 bytes
    }

    /// The key whose 32-byte seed is `rawRepresentation`, as the replica file keeps it;
    /// `nil` for bytes of another length.
    ///
    /// Its public half is derived only when asked for: a command that records loads the key
    /// and signs once, and signing derives it anyway.
    public init?(rawRepresentation: [UInt8]) {
        guard rawRepresentation.count == 32 else { return nil }
        self.rawRepresentation = rawRepresentation
    }

    /// The public key, 32 bytes, derived from the seed.
    public var publicKey: [UInt8] { Array(signingKey.publicKey.rawRepresentation) }

    /// swift-crypto's key for the seed (any 32 bytes are an Ed25519 seed).
    var signingKey: Curve25519.Signing.PrivateKey {
        // swift-crypto refuses only a seed of another length, which `init` already did.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
    }

    /// The public key's fingerprint: what a teammate compares.
    public var fingerprint: KeyFingerprint { KeyFingerprint(publicKey: publicKey) }
}

/// The name of a public key: the first 128 bits of a SHA-256 over it, written as eight
/// groups of four hex digits (`3f2a 1b9c …`) for a person to read out and compare. A
/// replica made with a key has the fingerprint's 32 digits as its id.
public struct KeyFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes.
    public let bytes: [UInt8]

    public init(publicKey: [UInt8]) {
        let digest = SHA256.hash(data: Array("incident key 1\n".utf8) + publicKey)
        bytes = Array(Array(digest).prefix(16))
    }

    /// The fingerprint a replica id made from a key stands for (every id of a replica made
    /// with its key is one; an older replica's id is shown the same way).
    public init(replicaID: ReplicaID) {
        bytes = replicaID.bytes
    }

    /// Reads a fingerprint as `description` writes it, or its 32 digits in one run: spaces
    /// anywhere, either case; `nil` for anything else.
    public init?(parsing text: String) {
        let digits = text.filter { $0 != " " }.lowercased()
        guard let id = ReplicaID(rawValue: digits) else { return nil }
        bytes = id.bytes
    }

    /// The id a replica made with this key has.
    public var replicaID: ReplicaID { ReplicaID(bytes: bytes)! }

    /// `3f2a 1b9c 0d4e 5f60 7182 93a4 b5c6 d7e8`.
    public var description: String {
        let digits = Array(HexDigits.string(of: bytes))
        return stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<$0 + 4]) }.joined(separator: " ")
    }
}
