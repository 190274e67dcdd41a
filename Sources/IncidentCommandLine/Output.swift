import Foundation
import IncidentCore

/// How commands print: lines for people (local time, control characters made visible,
/// as text from peers can hold any), JSON for programs.
enum Output {
    /// Writes `text` and a newline to standard output, its control characters made visible.
    static func say(_ text: String) {
        print(text.visibleOnTerminal)
    }

    /// Writes `text` and a newline to standard error, its control characters made visible.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text.visibleOnTerminal + "\n").utf8))
    }

    /// `14:02` in local time.
    static func clock(_ milliseconds: Int64) -> String {
        var calendar = LocalCalendar()
        var line = Lines()
        line.writeClock(calendar.fields(milliseconds))
        return line.text
    }

    /// Warns, in one line, of the lines whose leading time could not be read (`25:99`,
    /// `13pm`), each with the time it was given (the line before's): the person should know.
    static func warnOfUnreadTimes(_ lines: [TimedLine]) {
        guard !lines.isEmpty else { return }
        let shown =
            lines.prefix(10).map { "\($0.number) (at \(dateTime($0.at)))" }.joined(separator: ", ")
            + (lines.count > 10 ? ", …" : "")
        warn(
            "\(lines.count == 1 ? "line" : "lines") \(shown): what looks like a time there is not one, so it was "
                + "kept as text at the time before; write 14:02, 6pm, [11:27 PM] or 2017-01-31 18:00 UTC")
    }

    /// `passed over 2 lines (3, 7): blank, a comment or a time alone`, for the lines of a
    /// scratchpad (`comments`) or of standard input that are not entries.
    static func passedOver(_ numbers: [Int], comments: Scratchpad.Comments) -> String {
        let shown = numbers.prefix(10).map(String.init).joined(separator: ", ") + (numbers.count > 10 ? ", …" : "")
        let reasons =
            switch comments {
            case .none: "blank or a time alone"
            case .hashThenSpace: "blank, a `# ` comment or a time alone"
            }
        return "passed over \(numbers.count) \(numbers.count == 1 ? "line" : "lines") (\(shown)): \(reasons)"
    }

    /// `14:02` when the instant is today (local time), else `2026-11-28 14:02`: an entry
    /// that a bare time placed on yesterday says so.
    static func dateTimeIfNotToday(_ milliseconds: Int64) -> String {
        var calendar = LocalCalendar()
        let time = calendar.fields(milliseconds)
        let today = calendar.fields(Int64(Date().timeIntervalSince1970 * 1000))
        return time.isSameDay(as: today) ? clock(milliseconds) : dateTime(milliseconds)
    }

    /// `2026-11-28 14:02` in local time.
    static func dateTime(_ milliseconds: Int64) -> String {
        var calendar = LocalCalendar()
        var line = Lines()
        line.writeDateTime(calendar.fields(milliseconds))
        return line.text
    }
}

/// Standard output written in large pieces: one write per 64 KiB, not one per line.
/// What `print` buffered is flushed first, so the two interleave rightly.
struct Lines {
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    /// Adds `text`, its control characters made visible, and a newline.
    mutating func append(_ text: String) {
        write(text)
        endLine()
    }

