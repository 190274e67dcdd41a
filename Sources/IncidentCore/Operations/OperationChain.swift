import Crypto

/// The hash chain of one replica's ops, and the signature that seals it.
///
/// Each op commits to the one before it: the chain's head after op `n` is a SHA-256 over
/// the head before it and the op's digest, from 32 zero bytes before the chain's first op.
/// The digest is a SHA-256 over the op's canonical JSON with its redactable text blanked and
/// seal left out, then a SHA-256 of that text: an op a redaction blanked carries the text's
/// hash instead (`Operation.blankedText`), and still verifies. A seal signs the replica id,
/// the seq and the head, so one signature check a run vouches for every op of it, and an op
/// changed, cut out or moved anywhere before the seal breaks it.
public enum OperationChain {
    /// The head before a chain's first op.
    public static let start = [UInt8](repeating: 0, count: 32)

    /// The digest of `operation`, as the chain commits to it.
    public static func digest(of operation: Operation) -> [UInt8] {
        var committed = operation
        committed.seal = nil
        committed.blankedText = nil
        committed.payload = operation.payload.redacted()
        var writer = JSONWriter()
        committed.write(to: &writer)
        var hash = SHA256()
        hash.update(data: opPrefix)
        hash.update(data: writer.bytes)
        hash.update(data: textHash(of: operation))
        return bytes(of: hash.finalize())
    }

    private static let opPrefix = Array("incident op 1\n".utf8)

    /// A digest's bytes, copied once.
    private static func bytes(of digest: SHA256Digest) -> [UInt8] {
        digest.withUnsafeBytes { Array($0) }
    }

    /// The hash of the op's redactable text: the one a redaction left, else of the text.
    public static func textHash(of operation: Operation) -> [UInt8] {
        operation.blankedText ?? bytes(of: SHA256.hash(data: Array((operation.payload.redactableText ?? "").utf8)))
    }

    /// The head after `operation`, from the head before it.
    public static func head(after previous: [UInt8], _ operation: Operation) -> [UInt8] {
        var hash = SHA256()
        hash.update(data: previous)
        hash.update(data: digest(of: operation))
        return bytes(of: hash.finalize())
    }

    /// What a seal signs: the replica, the seq of the op that carries it, and the head there.
    static func message(replica: ReplicaID, seq: Int64, head: [UInt8]) -> [UInt8] {
        var bytes = Array("incident seal 1\n".utf8) + replica.bytes
        withUnsafeBytes(of: UInt64(seq).bigEndian) { bytes.append(contentsOf: $0) }
        return bytes + head
    }

    /// Seals the chain of `replica` at `seq`, whose head is `head`, with `key`.
    ///
    /// - Throws: what swift-crypto throws when it cannot sign.
    public static func seal(
        _ head: [UInt8], of replica: ReplicaID, at seq: Int64, chainStart: Int64, with key: ReplicaKey
    ) throws -> Seal {
        let signing = key.signingKey
        let signature = try signing.signature(for: message(replica: replica, seq: seq, head: head))
        return Seal(
            chainStart: chainStart, publicKey: Array(signing.publicKey.rawRepresentation), head: head,
            signature: Array(signature))
    }

    /// Whether `seal` is its key's signature of `replica`'s chain at `seq` with the head it
    /// names (whether that is the head held here is the caller's to check).
    public static func verifies(_ seal: Seal, of replica: ReplicaID, at seq: Int64) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: seal.publicKey) else { return false }
        return key.isValidSignature(seal.signature, for: message(replica: replica, seq: seq, head: seal.head))
    }
}
