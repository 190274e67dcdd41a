#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif

/// Reads JSON strictly and straight into values, with no tree in between: one
/// value, integers only (no fractions or exponents), valid UTF-8, keys that are
/// plain names (no escapes: no op format has another kind) and none twice in an
/// object, at most 32 levels deep.
///
/// The op codec reads an op's members in one pass, keeps where its body lies, and
/// reads the body once its kind is known.
struct JSONReader {
    /// The text, valid while `read` runs.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private static let maximumDepth = 32

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads the one value in `bytes` with `body`; only white space may follow it.
    static func read<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONReader) throws(CoreError) -> T
    ) throws(CoreError) -> T {
        var reader = JSONReader(bytes: bytes)
        return try reader.readToEnd(body)
    }

    /// A reader of the part of this text that `range` (from `skipValue`) covers.
    func reader(of range: Range<Int>) -> JSONReader {
        JSONReader(bytes: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Reads the rest of the text, as `read` does.
    mutating func readToEnd<T>(_ body: (inout JSONReader) throws(CoreError) -> T) throws(CoreError) -> T {
        let value = try body(&self)
        skipWhitespace()
        guard index == bytes.count else { throw failure("data after the value") }
        return value
    }

    // MARK: - Values

    /// Reads an object, calling `member` with each key; `member` must read or skip its value.
    mutating func readObject(
        depth: Int = 0, _ member: (inout JSONReader, JSONKey) throws(CoreError) -> Void
    ) throws(CoreError) {
        guard depth < Self.maximumDepth else { throw failure("nesting too deep") }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw failure("expected an object") }
        index += 1
        var keys = Keys()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let key = try readKey()
            guard keys.insert(key) else { throw failure("duplicate key '\(key)'") }
            skipWhitespace()
            try expect(":")
            try member(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "}") { return }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected , or }") }
        }
    }

    /// Reads a key: a string of plain characters, no escape.
    private mutating func readKey() throws(CoreError) -> JSONKey {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
        let end = plainEnd(from: index + 1)
        let key = JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[index + 1..<min(end, bytes.count)]))
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""),
            key.bytes.allSatisfy({ $0 < 0x80 }) || String(validating: key.bytes, as: UTF8.self) != nil
        else { throw failure("a key must be plain text, without escapes") }
        index = end + 1
        return key
    }

    /// Reads an array, calling `element` for each element; `element` must read its value.
    mutating func readArray(_ element: (inout JSONReader) throws(CoreError) -> Void) throws(CoreError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw failure("expected a list") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "]") { return }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected , or ]") }
        }
    }

    /// Reads text.
    mutating func readString() throws(CoreError) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected text") }
        index += 1
        // Most strings hold no escape, and most are ASCII: take them straight from the buffer.
        let end = plainEnd(from: index)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[index..<end])
            let text =
                slice.allSatisfy { $0 < 0x80 }
                ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            guard let text else { throw failure("invalid UTF-8") }
            index = end + 1
            return text
        }
        return try readEscapedString()
    }

    /// Where the plain run of string bytes from `start` ends: at a quote, a
    /// backslash, a control character or the end. Eight bytes a step while none of
    /// them is one of those.
    private func plainEnd(from start: Int) -> Int {
        var end = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while end + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + end).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is zero after the xor (or below 0x20 before it) when the high bit of
            // (x - 0x01..) & ~x is set; bytes of 0x80 and up are left to the byte loop below.
            let special =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { break }
            end += 8
        }
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20
        {
            end += 1
        }
        return end
    }

    /// Reads text or `null`.
    mutating func readOptionalString() throws(CoreError) -> String? {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "n") {
            try expect("null")
            return nil
        }
        return try readString()
    }

    /// Reads text without making a `String` of it: `body` gets its UTF-8, valid until it returns.
    /// Text with escapes is read as `readString` reads it.
    mutating func readPlainText<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws(CoreError) -> T {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected text") }
        let end = plainEnd(from: index + 1)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
            var text = try readString()
            return text.withUTF8(body)
        }
        defer { index = end + 1 }
        return body(UnsafeBufferPointer(rebasing: bytes[index + 1..<end]))
    }

    /// Reads an integer or `null`.
    mutating func readOptionalInteger() throws(CoreError) -> Int64? {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "n") {
            try expect("null")
            return nil
        }
        return try readInteger()
    }

    /// Reads an integer that fits in 64 bits.
    mutating func readInteger() throws(CoreError) -> Int64 {
        skipWhitespace()
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

    /// Reads any value, checking it as strictly as the rest; returns where it lies.
    @discardableResult
    mutating func skipValue(depth: Int = 1) throws(CoreError) -> Range<Int> {
        guard depth < Self.maximumDepth else { throw failure("nesting too deep") }
        skipWhitespace()
        let start = index
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try readObject(depth: depth) { reader, _ throws(CoreError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try readArray { reader throws(CoreError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        default: _ = try readInteger()
        }
        return start..<index
    }

    /// Checks a string as `readString` does, making a `String` only when it has escapes.
    private mutating func skipString() throws(CoreError) {
        let end = plainEnd(from: index + 1)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
            _ = try readString()
            return
        }
        let text = UnsafeBufferPointer(rebasing: bytes[index + 1..<end])
        guard text.allSatisfy({ $0 < 0x80 }) || String(validating: text, as: UTF8.self) != nil else {
            throw failure("invalid UTF-8")
        }
        index = end + 1
    }

    // MARK: - Checks on what was read

    /// `value`, or the error for a missing `key`.
    static func required<T>(_ value: T?, _ key: String) throws(CoreError) -> T {
        guard let value else { throw .malformedOperation("'\(key)' is missing") }
        return value
    }

    /// `text` made into a value by `parse`, or the error naming `key`.
    static func parsed<T>(_ text: String?, _ key: String, _ parse: (String) -> T?) throws(CoreError) -> T {
        let text = try required(text, key)
        guard let value = parse(text) else { throw .malformedOperation("'\(key)' is not valid: '\(text)'") }
        return value
    }

    /// Reads `["<replica>:<seq>", ...]`.
    mutating func readOperationIDs(_ key: JSONKey) throws(CoreError) -> [OperationID] {
        var ids: [OperationID] = []
        try readArray { reader throws(CoreError) in
            guard let id = OperationID(try reader.readString()) else {
                throw .malformedOperation("'\(key)' holds something that is not an operation id")
            }
            ids.append(id)
        }
        return ids
    }

    // MARK: - Lexing

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

    private mutating func expect(_ literal: StaticString) throws(CoreError) {
        let utf8 = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(literal)") }
            index += 1
        }
    }

    /// The slow path of `readString`, from its first character: escapes and control characters.
    private mutating func readEscapedString() throws(CoreError) -> String {
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
        guard index + 4 <= bytes.count,
            let value = UInt32(
                String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 4]), as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        index += 4
        return value
    }

    /// The keys of one object: a list while short, a set past 16, so a hostile
    /// object with many keys costs O(n) to check, not O(n²).
    private struct Keys {
        private var list: [JSONKey]
        private var set: Set<[UInt8]>?

        init() {
            list = []
            list.reserveCapacity(8)
        }

        mutating func insert(_ key: JSONKey) -> Bool {
            if set == nil, list.count >= 16 { set = Set(list.map { Array($0.bytes) }) }
            if set != nil { return set!.insert(Array(key.bytes)).inserted }
            for other in list where other == key { return false }
            list.append(key)
            return true
        }
    }
}

/// A key of the object being read: its bytes in the text, valid while the reader runs.
/// Compared with a name by `switch key { case "name": … }`.
struct JSONKey: CustomStringConvertible {
    let bytes: UnsafeBufferPointer<UInt8>

    static func ~= (name: StaticString, key: JSONKey) -> Bool {
        name.utf8CodeUnitCount == key.bytes.count
            && (key.bytes.isEmpty || memcmp(name.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0)
    }

    static func == (lhs: JSONKey, rhs: JSONKey) -> Bool {
        lhs.bytes.count == rhs.bytes.count
            && (lhs.bytes.isEmpty || memcmp(lhs.bytes.baseAddress!, rhs.bytes.baseAddress!, lhs.bytes.count) == 0)
    }

    var description: String { String(decoding: bytes, as: UTF8.self) }
}
