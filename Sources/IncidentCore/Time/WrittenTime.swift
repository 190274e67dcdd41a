import Foundation

/// A time as a person typed it, before it is placed on the calendar.
///
/// Accepted forms (DESIGN.md): `14:05`, `14:05:30`, `2026-11-28 14:05`, ISO 8601
/// (`2026-11-28T14:05:00Z`, `2026-11-28T14:05:00.250+01:00`, or without a zone
/// for local time), `now`, and `10m ago` / `3h ago` / `45s ago` / `2d ago`; and as
/// people write them in notes: 12-hour times (`6pm`, `9:30pm`, `11:27 PM`), dates with
/// `/` (`2017/01/31 6pm`), and a zone after the time (`UTC`, `Z`, `+02:00`, a tz
/// database name such as `Europe/Berlin`, or a common abbreviation such as `CET`).
public enum WrittenTime: Hashable, Sendable {
    /// A wall-clock time with no date: placed by a rule (latest not in the future, or
    /// nearest), in `zone` when one was written, else in the local zone.
    case timeOfDay(hour: Int, minute: Int, second: Int, zone: TimeZone?)
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

    /// A time read at the start of a scratchpad line.
    public struct Leading: Sendable {
        public var time: WrittenTime
        /// The line after the time (and its zone, and the spaces after).
        public var rest: Substring
        /// Written as approximate (`~10pm`, `10pm-ish`): read as the time, but the text
        /// keeps what was written.
        public var isApproximate: Bool
        /// The zone written after the time, if any.
        public var zone: TimeZone?
    }

    /// Splits a leading time off a scratchpad line: `14:02 text`, `[14:02] text`,
    /// `2026-11-28 14:02 text`, `11:27pm UTC text`, Slack's copy form `[11:27 PM] alice:
    /// text`, `~10pm text`. Returns `nil` when the line does not start with a time.
    public static func leading(in line: Substring) -> Leading? {
        // Every written time starts with a digit, a bracket or a tilde: most lines are
        // spared the scanner.
        guard let first = line.utf8.first,
            first == UInt8(ascii: "[") || first == UInt8(ascii: "~")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return nil }
        var scanner = TimeScanner(line)
        let bracketed = scanner.skip("[")
        let tilde = scanner.skip("~")
        guard let time = scanner.scanTime(allowingSuffix: true) else { return nil }
        if bracketed, !scanner.skip("]") { return nil }
        guard scanner.isAtEnd || scanner.skipWhitespace() else { return nil }
        return Leading(
            time: time, rest: scanner.remainder, isApproximate: tilde || scanner.sawHedge, zone: scanner.zone)
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

    /// Set when the time read was followed by `-ish`.
    private(set) var sawHedge = false
    /// The zone written after the time read, if any.
    private(set) var zone: TimeZone?

    /// `date [T| ] clock [.fraction] [zone]`, or a bare `clock [zone]`. With
    /// `allowingSuffix` (a scratchpad line), the clock may be followed by `-ish`, and
    /// the zone by a space.
    mutating func scanTime(allowingSuffix: Bool = false) -> WrittenTime? {
        let start = index
        if let date = scanDate() {
            guard skip("T") || skip(" ") || skip("t"), let clock = scanClock() else {
                index = start
                return nil
            }
            let millisecond = scanFraction()
            if allowingSuffix { sawHedge = skipHedge() }
            if let offset = scanZone() {
                guard let utc = validUTC(date: date, clock: clock, millisecond: millisecond) else { return nil }
                zone = TimeZone(secondsFromGMT: Int(offset / 1000))
                return .instant(utc - offset)
            }
            if let zone = scanNamedZone() {
                self.zone = zone
                guard
                    let instant = LocalTime(timeZone: zone).milliseconds(
                        year: date.year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute,
                        second: clock.second, millisecond: millisecond)
                else { return nil }
                return .instant(instant)
            }
            return .local(
                year: date.year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute,
                second: clock.second, millisecond: millisecond)
        }
        index = start
        guard let clock = scanClock() else { return nil }
        if allowingSuffix { sawHedge = skipHedge() }
        zone = scanZone().flatMap { TimeZone(secondsFromGMT: Int($0 / 1000)) } ?? scanNamedZone()
        return .timeOfDay(hour: clock.hour, minute: clock.minute, second: clock.second, zone: zone)
    }

