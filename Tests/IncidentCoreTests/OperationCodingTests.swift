import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

typealias Operation = IncidentCore.Operation

@Suite struct OperationCodingTests {
    static let replica = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!
    static let incident = IncidentID(rawValue: "fedcba9876543210fedcba9876543210")!
    static let entry = EntryID(rawValue: "00112233445566778899aabbccddeeff")!
    static let wall: Int64 = 1_795_874_400_000

    static func operation(_ seq: Int64, _ payload: Payload) -> Operation {
        Operation(
            id: OperationID(replica: replica, seq: seq),
            hlc: HybridTimestamp(wall: wall, counter: UInt32(seq), replica: replica), author: "alice",
            incident: payload.isRosterChange ? .team : incident, payload: payload)
    }

    /// One operation of every kind, with its golden file in `Fixtures/operations/`.
    static let goldens: [(OperationKind, Operation)] = [
        (
            .createIncident,
            operation(
                1,
                .createIncident(
                    CreateIncident(
                        title: "Search API returns 500", severity: Severity(rawValue: 1)!, lead: "bob", at: wall)))
        ),
        (
            .setField,
            operation(
                2,
                .setField(
                    SetField(field: .status, value: "stabilized", overwrites: [OperationID(replica: replica, seq: 1)])))
        ),
        (
            .addEntry,
            operation(
                3,
                .addEntry(
                    AddEntry(
                        entry: entry, at: wall + 120_000, kind: .event,
                        text: "api 5xx climbing, see https://status.example/1")))
        ),
        (
            .editEntry,
            operation(
                4,
                .editEntry(
                    EditEntry(
                        entry: entry, text: "api 5xx climbing (40%)",
                        overwrites: [OperationID(replica: replica, seq: 3)])))
        ),
        (.redactEntry, operation(5, .redactEntry(RedactEntry(entry: entry)))),
        (
            .addItem,
            operation(
                6,
                .addItem(
                    AddItem(
                        item: line, list: .note, after: ItemID(rawValue: "ffeeddccbbaa99887766554433221100")!,
                        text: "cloudflare: one ASN is 80% of traffic")))
        ),
        (.setItem, operation(7, .setItem(SetItem(item: line, field: .text, value: "one ASN is 80% of traffic")))),
        (.removeItem, operation(8, .removeItem(RemoveItem(item: line)))),
        (.setAlarm, operation(9, .setAlarm(SetAlarm(name: "api-5xx-rate", silenced: true, until: wall + 7_200_000)))),
        (.redactItem, operation(10, .redactItem(RedactItem(item: line)))),
        (
            .moveEntry,
            operation(
                11,
                .moveEntry(
                    MoveEntry(entry: entry, at: wall - 300_000, overwrites: [OperationID(replica: replica, seq: 2)])))
        ),
        (.admitMember, operation(12, .admitMember(AdmitMember(member: member, name: "bob", overwrites: [])))),
        (
            .removeMember,
            operation(
                13,
                .removeMember(
                    RemoveMember(member: member, through: 4, overwrites: [OperationID(replica: replica, seq: 12)])))
        ),
        (
            .succeedMember,
            operation(
                14,
                .succeedMember(
                    SucceedMember(
                        predecessor: member, key: Array(repeating: 0xab, count: 32),
                        signature: Array(repeating: 0xcd, count: 64))))
        ),
    ]
    static let member = ReplicaID(rawValue: "89abcdef0123456789abcdef01234567")!
    static let line = ItemID(rawValue: "0f1e2d3c4b5a69788796a5b4c3d2e1f0")!

    @Test func everyKindHasAGoldenEncoding() {
        #expect(Set(Self.goldens.map(\.0)) == Set(OperationKind.allCases))
    }

    @Test("each kind encodes to its golden bytes and decodes back", arguments: OperationKind.allCases)
    func goldenEncoding(kind: OperationKind) throws {
        let operation = try #require(Self.goldens.first { $0.0 == kind }?.1)
        let golden = try FixtureFiles.data("operations/\(kind.rawValue).json")
        let encoded = OperationCoding.encode(operation)
        #expect(String(decoding: encoded, as: UTF8.self) + "\n" == String(decoding: golden, as: UTF8.self))
        #expect(try OperationCoding.decode(golden) == operation)
    }

    @Test("a body round-trips through the store's column form", arguments: OperationKind.allCases)
    func bodyRoundTrip(kind: OperationKind) throws {
        let operation = try #require(Self.goldens.first { $0.0 == kind }?.1)
        let body = OperationCoding.encodeBody(operation.payload)
        #expect(try OperationCoding.decodeBody(body, kind: kind) == operation.payload)
    }

