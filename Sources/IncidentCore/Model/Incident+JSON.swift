/// The `--json` bytes of an incident, written by hand and streamed: the same bytes as
/// its `Encodable` form through `JSONEncoder` (sorted keys, slashes unescaped), which a
/// test holds them to, at a fraction of the cost for a timeline of 100,000 entries.
extension Incident {
    /// Writes the listing form (no timeline, no notes) to `sink`: one line of JSON, no newline.
    public func writeListingJSON(to sink: ([UInt8]) -> Void) {
        write(to: sink, withTimeline: false) { _ in }
    }

    /// Writes the full form (with `timeline` and `notes`) to `sink` in pieces of about
    /// 64 KiB, in order: one line of JSON, no newline. The timeline (not `self.timeline`)
    /// comes from `timeline`, which calls its argument with each entry in order.
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
        writer.emptyArray()
        writer.key("alarms")
        writer.emptyArray()
        writer.key("conflicts")
        writer.beginArray()
        for conflict in conflicts { conflict.write(to: &writer) }
        writer.endArray()
        writer.key("id")
        writer.string(id.rawValue)
        writer.key("lead")
        writer.string(lead)
        writer.key("links")
        writer.emptyArray()
        writer.key("mitigation")
        writer.string(mitigation)
        if withTimeline {
            writer.key("notes")
            writer.emptyArray()
        }
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
