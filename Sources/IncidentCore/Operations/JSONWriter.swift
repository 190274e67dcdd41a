/// Writes canonical JSON: no spaces, keys in the order given (callers give them
/// sorted), strings escaped as Foundation's `JSONEncoder` does with
/// `.withoutEscapingSlashes` (`\"`, `\\`, `\b \f \n \r \t`, other controls as
/// `\u00xx`, everything else as UTF-8), so encodings stay byte-identical to the
/// golden files.
///
/// Output for people's tools (`show --json`, `list --json`) also escapes DEL and the C1
/// controls (`escapingEveryControl`), so no control character reaches a terminal raw
/// when JSON is printed there; op encodings keep the canonical form.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether DEL and the C1 controls (U+0080...U+009F) are escaped too.
    var escapingEveryControl = false
    /// Bit n: the container n levels deep already holds a value (the next needs a comma).
    /// Nothing written here nests 64 levels.
    private var needsComma: UInt64 = 0
    private var depth = 0

    init() {
        bytes.reserveCapacity(256)
    }

    /// Hands what is written so far to `sink` and forgets it, once it reaches 64 KiB:
    /// a long document streams out in pieces instead of growing in memory.
    mutating func drain(into sink: ([UInt8]) -> Void, whenOver limit: Int = 1 << 16) {
        guard bytes.count >= limit else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Forgets everything written, keeping the buffer, to write another document.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = 0
        depth = 0
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() { open(UInt8(ascii: "[")) }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        depth += 1
        needsComma &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        depth -= 1
    }

    /// Writes `"key":`; the value written next belongs to it. Keys are plain names.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma &= ~(1 << UInt64(depth))
    }

    mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    /// Writes `null`.
    mutating func null() {
        separate()
        append("null")
    }

    /// Writes `value`, or `null` when there is none.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    private mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes a value given whole as canonical JSON text (a constant that is written often).
    mutating func literal(_ json: StaticString) {
        separate()
        append(json)
    }

    /// Writes `[]`.
    mutating func emptyArray() {
        beginArray()
        endArray()
    }

    mutating func integer(_ value: some BinaryInteger) {
        separate()
        guard let value = Int64(exactly: value) else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        // Digit by digit into the output: every op writes two integers or more.
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, most significant last
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Writes a clock value as a string in the fixed-width form of its `description`,
    /// digit by digit into the output: every op has one.
    mutating func timestamp(_ hlc: HybridTimestamp) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendHex(UInt64(clamping: hlc.wall), width: 12)
        bytes.append(UInt8(ascii: "."))
        appendHex(UInt64(hlc.counter), width: 8)
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: hlc.replica.rawValue.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `value` in lowercase hex, at least `width` digits, as `HexDigits.string(of:width:)`.
    private mutating func appendHex(_ value: UInt64, width: Int) {
        for index in stride(from: HexDigits.digitCount(of: value, width: width) - 1, through: 0, by: -1) {
            bytes.append(HexDigits.digit(UInt8(truncatingIfNeeded: (value >> (4 * UInt64(index))) & 0x0F)))
        }
    }

    /// Writes `["<replica>:<seq>", ...]`.
    mutating func writeOperationIDs(_ ids: [OperationID]) {
        beginArray()
        for id in ids { string(id.description) }
        endArray()
    }

    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth)
        if needsComma & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        needsComma |= bit
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most text needs no escape: copy it whole.
            let escapeMore = escapingEveryControl
            if !utf8.contains(where: {
                $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
                    || escapeMore && ($0 == 0x7F || $0 == 0xC2)
            }) {
                bytes.append(contentsOf: utf8)
            } else {
                appendEscaped(utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            if escapingEveryControl {
                if byte == 0x7F {
                    appendUnicodeEscape(0x7F)
                    continue
                }
                // U+0080...U+009F are 0xC2 0x80...0xC2 0x9F in UTF-8.
                if byte == 0xC2, index < utf8.count, (0x80..<0xA0).contains(utf8[index]) {
                    appendUnicodeEscape(utf8[index])
                    index += 1
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20: appendUnicodeEscape(byte)
            default: bytes.append(byte)
            }
        }
    }

    /// `\u00xx` for a code point below 256.
    private mutating func appendUnicodeEscape(_ value: UInt8) {
        bytes.append(contentsOf: Array("\\u00".utf8) + [HexDigits.digit(value >> 4), HexDigits.digit(value & 0x0F)])
    }
}
