/// The `--json` shape of DESIGN.md: `show` gives every key, `list` leaves out
/// `timeline`, `notes` and `people`. No key depends on the replica that prints it, so
/// replicas holding the same operations print the same bytes.
extension Incident: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, title, severity, status, lead, mitigation, solution, startedAt, reportedBy
        case timeline, notes, people, alarms, links, actions, postmortem, conflicts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(severity, forKey: .severity)
        try container.encode(status, forKey: .status)
        try container.encode(lead, forKey: .lead)
        try container.encode(mitigation, forKey: .mitigation)
        try container.encode(solution, forKey: .solution)
        try container.encode(ISOTime.format(milliseconds: startedAt), forKey: .startedAt)
        try container.encode(reportedBy, forKey: .reportedBy)
        if let timeline {
            try container.encode(timeline, forKey: .timeline)
            try container.encode(notes ?? [], forKey: .notes)
            try container.encode(people ?? [], forKey: .people)
        }
        try container.encode(alarms, forKey: .alarms)
        try container.encode(links, forKey: .links)
        try container.encode(actions, forKey: .actions)
        try container.encode(postmortem, forKey: .postmortem)
        try container.encode(conflicts, forKey: .conflicts)
    }
}

extension NoteLine: Encodable {
    private enum CodingKeys: String, CodingKey { case id, at, author, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ISOTime.format(milliseconds: at), forKey: .at)
        try container.encode(author, forKey: .author)
        try container.encode(text, forKey: .text)
    }
}

extension Link: Encodable {
    private enum CodingKeys: String, CodingKey { case id, at, author, kind, url }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ISOTime.format(milliseconds: added.wall), forKey: .at)
        try container.encode(author, forKey: .author)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(url, forKey: .url)
    }
}

extension ActionItem: Encodable {
    private enum CodingKeys: String, CodingKey { case id, at, author, done, owner, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ISOTime.format(milliseconds: added.wall), forKey: .at)
        try container.encode(author, forKey: .author)
        try container.encode(done, forKey: .done)
        try container.encode(owner.isEmpty ? nil : owner, forKey: .owner)
        try container.encode(text, forKey: .text)
    }
}

extension Alarm: Encodable {
    private enum CodingKeys: String, CodingKey { case name, author, silenced, until }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(author, forKey: .author)
        try container.encode(silenced, forKey: .silenced)
        try container.encode(until.map { ISOTime.format(milliseconds: $0) }, forKey: .until)
    }
}

extension Postmortem: Encodable {
    private enum CodingKeys: String, CodingKey { case summary, whys }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary, forKey: .summary)
        try container.encode(whys, forKey: .whys)
    }
}

/// The `--json` bytes of an incident, written by hand and streamed: the same bytes as
/// its `Encodable` form through `JSONEncoder` (sorted keys, slashes unescaped), which a
/// test holds them to, at a fraction of the cost for a timeline of 100,000 entries.
extension Incident {
    /// Writes the listing form (no timeline, notes or people) to `sink`: one line of JSON, no newline.
    public func writeListingJSON(to sink: ([UInt8]) -> Void) {
        write(to: sink, withTimeline: false) { _ in }
    }

    /// Writes the full form (with `timeline`, `notes` and `people`) to `sink` in pieces of
    /// about 64 KiB, in order: one line of JSON, no newline. The timeline (not
    /// `self.timeline`) comes from `timeline`, which calls its argument with each entry in order.
    public func writeJSON(
        to sink: ([UInt8]) -> Void, timeline: ((TimelineEntry) -> Void) throws -> Void
    ) rethrows {
        try write(to: sink, withTimeline: true, timeline: timeline)
    }

    private func write(
        to sink: ([UInt8]) -> Void, withTimeline: Bool, timeline: ((TimelineEntry) -> Void) throws -> Void
    ) rethrows {
        var writer = JSONWriter()
        writer.escapingEveryControl = true
        writer.beginObject()
        writer.key("actions")
        writer.beginArray()
        for action in actions { action.write(to: &writer) }
        writer.endArray()
        writer.key("alarms")
        writer.beginArray()
        for alarm in alarms { alarm.write(to: &writer) }
        writer.endArray()
        writer.key("conflicts")
        writer.beginArray()
        for conflict in conflicts { conflict.write(to: &writer) }
        writer.endArray()
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("lead")
        writer.string(lead)
        writer.key("links")
        writer.beginArray()
        for link in links { link.write(to: &writer) }
        writer.endArray()
        writer.key("mitigation")
        writer.string(mitigation)
        if withTimeline {
            writer.key("notes")
            writer.beginArray()
            for line in notes ?? [] { line.write(to: &writer) }
            writer.endArray()
            writer.key("people")
            writer.beginArray()
            for person in people ?? [] { writer.string(person) }
            writer.endArray()
        }
        writer.key("postmortem")
        postmortem.write(to: &writer)
        writer.key("reportedBy")
        writer.string(reportedBy)
        writer.key("severity")
        writer.integer(severity.rawValue)
        writer.key("solution")
        writer.string(solution)
        writer.key("startedAt")
        writer.string(ISOTime.format(milliseconds: startedAt))
        writer.key("status")
        writer.string(status.rawValue)
        if withTimeline {
            writer.key("timeline")
            writer.beginArray()
            try withoutActuallyEscaping(sink) { sink in
                try timeline { entry in
                    entry.write(to: &writer)
                    writer.drain(into: sink)
                }
            }
            writer.endArray()
        }
        writer.key("title")
        writer.string(title)
        writer.endObject()
        writer.drain(into: sink, whenOver: 0)
    }
}

extension TimelineEntry {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.string(ISOTime.format(milliseconds: at))
        writer.key("author")
        writer.string(author)
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("redacted")
        writer.bool(redacted)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }
}

extension NoteLine {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.string(ISOTime.format(milliseconds: at))
        writer.key("author")
        writer.string(author)
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }
}

extension Link {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.string(ISOTime.format(milliseconds: added.wall))
        writer.key("author")
        writer.string(author)
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("url")
        writer.string(url)
        writer.endObject()
    }
}

extension ActionItem {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.string(ISOTime.format(milliseconds: added.wall))
        writer.key("author")
        writer.string(author)
        writer.key("done")
        writer.bool(done)
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("owner")
        writer.string(owner.isEmpty ? nil : owner)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }
}

extension Alarm {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("author")
        writer.string(author)
        writer.key("name")
        writer.string(name)
        writer.key("silenced")
        writer.bool(silenced)
        writer.key("until")
        writer.string(until.map { ISOTime.format(milliseconds: $0) })
        writer.endObject()
    }
}

extension Postmortem {
    func write(to writer: inout JSONWriter) {
        // Most incidents have no postmortem: a listing writes this for each of them.
        if summary == nil, whys.allSatisfy({ $0 == nil }) {
            return writer.literal(#"{"summary":null,"whys":[null,null,null,null,null]}"#)
        }
        writer.beginObject()
        writer.key("summary")
        writer.string(summary)
        writer.key("whys")
        writer.beginArray()
        for why in whys { writer.string(why) }
        writer.endArray()
        writer.endObject()
    }
}

extension FieldConflict {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("candidates")
        writer.beginArray()
        for candidate in candidates {
            writer.beginObject()
            writer.key("author")
            writer.string(candidate.author)
            writer.key("op")
            writer.string(candidate.operation.description)
            writer.key("value")
            writer.string(candidate.value)
            writer.endObject()
        }
        writer.endArray()
        writer.key("entry")
        writer.string(entry?.rawValue)
        writer.key("field")
        writer.string(field)
        writer.endObject()
    }
}
