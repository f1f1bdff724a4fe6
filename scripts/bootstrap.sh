#!/usr/bin/env bash
# Set up everything the demo and the tests need, idempotently:
# a virtualenv with the package and its dev dependencies, Java for Keycloak, OpenLDAP for the
# federation tests, and a pulumi CLI
# (the user's own, or one built once from Go modules into ~/.cache/pulumi-keycloak-dynamic).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1 && ! ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
  echo "[bootstrap] installing a Java runtime for Keycloak (apt-get)"
  apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 openjdk-17-jre-headless >/dev/null
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "[bootstrap] installing Maven to fetch the Keycloak distribution (apt-get)"
  apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 maven >/dev/null
fi
if { ! command -v slapd >/dev/null 2>&1 && [ ! -x /usr/sbin/slapd ]; } || ! command -v ldapadd >/dev/null 2>&1; then
  echo "[bootstrap] installing OpenLDAP (slapd, ldap-utils) for the user-federation tests (apt-get)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 slapd ldap-utils >/dev/null
fi

PY=${PYTHON:-python3}
stamp=.venv/.installed
# Two make commands started at once in one checkout take turns here (the lock ends with this shell).
exec 9>.venv.lock
flock 9
if [ ! -x .venv/bin/python ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "[bootstrap] creating .venv and installing the package with its dev dependencies"
  started=$SECONDS
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
  echo "[bootstrap] .venv ready in $((SECONDS - started))s"
fi
flock -u 9
# Prints what it builds and how long each step took, on stderr; nothing when the CLI is there.
.venv/bin/python -m scripts.pulumi_toolchain >/dev/null
