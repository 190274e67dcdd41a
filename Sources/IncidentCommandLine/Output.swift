import Foundation
import IncidentCore

/// How commands print: lines for people (local time), JSON for programs.
enum Output {
    /// `14:02` in local time.
    static func clock(_ milliseconds: Int64) -> String {
        var calendar = LocalCalendar()
        return calendar.clock(milliseconds)
    }

    /// `2026-11-28 14:02` in local time.
    static func dateTime(_ milliseconds: Int64) -> String {
        var calendar = LocalCalendar()
        return calendar.dateTime(milliseconds)
    }
}

/// Standard output written in large pieces: one write per 64 KiB, not one per line.
/// What `print` buffered is flushed first, so the two interleave rightly.
struct Lines {
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    /// Adds `text` and a newline.
    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
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

    private mutating func endLine() {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        fflush(nil)
        buffer.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
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

    /// The local year, month, day, hour and minute of an instant (milliseconds since 1970 UTC).
    mutating func fields(_ milliseconds: Int64) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64) {
        let minute = Self.floorDivide(milliseconds, 60_000)
        if minute != self.minute {
            self.minute = minute
            var seconds = time_t(Self.floorDivide(milliseconds, 1000))
            var local = tm()
            offset = localtime_r(&seconds, &local) == nil ? 0 : Int64(local.tm_gmtoff) * 1000
        }
        let local = milliseconds + offset
        let days = Self.floorDivide(local, 86_400_000)
        let (year, month, day) = ISOTime.civil(fromDays: days)
        let minutes = (local - days * 86_400_000) / 60_000
        return (year, month, day, minutes / 60, minutes % 60)
    }

    /// `14:02`.
    mutating func clock(_ milliseconds: Int64) -> String {
        let time = fields(milliseconds)
        return Self.pad(time.hour) + ":" + Self.pad(time.minute)
    }

    /// `2026-11-28`.
    mutating func day(_ milliseconds: Int64) -> String {
        let time = fields(milliseconds)
        return "\(time.year)-" + Self.pad(time.month) + "-" + Self.pad(time.day)
    }

    /// `2026-11-28 14:02`.
    mutating func dateTime(_ milliseconds: Int64) -> String {
        day(milliseconds) + " " + clock(milliseconds)
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}

extension String {
    /// The text padded with spaces to `width` characters (never cut).
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
