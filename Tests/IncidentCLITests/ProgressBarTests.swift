import Testing

@testable import IncidentCommandLine

/// The progress line a sync on a terminal redraws.
@Suite struct ProgressBarTests {
    @Test func aBarWhenTheTotalIsKnownACountOtherwise() {
        #expect(ProgressBar.line(label: "hub", done: 5, expected: 10, width: 4) == "hub [##--] 5/10 ops")
        #expect(ProgressBar.line(label: "hub", done: 12, expected: 10, width: 4) == "hub [####] 10/10 ops")
        #expect(ProgressBar.line(label: "hub", done: 7, expected: 0) == "hub 7 ops")
    }
}
