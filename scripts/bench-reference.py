#!/usr/bin/env python3
"""The reference's side of `npm run bench`: the same workloads, run by the Python reference imported from the
checkout named on the command line (a directory containing chaosops/). Nothing of the reference is copied here.

  python3 scripts/bench-reference.py REFERENCE eval EPISODES_PER_TYPE
      the reference's evaluator (run_evaluation) with the random policy on the hard tier, and its summary
      printed; the caller times the whole process, as it times `chaosops eval`. Writes no file.
  python3 scripts/bench-reference.py REFERENCE steps EPISODES TYPES
      in-process ChaosOpsEnvironment: episode i is TYPES[i % len(TYPES)] (comma-separated), hard, seed i,
      25 steps at most, actions drawn by random_policy(seed=i) in every role. A first pass draws the actions
      (and warms up); a second pass replays them, timing env.reset and env.step only. Prints JSON:
      {"episodes":…, "steps":…, "seconds":…}.
"""
import json
import sys
import time


def evaluate(episodes_per_type):
    from chaosops.env.models import DifficultyTier
    from chaosops.train.evaluate import render_summary, run_evaluation

    report = run_evaluation(tiers=[DifficultyTier.HARD], policy_names=['random'], episodes_per_type=episodes_per_type)
    print(render_summary(report))


def steps(episodes, types):
    from chaosops.agents.policies import random_policy
    from chaosops.env.environment import ChaosOpsEnvironment
    from chaosops.env.models import DifficultyTier, FailureType
    from chaosops.env.world_sim import Scenario

    env = ChaosOpsEnvironment()
    plan = []
    for i in range(episodes):
        scenario = Scenario.from_type(FailureType(types[i % len(types)]), seed=i, difficulty=DifficultyTier.HARD, max_steps=25)
        policy = random_policy(seed=i)
        observation = env.reset(scenario=scenario)
        actions = []
        while not observation.done:
            action = policy(observation, observation.turn_role)
            actions.append(action)
            observation = env.step(action)
        plan.append((scenario, actions))

    start = time.perf_counter()
    for scenario, actions in plan:
        env.reset(scenario=scenario)
        for action in actions:
            observation = env.step(action)
        if not observation.done:
            raise SystemExit(f'episode seed {scenario.seed} did not end where it ended the first time')
    seconds = time.perf_counter() - start
    print(json.dumps({'episodes': episodes, 'steps': sum(len(actions) for _, actions in plan), 'seconds': seconds}))


def main(argv):
    reference, workload, *rest = argv
    sys.path.insert(0, reference)
    if workload == 'eval':
        evaluate(int(rest[0]))
    elif workload == 'steps':
        steps(int(rest[0]), rest[1].split(','))
    else:
        raise SystemExit(f'unknown workload {workload!r}; expected eval or steps')


if __name__ == '__main__':
    main(sys.argv[1:])
