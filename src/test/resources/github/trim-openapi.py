#!/usr/bin/env python3
"""Copies the operations Synapse uses out of @octokit/openapi's api.github.com.json, with every
component they reference (examples dropped), into api.github.com.trimmed.json.
Usage: python3 trim-openapi.py ../../../../../shared/github/api.github.com.json"""
import json, sys

OPS = {
    "/app": ["get"],
    "/app/installations/{installation_id}/access_tokens": ["post"],
    "/repos/{owner}/{repo}/pulls/{pull_number}": ["get"],
    "/repos/{owner}/{repo}/compare/{basehead}": ["get"],
    "/repos/{owner}/{repo}/contents/{path}": ["get"],
    "/repos/{owner}/{repo}/check-runs": ["post"],
    "/repos/{owner}/{repo}/check-runs/{check_run_id}": ["patch"],
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews": ["post"],
    "/repos/{owner}/{repo}/issues/{issue_number}/comments": ["get", "post"],
    "/repos/{owner}/{repo}/issues/comments/{comment_id}": ["patch"],
}

def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("examples", "example", "x-github")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node

def refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                out.add(v)
            else:
                refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)

src = json.load(open(sys.argv[1]))
paths = {}
for p, methods in OPS.items():
    paths[p] = {m: strip(src["paths"][p][m]) for m in methods}
components = {}
todo = set(); refs(paths, todo); done = set()
while todo:
    r = todo.pop()
    if r in done: continue
    done.add(r)
    _, _, kind, name = r.split("/", 3)
    node = strip(src["components"][kind][name])
    components.setdefault(kind, {})[name] = node
    found = set(); refs(node, found); todo |= found - done
out = {"openapi": src["openapi"], "info": {"title": src["info"]["title"], "version": src["info"]["version"],
       "description": "Operations used by Synapse, copied from @octokit/openapi (MIT, LICENSE-octokit-openapi) by trim-openapi.py"},
       "servers": src.get("servers"), "paths": paths, "components": components}
json.dump(out, open("api.github.com.trimmed.json", "w"), indent=1, sort_keys=True)
print(len(done), "components")
