import Foundation
import Hummingbird
import IncidentCore
import IncidentStore
import NIOCore

/// The read-only timeline pages: `GET /` lists the incidents (severity, status, lead, last
/// update, overdue by the runbook's cadence), `GET /incidents/ID` shows one: its timeline
/// in event-time order (web addresses in entries as links, each kind but events labelled),
/// conflicts, notes, alarms silenced, links, action items and the postmortem. Times are
/// UTC, and say so. A value that may be missing is left out of the template's context (an
/// empty string, or a `nil` inside `Any`, would still open its section).
struct PageController<Context: RequestContext> {
    let replica: Replica

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/", use: list)
        routes.get("/incidents/:id", use: show)
        return routes
    }

    @Sendable func list(request: Request, context: Context) async throws -> Response {
        let html = try await offload { [replica] in try Self.listPage(of: replica) }
        return Self.page(html)
    }

    @Sendable func show(request: Request, context: Context) async throws -> Response {
        let reference = try context.parameters.require("id")
        let html = try await offload { [replica] () throws -> String? in
            guard let id = try? replica.resolveIncident(reference) else { return nil }
            return try Self.incidentPage(of: replica.incident(id), now: replica.now())
        }
        guard let html else { throw HubError.noIncident }
        return Self.page(html)
    }

    private static func page(_ html: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// `2026-11-28 14:02`, UTC.
    static func time(_ milliseconds: Int64) -> String {
        String(ISOTime.format(milliseconds: milliseconds).replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    static func listPage(of replica: Replica) throws -> String {
        let now = replica.now()
        // One listing: the open ones (as `list` shows them) with their cadence, then the rest.
        let all = try replica.incidents(includeClosed: true)
        let isOpen = { (incident: Incident) in incident.status.isOpen || incident.isHeldOpenByAConflict }
        let open = try replica.updateCadences(of: all.filter(isOpen))
        let closed = try replica.updateCadences(of: all.filter { !isOpen($0) })
        let short = try replica.shortIncidentIDs()
        func row(_ incident: Incident, cadence: UpdateCadence, isOpen: Bool) -> [String: Any] {
            var row: [String: Any] = [
                "id": incident.id.rawValue, "short": short.prefix(ofHex: incident.id.rawValue),
                "title": incident.title, "severity": incident.severity.rawValue, "status": incident.status.rawValue,
                "conflicted": !incident.conflicts.isEmpty,
            ]
            row["lead"] = incident.lead
            row["lastUpdate"] = cadence.lastUpdate.map(time) ?? (isOpen ? "none yet" : "none")
            if isOpen, let overdue = cadence.overdue(at: now) { row["overdue"] = TimeSpan.words(milliseconds: overdue) }
            return row
        }
        let rows =
            open.map { row($0.incident, cadence: $0, isOpen: true) }
            + closed.map { row($0.incident, cadence: $0, isOpen: false) }
        return PageTemplates.library.render(
            ["incidents": rows, "hasIncidents": !rows.isEmpty, "refreshed": time(now) + " UTC"],
            withTemplate: "incidents") ?? ""
    }

    static func incidentPage(of incident: Incident, now: Int64) -> String {
        let timeline = (incident.timeline ?? []).map { entry -> [String: Any] in
            let runs = entry.redacted ? [LinkedText.Run(text: "[redacted]")] : LinkedText.runs(of: entry.text)
            var row: [String: Any] = [
                "at": time(entry.at), "author": entry.author, "kind": entry.kind.rawValue,
                "runs": runs.map { run -> [String: Any] in
                    var part: [String: Any] = ["text": run.text]
                    part["href"] = run.address
                    return part
                },
                "redacted": entry.redacted,
            ]
            // Updates and the rest say what they are in words, not by weight alone.
            row["label"] = entry.kind == .event ? nil : entry.kind.rawValue
            // A writer whose clock ran ahead: shown in its place, and said so.
            if entry.at > now + HealthReport.aheadThreshold {
                row["ahead"] = TimeSpan.words(milliseconds: entry.at - now)
            }
            return row
        }
        let conflicts = incident.conflicts.map { conflict -> [String: Any] in
            let isTime = conflict.entry != nil && conflict.field == "at"
            func shown(_ value: String) -> String {
                guard isTime, case .instant(let milliseconds) = WrittenTime(value) else { return value }
                return time(milliseconds)
            }
            return [
                "what": conflict.entry.map { "entry \($0.rawValue.prefix(6)) \(isTime ? "time" : "text")" }
                    ?? conflict.field,
                "values": conflict.candidates.map { "'\(shown($0.value))' (\($0.author))" }.joined(separator: " vs "),
            ]
        }
        let notes = (incident.notes ?? []).map { ["text": $0.text, "author": $0.author] }
        let alarms = incident.alarms.filter(\.silenced).map { alarm -> [String: Any] in
            ["name": alarm.name, "state": "by \(alarm.author)" + (alarm.until.map { ", until \(time($0))" } ?? "")]
        }
        let links = incident.links.map { link -> [String: Any] in
            let isWeb = link.url.hasPrefix("https://") || link.url.hasPrefix("http://")
            var row: [String: Any] = ["kind": link.kind.rawValue, "url": link.url]
            row["href"] = isWeb ? link.url : nil
            return row
        }
        let actions = incident.actions.map { action -> [String: Any] in
            var row: [String: Any] = ["text": action.text, "done": action.done]
            row["owner"] = action.owner.isEmpty ? nil : action.owner
            return row
        }
        let people = incident.people ?? []
        var context: [String: Any] = [
            "title": incident.title, "severity": incident.severity.rawValue, "status": incident.status.rawValue,
            "reportedBy": incident.reportedBy, "startedAt": time(incident.startedAt), "conflicts": conflicts,
            "timeline": timeline,
            "notes": notes, "hasNotes": !notes.isEmpty, "alarms": alarms, "hasAlarms": !alarms.isEmpty,
            "links": links, "hasLinks": !links.isEmpty, "actions": actions, "hasActions": !actions.isEmpty,
            "refreshed": time(now) + " UTC",
        ]
        context["lead"] = incident.lead
        context["people"] = people.isEmpty ? nil : people.joined(separator: ", ")
        context["mitigation"] = incident.mitigation
        context["solution"] = incident.solution
        let whys = incident.postmortem.whys.compactMap { $0 }.filter { !$0.isEmpty }.map { ["text": $0] }
        if incident.postmortem.summary?.isEmpty == false || !whys.isEmpty {
            var postmortem: [String: Any] = ["whys": whys, "hasWhys": !whys.isEmpty]
            postmortem["summary"] = incident.postmortem.summary
            context["postmortem"] = postmortem
        }
        return PageTemplates.library.render(context, withTemplate: "incident") ?? ""
    }
}
