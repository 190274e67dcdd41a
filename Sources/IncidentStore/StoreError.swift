import IncidentCore

/// What the replica refuses, each with a message a person on call can act on.
public enum StoreError: ActionableError, Equatable, Sendable {
    case noReplica
    case cannotOpen(String, reason: String)
    case noCurrentIncident
    case unknownIncident(String)
    case ambiguousIncident(String, candidates: [String])
    case unknownEntry(String)
    case ambiguousEntry(String, candidates: [String])
    case summaryRequired(IncidentStatus, IncidentField)
    case divergentOperation(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the replica '\(path)' (\(reason)): check --db or $INCIDENT_DB, the file's "
                + "permissions and free space"
        case .noReplica:
            return "this replica has no name yet: run `incident init --name NAME`"
        case .noCurrentIncident:
            return "no current incident: record one with `incident new TITLE --severity N`, "
                + "pick one with `incident use ID`, or pass -i ID"
        case .unknownIncident(let reference):
            return "no incident matches '\(reference)'; `incident list --all` shows ids"
        case .ambiguousIncident(let reference, let candidates):
            return "'\(reference)' matches several incidents (\(candidates.joined(separator: ", "))): "
                + "give more characters"
        case .unknownEntry(let reference):
            return "no timeline entry of this incident matches '\(reference)'; `incident show` lists entry ids"
        case .ambiguousEntry(let reference, let candidates):
            return "'\(reference)' matches several entries (\(candidates.joined(separator: ", "))): "
                + "give more characters"
        case .summaryRequired(let status, let field):
            return "`\(status.rawValue)` needs a \(field.rawValue) summary, as the runbook asks: "
                + "incident status \(status.rawValue) -m \"what you did\""
        case .divergentOperation(let id):
            return "operation \(id) differs from the one this replica holds under that id: two replicas "
                + "share one replica id (a copied database file?); nothing was applied"
        }
    }
}
