import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// A seeded mutation fuzzer over the op decoder and the bundle reader: valid inputs,
/// mutated the ways damage and malice mutate them, must be refused with one of our
/// errors or applied, never crash or hang. `INCIDENT_FUZZ_ITERATIONS` runs it longer
/// (README, "Hardening").
@Suite struct MutationFuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["INCIDENT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 10_000

    /// Op lines of every kind, with awkward text, from a real replica (a test holds them to
    /// every kind).
    static func seedLines() throws -> [String] {
        let alice = try Replica.inMemory()
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(
            title: "Search \"API\" \\ 500 ü\u{1}", severity: Severity(rawValue: 1)!, lead: "bob")
        let entries = try alice.log([NewEntry(at: 1_795_874_400_000, kind: .update, text: "restarted\tpods")], to: id)
        try alice.set(.lead, to: "carol", of: id)
        try alice.editEntry(entries[0], text: "restarted pods (all)", of: id)
        try alice.editEntry(entries[0], at: 1_795_874_300_000, of: id)
        try alice.redactEntry(entries[0], of: id)
        try alice.addNote("first \"line\"", to: id)
        try alice.addNote("second", after: 0, to: id)
        try alice.editNotes(of: id, to: ["second, edited", "first \"line\""])
        try alice.removeNote(2, of: id)
        try alice.redactNote(1, of: id)
        try alice.addLink("https://example.org/a?b=1", kind: .post, to: id)
        try alice.addAction("add a canary", owner: "bob", to: id)
        try alice.setActionDone(1, of: id)
        try alice.setAlarm("api-5xx", silenced: true, until: 1_795_874_400_000, of: id)
        try alice.set(.why1, to: "no canary", of: id)
        let bob = ReplicaID(rawValue: "89abcdef0123456789abcdef01234567")!
        try alice.admit(bob, as: "bob \"db\" ü")
        try alice.removeMember(bob)
        _ = try alice.reidentify(remakingFrom: nil)  // a copy, going on in alice's place: team.succeed
        return try alice.allOperations().map { String(decoding: OperationCoding.encode($0), as: UTF8.self) }
    }

    /// One mutation of `bytes`: a flipped bit, a byte set to a boundary value, bytes cut,
    /// doubled or spliced from elsewhere, a number made huge or negative, a string made long.
    static func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return [UInt8.random(in: 0...255, using: &random)] }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes[at] = [0, 0x7F, 0x80, 0xFF, 0x22, 0x5C, 0x0A, 0x7B, 0x7D].randomElement(using: &random)!
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 24)], at: at)
        case 4: bytes = Array(bytes.prefix(at))
        case 5:
            let numbers = [
                "-1", "0", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e308", "1.5",
            ]
            bytes.insert(contentsOf: Array(numbers.randomElement(using: &random)!.utf8), at: at)
        case 6:
            bytes.insert(
                contentsOf: Array(repeating: UInt8(ascii: "a"), count: Int.random(in: 1...70_000, using: &random)),
                at: at)
        default:
            let unicode = ["\\u0000", "\\ud800", "\\udfff", "\\u00", "\u{202E}", "\\\"", "{", "[", "]", "\u{FFFD}"]
            bytes.insert(contentsOf: Array(unicode.randomElement(using: &random)!.utf8), at: at)
        }
        return bytes
    }

    @Test func theSeedsHoldEveryKind() throws {
        let kinds = try Self.seedLines().map { try OperationCoding.decode(Array($0.utf8)).kind }
        #expect(Set(kinds) == Set(OperationKind.allCases))
    }

    @Test func mutatedOpsAreDecodedOrRefusedWithACoreError() throws {
        let seeds = try Self.seedLines().map { Array($0.utf8) }
        var random = SeededGenerator(seed: 11)
        var refused = 0
        for _ in 0..<Self.iterations {
            var input = seeds.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) { input = Self.mutate(input, using: &random) }
            do {
                let operation = try OperationCoding.decode(input)
                // What decodes is a value the encoder writes back and reads again as itself.
                #expect(try OperationCoding.decode(OperationCoding.encode(operation)) == operation)
            } catch {  // the decoder throws only `CoreError` (typed throws)
                refused += 1
            }
        }
        #expect(refused > Self.iterations / 2, "the mutations reach the decoder's refusals")
    }

    @Test func mutatedBundlesAreAppliedWholeOrRefusedWhole() throws {
        let seeds = try Self.seedLines()
        let header = CraftedBundle.header(source: "0123456789abcdef0123456789abcdef")
        let valid = Array(CraftedBundle.text(header: header, operations: seeds).utf8)
        let replica = try Replica.inMemory()
        try replica.initialize(name: "bob")
        var random = SeededGenerator(seed: 12)
        for _ in 0..<max(1, Self.iterations / 10) {
            var input = valid
            for _ in 0..<Int.random(in: 1...3, using: &random) { input = Self.mutate(input, using: &random) }
            let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) }
            let before = try replica.allOperations().count
            do {
                _ = try replica.applyBundle(lines: lines, name: "mutated")
            } catch is SyncError {
                #expect(try replica.allOperations().count == before, "refused whole")
            } catch is CoreError {
                #expect(try replica.allOperations().count == before, "refused whole")
            } catch is StoreError {
                #expect(try replica.allOperations().count == before, "refused whole")
            }
        }
    }
}