    /// Adds `bytes` and a newline.
    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        endLine()
    }

    /// Adds part of a line.
    mutating func appendPart(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Adds `text` to the line being written, its control characters made visible (a
    /// long timeline is written piece by piece into the buffer: no string is made per line).
    mutating func write(_ text: String) {
        var text = text.visibleOnTerminal
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Adds the first `count` bytes of `text`'s UTF-8 to the line being written.
    mutating func write(_ text: String, prefix count: Int) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(count))) }
    }

    /// Adds ASCII `text` and spaces after it up to `width` bytes.
    mutating func write(_ text: String, paddedTo width: Int) {
        write(text)
        let count = text.utf8.count
        if count < width { buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - count)) }
    }

    /// Adds `2026-11-28`.
    mutating func writeDay(_ time: LocalCalendar.Fields) {
        write(String(time.year))
        buffer.append(UInt8(ascii: "-"))
        writeTwoDigits(time.month)
        buffer.append(UInt8(ascii: "-"))
        writeTwoDigits(time.day)
    }

    /// Adds `14:02`.
    mutating func writeClock(_ time: LocalCalendar.Fields) {
        writeTwoDigits(time.hour)
        buffer.append(UInt8(ascii: ":"))
        writeTwoDigits(time.minute)
    }

    /// Adds `2026-11-28 14:02`.
    mutating func writeDateTime(_ time: LocalCalendar.Fields) {
        writeDay(time)
        buffer.append(UInt8(ascii: " "))
        writeClock(time)
    }

    private mutating func writeTwoDigits(_ value: Int64) {
        buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10 % 10))
        buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
    }

    /// Ends the line being written.
    mutating func endLine() {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    /// The bytes written and not yet flushed, as text (for one line built here).
    var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Writes what is buffered.
    mutating func flush() {
        fflush(nil)
        buffer.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
                guard result > 0 else { return }  // a closed pipe: nobody reads any more
                written += result
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Local dates and times of instants, as people read them: the machine's time zone (`TZ`,
/// else /etc/localtime, read by the C library, which costs a command far less than
/// Foundation's `TimeZone.current`), its offset looked up once a minute of the instants asked
/// about, the calendar done by arithmetic (a timeline of 100,000 entries asks 100,000 times).
struct LocalCalendar {
    private var minute: Int64 = .min
    private var offset: Int64 = 0
    /// Times in UTC rather than the machine's zone (`--utc`).
    private let utc: Bool

    init(utc: Bool = false) {
        self.utc = utc
    }

    /// How the zone of the times shown is named at an instant: `UTC`, or `CET (UTC+01:00)`.
    func zoneName(at milliseconds: Int64) -> String {
        guard !utc else { return "UTC" }
        var seconds = time_t(Self.floorDivide(milliseconds, 1000))
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "UTC" }
        let offset = Int(local.tm_gmtoff) / 60
        let abbreviation = local.tm_zone.map { String(cString: $0) } ?? ""
        if offset == 0, abbreviation.isEmpty || abbreviation == "UTC" || abbreviation == "GMT" { return "UTC" }
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 60
        let minutes = abs(offset) % 60
        let utcOffset = "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        return abbreviation.isEmpty ? utcOffset : "\(abbreviation) (\(utcOffset))"
    }

    /// A local date and time, to the minute.
    struct Fields: Equatable {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64

        /// Whether both fall on the same local day.
        func isSameDay(as other: Fields) -> Bool {
            (year, month, day) == (other.year, other.month, other.day)
        }
    }

    /// The local year, month, day, hour and minute of an instant (milliseconds since 1970 UTC).
    mutating func fields(_ milliseconds: Int64) -> Fields {
        let minute = Self.floorDivide(milliseconds, 60_000)
        if !utc, minute != self.minute {
            self.minute = minute
            var seconds = time_t(Self.floorDivide(milliseconds, 1000))
            var local = tm()
            offset = localtime_r(&seconds, &local) == nil ? 0 : Int64(local.tm_gmtoff) * 1000
        }
        // An instant from a peer can lie at the edge of 64 bits: shown without its offset then.
        let (shifted, overflow) = milliseconds.addingReportingOverflow(offset)
        let local = overflow ? milliseconds : shifted
        let days = Self.floorDivide(local, 86_400_000)
        let (year, month, day) = ISOTime.civil(fromDays: days)
        let remainder = local % 86_400_000  // the time of day, without overflowing at Int64.min
        let minutes = (remainder < 0 ? remainder + 86_400_000 : remainder) / 60_000
        return Fields(year: year, month: month, day: day, hour: minutes / 60, minute: minutes % 60)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
