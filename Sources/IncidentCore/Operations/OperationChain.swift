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
        var hasher = ChainHasher()
        return bytes(of: hasher.digest(of: operation))
    }

    /// A digest's bytes, copied once.
    static func bytes(of digest: SHA256Digest) -> [UInt8] {
        digest.withUnsafeBytes { Array($0) }
    }

    /// The hash of the op's redactable text: the one a redaction left, else of the text.
    public static func textHash(of operation: Operation) -> [UInt8] {
        operation.blankedText ?? bytes(of: hashOfText(of: operation))
    }

    /// The SHA-256 of the op's redactable text (empty when it has none), read in place.
    static func hashOfText(of operation: Operation) -> SHA256Digest {
        var text = operation.payload.redactableText ?? ""
        var hash = SHA256()
        text.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hash.finalize()
    }

    /// The head after `operation`, from the head before it.
    public static func head(after previous: [UInt8], _ operation: Operation) -> [UInt8] {
        var hasher = ChainHasher()
        return hasher.head(after: previous, operation)
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

/// Hashes ops into their chain as `OperationChain` defines it, writing each op's canonical
/// bytes into one buffer kept from op to op: a bulk apply hashes every op it appends.
public struct ChainHasher {
    private var writer = JSONWriter()

    public init() {}

    /// The head after `operation`, from the head before it; `hashed` is its digest, when it
    /// was hashed ahead (`PrecomputedDigests`).
    public mutating func head(after previous: [UInt8], _ operation: Operation, hashed: [UInt8]? = nil) -> [UInt8] {
        var hash = SHA256()
        hash.update(data: previous)
        if let hashed {
            hash.update(data: hashed)
        } else {
            digest(of: operation).withUnsafeBytes { hash.update(bufferPointer: $0) }
        }
        return OperationChain.bytes(of: hash.finalize())
    }

    /// The digest of `operation`: a SHA-256 over a prefix, its canonical JSON as committed
    /// (`Operation.writeCommitted`) and the hash of its text.
    public mutating func digest(of operation: Operation) -> SHA256Digest {
        writer.removeAll()
        operation.writeCommitted(to: &writer)
        var hash = SHA256()
        Self.prefix.withUnsafeBytes { hash.update(bufferPointer: $0) }
        writer.bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
        if let blanked = operation.blankedText {
            hash.update(data: blanked)
        } else {
            OperationChain.hashOfText(of: operation).withUnsafeBytes { hash.update(bufferPointer: $0) }
        }
        return hash.finalize()
    }

    private static let prefix = Array("incident op 1\n".utf8)
}

/// The digests of ops hashed ahead of being appended (a bundle's, on another thread while
/// the batch before them applies): a chain takes an op's digest from here instead of
/// hashing the op again, but only for the very op that was hashed.
public struct PrecomputedDigests: Sendable {
    private var operations: [Operation] = []
    private var digests: [[UInt8]] = []
    /// Where the op asked for next is likeliest: after the one asked for last (ops are asked
    /// for in the order they apply, which is mostly the order they were hashed in).
    private var next = 0
    private var indexes: [OperationID: Int] = [:]

    /// Hashes each of `operations` (`ChainHasher.digest(of:)`).
    public init(hashing operations: [Operation]) {
        var hasher = ChainHasher()
        self.operations = operations
        digests = operations.map { OperationChain.bytes(of: hasher.digest(of: $0)) }
        indexes.reserveCapacity(operations.count)
        for (index, operation) in operations.enumerated() where indexes[operation.id] == nil {
            indexes[operation.id] = index
        }
    }

    /// The digest of `operation`, if this very op was hashed (an op of the same id that
    /// differs, as a hostile peer may send, is hashed anew).
    public mutating func digest(of operation: Operation) -> [UInt8]? {
        let index: Int
        if next < operations.count, operations[next].id == operation.id {
            index = next
        } else if let found = indexes[operation.id] {
            index = found
        } else {
            return nil
        }
        next = index + 1
        return operations[index] == operation ? digests[index] : nil
    }
}
