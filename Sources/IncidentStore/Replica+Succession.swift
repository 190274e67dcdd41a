import GRDB
import IncidentCore

extension Replica {
    /// After this replica's file went on under a new id (it healed as a copy, or `init
    /// --new-id`): if it belongs to a team, writes the succession (`SucceedMember`) that
    /// puts the new id in the old one's place on the roster, signed by `oldKey`, the key
    /// the old id signed with. Without it the team would take the copy for a stranger and
    /// keep its ops waiting until a member admitted it. The roster is settled after it.
    static func succeed(_ old: ReplicaID, signedWith oldKey: ReplicaKey, in db: Database, wall: Int64) throws {
        guard let identity = try identity(in: db), identity.id != old, try TeamGate(in: db).roster != nil else {
            return
        }
        var local = try LocalWriter(db: db, wall: wall)
        try local.append(.succeedMember(SucceedMember(of: old, by: identity.id, signedWith: oldKey)), to: .team)
        try local.finish()
        var report = ApplyReport()
        try settleTeam(in: db, wall: wall, report: &report)
    }
}
