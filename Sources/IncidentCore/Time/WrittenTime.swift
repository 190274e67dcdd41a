/// A time as a person typed it, before it is placed on the calendar.
///
/// Accepted forms (DESIGN.md): `14:05`, `14:05:30`, `2026-11-28 14:05`, ISO 8601
/// (`2026-11-28T14:05:00Z`, `2026-11-28T14:05:00.250+01:00`, or without a zone
/// for local time), `now`, and `10m ago` / `3h ago` / `45s ago` / `2d ago`.
public enum WrittenTime: Hashable, Sendable {
    /// A wall-clock time with no date: placed by a rule (latest not in the future, or nearest).
    case timeOfDay(hour: Int, minute: Int, second: Int)
    /// A local date and time.
    case local(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int)
    /// An absolute instant, in milliseconds since 1970 UTC.
    case instant(Int64)
    /// So many milliseconds before now (`0` for `now`).
    case ago(Int64)

    /// Parses a whole `--at` argument, or returns `nil`.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.lowercased() == "now" {
            self = .ago(0)
            return
        }
        if let ago = Self.parseAgo(trimmed) {
            self = .ago(ago)
            return
        }
        var scanner = TimeScanner(trimmed)
        guard let time = scanner.scanTime(), scanner.isAtEnd else { return nil }
        self = time
    }

    /// Splits a leading time off a scratchpad line: `14:02 text`, `[14:02] text`,
    /// `2026-11-28 14:02 text`. Returns `nil` when the line does not start with a time.
    public static func leading(in line: Substring) -> (time: WrittenTime, rest: Substring)? {
        // Every written time starts with a digit or a bracket: most lines are spared the scanner.
        guard let first = line.utf8.first,
            first == UInt8(ascii: "[") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return nil }
        var scanner = TimeScanner(line)
        let bracketed = scanner.skip("[")
        guard let time = scanner.scanTime() else { return nil }
        if bracketed, !scanner.skip("]") { return nil }
        guard scanner.isAtEnd || scanner.skipWhitespace() else { return nil }
        return (time, scanner.remainder)
    }

    private static func parseAgo(_ text: String) -> Int64? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.last == "ago", words.count == 2 || words.count == 3 else { return nil }
        let quantity = words.count == 3 ? String(words[0]) + String(words[1]) : String(words[0])
        guard let digitsEnd = quantity.firstIndex(where: { !$0.isASCII || !$0.isNumber }),
            let amount = Int64(quantity[..<digitsEnd]), amount <= 100_000
        else { return nil }
        guard let unit = TimeSpan.unitMilliseconds[String(quantity[digitsEnd...])] else { return nil }
        return amount * unit
    }
}

/// Reads the fixed-format parts of written times from UTF-8 bytes.
private struct TimeScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: some StringProtocol) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index == bytes.count }

    var remainder: Substring {
        Substring(String(decoding: bytes[index...], as: UTF8.self))
    }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    /// Skips one or more spaces or tabs; false when there were none.
    mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index > start
    }

    /// `date [T| ] clock [.fraction] [zone]`, or a bare `clock`.
    mutating func scanTime() -> WrittenTime? {
        let start = index
        if let date = scanDate() {
            guard skip("T") || skip(" ") || skip("t"), let clock = scanClock() else {
                index = start
                return nil
            }
            let millisecond = scanFraction()
            if let offset = scanZone() {
                guard let utc = validUTC(date: date, clock: clock, millisecond: millisecond) else { return nil }
                return .instant(utc - offset)
            }
            return .local(
                year: date.year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute,
                second: clock.second, millisecond: millisecond)
        }
        index = start
        guard let clock = scanClock() else { return nil }
        return .timeOfDay(hour: clock.hour, minute: clock.minute, second: clock.second)
    }

    private mutating func scanDigits(min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    private mutating func scanDate() -> (year: Int, month: Int, day: Int)? {
        let start = index
        guard let year = scanDigits(min: 4, max: 4), skip("-"), let month = scanDigits(min: 2, max: 2), skip("-"),
            let day = scanDigits(min: 2, max: 2), (1...12).contains(month), (1...31).contains(day)
        else {
            index = start
            return nil
        }
        return (year, month, day)
    }

    private mutating func scanClock() -> (hour: Int, minute: Int, second: Int)? {
        let start = index
        guard let hour = scanDigits(min: 1, max: 2), skip(":"), let minute = scanDigits(min: 2, max: 2),
            hour < 24, minute < 60
        else {
            index = start
            return nil
        }
        var second = 0
        let beforeSeconds = index
        if skip(":") {
            guard let value = scanDigits(min: 2, max: 2), value < 60 else {
                index = beforeSeconds
                return (hour, minute, 0)
            }
            second = value
        }
        return (hour, minute, second)
    }

    private mutating func scanFraction() -> Int {
        let start = index
        guard skip(".") || skip(",") else { return 0 }
        let digitsStart = index
        guard let value = scanDigits(min: 1, max: 9) else {
            index = start
            return 0
        }
        let count = index - digitsStart
        var millisecond = value
        if count < 3 {
            for _ in count..<3 { millisecond *= 10 }
        } else {
            for _ in 3..<count { millisecond /= 10 }
        }
        return millisecond
    }

    /// A zone suffix as milliseconds east of UTC: `Z`, `+01:00`, `-0500`.
    private mutating func scanZone() -> Int64? {
        if skip("Z") || skip("z") { return 0 }
        let start = index
        let sign: Int64
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = scanDigits(min: 2, max: 2) else {
            index = start
            return nil
        }
        _ = skip(":")
        let minutes = scanDigits(min: 2, max: 2) ?? 0
        guard hours < 24, minutes < 60 else {
            index = start
            return nil
        }
        return sign * Int64(hours * 60 + minutes) * 60_000
    }

    private func validUTC(
        date: (year: Int, month: Int, day: Int), clock: (hour: Int, minute: Int, second: Int), millisecond: Int
    ) -> Int64? {
        let days = ISOTime.daysFromCivil(year: Int64(date.year), month: Int64(date.month), day: Int64(date.day))
        guard ISOTime.civil(fromDays: days) == (Int64(date.year), Int64(date.month), Int64(date.day)) else {
            return nil
        }
        return ISOTime.milliseconds(
            year: Int64(date.year), month: Int64(date.month), day: Int64(date.day), hour: Int64(clock.hour),
            minute: Int64(clock.minute), second: Int64(clock.second), millisecond: Int64(millisecond))
    }
}
