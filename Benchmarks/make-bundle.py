#!/usr/bin/env python3
"""Writes a bundle (format 1) of made-up ops from one replica, for the command benchmarks.

    make-bundle.py FILE --incidents N [--entries M]

N incidents (incident.create), then M timeline entries (entry.add) in the first one,
each entry's text about 50 bytes, as `incident log` would record them.
"""
import argparse, hashlib, json, os

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--incidents", type=int, default=1)
parser.add_argument("--entries", type=int, default=0)
parser.add_argument("--seed", default="bench")
args = parser.parse_args()

def hex_id(*parts):
    return hashlib.sha256("/".join([args.seed, *map(str, parts)]).encode()).hexdigest()[:32]

replica = hex_id("replica")
wall = 1_795_874_400_000
seq = 0

def line(kind, incident, body):
    global seq
    seq += 1
    op = {"author": "alice", "body": body, "hlc": "%012x.%08x.%s" % (wall + seq, 0, replica),
          "incident": incident, "kind": kind, "replica": replica, "seq": seq, "v": 1}
    return (json.dumps(op, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()

first = hex_id("incident", 0)
temporary = args.file + ".tmp"
with open(temporary, "wb") as out:
    header_at = out.tell()
    # The header names the source's vector, known only at the end: reserve a fixed width.
    out.write(b" " * 200 + b"\n")
    digest = hashlib.sha256()
    for index in range(args.incidents):
        data = line("incident.create", hex_id("incident", index),
                    {"at": wall + index, "lead": "bob", "severity": 1 + index % 3,
                     "title": "Search API returns 500, number %d" % index})
        digest.update(data)
        out.write(data)
    for index in range(args.entries):
        data = line("entry.add", first,
                    {"at": wall + index, "entry": hex_id("entry", index), "kind": "event",
                     "text": "api 5xx climbing on the search cluster, line %d" % index})
        digest.update(data)
        out.write(data)
    trailer = {"trailer": {"count": seq, "sha256": digest.hexdigest()}}
    out.write((json.dumps(trailer, separators=(",", ":")) + "\n").encode())
    header = {"bundle": "incident", "version": 1, "source": replica, "vector": {replica: seq}}
    encoded = json.dumps(header, separators=(",", ":")).encode()
    out.seek(header_at)
    out.write(encoded)
os.rename(temporary, args.file)