    /// Integers and clocks are written digit by digit: held to Swift's own formatting.
    @Test(
        "integers and clocks are written as Swift formats them",
        arguments: [Int64.min, -1_234_567, -1, 0, 7, 10, 1_795_874_400_000, Int64.max])
    func integersAndClocksAreWrittenDigitByDigit(value: Int64) throws {
        var op = Self.operation(1, .addEntry(AddEntry(entry: Self.entry, at: value, kind: .event, text: "x")))
        op.hlc = HybridTimestamp(wall: max(value, 0), counter: UInt32(truncatingIfNeeded: value), replica: Self.replica)
        let encoded = String(decoding: OperationCoding.encode(op), as: UTF8.self)
        #expect(encoded.contains("\"at\":\(value),"))
        #expect(encoded.contains("\"hlc\":\"\(op.hlc.description)\""))
        #expect(encoded.hasSuffix("\"seq\":1,\"v\":1}"))
    }

    @Test func newerFormatIsRefusedWithAnUpgradeMessage() throws {
        let golden = String(decoding: try FixtureFiles.data("operations/entry.redact.json"), as: UTF8.self)
        let newer = Operation.formatVersion + 1
        let future = golden.replacingOccurrences(of: "\"v\":1", with: "\"v\":\(newer)")
        #expect(throws: CoreError.unsupportedFormat(version: newer)) {
            try OperationCoding.decode(Data(future.utf8))
        }
    }

    @Test func aVersionThatIsNotItsPayloadsIsRefused() throws {
        let golden = String(decoding: try FixtureFiles.data("operations/entry.redact.json"), as: UTF8.self)
        let relabelled = golden.replacingOccurrences(of: "\"v\":1", with: "\"v\":2")
        #expect(throws: CoreError.malformedOperation("a entry.redact op of format 2 is written as format 1")) {
            try OperationCoding.decode(Data(relabelled.utf8))
        }
    }

    @Test func unknownKindAndInvalidValuesAreRefused() throws {
        let golden = String(decoding: try FixtureFiles.data("operations/field.set.json"), as: UTF8.self)
        let badKind = golden.replacingOccurrences(of: "field.set", with: "field.explode")
        #expect(throws: CoreError.malformedOperation("unknown kind 'field.explode'")) {
            try OperationCoding.decode(Data(badKind.utf8))
        }
        let badValue = golden.replacingOccurrences(of: "stabilized", with: "exploded")
        #expect(throws: CoreError.self) { try OperationCoding.decode(Data(badValue.utf8)) }
    }

    @Test func aClockOfAnotherReplicaIsRefusedAndNamed() throws {
        let golden = String(decoding: try FixtureFiles.data("operations/entry.redact.json"), as: UTF8.self)
        let other = "ffffffffffffffffffffffffffffffff"
        let forged = golden.replacingOccurrences(
            of: "00000005.0123456789abcdef0123456789abcdef", with: "00000005.\(other)")
        #expect(
            throws: CoreError.malformedOperation(
                "clock of 0123456789abcdef0123456789abcdef:5 names another replica (\(other))"
            )
        ) { try OperationCoding.decode(Data(forged.utf8)) }
        let garbled = golden.replacingOccurrences(of: "01a22274a700.", with: "01a22274a70x.")
        #expect(throws: CoreError.self) { try OperationCoding.decode(Data(garbled.utf8)) }
    }

    @Test func keysAreReadAsPlainNamesOnly() throws {
        let golden = String(decoding: try FixtureFiles.data("operations/entry.redact.json"), as: UTF8.self)
        #expect(try OperationCoding.decode(Data(golden.utf8)).id.seq == 5)
        // The same key spelled with an escape is refused, not read as "seq".
        let escaped = golden.replacingOccurrences(of: #""seq":5"#, with: #""s\u0065q":5"#)
        #expect(throws: CoreError.self) { try OperationCoding.decode(Data(escaped.utf8)) }
        // A key given twice is refused, whatever its value.
        let twice = golden.replacingOccurrences(of: #""seq":5"#, with: #""seq":5,"seq":5"#)
        #expect(throws: CoreError.self) { try OperationCoding.decode(Data(twice.utf8)) }
        // An unknown member is read past, and checked as strictly as the rest.
        let extra = golden.replacingOccurrences(of: #""seq":5"#, with: #""seq":5,"later":{"a":[1,"b",null]}"#)
        #expect(try OperationCoding.decode(Data(extra.utf8)).id.seq == 5)
        let badExtra = golden.replacingOccurrences(of: #""seq":5"#, with: #""seq":5,"later":[1.5]"#)
        #expect(throws: CoreError.self) { try OperationCoding.decode(Data(badExtra.utf8)) }
    }

    @Test func redactionBlanksTextButKeepsTheEntry() {
        let add = Payload.addEntry(AddEntry(entry: Self.entry, at: 0, kind: .event, text: "password=hunter2"))
        #expect(add.redacted() == .addEntry(AddEntry(entry: Self.entry, at: 0, kind: .event, text: "")))
        #expect(add.redacted().entry == Self.entry)
    }

    @Test func derivedEntryIDsDependOnIncidentTimeAndText() {
        let id = AddEntry.derivedID(incident: Self.incident, at: 1, text: "a")
        #expect(id == AddEntry.derivedID(incident: Self.incident, at: 1, text: "a"))
        #expect(id != AddEntry.derivedID(incident: Self.incident, at: 2, text: "a"))
        #expect(id != AddEntry.derivedID(incident: Self.incident, at: 1, text: "b"))
        #expect(EntryID.isWellFormed(id.rawValue))
    }
}

/// The hand-written codec against Foundation's, on random text: same bytes out,
/// same values back, and no input that makes it crash.
@Suite struct CanonicalCodecTests {
    static let alphabet: [Character] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
        "é", "😀", "\u{2028}", "{", "}", "[", "]", ":", ",",
    ]

    static func randomText(_ random: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    @Test("entry text encodes as JSONEncoder would and decodes back", arguments: 0..<50)
    func textMatchesFoundation(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let text = Self.randomText(&random)
        let entry = EntryID.random()
        let payload = Payload.addEntry(AddEntry(entry: entry, at: 42, kind: .update, text: text))
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Body: Encodable {
            var at: Int64
            var entry: String
            var kind: String
            var text: String
        }
        let expected = try foundation.encode(Body(at: 42, entry: entry.rawValue, kind: "update", text: text))
        #expect(OperationCoding.encodeBody(payload) == String(decoding: expected, as: UTF8.self))
        #expect(try OperationCoding.decodeBody(OperationCoding.encodeBody(payload), kind: .addEntry) == payload)
    }

    @Test("damaged encodings are refused, never crash", arguments: 0..<200)
    func damagedInputIsRefused(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let kind = OperationKind.allCases.randomElement(using: &random)!
        var bytes = Array(try FixtureFiles.data("operations/\(kind.rawValue).json").dropLast())  // its newline
        // Half the seeds change one letter, which often leaves a valid op to read back; the
        // rest damage the bytes one to four times, which mostly leaves none.
        let benign = seed.isMultiple(of: 2)
        var renamedKey = false
        for _ in 0..<(benign ? 1 : Int.random(in: 1...4, using: &random)) {
            switch benign ? 1 : Int.random(in: 0..<4, using: &random) {
            case 0: bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            case 1:
                // A letter for another: inside a text the op stays valid, and must read back as written.
                let letters = bytes.indices.filter { (0x61...0x7A).contains(bytes[$0]) }
                if let at = letters.randomElement(using: &random) {
                    bytes[at] = UInt8.random(in: 0x61...0x7A, using: &random)
                    // In a key, the letter names a field this format does not have, which readers
                    // pass over (a later format's): the op then reads as without that field.
                    let close = bytes[at...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.endIndex
                    renamedKey = close + 1 < bytes.count && bytes[close + 1] == UInt8(ascii: ":")
                }
            case 2: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &random)..<bytes.count)
            default:
                bytes.insert(
                    UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            }
            if bytes.isEmpty { bytes = [0x7B] }
        }
        let operation: Operation
        do {
            operation = try OperationCoding.decode(bytes)
        } catch {
            #expect(!error.description.isEmpty)
            return
        }
        // What decodes has one canonical encoding, which reads back as the same op (a throw here
        // fails the test); when the damage kept the input canonical (a changed letter in a
        // text), it is those bytes.
        let canonical = OperationCoding.encode(operation)
        #expect(try OperationCoding.decode(canonical) == operation, "seed \(seed)")
        if !renamedKey, !bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            #expect(Array(canonical) == bytes, "seed \(seed): a second encoding of one op was accepted")
        }
    }

    @Test func escapesAndSurrogatePairsAreRead() throws {
        let text = #"{"entry":"00112233445566778899aabbccddeeff","overwrites":[],"text":"a\u00e9\ud83d\ude00\/\n"}"#
        let payload = try OperationCoding.decodeBody(text, kind: .editEntry)
        #expect(payload == .editEntry(EditEntry(entry: OperationCodingTests.entry, text: "aé😀/\n", overwrites: [])))
        #expect(throws: CoreError.self) {
            try OperationCoding.decodeBody(
                #"{"entry":"00112233445566778899aabbccddeeff","entry":"x"}"#, kind: .redactEntry)
        }
    }
}
