import Crypto
import IncidentCore
import IncidentTestSupport
import Testing

/// The chain's rules as pure functions: each op commits to the ops before it and to its
/// text by hash, a seal signs the head, and any change anywhere before the seal breaks it.
@Suite struct OperationChainTests {
    let key = ReplicaKey(from: .seeded(5))
    var replica: ReplicaID { key.fingerprint.replicaID }

    func operations() -> [Operation] {
        let incident = IncidentID(rawValue: "fedcba9876543210fedcba9876543210")!
        let entry = EntryID(rawValue: "00112233445566778899aabbccddeeff")!
        let payloads: [Payload] = [
            .createIncident(CreateIncident(title: "db down", severity: Severity(rawValue: 1)!, lead: nil, at: 1_000)),
            .addEntry(AddEntry(entry: entry, at: 2_000, kind: .event, text: "token=hunter2 pasted")),
            .editEntry(EditEntry(entry: entry, text: "paged bob", overwrites: [])),
        ]
        return payloads.enumerated().map { index, payload in
            Operation(
                id: OperationID(replica: replica, seq: Int64(index + 1)),
                hlc: HybridTimestamp(wall: 1_000 + Int64(index), counter: 0, replica: replica), author: "alice",
                incident: incident, payload: payload)
        }
    }

    func head(of operations: [Operation]) -> [UInt8] {
        operations.reduce(OperationChain.start) { OperationChain.head(after: $0, $1) }
    }

    @Test func aSealVerifiesItsChainAndNothingElse() throws {
        let ops = operations()
        let seal = try OperationChain.seal(head(of: ops), of: replica, at: 3, chainStart: 1, with: key)
        #expect(OperationChain.verifies(seal, of: replica, at: 3))
        #expect(seal.head == head(of: ops))
        #expect(try OperationChain.seal(head(of: ops), of: replica, at: 3, chainStart: 1, with: key) == seal)

        // Any change to an op before the seal gives another head than the one it signs.
        var changed = ops
        changed[1].author = "mallory"
        #expect(head(of: changed) != seal.head, "an author")
        changed = ops
        changed[0].hlc = HybridTimestamp(wall: 999, counter: 0, replica: replica)
        #expect(head(of: changed) != seal.head, "a clock")
        changed = ops
        changed[2].incident = IncidentID(rawValue: "00000000000000000000000000000001")!
        #expect(head(of: changed) != seal.head, "an incident")
        changed = [ops[0], ops[2], ops[1]]
        #expect(head(of: changed) != seal.head, "an order")
        #expect(head(of: Array(ops.dropFirst())) != seal.head, "a cut")
        // And a seal whose head, seq, id or key is changed does not verify.
        var forged = seal
        forged.head = head(of: changed)
        #expect(!OperationChain.verifies(forged, of: replica, at: 3), "a head")
        #expect(!OperationChain.verifies(seal, of: replica, at: 2), "a seq")
        #expect(!OperationChain.verifies(seal, of: .random(from: .seeded(9)), at: 3), "an id")
        forged = seal
        forged.publicKey = ReplicaKey(from: .seeded(6)).publicKey
        #expect(!OperationChain.verifies(forged, of: replica, at: 3), "another key")
    }

    @Test func aBlankedTextStillVerifiesByItsHashAndOnlyByIt() throws {
        let ops = operations()
        var redacted = ops
        redacted[1].payload = ops[1].payload.redacted()
        redacted[1].blankedText = OperationChain.textHash(of: ops[1])
        #expect(head(of: redacted) == head(of: ops))
        redacted[1].blankedText = nil
        #expect(head(of: redacted) != head(of: ops), "a blank text without its hash is another text")
    }

