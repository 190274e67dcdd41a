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

    public init(lines: [TimedLine], passedOver: [Int]) {
        self.lines = lines
        self.passedOver = passedOver
    }
}

/// Reads scratchpad lines (`14:02 text`, `[14:02] text`, `2026-11-28 14:02 text`).
///
/// A line without a time takes the previous line's; lines before the first time
/// take `start`. Blank lines are passed over, and so are comments where the caller
/// reads them (`import` files). A dated line stands as
/// written. A bare time is placed on the calendar by `firstClock` when no line
/// before it had a time, and otherwise at the occurrence nearest the previous
/// line's time, so notes that run past midnight, or step back a few minutes to add
/// something forgotten, stay in place. Occurrences in the future are never chosen
/// when a past one exists.
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

    /// The numbers of the lines that start with what looks like a time (`25:99`,
    /// `11:15pm`, `2026-13-45 10:00`) but is not one: `parse` keeps them as text at the
    /// previous line's time, which a person should hear about.
    ///
    /// - Complexity: one pass over the bytes; only a line that looks timed is read further.
    public static func linesWithUnreadTimes(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var numbers: [Int] = []
            var number = 0
            var start = 0
            while start <= bytes.count {
                number += 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var first = start
                while first < end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") {
                    first += 1
                }
                let word = first < end && bytes[first] == UInt8(ascii: "[") ? first + 1 : first
                if looksLikeTime(UnsafeBufferPointer(rebasing: bytes[word..<end])) {
                    let line = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self)
                    if WrittenTime.leading(in: line.trimmingWhitespace()[...]) == nil { numbers.append(number) }
                }
                start = end + 1
            }
            return numbers
        }
    }

    /// `D:D…` or `DD:D…` (a clock) or `DDDD-D…` (a date), at the start of `word`.
    private static func looksLikeTime(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ index: Int) -> Bool {
            index < word.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(word[index])
        }
        func isAt(_ index: Int, _ character: Character) -> Bool {
            index < word.count && word[index] == character.asciiValue!
        }
        return (isDigit(0) && isAt(1, ":") && isDigit(2)) || (isDigit(0) && isDigit(1) && isAt(2, ":") && isDigit(3))
            || ((0..<4).allSatisfy(isDigit) && isAt(4, "-") && isDigit(5))
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
        _ text: String, start: Int64, firstClock: FirstClock, comments: Comments, now: Int64, in local: LocalTime
    ) throws(CoreError) -> ScratchpadReading {
        var lines: [TimedLine] = []
        var passedOver: [Int] = []
        var current = start
        var previousClock: Int64?
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
            var body = Substring(trimmed)
            var timed = false
            if let (written, rest) = WrittenTime.leading(in: body) {
                timed = true
                let anchor = previousClock
                do {
                    current = try EventTime.resolve(
                        written, text: String(trimmed.prefix(trimmed.count - rest.count)).trimmingWhitespace(),
                        now: now, in: local
                    ) { hour, minute, second in
                        let limit = now + EventTime.futureTolerance
                        if let anchor {
                            return local.nearest(
                                hour: hour, minute: minute, second: second, to: anchor, notAfter: limit)
                        }
                        switch firstClock {
                        case .latestNotAfterNow:
                            return local.latest(hour: hour, minute: minute, second: second, notAfter: now)
                        case .nearest(let instant):
                            return local.nearest(
                                hour: hour, minute: minute, second: second, to: instant, notAfter: limit)
                        }
                    }
                } catch {
                    throw .atLine(number, error)
                }
                previousClock = current
                body = rest
            }
            let entryText = timed ? body.trimmingWhitespace() : trimmed
            if entryText.isEmpty {
                passedOver.append(number)
                continue
            }
            lines.append(TimedLine(number: number, at: current, text: entryText))
        }
        return ScratchpadReading(lines: lines, passedOver: passedOver)
    }
}
