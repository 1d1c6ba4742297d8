#!/usr/bin/env bash
# The whole test suite in one command, for a developer's machine and for CI (a fresh Debian machine, as root):
#   1. installs what the tests need when it is missing (Chromium and fonts for the browser tests, the PostgreSQL server),
#   2. restores the local tools and builds the solution once,
#   3. checks that neither provider's migrations lag behind the EF Core model,
#   4. runs every test project in tests/ (unit, integration on SQLite and PostgreSQL, browser),
#   5. ends with one line "N passed, N failed[, N skipped]" summed over the TRX results.
# Exits non-zero when any step or any test failed, or when no test ran.
set -uo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
CONFIGURATION=Debug

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node outlives the script (CI waits for every process that holds its output).
export MSBUILDDISABLENODEREUSE=1
export DEBIAN_FRONTEND=noninteractive

failures=()
timings=()
suite_start=$SECONDS

step() { # step NAME COMMAND...: runs a step, records its time and whether it failed
  local name=$1 start=$SECONDS status
  shift
  echo
  echo "==> $name"
  "$@"
  status=$?
  timings+=("$(printf '%5ss  %s' $((SECONDS - start)) "$name")")
  if [ $status -ne 0 ]; then
    echo "!!! $name failed (exit $status)"
    failures+=("$name")
  fi
  return $status
}

source tools/prerequisites.sh # as_root, apt_install, missing_pdf_prerequisites (shared with run.sh)

install_prerequisites() {
  local missing=()
  mapfile -t missing < <(missing_pdf_prerequisites)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v python3 >/dev/null || missing+=(python3)
  [ -x /usr/bin/systemd-analyze ] || missing+=(systemd) # checks the systemd unit in deploy/
  if [ ${#missing[@]} -eq 0 ]; then
    echo "Chromium, fonts, PostgreSQL server, python3 and systemd-analyze are installed."
    return 0
  fi
  echo "Installing: ${missing[*]}"
  apt_install "${missing[@]}"
}

model_drift_check() {
  local status=0 provider
  for provider in Sqlite Postgres; do
    echo "--- $provider migrations against the model"
    dotnet ef migrations has-pending-model-changes \
      --project "src/BaliProcess.Migrations.$provider" --startup-project "src/BaliProcess.Migrations.$provider" \
      --configuration $CONFIGURATION --no-build || status=1
  done
  return $status
}

# The tests' temporary files (SQLite databases, throwaway PostgreSQL clusters, Chromium profiles) go to a folder of
# this run's own, so that whatever a test process leaves behind is stopped and removed when the script ends.
RUN_TMP=$(mktemp -d /tmp/bp-test-run.XXXXXX)
chmod 1777 "$RUN_TMP" # the clusters run as user postgres, who must reach their folders
cleanup() {
  local data pg_ctl
  pg_ctl=$(compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" | sort -V | tail -n 1)
  for data in "$RUN_TMP"/bp-pg-*/data; do
    [ -n "$pg_ctl" ] && [ -f "$data/postmaster.pid" ] || continue
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    else
      "$pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$RUN_TMP"
}
trap cleanup EXIT

run_tests() { # run_tests PROJECT
  local project=$1 name
  name=$(basename "$project" .csproj)
  TMPDIR="$RUN_TMP" dotnet test "$project" --no-build --configuration $CONFIGURATION \
    --results-directory "$RESULTS" --logger "trx;LogFileName=$name.trx" \
    --blame-hang-timeout 15m --blame-hang-dump-type none
}

summarise() {
  python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(path).getroot()
    outcomes = [r.get("outcome", "") for r in root.iterfind(".//t:Results/t:UnitTestResult", ns)]
    p = sum(o == "Passed" for o in outcomes)
    f = sum(o in ("Failed", "Error", "Timeout", "Aborted") for o in outcomes)
    s = len(outcomes) - p - f
    summary = root.find("t:ResultSummary", ns)
    run = summary.get("outcome") if summary is not None else "?"
    print(f"  {path.rsplit('/', 1)[-1]}: {p} passed, {f} failed, {s} skipped (run outcome: {run})", file=sys.stderr)
    passed, failed, skipped = passed + p, failed + f, skipped + s
print(f"{passed} {failed} {skipped}")
PY
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

step "install prerequisites" install_prerequisites
step "dotnet tool restore" dotnet tool restore
if step "build" dotnet build BaliProcess.slnx --configuration $CONFIGURATION; then
  step "model drift check (SQLite and PostgreSQL migrations)" model_drift_check
  for project in tests/*/*.csproj; do
    step "tests: $(basename "$project" .csproj)" run_tests "$project"
  done
fi
dotnet build-server shutdown >/dev/null 2>&1 || true

echo
echo "==> Timings"
printf '%s\n' "${timings[@]}"
printf '%5ss  total\n' $((SECONDS - suite_start))

echo
echo "==> Test results"
read -r passed failed skipped < <(summarise) || { passed=0; failed=0; skipped=0; failures+=("summary"); }
if [ "$((passed + failed + skipped))" -eq 0 ]; then
  echo "!!! No test ran."
  failures+=("no tests ran")
fi
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failed steps: $(IFS=';'; echo "${failures[*]}")"
fi
echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ ${#failures[@]} -eq 0 ] && [ "$failed" -eq 0 ]
