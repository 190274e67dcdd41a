import IncidentCore

/// The incident operation, not Foundation's `Operation` (which `import Foundation` also brings).
typealias Operation = IncidentCore.Operation
