/// One dated line of a scratchpad or of `incident log`'s standard input.
public struct TimedLine: Hashable, Sendable {
    /// The line's number in its file, from 1.
    public var number: Int
    /// Event time in milliseconds since 1970 UTC.
    public var at: Int64
    public var text: String

    public init(number: Int, at: Int64, text: String) {
        self.number = number
        self.at = at
        self.text = text
    }
}

/// What `Scratchpad.parse` read: the entries, and the lines it passed over.
public struct ScratchpadReading: Hashable, Sendable {
    /// The lines that are entries, in order.
    public var lines: [TimedLine]
    /// The numbers of the lines that are not entries: blank, a comment, or a time alone
    /// (which moves the clock). A command counts them in what it prints.
    public var passedOver: [Int]
    /// The numbers of the entry lines that start with what looks like a time but is not
    /// one (`25:99`, `2026-13-45 10:00`): kept as text at the time before.
    public var unreadTimes: [Int]

    public init(lines: [TimedLine], passedOver: [Int], unreadTimes: [Int] = []) {
        self.lines = lines
        self.passedOver = passedOver
        self.unreadTimes = unreadTimes
    }

    /// The entry lines whose leading time could not be read, with the time they were given.
    public var linesWithUnreadTimes: [TimedLine] {
        let numbers = Set(unreadTimes)
        return lines.filter { numbers.contains($0.number) }
    }
}

/// Reads scratchpad lines (`14:02 text`, `[14:02] text`, `2026-11-28 14:02 text`, and
/// the forms of `WrittenTime.leading`: `11:27pm UTC text`, `[11:27 PM] alice: text`,
/// `~10pm text`).
///
/// A line without a time takes the previous line's; lines before the first time take
/// the first time read (they were written just before it), or `start` when no line has
/// a time or the person gave it (`LinesBeforeFirstTime`). A zone written after a time
/// holds for the bare times after it too, until another is written: notes kept in UTC
/// say so once. An approximate time (`~10pm`, `10pm-ish`) is read as the time, and the
/// text keeps it as written. Blank lines are passed over, and so are comments where
/// the caller reads them (`import` files). A dated line stands as written. A bare time
/// is placed on the calendar by `firstClock` when no line before it had a time, and
/// otherwise at the occurrence nearest the previous line's time, so notes that run
/// past midnight, or step back a few minutes to add something forgotten, stay in
/// place. Occurrences in the future are never chosen when a past one exists.
public enum Scratchpad {
    /// Where the first bare `HH:MM` goes.
    public enum FirstClock: Sendable {
        /// The latest such local time not after now (`incident log`, like `--at`).
        case latestNotAfterNow
        /// The occurrence nearest an instant: `import` uses the incident's start, so
        /// importing the same file on another day gives the same times (and ids).
        /// Notes taken before the incident was recorded, on the day before, land there.
        case nearest(to: Int64)
    }

    /// Where the lines before the first time go.
    public enum LinesBeforeFirstTime: Sendable {
        /// At the first time read (they were written just before it), or at `start` when
        /// no line has a time: never at a moment the notes do not say.
        case firstTime
        /// At `start`, which the person gave (`incident log --at`).
        case start
    }

    /// Which lines are comments.
    public enum Comments: Sendable {
        /// None: every non-blank line is an entry (`incident log`, where a person typed
        /// each line to record it: `#4521 reopened`).
        case none
        /// `#` followed by a space, a tab or the end of the line (scratchpad files).
        /// `#4521 reopened` and `#status-stabilized` are entries.
        case hashThenSpace

        /// Whether `line`, trimmed, is a comment.
        func isComment(_ line: String) -> Bool {
            switch self {
            case .none: return false
            case .hashThenSpace:
                var bytes = line.utf8.makeIterator()
                guard bytes.next() == UInt8(ascii: "#") else { return false }
                let next = bytes.next()
                return next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
            }
        }
    }

