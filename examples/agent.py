#!/usr/bin/env python3
"""A ChaosOps seat played by a program: chaosops run --policy 'sre=cmd:python3 examples/agent.py'.
Reads one observation per line on stdin, answers one action per line on stdout (docs/agents.md)."""
import json, sys

CLUES = {"deadlock": "db_deadlock", "leak": "memory_leak", "config": "bad_config_push", "dns": "dns_outage", "disk": "disk_full"}
declared = False
for line in sys.stdin:
    turn = json.loads(line)
    view = turn["observation"]["view"]
    sick = sorted((m["error_rate"], name) for name, m in view["visible_metrics"].items() if m["health"] != "healthy")
    logs = " ".join(log["message"].lower() for log in view["visible_logs"])
    cause = next((failure for clue, failure in CLUES.items() if clue in logs), None)
    if cause and not declared:
        declared, action = True, {"action_type": "identify_root_cause", "args": {"failure_type": cause}}
    elif sick:
        action = {"action_type": "restart", "target": sick[-1][1]}
    else:
        action = {"action_type": "communicate", "args": {"message": "all green from here"}}
    print(json.dumps(action), flush=True)
    print(f"step {turn['step']}: {json.dumps(action)}", file=sys.stderr, flush=True)
