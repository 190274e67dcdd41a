/// The blameless review the runbook asks for after a severe or likely-to-recur
/// incident: a summary and the "5 whys", each an incident field (a register, with
/// conflicts shown like any field's).
public struct Postmortem: Hashable, Sendable {
    public static let whyCount = 5

    public var summary: String?
    /// The answers to "why?", first to fifth; `nil` where not answered yet.
    public var whys: [String?]

    /// Five unanswered whys, made once: every incident without a postmortem shares them.
    public static let noWhys: [String?] = Array(repeating: nil, count: whyCount)

    public init(summary: String? = nil, whys: [String?] = Postmortem.noWhys) {
        self.summary = summary
        self.whys = whys
    }

    /// The field that holds the `number`th why (1 to 5).
    public static func whyField(_ number: Int) -> IncidentField? {
        let fields: [IncidentField] = [.why1, .why2, .why3, .why4, .why5]
        return (1...whyCount).contains(number) ? fields[number - 1] : nil
    }

    /// What a postmortem still lacks, in words, for `status reviewed` and `review`.
    public func missing(actionItems: Int) -> [String] {
        var missing: [String] = []
        if (summary ?? "").isEmpty { missing.append("a summary (incident review summary TEXT)") }
        let answered = whys.filter { !($0 ?? "").isEmpty }.count
        if answered < Self.whyCount {
            missing.append("\(Self.whyCount - answered) of the 5 whys (incident review why TEXT)")
        }
        if actionItems == 0 { missing.append("action items (incident action add TEXT)") }
        return missing
    }
}
