#!/usr/bin/env python3
"""A ChaosOps seat played by a program: `chaosops run --policy 'sre=cmd:python3 examples/agent.py'`.
Reads one observation per line on stdin, answers one action per line on stdout (docs/agents.md)."""
import json, sys

for line in sys.stdin:
    turn = json.loads(line)
    view = turn["observation"]["view"]
    sick = [(name, m) for name, m in view["visible_metrics"].items() if m["health"] != "healthy"]
    sick.sort(key=lambda item: item[1]["error_rate"], reverse=True)
    logs = " ".join(log["message"].lower() for log in view["visible_logs"])
    if not sick:
        action = {"action_type": "communicate", "args": {"message": "all green from here"}}
    elif turn["step"] <= 3 and "deadlock" in logs:
        action = {"action_type": "identify_root_cause", "args": {"failure_type": "db_deadlock"}}
    else:
        action = {"action_type": "restart", "target": sick[0][0]}
    print(json.dumps(action), flush=True)
    print(f"step {turn['step']}: {action['action_type']}", file=sys.stderr, flush=True)
