import Foundation
import IncidentCore
import Testing

@Suite struct ScratchpadTests {
    let utc = LocalTime(timeZone: TimeZone(identifier: "UTC")!)
    let now = ISOTime.milliseconds(year: 2026, month: 11, day: 29, hour: 9, minute: 0, second: 0)

    func at(_ day: Int64, _ hour: Int64, _ minute: Int64) -> Int64 {
        ISOTime.milliseconds(year: 2026, month: 11, day: day, hour: hour, minute: minute, second: 0)
    }

    @Test func readsEveryLineFormAndSkipsCommentsAndBlanks() throws {
        let text = """
            # notes from the outage
            14:02 api 5xx climbing
            [14:03] paged bob

            continued without a time
            2026-11-28 14:09 rolled back
            """
        let lines = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc
        ).lines
        #expect(
            lines == [
                TimedLine(number: 2, at: at(28, 14, 2), text: "api 5xx climbing"),
                TimedLine(number: 3, at: at(28, 14, 3), text: "paged bob"),
                TimedLine(number: 5, at: at(28, 14, 3), text: "continued without a time"),
                TimedLine(number: 6, at: at(28, 14, 9), text: "rolled back"),
            ])
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        let text = "\u{FEFF}14:02 api 5xx climbing\r\n[14:03] paged bob\r\n\r\n14:04 last, no newline"
        let lines = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc
        ).lines
        #expect(
            lines == [
                TimedLine(number: 1, at: at(28, 14, 2), text: "api 5xx climbing"),
                TimedLine(number: 2, at: at(28, 14, 3), text: "paged bob"),
                TimedLine(number: 4, at: at(28, 14, 4), text: "last, no newline"),
            ])
    }

    @Test func linesWhoseLeadingTimeCannotBeReadAreFound() throws {
        let text = """
            14:02 fine
            25:99 not a clock
            [13:15pm] nor this
            2026-13-45 10:00 nor a date
            5-10 users affected, not a time
            1:5 minutes need two digits
            13pm is no hour
            2026-11-28 14:09 fine
            """
        let reading = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc)
        #expect(reading.unreadTimes == [2, 3, 4, 6, 7])
        #expect(reading.linesWithUnreadTimes.map(\.at) == Array(repeating: at(28, 14, 2), count: 5))
    }

    /// A line as people write it in notes, what it is read as, placed nearest `anchor`
    /// (the incident's start) in `zone` (the machine's), with the text left.
    struct WrittenLine: Sendable, CustomTestStringConvertible {
        var line: String
        var zone: String
        var at: String
        var text: String
        var testDescription: String { line }
    }

    static let anchor = ISOTime.milliseconds(year: 2017, month: 1, day: 31, hour: 17, minute: 0, second: 0)

    static let writtenLines: [WrittenLine] = [
        WrittenLine(
            line: "6pm starts removing data", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "starts removing data"),
        WrittenLine(line: "6 pm with a space", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "with a space"),
        WrittenLine(line: "9:30pm spam load", zone: "UTC", at: "2017-01-31T21:30:00Z", text: "spam load"),
        WrittenLine(line: "11:27 PM wrong host", zone: "UTC", at: "2017-01-31T23:27:00Z", text: "wrong host"),
        WrittenLine(line: "11:27PM no space", zone: "UTC", at: "2017-01-31T23:27:00Z", text: "no space"),
        WrittenLine(line: "12am midnight", zone: "UTC", at: "2017-02-01T00:00:00Z", text: "midnight"),
        WrittenLine(line: "12:15 p.m. noon", zone: "UTC", at: "2017-01-31T12:15:00Z", text: "noon"),
        WrittenLine(
            line: "2017/01/31 6pm UTC removing", zone: "Europe/Berlin", at: "2017-01-31T18:00:00Z",
            text: "removing"),
        WrittenLine(line: "2017/1/31 18:00 one digit", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "one digit"),
        WrittenLine(line: "11:27pm UTC rm -rf", zone: "America/New_York", at: "2017-01-31T23:27:00Z", text: "rm -rf"),
        WrittenLine(line: "18:00 +02:00 offset", zone: "UTC", at: "2017-01-31T16:00:00Z", text: "offset"),
        WrittenLine(line: "18:00Z zulu", zone: "Europe/Berlin", at: "2017-01-31T18:00:00Z", text: "zulu"),
        WrittenLine(line: "19:00 Europe/Berlin named", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "named"),
        WrittenLine(line: "19:00 CET abbreviated", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "abbreviated"),
        WrittenLine(
            line: "2017-02-01 00:00 UTC checking", zone: "Asia/Tokyo", at: "2017-02-01T00:00:00Z",
            text: "checking"),
        WrittenLine(
            line: "[11:27 PM] alice: which host?", zone: "UTC", at: "2017-01-31T23:27:00Z",
            text: "alice: which host?"),
        WrittenLine(line: "~10pm lag alerts", zone: "UTC", at: "2017-01-31T22:00:00Z", text: "~10pm lag alerts"),
        WrittenLine(
            line: "10pm-ish UTC fix db2", zone: "UTC", at: "2017-01-31T22:00:00Z",
            text: "10pm-ish UTC fix db2"),
        WrittenLine(line: "10:00 amazon down", zone: "UTC", at: "2017-01-31T10:00:00Z", text: "amazon down"),
        WrittenLine(line: "18:00 API down", zone: "UTC", at: "2017-01-31T18:00:00Z", text: "API down"),
        WrittenLine(line: "5 pods restarted", zone: "UTC", at: "2017-01-31T17:00:00Z", text: "5 pods restarted"),
    ]

    @Test(arguments: writtenLines)
    func notesAreReadAsPeopleWriteThem(_ written: WrittenLine) throws {
        let reading = try Scratchpad.parse(
            written.line, start: Self.anchor, firstClock: .nearest(to: Self.anchor), comments: .hashThenSpace,
            now: now, in: LocalTime(timeZone: TimeZone(identifier: written.zone)!))
        let line = try #require(reading.lines.first)
        #expect(ISOTime.format(milliseconds: line.at) == written.at)
        #expect(line.text == written.text)
    }

    @Test func aZoneHoldsForTheTimesAfterItAndLinesBeforeTheFirstTimeTakeIt() throws {
        let text = "replication lag alerts\n2017/01/31 6pm UTC removing data\n9:30pm spam\n11:27pm rm -rf"
        let reading = try Scratchpad.parse(
            text, start: now, firstClock: .nearest(to: now), comments: .hashThenSpace, now: now,
            in: LocalTime(timeZone: TimeZone(identifier: "America/New_York")!))
        #expect(
            reading.lines.map { ISOTime.format(milliseconds: $0.at) } == [
                "2017-01-31T18:00:00Z", "2017-01-31T18:00:00Z", "2017-01-31T21:30:00Z", "2017-01-31T23:27:00Z",
            ])
        let given = try Scratchpad.parse(
            "before\n14:00 after", start: at(28, 9, 0), firstClock: .nearest(to: at(28, 9, 0)),
            comments: .hashThenSpace, beforeFirstTime: .start, now: now, in: utc)
        #expect(given.lines.map(\.at) == [at(28, 9, 0), at(28, 14, 0)], "a start the person gave stays")
    }

    @Test func notesRunningPastMidnightStayInOrder() throws {
        let lines = try Scratchpad.parse(
            "23:50 still down\n00:10 recovered", start: at(28, 23, 40), firstClock: .nearest(to: at(28, 23, 40)),
            comments: .hashThenSpace, now: now, in: utc
        ).lines
        #expect(lines.map(\.at) == [at(28, 23, 50), at(29, 0, 10)])
    }

    @Test func linesBeforeAnyTimeTakeTheStart() throws {
        let lines = try Scratchpad.parse(
            "no time here", start: at(28, 14, 0), firstClock: .latestNotAfterNow, comments: .hashThenSpace, now: now,
            in: utc
        ).lines
        #expect(lines == [TimedLine(number: 1, at: at(28, 14, 0), text: "no time here")])
    }

    @Test func aBadLineNamesItsNumber() {
        #expect(throws: CoreError.atLine(2, .futureTime("2026-12-01 10:00"))) {
            try Scratchpad.parse(
                "ok\n2026-12-01 10:00 later", start: now, firstClock: .latestNotAfterNow, comments: .hashThenSpace,
                now: now, in: utc
            ).lines
        }
    }

    @Test func aTimeWithoutTextMovesTheClockOnly() throws {
        let lines = try Scratchpad.parse(
            "14:00\nthen this", start: now, firstClock: .latestNotAfterNow, comments: .hashThenSpace, now: now, in: utc
        ).lines
        #expect(lines == [TimedLine(number: 2, at: at(28, 14, 0), text: "then this")])
    }

    @Test func onlyAHashThenASpaceIsACommentInAFile() throws {
        let text = "# a comment\n#4521 reopened\n#status-stabilized posted\n#\n\t# indented comment\n14:02\n"
        let file = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc)
        #expect(file.lines.map(\.text) == ["#4521 reopened", "#status-stabilized posted"])
        #expect(file.passedOver == [1, 4, 5, 6])
        let typed = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .none, now: now, in: utc)
        #expect(
            typed.lines.map(\.text) == [
                "# a comment", "#4521 reopened", "#status-stabilized posted", "#",
                "# indented comment",
            ])
        #expect(typed.passedOver == [6])
    }

    @Test func emptyTextHasNoLinesToPassOver() throws {
        let reading = try Scratchpad.parse(
            "", start: now, firstClock: .latestNotAfterNow, comments: .none, now: now, in: utc)
        #expect(reading == ScratchpadReading(lines: [], passedOver: []))
    }
}
