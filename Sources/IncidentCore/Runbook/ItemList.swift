/// The lists an incident keeps beside its timeline, each an add-only set of items with
/// tombstones for removal (the notes are also a sequence: `NoteOrder`).
public enum ItemList: String, CaseIterable, Sendable {
    /// The shared scratchpad, line by line.
    case note
    /// Issues, status posts and chat threads about the incident.
    case link
    /// Follow-ups from the postmortem.
    case action
}

/// What an `item.set` writes: each is a last-writer-wins register per item (the value with
/// the greatest clock), so a maintainer who ticks an action done and another who edits
/// the same note line never block each other.
public enum ItemField: String, CaseIterable, Sendable {
    /// A note line's text, an action item's text (a link's URL is fixed when added).
    case text
    /// An action item's owner (empty: nobody yet).
    case owner
    /// Whether an action item is done: `yes` or `no`.
    case done
}
