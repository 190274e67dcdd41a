import Foundation
import IncidentCore
import IncidentStore

/// Replica files of a team for the property tests: `r0.sqlite`, `r1.sqlite`, … in one
/// folder, each with its own author (`r0`, `r1`, …), all holding one incident made on the first.
public enum ReplicaTeam {
    public static func make(_ count: Int, in files: TemporaryDirectory) throws
        -> (replicas: [Replica], incident: IncidentID)
    {
        let first = try Replica.open(path: files.file("r0.sqlite"))
        try first.initialize(name: "r0")
        let incident = try first.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        var replicas = [first]
        for index in 1..<count {
            let replica = try Replica.open(path: files.file("r\(index).sqlite"))
            try replica.initialize(name: "r\(index)")
            try replica.apply(first.allOperations())
            replicas.append(replica)
        }
        return (replicas, incident)
    }
}
