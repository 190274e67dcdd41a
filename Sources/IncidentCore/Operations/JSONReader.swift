/// Reads JSON strictly and straight into values, with no tree in between: one
/// value, integers only (no fractions or exponents), valid UTF-8, no key twice in
/// an object, at most 32 levels deep.
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
        _ bytes: some Collection<UInt8>, _ body: (inout JSONReader) throws(CoreError) -> T
    ) throws(CoreError) -> T {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(CoreError) in
            var reader = JSONReader(bytes: buffer)
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw reader.failure("data after the value") }
            return value
        }
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
        depth: Int = 0, _ member: (inout JSONReader, String) throws(CoreError) -> Void
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
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try readString()
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
        return try readEscapedString()
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
        case UInt8(ascii: "{"): try readObject(depth: depth) { reader, _ throws(CoreError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try readArray { reader throws(CoreError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        default: _ = try readInteger()
        }
        return start..<index
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
    mutating func readOperationIDs(_ key: String) throws(CoreError) -> [OperationID] {
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
            let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 4]), as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        index += 4
        return value
    }

    /// The keys of one object: a list while short, a set past 16, so a hostile
    /// object with many keys costs O(n) to check, not O(n²).
    private struct Keys {
        private var list: [String] = []
        private var set: Set<String>?

        mutating func insert(_ key: String) -> Bool {
            if set == nil, list.count >= 16 { set = Set(list) }
            if set != nil { return set!.insert(key).inserted }
            if list.contains(key) { return false }
            list.append(key)
            return true
        }
    }
}