    /// `-ish` after a time, as in `10pm-ish`.
    private mutating func skipHedge() -> Bool {
        let start = index
        guard skip("-"), skipWord(["ish"]) else {
            index = start
            return false
        }
        return true
    }

    /// One of `words` (lowercase ASCII), in any case, followed by no letter.
    private mutating func skipWord(_ words: [String]) -> Bool {
        for word in words {
            let letters = Array(word.utf8)
            guard index + letters.count <= bytes.count,
                zip(bytes[index..<index + letters.count], letters).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 })
            else { continue }
            let end = index + letters.count
            if end < bytes.count, Self.isLetter(bytes[end]) { continue }
            index = end
            return true
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// The zone names read after a time: tz database names (`Europe/Berlin`) and these
    /// abbreviations, which are common and not words of their own (`CAT` or `EAT` would be).
    static let abbreviations: Set<String> = [
        "UTC", "GMT", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "PST", "PDT", "MST", "MDT", "CST", "CDT",
        "EST", "EDT", "AKST", "AKDT", "HST", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT",
    ]

    /// A zone written by name after a space: `UTC`, `CET`, `Europe/Berlin`; `+02:00` and
    /// `Z` after a space too. Nothing is consumed unless one is read.
    private mutating func scanNamedZone() -> TimeZone? {
        let start = index
        guard skipWhitespace() else { return nil }
        if let offset = scanZone(), index == bytes.count || !Self.isLetter(bytes[index]) {
            if let zone = TimeZone(secondsFromGMT: Int(offset / 1000)) { return zone }
        }
        index = start
        _ = skipWhitespace()
        let wordStart = index
        // Zone names start with a capital (`UTC`, `Europe/Berlin`); most text does not.
        guard index < bytes.count, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index]) else {
            index = start
            return nil
        }
        while index < bytes.count,
            Self.isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "/")
                || bytes[index] == UInt8(ascii: "_")
        {
            index += 1
        }
        let boundary = index == bytes.count || !(bytes[index] >= 0x80 || Self.isLetter(bytes[index]))
        if boundary, index - wordStart <= 32 {
            let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
            if Self.abbreviations.contains(word), let zone = TimeZone(abbreviation: word) { return zone }
            if word.contains("/"), let zone = TimeZone(identifier: word) { return zone }
        }
        index = start
        return nil
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

    /// `YYYY-MM-DD`, or `YYYY/M/D` with one or two digits each.
    private mutating func scanDate() -> (year: Int, month: Int, day: Int)? {
        let start = index
        guard let year = scanDigits(min: 4, max: 4) else { return nil }
        let slashed = bytes.indices.contains(index) && bytes[index] == UInt8(ascii: "/")
        let separator: Character = slashed ? "/" : "-"
        let least = slashed ? 1 : 2
        guard skip(separator), let month = scanDigits(min: least, max: 2), skip(separator),
            let day = scanDigits(min: least, max: 2), (1...12).contains(month), (1...31).contains(day)
        else {
            index = start
            return nil
        }
        return (year, month, day)
    }

    /// `H:MM[:SS]`, 24-hour, or a 12-hour time: `6pm`, `9:30pm`, `11:27 PM`, `6 a.m.`.
    private mutating func scanClock() -> (hour: Int, minute: Int, second: Int)? {
        let start = index
        guard let hour = scanDigits(min: 1, max: 2) else { return nil }
        var minute = 0
        var second = 0
        var hasMinutes = false
        if skip(":") {
            guard let value = scanDigits(min: 2, max: 2), value < 60 else {
                index = start
                return nil
            }
            minute = value
            hasMinutes = true
            let beforeSeconds = index
            if skip(":") {
                if let value = scanDigits(min: 2, max: 2), value < 60 {
                    second = value
                } else {
                    index = beforeSeconds
                }
            }
        }
        let beforeMeridiem = index
        _ = skip(" ")
        if let pm = scanMeridiem() {
            guard (1...12).contains(hour) else {
                index = start
                return nil
            }
            return (hour % 12 + (pm ? 12 : 0), minute, second)
        }
        index = beforeMeridiem
        guard hasMinutes, hour < 24 else {
            index = start
            return nil
        }
        return (hour, minute, second)
    }

    /// `am`, `pm`, `a.m.`, `p.m.`, in any case: whether it was afternoon.
    private mutating func scanMeridiem() -> Bool? {
        if skipWord(["a.m.", "am"]) { return false }
        if skipWord(["p.m.", "pm"]) { return true }
        return nil
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
