/// A JSON value as the op codec reads it: integers only, no floating point.
enum JSONValue: Equatable {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object(JSONObject)
}

/// The members of a JSON object in the order read, looked up by a linear scan: an
/// op has about eight keys, for which hashing cost more than comparing.
struct JSONObject: Equatable {
    private(set) var members: [(key: String, value: JSONValue)]
    /// Keys already read, kept only past `linearLimit` members, so a hostile object
    /// with many keys costs O(n) to check for duplicates, not O(n²).
    private var keys: Set<String>?
    private static let linearLimit = 16

    init() {
        // An op has eight keys, a body up to four.
        members = []
        members.reserveCapacity(8)
    }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Adds a member; returns `false` (adding nothing) when the key is already there.
    mutating func add(_ key: String, _ value: JSONValue) -> Bool {
        if keys == nil, members.count >= Self.linearLimit { keys = Set(members.map(\.key)) }
        if keys != nil {
            guard keys!.insert(key).inserted else { return false }
        } else if members.contains(where: { $0.key == key }) {
            return false
        }
        members.append((key, value))
        return true
    }

    subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}

/// Writes canonical JSON: no spaces, keys in the order given (callers give them
/// sorted), strings escaped as Foundation's `JSONEncoder` does with
/// `.withoutEscapingSlashes` (`\"`, `\\`, `\b \f \n \r \t`, other controls as
/// `\u00xx`, everything else as UTF-8), so encodings stay byte-identical to the
/// golden files.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init() {
        bytes.reserveCapacity(256)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() { open(UInt8(ascii: "[")) }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma.removeLast()
    }

    /// Writes `"key":`; the value written next belongs to it.
    mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    mutating func integer(_ value: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `["<replica>:<seq>", ...]`.
    mutating func writeOperationIDs(_ ids: [OperationID]) {
        beginArray()
        for id in ids { string(id.description) }
        endArray()
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Parses JSON strictly: one value, integers only, valid UTF-8, no duplicate keys.
struct JSONParser {
    /// The text, valid while `parse` runs.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// Parses `bytes` as one JSON value, or throws `CoreError.malformedOperation`.
    static func parse(_ bytes: some Collection<UInt8>) throws(CoreError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(CoreError) in
            var parser = JSONParser(bytes: buffer)
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == parser.bytes.count else { throw parser.failure("data after the value") }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func failure(_ reason: String) -> CoreError {
        .malformedOperation("\(reason) at byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: String) throws(CoreError) {
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(literal)") }
            index += 1
        }
    }

    private mutating func value(depth: Int) throws(CoreError) -> JSONValue {
        guard depth < 32 else { throw failure("nesting too deep") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        default: return .integer(try integer())
        }
    }

    private mutating func object(depth: Int) throws(CoreError) -> JSONValue {
        index += 1
        var members = JSONObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            skipWhitespace()
            try expect(":")
            guard members.add(key, try value(depth: depth + 1)) else {
                throw failure("duplicate key '\(key)'")
            }
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected , or }") }
        }
    }

    private mutating func array(depth: Int) throws(CoreError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected , or ]") }
        }
    }

    private mutating func integer() throws(CoreError) -> Int64 {
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[index] - UInt8(ascii: "0"))
            // Accumulated negatively, so Int64.min is readable too.
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(digit)
            guard !overflowA, !overflowB else { throw failure("integer out of range") }
            value = next
            index += 1
        }
        guard index > start else { throw failure("expected an integer") }
        if negative { return value }
        guard value != .min else { throw failure("integer out of range") }
        return -value
    }

    private mutating func string() throws(CoreError) -> String {
        index += 1
        // Most strings hold no escape, and most are ASCII: take them straight from the buffer.
        var end = index
        var ascii = true
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            if bytes[end] >= 0x80 { ascii = false }
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[index..<end])
            let text = ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            guard let text else { throw failure("invalid UTF-8") }
            index = end + 1
            return text
        }
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw failure("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                default: throw failure("bad escape")
                }
            case 0x00..<0x20:
                throw failure("control character in a string")
            default:
                utf8.append(byte)
            }
        }
    }

    /// The UTF-8 of a `\uXXXX` escape (a surrogate pair takes two).
    private mutating func unicodeEscape() throws(CoreError) -> [UInt8] {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            try expect("\\u")
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw failure("bad \\u escape") }
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func hex4() throws(CoreError) -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        index += 4
        return value
    }
}

extension JSONValue {
    /// The members of an object, or throws naming `what` was expected.
    func members(_ what: String) throws(CoreError) -> JSONObject {
        guard case .object(let members) = self else { throw .malformedOperation("\(what) is not an object") }
        return members
    }
}

extension JSONObject {
    func string(_ key: String) throws(CoreError) -> String {
        guard case .string(let value) = self[key] else { throw .malformedOperation("'\(key)' is missing or not text") }
        return value
    }

    func optionalString(_ key: String) throws(CoreError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw .malformedOperation("'\(key)' is not text")
        }
    }

    func integer(_ key: String) throws(CoreError) -> Int64 {
        guard case .integer(let value) = self[key] else {
            throw .malformedOperation("'\(key)' is missing or not an integer")
        }
        return value
    }

    func parsed<T>(_ key: String, _ parse: (String) -> T?) throws(CoreError) -> T {
        let text = try string(key)
        guard let value = parse(text) else { throw .malformedOperation("'\(key)' is not valid: '\(text)'") }
        return value
    }

    func operationIDs(_ key: String) throws(CoreError) -> [OperationID] {
        guard case .array(let items) = self[key] else { throw .malformedOperation("'\(key)' is missing or not a list") }
        var ids: [OperationID] = []
        for item in items {
            guard case .string(let text) = item, let id = OperationID(text) else {
                throw .malformedOperation("'\(key)' holds something that is not an operation id")
            }
            ids.append(id)
        }
        return ids
    }
}