    /// Whether a line (trimmed) that `WrittenTime.leading` does not read starts with what
    /// looks like a time (`25:99`, `13pm`, `2026-13-45 10:00`): `parse` keeps it as text at
    /// the previous line's time, which a person should hear about.
    private static func looksTimed(_ line: String) -> Bool {
        var bytes = Array(line.utf8.prefix(8))
        if bytes.first == UInt8(ascii: "[") || bytes.first == UInt8(ascii: "~") { bytes.removeFirst() }
        func isDigit(_ index: Int) -> Bool {
            index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
        func isAt(_ index: Int, _ characters: String) -> Bool {
            index < bytes.count && characters.utf8.contains(bytes[index])
        }
        let digits = (0..<bytes.count).first { !isDigit($0) } ?? bytes.count
        return (1...2).contains(digits)
            && (isAt(digits, ":") && isDigit(digits + 1)
                || isAt(digits, "aApP")
                    && isAt(digits + 1, "mM"))
            || digits == 4 && isAt(4, "-/") && isDigit(5)
    }

    /// How many lines of `text` are not blank and not comments: an upper bound on the entries `parse` reads.
    public static func entryLineCount(_ text: String, comments: Comments) -> Int {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count { utf8Line in
            let trimmed = Substring(utf8Line).trimmingWhitespace()
            return !trimmed.isEmpty && !comments.isComment(trimmed)
        }
    }

    /// Parses every line, or throws for the first bad one (nothing is half-read).
    ///
    /// - Throws: `CoreError.atLine` wrapping a future or impossible time.
    /// - Complexity: O(lines).
    public static func parse(
        _ text: String, start: Int64, firstClock: FirstClock, comments: Comments,
        beforeFirstTime: LinesBeforeFirstTime = .firstTime, now: Int64, in local: LocalTime
    ) throws(CoreError) -> ScratchpadReading {
        var lines: [TimedLine] = []
        var passedOver: [Int] = []
        var unreadTimes: [Int] = []
        var current = start
        var previousClock: Int64?
        var zone = local
        var number = 0
        // A byte-order mark (Windows editors write one) is not part of the first line;
        // `\r` of `\r\n` endings goes with the trimmed whitespace.
        let text = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? String(text.dropFirst()) : text
        var utf8Lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The newline that ends the last line does not start another, and empty text has no lines.
        if utf8Lines.last?.isEmpty == true { utf8Lines.removeLast() }
        for utf8Line in utf8Lines {
            number += 1
            let trimmed = Substring(utf8Line).trimmingWhitespace()
            if trimmed.isEmpty || comments.isComment(trimmed) {
                passedOver.append(number)
                continue
            }
            guard let leading = WrittenTime.leading(in: Substring(trimmed)) else {
                if looksTimed(trimmed) { unreadTimes.append(number) }
                lines.append(TimedLine(number: number, at: current, text: trimmed))
                continue
            }
            if let written = leading.zone, written != zone.timeZone { zone = LocalTime(timeZone: written) }
            let anchor = previousClock
            let written = String(trimmed.prefix(trimmed.count - leading.rest.count)).trimmingWhitespace()
            do {
                current = try EventTime.resolve(leading.time, text: written, now: now, in: zone) {
                    hour, minute, second, zone in
                    let limit = now + EventTime.futureTolerance
                    if let anchor {
                        return zone.nearest(hour: hour, minute: minute, second: second, to: anchor, notAfter: limit)
                    }
                    switch firstClock {
                    case .latestNotAfterNow:
                        return zone.latest(hour: hour, minute: minute, second: second, notAfter: now)
                    case .nearest(let instant):
                        return zone.nearest(hour: hour, minute: minute, second: second, to: instant, notAfter: limit)
                    }
                }
            } catch {
                throw .atLine(number, error)
            }
            if previousClock == nil, beforeFirstTime == .firstTime {
                // The lines before the first time were written just before it.
                for index in lines.indices { lines[index].at = current }
            }
            previousClock = current
            let entryText = leading.isApproximate ? trimmed : leading.rest.trimmingWhitespace()
            if entryText.isEmpty {
                passedOver.append(number)
                continue
            }
            lines.append(TimedLine(number: number, at: current, text: entryText))
        }
        return ScratchpadReading(lines: lines, passedOver: passedOver, unreadTimes: unreadTimes)
    }
}
