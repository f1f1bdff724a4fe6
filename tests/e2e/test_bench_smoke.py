"""The bench (bench/run.py) works end to end on a tiny scenario: 3 clients and 3 roles, ours and
the floor, one repetition, through the real CLI and the counting proxy (the real sizes run with
`make bench`, never in the test suite)."""

from __future__ import annotations

from typing import Any

from bench.run import Target, report, run_all


def test_bench_runs_and_reports_tiny_scenario(keycloak: Any) -> None:
    kc = Target(keycloak.url, keycloak.username, keycloak.password, "")
    results, facts = run_all([(7, 1)], ["ours", "floor"], lambda *_: None, kc)
    ours = results[(7, "ours", "first apply")][0]
    assert ours.requests == 2 * 7 and ours.logins == 1  # 2 requests per created object, one login
    assert results[(7, "ours", "no-change apply")][0].requests == 0
    assert results[(7, "ours", "preview")][0].logins == 0
    assert results[(7, "floor", "first apply")][0].requests == 0
    assert set(ours.peak_mb) >= {"cli", "program", "provider"}
    text = report(results, facts)
    assert "| 7 (1) | this project |" in text and "| 7 (1) | floor |" in text and "÷ floor" in text
