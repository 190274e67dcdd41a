import GRDB
import IncidentCore

extension Replica {
    /// Clears every materialized table and replays the whole log into it, in one transaction.
    ///
    /// The state after must equal the state before: that is what "materialized from
    /// the log" means, and `MaterializedState` lets a test (or `doctor`) compare.
    ///
    /// - Complexity: O(ops in the log).
    public func rebuildMaterializedState() throws {
        try writer.write { db in
            for table in Schema.materializedTables {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            let materializer = Materializer(db: db)
            for operation in try OperationLog(db: db).allOperations() {
                try materializer.apply(operation)
            }
        }
    }

    /// Every row of every materialized table, as text, in a fixed order.
    ///
    /// Two replicas that hold the same ops have equal dumps.
    public func materializedState() throws -> [String] {
        try writer.read { db in
            var lines: [String] = []
            for table in Schema.materializedTables {
                let columns = try db.columns(in: table).map(\.name)
                let order = columns.indices.map { String($0 + 1) }.joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
                    lines.append(table + " " + row.description)
                }
            }
            return lines
        }
    }
}
