/// A replica's signature over its chain (`OperationChain`) at the last op of a run of ops
/// written together: it vouches for that op and every op of the replica before it, back to
/// the op its chain starts at.
///
/// Carried by that op (`Operation.seal`), so every sync path passes it on as it passes the
/// op on. Written `"seal":"START:KEY:HEAD:SIGNATURE"` in the op's JSON: the seq the chain
/// starts at, then in hex the Ed25519 public key (32 bytes), the head it signs (32 bytes)
/// and the signature (64 bytes). With the head in it, a seal checks on its own: one that
/// does not is forged; one that does, over a head other than the one held here, is the
/// key's own over another history (a copied replica file).
public struct Seal: Hashable, Sendable {
    /// The first seq of the replica's chain: 1 for a replica made with its key, the first op
    /// it wrote after its upgrade for one made before keys existed.
    public var chainStart: Int64
    public var publicKey: [UInt8]
    /// The chain's head at the op that carries the seal, as its replica held it.
    public var head: [UInt8]
    public var signature: [UInt8]

    public init(chainStart: Int64, publicKey: [UInt8], head: [UInt8], signature: [UInt8]) {
        self.chainStart = chainStart
        self.publicKey = publicKey
        self.head = head
        self.signature = signature
    }

    /// `START:KEY:HEAD:SIGNATURE`.
    public var text: String {
        "\(chainStart):\(HexDigits.string(of: publicKey)):\(HexDigits.string(of: head)):"
            + HexDigits.string(of: signature)
    }

    /// Reads the text form; `nil` unless the start is a seq and the key and signature have
    /// their lengths.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, (1...16).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            let start = Int64(parts[0]), (1...VersionVector.maximumSeq).contains(start),
            let key = HexDigits.bytes(of: String(parts[1])), key.count == 32,
            let head = HexDigits.bytes(of: String(parts[2])), head.count == 32,
            let signature = HexDigits.bytes(of: String(parts[3])), signature.count == 64
        else { return nil }
        self.init(chainStart: start, publicKey: key, head: head, signature: signature)
    }
}
