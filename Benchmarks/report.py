#!/usr/bin/env python3
"""Prints the table of Benchmarks/README.md from what commands.sh measured in WORK."""
import json, os, sys

work = sys.argv[1]

def means(name):
    with open(os.path.join(work, name + ".json")) as f:
        results = json.load(f)["results"]
    return [r["mean"] for r in results]

def size(name):
    return os.path.getsize(os.path.join(work, name + ".sqlite"))

print("| measure | incident | floor | ratio | goal |")
print("|---|---|---|---|---|")
for name, what, goal in [("apply", "`bundle apply` of 100,000 ops", ">= 0.25x"),
                         ("apply-signed", "`bundle apply` of 100,000 signed ops (one run), verified", ">= 0.25x"),
                         ("log", "`log` of 100,000 stdin lines", ">= 0.2x")]:
    command, floor = means(name)
    print(f"| {what} | {command:.3f} s | {floor:.3f} s | {floor / command:.2f}x the floor | {goal} |")
entry_bytes = (size("100k") - size("empty")) / 100000
floor_bytes = size("floor") / 100000
print(f"| bytes per entry (100,000 entries, checkpointed) | {entry_bytes:.0f} B | {floor_bytes:.0f} B |"
      f" {entry_bytes / floor_bytes:.2f}x | <= 2.5x |")
logged_bytes = (size("logged") - size("one-incident")) / 100000
print(f"| bytes per entry, `log` of 100,000 stdin lines (signed, checkpointed) | {logged_bytes:.0f} B |"
      f" {floor_bytes:.0f} B | {logged_bytes / floor_bytes:.2f}x | <= 2.5x |")
one_bytes = (size("one-by-one") - size("one-incident")) / 1000
print(f"| bytes per entry, 1,000 entries logged one command each (a seal each) | {one_bytes:.0f} B |"
      f" {floor_bytes:.0f} B | {one_bytes / floor_bytes:.2f}x | |")
for name, what, goal in [("show", "`show` of a 100,000-entry incident", "<= 3x"),
                         ("show-json", "`show --json` of it", "<= 3x"),
                         ("show-team", "`show` of it on a replica of a team (names by the roster)", "<= 3x"),
                         ("list-all", "`list --all` over 10,000 incidents", "<= 3x"),
                         ("list-json", "`list --all --json` over them", "<= 3x"),
                         ("list-entries", "`list` beside a 100,000-entry incident", "flat"),
                         ("list-one", "`list` beside a 1-entry incident", "flat"),
                         ("version", "`incident --version` (start-up alone)", ""),
                         ("record-one", "record one entry (`log TEXT`), whole process", "<= 3x")]:
    command, floor = means(name)
    print(f"| {what} | {command * 1000:.1f} ms | {floor * 1000:.1f} ms | {command / floor:.2f}x | {goal} |")
with open(os.path.join(work, "1m-apply.txt")) as f:
    seconds, kib = f.read().split()
print(f"| `bundle apply` of 1,000,000 ops: time, peak memory | {float(seconds):.1f} s, {int(kib) / 1024:.0f} MiB | | | <= 64 MiB |")
for size_name in ["10k", "100k", "1m"]:
    (command,) = means("sync-" + size_name)
    print(f"| `sync URL`, 10 new ops over {size_name} of history | {command * 1000:.1f} ms | | | < 30 ms |")