    @Test func theSealAndTheBlankedHashTravelInTheEncodingAndAreChecked() throws {
        var op = operations()[2]
        op.seal = try OperationChain.seal(head(of: operations()), of: replica, at: 3, chainStart: 1, with: key)
        let encoded = String(decoding: OperationCoding.encode(op), as: UTF8.self)
        #expect(encoded.contains("\"seal\":\"1:\(HexDigits.string(of: key.publicKey)):"))
        #expect(try OperationCoding.decode(Array(encoded.utf8)) == op)

        var blanked = operations()[1]
        blanked.payload = blanked.payload.redacted()
        blanked.blankedText = OperationChain.textHash(of: operations()[1])
        #expect(try OperationCoding.decode(OperationCoding.encode(blanked)) == blanked)
        let notBlank = String(decoding: OperationCoding.encode(blanked), as: UTF8.self)
            .replacingOccurrences(of: "\"text\":\"\"", with: "\"text\":\"x\"")
        #expect(throws: CoreError.self) { try OperationCoding.decode(Array(notBlank.utf8)) }
        let (zeros32, zeros64) = (String(repeating: "0", count: 64), String(repeating: "0", count: 128))
        for bad in [
            "0:\(zeros32):\(zeros32):\(zeros64)", "1:abc:\(zeros32):\(zeros64)", "1:\(zeros32):\(zeros32):0",
            "+1:\(zeros32):\(zeros32):\(zeros64)", "1:\(zeros32):\(zeros64)", "1:::",
        ] {
            let text = encoded.replacingOccurrences(of: op.seal!.text, with: bad)
            #expect(throws: CoreError.self, "\(bad)") { try OperationCoding.decode(Array(text.utf8)) }
        }
    }

    /// The digest as its definition reads: a SHA-256 of the prefix, the op's encoding with
    /// its text blank and no seal, then the SHA-256 of its text.
    func definedDigest(of operation: Operation) -> [UInt8] {
        var committed = operation
        committed.seal = nil
        committed.blankedText = nil
        committed.payload = operation.payload.redacted()
        let text = Array((operation.payload.redactableText ?? "").utf8)
        let bytes = Array("incident op 1\n".utf8) + OperationCoding.encode(committed) + Array(SHA256.hash(data: text))
        return Array(SHA256.hash(data: bytes))
    }

    @Test func oneHasherHashesOpAfterOpAsTheDefinitionReads() throws {
        var ops = operations()
        ops[0].seal = try OperationChain.seal(head(of: ops), of: replica, at: 1, chainStart: 1, with: key)
        ops.append(
            Operation(
                id: OperationID(replica: replica, seq: 4),
                hlc: HybridTimestamp(wall: 0xabc_def0_1234, counter: 0xfffe, replica: replica), author: "a\"b\u{7}",
                incident: ops[0].incident,
                payload: .addEntry(
                    AddEntry(entry: .random(from: .seeded(3)), at: -1_234_567, kind: .event, text: "é\n"))))
        var hasher = ChainHasher()
        var head = OperationChain.start
        for op in ops {
            // A longer op before a shorter one: the buffer kept between them holds nothing over.
            #expect(Array(hasher.digest(of: op)) == definedDigest(of: op), "\(op.kind)")
            head = hasher.head(after: head, op)
        }
        #expect(head == ops.reduce(OperationChain.start) { Array(SHA256.hash(data: $0 + definedDigest(of: $1))) })
    }

    @Test func aDigestHashedAheadIsTakenOnlyForTheVeryOpHashed() throws {
        let ops = operations()
        var ahead = PrecomputedDigests(hashing: ops)
        // Asked for out of order, each still finds its own.
        for index in [2, 0, 1, 1] {
            #expect(ahead.digest(of: ops[index]) == definedDigest(of: ops[index]))
        }
        // An op under a hashed id that is not the op hashed (a peer's forgery) is hashed anew.
        var forged = ops[1]
        forged.payload = .addEntry(AddEntry(entry: .random(from: .seeded(4)), at: 2_000, kind: .event, text: "x"))
        #expect(ahead.digest(of: forged) == nil)
        var other = ops[0]
        other.id.seq = 9
        #expect(ahead.digest(of: other) == nil)
        #expect(
            OperationChain.head(after: OperationChain.start, forged)
                != OperationChain.head(after: OperationChain.start, ops[1]))
        var hasher = ChainHasher()
        #expect(
            hasher.head(after: OperationChain.start, ops[1], hashed: ahead.digest(of: ops[1]))
                == OperationChain.head(after: OperationChain.start, ops[1]))
    }
}
